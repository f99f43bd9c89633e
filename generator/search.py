"""Builds the Pagefind index of a built site (runs the pagefind binary).

The browser side is pages/assets/search.js; the file:// copy of the index is
made by bundle.py.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.kehoach")

# Not indexed as text. Pagefind still reads filters and metadata from these
# elements; only their words stay out of excerpts ("Cơ quanBan Tổ chức...").
# Material's "¶" heading permalinks would otherwise end every title.
EXCLUDED_SELECTORS = (
    "[data-pagefind-filter][hidden]",
    "[data-pagefind-meta][hidden]",
    "a.headerlink",
    "a.kh-permalink",  # the copyable "#" of numbered items (pages.py)
    ".kh-print-meta",
)

# Text that another page holds, indexed once, where it was written: each duty
# is in its plan page, each citing sentence in the citing plan.  A body page
# repeated every duty it holds and a document page every sentence citing it,
# which doubled the posting lists of common words (the bytes of a first
# query) and Pagefind's time and memory.  Those pages stay results for their
# names, numbers and filters ("Cơ quan được giao" narrows to a body's plans).
# The timeline is not indexed (no data-pagefind-body); its table is listed so
# that it stays out if it ever is.
DUPLICATED_SELECTORS = (
    "table.kh-duties",
    "table.kh-timeline",
    "ul.kh-mentions",
)


def pagefind_command(site_dir: Path) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "vi", "--quiet"]
    # Result URLs keep "index.html": a directory URL does not open its index from file://.
    command.append("--keep-index-url")
    for selector in EXCLUDED_SELECTORS + DUPLICATED_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site_dir: Path) -> None:
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind không lập được chỉ mục tìm kiếm:\n{result.stdout}\n{result.stderr}")
    from .search_stable import stabilize

    stabilize(site_dir / "pagefind")  # the same site gives the same index bytes
    log.info("Đã lập chỉ mục tìm kiếm Pagefind.")
