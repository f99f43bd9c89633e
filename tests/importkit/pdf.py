"""A plan source -> a PDF laid out the way an office prints one (A4,
Nghị định 30/2020 margins), made with reportlab and the DejaVu fonts bundled
in tests/fixtures/fonts (never a system font):

* the letterhead as a borderless two-column table (issuer and number left,
  motto and place-date right), short rules under the issuer and the motto;
* the document type and trích yếu centred in bold, body paragraphs justified
  at the page width with a first-line indent, headings in bold;
* tables ruled (reportlab ``Table`` with a grid), header row repeated when a
  table breaks across pages;
* footnote marks in superscript, their bodies at the foot of the page where
  the mark lands (small font under a short rule);
* page numbers centred at the bottom, an optional running header;
* the signature block and recipients as a borderless two-column table.

``image_only`` makes a scan-like PDF (an image, no text layer), ``encrypt`` a
PDF that opens only with that password.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

from .source import Block, PlanSource, block_text

FONTS = Path(__file__).resolve().parent.parent / "fixtures" / "fonts"
FONT, BOLD, ITALIC = "KhDejaVu", "KhDejaVu-Bold", "KhDejaVu-Oblique"

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, 20 * MM, 20 * MM, 20 * MM
TEXT_W = PAGE_W - LEFT - RIGHT
BODY_SIZE, NOTE_SIZE = 13, 10

FILLER = (
    "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao chủ động xây dựng kế hoạch chi tiết, "
    "bố trí nguồn lực, tổ chức thực hiện có hiệu quả các nội dung đã đề ra; định kỳ hằng quý báo cáo "
    "kết quả thực hiện, những khó khăn, vướng mắc và đề xuất giải pháp tháo gỡ để tổng hợp, báo cáo."
)


def _register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(ITALIC, str(FONTS / "DejaVuSans-Oblique.ttf")))
    # no bold-oblique face is bundled: bold italic prints bold
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, ITALIC)
    addMapping(FONT, 1, 1, BOLD)


def _styles():
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.35, alignment=TA_JUSTIFY, firstLineIndent=10 * MM, spaceAfter=4)
    return {
        "body": body,
        "heading": ParagraphStyle("heading", parent=body, fontName=BOLD),
        "doctype": ParagraphStyle("doctype", parent=body, fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER, firstLineIndent=0, spaceBefore=12),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=12),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=11, leading=13.5, alignment=TA_LEFT),
        "cell-head": ParagraphStyle("cell-head", fontName=BOLD, fontSize=11, leading=13.5, alignment=TA_CENTER),
        "head-left": ParagraphStyle("head-left", fontName=BOLD, fontSize=12, leading=15, alignment=TA_CENTER),
        "head-right": ParagraphStyle("head-right", fontName=BOLD, fontSize=12, leading=15, alignment=TA_CENTER),
        "head-plain": ParagraphStyle("head-plain", fontName=FONT, fontSize=13, leading=16, alignment=TA_CENTER),
        "head-date": ParagraphStyle("head-date", fontName=ITALIC, fontSize=13, leading=16, alignment=TA_CENTER),
        "recipients-head": ParagraphStyle("recipients-head", fontName=ITALIC, fontSize=12, leading=14, alignment=TA_LEFT),
        "recipients": ParagraphStyle("recipients", fontName=FONT, fontSize=11, leading=13, alignment=TA_LEFT),
        "sign": ParagraphStyle("sign", fontName=BOLD, fontSize=13, leading=16, alignment=TA_CENTER),
        "note": ParagraphStyle("note", fontName=FONT, fontSize=NOTE_SIZE, leading=12, alignment=TA_JUSTIFY, firstLineIndent=10 * MM),
        "running": ParagraphStyle("running", fontName=ITALIC, fontSize=10, leading=12, alignment=TA_CENTER),
    }


# --- inline markup -----------------------------------------------------------------


def _markup(text: str, notes: dict[str, int]) -> str:
    """Source inline text -> reportlab paragraph markup: **bold**, *italic*,
    [^key] -> a superscript number that reports the page it lands on."""
    out = escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<!\w)\*(?=\S)(.+?)(?<=\S)\*(?!\w)", r"<i>\1</i>", out)

    def mark(m: re.Match) -> str:
        key = m.group(1)
        number = notes.setdefault(key, len(notes) + 1)
        return f'<super size="{BODY_SIZE * 0.62:.1f}" rise="{BODY_SIZE * 0.4:.1f}">{number}</super><onDraw name="footmark" label="{key}"/>'

    return re.sub(r"\[\^([^\]\s]+)\]", mark, out)


def _heading_like(text: str) -> bool:
    plain = text.replace("*", "")
    return len(plain) <= 90 and not re.search(r"[.:;]$", plain.strip())


# --- the parts of the page ---------------------------------------------------------------


class _Rule:
    """A short centred rule under a letterhead line (a drawn line, not text)."""

    def __new__(cls, width: float):
        from reportlab.platypus import Flowable

        class Rule(Flowable):
            def wrap(self, aw, ah):
                self.aw = aw
                return aw, 6

            def draw(self):
                self.canv.setLineWidth(0.6)
                x = (self.aw - width) / 2
                self.canv.line(x, 1, x + width, 1)

        return Rule()


def _two_columns(pairs, styles, *, head: bool):
    from reportlab.platypus import Paragraph, Table, TableStyle

    left_w, right_w = TEXT_W * 0.42, TEXT_W * 0.58
    rows = []
    last_left_caps = max((i for i, (l, _) in enumerate(pairs) if l and _caps(l) and not l.startswith("Số")), default=None)
    last_right_caps = max((i for i, (_, r) in enumerate(pairs) if r and (_caps(r) or r.startswith("Độc lập"))), default=None)
    for i, (left, right) in enumerate(pairs):
        if head:
            ls = styles["head-left"] if _caps(left) else styles["head-plain"]
            rs = styles["head-right"] if (_caps(right) or right.startswith("Độc lập")) else styles["head-date"]
        else:
            ls = styles["recipients-head"] if left.rstrip(":").lower() == "nơi nhận" else styles["recipients"]
            rs = styles["sign"]
        lcell = [Paragraph(_markup(left, {}), _fitting(ls, left, left_w))] if left else []
        rcell = [Paragraph(_markup(right, {}), _fitting(rs, right, right_w))] if right else []
        if head and i == last_left_caps:
            lcell.append(_Rule(left_w * 0.3))
        if head and i == last_right_caps:
            rcell.append(_Rule(right_w * 0.5))
        rows.append([lcell, rcell])
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
             ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    if not head and pairs and not pairs[-1][0]:
        style.append(("TOPPADDING", (1, len(pairs) - 1), (1, len(pairs) - 1), 48))  # room to sign
    table = Table(rows, colWidths=[left_w, right_w], hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _fitting(style, text: str, width: float):
    """The style, its size lowered until ``text`` fits on one line of the
    column (an office sets the letterhead so; DejaVu is wider than Times)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = style.fontSize
    while size > 8 and stringWidth(text.replace("*", ""), style.fontName, size) > width - 2:
        size -= 0.5
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.25)


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _ruled_table(block: Block, styles, notes):
    from reportlab.platypus import Paragraph, Table, TableStyle

    width = max(len(r) for r in block.rows)
    rows = [r + [""] * (width - len(r)) for r in block.rows]
    # each column as wide as its longest word needs, the rest shared by text length
    from reportlab.pdfbase.pdfmetrics import stringWidth

    least = [max(stringWidth(word, BOLD, 11) for r in rows for word in (r[c].split() or [""])) + 14 for c in range(width)]
    weights = [min(60, max(len(r[c]) for r in rows)) + 1 for c in range(width)]
    spare = TEXT_W - sum(least)
    widths = [least[c] + spare * weights[c] / sum(weights) for c in range(width)]
    cells = []
    for i, row in enumerate(rows):
        style = styles["cell-head"] if i == 0 else styles["cell"]
        cells.append([Paragraph(_markup(c, notes), style) for c in row])
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _story(source: PlanSource, styles, notes: dict[str, int], pages_of_filler: int):
    from reportlab.platypus import Paragraph, Spacer

    story = [_two_columns(source.letterhead, styles, head=True)]
    opening = True  # the document type and trích yếu, before the first sentence
    for block in source.blocks:
        if block.kind == "footnote":
            continue
        if block.kind == "table":
            story += [Spacer(1, 4), _ruled_table(block, styles, notes), Spacer(1, 6)]
            opening = False
            continue
        text = block_text(block)
        if opening and block.kind in ("caps", "paragraph") and not re.search(r"[.:;]$", text.replace("*", "").strip()):
            style = styles["doctype"] if block.kind == "caps" else styles["title"]
            story.append(Paragraph(_markup(text, notes), style))
            continue
        opening = False
        if block.kind in ("part", "caps") or (block.kind == "item" and _heading_like(block.text)):
            story.append(Paragraph(_markup(text, notes), styles["heading"]))
        else:
            story.append(Paragraph(_markup(text, notes), styles["body"]))
    for n in range(pages_of_filler * 8):
        story.append(Paragraph(f"Đoạn bổ sung thứ {n + 1}. {FILLER}", styles["body"]))
    if source.footer:
        story += [Spacer(1, 10), _two_columns(source.footer, styles, head=False)]
    return story


def _footnote_bodies(source: PlanSource) -> dict[str, str]:
    return {b.label: b.text for b in source.blocks if b.kind == "footnote"}


# --- building -----------------------------------------------------------------------


def _build(source: PlanSource, *, pages_of_filler: int, encrypt: str | None, running_header: str | None, reserve: dict[int, list[str]],
           page_number_at: str = "bottom"):
    """One pass: the PDF bytes and where each footnote mark landed
    ({page: [keys]}); ``reserve`` is the previous pass's answer, whose note
    bodies are printed (and given room) at the foot of those pages."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    styles = _styles()
    notes: dict[str, int] = {}
    bodies = _footnote_bodies(source)
    landed: dict[int, list[str]] = {}

    def note_paragraphs(page: int):
        out = []
        for key in reserve.get(page, []):
            if key in bodies and key in notes:
                size = NOTE_SIZE * 0.7
                out.append(Paragraph(f'<super size="{size:.1f}" rise="{NOTE_SIZE * 0.4:.1f}">{notes[key]}</super> {_markup(bodies[key], {})}', styles["note"]))
        return out

    def note_height(page: int) -> float:
        paragraphs = note_paragraphs(page)
        return sum(p.wrap(TEXT_W, PAGE_H)[1] for p in paragraphs) + 14 if paragraphs else 0

    class Doc(BaseDocTemplate):
        def beforePage(self):
            room = note_height(self.page)
            if room:
                frame = self.pageTemplate.frames[0]
                frame._y1p += room
                frame._aH -= room

    def on_page(canvas, doc):
        page = doc.page
        canvas.setNamedCB("footmark", lambda c, kind, label: landed.setdefault(c.getPageNumber(), []).append(label))
        canvas.saveState()
        canvas.setFont(FONT, 12)
        if page_number_at == "bottom":
            canvas.drawCentredString(PAGE_W / 2, BOTTOM / 2, str(page))
        elif page > 1:  # Nghị định 30/2020: centred in the top margin, from the second page
            canvas.drawCentredString(PAGE_W / 2, PAGE_H - TOP + 12, str(page))
        if running_header and page > 1:
            canvas.setFont(ITALIC, 10)
            canvas.drawCentredString(PAGE_W / 2, PAGE_H - TOP / 2 + (8 if page_number_at == "top" else 0), running_header)
        paragraphs = note_paragraphs(page)
        if paragraphs:
            y = BOTTOM + note_height(page) - 8
            canvas.setLineWidth(0.5)
            canvas.line(LEFT, y, LEFT + TEXT_W / 3, y)
            y -= 3
            for p in paragraphs:
                _, h = p.wrap(TEXT_W, PAGE_H)
                p.drawOn(canvas, LEFT, y - h)
                y -= h
        canvas.restoreState()

    buffer = io.BytesIO()
    kwargs = {"encrypt": StandardEncryption(encrypt, ownerPassword=encrypt + "-owner", strength=128)} if encrypt else {}
    doc = Doc(buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP, bottomMargin=BOTTOM,
              title="Kế hoạch", author="kehoach tests", **kwargs)
    frame = Frame(LEFT, BOTTOM, TEXT_W, PAGE_H - TOP - BOTTOM, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    story = _story(source, styles, notes, pages_of_filler)
    doc.build(story)
    return buffer.getvalue(), landed


def make_pdf(source: PlanSource, path: Path, *, pages_of_filler: int = 0, encrypt: str | None = None, image_only: bool = False,
             running_header: str | None = None, page_number_at: str = "bottom") -> Path:
    """Write ``source`` as an office-style PDF at ``path``.

    ``pages_of_filler``: about that many pages of plain paragraphs before the
    signature; ``encrypt``: the user password; ``image_only``: a page image
    with no text layer, as a scanner gives; ``running_header``: a line
    repeated at the top of every page after the first; ``page_number_at``:
    "bottom", or "top" from the second page on (Nghị định 30/2020)."""
    _register_fonts()
    path = Path(path)
    if image_only:
        path.write_bytes(_image_only_pdf())
        return path
    options = {"pages_of_filler": pages_of_filler, "running_header": running_header, "page_number_at": page_number_at}
    reserve: dict[int, list[str]] = {}
    for _ in range(5):  # a footnote's room can push its mark to the next page: settle
        data, landed = _build(source, reserve=reserve, encrypt=None, **options)
        if landed == reserve:
            break
        reserve = landed
    if encrypt:
        data, _ = _build(source, reserve=reserve, encrypt=encrypt, **options)
    path.write_bytes(data)
    return path


def _image_only_pdf() -> bytes:
    """A page as a scanner gives it: one grey image of text-like bars."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (420, 595), 255)
    draw = ImageDraw.Draw(image)
    for row in range(12, 560, 14):
        draw.rectangle((60, row, 380 - (row * 7) % 90, row + 6), fill=40)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    canvas.drawImage(ImageReader(image), 0, 0, PAGE_W, PAGE_H)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
