"""Front matter of a draft: fields read from the letterhead, title block,
opening paragraph and signature, the organisation chosen from the registry,
and the YAML written in the order of docs/content-format.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from ..citations import find_citations, symbol_of
from ..model import Agency, Organisation
from .. import vocabulary
from ..text import comparable, normalize, slugify
from .header import Footer, Header, caps_to_name
from .text import _LOWER, _UPPER, Stamp

_TYPE_ABBR = {"ke-hoach": "kh", "chuong-trinh-hanh-dong": "ctr"}
NOT_PRINTED = "không ghi trong văn bản"


@dataclass
class Basis:
    document: str
    relation: str | None  # None for supersedes
    type: str | None = None
    date: date | None = None
    issuer: str | None = None
    title: str | None = None


@dataclass
class OrgChoice:
    id: str
    name: str
    how: str  # how it was chosen, in Vietnamese, for the report
    certain: bool
    new: bool = False  # not in the registry: proposed from the letterhead (or by an earlier plan of the batch)
    level: str | None = None  # "central" | "province" | "district" | "khoi"
    parent: str | None = None  # registry id of the nearest registered ancestor by place


@dataclass
class Meta:
    """Everything the front matter says, with what could not be read."""

    id: str = ""
    type: str = "ke-hoach"
    type_from: str = ""
    number: str | None = None
    number_as_printed: str | None = None
    date: date | None = None
    place: str | None = None
    organisation: OrgChoice | None = None
    issuer: str = ""
    issuer_from: str = ""
    title: str = ""
    title_as_printed: str | None = None
    letterhead: dict = field(default_factory=dict)
    received: Stamp | None = None
    received_office: str | None = None
    received_date: date | None = None
    bases: list[Basis] = field(default_factory=list)
    supersedes: list[Basis] = field(default_factory=list)
    signer_name: str | None = None
    signer_title: str | None = None
    signer_on_behalf: str | None = None
    recipients: list[str] = field(default_factory=list)
    recipients_note: str | None = None
    sign_first: bool = False  # the signature is printed before Nơi nhận
    source: str = ""
    editorial_notes: list[str] = field(default_factory=list)


# --- reading -----------------------------------------------------------------------


_SYMBOL = re.compile(r"^(?P<n>\d{1,5})(?P<rest>(?:\s*[/\-–—]\s*[0-9A-Za-zĐđ]+)+)$")


def read_number(line: str | None) -> tuple[str | None, str | None]:
    """ "Số 90 -KH/HU" -> ("90-KH/HU", "Số 90 -KH/HU"); "Số: 141/KH-UBND" ->
    ("141/KH-UBND", ...); "Số 38 – KL/TW" -> "38-KL/TW".  A công văn's
    number ("574/UBND-NC", "6676/BYT-CDS": issuer and unit, no type) is not
    a citation form of :mod:`generator.citations`; it is read here."""
    if not line:
        return None, None
    text = " ".join(line.split())
    found = find_citations(text)
    if found and not text[: found[0].start].strip(" :").lower().replace("số", ""):
        return symbol_of(found[0].ref), line
    m = re.match(r"^(?:Số\s*:?\s*)?(\S.*)$", text)
    symbol = _SYMBOL.match(m.group(1).strip()) if m else None
    if symbol:
        return symbol.group("n") + re.sub(r"\s*([/\-–—])\s*", lambda d: "-" if d.group(1) in "–—" else d.group(1), symbol.group("rest")), line
    return None, line


def read_type(header: Header, number: str | None) -> tuple[str, str]:
    for line in header.heading_lines:
        for words, slug in sorted(vocabulary.HEADINGS.items(), key=lambda kv: -len(kv[0])):
            if line.upper().startswith(words):
                return slug, f'dòng "{line}"'
    if number:
        code = re.search(r"-([A-Za-zĐđ]+)/|/(?:\d{4}/)?([A-Za-zĐđ]+)-", number)
        if code:
            slug = vocabulary.CODE_PLAN_TYPES.get(code.group(1) or code.group(2))
            if slug:
                return slug, f'ký hiệu "{number}"'
            if code.group(2):  # "574/UBND-NC": issuer and unit, no type: a công văn (Nghị định 30/2020/NĐ-CP)
                return "cong-van", f'ký hiệu "{number}"'
    if header.title_lines and re.match(r"^V/v\b", header.title_lines[0], re.I):
        return "cong-van", f'trích yếu "{header.title_lines[0]}"'
    return "ke-hoach", ""


_ISSUES = re.compile(r"(?:ban hành|xây dựng|triển khai)\s+(?:Kế hoạch|Chương trình|Nghị quyết|Hướng dẫn)", re.I)
_STANDING_WORDS = re.compile(r"^(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Ban Thường trực)\s", re.I)


def preamble_issuer(preamble: list[str]) -> str:
    """ "...; Ban Thường vụ Tỉnh ủy ban hành Kế hoạch ..." -> "Ban Thường vụ Tỉnh ủy"."""
    for text in preamble:
        m = _ISSUES.search(text)
        if not m:
            continue
        before = text[: m.start()].rstrip()
        start = max(before.rfind(";"), before.rfind(","), before.rfind(":")) + 1
        name = before[start:].strip(" *")
        if name and name[0].isupper() and len(name.split()) <= 14:
            return name
    return ""


def read_issuer(preamble: list[str], header: Header, footer: Footer) -> tuple[str, str]:
    """The issuer as the document names itself.  The letterhead's issuer
    column says it ("ỦY BAN NHÂN DÂN / TỈNH BẮC NINH" -> "Ủy ban nhân dân
    tỉnh Bắc Ninh"; "ĐẢNG BỘ TỈNH LÂM ĐỒNG / HUYỆN ỦY DI LINH" -> "Huyện
    ủy Di Linh"; "UBND TỈNH BẮC NINH / SỞ NỘI VỤ" -> "Sở Nội vụ": the lower
    line is the issuer, the upper its parent); the preamble's "Ban Thường vụ
    Tỉnh ủy ban hành Kế hoạch" names the standing committee that acts for
    the committee of the letterhead, and is preferred then.  Without a
    letterhead: the preamble, the heading "CỦA ...", the signature."""
    named, identity = letterhead_identity(header.issuer_lines)
    said = preamble_issuer(preamble)
    if said:
        sentence = f'câu "{said} ..."'
        if not named:
            return said, sentence
        if _STANDING_WORDS.match(said):
            own = read_identity(said, identity)
            if identity is None or (own is not None and _same(own, identity)):
                return said, sentence
        if identity is not None and (own := read_identity(said, identity)) is not None and _same(own, identity) and comparable(said) == comparable(named):
            return said, sentence
    if named:
        printed = " / ".join(l for l in header.issuer_lines if l != "*")
        return named, f'tiêu đề "{printed}"'
    for line in header.heading_lines[1:]:
        m = re.match(r"^CỦA\s+(.+)$", line)
        if m:
            name = caps_to_name(m.group(1))
            return name, f'dòng "{line}"'
    if footer.on_behalf:
        first = footer.on_behalf.split(";")[0]
        name = re.sub(r"^(?:T/M|TM\.?|K/T|KT\.?)\s*", "", first)
        return caps_to_name(name), f'dòng ký "{footer.on_behalf}"'
    return "", ""


def repair_title(title: str, opening: str | None) -> tuple[str, str | None]:
    """A title block the export garbled ("... ngày 27/10/2022 ngày 16/6/2022 của
    ...": a piece lost in the middle) is restored from the opening sentence
    that repeats it; -> (title, title_as_printed or None)."""
    if not opening:
        return title, None
    clause = re.split(r";", opening, maxsplit=1)[0].strip()
    tw, ow = title.split(), clause.split()
    key = lambda w: comparable(w).strip(",.;:")  # noqa: E731
    p = 0
    while p < min(len(tw), len(ow)) and key(tw[p]) == key(ow[p]):
        p += 1
    s = 0
    while s < min(len(tw), len(ow)) - p and key(tw[-1 - s]) == key(ow[-1 - s]):
        s += 1
    if p >= 3 and s >= 3 and p + s >= len(tw) and len(ow) > len(tw):
        repaired = clause.rstrip(" ,;")
        if repaired[:1].isupper() and title[:1].islower():
            repaired = repaired[0].lower() + repaired[1:]
        return repaired, title
    return title, None


_AND_BEFORE = re.compile(r"(?:^|\s)và\s+(?:\S+\s+){0,6}$")  # "... và Chương trình hành động số "


def read_bases(title: str, preamble: list[str]) -> list[Basis]:
    """What the plan implements (named right after "thực hiện" in the title,
    with the documents joined to it by "và") and relies on (everything else
    the opening paragraphs cite)."""
    bases: dict[str, Basis] = {}
    relation = "implements"
    previous_end = 0
    for i, c in enumerate(find_citations(title)):
        symbol = symbol_of(c.ref)
        between = title[previous_end : c.start]
        if i > 0 and not (_AND_BEFORE.search(between) and relation == "implements"):
            relation = "relies-on"
        bases.setdefault(symbol, Basis(symbol, relation, c.doc_type, c.date, cut_issuer(c.issuer)))
        previous_end = c.end
    for text in preamble:
        for c in find_citations(text):
            symbol = symbol_of(c.ref)
            known = bases.get(symbol)
            if known is None:
                bases[symbol] = Basis(symbol, "relies-on", c.doc_type, c.date, cut_issuer(c.issuer))
                continue
            # the opening sentence usually says more (date, issuer) than the title
            known.date = known.date or c.date
            issuer = cut_issuer(c.issuer)
            if issuer and (not known.issuer or len(issuer) > len(known.issuer)):
                known.issuer = issuer
            known.type = known.type or c.doc_type
    if bases and not any(b.relation == "implements" for b in bases.values()):
        next(iter(bases.values())).relation = "implements"
    return list(bases.values())


# Where a cited document's issuer ends: the verb of what it does ("của
# Chính phủ quy định chi tiết ...", "của Thủ tướng Chính phủ phê duyệt ...").
_ISSUER_VERB = re.compile(
    r"\s+(?:quy định|hướng dẫn|ban hành|phê duyệt|sửa đổi|bổ sung|về|thực hiện|triển khai|tổng kết|tiếp tục|đẩy mạnh|tăng cường|"
    r"nâng cao|xây dựng|phát triển|đổi mới|một số|đối với|nhằm|để|tại|trong|giai đoạn|ngày|năm|và\s+(?=[a-zđà-ỹ]))(?!\w).*$"
)


def cut_issuer(issuer: str | None) -> str | None:
    """ "Chính phủ quy định chi tiết ..." -> "Chính phủ"; a name keeps its own
    lower-case words ("Ban Chấp hành Trung ương Đảng khóa XIII")."""
    if not issuer:
        return issuer
    cut = _ISSUER_VERB.sub("", issuer).strip(" ,;")
    return cut or issuer


_SUPERSEDES = re.compile(
    r"(?:(?:Kế hoạch|Chương trình|Quyết định|Văn bản|Hướng dẫn|Quy định|Chỉ thị|Nghị quyết)\s+này\s+)?thay\s+thế\s+(?:cho\s+)?(?:các\s+)?"
    r"(?P<doc>(?:Kế hoạch|Chương trình(?:\s+hành\s+động)?|Quyết định|Hướng dẫn|Quy định|Chỉ thị|Nghị quyết|Công văn|Văn bản)\s+(?:số\s*:?\s*)?)?",
    re.I,
)


_LISTED = re.compile(r"(?:,|\bvà)\s+(?:(?:Kế hoạch|Chương trình(?:\s+hành\s+động)?|Quyết định|Hướng dẫn|Quy định|Chỉ thị|Nghị quyết|Công văn)\s+)?(?:số\s*:?\s*)?$")


def read_supersedes(paragraphs: list[str]) -> list[Basis]:
    """ "Kế hoạch này thay thế Kế hoạch số 45-KH/TU ngày 20/12/2011 ..." ->
    the documents replaced: a citation right after "thay thế" (and those
    listed with it).  "thay thế" in an ordinary phrase ("mức sinh thay
    thế") replaces nothing."""
    out = []
    for text in paragraphs:
        for m in _SUPERSEDES.finditer(text):
            this = bool(re.match(r"\S+\s+này", m.group(0)))
            if not (m.group("doc") or this):
                continue
            cited = find_citations(text[m.end() :])
            if not cited or cited[0].start > (40 if this else 3):
                continue
            previous_end = 0
            for c in cited:
                between = text[m.end() + previous_end : m.end() + c.start]
                if previous_end and not (len(between) <= 120 and not re.search(r"[.;]\s", between) and _LISTED.search(between)):
                    break  # only documents listed with the first one ("..., Kế hoạch số ...", "và ...")
                rest = text[m.end() + c.end :]
                quoted = re.match(r"^[^“\"]{0,80}[“\"]([^”\"]+)[”\"]", rest)
                out.append(Basis(symbol_of(c.ref), None, c.doc_type, c.date, cut_issuer(c.issuer), quoted.group(1) if quoted else None))
                previous_end = c.end
    return out


# --- the organisation ---------------------------------------------------------------
#
# An organisation is known by what its letterhead says: a party committee or
# a state body, its level, and its place (province, district).  The same
# reading applies to the registry's names ("Tỉnh ủy Bình Định", "Huyện ủy Di
# Linh" under "lam-dong"), so a plan matches an organisation only when all of
# these agree; otherwise a new one is proposed.  Names of bodies the text
# shares with some organisation, or a name that merely looks alike, are no
# evidence: every province has a Ban Tổ chức Tỉnh ủy.

_CENTRAL_CITIES = {"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"}
_UNIT = r"(?P<unit>TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)"
_STANDING = re.compile(r"^(?:BAN THƯỜNG VỤ|BAN CHẤP HÀNH|THƯỜNG TRỰC|BAN THƯỜNG TRỰC)\s+(?P<rest>.+)$")
_PARTY_COMMITTEE = re.compile(r"^(?P<unit>TỈNH|THÀNH|HUYỆN|QUẬN|THỊ)\s+ỦY(?:\s+(?P<place>.+))?$")
_PARTY_OF = re.compile(rf"^ĐẢNG BỘ\s+{_UNIT}\s+(?P<place>.+)$")
_KHOI = re.compile(r"^ĐẢNG ỦY\s+(?:KHỐI\s+)?(?P<what>CÁC CƠ QUAN(?: ĐẢNG)?|DOANH NGHIỆP|ỦY BAN NHÂN DÂN|UBND|CƠ QUAN CHÍNH QUYỀN)\s+(?:TỈNH|THÀNH PHỐ)(?:\s+(?P<place>.+))?$")
_STATE_COUNCIL = re.compile(rf"^(?P<body>ỦY BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)\s+{_UNIT}\s+(?P<place>.+)$")
_STATE_COUNCIL_BARE = re.compile(r"^(?P<body>ỦY BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)(?:\s+(?P<unit>TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|QUẬN|XÃ|PHƯỜNG))?$")
_DEPARTMENT = re.compile(rf"^(?P<what>(?:SỞ|BAN QUẢN LÝ|THANH TRA|VĂN PHÒNG|CÔNG AN|BỘ CHỈ HUY QUÂN SỰ|BAN DÂN TỘC|BAN CHỈ ĐẠO|CHI CỤC|CỤC|TRUNG TÂM|BỆNH VIỆN|KHO BẠC|ĐÀI PHÁT THANH|BAN QUẢN LÝ DỰ ÁN)\b.*?)(?:\s+{_UNIT}\s+(?P<place>[^,]+))?$")
_PARTY_BODY = re.compile(r"^(?P<what>BAN\s+.+?|ỦY BAN KIỂM TRA|VĂN PHÒNG|TRƯỜNG CHÍNH TRỊ|TRUNG TÂM CHÍNH TRỊ)\s+(?P<committee>(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ)\s+ỦY(?:\s+.+)?)$")
_CENTRAL_PARTY = re.compile(r"^(?:BAN CHẤP HÀNH TRUNG ƯƠNG|BỘ CHÍNH TRỊ|BAN BÍ THƯ|TRUNG ƯƠNG|ĐẢNG CỘNG SẢN VIỆT NAM)\b|\bTRUNG ƯƠNG(?: ĐẢNG)?$")
_CENTRAL_STATE = re.compile(r"^(?:CHÍNH PHỦ|THỦ TƯỚNG CHÍNH PHỦ|VĂN PHÒNG CHÍNH PHỦ|QUỐC HỘI|BỘ\s+(?!CHỈ HUY)\S.*)$")


@dataclass
class Identity:
    """Who issues a plan, as a letterhead says it."""

    kind: str  # "party" | "state"
    level: str  # "central" | "province" | "district" | "khoi"
    body: str  # "committee", "khoi-cqt", "ubnd", "hdnd", or a slug of the body ("so-noi-vu", "ban-to-chuc", "bo-y-te")
    name: str  # as the registry writes it: "Tỉnh ủy Bắc Ninh", "Sở Nội vụ tỉnh Bắc Ninh"
    province: str | None = None  # "Bắc Ninh"
    district: str | None = None  # "Từ Sơn"
    district_unit: str = "huyện"
    parent: "Identity | None" = None

    def key(self) -> tuple:
        return (self.kind, self.level, self.body)

    def slug(self) -> str:
        p = slugify(self.province) if self.province else ""
        d = slugify(self.district) if self.district else ""
        place = "-".join(x for x in (p, d) if x)
        if self.level == "central":
            return "trung-uong" if self.kind == "party" and self.body == "committee" else slugify(self.name)
        if self.kind == "party" and self.body == "committee":
            return place or slugify(self.name)
        if self.kind == "party" and self.level == "khoi":
            return f"{p}-{self.body}" if p else slugify(self.name)
        if self.kind == "party":  # a commission of a committee: "bac-ninh-ban-to-chuc"
            return f"{place}-{self.body}" if place else slugify(self.name)
        return f"{self.body}-{place}" if place else slugify(self.name)


def _title_place(caps: str) -> str:
    return caps_to_name("TỈNH " + caps).split(" ", 1)[1]


def _place_name(unit: str, place: str) -> str:
    return f"{unit.lower()} {place}".replace("tp.", "thành phố").replace("tp", "thành phố")


def read_identity(text: str, parent: Identity | None = None) -> Identity | None:
    """A body's name (in capitals or as written) -> its identity; what the
    name leaves out (the province of "SỞ NỘI VỤ", of "BAN THƯỜNG VỤ TỈNH ỦY")
    comes from ``parent``, the line above it in the letterhead."""
    u = " ".join(normalize(text).upper().replace("UỶ", "ỦY").split()).strip(" ,.")
    if not u:
        return None
    province = parent.province if parent else None
    district = parent.district if parent else None
    if m := _STANDING.match(u):
        inner = read_identity(m.group("rest"), parent)
        if inner is not None and inner.kind == "party":
            return inner  # the standing committee acts for its committee
    if _CENTRAL_PARTY.search(u) and not _PARTY_BODY.match(u):
        return Identity("party", "central", "committee", "Trung ương")
    if m := _PARTY_OF.match(u):
        return _committee(m.group("unit"), _title_place(m.group("place")), parent)
    if m := _PARTY_COMMITTEE.match(u):
        unit = {"TỈNH": "TỈNH", "THÀNH": "THÀNH PHỐ", "HUYỆN": "HUYỆN", "QUẬN": "QUẬN", "THỊ": "THỊ XÃ"}[m.group("unit")]
        place = _title_place(m.group("place")) if m.group("place") else None
        if place is None:  # "TỈNH ỦY" under "ĐẢNG BỘ TỈNH LÂM ĐỒNG"
            place = province if unit == "TỈNH" else district
        return _committee(unit, place, parent, word=m.group("unit"))
    if m := _KHOI.match(u):
        what = m.group("what")
        body = {"CÁC CƠ QUAN": "khoi-cqt", "DOANH NGHIỆP": "khoi-dn"}.get(what, "dang-uy-" + slugify(caps_to_name(what)))
        place = _title_place(m.group("place")) if m.group("place") else province
        name = caps_to_name(u.split(" TỈNH")[0].split(" THÀNH PHỐ")[0]) + " tỉnh" + (f" {place}" if place else "")
        return Identity("party", "khoi", body, name, place, None, parent=parent)
    if m := _STATE_COUNCIL.match(u):
        return _council(m.group("body"), m.group("unit"), _title_place(m.group("place")), parent)
    if m := _STATE_COUNCIL_BARE.match(u):  # "Ủy ban nhân dân tỉnh" in a preamble
        unit = m.group("unit") or ("HUYỆN" if district else "TỈNH")
        place = district if unit not in ("TỈNH",) and district else province
        return _council(m.group("body"), unit, place, parent)
    if m := _PARTY_BODY.match(u):
        committee = read_identity(m.group("committee"), parent)
        what = caps_to_name(m.group("what"))
        if committee is not None:
            committee_word = caps_to_name(m.group("committee")).split(" ")[0:2]
            name = f"{what} {' '.join(committee_word)}" + (f" {committee.district or committee.province}" if (committee.district or committee.province) else "")
            return Identity("party", committee.level, slugify(what), name, committee.province, committee.district, committee.district_unit, committee)
    if _CENTRAL_STATE.match(u):
        return Identity("state", "central", slugify(caps_to_name(u)), caps_to_name(u))
    if m := _DEPARTMENT.match(u):
        what = caps_to_name(m.group("what"))
        if m.group("place"):
            unit = m.group("unit")
            place = _title_place(m.group("place"))
            level = "province" if unit == "TỈNH" or (unit in ("THÀNH PHỐ", "TP", "TP.") and place.lower() in _CENTRAL_CITIES) else "district"
            province = place if level == "province" else province
            district = place if level == "district" else None
        else:
            level = parent.level if parent and parent.level in ("province", "district") else "province"
        where = district if level == "district" and district else province
        unit_word = "tỉnh" if level == "province" else (parent.district_unit if parent else "huyện")
        name = f"{what} {unit_word} {where}" if where else what
        return Identity("state", level, slugify(what), name, province, district if level == "district" else None, parent=parent)
    return None


def _committee(unit: str, place: str | None, parent: Identity | None, word: str | None = None) -> Identity:
    unit = "THÀNH PHỐ" if unit in ("TP", "TP.") else unit
    central_city = unit == "THÀNH PHỐ" and place and place.lower() in _CENTRAL_CITIES
    if unit == "TỈNH" or central_city:
        word = "Thành ủy" if central_city else "Tỉnh ủy"
        return Identity("party", "province", "committee", f"{word} {place}" if place else word, place, None)
    word = {"HUYỆN": "Huyện ủy", "QUẬN": "Quận ủy", "THỊ XÃ": "Thị ủy", "THÀNH PHỐ": "Thành ủy", "XÃ": "Đảng ủy xã", "PHƯỜNG": "Đảng ủy phường", "THỊ TRẤN": "Đảng ủy thị trấn"}.get(unit, "Huyện ủy")
    province = parent.province if parent else None
    return Identity("party", "district", "committee", f"{word} {place}" if place else word, province, place, unit.lower(), parent)


def _council(body: str, unit: str, place: str | None, parent: Identity | None) -> Identity:
    slug = "hdnd" if body in ("HỘI ĐỒNG NHÂN DÂN", "HĐND") else "ubnd"
    full = "Hội đồng nhân dân" if slug == "hdnd" else "Ủy ban nhân dân"
    unit = "THÀNH PHỐ" if unit in ("TP", "TP.") else unit
    province_level = unit == "TỈNH" or (unit == "THÀNH PHỐ" and place and place.lower() in _CENTRAL_CITIES)
    name = f"{full} {unit.lower()}" + (f" {place}" if place else "")
    if province_level:
        return Identity("state", "province", slug, name, place, None, parent=parent)
    province = parent.province if parent else None
    return Identity("state", "district", slug, name, province, place, unit.lower(), parent)


def letterhead_identity(issuer_lines: list[str]) -> tuple[str, Identity | None]:
    """The issuer's column -> (the issuer as the document names itself, its
    identity).  The lower line is the issuer and the upper one its parent
    (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW); a line that starts
    with a place ("TỈNH BẮC NINH") completes the name above it ("ỦY BAN
    NHÂN DÂN")."""
    names: list[str] = []
    for line in issuer_lines:
        line = " ".join(line.split())
        if line == "*" or not line:
            continue
        if names and (re.match(rf"^{_UNIT}\s+\S", line) and not re.search(rf"\b{_UNIT}\s+\S", names[-1])
                      or _STATE_COUNCIL_BARE.fullmatch(names[-1].upper()) or re.search(r"\b(?:VÀ|CỦA)$", names[-1])):
            names[-1] = f"{names[-1]} {line}"
        else:
            names.append(line)
    if not names:
        return "", None
    parent = None
    for name in names[:-1]:
        parent = read_identity(name, parent) or parent
    issuer = caps_to_name(names[-1])
    return issuer, read_identity(names[-1], parent)


def _registry_identity(org: Organisation, organisations: dict[str, Organisation], seen: frozenset = frozenset()) -> Identity | None:
    parent = None
    if org.parent and org.parent in organisations and org.parent not in seen:
        parent = _registry_identity(organisations[org.parent], organisations, seen | {org.id})
    found = read_identity(org.name, parent)
    if found is None:
        return None
    if found.level == "district" and found.province is None and parent is not None:
        found.province = parent.province
    return found


def _same(a: Identity, b: Identity) -> bool:
    """The same organisation: kind, level and body agree, and the places
    wherever both are known (the district always)."""
    if a.key() != b.key():
        return False
    fold_ = lambda x: comparable(x) if x else None  # noqa: E731
    if a.level == "district" and fold_(a.district) != fold_(b.district):
        return False
    if a.province and b.province and fold_(a.province) != fold_(b.province):
        return False
    return True


_LEVEL_OF_CODE = [
    (re.compile(r"/(?:[A-ZĐ]*TW)$"), ("party", "central", "committee")),
    (re.compile(r"/(?:[A-ZĐ]*TU)$"), ("party", "province", "committee")),
    (re.compile(r"/(?:[A-ZĐ]*HU|QU|TXU|ThU)$"), ("party", "district", "committee")),
    (re.compile(r"/(?:[A-ZĐ]*ĐUK)$"), ("party", "khoi", "khoi-cqt")),
    (re.compile(r"-UBND$"), ("state", "province", "ubnd")),
]
_PLACE_WORD = rf"(?!(?:Ủy|Uỷ|Đoàn|Hội|Đảng)\b)[{_UPPER}][{_LOWER}]+"
_TEXT_PLACE = re.compile(rf"(?<!\w)tỉnh\s+({_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,2}})")


def _cites_its_documents(org: Organisation, organisations: dict[str, Organisation], text: str, documents: set[str]) -> bool:
    """A plan that names no place may still be an organisation's when it
    cites a document the registry of documents gives to that organisation
    or its ancestors ("42-CTr/TU" of lam-dong, for a Khối of Lâm Đồng)."""
    owners = []
    current, seen = org.id, set()
    while current in organisations and current not in seen:
        seen.add(current)
        owners.append(current)
        current = organisations[current].parent
    symbols = {symbol_of(c.ref) for c in find_citations(text)}
    return any(f"{owner}/{symbol}" in documents for owner in owners for symbol in symbols if not symbol.endswith("/TW"))


def _evidence_identity(issuer: str, header: Header, number: str | None, text: str, stamp_office: str | None) -> tuple[Identity | None, str]:
    """Without a letterhead that names a place: the issuer's words, the
    number's issuer code, and the province the text or a receiving stamp
    names.  -> (identity, what it rests on)."""
    found = read_identity(issuer) if issuer else None
    for line in header.heading_lines[1:]:
        if found is None and (m := re.match(r"^CỦA\s+(.+)$", line)):
            found = read_identity(m.group(1))
    said = [f'cơ quan ban hành "{issuer}"'] if found else []
    if found is None and number:
        for pattern, (kind, level, body) in _LEVEL_OF_CODE:
            if pattern.search(number):
                names = {"committee": {"province": "Tỉnh ủy", "district": "Huyện ủy", "central": "Trung ương"}.get(level, ""), "khoi-cqt": "Đảng ủy Khối các cơ quan tỉnh", "ubnd": "Ủy ban nhân dân tỉnh"}
                found = Identity(kind, level, body, names.get(body, ""))
                said.append(f'ký hiệu "{number}"')
                break
    if found is None:
        return None, ""
    if found.level in ("province", "khoi") and not found.province:
        for line in header.issuer_lines:  # "ĐẢNG BỘ TỈNH QUẢNG NINH" over a line the export broke
            m = re.search(r"(?<!\w)TỈNH\s+(\S.*)$", line)
            if m:
                found.province = caps_to_name("TỈNH " + m.group(1)).split(" ", 1)[1]
                found.name = _with_place(found)
                said.append(f'dòng tiêu đề "{line}"')
                break
    if found.level in ("province", "khoi") and not found.province and header.place and found.kind == "state":
        found.province = header.place  # "ỦY BAN NHÂN DÂN" over "Số: …", and "Hải Phòng, ngày …" beside it
        found.name = _with_place(found)
        said.append(f'địa danh "{header.place}" của dòng ngày tháng')
    if found.level in ("province", "khoi") and not found.province:
        counts: dict[str, int] = {}
        for m in _TEXT_PLACE.finditer(normalize(text)):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        if counts:
            place = max(sorted(counts), key=lambda p: counts[p])
            found.province = place
            said.append(f'văn bản nhắc "tỉnh {place}" {counts[place]} lần')
        elif stamp_office and (m := _TEXT_PLACE.search(normalize(stamp_office))):
            found.province = m.group(1)
            said.append(f'dấu đến của "{stamp_office}" (cơ quan nhận cùng tỉnh)')
        if found.province:
            found.name = _with_place(found)
    if found.level == "district" and not found.district and header.place:
        found.district = header.place
        found.name = _with_place(found)
        said.append(f'địa danh "{header.place}" của dòng ngày tháng')
    return found, "; ".join(said)


def _with_place(identity: Identity) -> str:
    name = identity.name
    place = identity.district if identity.level == "district" else identity.province
    if place and comparable(place) not in comparable(name):
        return f"{name} {place}"
    return name


def choose_organisation(
    organisations: dict[str, Organisation],
    header: Header,
    issuer: str,
    number: str | None,
    text: str,
    stamp_office: str | None,
    agencies: dict[str, Agency] | None = None,
    proposed: dict[str, Organisation] | None = None,
    documents: set[str] | None = None,
) -> OrgChoice | None:
    """The issuing organisation: the registry's (or this batch's proposed)
    organisation whose identity the letterhead's agrees with, else a new one
    proposed from the letterhead.  Without a letterhead that names a place,
    the issuer's words, the number and the province the text names decide,
    and the choice is uncertain.  ``agencies`` is not evidence (kept for the
    callers): bodies of the same names exist in every province."""
    proposed = proposed or {}
    if not organisations and not proposed:
        return None
    _, identity = letterhead_identity(header.issuer_lines)
    how = f'tiêu đề "{" / ".join(l for l in header.issuer_lines if l != "*")}"' if identity else ""
    certain = identity is not None and _placed(identity)
    if identity is None or not _placed(identity):
        evidence, said = _evidence_identity(issuer, header, number, text, stamp_office)
        if evidence is not None:
            identity, how = evidence, said
    if identity is None:
        return None
    pool = {**organisations, **proposed}
    matches = []
    for org in pool.values():
        known = _registry_identity(org, pool)
        if known is not None and _same(identity, known):
            matches.append(org)
    if len(matches) == 1 and not _placed(identity) and not _cites_its_documents(matches[0], pool, text, documents or set()):
        matches = []  # no place written, and nothing ties the plan to that organisation's province: never reuse it
    if len(matches) == 1 or (matches and _placed(identity)):
        org = sorted(matches, key=lambda o: o.id)[0]
        # proposed earlier in this batch (not written yet): still new; proposed
        # by an earlier import (content/de-xuat/): registered, not reviewed
        is_new = org.id in proposed and org.id not in organisations
        provisional = getattr(org, "provisional", False)
        sure = certain and len(matches) == 1 and not is_new and not provisional
        where = "tổ chức đã đề xuất trong lần nhập này" if is_new else ("tổ chức đề xuất chưa duyệt (content/de-xuat/)" if provisional else "danh mục")
        return OrgChoice(org.id, org.name, f"{how}: khớp “{org.name}” trong {where}" + ("" if sure else "; văn bản không ghi đủ địa danh" if not _placed(identity) else ""), sure, is_new, org.level, org.parent)
    new_id = identity.slug()
    if new_id in pool:  # the id is taken by another organisation
        new_id = f"{new_id}-{identity.body}" if identity.body not in new_id else f"{new_id}-moi"
    parent = _nearest_registered(identity, pool)
    level = identity.level
    return OrgChoice(new_id, _with_place(identity), f"{how}: chưa có trong danh mục; đề xuất tổ chức mới" + (f", trực thuộc “{pool[parent].name}”" if parent else ""), False, True, level, parent)


def _placed(identity: Identity) -> bool:
    if identity.level == "central":
        return True
    if identity.level == "district":
        return bool(identity.district)
    return bool(identity.province)


def _nearest_registered(identity: Identity, pool: dict[str, Organisation]) -> str | None:
    """The nearest ancestor by place that is registered (or proposed): the
    letterhead's parent line, then the party organisation of the district,
    of the province, then the centre."""
    known = [(org, _registry_identity(org, pool)) for org in pool.values()]
    candidates: list[Identity] = []
    up = identity.parent
    while up is not None:
        candidates.append(up)
        up = up.parent
    if identity.kind == "state" and identity.level == "district" and identity.province:
        candidates.append(Identity("state", "province", identity.body, "", identity.province))
    if identity.district and not (identity.kind == "party" and identity.body == "committee" and identity.level == "district"):
        candidates.append(Identity("party", "district", "committee", "", identity.province, identity.district))
    if identity.province and not (identity.kind == "party" and identity.body == "committee" and identity.level == "province"):
        candidates.append(Identity("party", "province", "committee", "", identity.province))
    candidates.append(Identity("party", "central", "committee", "Trung ương"))
    for wanted in candidates:
        for org, ident in sorted(known, key=lambda x: x[0].id):
            if ident is not None and _same(wanted, ident) and (wanted.province or ident.level == "central" or wanted.level == "central"):
                return org.id
    return None


_LEVEL_NAMES = {"central": "trung ương", "province": "tỉnh", "district": "huyện", "khoi": "khối", None: "?"}


_ORG_PREFIX = re.compile(r"^(?:tỉnh ủy|huyện ủy|quận ủy|thị ủy|thành ủy|đảng ủy khối các cơ quan tỉnh|đảng ủy khối doanh nghiệp tỉnh|đảng ủy khối)\s+", re.I)


def plan_id(meta: Meta) -> str:
    org = meta.organisation
    place = (slugify(_ORG_PREFIX.sub("", org.name)) if _ORG_PREFIX.match(org.name) or org.id == "trung-uong" else org.id) if org else "ke-hoach"
    if org and org.name.lower().startswith("đảng ủy khối"):
        place = slugify(org.name.replace("các cơ quan tỉnh", "").replace("Các cơ quan tỉnh", ""))
    if meta.number:
        return f"{place}-{slugify(meta.number)}"
    implemented = next((b for b in meta.bases if b.relation == "implements"), None)
    abbr = _TYPE_ABBR.get(meta.type, slugify(meta.type))
    if implemented:
        return f"{place}-{abbr}-thuc-hien-{slugify(implemented.document)}"
    words = slugify(meta.title if meta.title and meta.title != "chưa rõ" else meta.source.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return "-".join(p for p in [place, abbr, words[:40].strip("-")] if p) or "ke-hoach-nhap"


# --- writing ------------------------------------------------------------------------


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _d(value: date | None) -> str:
    return value.isoformat() if value else "null"


def _opt(value: str | None) -> str:
    return q(value) if value is not None else "null"


def write_front_matter(meta: Meta) -> tuple[list[str], dict[str, int]]:
    """YAML lines (without the --- fences) and the line index of each key.

    The letterhead, title block and stamp come last, in the order they are
    printed, and the signature and recipients before them in theirs: the
    front matter then reads like the document's own first and last lines
    (tests/fidelity.py checks the draft against the source sentence by
    sentence).  A bare "#" after a key that opens a mapping (``signer:  #``)
    stops that check's key stripping from running on into the next line's
    key, as in the curated files."""
    out: list[str] = []
    at: dict[str, int] = {}

    def put(key: str, line: str) -> None:
        at.setdefault(key, len(out))
        out.append(line)

    put("id", f"id: {meta.id}")
    put("type", f"type: {meta.type}")
    put("number", f"number: {_opt(meta.number)}")
    if meta.number is None:
        put("number_note", f"number_note: {q(NOT_PRINTED)}")
    if meta.number_as_printed and meta.number_as_printed != meta.number:
        put("number_as_printed", f"number_as_printed: {q(meta.number_as_printed)}")
    put("date", f"date: {_d(meta.date)}")
    if meta.date is None:
        put("date_note", f"date_note: {q(NOT_PRINTED)}")
    if meta.place:
        put("place", f"place: {q(meta.place)}")
    org = meta.organisation
    comment = "" if org is None or org.certain else "  # đề xuất: xem báo cáo nhập"
    put("organisation", f"organisation: {org.id if org else 'chua-ro'}{comment}")
    put("issuer", f"issuer: {q(meta.issuer or (org.name if org else 'chưa rõ'))}")
    if meta.title_as_printed:
        put("title", f"title: {q(meta.title)}")
    for key, items in (("bases", meta.bases), ("supersedes", meta.supersedes)):
        if not items:
            continue
        put(key, f"{key}:")
        for i, b in enumerate(items):
            put(f"{key}.{i}", f"  - document: {q(b.document)}")
            if b.relation:
                out.append(f"    relation: {b.relation}")
            if b.type:
                out.append(f"    type: {b.type}")
            if b.date:
                out.append(f"    date: {b.date.isoformat()}")
            if b.issuer:
                out.append(f"    issuer: {q(b.issuer)}")
            if b.title:
                out.append(f"    title: {q(b.title)}")
    put("access", "access: cong-khai")
    put("source", f"source: {q(meta.source)}")
    if meta.editorial_notes:
        put("editorial_notes", "editorial_notes:")
        for note in meta.editorial_notes:
            out.append(f"  - {q(note)}")

    def signer() -> None:
        put("signer", "signer:  #")
        if meta.signer_name is None or meta.sign_first:
            put("signer.name", f"  name: {_opt(meta.signer_name)}")
        put("signer.on_behalf", f"  on_behalf: {_opt(meta.signer_on_behalf)}")
        put("signer.title", f"  title: {_opt(meta.signer_title)}")
        if meta.signer_name is not None and not meta.sign_first:
            put("signer.name", f"  name: {q(meta.signer_name)}")

    def recipients() -> None:
        if meta.recipients:
            put("recipients", "recipients:  # Nơi nhận:")
            for r in meta.recipients:
                out.append(f"  - {q(r)}")
        else:
            put("recipients", "recipients: []  # Nơi nhận:")
        if meta.recipients_note:
            put("recipients_note", f"recipients_note: {q(meta.recipients_note)}")

    if meta.sign_first:
        signer()
        recipients()
    else:
        recipients()
        signer()
    if meta.letterhead:
        put("letterhead", "letterhead:  #")
        for key in ("issuer_lines", "motto", "place_date_line", "heading_lines"):
            value = meta.letterhead.get(key)
            if value is None or value == []:
                continue
            if isinstance(value, list):
                put(f"letterhead.{key}", f"  {key}:")
                out.extend(f"    - {q(v)}" for v in value)
            else:
                put(f"letterhead.{key}", f"  {key}: {q(value)}")
    if meta.title_as_printed:
        put("title_as_printed", f"title_as_printed: {q(meta.title_as_printed)}")
    else:
        put("title", f"title: {q(meta.title or 'chưa rõ')}")
    if meta.received:
        put("received", "received:  #")
        put("received.as_printed", f"  as_printed: {q(meta.received.as_printed)}")
        put("received.office", f"  office: {_opt(meta.received_office)}")
        put("received.number", f"  number: {_opt(meta.received.number)}")
        put("received.date", f"  date: {_d(meta.received_date)}")
    return out, at
