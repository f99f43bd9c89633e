"""A Word document (.docx) -> the text the importer reads.

Each paragraph becomes one line, with a blank line after it (so no line
re-joining is needed); what Word keeps as structure is written the way an
export would print it:

* heading styles -> ``#`` marks (the numbering in the text still decides the
  level); automatic list numbering -> the number or bullet as text;
* bold and italic runs -> ``**...**`` / ``*...*``; superscript digits and
  footnote references -> superscript marks (¹ ²), and the footnotes part ->
  "¹ body" paragraphs at the end, which the footnote step links back;
* a table whose header names a task and a lead or doer column -> a pipe
  table (one duty per row); any other table (letterhead, signature block) ->
  its cells' paragraphs, column by column.
"""

from __future__ import annotations

import re
from pathlib import Path

from .assignments import table_columns
from .text import TO_SUPERSCRIPT

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    reader = _Reader(document)
    lines: list[str] = []
    for item in document.iter_inner_content():
        if item.__class__.__name__ == "Table":
            lines += reader.table(item)
        else:
            lines.append(reader.paragraph(item))
    lines += reader.footnote_bodies()
    return "\n\n".join(line for line in lines if line is not None) + "\n"


class _Reader:
    def __init__(self, document):
        self.document = document
        self.counters: dict[tuple[str, int], int] = {}
        self.formats = self._numbering_formats()
        self.footnote_ids: list[str] = []  # in order of reference

    # --- paragraphs -----------------------------------------------------------------
    def paragraph(self, paragraph) -> str:
        text = self._runs(paragraph)
        if not text.strip():
            return ""
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        prefix = self._list_label(paragraph)
        if prefix:
            text = f"{prefix} {text.strip()}"
        m = re.match(r"^Heading (\d)$", style)
        if m and not prefix:
            text = "#" * min(6, int(m.group(1)) + 1) + " " + _strip_emphasis(text.strip())
        return text.strip()

    def _runs(self, paragraph) -> str:
        segments: list[tuple[str, bool, bool]] = []  # (text, bold, italic)
        for item in paragraph.iter_inner_content():
            runs = item.runs if hasattr(item, "runs") and not hasattr(item, "bold") else [item]
            for run in runs:
                ref = run._r.find(f"{_W}footnoteReference")
                if ref is not None:
                    self.footnote_ids.append(ref.get(f"{_W}id"))
                    segments.append((str(len(self.footnote_ids)).translate(TO_SUPERSCRIPT), False, False))
                    continue
                text = run.text.replace("\t", " ").replace("\n", " ")
                if run.font.superscript and text.strip().isdigit():
                    text = text.strip().translate(TO_SUPERSCRIPT)
                    segments.append((text, False, False))
                    continue
                segments.append((text, bool(run.bold), bool(run.italic)))
        merged: list[list] = []
        for text, bold, italic in segments:
            if merged and merged[-1][1:] == [bold, italic]:
                merged[-1][0] += text
            else:
                merged.append([text, bold, italic])
        whole_bold = all(b for t, b, _ in merged if t.strip())
        out = []
        for text, bold, italic in merged:
            marker = ("**" if bold and not whole_bold else "") + ("*" if italic else "")
            if marker and text.strip():
                lead = text[: len(text) - len(text.lstrip())]
                trail = text[len(text.rstrip()) :]
                text = f"{lead}{marker}{text.strip()}{marker[::-1]}{trail}"
            out.append(text)
        return re.sub(r"\s+", " ", "".join(out))

    # --- automatic numbering ------------------------------------------------------------
    def _numbering_formats(self) -> dict[str, dict[int, tuple[str, str]]]:
        """numId -> ilvl -> (numFmt, lvlText)."""
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return {}
        abstract = {}
        for node in numbering.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                txt = lvl.find(f"{_W}lvlText")
                levels[int(lvl.get(f"{_W}ilvl"))] = (fmt.get(f"{_W}val") if fmt is not None else "decimal", txt.get(f"{_W}val") if txt is not None else "%1.")
            abstract[node.get(f"{_W}abstractNumId")] = levels
        out = {}
        for num in numbering.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                out[num.get(f"{_W}numId")] = abstract.get(ref.get(f"{_W}val"), {})
        return out

    def _num_pr(self, paragraph):
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = paragraph.style
        while style is not None:
            spr = style.element.pPr
            if spr is not None and spr.numPr is not None:
                return spr.numPr
            style = style.base_style
        return None

    def _list_label(self, paragraph) -> str | None:
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return None
        num_id = str(num_pr.numId.val)
        level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        levels = self.formats.get(num_id, {})
        fmt, text = levels.get(level, ("bullet", "-"))
        if fmt == "bullet" or fmt == "none":
            return "-" if level == 0 else "+"
        self.counters[(num_id, level)] = self.counters.get((num_id, level), 0) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[deeper]

        def value(match: re.Match) -> str:
            lvl = int(match.group(1)) - 1
            n = self.counters.get((num_id, lvl), 1)
            return _format(n, levels.get(lvl, ("decimal", ""))[0])

        return re.sub(r"%(\d)", value, text) or None

    # --- tables -------------------------------------------------------------------------
    def table(self, table) -> list[str]:
        rows = []
        for row in table.rows:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    cells.append("")  # a merged cell repeats; keep its text once
                    continue
                seen.add(id(cell._tc))
                cells.append(cell)
            rows.append(cells)
        texts = [[self._cell_text(c) if c != "" else "" for c in row] for row in rows]
        if texts and table_columns(texts[0]) is not None:
            return ["| " + " | ".join(t.replace("|", "\\|") for t in row) + " |" for row in texts]
        # a layout table: read it column by column (letterhead left, motto right)
        lines: list[str] = []
        width = max((len(r) for r in rows), default=0)
        for column in range(width):
            done = set()
            for row in rows:
                if column < len(row) and row[column] != "" and id(row[column]._tc) not in done:
                    done.add(id(row[column]._tc))
                    lines += [self.paragraph(p) for p in row[column].paragraphs]
        return lines

    def _cell_text(self, cell) -> str:
        parts = [re.sub(r"\s+", " ", self._runs(p)).strip() for p in cell.paragraphs]
        parts = [p for p in parts if p]
        if len(parts) > 1 and not any(re.search(r"[.;:]$", p) for p in parts[:-1]):
            return "; ".join(parts)
        return " ".join(parts)

    # --- footnotes -----------------------------------------------------------------------
    def footnote_bodies(self) -> list[str]:
        if not self.footnote_ids:
            return []
        from lxml import etree

        blob = None
        for rel in self.document.part.rels.values():
            if rel.reltype.endswith("/footnotes"):
                blob = rel.target_part.blob
        if blob is None:
            return []
        root = etree.fromstring(blob)
        bodies = {}
        for note in root.findall(f"{_W}footnote"):
            if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in note.findall(f"{_W}p")]
            bodies[note.get(f"{_W}id")] = re.sub(r"\s+", " ", " ".join(paragraphs)).strip()
        out = []
        for number, ident in enumerate(self.footnote_ids, start=1):
            if ident in bodies:
                out.append(f"{str(number).translate(TO_SUPERSCRIPT)} {bodies[ident]}")
        return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _strip_emphasis(text: str) -> str:
    return re.sub(r"\*+", "", text).strip()
