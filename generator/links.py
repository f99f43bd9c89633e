"""URLs between generated pages (site paths end in .html: use_directory_urls is off)."""

from __future__ import annotations

import posixpath


def html_path(md_path: str) -> str:
    return md_path[: -len(".md")] + ".html" if md_path.endswith(".md") else md_path


def relative(from_md: str, to: str) -> str:
    """Link from the page ``from_md`` to the site path ``to`` (a .md page or any file)."""
    target, _, anchor = to.partition("#")
    target = html_path(target)
    anchor = "#" + anchor if anchor else ""
    start = posixpath.dirname(from_md) or "."
    return posixpath.relpath(target, start) + anchor


def plan_md(plan_id: str) -> str:
    return f"ke-hoach/{plan_id}.md"


def agency_md(agency_id: str) -> str:
    return f"co-quan/{agency_id}.md"
