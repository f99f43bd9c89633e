"""Front matter of a draft: fields read from the letterhead, title block,
opening paragraph and signature, the organisation chosen from the registry,
and the YAML written in the order of docs/content-format.md.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date

from ..citations import find_citations, symbol_of
from ..model import Agency, Organisation
from ..text import comparable, slugify
from .header import Footer, Header, caps_to_name
from .text import Stamp

DOC_TYPES = {
    "KẾ HOẠCH": "ke-hoach",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "chuong-trinh-hanh-dong",
    "CHƯƠNG TRÌNH": "chuong-trinh-hanh-dong",
    "NGHỊ QUYẾT": "nghi-quyet",
    "KẾT LUẬN": "ket-luan",
    "CHỈ THỊ": "chi-thi",
    "QUY ĐỊNH": "quy-dinh",
    "QUYẾT ĐỊNH": "quyet-dinh",
    "HƯỚNG DẪN": "huong-dan",
    "THÔNG BÁO": "thong-bao",
    "CÔNG VĂN": "cong-van",
    "BÁO CÁO": "bao-cao",
    "ĐỀ ÁN": "de-an",
}
_CODE_TYPES = {"KH": "ke-hoach", "CTr": "chuong-trinh-hanh-dong", "NQ": "nghi-quyet", "KL": "ket-luan", "CT": "chi-thi", "QĐi": "quy-dinh", "QĐ": "quyet-dinh", "HD": "huong-dan", "TB": "thong-bao", "CV": "cong-van", "BC": "bao-cao", "ĐA": "de-an"}
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


def read_number(line: str | None) -> tuple[str | None, str | None]:
    """ "Số 90 -KH/HU" -> ("90-KH/HU", "Số 90 -KH/HU"); "Số: 141/KH-UBND" ->
    ("141/KH-UBND", ...)."""
    if not line:
        return None, None
    found = find_citations(line)
    if found:
        return symbol_of(found[0].ref), line
    m = re.match(r"^Số\s*:?\s*(\S.*)$", line)
    if m:
        return re.sub(r"\s*([-/])\s*", r"\1", m.group(1)).strip(), line
    return None, line


def read_type(header: Header, number: str | None) -> tuple[str, str]:
    for line in header.heading_lines:
        for words, slug in sorted(DOC_TYPES.items(), key=lambda kv: -len(kv[0])):
            if line.upper().startswith(words):
                return slug, f'dòng "{line}"'
    if number:
        code = re.search(r"-([A-Za-zĐđ]+)/|/([A-Za-zĐđ]+)-", number)
        if code:
            slug = _CODE_TYPES.get(code.group(1) or code.group(2))
            if slug:
                return slug, f'ký hiệu "{number}"'
    return "ke-hoach", ""


_ISSUES = re.compile(r"(?:ban hành|xây dựng|triển khai)\s+(?:Kế hoạch|Chương trình|Nghị quyết|Hướng dẫn)", re.I)


def read_issuer(preamble: list[str], header: Header, footer: Footer) -> tuple[str, str]:
    """The issuer as the document names it: "Ban Thường vụ Tỉnh ủy ban hành
    Kế hoạch ..." -> "Ban Thường vụ Tỉnh ủy"; else the letterhead."""
    for text in preamble:
        m = _ISSUES.search(text)
        if not m:
            continue
        before = text[: m.start()].rstrip()
        start = max(before.rfind(";"), before.rfind(","), before.rfind(":")) + 1
        name = before[start:].strip(" *")
        if name and name[0].isupper() and len(name.split()) <= 14:
            return name, f'câu "{name} {m.group(0)}"'
    for line in header.heading_lines[1:]:
        m = re.match(r"^CỦA\s+(.+)$", line)
        if m:
            name = caps_to_name(m.group(1))
            return name, f'dòng "{line}"'
    lines = [l for l in header.issuer_lines if l != "*"]
    if lines:
        return caps_to_name(lines[-1]), f'tiêu đề "{lines[-1]}"'
    if footer.on_behalf:
        name = re.sub(r"^(?:T/M|TM\.?|K/T|KT\.?)\s*", "", footer.on_behalf)
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
        bases.setdefault(symbol, Basis(symbol, relation, c.doc_type, c.date, c.issuer))
        previous_end = c.end
    for text in preamble:
        for c in find_citations(text):
            symbol = symbol_of(c.ref)
            known = bases.get(symbol)
            if known is None:
                bases[symbol] = Basis(symbol, "relies-on", c.doc_type, c.date, c.issuer)
                continue
            # the opening sentence usually says more (date, issuer) than the title
            known.date = known.date or c.date
            if c.issuer and (not known.issuer or len(c.issuer) > len(known.issuer)):
                known.issuer = c.issuer
            known.type = known.type or c.doc_type
    if bases and not any(b.relation == "implements" for b in bases.values()):
        next(iter(bases.values())).relation = "implements"
    return list(bases.values())


def read_supersedes(paragraphs: list[str]) -> list[Basis]:
    out = []
    for text in paragraphs:
        m = re.search(r"\bthay thế\b", text)
        if not m:
            continue
        for c in find_citations(text[m.end() :]):
            rest = text[m.end() + c.end :]
            quoted = re.match(r"^[^“\"]{0,80}[“\"]([^”\"]+)[”\"]", rest)
            out.append(Basis(symbol_of(c.ref), None, c.doc_type, c.date, c.issuer, quoted.group(1) if quoted else None))
    return out


# --- the organisation ---------------------------------------------------------------

_LEVEL_WORDS = [
    (re.compile(r"đảng ủy khối|đảng uỷ khối|\bĐUK\b", re.I), "khoi"),
    (re.compile(r"huyện ủy|huyện uỷ|quận ủy|thị ủy|thành ủy|\bHU\b", re.I), "district"),
    (re.compile(r"tỉnh ủy|tỉnh uỷ|\bTU\b", re.I), "province"),
    (re.compile(r"trung ương|\bTW\b", re.I), "central"),
    (re.compile(r"(?:ủy ban nhân dân|hội đồng nhân dân|ubnd|hđnd)\s+(?:huyện|quận|thị xã|thành phố)", re.I), "district"),
    (re.compile(r"(?:ủy ban nhân dân|hội đồng nhân dân|ubnd|hđnd)\s+tỉnh|\bTỈNH\s+\S+", re.I), "province"),
]
_ORG_PREFIX = re.compile(r"^(?:tỉnh ủy|huyện ủy|quận ủy|thị ủy|thành ủy|đảng ủy khối các cơ quan tỉnh|đảng ủy khối doanh nghiệp tỉnh|đảng ủy khối)\s+", re.I)
_BODY_PREFIX = re.compile(r"^(?:ban thường vụ|ban chấp hành|thường trực|ban thường trực)\s+", re.I)


def choose_organisation(organisations: dict[str, Organisation], header: Header, issuer: str, number: str | None, text: str, stamp_office: str | None, agencies: dict[str, Agency] | None = None) -> OrgChoice | None:
    """The issuing organisation in the registry: by name (letterhead,
    issuer), else by level and the place names the text mentions, else by the
    bodies of its own the text names, else the closest name.  Only a name
    match is certain."""
    if not organisations:
        return None
    names = _letterhead_names(header.issuer_lines) + ([issuer] if issuer else [])
    for name in names:
        for org in organisations.values():
            if comparable(org.name) == comparable(name) or comparable(name).endswith(" " + comparable(org.name)):
                return OrgChoice(org.id, org.name, f'khớp tên "{name}"', True)
    stripped = _BODY_PREFIX.sub("", issuer or "").strip()
    if stripped:
        starting = [o for o in organisations.values() if comparable(o.name).startswith(comparable(stripped)) and _ORG_PREFIX.match(stripped + " ")]
        if len(starting) == 1:
            org = starting[0]
            return OrgChoice(org.id, org.name, f'tên cơ quan ban hành "{issuer}" là phần đầu của tên "{org.name}"; văn bản không ghi địa danh', False)
    evidence = " ".join([issuer or "", *header.heading_lines, *header.issuer_lines, number or ""])
    level = next((lvl for pattern, lvl in _LEVEL_WORDS if pattern.search(evidence)), None)
    candidates = [o for o in organisations.values() if level is None or o.level == level]
    haystack = comparable(text + " " + (stamp_office or ""))
    scored = []
    for org in candidates:
        place = _ORG_PREFIX.sub("", org.name)
        if place != org.name or level is None:
            count = haystack.count(comparable(place))
            if count:
                scored.append((count, org))
    if scored:
        scored.sort(key=lambda x: (-x[0], x[1].id))
        count, org = scored[0]
        place = _ORG_PREFIX.sub("", org.name)
        where = f' (dấu đến của "{stamp_office}")' if stamp_office and comparable(place) in comparable(stamp_office) else ""
        at_level = f" ở cấp {_LEVEL_NAMES[level]}" if level else ""
        return OrgChoice(org.id, org.name, f'cơ quan ban hành "{issuer}"{at_level}; văn bản nhắc "{place}" {count} lần{where}', False)
    if level and len(candidates) == 1:
        org = candidates[0]
        return OrgChoice(org.id, org.name, f'tổ chức duy nhất cấp {_LEVEL_NAMES[level]} trong danh mục', False)
    bodies = _bodies_named(organisations, agencies or {}, haystack)
    if bodies:
        count, org = bodies
        return OrgChoice(org.id, org.name, f"văn bản nhắc {count} lần tên các cơ quan của tổ chức này trong danh mục", False)
    pool = list(organisations.values())
    target = comparable(names[0] if names else issuer or "")
    best = max(pool, key=lambda o: (difflib.SequenceMatcher(None, comparable(o.name), target).ratio(), o.id))
    return OrgChoice(best.id, best.name, f'không khớp tổ chức nào; chọn tên gần nhất với "{names[0] if names else issuer}"', False)


_PARTY_OF = re.compile(r"^ĐẢNG BỘ (?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|KHỐI)\s+(?P<place>.+)$", re.I)


def _letterhead_names(lines: list[str]) -> list[str]:
    """Names the letterhead gives, the second line completed by the place of
    the first: "ĐẢNG BỘ TỈNH LÂM ĐỒNG" + "TỈNH ỦY" -> "Tỉnh ủy Lâm Đồng"."""
    lines = [l for l in lines if l != "*"]
    names = []
    for upper, lower in zip(lines, lines[1:]):
        m = _PARTY_OF.match(upper)
        if m and not re.search(r"\b(?:TỈNH|HUYỆN|THÀNH PHỐ|QUẬN|THỊ XÃ)\s+\S+\s+\S+", lower.replace(" ỦY", "")):
            place = caps_to_name("TỈNH " + m.group("place")).split(" ", 1)[1]
            names.append(f"{caps_to_name(lower)} {place}")
    return names + [caps_to_name(l) for l in lines]


def _bodies_named(organisations: dict[str, Organisation], agencies: dict[str, Agency], haystack: str) -> tuple[int, Organisation] | None:
    """The organisation whose own registered bodies the text names most."""
    counts: dict[str, int] = {}
    for agency in agencies.values():
        for name in (agency.name, *agency.aliases):
            key = comparable(name)
            if len(key) > 6 and key in haystack:
                counts[agency.organisation] = counts.get(agency.organisation, 0) + haystack.count(key)
    if not counts:
        return None
    best = max(sorted(counts), key=lambda org: counts[org])
    return (counts[best], organisations[best]) if best in organisations else None


_LEVEL_NAMES = {"central": "trung ương", "province": "tỉnh", "district": "huyện", "khoi": "khối", None: "?"}


def plan_id(meta: Meta) -> str:
    org = meta.organisation
    place = slugify(_ORG_PREFIX.sub("", org.name)) if org else "ke-hoach"
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
