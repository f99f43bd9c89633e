"""The web-portal form of a fixture source: the text a legal portal's page
gives when copied (see generator/importer/portal.py for what the importer
makes of it).  Two styles:

* ``style="copy"`` (the default), as a page of a legal portal copies: the
  letterhead's four cells one after another with a lone ``|`` line after
  each (no row breaks: issuer, motto, number, place-date), each cell's text
  broken where the page's HTML source broke it ("Tuyên Quang, ngày" /
  "10 tháng 12 năm 2013"), the rules "-------" kept; the body with no
  blank line at all and every paragraph wrapped at an uneven width,
  sometimes after its first word or two; task tables and the signature
  block as cells with a ``|`` line after each;
* ``style="rows"``, described below.

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


def _wrap(text: str, seed: int) -> list[str]:
    """``text`` broken as a portal page's HTML source breaks it: at uneven
    widths (55-95 characters), sometimes after the first word or two."""
    words = text.split()
    if not words:
        return []
    lines: list[str] = []
    first = 1 + seed % 2 if seed % 3 == 0 and len(words) > 6 else 0
    if first and re.fullmatch(r"\**(?:[-+•]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[IVXLC]+\.)\**", words[0]):
        first += 1  # a label keeps a word after it
    if first:
        lines.append(" ".join(words[:first]))
        words = words[first:]
    width = 55 + (seed * 37) % 41
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
            width = 55 + (len(lines) * 53 + seed) % 41
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def _cells(cells: list[list[str]]) -> list[str]:
    out: list[str] = []
    for cell in cells:
        out += cell
        out.append("|")
    return out


def _split_cell_line(line: str) -> list[str]:
    """Where a portal breaks the short lines of a letterhead cell."""
    if m := re.match(r"^(.*?, ngày)\s+(.+)$", line):
        return [m.group(1), m.group(2)]
    if m := re.match(r"^(CỘNG HÒA XÃ HỘI)\s+(.+)$", line):
        return [m.group(1), m.group(2)]
    if m := re.match(r"^(Số:?)\s+(.+)$", line):
        return [m.group(1), m.group(2)] if len(line) > 14 else [line]
    return [line]


def _copied(source: PlanSource) -> str:
    pairs = source.letterhead
    split = next((i for i, (left, right) in enumerate(pairs) if re.match(r"^Số\b", left) or "ngày" in right), len(pairs))
    cells: list[list[str]] = []
    for n, group in enumerate((pairs[:split], pairs[split:])):
        if not group:
            continue
        left = [l for l, _ in group if l]
        right = [r for _, r in group if r]
        rule = ["-------"] if n == 0 else []
        cells.append([piece for l in left for piece in _split_cell_line(l)] + rule)
        cells.append([piece for r in right for piece in _split_cell_line(r)] + (["---------------"] if n == 0 else []))
    out = _cells(cells)
    notes: list[str] = []
    items = 0
    for index, block in enumerate(source.blocks):
        if block.kind == "footnote":
            notes.append(f"[^{block.label}]: {block.text}")
            continue
        if block.kind == "table":
            out += _cells([[c] if c else [""] for row in block.rows for c in row])
            continue
        if block.kind == "item":
            items += 1
        text = _block(block, items)[0]
        out += _wrap(text, index)
    if source.footer:
        out += _cells([[l for l, _ in source.footer if l], [r for _, r in source.footer if r]])
    out += notes
    return "\n".join(out).rstrip() + "\n"


def make_portal(source: PlanSource, style: str = "copy") -> str:
    if style == "copy":
        return _copied(source)
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
