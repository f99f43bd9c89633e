"""The web-portal form of a fixture source: the text a legal portal's page
gives when copied (see generator/importer/portal.py for what the importer
makes of it).

* tables -- the letterhead, the signature block, task tables -- one cell per
  paragraph between ``|`` lines: a ``|`` line opens each cell, a second
  ``|`` line ends the row, a blank line ends the table; a cell left empty is
  a blank line;
* the letterhead as two rows (issuer | motto, then number | place-date),
  the signature block as one row (Nơi nhận | signature);
* emphasis broken around labels the way portals break it: the closing
  marker after the space (``*Đơn vị chủ trì: *Sở Nội vụ``), item numbers in
  bold (``**6.** Đề nghị``), empty emphasis before a bold name
  (``1. ** **Sở Tài chính``) or before plain text (``2. ****Rà soát``);
* footnote bodies at the very end, after the signature, as a portal prints
  them.
"""

from __future__ import annotations

import re

from tests.importkit.source import Block, PlanSource, block_text


def _table(rows: list[list[list[str]]]) -> list[str]:
    out: list[str] = []
    for row in rows:
        for cell in row:
            out.append("|")
            out += cell if cell else [""]
        out += ["|", "|"]
    return out + [""]


def _letterhead(source: PlanSource) -> list[str]:
    pairs = source.letterhead
    split = next((i for i, (left, right) in enumerate(pairs) if re.match(r"^Số\b", left) or "ngày" in right), len(pairs))
    rows = []
    for group in (pairs[:split], pairs[split:]):
        if group:
            rows.append([[l for l, _ in group if l], [r for _, r in group if r]])
    return _table(rows)


def _broken(text: str) -> str:
    """Emphasis as a portal breaks it: "*Đơn vị chủ trì:* X" -> "*Đơn vị chủ trì: *X"."""
    return re.sub(r"(\*{1,2})([^*\n]+?:)\1 (?=\S)", r"\1\2 \1", text)


def _block(block: Block, index: int) -> list[str]:
    if block.kind == "table":
        return _table([[[c] if c else [] for c in row] for row in block.rows])
    if block.kind == "item" and block.level == 2:
        if block.text.startswith("**"):
            return [f"{block.printed} ** **{_broken(block.text)}", ""]
        if index % 2:
            return [f"**{block.printed}** {_broken(block.text)}", ""]
        return [f"{block.printed} ****{_broken(block.text)}", ""]
    return [_broken(block_text(block)), ""]


def make_portal(source: PlanSource) -> str:
    out = _letterhead(source)
    notes: list[str] = []
    items = 0
    for block in source.blocks:
        if block.kind == "footnote":
            notes.append(f"[^{block.label}]: {block.text}")
            continue
        if block.kind == "item":
            items += 1
        out += _block(block, items)
    if source.footer:
        out += _table([[[l for l, _ in source.footer if l], [r for _, r in source.footer if r]]])
    out += notes
    return "\n".join(out).rstrip() + "\n"
