"""A plan source -> a Word file as an office makes it (DOMAIN.md §8).

Written with python-docx, the way Word writes it: the letterhead and the
signature/recipients block as borderless two-column tables, the document
type and trích yếu centred in bold, parts and items numbered by Word's
automatic numbering (an abstract definition in ``numbering.xml``, the label
NOT in the paragraph text; a label the running count would not print gets a
new ``w:num`` with a ``startOverride``, as Word's "Set numbering value"
does), bullets as a bullet list, headings as bold paragraphs (no heading
styles), ``**``/``*`` as bold/italic runs, pipe tables as bordered tables
and ``[^n]`` as real footnotes (python-docx has no footnote API: the
footnotes part is written here).
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from xml.sax.saxutils import escape

from generator.numbering import ROMAN

from .source import Block, PlanSource

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TOKEN = re.compile(r"(\*\*|\*|\[\^[^\]\s]+\])")
_DOC_TYPE = re.compile(r"^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|NGHỊ QUYẾT|KẾT LUẬN|CHỈ THỊ|QUYẾT ĐỊNH|HƯỚNG DẪN|THÔNG BÁO|BÁO CÁO|ĐỀ ÁN)\b")

# The outline list offices use: I. / 1. / 1.1. / 1.1.1. / a)
_OUTLINE = [
    ("upperRoman", "%1."),
    ("decimal", "%2."),
    ("decimal", "%2.%3."),
    ("decimal", "%2.%3.%4."),
    ("lowerLetter", "%5)"),
]
_BULLETS = ["-", "+"]
_OUTLINE_ID, _BULLET_ID = 90, 91  # abstractNumId values, clear of the template's


def make_docx(source: PlanSource, path: Path, *, auto_numbering: bool = True, bold_headings: bool = True, footnotes: bool = True) -> Path:
    """Write ``source`` as a .docx at ``path`` and return ``path``."""
    path = Path(path)
    maker = _Maker(auto_numbering, bold_headings, footnotes)
    maker.letterhead(source.letterhead)
    maker.body(source.blocks)
    maker.footer(source.footer)
    maker.save(path)
    return path


class _Maker:
    def __init__(self, auto_numbering: bool, bold_headings: bool, footnotes: bool):
        self.d = Document()
        self.auto = auto_numbering
        self.bold_headings = bold_headings
        self.real_notes = footnotes
        self.note_ids: dict[str, int] = {}  # source key -> footnote id, by first reference
        self.note_bodies: dict[str, str] = {}
        self.numbering = self.d.part.numbering_part.element
        self.next_num = 100
        if auto_numbering:
            self._abstract(_OUTLINE_ID, [(fmt, text) for fmt, text in _OUTLINE])
            self._abstract(_BULLET_ID, [("bullet", glyph) for glyph in _BULLETS])
            self.outline_num = self._num(_OUTLINE_ID)
            self.bullet_num = self._num(_BULLET_ID)
        self.counters: dict[int, int] = {}  # Word's running count of the outline list

    # --- numbering.xml ----------------------------------------------------------------
    def _abstract(self, ident: int, levels: list[tuple[str, str]]) -> None:
        xml = [f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}"><w:multiLevelType w:val="multilevel"/>']
        for ilvl, (fmt, text) in enumerate(levels):
            indent = 360 * (ilvl + 1)
            xml.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{escape(text)}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr></w:lvl>'
            )
        xml.append("</w:abstractNum>")
        element = parse_xml("".join(xml))
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)  # the schema puts every abstractNum before the nums
        else:
            self.numbering.append(element)

    def _num(self, abstract: int, starts: dict[int, int] | None = None) -> int:
        ident = self.next_num
        self.next_num += 1
        overrides = "".join(f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>' for ilvl, value in (starts or {}).items())
        self.numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'))
        return ident

    def _number(self, paragraph, num_id: int, ilvl: int) -> None:
        paragraph.style = self.d.styles["List Paragraph"]
        ppr = paragraph._p.get_or_add_pPr()
        numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        ppr.insert(1, numpr)  # after w:pStyle

    def _outline_level(self, block: Block) -> tuple[int, dict[int, int]] | None:
        """(level, the values it must print) for a label Word can print with
        the outline list, or None when only typed text gives it."""
        if block.kind == "part" and block.printed == f"{block.label}." and re.fullmatch(ROMAN, block.label or ""):
            return 0, {0: _from_roman(block.label)}
        if block.kind == "item" and block.printed == f"{block.label}." and block.label.count(".") <= 2:
            values = [int(v) for v in block.label.split(".")]
            return len(values), {i + 1: v for i, v in enumerate(values)}
        if block.kind == "letter" and block.printed == f"{block.label})" and block.label in "abcdefghijklmnopqrstuvwxyz":
            return 4, {4: "abcdefghijklmnopqrstuvwxyz".index(block.label) + 1}
        return None

    def _count(self, level: int, values: dict[int, int]) -> int | None:
        """The numId that prints ``values`` at ``level``: the current one, or a
        new w:num restarting the level; None when a higher level disagrees."""
        if any(self.counters.get(k, 1) != v for k, v in values.items() if k != level):
            return None
        expected = self.counters.get(level, 0) + 1
        num = self.outline_num
        if values[level] != expected:
            num = self.outline_num = self._num(_OUTLINE_ID, {level: values[level]})
        self.counters[level] = values[level]
        for deeper in [k for k in self.counters if k > level]:
            del self.counters[deeper]
        return num

    # --- the page -------------------------------------------------------------------
    def letterhead(self, rows: list[tuple[str, str]]) -> None:
        left = [l for l, _ in rows if l]
        right = [r for _, r in rows if r]
        table = self._layout_table()
        lcell, rcell = table.rows[0].cells
        for index, text in enumerate(left):
            bold = not text.startswith("Số") and text != "*"
            self._cell_paragraph(lcell, index, text, bold=bold)
        for index, text in enumerate(right):
            dated = "ngày" in text
            self._cell_paragraph(rcell, index, text, bold=not dated, italic=dated)

    def footer(self, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        left = [l for l, _ in rows if l]
        right = [r for _, r in rows if r]
        table = self._layout_table()
        lcell, rcell = table.rows[0].cells
        for index, text in enumerate(left):
            self._cell_paragraph(lcell, index, text, bold=index == 0, italic=index == 0, center=False)
        for index, text in enumerate(right):
            self._cell_paragraph(rcell, index, text, bold=True)

    def _layout_table(self):
        table = self.d.add_table(rows=1, cols=2)
        tblpr = table._tbl.tblPr
        sides = "".join(f'<w:{side} w:val="none" w:sz="0" w:space="0" w:color="auto"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        tblpr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{sides}</w:tblBorders>'))
        return table

    def _cell_paragraph(self, cell, index: int, text: str, *, bold: bool, italic: bool = False, center: bool = True) -> None:
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None

    def body(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.kind == "footnote":
                self.note_bodies[block.label] = block.text
        title = True  # the document type and the trích yếu come first
        seen_type = False
        for block in blocks:
            if block.kind == "footnote":
                if not self.real_notes:
                    self._note_paragraph(block)
                continue
            if title and block.kind == "caps" and _DOC_TYPE.match(block.text) and not seen_type:
                seen_type = True
                self._centred(block.text)
                continue
            if title and seen_type and block.kind in ("caps", "paragraph") and not re.search(r"[.:;]$", block.text.strip()):
                self._centred(block.text)
                continue
            title = False
            if block.kind == "table":
                self._table(block.rows)
            elif block.kind in ("part", "item", "letter", "bullet"):
                self._numbered(block)
            elif block.kind == "caps":
                self._runs(self.d.add_paragraph(), block.text, bold=self.bold_headings)
            else:
                self._runs(self.d.add_paragraph(), block.text)

    def _centred(self, text: str) -> None:
        paragraph = self.d.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._runs(paragraph, text, bold=True)

    def _numbered(self, block: Block) -> None:
        paragraph = self.d.add_paragraph()
        heading = block.kind == "part" or (block.kind in ("item", "letter") and _title_like(block.text))
        bold = self.bold_headings and heading
        if self.auto and block.kind == "bullet" and block.printed in _BULLETS:
            self._number(paragraph, self.bullet_num, _BULLETS.index(block.printed))
            self._runs(paragraph, block.text)
            return
        place = self._outline_level(block) if self.auto else None
        num = self._count(*place) if place else None
        text = block.text if block.kind != "part" else block.text[len(block.printed):].strip()
        if num is None:  # typed by hand, as offices also do
            text = f"{block.printed} {text}"
        else:
            self._number(paragraph, num, place[0])
        self._runs(paragraph, text, bold=bold)

    def _runs(self, paragraph, text: str, *, bold: bool = False) -> None:
        """``**``/``*`` -> bold/italic runs; ``[^n]`` -> a footnote reference."""
        strong = emphasis = False
        for token in _TOKEN.split(text):
            if not token:
                continue
            if token == "**":
                strong = not strong
            elif token == "*":
                emphasis = not emphasis
            elif token.startswith("[^"):
                self._reference(paragraph, token[2:-1])
            else:
                run = paragraph.add_run(token)
                run.bold = (bold or strong) or None
                run.italic = emphasis or None

    def _reference(self, paragraph, key: str) -> None:
        if key not in self.note_ids:
            self.note_ids[key] = len(self.note_ids) + 1
        run = paragraph.add_run()
        run.font.superscript = True
        if self.real_notes:
            ref = OxmlElement("w:footnoteReference")
            ref.set(qn("w:id"), str(self.note_ids[key]))
            run._r.append(ref)
        else:  # a converted PDF: a superscript digit, the note a paragraph
            run.text = str(self.note_ids[key])

    def _note_paragraph(self, block: Block) -> None:
        paragraph = self.d.add_paragraph()
        run = paragraph.add_run(str(self.note_ids.get(block.label, len(self.note_ids) + 1)))
        run.font.superscript = True
        self._runs(paragraph, " " + block.text)

    def _table(self, rows: list[list[str]]) -> None:
        width = max(len(r) for r in rows)
        table = self.d.add_table(rows=0, cols=width)
        table.style = self.d.styles["Table Grid"]
        for index, row in enumerate(rows):
            cells = table.add_row().cells
            for cell, text in zip(cells, row + [""] * (width - len(row))):
                self._runs(cell.paragraphs[0], text, bold=index == 0)

    def save(self, path: Path) -> None:
        if self.real_notes and self.note_ids:
            self._footnotes_part()
        self.d.save(str(path))

    def _footnotes_part(self) -> None:
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
        ]
        for key, ident in self.note_ids.items():
            runs = []
            strong = emphasis = False
            for token in _TOKEN.split(self.note_bodies.get(key, "")):
                if token == "**":
                    strong = not strong
                elif token == "*":
                    emphasis = not emphasis
                elif token:
                    rpr = ("<w:b/>" if strong else "") + ("<w:i/>" if emphasis else "")
                    runs.append(f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(token)}</w:t></w:r>')
            notes.append(
                f'<w:footnote w:id="{ident}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{"".join(runs)}</w:p></w:footnote>'
            )
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">{"".join(notes)}</w:footnotes>'
        part = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml.encode("utf-8"), self.d.part.package)
        self.d.part.relate_to(part, RT.FOOTNOTES)


def _title_like(text: str) -> bool:
    """An item that is only a title: short, no sentence end."""
    t = re.sub(r"\*+", "", text).strip()
    return bool(t) and len(t.split()) <= 20 and not re.search(r"[.;!?)]$", t)


def _from_roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, c in enumerate(numeral):
        v = values[c]
        total += -v if i + 1 < len(numeral) and values[numeral[i + 1]] > v else v
    return total
