"""Builds the Pagefind index of a built site (runs the pagefind binary)."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.kehoach")


def index_site(site_dir: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "vi", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind không lập được chỉ mục tìm kiếm:\n{result.stdout}\n{result.stderr}")
    log.info("Đã lập chỉ mục tìm kiếm Pagefind.")
