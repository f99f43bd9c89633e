"""Word files as offices make them -> the text the importer reads (docx.py).

Two kinds of input: plans written with ``tests/importkit/docx.make_docx``
(what Word writes for a whole plan), and hand-built WordprocessingML for the
edge cases (merged cells, numbering restarts and overrides, style-driven
numbering, endnotes, damaged files)."""

from __future__ import annotations

import itertools
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator.importer import ImportFailed, convert, import_file
from generator.importer.docx import MAX_PARAGRAPH, read_docx
from generator.numbering import read_label, read_part
from tests.importkit.docx import make_docx
from tests.importkit.source import parse_source, to_text

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "content" / "agencies.yml"
EXAMPLE = ROOT / "tests" / "importkit" / "example.src.txt"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A party plan (Hướng dẫn 36) with what the example lacks: sub-items, items
# that do not start at 1, "+" bullets, a second task table, two footnotes.
PARTY = """\
ĐẢNG BỘ TỈNH LÂM ĐỒNG || ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY DI LINH || Di Linh, ngày 22 tháng 12 năm 2022
* ||
Số 90-KH/HU ||

KẾ HOẠCH

thực hiện Chương trình hành động số 42-CTr/TU của Tỉnh ủy

Thực hiện Chương trình hành động số 42-CTr/TU, ngày 27/10/2022 của Tỉnh ủy Lâm Đồng; Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Quán triệt sâu sắc nội dung Chương trình hành động[^1].

2. Xác định rõ nhiệm vụ, giải pháp phù hợp với tình hình của huyện.

II. NHIỆM VỤ, GIẢI PHÁP

1. Nhiệm vụ chung

1.1. Nâng cao chất lượng sinh hoạt chi bộ.

1.2. Đổi mới công tác phát triển đảng viên[^2].

2. Nhiệm vụ cụ thể

a) Ban Tổ chức Huyện ủy

- Hướng dẫn các chi bộ xây dựng kế hoạch (*quý I/2023*).

+ Tổng hợp kết quả, báo cáo Ban Thường vụ Huyện ủy.

b) Ban Tuyên giáo Huyện ủy

- Tuyên truyền gương đảng viên tiêu biểu (**hằng năm**).

III. TỔ CHỨC THỰC HIỆN

3. Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện Kế hoạch này.

| TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| 1 | Sơ kết việc thực hiện | Ban Tổ chức Huyện ủy | Văn phòng Huyện ủy | Quý IV/2023 |
| 2 | Tổng kết | Ban Tuyên giáo Huyện ủy | Ban Dân vận Huyện ủy | Tháng 12/2025 |

[^1]: Chương trình hành động số 42-CTr/TU ngày 27/10/2022.

[^2]: Năm 2022, toàn huyện kết nạp 120 đảng viên.

::: footer
Nơi nhận: || T/M BAN THƯỜNG VỤ
- Ban Thường vụ Tỉnh ủy, || PHÓ BÍ THƯ
- Lưu VPHU. || Nguyễn Văn An
"""


def _body(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[1]


def _lines(text: str) -> list[str]:
    return [block.strip() for block in text.split("\n\n") if block.strip()]


# --- whole plans, written as Word writes them -----------------------------------------------

FLAGS = [dict(zip(("auto_numbering", "bold_headings", "footnotes"), values)) for values in itertools.product((True, False), repeat=3)]
PLANS = {"example": EXAMPLE.read_text(encoding="utf-8"), "party": PARTY}
META = ("number", "date", "place", "issuer", "title", "type", "signer_on_behalf", "signer_title", "signer_name", "recipients", "letterhead")


@pytest.mark.parametrize("flags", FLAGS, ids=lambda f: "-".join(k for k, v in f.items() if v) or "plain")
@pytest.mark.parametrize("plan", PLANS)
def test_a_word_plan_drafts_as_its_text_form(tmp_path, plan, flags):
    """Whatever Word keeps as structure (numbering, bold, footnotes part,
    tables), the draft is the one the plain text form gives."""
    source = parse_source(PLANS[plan])
    docx = make_docx(source, tmp_path / "plan.docx", **flags)
    from_word = convert(read_docx(docx), registry=REGISTRY, source="x.docx", paragraphs=True)
    from_text = convert(to_text(source), registry=REGISTRY, source="x.docx")
    assert _body(from_word.markdown) == _body(from_text.markdown)
    assert {k: getattr(from_word.meta, k) for k in META} == {k: getattr(from_text.meta, k) for k in META}


@pytest.mark.parametrize("flags", FLAGS[:1] + FLAGS[-1:], ids=["word", "plain"])
def test_example_number_date_and_items(tmp_path, flags):
    docx = make_docx(parse_source(EXAMPLE.read_text(encoding="utf-8")), tmp_path / "x.docx", **flags)
    draft = convert(read_docx(docx), registry=REGISTRY, source="x.docx", paragraphs=True)
    assert (draft.meta.number, draft.meta.date) == ("141/KH-UBND", date(2025, 11, 20))
    assert draft.meta.letterhead["issuer_lines"] == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH"]
    body = _body(draft.markdown)
    # parts, items and numbered paragraphs (letters and table rows are the structure step's)
    structure = [line for line in body.split("\n") if re.match(r"^(?:#{2,4} [IVX\d]|\d+\. |- [^(]+$)", line)]
    assert structure == [
        "## I. MỤC ĐÍCH, YÊU CẦU",
        "### 1. Mục đích",
        "- Nâng cao hiệu quả[^1].",
        "## II. NHIỆM VỤ",
        "1. **Sở Nội vụ** chủ trì, phối hợp với Sở Tài chính rà soát (*hoàn thành trong quý I/2026*).",
    ]
    assert "[^1]: Theo Báo cáo số 12/BC-UBND." in body
    assert re.sub(r"[;,]", "", draft.meta.signer_on_behalf) == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
    assert (draft.meta.signer_title, draft.meta.signer_name) == ("PHÓ CHỦ TỊCH", "Nguyễn Văn A")


def test_make_docx_numbers_with_word_and_notes_in_the_footnotes_part(tmp_path):
    """The fixture is what Word writes: no label in the paragraph text, a
    numPr pointing into numbering.xml, a footnotes part, borderless heads."""
    docx = make_docx(parse_source(PARTY), tmp_path / "x.docx")
    document = Document(str(docx))
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert [p.text for p in numbered[:3]] == ["MỤC ĐÍCH, YÊU CẦU", "Quán triệt sâu sắc nội dung Chương trình hành động.", "Xác định rõ nhiệm vụ, giải pháp phù hợp với tình hình của huyện."]
    overrides = document.part.numbering_part.element.findall(f"{{{W}}}num/{{{W}}}lvlOverride")
    assert overrides, "item 3. after part III needs Word's startOverride"
    with zipfile.ZipFile(docx) as z:
        assert z.read("word/footnotes.xml").count(b"<w:footnote w:id=") == 2
    text = read_docx(docx)
    assert "3. Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện Kế hoạch này." in _lines(text)
    assert _lines(text)[:6] == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY DI LINH", "*", "Số 90-KH/HU", "ĐẢNG CỘNG SẢN VIỆT NAM", "*Di Linh, ngày 22 tháng 12 năm 2022*"]


# --- hand-built WordprocessingML ------------------------------------------------------------


def _docx(path: Path, body: str, *, numbering: str = "", styles: str = "", footnotes: str = "", endnotes: str = "") -> Path:
    """A .docx whose body, numbering, extra styles and notes are given as XML."""
    d = Document()
    body_el = d.element.body
    for child in list(body_el):
        if not child.tag.endswith("sectPr"):
            body_el.remove(child)
    sect = body_el[-1] if len(body_el) else None
    for element in parse_xml(f"<w:body {nsdecls('w')}>{body}</w:body>"):
        if sect is not None:
            sect.addprevious(element)
        else:
            body_el.append(element)
    if numbering:
        root = d.part.numbering_part.element
        for child in list(root):
            root.remove(child)
        for element in parse_xml(f"<w:numbering {nsdecls('w')}>{numbering}</w:numbering>"):
            root.append(element)
    if styles:
        for element in parse_xml(f"<w:styles {nsdecls('w')}>{styles}</w:styles>"):
            d.styles.element.append(element)
    for name, xml, reltype in (("footnotes", footnotes, RT.FOOTNOTES), ("endnotes", endnotes, RT.ENDNOTES)):
        if xml:
            tag = name[:-1]
            blob = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{name} xmlns:w="{W}">'
                f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
                f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>'
                f"{xml}</w:{name}>"
            )
            part = Part(PackURI(f"/word/{name}.xml"), f"application/vnd.openxmlformats-officedocument.wordprocessingml.{name}+xml", blob.encode(), d.part.package)
            d.part.relate_to(part, reltype)
    d.save(str(path))
    return path


def R(text: str, *, b: bool = False, i: bool = False, caps: bool = False, sup: bool = False) -> str:
    rpr = ("<w:b/>" if b else "") + ("<w:i/>" if i else "") + ("<w:caps/>" if caps else "") + ('<w:vertAlign w:val="superscript"/>' if sup else "")
    parts = text.split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{t}</w:t>' for t in parts)
    return f"<w:r><w:rPr>{rpr}</w:rPr>{inner}</w:r>"


def P(*runs: str, num: int | None = None, ilvl: int | None = None, style: str | None = None, **look) -> str:
    """A paragraph: runs as XML or as plain strings (one run, ``look`` applied)."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None or ilvl is not None:
        ppr += "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (f'<w:numId w:val="{num}"/>' if num is not None else "") + "</w:numPr>"
    content = "".join(r if r.startswith("<") else R(r, **look) for r in runs)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def LVL(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>'


def ABSTRACT(ident: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{ident}">{extra}{"".join(levels)}</w:abstractNum>'


def NUM(ident: int, abstract: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{ident}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'


def START(ilvl: int, value: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'


OUTLINE = ABSTRACT(1, LVL(0, "decimal", "%1."), LVL(1, "decimal", "%1.%2."), LVL(2, "lowerLetter", "%3)"))
PLAN = ABSTRACT(
    2,
    LVL(0, "upperRoman", "%1."),
    LVL(1, "decimal", "%2."),
    LVL(2, "lowerLetter", "%3)"),
    LVL(3, "bullet", "\uf0b7"),
    LVL(4, "bullet", "+"),
    LVL(5, "bullet", "o"),
)
STYLE_NUMBERED = (
    '<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="MucCon"><w:name w:val="Muc con"/><w:basedOn w:val="Muc"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Khoan"><w:name w:val="Khoan"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
)

NUMBERING_CASES = {
    "levels restart when a higher level advances": (
        OUTLINE + NUM(1, 1),
        "",
        [P("Một", num=1, ilvl=0), P("Một một", num=1, ilvl=1), P("Một hai", num=1, ilvl=1), P("Điểm", num=1, ilvl=2), P("Hai", num=1, ilvl=0), P("Hai một", num=1, ilvl=1), P("Điểm", num=1, ilvl=2)],
        ["1. Một", "1.1. Một một", "1.2. Một hai", "a) Điểm", "2. Hai", "2.1. Hai một", "a) Điểm"],
    ),
    "roman parts, items, letters and bullets of any glyph": (
        PLAN + NUM(2, 2),
        "",
        [P("MỤC ĐÍCH", num=2, ilvl=0), P("Mục đích", num=2, ilvl=1), P("Điểm", num=2, ilvl=2), P("Gạch", num=2, ilvl=3), P("Cộng", num=2, ilvl=4), P("Tròn", num=2, ilvl=5), P("Hai", num=2, ilvl=1), P("NHIỆM VỤ", num=2, ilvl=0), P("Một", num=2, ilvl=1)],
        ["## I. MỤC ĐÍCH", "1. Mục đích", "a) Điểm", "- Gạch", "+ Cộng", "- Tròn", "2. Hai", "## II. NHIỆM VỤ", "1. Một"],
    ),
    "w:start": (ABSTRACT(1, LVL(0, "decimal", "%1.", start=3)) + NUM(1, 1), "", [P("Ba", num=1, ilvl=0), P("Bốn", num=1, ilvl=0)], ["3. Ba", "4. Bốn"]),
    "numIds of one abstractNum share its counter": (
        OUTLINE + NUM(1, 1) + NUM(2, 1),
        "",
        [P("Việc một", num=1, ilvl=0), P("Việc hai", num=1, ilvl=0), P("Việc ba", num=2, ilvl=0), P("Việc bốn", num=2, ilvl=0)],
        ["1. Việc một", "2. Việc hai", "3. Việc ba", "4. Việc bốn"],
    ),
    "a startOverride restarts the shared counter once": (
        OUTLINE + NUM(1, 1) + NUM(2, 1, START(0, 1)),
        "",
        [P("Việc một", num=1, ilvl=0), P("Việc hai", num=1, ilvl=0), P("Việc ba", num=2, ilvl=0), P("Việc bốn", num=2, ilvl=0), P("Việc năm", num=1, ilvl=0)],
        ["1. Việc một", "2. Việc hai", "1. Việc ba", "2. Việc bốn", "3. Việc năm"],
    ),
    "a startOverride of a deeper level": (
        OUTLINE + NUM(1, 1) + NUM(2, 1, START(1, 5)),
        "",
        [P("Việc một", num=1, ilvl=0), P("Việc hai", num=1, ilvl=1), P("Việc ba", num=2, ilvl=1), P("Việc bốn", num=2, ilvl=1)],
        ["1. Việc một", "1.1. Việc hai", "1.5. Việc ba", "1.6. Việc bốn"],
    ),
    "lvlRestart 0: a level that never restarts": (
        ABSTRACT(1, LVL(0, "decimal", "%1."), LVL(1, "lowerLetter", "%2)", extra='<w:lvlRestart w:val="0"/>')) + NUM(1, 1),
        "",
        [P("Việc một", num=1, ilvl=0), P("x", num=1, ilvl=1), P("y", num=1, ilvl=1), P("Việc hai", num=1, ilvl=0), P("z", num=1, ilvl=1)],
        ["1. Việc một", "a) x", "b) y", "2. Việc hai", "c) z"],
    ),
    "isLgl: the numbers of a legal list in Arabic": (
        ABSTRACT(1, LVL(0, "upperRoman", "%1."), LVL(1, "decimal", "%1.%2.", extra="<w:isLgl/>")) + NUM(1, 1),
        "",
        [P("MỤC TIÊU", num=1, ilvl=0), P("Mục tiêu chung", num=1, ilvl=1)],
        ["## I. MỤC TIÊU", "1.1. Mục tiêu chung"],
    ),
    "bare numbers and letters are written as the grammar reads them": (
        ABSTRACT(1, LVL(0, "decimal", "%1"), LVL(1, "lowerLetter", "%2"), LVL(2, "decimal", "%1.%3")) + NUM(1, 1),
        "",
        [P("Việc một", num=1, ilvl=0), P("x", num=1, ilvl=1), P("y", num=1, ilvl=2)],
        ["1. Việc một", "a) x", "1.1. y"],
    ),
    "a whole-level override": (
        OUTLINE + NUM(1, 1) + NUM(2, 1, f'<w:lvlOverride w:ilvl="0">{LVL(0, "decimal", "%1)")}</w:lvlOverride>'),
        "",
        [P("Việc một", num=1, ilvl=0), P("Việc hai", num=2, ilvl=0)],
        ["1. Việc một", "2) Việc hai"],
    ),
    "numbering from the paragraph style, through basedOn": (
        OUTLINE + NUM(1, 1),
        STYLE_NUMBERED,
        [P("Việc một", style="Muc"), P("Việc hai", style="MucCon"), P("Việc ba", style="MucCon"), P("Việc bốn", style="Muc")],
        ["1. Việc một", "1.1. Việc hai", "1.2. Việc ba", "2. Việc bốn"],
    ),
    "a style's numId with the paragraph's own ilvl": (
        OUTLINE + NUM(1, 1),
        STYLE_NUMBERED,
        [P("Việc một", style="Muc"), P("Việc hai", style="Muc", ilvl=1)],
        ["1. Việc một", "1.1. Việc hai"],
    ),
    "numId 0 takes the style's numbering away": (
        OUTLINE + NUM(1, 1),
        STYLE_NUMBERED,
        [P("Việc một", style="Muc"), P("Không số", style="Muc", num=0), P("Việc hai", style="Muc")],
        ["1. Việc một", "Không số", "2. Việc hai"],
    ),
    "the level a style is bound to (w:lvl/w:pStyle)": (
        ABSTRACT(3, LVL(0, "upperRoman", "%1."), LVL(1, "decimal", "%2.", extra='<w:pStyle w:val="Khoan"/>')) + NUM(3, 3),
        STYLE_NUMBERED,
        [P("MỤC ĐÍCH", num=3, ilvl=0), P("Khoản một", style="Khoan"), P("Khoản hai", style="Khoan")],
        ["## I. MỤC ĐÍCH", "1. Khoản một", "2. Khoản hai"],
    ),
    "a numbering style (numStyleLink)": (
        ABSTRACT(5, extra='<w:numStyleLink w:val="DanhSo"/>')
        + ABSTRACT(6, LVL(0, "lowerLetter", "%1)"), extra='<w:styleLink w:val="DanhSo"/>')
        + NUM(9, 6)
        + NUM(10, 5),
        '<w:style w:type="numbering" w:styleId="DanhSo"><w:name w:val="Danh so"/><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>',
        [P("x", num=10, ilvl=0), P("y", num=10, ilvl=0)],
        ["a) x", "b) y"],
    ),
}


@pytest.mark.parametrize("case", NUMBERING_CASES)
def test_word_numbering(tmp_path, case):
    numbering, styles, paragraphs, expected = NUMBERING_CASES[case]
    path = _docx(tmp_path / "n.docx", "".join(paragraphs), numbering=numbering, styles=styles)
    lines = _lines(read_docx(path))
    assert lines == expected
    for line in lines:  # what is emitted reads back as the same label
        text = line.lstrip("#").strip()
        label = read_part(text) or read_label(text)
        if label is not None:
            assert text.startswith(label.printed + " ")


HEADING_STYLE = '<w:style w:type="paragraph" w:styleId="TieuDe"><w:name w:val="Tieu de"/><w:rPr><w:b/></w:rPr></w:style>'
HEADING_CASES = [
    ("bold, label typed", P("1. Mục đích", b=True), "### 1. Mục đích"),
    ("bold, label from numbering", P("Mục đích", num=1, ilvl=0, b=True), "### 1. Mục đích"),
    ("capitals, not bold", P("II. NHIỆM VỤ"), "## II. NHIỆM VỤ"),
    ("capitals by w:caps", P("1. Mục tiêu", caps=True), "### 1. MỤC TIÊU"),
    ("bold from the paragraph style", P("2.1. Nhiệm vụ chung", style="TieuDe"), "#### 2.1. Nhiệm vụ chung"),
    ("heading style, no label", P("Ban Tổ chức", style="Heading2"), "### Ban Tổ chức"),
    ("bold sentences are not headings", P("1. Sở Nội vụ chủ trì rà soát. Sở Tài chính bố trí kinh phí.", b=True), "1. Sở Nội vụ chủ trì rà soát. Sở Tài chính bố trí kinh phí."),
    ("bold ending a list item", P("1. Rà soát văn bản;", b=True), "1. Rà soát văn bản;"),
    ("partly bold", P(R("1. "), R("Sở Nội vụ", b=True), R(" chủ trì rà soát")), "1. **Sở Nội vụ** chủ trì rà soát"),
    ("bold without a label", P("Căn cứ", b=True), "Căn cứ"),
    ("bold letter: the structure step decides", P("a) Nhiệm vụ", b=True), "a) Nhiệm vụ"),
    ("bold bullet", P("- Gạch đầu dòng", b=True), "- Gạch đầu dòng"),
    ("italic run", P(R("Rà soát "), R("hoàn thành trong quý I/2026", i=True)), "Rà soát *hoàn thành trong quý I/2026*"),
    ("tracked changes: insertions kept, deletions dropped", P(R("Rà soát "), '<w:ins w:id="1" w:author="A"><w:r><w:t>văn bản</w:t></w:r></w:ins>', '<w:del w:id="2" w:author="A"><w:r><w:delText>cũ</w:delText></w:r></w:del>', R(".")), "Rà soát văn bản."),
    ("hidden text is not printed", P(R("Rà soát"), '<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>', R(".")), "Rà soát."),
    ("a hyperlink and a content control", P(R("Xem "), '<w:hyperlink w:anchor="x"><w:r><w:t>Phụ lục</w:t></w:r></w:hyperlink>', '<w:sdt><w:sdtContent><w:r><w:t> kèm theo</w:t></w:r></w:sdtContent></w:sdt>', R(".")), "Xem Phụ lục kèm theo."),
    ("a Symbol-font dash and a non-breaking hyphen", P(R("Độc lập "), '<w:r><w:sym w:font="Symbol" w:char="F02D"/></w:r>', R(" Tự do"), '<w:r><w:noBreakHyphen/></w:r>', R("Hạnh phúc")), "Độc lập - Tự do-Hạnh phúc"),
]


@pytest.mark.parametrize("name,paragraph,expected", HEADING_CASES, ids=[c[0] for c in HEADING_CASES])
def test_headings_and_emphasis(tmp_path, name, paragraph, expected):
    path = _docx(tmp_path / "h.docx", paragraph, numbering=OUTLINE + NUM(1, 1), styles=HEADING_STYLE)
    assert _lines(read_docx(path)) == [expected]


# --- tables -------------------------------------------------------------------------------


def TC(*paragraphs: str, span: int = 1, vmerge: str | None = None) -> str:
    tcpr = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge else "")
    content = "".join(p if p.startswith("<") else P(p) for p in paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"


def TBL(rows: list[list[str]], *, grid: int, borders: bool = False, header_rows: int = 0) -> str:
    style = '<w:tblStyle w:val="TableGrid"/>' if borders else ""
    trs = []
    for index, row in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if index < header_rows else ""
        trs.append(f"<w:tr>{trpr}{''.join(c if c.startswith('<w:tc>') else TC(c) for c in row)}</w:tr>")
    cols = "".join('<w:gridCol w:w="2000"/>' for _ in range(grid))
    return f"<w:tbl><w:tblPr>{style}</w:tblPr><w:tblGrid>{cols}</w:tblGrid>{''.join(trs)}</w:tbl>"


STATE_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 141/KH-UBND"]
STATE_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bắc Ninh, ngày 20 tháng 11 năm 2025"]
HEADS = {
    "two columns": TBL([[TC(*STATE_LEFT), TC(*STATE_RIGHT)]], grid=2),
    "three columns with a spacer": TBL([[TC(*STATE_LEFT), TC(), TC(*STATE_RIGHT)]], grid=3),
    "two rows": TBL([[TC(*STATE_LEFT[:2]), TC(*STATE_RIGHT[:2])], [TC(STATE_LEFT[2]), TC(STATE_RIGHT[2])]], grid=2),
    "merged cells": TBL(
        [
            [TC(*STATE_LEFT[:2], vmerge="restart"), TC(*STATE_RIGHT[:2], span=2)],
            [TC(vmerge="continue"), TC(), TC(STATE_RIGHT[2])],
            [TC(STATE_LEFT[2]), TC("", span=2)],
        ],
        grid=3,
    ),
    "place-date over two paragraphs": TBL([[TC(*STATE_LEFT), TC(*STATE_RIGHT[:2], "Bắc Ninh,", "ngày 20 tháng 11 năm 2025")]], grid=2),
    "place-date over two cells": TBL(
        [[TC(*STATE_LEFT[:2]), TC(*STATE_RIGHT[:2])], [TC(STATE_LEFT[2]), TC("Bắc Ninh, ngày 20 tháng 11")], [TC(), TC("năm 2025")]], grid=2
    ),
    "line breaks in one paragraph": TBL([[TC(P(R("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", b=True)), STATE_LEFT[2]), TC(P(R("\n".join(STATE_RIGHT[:2]), b=True)), STATE_RIGHT[2])]], grid=2),
    "bordered, still a head": TBL([[TC(*STATE_LEFT), TC(*STATE_RIGHT)]], grid=2, borders=True),
    "inside a content control": f"<w:sdt><w:sdtContent>{TBL([[TC(*STATE_LEFT), TC(*STATE_RIGHT)]], grid=2)}</w:sdtContent></w:sdt>",
}
TITLE = P("KẾ HOẠCH", b=True) + P("Triển khai thực hiện Đề án chuyển đổi số", b=True) + P("Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ.") + P("I. MỤC ĐÍCH, YÊU CẦU", b=True)


@pytest.mark.parametrize("head", HEADS)
def test_letterhead_left_column_then_right(tmp_path, head):
    path = _docx(tmp_path / "head.docx", HEADS[head] + TITLE)
    lines = _lines(read_docx(path))
    assert lines[:6] == STATE_LEFT + STATE_RIGHT
    draft = convert(read_docx(path), registry=REGISTRY, source="x.docx", paragraphs=True)
    assert (draft.meta.number, draft.meta.date, draft.meta.place) == ("141/KH-UBND", date(2025, 11, 20), "Bắc Ninh")
    assert draft.meta.letterhead["issuer_lines"] == STATE_LEFT[:2]


def test_signature_and_recipients_table(tmp_path):
    foot = TBL(
        [[TC(P("Nơi nhận:", b=True, i=True), "- Như trên;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, NC."), TC("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", P("(Đã ký)", i=True), P("Trần Văn Bình", b=True))]],
        grid=2,
    )
    path = _docx(tmp_path / "foot.docx", HEADS["two columns"] + TITLE + P("Nội dung.") + foot)
    lines = _lines(read_docx(path))
    assert lines[-9:] == ["*Nơi nhận:*", "- Như trên;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, NC.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "*(Đã ký)*", "Trần Văn Bình"]
    meta = convert(read_docx(path), registry=REGISTRY, source="x.docx", paragraphs=True).meta
    assert meta.recipients == ["Như trên;", "Thường trực Tỉnh ủy;", "Lưu: VT, NC."]
    assert re.sub(r"[;,]", "", meta.signer_on_behalf) == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
    assert (meta.signer_title, meta.signer_name) == ("PHÓ CHỦ TỊCH", "Trần Văn Bình")


HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
TABLE_CASES = {
    "a lead merged over three rows applies to each": (
        TBL(
            [
                HEADER,
                ["1", "Rà soát văn bản", TC("Sở Nội vụ", vmerge="restart"), "Sở Tư pháp", "Quý I/2026"],
                ["2", "Sắp xếp bộ máy", TC(vmerge="continue"), "Sở Tài chính", "Quý II/2026"],
                ["3", "Báo cáo kết quả", TC(vmerge="continue"), "", "Tháng 12/2026"],
            ],
            grid=5,
            borders=True,
        ),
        [
            "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |",
            "|---|---|---|---|---|",
            "| 1 | Rà soát văn bản | Sở Nội vụ | Sở Tư pháp | Quý I/2026 |",
            "| 2 | Sắp xếp bộ máy | Sở Nội vụ | Sở Tài chính | Quý II/2026 |",
            "| 3 | Báo cáo kết quả | Sở Nội vụ |  | Tháng 12/2026 |",
        ],
    ),
    "a header over two rows": (
        TBL(
            [
                [TC("TT", vmerge="restart"), TC("Nội dung công việc", vmerge="restart"), TC("Cơ quan thực hiện", span=2), TC("Thời gian", vmerge="restart")],
                [TC(vmerge="continue"), TC(vmerge="continue"), "Chủ trì", "Phối hợp", TC(vmerge="continue")],
                ["1", "Rà soát", "Sở Nội vụ", "Sở Tư pháp", "Năm 2026"],
            ],
            grid=5,
            borders=True,
        ),
        [
            "| TT | Nội dung công việc | Cơ quan thực hiện Chủ trì | Cơ quan thực hiện Phối hợp | Thời gian |",
            "|---|---|---|---|---|",
            "| 1 | Rà soát | Sở Nội vụ | Sở Tư pháp | Năm 2026 |",
        ],
    ),
    "a second header row under a spanning cell, column numbers, group titles, cells of several paragraphs": (
        TBL(
            [
                ["STT", "Nhiệm vụ", TC("Cơ quan", span=2), "Thời hạn"],
                ["", "", "Chủ trì", "Phối hợp", ""],
                ["(1)", "(2)", "(3)", "(4)", "(5)"],
                ["I", TC("NHÓM NHIỆM VỤ VỀ THỂ CHẾ", span=4)],
                ["1", TC("Rà soát văn bản.", "Báo cáo kết quả."), "Sở Tư pháp", TC("Sở Nội vụ", "Sở Tài chính"), "Quý I/2026"],
            ],
            grid=5,
            borders=True,
        ),
        [
            "| STT | Nhiệm vụ | Cơ quan Chủ trì | Cơ quan Phối hợp | Thời hạn |",
            "|---|---|---|---|---|",
            "| I | NHÓM NHIỆM VỤ VỀ THỂ CHẾ |  |  |  |",
            "| 1 | Rà soát văn bản. Báo cáo kết quả. | Sở Tư pháp | Sở Nội vụ; Sở Tài chính | Quý I/2026 |",
        ],
    ),
    "a table of figures stays a table": (
        TBL([["Chỉ tiêu", "Năm 2024", "Năm 2025"], ["Tỷ lệ hồ sơ trực tuyến", "60%", "80%"]], grid=3, borders=True),
        ["| Chỉ tiêu | Năm 2024 | Năm 2025 |", "|---|---|---|", "| Tỷ lệ hồ sơ trực tuyến | 60% | 80% |"],
    ),
    "a cell holding a pipe": (
        TBL([["Mã", "Ý nghĩa"], ["A|B", "hai mã"]], grid=2, borders=True),
        ["| Mã | Ý nghĩa |", "|---|---|", "| A\\|B | hai mã |"],
    ),
    "a borderless table is read as columns": (
        TBL([[TC("Trái một", "Trái hai"), TC("Phải một", "Phải hai")]], grid=2),
        ["Trái một", "Trái hai", "Phải một", "Phải hai"],
    ),
}


@pytest.mark.parametrize("case", TABLE_CASES)
def test_tables(tmp_path, case):
    table, expected = TABLE_CASES[case]
    path = _docx(tmp_path / "t.docx", table)
    text = read_docx(path)
    assert (text.strip().split("\n") if expected[0].startswith("|") else _lines(text)) == expected


def test_merged_lead_gives_each_row_its_duty(tmp_path):
    table, _ = TABLE_CASES["a lead merged over three rows applies to each"]
    path = _docx(tmp_path / "t.docx", HEADS["two columns"] + TITLE + P("PHỤ LỤC", b=True) + table)
    body = _body(convert(read_docx(path), registry=REGISTRY, source="x.docx", paragraphs=True).markdown)
    rows = [line for line in body.split("\n") if line.startswith("- ")]
    assert len(rows) == 3 and all("Cơ quan chủ trì: Sở Nội vụ" in row for row in rows)


# --- footnotes and endnotes -------------------------------------------------------------


def FOOTNOTE(ident: int, *paragraphs: str, tag: str = "footnote") -> str:
    ref = f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{tag}Ref/></w:r>'
    body = "".join(f"<w:p>{ref if i == 0 else ''}{R(' ' + text if i == 0 else text)}</w:p>" for i, text in enumerate(paragraphs))
    return f'<w:{tag} w:id="{ident}">{body}</w:{tag}>'


def REF(ident: int, tag: str = "footnote") -> str:
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{tag}Reference w:id="{ident}"/></w:r>'


def test_footnotes_in_reference_order_then_endnotes(tmp_path):
    body = (
        HEADS["two columns"]
        + TITLE
        + P(R("Nâng cao chất lượng"), REF(2), R(" và hiệu quả."))
        + P(R("Theo kết luận"), REF(1, "endnote"), R("."))
        + P(R("Sắp xếp bộ máy"), REF(1), R("."))
    )
    path = _docx(
        tmp_path / "notes.docx",
        body,
        footnotes=FOOTNOTE(1, "Theo Nghị quyết số 18-NQ/TW.") + FOOTNOTE(2, "Năm 2025, toàn tỉnh có 97 chi bộ;", "số liệu đến 30/6/2025."),
        endnotes=FOOTNOTE(1, "Kết luận số 121-KL/TW.", tag="endnote"),
    )
    assert _lines(read_docx(path))[-6:] == [
        "Nâng cao chất lượng¹ và hiệu quả.",
        "Theo kết luận³.",
        "Sắp xếp bộ máy².",
        "¹ Năm 2025, toàn tỉnh có 97 chi bộ; số liệu đến 30/6/2025.",
        "² Theo Nghị quyết số 18-NQ/TW.",
        "³ Kết luận số 121-KL/TW.",
    ]
    draft = convert(read_docx(path), registry=REGISTRY, source="x.docx", paragraphs=True)
    body_md = _body(draft.markdown)
    assert "Nâng cao chất lượng[^1] và hiệu quả." in body_md and "Theo kết luận[^3]." in body_md
    assert "[^3]: Kết luận số 121-KL/TW." in body_md


# --- bad input ----------------------------------------------------------------------------


def _truncated(path: Path) -> None:
    Document().save(str(path))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _not_word(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")


def _broken_xml(path: Path) -> None:
    good = path.with_name("good.docx")
    Document().save(str(good))
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<w:document><w:body><w:p>" if item.filename == "word/document.xml" else data)


def _ole(path: Path, encrypted: bool) -> None:
    entries = ("EncryptionInfo", "EncryptedPackage") if encrypted else ("WordDocument", "1Table")
    directory = b"".join(name.encode("utf-16-le").ljust(128, b"\0") for name in entries)
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + directory)


def _long(path: Path, length: int) -> None:
    d = Document()
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("x" * length)
    d.save(str(path))


BAD = {
    "not a zip": (lambda p: p.write_bytes(b"not a zip"), "không phải dạng .docx"),
    "a truncated file": (_truncated, "không trọn vẹn"),
    "a spreadsheet named .docx": (_not_word, "bảng tính Excel"),
    "broken XML": (_broken_xml, "XML trong tệp bị hỏng"),
    "password-protected (an OLE file)": (lambda p: _ole(p, True), "đặt mật khẩu"),
    "a Word 97-2003 file named .docx": (lambda p: _ole(p, False), "Word 97-2003 (.doc)"),
    "a 10 MB text node": (lambda p: _long(p, 10 * 1024 * 1024), "dài bất thường"),
    "a paragraph no plan has": (lambda p: _long(p, MAX_PARAGRAPH + 1), "đoạn thứ 2"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_word_files_are_refused_with_a_message(tmp_path, case):
    make, phrase = BAD[case]
    path = tmp_path / "ke-hoach.docx"
    make(path)
    with pytest.raises(ImportFailed) as caught:
        read_docx(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: không đọc được tệp Word: ") and phrase in message
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(ImportFailed) as through_import:
        import_file(path, content, registry=REGISTRY)
    assert phrase in str(through_import.value)  # the same message through `kehoach import`
    assert list(content.iterdir()) == []  # nothing half-written


