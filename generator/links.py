"""URLs between generated pages (site paths end in .html: use_directory_urls is off)."""

from __future__ import annotations

import posixpath
from functools import lru_cache


def html_path(md_path: str) -> str:
    return md_path[: -len(".md")] + ".html" if md_path.endswith(".md") else md_path


def relative(from_md: str, to: str) -> str:
    """Link from the page ``from_md`` to the site path ``to`` (a .md page or any file)."""
    target, _, anchor = to.partition("#")
    target = html_path(target)
    anchor = "#" + anchor if anchor else ""
    return _relpath(target, posixpath.dirname(from_md)) + anchor


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath(target, start or ".")`` without its two abspath()
    calls (each asks for the working directory; the pages link to each other
    hundreds of thousands of times): the site's paths are relative and plain,
    so comparing their parts gives the same answer."""
    up = _directory_parts(start)
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


@lru_cache(maxsize=1024)
def _directory_parts(start: str) -> tuple[str, ...] | None:
    if not start:
        return ()
    return tuple(start.split("/")) if _plain(start) else None


def plan_md(plan_id: str) -> str:
    return f"ke-hoach/{plan_id}.md"


def agency_md(agency_id: str) -> str:
    return f"co-quan/{agency_id}.md"
