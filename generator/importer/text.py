"""Text as it arrives from a PDF or Word export -> blocks of one paragraph each.

What is repaired here, and nothing else (docs/content-format.md, "Body"):

* hard line breaks: a line continues the previous one unless it starts a new
  block.  Two layouts occur.  Blank-line separated text (seeds/000, 001: a
  blank line ends a block, except before a line that starts with a lower-case
  letter, which a page break cut off); and "double-spaced" text where every
  physical line is followed by a blank line (seeds/002, 004), so blank lines
  say nothing: there a block ends after a line that ends a sentence or is
  clearly shorter than a full line, when the next line starts with a capital;
* page-break spaces at the start of a line, runs of spaces, a document number
  broken at a line end ("42-" + "CTr/TU");
* footnote bodies interleaved in the text ("¹ Công văn ...", or "1 Hiện nay
  ..." after a mark "cấp ủy 1."), moved out and linked to their marks;
* a receiving office's stamp ("ĐẾN Số: 12107 Ngày: 31/10/22") and page
  furniture (page numbers, rules such as "-----").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .. import vocabulary
from ..numbering import ANNEX, FOOTNOTE_DEF, read_label, read_part

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")
TO_SUPERSCRIPT = str.maketrans("0123456789", _SUPERSCRIPTS)

# Letters by case; a range such as "à-ỹ" would also hold capitals (Đ is U+0110).
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isalpha() and c.isupper())
_LOWER = "".join(c for c in map(chr, range(0x61, 0x1F00)) if c.isalpha() and c.islower())
_LOWER_START = re.compile(rf"^[{_LOWER}]")


@dataclass
class Line:
    text: str  # NFC, without leading/trailing whitespace
    no: int  # 1-based line number in the source
    indented: bool = False  # leading whitespace: a page break in PDF exports
    gap: bool = False  # a blank line comes before it (blank-separated layout only)
    note: bool = False  # a footnote body printed after the signature (its mark may be anywhere above)


@dataclass
class Footnote:
    key: str  # "1", "2" ...
    text: str
    line: int  # source line of the body
    mark: str  # the mark as written: "¹", "cấp ủy 1."
    mark_line: int | None  # source line of the mark, None when no mark was found


@dataclass
class Stamp:
    """A receiving office's stamp: not the plan's number or date."""

    office: str | None
    number: str | None
    date: str | None  # as written: "31/10/22"
    as_printed: str
    lines: list[int] = field(default_factory=list)


@dataclass
class Block:
    """One paragraph, bullet, heading or table of the body, joined."""

    text: str
    line: int  # source line where it starts
    kind: str = "text"  # "text" | "table" | "footnote-def"
    heading: int = 0  # Markdown heading depth in the source ("## ..." -> 2)
    rows: list[list[str]] | None = None  # table rows (header first)
    key: str | None = None  # footnote key of a "[^1]: ..." definition
    indented: bool = False


# --- lines ----------------------------------------------------------------------


def prepare_lines(raw: str, double: bool | None = None) -> tuple[list[Line], bool]:
    """The non-blank lines of ``raw`` and whether the text is double-spaced
    (found out unless ``double`` says: a Word document is never)."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\t", " ").replace("\ufeff", "").replace("\u200b", "")
    physical = text.split("\n")
    lines: list[Line] = []
    gap = False
    followed_by_blank = 0
    for index, raw_line in enumerate(physical):
        stripped = raw_line.strip()
        if not stripped:
            gap = True
            continue
        if lines and gap:
            followed_by_blank += 1
        lines.append(Line(stripped, index + 1, raw_line[:1].isspace(), gap))
        gap = False
    if double is None:
        double = _double_spaced(lines, followed_by_blank)
    if double:
        for line in lines:
            line.gap = False
    return lines, double


def _double_spaced(lines: list[Line], followed_by_blank: int) -> bool:
    """Every physical line followed by a blank one, and the lines wrapped (a
    paragraph per line is the blank-separated layout, not this one)."""
    if len(lines) < 20:
        return False
    lengths = sorted(len(l.text) for l in lines)
    p90 = lengths[int(len(lengths) * 0.9)]
    return followed_by_blank >= 0.8 * (len(lines) - 1) and p90 <= 130


def plain(text: str) -> str:
    """A line without Markdown heading marks and emphasis, for recognising
    letterheads, stamps and signatures (never for body text)."""
    text = re.sub(r"^#{1,6}\s+", "", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", text)
    return re.sub(r"\s+", " ", text).strip()


# --- stamps and page furniture ---------------------------------------------------------

_STAMP_HEAD = re.compile(r"^(?:(?P<office>.*?)\s+)?ĐẾN\b\s*(?:Số\s*:?\s*(?P<number>[\w./-]+))?\s*(?:Ngày\s*:?\s*(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}))?", re.I)
_STAMP_TAIL = re.compile(r"^(?:Số\s*:\s*\S+|Ngày\s*:\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|Chuyển\s*:.*|Số và ký hiệu HS\s*:.*|Lưu hồ sơ.*:.*)$", re.I)


def take_stamp(lines: list[Line]) -> tuple[list[Line], Stamp | None]:
    """Cut a receiving stamp ("ĐẾN Số: 12107 Ngày: 31/10/22 Chuyển: ...") out."""
    for i, line in enumerate(lines):
        text = plain(line.text)
        m = _STAMP_HEAD.match(text)
        if not m or not re.search(r"\bĐẾN\b", text) or not re.search(r"Số\s*:|Ngày\s*:", text + " " + (plain(lines[i + 1].text) if i + 1 < len(lines) else "")):
            continue
        if text.upper() != text and not re.match(r"^ĐẾN\b", text) and not m.group("office"):
            continue
        start = i
        office = (m.group("office") or "").strip() or None
        if office is None and i > 0 and all_caps(plain(lines[i - 1].text)) and not DOC_HEADING.match(plain(lines[i - 1].text)):
            office = plain(lines[i - 1].text)
            start = i - 1
        number, when = m.group("number"), m.group("date")
        end = i + 1
        while end < len(lines) and end <= i + 5 and _STAMP_TAIL.match(plain(lines[end].text)):
            tail = plain(lines[end].text)
            if number is None and (n := re.match(r"Số\s*:\s*(\S+)", tail, re.I)):
                number = n.group(1)
            if when is None and (d := re.match(r"Ngày\s*:\s*(\S+)", tail, re.I)):
                when = d.group(1)
            end += 1
        taken = lines[start:end]
        printed = " ".join(plain(l.text) for l in taken)
        stamp = Stamp(office, number, when, printed, [l.no for l in taken])
        return lines[:start] + lines[end:], stamp
    return lines, None


_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?$", re.I)
_RULE = re.compile(r"^[-–—_=*.\s]{3,}$")


def drop_furniture(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Lines that are page numbers or drawn rules, taken out."""
    kept, dropped = [], []
    for line in lines:
        if _RULE.match(line.text) or _PAGE_NUMBER.match(line.text):
            dropped.append(line)
        else:
            kept.append(line)
    return kept, dropped


# --- footnotes ----------------------------------------------------------------------

_SUPER_BODY = re.compile(rf"^([{_SUPERSCRIPTS}]+)\s*(\S.*)$")
_DIGIT_BODY = re.compile(rf"^(\d{{1,2}})\s+([{_UPPER}“\"(].*)$")
_SUPER_MARK = re.compile(rf"(?<=\S)([{_SUPERSCRIPTS}]+)")
_TERMINAL = re.compile(r"[.!?;:…][”\"’')*_]*$")


def _digit_mark(key: str) -> re.Pattern[str]:
    # "cấp ủy 1.", "ổn định 2.", "đảng viên3." -- the number right after a word,
    # before punctuation or the end of the line; never part of a larger number.
    return re.compile(rf"(?<=[^\W\d_])( ?)({key})(?![\d/.,:-]\d)(?=[.,;:)”]?(?:\s|$))")


def take_footnotes(lines: list[Line], double: bool) -> tuple[list[Line], list[Footnote]]:
    """Move footnote bodies out of the text and put "[^n]" at their marks."""
    out: list[Line] = []
    notes: list[Footnote] = []
    next_digit = 1
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _SUPER_BODY.match(line.text)
        digit = None if m else _DIGIT_BODY.match(line.text)
        # numbers may restart on each page: a body "1 ..." after "2 ..." is a new note
        reach = len(out) if line.note else 60
        if m or (digit and int(digit.group(1)) in (next_digit, 1) and _find_digit_mark(out, digit.group(1), reach) is not None):
            printed = m.group(1).translate(SUPERSCRIPT_DIGITS) if m else digit.group(1)
            key = str(len(notes) + 1)  # keys run 1, 2, 3 ... through the document
            body = [(m or digit).group(2)]
            j = i + 1
            # The body runs on until it ends a sentence (double-spaced) or until
            # the next blank line (blank-separated layout).
            while j < len(lines) and not _TERMINAL.search(body[-1]) and not lines[j].gap and not lines[j].indented:
                if _SUPER_BODY.match(lines[j].text) or _DIGIT_BODY.match(lines[j].text):
                    break
                body.append(lines[j].text)
                j += 1
                if j - i > 6:
                    break
            if m:
                mark_line = _link_superscript(out, printed, key)
                mark = m.group(1)
            else:
                found = _find_digit_mark(out, printed, reach)
                mark_line, mark = _link_digit(out, found, key)
                next_digit = int(printed) + 1
            notes.append(Footnote(key, _squash(" ".join(body)), line.no, mark, mark_line))
            i = j
            continue
        out.append(line)
        i += 1
    # superscript marks without a body are left as written (reported by the caller)
    return out, notes


def _find_digit_mark(out: list[Line], key: str, reach: int = 60) -> tuple[int, re.Match] | None:
    """The nearest mark above: within ``reach`` lines (a page) for a body
    printed at a page end, anywhere for one printed after the signature."""
    pattern = _digit_mark(key)
    for index in range(len(out) - 1, max(-1, len(out) - reach), -1):
        matches = list(pattern.finditer(out[index].text))
        if matches:
            return index, matches[-1]
    return None


def _link_digit(out: list[Line], found, key: str) -> tuple[int | None, str]:
    index, match = found
    line = out[index]
    word_start = max(0, line.text.rfind(" ", 0, max(0, match.start() - 1)) + 1)
    mark = line.text[word_start : match.end() + 1].strip()
    line.text = line.text[: match.start()] + f"[^{key}]" + line.text[match.end() :]
    return line.no, mark


def _link_superscript(out: list[Line], printed: str, key: str) -> int | None:
    sup = printed.translate(TO_SUPERSCRIPT)
    pattern = re.compile(rf"(?<=\S){re.escape(sup)}(?![{_SUPERSCRIPTS}])")
    for index in range(len(out) - 1, -1, -1):
        matches = list(pattern.finditer(out[index].text))
        if matches:
            m = matches[-1]
            out[index].text = out[index].text[: m.start()] + f"[^{key}]" + out[index].text[m.end() :]
            return out[index].no
    return None


def leftover_superscripts(text: str) -> list[str]:
    return _SUPER_MARK.findall(text)


# --- blocks -----------------------------------------------------------------------

_HEADING_MD = re.compile(r"^(#{1,6})\s+(.*)$")
_TABLE_ROW = re.compile(r"^\|.*\|$")
# A document's heading line: "KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG" (generator/vocabulary.py).
DOC_HEADING = re.compile(r"^(?:" + "|".join(re.escape(h) for h in sorted(vocabulary.HEADINGS, key=len, reverse=True)) + r")\b")


def all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def starts_block(text: str) -> bool:
    """A line that opens a new block whatever came before it: a Markdown
    heading, table row or footnote definition, or a numbering label of
    :mod:`generator.numbering` (a part in capitals, an item, a letter, a
    bullet followed by a capital, a digit or an opening quote, an annex)."""
    t = plain(text) if text.startswith(("#", "**")) else text
    return bool(
        _HEADING_MD.match(text)
        or _TABLE_ROW.match(text)
        or read_part(t) is not None
        or _label_starts(t, text)
        or ANNEX.match(t)
    )


def _label_starts(t: str, text: str) -> bool:
    label = read_label(t)
    if label is None:
        return False
    if label.kind == "bullet":
        # "- xã hội ở cơ sở" continues "các tổ chức chính trị": a bullet starts
        # with a capital, a digit, a quote, a parenthesis or emphasis
        bullet = read_label(text)
        return bool(bullet and bullet.kind == "bullet" and re.match(rf"[{_UPPER}0-9“\"(*]", bullet.rest))
    return label.kind in ("item", "letter", "footnote")


def is_bullet(text: str) -> bool:
    """A bullet as :func:`starts_block` reads it."""
    label = read_label(text)
    return bool(label and label.kind == "bullet" and _label_starts(text, text))


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip("* ")))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _join(previous: str, following: str) -> str:
    # "42-" + "CTr/TU": a number broken at the line end
    if re.search(r"\d\s*[-–]$", previous) and re.match(r"^[A-ZĐ][A-Za-zĐđ]*/", following):
        return previous.rstrip() + following
    return previous.rstrip() + " " + following


def full_width(lines: list[Line]) -> int:
    lengths = sorted(len(l.text) for l in lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _dense(lines: list[Line]) -> bool:
    """Text with no blank line between paragraphs and lines wrapped anywhere
    (a web portal's page copied: the HTML source's line breaks)."""
    if len(lines) < 15 or sum(l.gap for l in lines) > 0.02 * len(lines):
        return False
    return full_width(lines) <= 130


def _only_names(text: str) -> bool:
    """A title that names the doers ("Sở Tài chính", "Đề nghị: Ủy ban Mặt trận ...")."""
    from .bodies import is_list_of_names

    text = re.sub(r"^(?:Đề nghị|Giao|Trách nhiệm của|Đối với)\s*:?\s*", "", plain(text), flags=re.I)
    return is_list_of_names(text.rstrip(":"))


def _name_crosses(before: str, after: str) -> bool:
    """A body's name runs over the line break ("1. Sở" / "Thông tin và
    Truyền thông ..."): the lines are one sentence, not a title and its text."""
    from .bodies import find_names  # the one grammar of body names

    joined = f"{before} {after}"
    cut = len(before)
    return any(span.start < cut < span.end for span in find_names(joined))


def join_blocks(lines: list[Line], double: bool) -> list[Block]:
    """Physical lines -> blocks (paragraphs, bullets, headings, tables)."""
    blocks: list[Block] = []
    dense = not double and _dense(lines)
    width = full_width(lines) if double or dense else 0
    previous: Line | None = None
    current: Block | None = None
    for line in lines:
        text = line.text
        if _TABLE_ROW.match(text):
            if current is None or current.kind != "table":
                current = Block("", line.no, kind="table", rows=[])
                blocks.append(current)
            current.rows.append(_cells(text))
            previous = line
            continue
        if m := FOOTNOTE_DEF.match(text):
            current = Block(m.group("rest"), line.no, kind="footnote-def", key=m.group("label"))
            blocks.append(current)
            previous = line
            continue
        new = current is None or current.kind != "text" or current.heading or starts_block(text)
        if not new:
            lower = bool(_LOWER_START.match(text)) or bool(re.match(rf"^[-–]\s+[{_LOWER}]", text))
            if double:
                short = len(previous.text) < 0.8 * width
                # Inside a bullet a sentence may end at a full line and the
                # bullet go on (seeds/002); elsewhere a new paragraph starts.
                bullet = is_bullet(current.text)
                ended = short or (_ends_sentence(previous.text) and not bullet)
                new = ended and not lower
            elif dense:
                # a paragraph ends with its sentence, or after a short title
                # line ("1. Mục tiêu chung"), or where capitals stop (a heading)
                carries = lower or (text[:1].isdigit() and not starts_block(text))
                label = read_label(current.text)
                title = (
                    label is not None and label.kind in ("item", "letter") and not _ends_sentence(previous.text)
                    and not _name_crosses(previous.text, text)
                    and (
                        (2 <= len(label.rest.split()) <= 10 and len(previous.text) < 0.75 * width)
                        or _only_names(label.rest)  # "5. Đảng đoàn ... và các đoàn thể chính trị - xã hội tỉnh"
                    )
                )
                heading_ends = all_caps(previous.text) and not all_caps(text)
                new = not carries and (_ends_sentence(previous.text) or title or heading_ends)
            else:
                new = line.gap and not lower
        if new:
            heading = 0
            body = text
            if m := _HEADING_MD.match(text):
                heading, body = len(m.group(1)), m.group(2)
            current = Block(body, line.no, heading=heading, indented=line.indented)
            blocks.append(current)
        else:
            current.text = _join(current.text, text)
        previous = line
    for block in blocks:
        block.text = _squash(block.text)
    return blocks


def _cells(row: str) -> list[str]:
    inner = row.strip()[1:-1]
    return [_squash(c.replace("\\|", "|")) for c in re.split(r"(?<!\\)\|", inner)]


def is_rule_row(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c) and any(cells)
