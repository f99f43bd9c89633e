"""One duty's text read for who must do it, in what role, and by when: the
names in a doer's position (a heading's bodies, a subject before "chủ trì",
"phối hợp với ..."), the roles they take, the deadline phrase and the explicit
markup ``<!-- giao: ...; hạn: ... -->``.  duties.py walks a plan's parts and
items and asks this module about each block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import GENERIC_PARTNERS, Found, Resolver, match_key
from .deadline_places import inner_deadline, leading_schedule, split_trailing_clause, split_trailing_deadline
from .deadlines import parse_deadline
from .diagnostics import Report
from .model import Agency, Assignment, Deadline, Node, Source
from .numbering import ENUM, LEADING_LABEL, enumeration, read_label, read_part

_SEPARATOR = re.compile(r"^(?:\s*(?:,|và|;)\s*)+(?:các\s+)?$", re.I)
# What may open a block before its subject: "Giao", "Đề nghị", "Yêu cầu" ...
# (numbering and an opening schedule are read by numbering.py and deadlines.py).
_DELEGATION = re.compile(r"(?:giao(?:\s+cho)?|phân công(?:\s+cho)?|đề nghị|yêu cầu|[uủ]ỷ? quyền cho)\s*:?\s+", re.I)
# A topic before the subject: "Về chế độ báo cáo, các sở, ban, ngành ... gửi báo cáo ...".
_TOPIC = re.compile(r"về\s[^,:;()]{2,60},\s+", re.I)
# Words before the names of a heading: "6. Đề nghị: Hiệp hội ...", "Trách nhiệm của Sở ...", "a) Đối với Sở Y tế:".
HEADING_PREFIX = re.compile(r"^\s*(?:đề nghị|trách nhiệm của|nhiệm vụ của|đối với|giao(?:\s+cho)?)\s*:?\s*", re.I)
LEAD = re.compile(r"^[\s,:;.\-–]*(?:chủ động\s+)?chủ trì\b", re.I)
_SUPPORT_OBJECTS = re.compile(r"phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+", re.I)
# An item under a body's heading that opens "Phối hợp (với) ...": that body supports.
_OPENS_SUPPORT = re.compile(r"^[\s,:;.\-–]*phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+", re.I)
# Partners named by kind, not by name: never a body, wherever the registry has them.
_GENERIC = GENERIC_PARTNERS
# A name right after these receives, reports to or guides: it is not the doer.
_RECEIVER_BEFORE = re.compile(
    r"(?:báo cáo(?:\s+kết quả)?|gửi(?:\s+báo cáo)?|trình|qua|về|cho|lên"
    r"|theo\s+(?:hướng dẫn|chỉ đạo|yêu cầu|đề nghị|quy định|kế hoạch)(?:\s+của)?)\s*$",
    re.I,
)


@dataclass(frozen=True)
class Heading:
    """What a heading (or a lead-in) gives the blocks under it: its bodies
    (roles "assigned" unless markup said otherwise) and a deadline phrase."""

    assignments: tuple[Assignment, ...] = ()
    deadline: str | None = None

    @property
    def explicit(self) -> bool:
        return any(a.role != "assigned" for a in self.assignments)


def without_label(text: str) -> str:
    """The text after its item or letter numbering and an enumeration mark."""
    label = read_label(text)
    if label is not None and label.kind in ("item", "letter"):
        text = label.rest
    m = ENUM.match(text)
    return text[m.end() :] if m else text


def title_of(node: Node) -> str:
    """A heading's title without its numbering: "II. NHIỆM VỤ" -> "NHIỆM VỤ"."""
    if node.kind == "part" and (part := read_part(node.text, caps_required=False)):
        return part.rest
    label = read_label(node.text)
    if label is not None and label.kind in ("item", "letter"):
        return label.rest
    return LEADING_LABEL.sub("", node.text, count=1)


def _is_generic(key: str, found: Found) -> bool:
    return bool(_GENERIC.match(key[found.start : found.end]))


def is_receiver(key: str, found: Found) -> bool:
    return bool(_RECEIVER_BEFORE.search(key[max(0, found.start - 40) : found.start]))


def _covered_by_bodies(text: str, found: list[Found]) -> bool:
    """True when ``text`` is nothing but body names and separators (generic
    partners such as "các cơ quan, đơn vị liên quan" may stand among them)."""
    key = match_key(text)
    position = 0
    named = False
    for item in found:
        if item.start < position:
            continue
        gap = key[position : item.start]
        if gap.strip() and not _SEPARATOR.match(gap) and not (not named and gap.strip() == "các"):
            if not _GENERIC.match(gap.strip(" ,;")):
                return False
        named = True
        position = item.end
    rest = key[position:].strip(" :.;,")
    if rest and not _GENERIC.match(rest):
        return False
    return named


def heading_bodies(title: str, resolver: Resolver) -> list[str]:
    """The bodies a heading names ("3. Sở Tài chính:", "6. Đề nghị: Hiệp hội
    ..., Hội Nông dân tỉnh", "Trách nhiệm của Sở Y tế"), or [] when the
    heading is a topic."""
    title = HEADING_PREFIX.sub("", title, count=1)
    # "1. Công an tỉnh (Cơ quan Thường trực Ban Chỉ đạo)": a role in brackets is no name
    title = re.sub(r"\s*\([^()]*\)\s*:?\s*$", "", title)
    found = resolver.find(title)
    if not _covered_by_bodies(title, found):
        return []
    key = match_key(title)
    named = [f.agency for f in found if not _is_generic(key, f)] or [f.agency for f in found]
    return list(dict.fromkeys(named))


def _names_at(text: str, position: int, resolver: Resolver, found: list[Found] | None = None, *, subject: bool = False) -> tuple[list[str], int, bool]:
    """Bodies named from ``position`` on, joined by separators: (ids, end,
    generic) where generic says a name by kind stood among them.  A generic
    partner registered as a class is a body only as the ``subject``."""
    found = resolver.find(text) if found is None else found
    key = match_key(text)
    names: list[str] = []
    generic = False
    for item in found:
        if item.start < position:
            continue
        gap = key[position : item.start]
        if (names or generic) and not _SEPARATOR.match(gap):
            break
        if not (names or generic) and gap.strip():
            break
        if _is_generic(key, item) and not subject:
            generic = True
        else:
            names.append(item.agency)
        position = item.end
    return names, position, generic


def _prefix_end(text: str) -> int:
    """Where the subject of a block may start: after its numbering, "(1)",
    "Giao", "Đề nghị", "Yêu cầu", an opening schedule ("Định kỳ hằng năm,")
    and a topic ("Về chế độ báo cáo,")."""
    position = 0
    while True:
        rest = text[position:]
        step = 0
        if m := ENUM.match(rest):
            step = m.end()
        elif (label := read_label(rest)) is not None and label.kind in ("item", "letter") and label.rest != rest:
            step = len(rest) - len(label.rest)
        elif m := _DELEGATION.match(rest):
            step = m.end()
        elif schedule := leading_schedule(rest):
            step = schedule[1]
        elif m := _TOPIC.match(rest):
            step = m.end()
        if not step:
            return position
        position += step


def leading_subjects(text: str, resolver: Resolver) -> tuple[list[str], int]:
    """Bodies named at the start of ``text`` (after "Giao", numbering ...) and
    where they end; ([], 0) when the text does not start with a body.

    "Ủy ban nhân dân tỉnh yêu cầu các Sở, ban, ngành ... triển khai": the
    doers are the objects of "yêu cầu" (also "giao", "đề nghị", "phân công"),
    not the issuer who asks."""
    prefix = _prefix_end(text)
    if not resolver.may_start_with_name(text[prefix:]):
        return [], 0
    subjects, position, _ = _names_at(text, prefix, resolver, subject=True)
    if not subjects:
        return [], 0
    rest = text[position:]
    m = _DELEGATION.match(rest.lstrip())
    if m:
        after = position + (len(rest) - len(rest.lstrip())) + m.end()
        objects, end, generic = _names_at(text, after, resolver, subject=True)
        if objects:
            return objects, end
        if generic:
            return [], 0  # "... yêu cầu các cơ quan, đơn vị liên quan ...": no body is named
    return subjects, position


def _supporters(text: str, resolver: Resolver, exclude: set[str]) -> list[str]:
    """Bodies named after "phối hợp với", up to the next verb-ish stop;
    generic partners ("các cơ quan liên quan") are not bodies."""
    out: list[str] = []
    found = resolver.find(text)
    for m in _SUPPORT_OBJECTS.finditer(text):
        names, _, _ = _names_at(text, m.end(), resolver, found)
        out.extend(a for a in names if a not in exclude and a not in out)
    return out


def _is_lead(rest: str) -> bool:
    """"X chủ trì ..." — also "X, Y, thủ trưởng các cơ quan, đơn vị chủ trì ..."
    when "chủ trì" comes early in the first clause, before any "phối hợp"."""
    if LEAD.match(rest):
        return True
    clause = re.split(r"[;.:]", rest, maxsplit=1)[0][:100]
    m = re.search(r"\bchủ trì\b", clause, re.I)
    return bool(m) and "phối hợp" not in clause[: m.start()].lower()


def roles(subjects: list[str], rest: str, resolver: Resolver) -> tuple[Assignment, ...]:
    """The subject's own sentence: "X chủ trì, phối hợp với Y" -> X lead, Y
    support; "X, Y phối hợp với Z ..." -> X, Y assigned, Z support."""
    lead = _is_lead(rest)
    role = "lead" if lead else "assigned"
    assignments = [Assignment(a, role) for a in dict.fromkeys(subjects)]
    supporters = _supporters(rest, resolver, set(subjects))
    assignments += [Assignment(a, "support") for a in supporters]
    return tuple(assignments)


def roles_under(heading: Heading, rest: str, resolver: Resolver) -> tuple[Assignment, ...]:
    """A block under a heading that names its bodies, without a subject of its own.

    "Chủ trì, phối hợp với Y ..." -> the heading's bodies lead, Y supports;
    "Phối hợp với Y tổ chức ..." -> the heading's bodies support, Y leads
    (the block is the heading's share in Y's task); roles given by markup
    on the heading are kept."""
    ids = [a.agency for a in heading.assignments]
    if m := _OPENS_SUPPORT.match(rest):
        leads, _, _ = _names_at(rest, m.end(), resolver)
        leads = [a for a in leads if a not in ids]
        return tuple(Assignment(a, "support") for a in ids) + tuple(Assignment(a, "lead") for a in dict.fromkeys(leads))
    if heading.explicit:
        supporters = _supporters(rest, resolver, set(ids))
        return heading.assignments + tuple(Assignment(a, "support") for a in supporters)
    return roles(ids, rest, resolver)


def split_enumeration(text: str) -> tuple[str | None, list[str]]:
    """"Lead-in: (1) a; (2) b" -> ("Lead-in:", ["(1) a;", "(2) b"]) when (1) and (2) are there."""
    run = enumeration(text)
    if not run:
        return None, [text]
    lead_in = text[: run[0].start()].strip() or None
    parts = [text[m.start() : (run[i + 1].start() if i + 1 < len(run) else len(text))].strip() for i, m in enumerate(run)]
    return lead_in, parts


def deadline_of(text: str, override: str | None, default: str | None = None, year: int | None = None) -> tuple[str, Deadline]:
    """The duty's text without its deadline, and the deadline: markup, else a
    trailing parenthesis, a last clause ("..., hoàn thành trước ngày
    30/6/2026"), an opening schedule ("Định kỳ hằng năm, ..."), else the
    heading's markup."""
    if override:
        return text, parse_deadline(override, today_year=year, leading=True)
    rest, phrase = split_trailing_deadline(text)
    if phrase is not None:
        return rest, parse_deadline(phrase, today_year=year, leading=True)
    if phrase is None:
        phrase = split_trailing_clause(text, today_year=year)
    if phrase is None:
        schedule = leading_schedule(without_label(text), today_year=year)
        phrase = schedule[0] if schedule else None
    if phrase is None:
        phrase = inner_deadline(text, today_year=year)
    if phrase is None:
        phrase = default
    if phrase is None:
        return text, Deadline(phrase="", kind="none")
    return rest, parse_deadline(phrase, today_year=year)


def parse_directive(directive: str | None, resolver: Resolver, source: Source, report: Report, agencies: dict[str, Agency]):
    """-> (assignments or None, deadline phrase or None, no_duty flag)."""
    if not directive:
        return None, None, False
    assignments: list[Assignment] | None = None
    deadline = None
    no_duty = False
    for part in re.split(r";\s*(?=(?:giao|hạn)\s*:)", directive, flags=re.I):
        key, _, value = part.partition(":")
        key = key.strip().lower()
        value = value.strip()
        if key == "hạn":
            deadline = value
        elif key == "giao":
            if value in ("-", "không", ""):
                no_duty = True
                continue
            assignments = []
            for item in re.split(r";", value):
                item = item.strip()
                if not item:
                    continue
                m = re.match(r"^(.*?)\s*\((chủ trì|phối hợp|thực hiện)\)\s*$", item, re.I)
                name, role_word = (m.group(1), m.group(2).lower()) if m else (item, "thực hiện")
                agency = resolver.resolve(name)
                if agency is None:
                    guess = resolver.suggest(name)
                    report.error(
                        "cơ-quan-không-rõ",
                        f'"{name}" trong đánh dấu giao việc không có trong danh mục cơ quan.',
                        source,
                        (f'có phải "{display_name(guess, resolver, agencies)}"?' if guess else "thêm cơ quan vào content/agencies.yml hoặc sửa tên."),
                    )
                    continue
                role = {"chủ trì": "lead", "phối hợp": "support"}.get(role_word, "assigned")
                assignments.append(Assignment(agency, role))
    return assignments, deadline, no_duty


def display_name(key: str, resolver: Resolver, agencies: dict[str, Agency]) -> str:
    agency = agencies.get(resolver.names.get(key, ""))
    return agency.name if agency else key
