"""Long lists cut into pages that stay small.

A page that lists everything (the timeline, a body named in thousands of
plans, the home page, the list of cited documents) grows with the corpus:
at 10,000 plans it would be tens of megabytes and take minutes to open.
Every such list is cut into pages of at most ``page_rows`` rows (about
1 KB of HTML each, so a page stays well under 1 MB); a list that fits stays
one page, exactly as before.

Rows come in groups (the duties of one plan, the plans of one organisation);
consecutive groups are packed onto a page, and only a group larger than a
whole page is cut, its continuation marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

from .links import relative
from .render import esc

DEFAULT_PAGE_ROWS = 400

T = TypeVar("T")
K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Piece(Generic[K, T]):
    """Rows of one group placed on one page; ``continued`` if the group began on an earlier page."""

    key: K
    rows: Sequence[T]
    continued: bool = False


def pack(groups: Sequence[tuple[K, Sequence[T]]], limit: int) -> list[list[Piece[K, T]]]:
    """Consecutive groups on pages of at most ``limit`` rows (always at least one page)."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    pages: list[list[Piece[K, T]]] = []
    current: list[Piece[K, T]] = []
    size = 0
    for key, rows in groups:
        if size and size + len(rows) > limit:
            pages.append(current)
            current, size = [], 0
        for start in range(0, len(rows), limit):
            piece = rows[start : start + limit]
            if size and size + len(piece) > limit:
                pages.append(current)
                current, size = [], 0
            current.append(Piece(key, piece, start > 0))
            size += len(piece)
    if current or not pages:
        pages.append(current)
    return pages


def page_md(first_md: str, number: int) -> str:
    """Path of page ``number`` (1-based) of a list whose first page is ``first_md``:
    ``co-quan/x/y.md``, ``co-quan/x/y/trang-2.md``, ..."""
    if number == 1:
        return first_md
    return f"{first_md[: -len('.md')]}/trang-{number}.md"


def pager(here: str, paths: Sequence[str], current: int, labels: Sequence[str] = ()) -> str:
    """Navigation between the pages of one list; ``current`` is 0-based.
    ``labels`` (optional) say what each page holds, e.g. a date range."""
    if len(paths) < 2:
        return ""
    items = []
    for i, path in enumerate(paths):
        title = f' title="{esc(labels[i])}"' if i < len(labels) and labels[i] else ""
        if i == current:
            items.append(f'<li><span aria-current="page"{title}>{i + 1}</span></li>')
        else:
            items.append(f'<li><a href="{esc(relative(here, path))}"{title}>{i + 1}</a></li>')
    prev = f'<a class="kh-pager-prev" href="{esc(relative(here, paths[current - 1]))}" rel="prev">← Trang trước</a>' if current > 0 else ""
    nxt = (
        f'<a class="kh-pager-next" href="{esc(relative(here, paths[current + 1]))}" rel="next">Trang sau →</a>'
        if current + 1 < len(paths)
        else ""
    )
    return (
        f'<nav class="kh-pager" aria-label="Các trang của danh sách" data-pagefind-ignore>'
        f'<span class="kh-pager-where">Trang {current + 1}/{len(paths)}</span>'
        f'{prev}<ol class="kh-pager-pages">{"".join(items)}</ol>{nxt}</nav>\n'
    )
