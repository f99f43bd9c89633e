"""URLs between generated pages (site paths end in .html: use_directory_urls is off)."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from .citations import document_slug

# The pages of the citation index.
DIR = "van-ban"
INDEX = f"{DIR}/index.md"
TREE = f"{DIR}/cay-thuc-hien.md"
EXPORT = "data/citations.json"


def document_md(key: str) -> str:
    """van-ban/<slug>.md: the page of a cited document."""
    return f"{DIR}/{document_slug(key)}.md"


def html_path(md_path: str) -> str:
    return md_path[: -len(".md")] + ".html" if md_path.endswith(".md") else md_path


def relative(from_md: str, to: str) -> str:
    """Link from the page ``from_md`` to the site path ``to`` (a .md page or any file)."""
    target, _, anchor = to.partition("#")
    if target.endswith(".md"):
        target = target[:-3] + ".html"
    anchor = "#" + anchor if anchor else ""
    return _relpath(target, from_md) + anchor


def _relpath(target: str, from_md: str) -> str:
    """``posixpath.relpath(target, dirname(from_md) or ".")`` without its two
    abspath() calls (each asks for the working directory; the pages link to
    each other hundreds of thousands of times): the site's paths are relative
    and plain, so comparing their parts gives the same answer."""
    start, up = _directory_parts(from_md)
    if up is None or not _plain(target):
        return posixpath.relpath(target, start or ".")  # anything unusual: the library decides
    parts = target.split("/")
    common = 0
    for a, b in zip(up, parts):
        if a != b:
            break
        common += 1
    rel = [".."] * (len(up) - common) + parts[common:]
    return "/".join(rel) if rel else "."


def _plain(path: str) -> bool:
    """A relative path without empty, "." or ".." parts: abspath() would
    only put the working directory in front of it."""
    return bool(path) and path[0] != "/" and path[-1] != "/" and "//" not in path and "/." not in "/" + path


@lru_cache(maxsize=1024)  # a page links many times in a row
def _directory_parts(from_md: str) -> tuple[str, tuple[str, ...] | None]:
    """The page's directory, and its parts when it is plain."""
    start = posixpath.dirname(from_md)
    if not start:
        return start, ()
    return start, (tuple(start.split("/")) if _plain(start) else None)


def plan_md(plan_id: str) -> str:
    return f"ke-hoach/{plan_id}.md"


def agency_md(agency_id: str) -> str:
    return f"co-quan/{agency_id}.md"
