"""A PDF with a text layer -> the text the importer reads, in the shape
docx.py gives: one block per line, a blank line between blocks.

pdfplumber gives the words with their font, size and box; everything else
is read from the geometry of the page, the way a reader sees it:

* furniture: page numbers and running headers/footers (a line at the top or
  bottom of a page that repeats on other pages, digits aside) are dropped;
* columns: the letterhead (issuer and number left, motto and place-date
  right; Nghị định 30/2020, Hướng dẫn 36) and the signature block (recipients
  left, signature right) print two columns on the same rows; they are read
  column by column, each line its own block;
* paragraphs: a line wrapped at the page width continues the one before
  unless a first-line indent, a numbering label, a vertical gap or a change
  of size starts a new block;
* tables (ruled): rows as Markdown pipe rows, a table continued on the next
  page joined to the previous one (its repeated header dropped);
* footnotes: raised small digits after a word are marks (¹); the bodies at
  the foot of a page (small print under a short rule) become "¹ body" blocks
  at the end, which the importer's footnote step links back;
* emphasis: runs in a bold or italic face (read from the font name) are
  marked ``**``/``*`` inside a block; a block wholly in bold stays plain.

A file without a text layer (a scan), with a password, or damaged raises
:class:`~generator.importer.sources.ImportFailed` with a Vietnamese message.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from ..encoding import find_mojibake
from ..numbering import read_label, read_part
from .sources import ImportFailed
from .text import TO_SUPERSCRIPT

Progress = Callable[[int, int], None]

_BOLD = re.compile(r"bold|black|heavy", re.I)
_ITALIC = re.compile(r"italic|oblique|(?:^|[-,])it$", re.I)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:Trang\s+)?(\d{1,4})(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$", re.I)


# --- what is read off a page -------------------------------------------------------


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    sup: bool = False  # a raised, smaller digit run: a footnote mark
    space: bool = True  # a space before it (set when the line is read)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    words: list[_Word]
    page: int

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def main(self) -> list[_Word]:
        big = max(w.size for w in self.words)
        return [w for w in self.words if w.size >= 0.85 * big] or self.words

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.main)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.main)

    @property
    def text(self) -> str:
        return _plain(self.words)


@dataclass
class _Table:
    rows: list[list[str]]
    columns: list[float]  # x of each column's left edge, and the right edge
    top: float
    bottom: float
    page: int


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]
    tables: list[_Table]
    rules: list[tuple[float, float, float]]  # short horizontal rules: x0, x1, y (top)
    chars: int
    images: int
    notes: list[_Line] = field(default_factory=list)  # lines of the footnote area


# --- the entry point -------------------------------------------------------------------


def read_pdf(path: Path, progress: Progress | None = None, notes: list[str] | None = None, ocr: dict[int, int] | None = None) -> str:
    """The text of a PDF, one block per line with blank lines between.
    ``notes`` receives what the review report should say of the file (pages
    that are images without text: a signed page scanned into a text PDF);
    ``ocr`` the lines of the text read by OCR, each with its page (only
    those may be repaired: the rest is as its authors typed it)."""
    pages = _read_pages(Path(path), progress)
    if not pages:
        raise ImportFailed(_corrupt(path, "không có trang nào"))
    scans = _read_scans(Path(path), pages, progress)
    if scans:
        _check_scans(path, scans, len(pages))
    if sum(p.chars for p in pages) < 10 * len(pages):
        from .ocr import available

        images = any(p.images for p in pages)
        if images and not available():
            how = ("để đọc bản quét, kehoach import cần Tesseract với bộ chữ tiếng Việt (gói tesseract-ocr và "
                   "tesseract-ocr-vie): cài rồi nhập lại, hoặc dùng tệp .docx gốc hay bản PDF xuất thẳng từ Word.")
        else:
            how = "hãy dùng tệp .docx gốc hoặc bản PDF xuất thẳng từ Word (Tệp > Lưu thành > PDF)."
        raise ImportFailed(
            f"{path}: tệp PDF không có lớp chữ ({'bản quét hoặc ảnh chụp' if images else 'không có chữ cũng không có hình'}); {how}"
        )
    _check_glyphs(path, pages)
    read = [s for s in scans if not _scanned(pages[s.number - 1])]
    if notes is not None and read:
        notes += _scan_notes(read)
    blank = [p.number for p in pages if p.chars < 10 and p.images]
    if notes is not None and blank:
        shown = ", ".join(map(str, blank[:10])) + (" ..." if len(blank) > 10 else "")
        notes.append(f"trang {shown} của tệp PDF là ảnh quét, không có lớp chữ: nội dung các trang đó không có trong bản nháp; đối chiếu với bản giấy và chép tay nếu cần.")
    text = _Layout(pages).text()
    if ocr is not None and read:
        ocr.update(_ocr_lines(text, pages, {s.number for s in read}))
    garbled = find_mojibake(text)
    if garbled is not None and garbled.count >= 5:
        raise ImportFailed(
            f"{path}: chữ trong tệp PDF dùng phông cũ theo bảng mã {garbled.encoding} (ví dụ “{garbled.word}” là “{garbled.meant}”), "
            "không đọc đúng được. Dùng tệp Word gốc: chuyển mã bằng Unikey (Bảng mã đích: Unicode), lưu thành .docx "
            "hoặc in lại ra PDF, rồi nhập lại."
        )
    return text


def _check_scans(path: Path, scans: list, total: int) -> None:
    """A scan that cannot be read -- blank, a photograph, another language --
    gets a message, not a draft full of noise."""
    words = [w for s in scans for w in s.words]
    lettered = [w for w in words if any(c.isalpha() for c in w.text)]
    confidence = statistics.mean(w.confidence for w in words) if words else 0.0
    vietnamese = sum(1 for w in lettered if _VIETNAMESE_LETTER.search(w.text)) / len(lettered) if lettered else 0.0
    if len(scans) == total and (len(lettered) < 15 * len(scans) or confidence < 45):
        raise ImportFailed(
            f"{path}: tệp PDF là ảnh quét nhưng nhận dạng chữ (OCR) không đọc được nội dung "
            f"({len(lettered)} từ, độ tin cậy trung bình {confidence:.0f}%): trang trắng, ảnh chụp hoặc bản quét quá mờ. "
            "Quét lại bản giấy ở 300 dpi, thẳng trang, rồi nhập lại; hoặc dùng tệp .docx gốc."
        )
    if len(scans) == total and vietnamese < 0.15:
        raise ImportFailed(
            f"{path}: tệp PDF là ảnh quét của văn bản không phải tiếng Việt (chỉ {vietnamese:.0%} số từ có dấu tiếng Việt); "
            "kehoach import chỉ nhận kế hoạch tiếng Việt."
        )


def _scan_notes(scans: list) -> list[str]:
    """What the review report says of the pages read by OCR."""
    from .ocr import LOW_CONFIDENCE

    pages = ", ".join(str(s.number) for s in scans)
    turned = [f"trang {s.number} nghiêng {abs(s.angle):.1f}°".replace(".", ",") for s in scans if s.angle]
    out = [
        f"trang {pages} là ảnh quét, được đọc bằng nhận dạng chữ (OCR, độ tin cậy trung bình "
        f"{statistics.mean(s.confidence for s in scans):.0f}%"
        + (f"; đã chỉnh {', '.join(turned)}" if turned else "")
        + "): đối chiếu kỹ số, ngày, tên cơ quan và thời hạn với bản giấy."
    ]
    for s in scans:
        out += [f"trang {s.number}: {r}" for r in s.repairs]
    low = [(s.number, w) for s in scans for w in s.words if w.confidence < LOW_CONFIDENCE and not w.repaired and any(c.isalnum() for c in w.text)]
    for number, w in low[:120]:
        out.append(f"trang {number}, dòng {w.line}: chữ đọc không chắc “{w.text}” (độ tin cậy {w.confidence:.0f}%)")
    if len(low) > 120:
        out.append(f"… và {len(low) - 120} chữ đọc không chắc khác")
    return out


_VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


def _check_glyphs(path: Path, pages: list[_Page]) -> None:
    """Fonts without a map to Unicode come out as "(cid:123)": no text to read."""
    words = [w.text for p in pages for l in p.lines for w in l.words]
    unmapped = sum(1 for w in words if "(cid:" in w)
    if words and unmapped >= 0.2 * len(words):
        raise ImportFailed(
            f"{path}: phông chữ trong tệp PDF không kèm bảng mã Unicode nên chữ không đọc được "
            f"({unmapped} trên {len(words)} từ). Dùng tệp .docx gốc, hoặc in lại ra PDF từ Word (Lưu thành > PDF) rồi nhập lại."
        )


def _corrupt(path: Path, detail: str) -> str:
    return (
        f"{path}: tệp PDF bị hỏng hoặc không đầy đủ ({detail}), không đọc được. "
        "Tải lại tệp từ nguồn; nếu mở được bằng trình đọc PDF, in lại ra PDF (Microsoft Print to PDF) rồi nhập lại."
    )


def _read_pages(path: Path, progress: Progress | None) -> list[_Page]:
    """Everything taken from pdfplumber, with its failures turned into
    messages; the analysis after it works on plain data."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.psparser import PSException
        from pdfplumber.utils.exceptions import PdfminerException
    except ImportError:
        raise ImportFailed(f"{path}: cần gói pdfplumber để đọc tệp .pdf (pip install pdfplumber).") from None

    def failure(exc: BaseException) -> ImportFailed:
        inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            return ImportFailed(
                f"{path}: tệp PDF được đặt mật khẩu (mã hóa), không mở được. "
                "Mở tệp bằng mật khẩu, in hoặc lưu lại thành PDF không đặt mật khẩu, rồi nhập lại."
            )
        name = inner.__class__.__name__ if isinstance(inner, BaseException) else str(inner)
        return ImportFailed(_corrupt(path, name))

    pages: list[_Page] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            total = len(pdf.pages)
            for index, page in enumerate(pdf.pages):
                try:
                    pages.append(_read_page(page, index + 1))
                finally:
                    page.close()  # free the page's parsed objects: memory stays flat on long files
                if progress:
                    progress(index + 1, total)
    except ImportFailed:
        raise
    except (PdfminerException, PSException, PDFEncryptionError) as exc:
        raise failure(exc) from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError, OverflowError, ZeroDivisionError, RecursionError) as exc:
        # a damaged file makes pdfminer fail in many ways: none is a traceback for the user
        raise ImportFailed(_corrupt(path, exc.__class__.__name__)) from None
    return pages


def _scanned(page: _Page) -> bool:
    return page.chars < 10 and page.images > 0


def _read_scans(path: Path, pages: list[_Page], progress: Progress | None) -> list:
    """Pages that are only images, read by OCR in place (ocr.py); -> the
    OcrPage of each, for the report.  Nothing when Tesseract is missing."""
    from . import ocr

    scans = [p for p in pages if _scanned(p)]
    if not scans or not ocr.available():
        return []
    read = []
    try:
        results = ocr.read_scanned_pages(path, [(p.number - 1, p.width, p.height) for p in scans], progress)
    except ocr.OcrUnavailable:
        return read
    except Exception as exc:  # a file the renderer cannot draw: left without text, and so refused with its message
        if exc.__class__.__name__ not in ("PdfiumError", "OSError", "ValueError"):
            raise
        return read
    for page, result in zip(scans, results):
        read.append(result)
        if sum(1 for w in result.words if any(c.isalpha() for c in w.text)) < 5:
            continue  # a blank or a picture: the page stays without text (and is named in the report)
        words = _ocr_words(result)
        tables = []
        for ys, xs in result.grids:  # a ruled table of the scan: its words go into its cells
            rows = []
            for top, bottom in zip(ys, ys[1:]):
                cells = []
                for left, right in zip(xs, xs[1:]):
                    inside = [w for w in words if left <= (w.x0 + w.x1) / 2 <= right and top <= w.middle <= bottom]
                    cells.append(_cell_text([_plain(l.words) for l in _lines(inside, page.number)]))
                if any(cells):
                    rows.append(cells)
            if rows and len(xs) >= 3:
                tables.append(_Table(rows, list(xs), ys[0], ys[-1], page.number))
                words = [w for w in words if not (xs[0] <= (w.x0 + w.x1) / 2 <= xs[-1] and ys[0] <= w.middle <= ys[-1])]
        pages[page.number - 1] = _Page(page.number, page.width, page.height, _lines(words, page.number), tables, [], sum(len(w.text) for w in words) + 10 * len(tables), page.images)
    return read


def _ocr_lines(text: str, pages: list[_Page], scanned: set[int]) -> dict[int, int]:
    """Line of ``text`` -> page, for the lines read by OCR: a line that
    starts with a line (or a table row) of a scanned page, and with none of
    a page that has a text layer.  A line of the letterhead split in two
    columns matches neither, and is not counted."""
    starts: dict[str, list[tuple[str, int]]] = {}
    for page in pages:
        pieces = [l.text for l in page.lines + page.notes] + [_pipe(r) for t in page.tables for r in t.rows]
        for piece in pieces:
            piece = unicodedata.normalize("NFC", piece)
            if piece:
                starts.setdefault(piece.split(" ", 1)[0], []).append((piece, page.number))
    out = {}
    for number, line in enumerate(text.split("\n"), 1):
        found = [page for piece, page in starts.get(line.split(" ", 1)[0], []) if line.startswith(piece)]
        if found and all(page in scanned for page in found):
            out[number] = found[0]
    return out


def _ocr_words(result) -> list[_Word]:
    """OCR words as the text layer's words: one size for the text, larger
    and smaller lines by their height (a box's height varies with tone marks)."""
    heights: dict[int, list[float]] = {}
    for w in result.words:
        heights.setdefault(w.line, []).append(w.bottom - w.top)
    line_height = {line: statistics.median(h) for line, h in heights.items()}
    body = statistics.median(line_height.values()) if line_height else 1.0
    out = []
    for w in result.words:
        if re.fullmatch(r"[|\[\]¦!]+", w.text):
            continue  # a table's rule read as a bar
        ratio = line_height[w.line] / body if body else 1.0
        size = 13.0 * (1.25 if ratio >= 1.2 else 0.8 if ratio <= 0.8 else 1.0)
        out.append(_Word(unicodedata.normalize("NFC", w.text), w.x0, w.x1, w.top, w.bottom, size, False, False))
    return out


def _read_page(page, number: int) -> _Page:
    words = [
        _Word(
            unicodedata.normalize("NFC", w["text"].translate(_LIGATURES)),
            float(w["x0"]),
            float(w["x1"]),
            float(w["top"]),
            float(w["bottom"]),
            float(w["size"]),
            bool(_BOLD.search(_face(w["fontname"]))),
            bool(_ITALIC.search(_face(w["fontname"]))),
        )
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["fontname", "size"])
        if w["text"].strip()
    ]
    words = _without_doubles(words)
    width, height = float(page.width), float(page.height)
    horizontal = [e for e in page.edges if e["orientation"] == "h"]
    vertical = [e for e in page.edges if e["orientation"] == "v"]
    tables: list[_Table] = []
    boxes: list[tuple[float, float, float, float]] = []
    if len(horizontal) >= 2 and len(vertical) >= 2:  # a ruled table needs both; finding them costs
        for found in page.find_tables():
            table = _table(found, words, number)
            if table is not None:
                tables.append(table)
                boxes.append(found.bbox)
    free = [w for w in words if not any(b[0] - 1 <= (w.x0 + w.x1) / 2 <= b[2] + 1 and b[1] - 1 <= w.middle <= b[3] + 1 for b in boxes)]
    rules = []
    for e in horizontal:
        x0, x1, top = float(e["x0"]), float(e["x1"]), float(e["top"])
        if not any(b[0] - 2 <= x0 and x1 <= b[2] + 2 and b[1] - 2 <= top <= b[3] + 2 for b in boxes):
            rules.append((x0, x1, top))
    return _Page(number, width, height, _lines(free, number), tables, rules, len(page.chars), len(page.images))


def _without_doubles(words: list[_Word]) -> list[_Word]:
    """A word printed twice on itself (a "fake bold" made by overprinting)
    kept once; cheaper than deduplicating every character."""
    seen: set[tuple] = set()
    out = []
    for w in words:
        key = (w.text, round(w.x0), round(w.top))
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


def _face(fontname: str) -> str:
    """"ABCDEF+TimesNewRomanPS-BoldMT" -> "TimesNewRomanPS-BoldMT"."""
    return fontname.split("+", 1)[-1]


# --- lines and tables -------------------------------------------------------------------


def _lines(words: list[_Word], page: int) -> list[_Line]:
    """Words -> lines, top to bottom: a word belongs to the line whose middle
    is near its own (a raised superscript included), then left to right."""
    lines: list[list[_Word]] = []
    middles: list[float] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines:
            size = max(max(w.size for w in lines[-1]), word.size)
            if abs(word.middle - middles[-1]) <= 0.45 * size:
                lines[-1].append(word)
                big = max(w.size for w in lines[-1])
                middles[-1] = statistics.median(w.middle for w in lines[-1] if w.size >= 0.85 * big)
                continue
        lines.append([word])
        middles.append(word.middle)
    out = []
    for group in lines:
        group.sort(key=lambda w: w.x0)
        line = _Line(group, page)
        size, bottom = line.size, line.bottom
        for i, w in enumerate(group):
            w.sup = w.size < 0.8 * size and w.bottom < bottom - 0.15 * size and w.text.isdigit() and i > 0
            gap = w.x0 - group[i - 1].x1 if i else 0.0
            w.space = i > 0 and not w.sup and gap > 0.12 * min(w.size, group[i - 1].size)
        if group[0].sup:
            group[0].space = False
        out.append(line)
    return out


def _table(found, words: list[_Word], page: int) -> _Table | None:
    rows: list[list[str]] = []
    columns: list[float] = []
    for row in found.rows:
        cells = []
        for bbox in row.cells:
            if bbox is None:
                cells.append("")  # merged with the cell before: its text is kept once
                continue
            x0, top, x1, bottom = bbox
            inside = [w for w in words if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top - 1 <= w.middle <= bottom + 1]
            text = _cell_text([_plain(l.words) for l in _lines(inside, page)])
            cells.append(text)
        rows.append(cells)
    if not rows or max(len(r) for r in rows) < 2:
        return None
    for row in found.rows:
        xs = [c[0] for c in row.cells if c is not None]
        if len(xs) == len(row.cells):
            columns = xs + [row.cells[-1][2]]
            break
    x0, top, x1, bottom = found.bbox
    return _Table(rows, columns or [x0, x1], top, bottom, page)


def _plain(words: list[_Word]) -> str:
    out = []
    for w in words:
        text = w.text.translate(TO_SUPERSCRIPT) if w.sup else w.text
        out.append((" " if w.space and out else "") + text)
    return "".join(out)


def _marked(words: list[_Word]) -> str:
    """Words -> text with ``**bold**`` and ``*italic*`` runs; bold is left
    out when every word is bold (a heading: capitals and numbering mark it)."""
    lettered = [w for w in words if not w.sup and any(c.isalpha() for c in w.text)]
    all_bold = bool(lettered) and all(w.bold for w in lettered)
    runs: list[list] = []  # [style, [words]]
    for w in words:
        style = "" if w.sup else ("**" if w.bold and not all_bold else "") + ("*" if w.italic else "")
        if runs and runs[-1][0] == style and not w.sup and not runs[-1][1][-1].sup:
            runs[-1][1].append(w)
        else:
            runs.append([style, [w]])
    out = []
    for style, group in runs:
        text = _plain(group)
        lead = " " if group[0].space and out else ""
        out.append(f"{lead}{style}{text}{style[::-1]}")
    return "".join(out)


# --- the document ---------------------------------------------------------------------


class _Layout:
    def __init__(self, pages: list[_Page]):
        self.pages = pages
        body = [l for p in pages for l in p.lines]
        sizes = Counter(round(w.size) for l in body for w in l.words for _ in w.text)
        self.size = float(sizes.most_common(1)[0][0]) if sizes else 12.0
        self.gap = self._line_gap()
        for page in pages:
            self._take_notes(page)
        self._drop_furniture()
        self._measure()

    # --- footnotes at the foot of a page -------------------------------------------------
    def _take_notes(self, page: _Page) -> None:
        """Lines under a short rule in the lower half, all in small print."""
        text_width = max((l.x1 for l in page.lines), default=page.width) - min((l.x0 for l in page.lines), default=0)
        candidates = [r for r in page.rules if r[2] > page.height * 0.5 and 0.08 * text_width <= r[1] - r[0] <= 0.6 * text_width]
        for x0, x1, y in sorted(candidates, key=lambda r: r[2]):
            below = [l for l in page.lines if l.top > y]
            words = [l for l in below if not _PAGE_NUMBER.match(l.text)]
            small = all(l.size <= self.size - 0.9 for l in words)
            # print no smaller than the text, but opening with a note's number ("1 Năm 2025, ...")
            numbered = all(l.size <= self.size + 0.1 for l in words) and bool(words) and re.match(r"^(?:\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+\S", words[0].text)
            if words and (small or numbered) and not any(t.top > y for t in page.tables):
                page.notes = words
                page.lines = [l for l in page.lines if l.top <= y or l not in words]
                return

    # --- page numbers, running heads and feet ----------------------------------------------
    def _drop_furniture(self) -> None:
        """Page numbers (a number near the page's index, first or last on the
        page) and running heads and feet: a line set apart at the top or
        bottom of a page whose text, digits aside, repeats on other pages."""

        def marginal(line: _Line, neighbour: _Line) -> bool:
            """Set apart from the text, or in another size than the text."""
            gap = neighbour.top - line.bottom if neighbour.top > line.top else line.top - neighbour.bottom
            return gap > self.gap + 0.5 * self.size or abs(line.size - self.size) >= 1

        def edge_lines(page: _Page) -> list[_Line]:
            lines, out = page.lines, []
            for n in (1, 2):  # one or two lines above the text, and below it
                if len(lines) > n and all(marginal(l, lines[n]) for l in lines[:n]):
                    out += lines[:n]
                if len(lines) > n and all(marginal(l, lines[-n - 1]) for l in lines[-n:]):
                    out += lines[-n:]
            return out

        # the same text (digits aside) at the same height of the page
        seen: Counter[tuple[str, int]] = Counter()
        for page in self.pages:
            seen.update({(_furniture_key(l.text), round(l.top / 4)) for l in edge_lines(page)})
        repeated = {k for k, n in seen.items() if n >= 2 and n >= 0.3 * len(self.pages)}
        for page in self.pages:
            first, last = page.lines[:1], page.lines[-1:]
            drop = [l for l in edge_lines(page) if (_furniture_key(l.text), round(l.top / 4)) in repeated]
            for line in first + last:
                m = _PAGE_NUMBER.match(line.text)
                if m and abs(int(m.group(1)) - page.number) <= 3:
                    drop.append(line)
            page.lines = [l for l in page.lines if l not in drop]
            if page.notes and (m := _PAGE_NUMBER.match(page.notes[-1].text)) and abs(int(m.group(1)) - page.number) <= 3:
                page.notes = page.notes[:-1]

    def _measure(self) -> None:
        body = [l for p in self.pages for l in p.lines if abs(l.size - self.size) <= 1.5]
        if not body:
            body = [l for p in self.pages for l in p.lines]
        starts = Counter(round(l.x0) for l in body)
        self.left = float(min(starts.most_common(3), key=lambda kv: kv[0])[0]) if starts else 0.0
        # Justified text: many lines end on the right margin.  Ragged text
        # (no such edge): the longest line is as near it as one can tell.
        ends = Counter(round(l.x1 * 2) for l in body)  # half points
        edge = [x for x, n in ends.items() if n + ends.get(x - 1, 0) + ends.get(x + 1, 0) >= max(3, 0.2 * len(body))]
        self.justified = bool(edge)
        self.right = max(edge) / 2 + 0.5 if edge else max((l.x1 for l in body), default=0.0)
        self.middle = (self.left + self.right) / 2

    def _line_gap(self) -> float:
        """The usual white space between two lines of a paragraph."""
        gaps = []
        for page in self.pages:
            for a, b in zip(page.lines, page.lines[1:]):
                if abs(a.size - self.size) <= 1 and abs(b.size - self.size) <= 1 and b.top > a.bottom:
                    gaps.append(b.top - a.bottom)
        return statistics.median(gaps) if gaps else self.size * 0.3

    # --- reading order ------------------------------------------------------------------------
    def text(self) -> str:
        items: list[_Line | _Table] = []
        for page in self.pages:
            items += sorted([*page.lines, *page.tables], key=lambda i: i.top)
        notes = self._note_blocks()  # first: it renumbers the marks in the text
        blocks = self._blocks(items) + notes
        out = [unicodedata.normalize("NFC", b) for b in blocks if b.strip()]
        return "\n\n".join(out) + "\n" if out else ""

    def _blocks(self, items: list) -> list[str]:
        out: list[str] = []
        current: list[_Line] = []
        table: _Table | None = None
        i = 0

        def flush():
            if current:
                out.append(_marked(_joined(current)))
                current.clear()

        while i < len(items):
            item = items[i]
            if isinstance(item, _Table):
                flush()
                if table is not None and self._continues(table, item, items, i):
                    rows = item.rows
                    if rows and _same_row(rows[0], table.rows[0]):
                        rows = rows[1:]  # the header printed again on the new page
                    if rows and not rows[0][0].strip() and all(r[0].strip() for r in table.rows[1:]):
                        # a row broken across the page: its first cell (the number) is not repeated
                        table.rows[-1] = [f"{a} {b}".strip() for a, b in zip(table.rows[-1], rows[0])]
                        out[-1] = _pipe(table.rows[-1])  # the table was the last thing written
                        rows = rows[1:]
                    out += [_pipe(r) for r in rows]
                    table.rows += rows
                    table.page, table.bottom = item.page, item.bottom
                else:
                    table = _Table([list(r) for r in item.rows], item.columns, item.top, item.bottom, item.page)
                    out += [_pipe(r) for r in item.rows]
                i += 1
                continue
            zone = self._zone(items, i)
            if zone:
                flush()
                table = None
                end, left, right = zone
                out += self._column(left) + self._column(right)
                i = end
                continue
            table = None
            if current and self._continues_line(current, item):
                current.append(item)
            else:
                flush()
                current.append(item)
            i += 1
        flush()
        return out

    # --- tables over a page break ------------------------------------------------------------------
    def _continues(self, previous: _Table, table: _Table, items: list, index: int) -> bool:
        if table.page != previous.page + 1 or len(table.columns) != len(previous.columns):
            return False
        if any(abs(a - b) > 3 for a, b in zip(table.columns, previous.columns)):
            return False
        before = [it for it in items[:index] if getattr(it, "page", None) == table.page]
        return not before  # the table opens its page

    # --- two columns: letterhead and signature --------------------------------------------------------
    def _segments(self, line: _Line) -> list[list[_Word]]:
        out = [[line.words[0]]]
        for a, b in zip(line.words, line.words[1:]):
            if b.x0 - a.x1 > max(1.8 * line.size, 20):
                out.append([b])
            else:
                out[-1].append(b)
        return out

    def _side(self, line: _Line) -> str:
        """"pair" (two columns on one row), "right", "left" or "body"."""
        segments = self._segments(line)
        if len(segments) >= 2:
            first_end = segments[0][-1].x1
            last_start = segments[-1][0].x0
            if first_end < self.middle + 0.1 * (self.right - self.left) and last_start > self.middle - 0.1 * (self.right - self.left):
                return "pair"
        slack = 0.02 * (self.right - self.left)
        if line.x0 >= self.middle - slack:
            return "right"
        if line.x1 <= self.middle + slack:
            return "left"
        return "body"

    def _zone(self, items: list, start: int):
        """A run of lines read as two columns: it opens at a row of two
        columns (or a line wholly in the right half, as a signature that
        starts above "Nơi nhận") and holds at least one such row."""
        first = items[start]
        if not isinstance(first, _Line) or self._side(first) not in ("pair", "right"):
            return None
        end, pairs = start, 0
        left: list[_Line] = []
        right: list[_Line] = []
        while end < len(items) and isinstance(items[end], _Line):
            line = items[end]
            side = self._side(line)
            if side == "body":
                break
            if side == "pair":
                pairs += 1
                segments = self._segments(line)
                split = max(range(1, len(segments)), key=lambda k: segments[k][0].x0 - segments[k - 1][-1].x1)
                left.append(_Line([w for s in segments[:split] for w in s], line.page))
                right.append(_Line([w for s in segments[split:] for w in s], line.page))
            elif side == "right":
                right.append(line)
            else:
                left.append(line)
            end += 1
        if not pairs or not _one_axis(right):
            return None
        return end, left, right

    def _column(self, lines: list[_Line]) -> list[str]:
        """Each line its own block; a line that starts in lower case goes on
        the line before it (a long name wrapped in the narrow column)."""
        out: list[list[_Line]] = []
        for line in lines:
            first = line.words[0].text.lstrip("(")[:1]
            before = out[-1][-1].text if out else ""
            motto_cut = re.search(r"C[ỘO]NG\s+H[OÒ][AÀ]", before, re.I) and not re.search(r"NAM$", before, re.I) and line.text.isupper()
            if out and (first.islower() or motto_cut or first.isdigit() and re.search(r"(?:\bngày|tháng|năm)$", before)):
                out[-1].append(line)  # "Đồng Xoài, ngày 05 tháng 6 năm" / "2024"
            else:
                out.append([line])
        return [_marked(_joined(group)) for group in out]

    # --- paragraphs -------------------------------------------------------------------------------------
    def _continues_line(self, block: list[_Line], line: _Line) -> bool:
        """Whether ``line`` goes on the paragraph ``block``: the line before
        is full (the first word of this one would not have fitted on it) and
        this one starts where continuation lines start, nothing opening a
        new block in between (label, first-line indent, white space, size,
        capitals ending)."""
        previous = block[-1]
        text = line.text
        centred_pair = self._on_axis(line) and self._on_axis(block[0])
        if read_part(text) or (read_label(text) and not centred_pair) or text.startswith(("|", "[^")):
            return False  # (a centred title wrapped before "- 2030" is no list)
        if abs(line.size - previous.size) > 0.9:
            return False
        if line.page == previous.page and line.top - previous.bottom > self.gap + 0.4 * self.size:
            return False
        if _caps(previous.text) and not _caps(text):
            return False  # "KẾ HOẠCH" over its trích yếu, a heading in capitals over its text
        lower = text.lstrip("(*_“\"")[:1].islower()  # "(hằng năm)." ends the sentence above
        if not self.justified and re.search(r"[.;:!?]$", previous.text) and not lower:
            return False  # ragged text: a full line that ends a sentence may end the paragraph
        if not self._centred(line) and (lower or _HANGS.search(previous.text)):
            # "... Truyền hình và" / "Đồng Bình Phước ...", "(thường" / "xuyên).": the
            # sentence goes on whatever the indent (a list's hanging indent varies by program)
            return True
        space = 0.28 * line.size
        first_word = line.words[0].x1 - line.words[0].x0
        if self._centred(line) or (centred_pair and len(block) == 1 and self._centred(previous) is False and self._on_axis(previous)):
            # a centred title wrapped: the line before was centred too (or
            # filled the width) and could not take this line's first word
            title = block[0]  # a wrapped title's inner lines may fill the width; its first is centred
            if not self._on_axis(title) or _bold(previous) != _bold(line):
                return False
            # (a title block is often set narrower than the page: a line
            # half as wide as the text that ends no sentence goes on)
            wide = (previous.x1 - previous.x0) + space + first_word > (self.right - self.left) - 2
            half = ((previous.x1 - previous.x0) > 0.5 * (self.right - self.left) or len(block) > 1) and not re.search(r"[.;:!?]$", previous.text)
            return wide or half or lower
        full = previous.x1 + space + first_word > self.right - 1
        at_margin = abs(line.x0 - self.left) <= 2
        if not at_margin and len(block) > 1 and abs(line.x0 - previous.x0) <= 2:
            at_margin = True  # a hanging indent: continuation lines share their x
        if not at_margin and len(block) == 1 and read_label(block[0].text) and line.x0 > self.left + 2:
            at_margin = abs(line.x0 - _text_start(block[0])) <= 2 or abs(line.x0 - block[0].x0) <= 2
        return at_margin and (full or lower)

    def _centred(self, line: _Line) -> bool:
        """Set in the middle, short of both margins (an indented justified
        line that nearly fills the width is not centred)."""
        return self._on_axis(line) and (line.x1 - line.x0) < 0.9 * (self.right - self.left)

    def _on_axis(self, line: _Line) -> bool:
        """Symmetric about the page's middle (a title line; one that fills the width too)."""
        return abs((line.x0 + line.x1) / 2 - self.middle) <= 4 and (line.x0 > self.left + 4 or line.x1 >= self.right - 8)

    # --- footnote bodies ----------------------------------------------------------------------------------
    def _note_blocks(self) -> list[str]:
        """"¹ body" blocks, numbered through the document in the order of
        their marks (numbering may restart on each page); a mark without a
        body on its page (km², m³) is left as printed."""
        out: list[str] = []
        next_key = 1
        for page in self.pages:
            bodies = _note_bodies(page.notes)
            if not bodies:
                continue
            if bodies[0][0] is None and out:
                out[-1] += " " + bodies[0][1]  # a note continued from the page before
                bodies = bodies[1:]
            marks = [w for l in page.lines for w in l.words if w.sup]
            keys: dict[str, int] = {}
            for mark in marks:
                if mark.text in {b[0] for b in bodies} and mark.text not in keys:
                    keys[mark.text] = next_key
                    mark.text = str(next_key)
                    next_key += 1
            for printed, body in bodies:
                if printed is None:
                    continue
                key = keys.get(printed)
                if key is None:
                    key = next_key
                    next_key += 1
                out.append(f"{str(key).translate(TO_SUPERSCRIPT)} {body}")
        return out


def _note_bodies(lines: list[_Line]) -> list[tuple[str | None, str]]:
    """Footnote-area lines -> (printed number or None for a continuation, text)."""
    out: list[list] = []
    for line in lines:
        words = line.words
        head = words[0]
        if head.text.isdigit() and (head.sup or (len(words) > 1 and words[1].space)) and len(head.text) <= 3:
            rest = [replace(w, space=False) if i == 0 else w for i, w in enumerate(words[1:])]
            out.append([head.text, _marked(rest)])
        elif out:
            out[-1][1] += " " + _marked(words)
        else:
            out.append([None, _marked(words)])
    return [(p, re.sub(r"\s+", " ", t).strip()) for p, t in out]


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


# A line that ends on a connector, a comma or an open parenthesis goes on.
_HANGS = re.compile(r"(?:[,(–-]|\b(?:và|của|với|các|cho|về|theo|trong|tại|từ|đến|là|được|có|những|nhằm|để|hoặc|cùng))$", re.I)


def _cell_text(lines: list[str]) -> str:
    """A cell's lines as one text; a date or number that a narrow column
    broke ("15/12/202" / "6") is put back together."""
    out = ""
    for line in lines:
        if out and re.search(r"\d{1,2}/\d{1,2}/\d{1,3}$|[\dIVX]/$", out) and re.match(r"^\d", line):
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def _bold(line: _Line) -> bool:
    """All its words in bold (a line of digits only, "2026", by its digits)."""
    lettered = [w for w in line.words if any(c.isalpha() for c in w.text)] or [w for w in line.words if any(c.isdigit() for c in w.text)]
    return bool(lettered) and all(w.bold for w in lettered)


def _one_axis(lines: list[_Line]) -> bool:
    """The right column of a letterhead or signature is centred: most of its
    lines share a middle (tab-aligned "label   value" lines do not)."""
    if len(lines) < 2:
        return True
    middles = [(l.x0 + l.x1) / 2 for l in lines]
    axis = statistics.median(middles)
    return sum(abs(m - axis) <= 15 for m in middles) >= 2 / 3 * len(middles)


def _joined(lines: list[_Line]) -> list[_Word]:
    """The words of lines read as one block: a space where a line was
    wrapped, except inside a document number broken at its dash ("42-" /
    "CTr/TU")."""
    out: list[_Word] = []
    for line in lines:
        for i, w in enumerate(line.words):
            if i == 0:
                broken = bool(out) and re.search(r"\d[-–]$", out[-1].text) and re.match(r"^[A-ZĐ][A-Za-zĐđ]*/", w.text)
                w = replace(w, space=bool(out) and not broken)
            out.append(w)
    return out


def _text_start(line: _Line) -> float:
    """x where the text after a numbering label begins."""
    return line.words[1].x0 if len(line.words) > 1 else line.x0


def _same_row(a: list[str], b: list[str]) -> bool:
    def norm(row):
        return [re.sub(r"\s+", " ", unicodedata.normalize("NFC", c)).strip().casefold() for c in row]

    return norm(a) == norm(b)


def _pipe(row: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").strip() for c in row) + " |"


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text).strip().casefold())
