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

__all__ = ["normalise"]


def normalise(raw: str) -> str:
    """Portal tables and broken emphasis repaired; anything else unchanged."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"^[ \t]*\|[ \t]*$", text, re.M):
        text = _tables(text)
    return "\n".join(repair_emphasis(line) for line in text.split("\n"))


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
