"""Text copied from a legal web portal -> the text the importer reads.

Copying a page of a legal portal keeps two artefacts of its HTML:

* tables come out one cell per paragraph between lines holding only ``|``:
  a ``|`` line opens each cell, and a ``|`` line right after the one that
  closes the last cell ends the row (so ``|`` ``|`` with nothing between
  ends a row; a cell left empty is a blank line between two ``|`` lines);
  a blank line after a row's end ends the table.  A layout table (the
  letterhead, the signature block) becomes its cells' lines column by column
  -- the left cell's lines, then the right cell's -- as a text export gives
  them; a task table (a header naming a task and a lead column, or three
  columns and more) becomes Markdown pipe rows ``| a | b |``, one per table
  row, a cell's line breaks joined;
* emphasis markers broken around labels: ``*Đơn vị chủ trì: *Sở Nội vụ``
  (the closing marker after the space), ``1. ****Sở Tài chính``, ``** **``
  (empty emphasis), ``**6.** Đề nghị`` (a numbering label in bold, which
  the numbering grammar must see bare).

Hard-wrapped lines need nothing here: text.py joins them as it joins any
export's.  Text that is not from a portal passes through unchanged (no ``|``
lines, no broken markers).
"""

from __future__ import annotations

import re

from ..numbering import read_label, read_part
from .text import DOC_HEADING

__all__ = ["normalise"]


def normalise(raw: str) -> str:
    """Portal tables and broken emphasis repaired; anything else unchanged."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _inline_rows(text)
    if re.search(r"^[ \t]*\|[ \t]*$", text, re.M):
        # Two forms: a bar before every cell and a second bar ending each row,
        # or (what legal portals give when a page is copied) a single bar
        # between cells, the first cell of a table without one.
        text = _tables(text) if _opening_bars(text) else _bare_tables(text)
    return "\n".join(repair_emphasis(line) for line in text.split("\n"))


def _opening_bars(text: str) -> bool:
    """The first form: a table's first line is a bar (at the top of the text
    or after a blank line); in the second its first cell comes first."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if _bar(line))
    return first == 0 or not lines[first - 1].strip()


# --- tables as portals give them: one bar between cells ------------------------------

_INLINE_ROW = re.compile(r"^\s*(?!\|)(?P<cells>[^|\n]+(?:\|[^|\n]+)+?)\s*\|\s*$")


def _inline_rows(text: str) -> str:
    """ "ỦY BAN NHÂN DÂN | CỘNG HÒA … |" (a row's cells on one line, a bar
    after each): the letterhead or signature rows, column by column."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        rows = []
        while i < len(lines) and (m := _INLINE_ROW.match(lines[i])) and not lines[i].lstrip().startswith("|"):
            rows.append([c.strip() for c in m.group("cells").split("|")])
            i += 1
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        cells = [[c] for row in rows for c in row if c]
        written = _write_cells(cells)
        out += written if any(_MOTTO_WORDS.search(c[0]) or _SIGN_WORDS.search(c[0]) for c in cells) else [" | ".join(r) for r in rows]
    return "\n".join(out)

_MOTTO_WORDS = re.compile(r"C[ỘO]NG\s+H[OÒ][AÀ]|Đ[ẢA]NG\s+C[ỘO]NG\s+S[ẢA]N|Độc\s+lập|Tự\s+do|Hạnh\s+phúc|NGH[ĨI]A\s+VI[ỆE]T", re.I)
_DATE_WORDS = re.compile(r"\bngày\b.*\b(?:tháng|năm)\b|\bngày\s*\d|\bngày\s*$|^\s*(?:tháng|năm)\s+\d", re.I)
_SIGN_WORDS = re.compile(r"^(?:T/M|TM\.?|K/T|KT\.?|TL\.?|TUQ\.?|Q\.)\s*\S|^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|BÍ THƯ|PHÓ BÍ THƯ|GIÁM ĐỐC|TRƯỞNG BAN)\b")
_RULE_LINE = re.compile(r"^[-–—_=*.\s]{3,}$")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-Z])\.?$")  # "1", "1.1", "II", "A"
_TERMINAL = re.compile(r"[.;:!?…][”\"’')*_]*$")


def _bare_tables(text: str) -> str:
    lines = text.split("\n")
    bars = [i for i, line in enumerate(lines) if _bar(line)]
    out: list[str] = []
    done = 0  # lines before this index are written
    k = 0
    while k < len(bars):
        # one table: cells of a few lines, and no heading of the document inside
        run = [bars[k]]
        while k + 1 < len(bars) and bars[k + 1] - bars[k] <= 13 and not any(_structure(l) for l in lines[bars[k] + 1 : bars[k + 1]]):
            k += 1
            run.append(bars[k])
        k += 1
        start = _first_cell_start(lines, run[0], done)
        out += lines[done:start]
        cells = [lines[start:run[0]]] + [lines[a + 1 : b] for a, b in zip(run, run[1:])]
        cells = [[l.strip() for l in cell if l.strip()] for cell in cells]
        out += _write_cells(cells)  # no blank lines around: they would say more than the page did
        done = run[-1] + 1
    out += lines[done:]
    return "\n".join(out)


def _structure(line: str) -> bool:
    """A line no table cell holds: a part heading, the document type."""
    text = line.strip().strip("*")
    return bool(read_part(text) or DOC_HEADING.match(text) or text.startswith("PHỤ LỤC"))


def _first_cell_start(lines: list[str], bar: int, floor: int) -> int:
    """Where the table's first cell begins: at the top of the text (a
    letterhead), else after the last line that ends a sentence or a
    heading, at most three lines above the first bar."""
    if floor == 0 and not any(l.strip() for l in lines[:bar][:-6]):
        return 0
    if floor == 0 and bar <= 8 and not any(_TERMINAL.search(l.strip()) for l in lines[:bar] if l.strip() and not _RULE_LINE.match(l.strip()) and not l.strip().endswith(":") ):
        return 0  # a letterhead: everything above the first bar is its first cell
    # a header cell is short ("STT", "Nội dung công việc"), one or two lines
    i = bar
    while i > floor and bar - i < 2:
        previous = lines[i - 1].strip()
        if not previous or len(previous) > 30 or _TERMINAL.search(previous) or previous.endswith(")") or (len(previous) > 12 and previous.upper() == previous):
            break
        i -= 1
    return i


def _write_cells(cells: list[list[str]]) -> list[str]:
    texts = [" ".join(c) for c in cells]
    layout = [i for i, t in enumerate(texts) if _MOTTO_WORDS.search(t) or any(_SIGN_WORDS.search(l) for l in cells[i]) or re.match(r"^Nơi nhận", t, re.I)]
    if not layout:
        return _data_rows(cells)
    # a task table that runs straight into the signature block: two tables
    start = min(layout)
    if re.match(r"^Nơi nhận", texts[start], re.I) is None and start > 0 and _SIGN_WORDS.search(texts[start]) and re.match(r"^Nơi nhận", texts[start - 1], re.I):
        start -= 1
    if start >= 3 and _task_header(texts[:start]):
        return _data_rows(cells[:start]) + _layout_cells(cells[start:])
    return _layout_cells(cells)


def _task_header(texts: list[str]) -> bool:
    from .assignments import table_columns  # the importer's one reading of task-table headers

    return table_columns(texts[:8]) is not None


def _layout_cells(cells: list[list[str]]) -> list[str]:
    """A letterhead or signature table: left column (issuer and number, or
    recipients), then right column (motto and place-date, or signature)."""
    left: list[str] = []
    right: list[str] = []
    for cell in cells:
        lines = _cell_lines(cell)
        text = " ".join(lines)
        is_right = bool(_MOTTO_WORDS.search(text) or _DATE_WORDS.search(text) or any(_SIGN_WORDS.search(l) for l in lines))
        (right if is_right else left).extend(lines)
    return left + right


def _cell_lines(cell: list[str]) -> list[str]:
    """A cell's lines, the portal's wrapping undone: a line of one word, a
    line ending in "ngày", ":" or ",", and a line before one that starts in
    lower case or with a digit continue; the motto is one line, and rules go."""
    out: list[str] = []
    for line in cell:
        if _RULE_LINE.match(line) and line != "*":
            continue
        if out and not re.match(r"^[-+•]\s", line):  # a recipient "- Như trên;" is its own line
            previous = out[-1]
            joins = (
                len(previous.split()) == 1 and previous not in ("*",) and not _MOTTO_WORDS.fullmatch(previous)
                or re.search(r"(?:\bngày|[:,])$", previous, re.I)
                or line[:1].islower() or line[:1].isdigit()
                or (_MOTTO_WORDS.search(previous) and not re.match(r"^Độc\s+lập", line, re.I) and not re.search(r"Hạnh\s+phúc$", previous, re.I) and line.upper() == line)
            )
            if joins:
                out[-1] = f"{previous} {line}"
                continue
        out.append(line)
    return out


def _data_rows(cells: list[list[str]]) -> list[str]:
    """A task table: header cells up to the first row number ("1", "I"),
    then a row from each row number to the next."""
    texts = [" ".join(c) for c in cells]
    first = next((i for i, t in enumerate(texts) if i and _ROW_NUMBER.match(t)), None)
    if first is None:
        return [t for t in texts if t]  # no rows to tell apart: its cells as paragraphs
    header = texts[:first]
    width = len(header)
    numbered = bool(re.fullmatch(r"(?i)stt|tt|số\s*tt|số thứ tự", header[0].strip()))
    rows: list[list[str]] = []
    current: list[str] = []
    for t in texts[first:]:
        if numbered and _ROW_NUMBER.match(t) and (len(current) >= 2 or not current):
            if current:
                rows.append(current)
            current = [t]
            continue
        current.append(t)
        if not numbered and len(current) == width:
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    out = [_pipe(header, width), "|" + "---|" * width]
    for row in rows:
        if len(row) < width and len(row) == 2:
            row = [row[0], row[1]] + [""] * (width - 2)  # a group title across the row
        out.append(_pipe(row[:width] if len(row) <= width else row[: width - 1] + [" ".join(row[width - 1 :])], width))
    return out


# --- tables ------------------------------------------------------------------------


def _bar(line: str) -> bool:
    return line.strip() == "|"


def _tables(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _bar(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        rows, i = _read_table(lines, i)
        out += _write_table(rows)
    return "\n".join(out)


def _read_table(lines: list[str], i: int) -> tuple[list[list[list[str]]], int]:
    """Rows of cells (each a list of lines) of the table whose first ``|``
    line is ``lines[i]``; -> (rows, index after the table)."""
    rows: list[list[list[str]]] = []
    row: list[list[str]] = []
    cell: list[str] | None = None  # the open cell
    blank_in_cell = False
    i += 1
    cell = []
    while i < len(lines):
        line = lines[i]
        if _bar(line):
            if cell is not None and not cell and not blank_in_cell:
                # "|" right after the "|" that closed the last cell: the row ends
                if row:
                    rows.append(row)
                row, cell = [], None
                i += 1
                if i >= len(lines) or not lines[i].strip():
                    break  # a blank line (or the end) after a row's end ends the table
                if not _bar(lines[i]):
                    cell = []  # the next row's first cell opens without a bar
                continue
            if cell is not None:
                row.append(cell)
            cell, blank_in_cell = [], False
            i += 1
            continue
        if not line.strip():
            if cell is None:
                break
            blank_in_cell = True
            i += 1
            continue
        if cell is None:
            cell = []
        cell.append(line.strip())
        i += 1
    if cell:
        row.append(cell)
    if row:
        rows.append(row)
    return rows, i


def _write_table(rows: list[list[list[str]]]) -> list[str]:
    if not rows:
        return []
    width = max(len(r) for r in rows)
    joined = [[" ".join(c) for c in r] for r in rows]
    if _task_table(joined[0], width):
        out = ["", _pipe(joined[0], width), "|" + "---|" * width]
        out += [_pipe(r, width) for r in joined[1:]]
        return out + [""]
    # a layout table, column by column
    out = [""]
    for column in range(width):
        for r in rows:
            if column < len(r):
                out += [l for l in r[column] if l]
    return out + [""]


def _task_table(header: list[str], width: int) -> bool:
    from .assignments import table_columns  # the importer's one reading of task-table headers

    return width >= 3 or table_columns(header) is not None


def _pipe(cells: list[str], width: int) -> str:
    cells = cells + [""] * (width - len(cells))
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


# --- emphasis -----------------------------------------------------------------------

_EMPTY = re.compile(r"\*\*\s*\*\*|\*{4,}")  # "** **", "****": emphasis of nothing
# "*Đơn vị chủ trì: *Sở Nội vụ": the closing marker after the space
_CLOSE_AFTER_SPACE = re.compile(r"(?<![*\w])(\*{1,3})(?=\S)([^*\n]*?[^\s*])(\s+)\1(?=[^\s*])")
_LABEL_IN_EMPHASIS = re.compile(r"^(\s*)(\*{1,3})([^*\n]{1,12}?)\2\s*(?=\S)")


def repair_emphasis(line: str) -> str:
    """One line's broken emphasis repaired (see the module's docstring)."""
    if "*" not in line:
        return line
    before = line
    line = _EMPTY.sub(lambda m: " " if m.group(0).strip("*") or " " in m.group(0) else "", line)
    line = _CLOSE_AFTER_SPACE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(1)}{m.group(3)}", line)
    m = _LABEL_IN_EMPHASIS.match(line)
    if m and _is_label(m.group(3).strip()):
        line = f"{m.group(1)}{m.group(3).strip()} {line[m.end():]}"
    if line == before:
        return line
    lead = before[: len(before) - len(before.lstrip())]
    return lead + re.sub(r"[ \t]{2,}", " ", line.strip())


def _is_label(text: str) -> bool:
    """ "6.", "2.1.", "a)", "II." alone: a numbering label."""
    probe = f"{text} X"
    label = read_label(probe)
    if label is not None and label.kind in ("item", "letter") and label.rest == "X":
        return True
    part = read_part(probe)
    return part is not None and part.rest == "X"
