"""The parts of a plan around its body: letterhead, title block, signature
and recipients.

Two format rules lay them out (DOMAIN.md §8): Nghị định 30/2020/NĐ-CP for
state documents and Hướng dẫn 36-HD/VPTW for party documents.  Both put a
two-column head above the text -- left the issuing body (its parent on the
line above) with the number under it, right the motto with the place-date
line under it -- then the document type and the trích yếu; and a two-column
foot -- "Nơi nhận:" left, the signature right.  Exports scramble the
columns: a text export gives them one after the other, a PDF's text layer
runs them together line by line, a table cell may break a line anywhere.
So the head is read by what its pieces look like (the motto, "Số ...", the
place-date line), found across line breaks, and what is left of each line is
the issuer's column.

:func:`split_regions` cuts the lines into header, body and footer;
:func:`read_header` and :func:`read_footer` read what they hold;
:func:`read_letterhead` says who the issuer is.  Lines that fit no known
slot are returned so the review report can list them: nothing is dropped
silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..text import normalize
from .text import _LOWER, _UPPER, DOC_HEADING, Line, all_caps, plain, starts_block

_OPENING = re.compile(
    r"^(?:Thực hiện|Căn cứ|Thi hành|Triển khai|Nhằm|Để|Trên cơ sở|Qua|Sau khi|Tiếp tục thực hiện|Quán triệt)\b"
)
MOTTO = re.compile(
    r"C[ỘO]NG\s+H[OÒ][AÀ]\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
    r"|Đ[ẢA]NG\s+C[ỘO]NG\s+S[ẢA]N\s+VI[ỆE]T\s+NAM"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc",
    re.I,
)
# "Số: 141/KH-UBND", "Số 90 -KH/HU", "Số 38 – KL/TW", "Số: 80/2021/NĐ-CP",
# "Số: 574/UBND-NC", "Số:    /KH-UBND" (the number is written by hand), and
# "Số:" with the number on the next line.
_SYMBOL_PART = r"[0-9A-Za-zĐđ]+"
_NUMBER = re.compile(
    rf"(?<![\w/])Số\s*:?[ \t]*\n?[ \t]*(?P<symbol>(?:[0-9]{{1,5}}|[.…_ ]*)(?:[ \t]*[/\-–—][ \t]*{_SYMBOL_PART})+)(?![\w/])",
)
_PLACE_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_PLACE = rf"(?:(?:Thành phố|Thị xã|Thị trấn|TP\.)\s*)?{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}}"
# The place-date line, its pieces on one line or several: "Bắc Ninh, ngày
# 20 tháng 11 năm 2025", "Di Linh, ngày 22/12/2022", "Bắc Ninh, ngày 20
# tháng 11" + "năm 2025", "Bắc Ninh," + "ngày 20 ...", and a date left blank
# for the hand ("Bắc Ninh, ngày    tháng 11 năm 2025").
PLACE_DATE = re.compile(
    rf"(?:(?<![\w/\-–])(?P<place>{_PLACE})\s*,\s*)?(?<!\w)ngày\s*"
    r"(?:(?P<d>\d{1,2})\s*(?:tháng\s*(?P<m>\d{1,2})\s*năm\s*|[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*)(?P<y>\d{4})"
    r"|[\s.…_]*tháng[\s.…_]*(?:\d{1,2})?[\s.…_]*năm\s*(?:\d{4})?)",
    re.I,
)
_RULE = re.compile(r"^[-–—_=*.\s]{3,}$")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.I)
_MARKER = r"(?:T/M|TM\.|TM(?=\s)|K/T|KT\.|KT(?=\s)|TL\.|TUQ\.|Q\.)"
ON_BEHALF = re.compile(rf"^{_MARKER}\s*\S", re.I)
_MARKER_AT = re.compile(rf"(?<![\w/]){_MARKER}\s*")
_TITLES = (
    "TỔNG BÍ THƯ", "BÍ THƯ", "CHỦ TỊCH", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG",
    "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "CHỦ NHIỆM", "VIỆN TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "TRƯỞNG PHÒNG",
    "CHÁNH THANH TRA", "HIỆU TRƯỞNG", "TRƯỞNG ĐOÀN", "ỦY VIÊN",
)
_TITLE = re.compile(
    r"(?<!\w)(?:PHÓ\s+)?(?:" + "|".join(t.replace(" ", r"\s+") for t in sorted(_TITLES, key=len, reverse=True)) + r")(?:\s+THƯỜNG\s+TRỰC)?(?!\w)"
)
_SIGNED = re.compile(r"^\(?\s*(?:đã ký|ký tên|ký, ghi rõ họ tên|ký và đóng dấu|chữ ký số|đã ký và đóng dấu)[^)]*\)?$", re.I)
_BULLET = re.compile(r"^[-+•–—*]\s*")
_NOTE_BODY = re.compile(rf"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*\S|\[\^[^\]\s]+\]:|\d{{1,2}}\s+[{_UPPER}“\"(])")
_MARKING = re.compile(r"^(?:DỰ THẢO|KHẨN|THƯỢNG KHẨN|HỎA TỐC|HOẢ TỐC|MẬT|TỐI MẬT|TUYỆT MẬT)$")


@dataclass
class Header:
    issuer_lines: list[str] = field(default_factory=list)  # the issuer's column, as printed
    motto: str | None = None
    number_line: str | None = None  # "Số: 141/KH-UBND", single-spaced
    number_line_no: int | None = None
    place_date_line: str | None = None
    place: str | None = None
    date: date | None = None
    date_line_no: int | None = None
    heading_lines: list[str] = field(default_factory=list)
    title_lines: list[str] = field(default_factory=list)
    title_line_no: int | None = None
    unknown: list[Line] = field(default_factory=list)


@dataclass
class Footer:
    recipients: list[str] = field(default_factory=list)
    recipients_note: str | None = None
    on_behalf: str | None = None  # "T/M HUYỆN ỦY"; two parts: "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH"
    title: str | None = None
    name: str | None = None
    unknown: list[Line] = field(default_factory=list)
    found: bool = False
    sign_first: bool = False  # T/M ... printed before Nơi nhận


# --- regions -------------------------------------------------------------------------


def split_regions(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
    """(header, body, footer).  An annex after the signature stays in the
    body, and so do footnote bodies printed after it (Word's footnotes at the
    end of a PDF export, "[^1]: ..." definitions): they are marked
    ``Line.note`` so their marks are looked for in the whole text."""
    heading = _doc_heading_index(lines)
    start = _body_start(lines, heading)
    header, rest = lines[:start], lines[start:]
    # the motto and place-date column printed after the issuer's column and
    # what follows it (a công văn's "V/v ..." and "Kính gửi: ..." in a PDF)
    late = _late_letterhead(lines[:25], start)
    if late:
        header = header + [l for l in rest if id(l) in late]
        rest = [l for l in rest if id(l) not in late]
    footer_start = None
    for i, line in enumerate(rest):
        text = plain(line.text)
        if RECIPIENTS.match(text) or (ON_BEHALF.match(text) and all_caps(text)):
            footer_start = i
            break
    if footer_start is None:
        return header, rest, []
    body = rest[:footer_start]
    footer: list[Line] = []
    annex: list[Line] = []
    in_note = False
    for i, line in enumerate(rest[footer_start:]):
        text = plain(line.text)
        if re.match(r"^PHỤ LỤC\b", text):
            annex += rest[footer_start + i :]
            break
        starts_note = bool(_NOTE_BODY.match(line.text)) and not _BULLET.match(line.text)
        if starts_note or (in_note and not _ends_note(annex[-1].text) and not _footer_line(text)):
            line.note = True
            annex.append(line)
            in_note = True
            continue
        in_note = False
        footer.append(line)
    return header, body + annex, footer


def _ends_note(text: str) -> bool:
    return bool(re.search(r"[.!?;…][”\"’')]*$", text))


def _footer_line(text: str) -> bool:
    return bool(RECIPIENTS.match(text) or _BULLET.match(text) or (all_caps(text) and (ON_BEHALF.match(text) or _TITLE.match(text))))


def _doc_heading_index(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines[:40]):
        text = plain(line.text)
        if DOC_HEADING.match(text) and ((all_caps(text) and len(text.split()) <= 8) or _heading_and_title(text)):
            return i
    return None


def _heading_and_title(text: str) -> tuple[str, str] | None:
    """ "KẾ HOẠCH củng cố, nâng cao ..." (a PDF joins the heading and the
    trích yếu) -> ("KẾ HOẠCH", "củng cố, nâng cao ...")."""
    m = DOC_HEADING.match(text)
    if not m:
        return None
    rest = text[m.end() :].strip()
    if rest and re.match(rf"^[{_LOWER}]", rest):
        return text[: m.end()].strip(), rest
    return None


def _late_letterhead(lines: list[Line], start: int) -> set[int]:
    """Lines at or after ``start`` that are wholly the motto or a place-date
    line with its place: the right column printed after the body began."""
    pieces, masked, starts = _pieces(lines)
    residue = masked.split("\n")
    out: set[int] = set()
    for p in pieces:
        if p.kind == "number" or (p.kind == "date" and not p.match.group("place")):
            continue
        first, last = _line_of(starts, p.match.start()), _line_of(starts, p.match.end() - 1)
        span = range(first, last + 1)
        if first >= start and all(not residue[k].strip(" ,") for k in span):
            out.update(id(lines[k]) for k in span)
    return out


def _body_start(lines: list[Line], heading: int | None) -> int:
    """Index of the first body line: the opening paragraph ("Thực hiện ...",
    "Căn cứ ...") after the title, or the first part or item."""
    if heading is None:
        covered = _letterhead_cover(lines[:25])
        i = 0
        while i < len(lines) and (i in covered or _letterhead_line(plain(lines[i].text))):
            i += 1
    else:
        i = heading + 1
        while i < len(lines) and _heading_line(plain(lines[i].text)):
            i += 1  # "CỦA BAN THƯỜNG VỤ TỈNH ỦY"
    first_title = i
    bold = bool(re.match(r"^\*\*", lines[i].text)) if i < len(lines) else False
    end = i
    while end < len(lines):
        text = plain(lines[end].text)
        if _RULE.match(text):
            return _not_preamble(lines, first_title, end, rule=True)
        if end == first_title:
            if starts_block(text) or (heading is None and _OPENING.match(text)):
                return end  # no title block: the text begins with the opening sentence
        else:
            lower = bool(re.match(rf"^[{_LOWER}]", text))
            if _OPENING.match(text) or starts_block(text):
                break
            if bold and not lines[end].text.startswith("**") and not lower:
                break  # the title is bold, the preamble is not
            if lines[end].gap and not lower and not (bold and lines[end].text.startswith("**")):
                break
        if end - first_title >= 8:
            break
        end += 1
    return _not_preamble(lines, first_title, end)


def _not_preamble(lines: list[Line], first: int, end: int, rule: bool = False) -> int:
    """The title block is ``lines[first:end]`` unless the preamble ("...,
    Ủy ban nhân dân tỉnh ban hành Kế hoạch ... như sau:") is in it: then the
    body starts where the preamble does.  A title wraps at any word; the
    preamble begins a line after one that ends no sentence part (",", ";")."""
    texts = [plain(l.text) for l in lines[first:end]]
    if not texts or not is_preamble(" ".join(texts)):
        return end + 1 if rule else end
    for k in range(len(texts) - 1, -1, -1):
        if re.match(rf"^[{_LOWER}]", texts[k]) or (k and texts[k - 1].endswith((",", ";"))):
            continue
        if is_preamble(" ".join(texts[k:])):
            return first + k
    return first


def is_preamble(text: str) -> bool:
    """The opening sentence that says who issues the plan ("..., Ban
    Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:"), not a trích yếu."""
    text = text.strip(" *")
    return bool(re.search(r"(?:như sau|sau đây)\s*:?$|:$", text) or _ISSUES_AFTER_CLAUSE.search(text))


_ISSUES_AFTER_CLAUSE = re.compile(r"[;,]\s+[^;,]{0,80}?\b(?:ban hành|xây dựng|triển khai)\s+(?:Kế hoạch|Chương trình|Hướng dẫn|Đề án)\b")


def _heading_line(text: str) -> bool:
    """A line of the heading block after the document type: "CỦA BAN
    THƯỜNG VỤ TỈNH ỦY", "(DỰ THẢO)"; a trích yếu in capitals is a title."""
    return bool(re.match(r"^(?:CỦA\s+\S|\(.{1,30}\)$)", text)) and all_caps(text) and not starts_block(text)


def _letterhead_line(text: str) -> bool:
    return bool(
        text == "*"
        or MOTTO.fullmatch(text)
        or _NUMBER.fullmatch(text)
        or PLACE_DATE.fullmatch(text)
        or (all_caps(text) and not starts_block(text))
    )


# --- the head --------------------------------------------------------------------------


@dataclass
class _Piece:
    kind: str  # "motto" | "number" | "date"
    text: str  # single-spaced
    first_line: int  # index into the lines
    match: re.Match | None = None


def _joined(lines: list[Line]) -> tuple[str, list[int]]:
    texts = [normalize(plain(l.text)) for l in lines]
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return "\n".join(texts), starts


def _line_of(starts: list[int], offset: int) -> int:
    index = 0
    for i, s in enumerate(starts):
        if s <= offset:
            index = i
    return index


def _pieces(lines: list[Line]) -> tuple[list[_Piece], str, list[int]]:
    """The motto, number and place-date found across the letterhead's lines,
    and the text with them blanked out (same offsets)."""
    joined, starts = _joined(lines)
    pieces: list[_Piece] = []
    masked = joined

    def blank(m: re.Match) -> None:
        nonlocal masked
        masked = masked[: m.start()] + re.sub(r"[^\n]", " ", m.group(0)) + masked[m.end() :]

    for m in MOTTO.finditer(masked):
        pieces.append(_Piece("motto", " ".join(m.group(0).split()), _line_of(starts, m.start()), m))
    for p in pieces:
        blank(p.match)
    m = _NUMBER.search(masked)
    if m:
        pieces.append(_Piece("number", " ".join(m.group(0).split()), _line_of(starts, m.start()), m))
        blank(m)
    m = PLACE_DATE.search(masked)
    if m:
        pieces.append(_Piece("date", " ".join(m.group(0).split()), _line_of(starts, m.start()), m))
        blank(m)
    return pieces, masked, starts


def _letterhead_cover(lines: list[Line]) -> set[int]:
    """Indices of the lines that hold a piece of the motto, number or
    place-date line (which may be broken over several lines)."""
    pieces, _, starts = _pieces(lines)
    covered: set[int] = set()
    for p in pieces:
        first, last = _line_of(starts, p.match.start()), _line_of(starts, p.match.end() - 1)
        covered.update(range(first, last + 1))
    return covered


def read_header(lines: list[Line]) -> Header:
    header = Header()
    heading = _doc_heading_index(lines)
    head = lines if heading is None else lines[:heading]
    rest = [] if heading is None else lines[heading:]
    # the title block of a plan without a document-type heading follows the
    # letterhead: lines after the last piece of the head
    pieces, masked, starts = _pieces(head)
    for p in pieces:
        if p.kind == "motto":
            header.motto = p.text if header.motto is None else f"{header.motto} {p.text}"
        elif p.kind == "number":
            if re.search(r"\d", p.match.group("symbol")):
                header.number_line, header.number_line_no = p.text, head[p.first_line].no
            else:  # "Số:    /KH-UBND": the number was to be written by hand
                header.unknown.append(head[p.first_line])
        elif p.kind == "date":
            m = p.match
            header.place_date_line, header.date_line_no = p.text, head[p.first_line].no
            header.place = " ".join((m.group("place") or "").split()) or None
            if m.group("d"):
                try:
                    header.date = date(int(m.group("y")), int(m.group("m") or m.group("m2")), int(m.group("d")))
                except ValueError:
                    header.date = None
    residue = masked.split("\n")
    for index, line in enumerate(head):
        text = " ".join(residue[index].split()).strip(" ,")
        if not text or (_RULE.match(text) and text != "*"):
            continue
        if text == "*":
            header.issuer_lines.append(text)
        elif _MARKING.match(text):
            continue
        elif all_caps(text) and not header.title_lines:
            header.issuer_lines.append(text)
        elif heading is None or re.match(r"^V/v\b", text, re.I):
            header.title_lines.append(text)  # "V/v ...": the trích yếu of a công văn
            header.title_line_no = header.title_line_no or line.no
        else:
            header.unknown.append(line)
    for i, line in enumerate(rest):
        text = plain(line.text)
        if _RULE.match(text) and text != "*":
            continue
        if i and (MOTTO.fullmatch(text) or PLACE_DATE.fullmatch(text)):
            continue  # the right column printed late (split_regions moved it here)
        if i == 0 and (joined := _heading_and_title(text)):
            header.heading_lines.append(joined[0])
            header.title_lines.append(joined[1])
            header.title_line_no = line.no
        elif i == 0 or (not header.title_lines and _heading_line(text)):
            header.heading_lines.append(text)
        else:
            header.title_lines.append(text)
            header.title_line_no = header.title_line_no or line.no
    if header.title_lines and is_preamble(" ".join(header.title_lines)):
        header.title_lines = []  # the preamble, not a trích yếu (split_regions keeps it in the body)
        header.title_line_no = None
    return header


# --- the foot --------------------------------------------------------------------------


def read_footer(lines: list[Line]) -> Footer:
    """Recipients and signature, whether the export gives the two columns one
    after the other, or line by line ("- Như trên; KT. CHỦ TỊCH")."""
    footer = Footer(found=bool(lines))
    seen_recipients = False
    sign: list[str] = []  # the signature column's capitals, in order
    for line in lines:
        text = plain(line.text)
        if _RULE.match(text):
            continue
        left, right = _split_sign(text)
        if right:
            if not sign and not footer.recipients:
                footer.sign_first = True
            sign.append(right)
        if not left:
            continue
        text = left
        if m := RECIPIENTS.match(text):
            seen_recipients = True
            if m.group("rest").strip():
                footer.recipients.append(_BULLET.sub("", m.group("rest").strip()))
            continue
        if seen_recipients and _BULLET.match(text):
            footer.recipients.append(_BULLET.sub("", text))
            continue
        if seen_recipients and footer.recipients and re.fullmatch(r"\(.{1,20}\)", text):
            footer.recipients_note = text
            continue
        if _SIGNED.match(text):
            continue
        if all_caps(text) and sign and (footer.name is not None or read_signature(" ".join(sign))[1] is None):
            sign.append(text)  # "DÂN": the rest of "TM. ỦY BAN NHÂN" broken by the column
            continue
        if footer.name is None and sign and _person_name(text, caps=True):
            footer.name = text
            continue
        if seen_recipients and len(text) < 90 and text[-1:] in ",.;":
            footer.recipients.append(_BULLET.sub("", text))
            continue
        footer.unknown.append(line)
    footer.on_behalf, footer.title = read_signature(" ".join(sign))
    return footer


def _split_sign(text: str) -> tuple[str, str]:
    """(recipients' side, signature's side) of a footer line."""
    if all_caps(text) and (ON_BEHALF.match(text) or _TITLE.match(text)) and not _BULLET.match(text):
        return "", text
    for m in re.finditer(r"[;,.:]\s+", text):
        right = text[m.end() :]
        if all_caps(right) and (ON_BEHALF.match(right) or _TITLE.match(right)):
            return text[: m.end()].strip(), right.strip()
    m = re.match(r"^(Nơi nhận\s*:?)\s+(.*)$", text, re.I)
    if m and all_caps(m.group(2)) and (ON_BEHALF.match(m.group(2)) or _TITLE.match(m.group(2))):
        return m.group(1), m.group(2)
    return text, ""


def read_signature(text: str) -> tuple[str | None, str | None]:
    """The signature's capitals -> (on_behalf, title).

    "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" -> ("TM. ỦY BAN NHÂN
    DÂN; KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"); "T/M BAN THƯỜNG VỤ BÍ THƯ" ->
    ("T/M BAN THƯỜNG VỤ", "BÍ THƯ").  A collective (after T/M, TM.) runs
    to the next marker or title; KT., TL., TUQ., Q. take one title; what is
    left is the signer's title ("Q. GIÁM ĐỐC" alone is the title of an
    acting head)."""
    text = " ".join(text.split())
    if not text:
        return None, None
    parts: list[str] = []
    pos = 0
    while m := _MARKER_AT.match(text, pos):
        marker = m.group(0).strip()
        after = m.end()
        nxt = _MARKER_AT.search(text, after)
        limit = nxt.start() if nxt else len(text)
        if marker.upper().startswith(("T/M", "TM")):
            title = _TITLE.search(text, after + 1, limit)
            end = title.start() if title and title.start() > after else limit
        else:
            title = _TITLE.match(text, after)
            end = title.end() if title else limit
        parts.append(f"{marker} {text[after:end].strip()}".strip())
        pos = end
        while pos < len(text) and text[pos] == " ":
            pos += 1
    rest = text[pos:].strip() or None
    if rest is None and parts and parts[-1].upper().startswith("Q."):
        rest = parts.pop()
    return ("; ".join(parts) or None), rest


def _person_name(text: str, caps: bool) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or re.search(r"[\d,.:;()/]", text):
        return False
    if not all(w[:1].isupper() for w in words):
        return False
    if all_caps(text) and not caps:
        return False
    return not re.match(r"^(?:BÍ THƯ|PHÓ|CHỦ TỊCH|TRƯỞNG|GIÁM ĐỐC|UỶ VIÊN|ỦY VIÊN)\b", text.upper())
# --- names printed in capitals --------------------------------------------------

_PLACE_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_COMMITTEE = re.compile(r"^(tỉnh|huyện|thành|thị|quận) (ủy|uỷ)$")
_ABBREVIATIONS = {"UBND", "HĐND", "MTTQ", "UBMTTQ", "TP.", "TW"}


def caps_to_name(text: str) -> str:
    """ "HUYỆN ỦY DI LINH" -> "Huyện ủy Di Linh"; "SỞ NỘI VỤ TỈNH BÌNH ĐỊNH" ->
    "Sở Nội vụ tỉnh Bình Định".  A best effort for letterheads and stamps (the
    report asks the reviewer to check it): Đảng, the first word and the word
    after Sở/Ban/Bộ, a committee ("Tỉnh ủy") and the place name after it or
    after tỉnh/huyện/xã ... take capitals."""
    words = text.lower().split()
    out: list[str] = []
    place = False
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if _COMMITTEE.match(pair):
            out += [words[i].capitalize(), words[i + 1]]
            place = True
            i += 2
            continue
        unit = next((u for u in _PLACE_WORDS if " ".join(words[i : i + len(u.split())]) == u), None)
        if unit and not place:
            n = len(unit.split())
            out += [w.capitalize() if i == 0 and k == 0 else w for k, w in enumerate(words[i : i + n])]
            place = True
            i += n
            continue
        word = words[i]
        if word.upper() in _ABBREVIATIONS:
            out.append(word.upper())
        elif i == 0 or place or word == "đảng" or (i == 1 and out[0].lower() in ("sở", "ban", "bộ")) or (out[-2:] and " ".join(out[-2:]).lower() in ("ủy ban", "uỷ ban") and word != "nhân"):
            out.append(word.capitalize())
        elif word == "khối" and out[-2:] and " ".join(out[-2:]).lower() in ("đảng ủy", "đảng uỷ"):
            out.append("Khối")
        else:
            out.append(word)
        i += 1
    return " ".join(out)
