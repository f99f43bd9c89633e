"""The parts of a plan around its body: letterhead, title block, signature
and recipients (Hướng dẫn 36-HD/VPTW lays them out; exports scramble them).

:func:`split_regions` cuts the lines into header, body and footer;
:func:`read_header` and :func:`read_footer` read what they hold.  Lines that
fit no known slot are returned so the review report can list them: nothing
is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .text import DOC_HEADING, Line, all_caps, plain, starts_block

_OPENING = re.compile(
    r"^(?:Thực hiện|Căn cứ|Thi hành|Triển khai|Nhằm|Để|Trên cơ sở|Qua|Sau khi|Tiếp tục thực hiện|Quán triệt)\b"
)
_MOTTO = re.compile(r"^(?:ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc)$", re.I)
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<rest>\S.*)$")
_PLACE_DATE = re.compile(
    r"^(?:(?P<place>[^,\d]{2,40}),\s*)?ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s*(?P<m>\d{1,2})\s*năm\s*|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*)(?P<y>\d{4})\s*\.?$",
    re.I,
)
_RULE = re.compile(r"^[-–—_=*.\s]{3,}$")
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.I)
_ON_BEHALF = re.compile(r"^(?:T/M|TM\.?|K/T|KT\.?|TL\.?|TUQ\.?|Q\.)\s*\S", re.I)
_SIGNED = re.compile(r"^\(?\s*(?:đã ký|ký tên|ký, ghi rõ họ tên|ký và đóng dấu)[^)]*\)?$", re.I)
_BULLET = re.compile(r"^[-+•–—*]\s*")
_NOTE_BODY = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*\S")


@dataclass
class Header:
    issuer_lines: list[str] = field(default_factory=list)
    motto: str | None = None
    number_line: str | None = None
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
    on_behalf: str | None = None
    title: str | None = None
    name: str | None = None
    unknown: list[Line] = field(default_factory=list)
    found: bool = False
    sign_first: bool = False  # T/M ... printed before Nơi nhận


def split_regions(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
    """(header, body, footer); an annex after the signature stays in the body."""
    heading = _doc_heading_index(lines)
    start = _body_start(lines, heading)
    header, rest = lines[:start], lines[start:]
    footer_start = None
    for i, line in enumerate(rest):
        text = plain(line.text)
        if _RECIPIENTS.match(text) or (_ON_BEHALF.match(text) and all_caps(text)):
            footer_start = i
            break
    if footer_start is None:
        return header, rest, []
    body = rest[:footer_start]
    footer: list[Line] = []
    annex: list[Line] = []
    for i, line in enumerate(rest[footer_start:]):
        if re.match(r"^PHỤ LỤC\b", plain(line.text)):
            annex = rest[footer_start + i :]
            break
        if _NOTE_BODY.match(line.text):
            annex.append(line)  # footnotes printed after the signature (Word's footnotes part)
            continue
        footer.append(line)
    return header, body + annex, footer


def _doc_heading_index(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines[:30]):
        text = plain(line.text)
        if DOC_HEADING.match(text) and all_caps(text) and len(text.split()) <= 8:
            return i
    return None


def _body_start(lines: list[Line], heading: int | None) -> int:
    """Index of the first body line: the opening paragraph ("Thực hiện ...",
    "Căn cứ ...") after the title, or the first part or item."""
    i = 0 if heading is None else heading + 1
    if heading is None:
        while i < len(lines) and _letterhead_line(plain(lines[i].text)):
            i += 1
    else:
        while i < len(lines) and all_caps(plain(lines[i].text)) and not starts_block(plain(lines[i].text)):
            i += 1  # "CỦA BAN THƯỜNG VỤ TỈNH ỦY"
    first_title = i
    while i < len(lines):
        text = plain(lines[i].text)
        if _RULE.match(text):
            return i + 1
        if i > first_title and (_OPENING.match(text) or starts_block(text) or lines[i].gap):
            return i
        if i == first_title and (starts_block(text) or (heading is None and _OPENING.match(text))):
            return i  # no title block: the text begins with the opening sentence
        if i - first_title >= 8:
            return i
        i += 1
    return i


def _letterhead_line(text: str) -> bool:
    return bool(
        text == "*"
        or _MOTTO.match(text)
        or _NUMBER_LINE.match(text)
        or _PLACE_DATE.match(text)
        or (all_caps(text) and not starts_block(text))
    )


def read_header(lines: list[Line]) -> Header:
    header = Header()
    heading = _doc_heading_index(lines)
    for i, line in enumerate(lines):
        text = plain(line.text)
        if _RULE.match(text) and text != "*":
            continue
        if heading is not None and i >= heading:
            if i == heading or (not header.title_lines and all_caps(text)):
                header.heading_lines.append(text)
            else:
                header.title_lines.append(text)
                header.title_line_no = header.title_line_no or line.no
            continue
        if _MOTTO.match(text):
            header.motto = text if header.motto is None else header.motto + " " + text
        elif m := _NUMBER_LINE.match(text):
            if re.search(r"\d", m.group("rest")):
                header.number_line, header.number_line_no = text, line.no
            else:
                header.unknown.append(line)
        elif m := _PLACE_DATE.match(text):
            header.place_date_line, header.date_line_no = text, line.no
            header.place = (m.group("place") or "").strip() or None
            try:
                header.date = date(int(m.group("y")), int(m.group("m") or m.group("m2")), int(m.group("d")))
            except ValueError:
                header.date = None
        elif text == "*" or all_caps(text):
            header.issuer_lines.append(text)
        elif heading is None:
            header.title_lines.append(text)
            header.title_line_no = header.title_line_no or line.no
        else:
            header.unknown.append(line)
    return header


def read_footer(lines: list[Line]) -> Footer:
    footer = Footer(found=bool(lines))
    mode = None
    for line in lines:
        text = plain(line.text)
        if _RULE.match(text):
            continue
        if m := _RECIPIENTS.match(text):
            mode = "recipients"
            if m.group("rest").strip():
                footer.recipients.append(_BULLET.sub("", m.group("rest").strip()))
            continue
        if _ON_BEHALF.match(text) and all_caps(text):
            # "TM. ỦY BAN NHÂN DÂN" then "KT. CHỦ TỊCH": both lines are kept
            footer.on_behalf = text if mode != "sign" or not footer.on_behalf else f"{footer.on_behalf} {text}"
            footer.sign_first = not footer.recipients
            mode = "sign"
            continue
        if mode == "recipients" and _BULLET.match(text):
            footer.recipients.append(_BULLET.sub("", text))
            continue
        if mode == "recipients" and footer.recipients and re.fullmatch(r"\(.{1,20}\)", text):
            footer.recipients_note = text
            continue
        if _SIGNED.match(text):
            continue
        if mode == "sign" and footer.title is None and all_caps(text) and not _person_name(text, caps=False):
            footer.title = text
            continue
        if footer.name is None and (mode == "sign" or footer.title) and _person_name(text, caps=True):
            footer.name = text
            continue
        if mode == "recipients" and len(text) < 90 and text[-1:] in ",.;" :
            footer.recipients.append(_BULLET.sub("", text))
            continue
        footer.unknown.append(line)
    return footer


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
        if i == 0 or place or word == "đảng" or (i == 1 and out[0].lower() in ("sở", "ban", "bộ")):
            out.append(word.capitalize())
        elif word == "khối" and out[-2:] and " ".join(out[-2:]).lower() in ("đảng ủy", "đảng uỷ"):
            out.append("Khối")
        else:
            out.append(word)
        i += 1
    return " ".join(out)
