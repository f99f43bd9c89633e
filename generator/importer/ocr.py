"""Pages that are only images (a scan of the signed paper) read with
Tesseract and its Vietnamese model.

A page is rendered at 300 dpi (pypdfium2, which pdfplumber brings),
cleaned (median filter: the specks of a scanner) and deskewed (the angle
whose rows of ink are sharpest), then read by ``tesseract -l vie`` into
words with their boxes and confidences.  The words become the same
``_Word``/``_Line`` objects the text-layer reader makes (pdf.py), so the
letterhead's two columns, paragraphs and page furniture are told apart by
the same layout rules.

Repairs are made only where they are certain, and each is listed in the
review report:

* a document number the numbering grammar reads once ``l``/``I``/``O`` are
  taken for ``1``/``1``/``0`` ("Số: l41/KH-UBND");
* the numeral of a quarter after "quý" ("quý ll/2025" -> "quý II/2025");
* a word read with low confidence that is no Vietnamese syllable
  (syllables.py) and that the typical confusions -- a tone lost or wrong,
  d/đ, u/ư, o/ơ, 1/l -- make into exactly one syllable ("truờng" ->
  "trường"; "đuợc" stays: "được" or "dược");
* a run of words that is a registered body name of the plan's organisation
  once diacritics are left out ("Sở Tài nguyen và Môi truờng"), when no
  other registered name reads the same without them (:class:`NameRepairs`,
  applied by the importer once it knows the organisation).

Every other word read with low confidence is listed for the review report
with its page and line.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import statistics
import subprocess
import unicodedata
from dataclasses import dataclass, field

from ..agencies import match_key
from ..text import fold, normalize, squash_spaces
from .syllables import TONES, is_syllable, split_tone, with_tone

DPI = 300
LANGUAGE = "vie"
LOW_CONFIDENCE = 60  # Tesseract's word confidence (0-100) below which a word is listed for checking
_VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese model is not installed."""


@dataclass
class OcrWord:
    text: str
    x0: float  # points, as the PDF's own words
    x1: float
    top: float
    bottom: float
    confidence: float
    line: int  # the line's number on its page, from the top (for the review report)
    repaired: bool = False  # made a number or a syllable (listed as a repair, not as uncertain)


@dataclass
class OcrPage:
    number: int
    words: list[OcrWord]
    angle: float  # the skew corrected, in degrees
    repairs: list[str] = field(default_factory=list)
    # ruled tables: (row edges y, column edges x), in points
    grids: list[tuple[list[float], list[float]]] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        return statistics.mean(w.confidence for w in self.words) if self.words else 0.0

    @property
    def vietnamese(self) -> float:
        """Share of words with a letter only Vietnamese writes."""
        lettered = [w for w in self.words if any(c.isalpha() for c in w.text)]
        return sum(1 for w in lettered if _VIETNAMESE.search(w.text)) / len(lettered) if lettered else 0.0


def available() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in listed.stdout.split()


def read_scanned_pages(pdf_path, pages: list[tuple[int, float, float]], progress=None) -> list[OcrPage]:
    """OCR of the pages (0-based index, width, height in points) of the PDF,
    two at a time: Tesseract runs single-threaded (its OpenMP threads only
    slow it down on two cores), one process a core."""
    import pypdfium2 as pdfium
    from concurrent.futures import ThreadPoolExecutor

    out: list[OcrPage] = []
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for start in range(0, len(pages), 2):
                batch = pages[start : start + 2]
                images = [document[index].render(scale=DPI / 72).to_pil().convert("L") for index, _, _ in batch]  # pdfium: one thread
                out += list(pool.map(lambda args: _recognise(*args), [(image, *page) for image, page in zip(images, batch)]))
                if progress:
                    progress(len(out), len(pages))
    finally:
        document.close()
    return out


def read_scanned_page(pdf_path, index: int, width: float, height: float) -> OcrPage:
    """OCR of page ``index`` (0-based) of the PDF; coordinates in points of a
    page ``width`` x ``height``."""
    return read_scanned_pages(pdf_path, [(index, width, height)])[0]


def _recognise(image, index: int, width: float, height: float) -> OcrPage:
    image = _clean(image)
    image, angle = _deskew(image)
    words = _tesseract(image)
    scale_x, scale_y = width / image.width, height / image.height
    out = [
        OcrWord(text, left * scale_x, (left + w) * scale_x, top * scale_y, (top + h) * scale_y, conf, line)
        for text, left, top, w, h, conf, line in words
    ]
    grids = [([y * scale_y for y in ys], [x * scale_x for x in xs]) for ys, xs in _grids(image)]
    page = OcrPage(index + 1, out, angle, grids=grids)
    for before, word in zip([None, *out], out):
        word.text = word.text.replace("\u2044", "/")  # the model's fraction slash: "quý III⁄2024"
        repaired = repair_number(word.text)
        why = "số văn bản"
        if repaired == word.text and before is not None and before.line == word.line:
            repaired, why = repair_quarter(before.text, word.text), "quý"
        if repaired == word.text and word.confidence < LOW_CONFIDENCE:
            repaired, why = repair_word(word.text), "không phải âm tiết tiếng Việt"
        if repaired != word.text:
            page.repairs.append(f"“{word.text}” đọc là “{repaired}” (dòng {word.line}, {why})")
            word.text, word.repaired = repaired, True
    return page


def _runs(flags: list[bool], gap: int = 2) -> list[tuple[int, int]]:
    """(start, end) of the runs of True, gaps of ``gap`` or less bridged."""
    out: list[list[int]] = []
    for i, flag in enumerate(flags):
        if not flag:
            continue
        if out and i - out[-1][1] <= gap + 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return [(a, b) for a, b in out]


def _grids(image) -> list[tuple[list[int], list[int]]]:
    """The ruled tables of a page, top to bottom: (y of each horizontal
    rule, x of each vertical rule), in pixels.  A rule is a row (column) of
    the page whose ink runs on for most of the table's width (height); an
    averaged image finds them without looking at every pixel.  Two rules
    belong to one table when vertical rules join them: a paragraph between
    two tables has none, and parts them."""
    from PIL import Image

    width, height = image.size
    # horizontal rules: rows dark across many 16-pixel blocks
    rows_img = image.resize((max(1, width // _STEP), height), Image.BOX)
    cols = rows_img.width
    data = rows_img.tobytes()
    ruled_rows = [sum(1 for v in data[y * cols : (y + 1) * cols] if v < 150) >= 0.35 * cols for y in range(height)]
    rules = _runs(ruled_rows)
    tables: list[list[tuple[int, int]]] = []
    for above, below in zip(rules, rules[1:]):
        if below[0] - above[1] < DPI // 12 or len(_verticals(image, above[1] + 1, below[0] - 1)) < 2:
            # not a row of a table: lower than a line of text (the rows of
            # ink of a bold title, whose letters' stems look like rules),
            # or no vertical rules (its borders at least would show)
            continue
        if tables and tables[-1][-1] == above:
            tables[-1].append(below)
        else:
            tables.append([above, below])
    out = []
    for group in tables:
        ys = [(a + b) // 2 for a, b in group]
        xs = _verticals(image, ys[0], ys[-1]) if len(ys) >= 3 else []
        if len(xs) >= 3:
            out.append((ys, xs))
    return out


_STEP = 16


def _verticals(image, top: int, bottom: int) -> list[int]:
    """x of each vertical rule running through the band from ``top`` to
    ``bottom`` (its ink on most of the band's height)."""
    from PIL import Image

    if bottom - top < 4:
        return []
    width = image.width
    band = image.crop((0, top, width, bottom + 1))
    cols_img = band.resize((width, max(1, (bottom - top) // _STEP)), Image.BOX)
    rows_n = cols_img.height
    data = cols_img.tobytes()
    ruled_cols = [sum(1 for y in range(rows_n) if data[y * width + x] < 150) >= 0.8 * rows_n for x in range(width)]
    return [(a + b) // 2 for a, b in _runs(ruled_cols)]


def _clean(image):
    from PIL import ImageFilter

    return image.filter(ImageFilter.MedianFilter(3))


def _deskew(image):
    """The image turned by the angle (within ±5°) at which its rows of ink
    are sharpest: the variance of the row sums is largest when text lines
    lie level."""
    from PIL import Image

    small = image.resize((max(1, image.width // 4), max(1, image.height // 4)))
    ink = small.point(lambda v: 255 if v < 160 else 0)

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.BILINEAR, fillcolor=0)
        rows = list(turned.resize((1, turned.height), Image.BOX).tobytes())  # one byte a row: its mean ink
        mean = sum(rows) / len(rows)
        return sum((r - mean) ** 2 for r in rows)

    best = max((a / 4 for a in range(-20, 21)), key=sharpness)
    fine = max((best + a / 20 for a in range(-5, 6)), key=sharpness)
    if abs(fine) < 0.1:
        return image, 0.0
    return image.rotate(fine, resample=Image.BICUBIC, expand=False, fillcolor=255), fine


def _tesseract(image) -> list[tuple[str, float, float, float, float, float, int]]:
    """(text, left, top, width, height, confidence, line number) of each word, in pixels."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    try:
        run = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "--dpi", str(DPI), "tsv"],
            input=buffer.getvalue(), capture_output=True, timeout=300, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except FileNotFoundError:
        raise OcrUnavailable("tesseract") from None
    except subprocess.TimeoutExpired:
        return []
    if run.returncode != 0:
        if b"Failed loading language" in run.stderr:
            raise OcrUnavailable(LANGUAGE)
        return []
    rows = csv.DictReader(io.StringIO(run.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    words = []
    lines: dict[tuple, int] = {}
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        key = (row["block_num"], row["par_num"], row["line_num"])
        line = lines.setdefault(key, len(lines) + 1)
        words.append((text, float(row["left"]), float(row["top"]), float(row["width"]), float(row["height"]), float(row["conf"]), line))
    return words


# "l41/KH-UBND", "9O-KH/HU", "S0 12": the digits of a document number
_NUMBER_SHAPE = re.compile(r"^(?P<num>[0-9lIO]{1,5})(?P<rest>(?:/\d{4})?[-/][A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)*)(?P<end>[.,;:)]?)$")


def repair_number(word: str) -> str:
    """A document number with letters for digits, repaired when the
    numbering grammar of document numbers reads the result; else as read."""
    m = _NUMBER_SHAPE.match(word)
    if not m or m.group("num").isdigit() or not any(c.isdigit() for c in m.group("num")):
        return word
    digits = m.group("num").translate(str.maketrans("lIO", "110"))
    repaired = digits + m.group("rest") + m.group("end")
    from ..citations import find_citations

    return repaired if find_citations(repaired.rstrip(".,;:)")) else word


_QUARTER = re.compile(r"^(?P<q>[IVl1|]{1,4})(?P<rest>/\d{4}\W*)$")


def repair_quarter(before: str, word: str) -> str:
    """The Roman numeral of a quarter after "quý" with l, 1 or | for I
    ("quý ll/2025" -> "quý II/2025"), when it makes I, II, III or IV."""
    m = _QUARTER.match(word)
    if not m or before.lower() != "quý":
        return word
    numeral = m.group("q").translate(str.maketrans("l1|", "III"))
    return numeral + m.group("rest") if numeral in ("I", "II", "III", "IV") else word


# --- words and names ----------------------------------------------------------------

# Tesseract's usual slips on Vietnamese letters: a stroke lost or added
# (d/đ, u/ư, o/ơ) and 1 for l; and the tone lost or read wrong.
_SWAPS = {"d": "đ", "đ": "d", "u": "ư", "ư": "u", "o": "ơ", "ơ": "o", "1": "l"}
_WORD = re.compile(r"(?P<lead>[^\w]*)(?P<core>[^\W\d_]*1?[^\W\d_]+)(?P<end>[^\w]*)")


def repair_word(word: str) -> str:
    """A word that is no Vietnamese syllable, made the one syllable within
    reach of the typical OCR confusions ("truờng" -> "trường"); as read when
    it is a syllable, when none or several are in reach ("chửc": "chức" or
    "chực"; "đuợc": "được" or "dược"), or when it is no plain word (a
    number, an abbreviation in mixed case)."""
    m = _WORD.fullmatch(normalize(word))
    if not m:
        return word
    core = m.group("core")
    upper = core.isupper() and len(core) > 1
    if not (core.islower() or upper or (core[0].isupper() and core[1:].islower())) or is_syllable(core):
        return word
    found = {normalize(c) for c in _confusions(core.lower()) if is_syllable(c)}
    if len(found) != 1:
        return word
    (fixed,) = found
    fixed = fixed.upper() if upper else fixed[0].upper() + fixed[1:] if core[0].isupper() else fixed
    return m.group("lead") + fixed + m.group("end")


def _confusions(word: str):
    """What ``word`` (lower case) may have been: its letters with any of
    their strokes lost or added, under the tone as read, or the same letters
    under another tone; a word read without a tone may have lost it with
    the strokes, so then both at once."""
    split = split_tone(word)
    if split is None:  # two tones, or one on a consonant: the letters under any tone
        letters = unicodedata.normalize("NFC", "".join(ch for ch in unicodedata.normalize("NFD", word) if ch not in TONES))
        split = (letters, None)
    letters, tone = split
    at = [i for i, ch in enumerate(letters) if ch in _SWAPS]
    if len(at) > 8:
        return
    spellings = []
    for mask in range(1 << len(at)):
        chars = list(letters)
        for bit, i in enumerate(at):
            if mask >> bit & 1:
                chars[i] = _SWAPS[chars[i]]
        spellings.append("".join(chars))
    for other in TONES:
        if other != tone:
            yield with_tone(letters, other)
    for spelt in spellings[1:]:
        for other in (TONES if not tone else (tone,)):
            yield with_tone(spelt, other)


class NameRepairs:
    """Registered body names found in OCR'd text whose diacritics were
    misread: a run of words that reads as a name once both are folded (no
    tone, d/đ, u/ư, o/ơ/ô, a/ă/â alike; generator.text.fold) is given the
    registry's spelling, when exactly one registered spelling folds so."""

    def __init__(self, names):
        spellings: dict[str, dict[str, str]] = {}  # folded -> match key -> name
        for name in names:
            name = squash_spaces(normalize(name))
            if len(name.split()) >= 2:  # one word ("Sở") is too little to be sure of
                spellings.setdefault(fold(name), {}).setdefault(match_key(name), name)
        self.known = {key for spelt in spellings.values() for key in spelt}
        self.names = {folded: next(iter(spelt.values())) for folded, spelt in spellings.items() if len(spelt) == 1}
        self.folded = set(spellings)  # the ambiguous ones too: matched, so never repaired into a shorter name
        self.words = max((len(f.split()) for f in spellings), default=0)

    def repair(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """``text`` with its misread names repaired, and (as read, repaired) of each."""
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        out, done, at, i = [], [], 0, 0
        while i < len(tokens):
            for n in range(min(self.words, len(tokens) - i), 1, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                start += len(text[start:end]) - len(text[start:end].lstrip("(“\"'"))
                end -= len(text[start:end]) - len(text[start:end].rstrip(".,;:)”\"'"))
                key = fold(text[start:end])
                if len(key) != end - start or squash_spaces(key) not in self.folded:
                    continue
                spelt = text[start:end]
                name = self.names.get(squash_spaces(key))
                if name and squash_spaces(match_key(spelt)) not in self.known:
                    name = name.upper() if spelt.isupper() else name[0].lower() + name[1:] if spelt[0].islower() else name
                    out.append(text[at:start] + name)
                    done.append((spelt, name))
                    at = end
                i += n - 1
                break
            i += 1
        out.append(text[at:])
        return "".join(out), done


def repair_blocks(blocks, ocr_lines: dict[int, int], names) -> list[str]:
    """Misread body names repaired in the blocks (importer/text.py) that
    start on a line read by OCR (``ocr_lines``: line -> page); the report's
    line for each.  Text with a text layer is left as its authors wrote it."""
    repairs = NameRepairs(names)
    notes = []
    for block in blocks:
        page = ocr_lines.get(block.line)
        if page is None or not repairs.names:
            continue
        done = []
        if block.rows:
            for row in block.rows:
                for k, cell in enumerate(row):
                    row[k], fixed = repairs.repair(cell)
                    done += fixed
        else:
            block.text, done = repairs.repair(block.text)
        notes += [f"trang {page}: “{a}” đọc là “{b}” (tên cơ quan trong danh mục)" for a, b in done]
    return notes


def registered_names(organisation: str, organisations, agencies) -> list[str]:
    """Names and aliases of the bodies of ``organisation`` and of the
    organisations above it (the names a plan of it resolves; agencies.Resolver)."""
    chain, current = [], organisation
    while current in organisations and current not in chain:
        chain.append(current)
        current = organisations[current].parent
    return [name for agency in agencies.values() if agency.organisation in chain for name in (agency.name, *agency.aliases)]
