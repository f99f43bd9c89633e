"""Stage 3 (link): who must do what — duties read from a plan's text.

Rules, in the order a reader applies them:

* an item heading that names bodies ("1. Ban Tổ chức Huyện ủy", "7. Đảng đoàn
  ..., các tổ chức chính trị - xã hội tỉnh và Ban Thường vụ Tỉnh đoàn")
  assigns the blocks under it, unless a block names its own subject;
* a numbered paragraph "3. Ủy ban Kiểm tra Tỉnh ủy: Chủ trì, ..." assigns
  itself to the body before the colon;
* a sentence anywhere whose subject is a registered body ("X chủ trì, phối hợp
  với Y ...", "Giao X ...", "X tham mưu ...", "Phân công X ...");
* "(1) ... (2) ..." inside one block are separate duties;
* "các nội dung tại điểm 2.2 khoản 2, khoản 3, ... Mục II" gives the
  referenced items to the referring body;
* explicit markup ``<!-- giao: ...; hạn: ... -->`` overrides all of this.

Every block of a duty part either yields a duty or is reported with the
reason, so nothing is silently left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import GENERIC_PARTNERS, Found, Resolver, match_key
from .deadlines import inner_deadline, leading_schedule, parse_deadline, split_trailing_clause, split_trailing_deadline
from .diagnostics import Report
from .model import Agency, Assignment, Deadline, Node, Organisation, Plan, Source, Task
from .numbering import ENUM, ITEM_OR_LETTER_START, LEADING_LABEL, enumeration, read_label, read_part

# Parts that assign by their title.  Other parts ("Nhiệm vụ và giải pháp",
# "Nhiệm vụ, giải pháp chủ yếu", ...) are duty parts when what they hold says
# so (_PlanDuties._is_duty_part).
DUTY_PART = re.compile(
    r"nhiệm vụ cụ thể|phân công|tổ chức thực hiện|quán triệt|quản triệt"
    r"|trách nhiệm (?:của|thực hiện|cụ thể)|danh mục (?:các )?nhiệm vụ|^(?:[IVXLC]+\s*[.\-–:]*\s*)?phụ lục\b",
    re.I,
)
_SEPARATOR = re.compile(r"^(?:\s*(?:,|và|;)\s*)+(?:các\s+)?$", re.I)
# What may open a block before its subject: "Giao", "Đề nghị", "Yêu cầu" ...
# (numbering and an opening schedule are read by numbering.py and deadlines.py).
_DELEGATION = re.compile(r"(?:giao(?:\s+cho)?|phân công(?:\s+cho)?|đề nghị|yêu cầu|[uủ]ỷ? quyền cho)\s*:?\s+", re.I)
# A topic before the subject: "Về chế độ báo cáo, các sở, ban, ngành ... gửi báo cáo ...".
_TOPIC = re.compile(r"về\s[^,:;()]{2,60},\s+", re.I)
# Words before the names of a heading: "6. Đề nghị: Hiệp hội ...", "Trách nhiệm của Sở ...", "a) Đối với Sở Y tế:".
_HEADING_PREFIX = re.compile(r"^\s*(?:đề nghị|trách nhiệm của|nhiệm vụ của|đối với|giao(?:\s+cho)?)\s*:?\s*", re.I)
_LEAD = re.compile(r"^[\s,:;.\-–]*(?:chủ động\s+)?chủ trì\b", re.I)
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
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ])")
# Where else a new subject can start: "...; đồng thời các đoàn thể ... phải",
# ", từng tổ chức cơ sở đảng chủ động ..." (a registered name right before a modal verb).
_CLAUSE_START = re.compile(r"[;,]\s+(?:đồng thời,?\s+)", re.I)
_MODAL_AFTER = re.compile(r"^\s*(?:chủ động|phải|cần|có trách nhiệm|chịu trách nhiệm)\b", re.I)
# Parts that state purposes and targets, not duties.
NOT_DUTY_PART = re.compile(r"^\s*[IVXLC]+\s*[.\-–:]*\s*mục (?:đích|tiêu)(?:,?\s*yêu cầu)?\s*$", re.I)
_REFERENCE = re.compile(r"(?:các\s+)?(?:nội dung|nhiệm vụ)\s+(?:tại|ở)\s+(?P<refs>(?:(?:điểm|khoản|tiết)\s+[\d.,\s]+(?:(?:điểm|khoản)\s+[\d.]+\s*)?,?\s*)+)(?:,\s*)?mục\s+(?P<part>[IVXLC]+)\b", re.I)
_BODY_WORDS = re.compile(
    r"^(?:đề nghị\s*:?\s*)?(?:các\s+)?(?:ban|ủy ban|uỷ ban|ubnd|đảng đoàn|đảng ủy|đảng uỷ|văn phòng|trung tâm|thường trực|ban cán sự"
    r"|huyện ủy|tỉnh ủy|tỉnh đoàn|hội|hiệp hội|liên đoàn|liên minh|mặt trận|đồng chí|sở|công an|bộ chỉ huy|đài|báo"
    r"|doanh nghiệp|kho bạc|ngân hàng|cục|chi cục|bảo hiểm xã hội|viện kiểm sát|tòa án|toà án|trường|bệnh viện)\b",
    re.I,
)
# Closing sentences of a plan: never a duty, never a warning.
_BOILERPLATE = re.compile(
    r"^(?:trong quá trình(?: triển khai| tổ chức)? thực hiện\b[^.]*?(?:khó khăn|vướng mắc|phát sinh)|trên đây là\b)",
    re.I,
)
# Asks that name no body ("Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai
# thực hiện"): no duty, and nothing to warn about.
_GENERIC_ASK = re.compile(r"^(?:\S+\s+){0,8}?(?:yêu cầu|đề nghị)\s+(?:các|thủ trưởng|người đứng đầu|mọi)\b", re.I)
# A stray table separator, an empty row, a table's header row.
_JUNK = re.compile(r"^[\s|:\-–—+*.,;_=]*$|^\|?\s*(?:stt|tt)\s*\|", re.I)


@dataclass(frozen=True)
class Unplaced:
    """A block of a duty part that yielded no duty, and why."""

    plan: str
    anchor: str
    source: Source
    reason: str


@dataclass(frozen=True)
class _Heading:
    """What a heading (or a lead-in) gives the blocks under it: its bodies
    (roles "assigned" unless markup said otherwise) and a deadline phrase."""

    assignments: tuple[Assignment, ...] = ()
    deadline: str | None = None

    @property
    def explicit(self) -> bool:
        return any(a.role != "assigned" for a in self.assignments)


def _without_label(text: str) -> str:
    """The text after its item or letter numbering and an enumeration mark."""
    label = read_label(text)
    if label is not None and label.kind in ("item", "letter"):
        text = label.rest
    m = ENUM.match(text)
    return text[m.end() :] if m else text


def _title(node: Node) -> str:
    """A heading's title without its numbering: "II. NHIỆM VỤ" -> "NHIỆM VỤ"."""
    if node.kind == "part" and (part := read_part(node.text, caps_required=False)):
        return part.rest
    label = read_label(node.text)
    if label is not None and label.kind in ("item", "letter"):
        return label.rest
    return LEADING_LABEL.sub("", node.text, count=1)


def _is_generic(key: str, found: Found) -> bool:
    return bool(_GENERIC.match(key[found.start : found.end]))


def _is_receiver(key: str, found: Found) -> bool:
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


def _heading_bodies(title: str, resolver: Resolver) -> list[str]:
    """The bodies a heading names ("3. Sở Tài chính:", "6. Đề nghị: Hiệp hội
    ..., Hội Nông dân tỉnh", "Trách nhiệm của Sở Y tế"), or [] when the
    heading is a topic."""
    title = _HEADING_PREFIX.sub("", title, count=1)
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


def _leading_subjects(text: str, resolver: Resolver) -> tuple[list[str], int]:
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
    if _LEAD.match(rest):
        return True
    clause = re.split(r"[;.:]", rest, maxsplit=1)[0][:100]
    m = re.search(r"\bchủ trì\b", clause, re.I)
    return bool(m) and "phối hợp" not in clause[: m.start()].lower()


def _roles(subjects: list[str], rest: str, resolver: Resolver) -> tuple[Assignment, ...]:
    """The subject's own sentence: "X chủ trì, phối hợp với Y" -> X lead, Y
    support; "X, Y phối hợp với Z ..." -> X, Y assigned, Z support."""
    lead = _is_lead(rest)
    role = "lead" if lead else "assigned"
    assignments = [Assignment(a, role) for a in dict.fromkeys(subjects)]
    supporters = _supporters(rest, resolver, set(subjects))
    assignments += [Assignment(a, "support") for a in supporters]
    return tuple(assignments)


def _roles_under(heading: _Heading, rest: str, resolver: Resolver) -> tuple[Assignment, ...]:
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
    return _roles(ids, rest, resolver)


def _split_enumeration(text: str) -> tuple[str | None, list[str]]:
    """"Lead-in: (1) a; (2) b" -> ("Lead-in:", ["(1) a;", "(2) b"]) when (1) and (2) are there."""
    run = enumeration(text)
    if not run:
        return None, [text]
    lead_in = text[: run[0].start()].strip() or None
    parts = [text[m.start() : (run[i + 1].start() if i + 1 < len(run) else len(text))].strip() for i, m in enumerate(run)]
    return lead_in, parts


def _deadline_of(text: str, override: str | None, default: str | None = None, year: int | None = None) -> tuple[str, Deadline]:
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
        schedule = leading_schedule(_without_label(text), today_year=year)
        phrase = schedule[0] if schedule else None
    if phrase is None:
        phrase = inner_deadline(text, today_year=year)
    if phrase is None:
        phrase = default
    if phrase is None:
        return text, Deadline(phrase="", kind="none")
    return rest, parse_deadline(phrase, today_year=year)


def _parse_directive(directive: str | None, resolver: Resolver, source: Source, report: Report, agencies: dict[str, Agency]):
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
                        (f'có phải "{_display(guess, resolver, agencies)}"?' if guess else "thêm cơ quan vào content/agencies.yml hoặc sửa tên."),
                    )
                    continue
                role = {"chủ trì": "lead", "phối hợp": "support"}.get(role_word, "assigned")
                assignments.append(Assignment(agency, role))
    return assignments, deadline, no_duty


def _display(key: str, resolver: Resolver, agencies: dict[str, Agency]) -> str:
    agency = agencies.get(resolver.names.get(key, ""))
    return agency.name if agency else key


class _PlanDuties:
    def __init__(self, plan: Plan, organisations: dict[str, Organisation], agencies: dict[str, Agency], report: Report, resolver: Resolver | None = None):
        self.plan = plan
        self.agencies = agencies
        self.report = report
        self.resolver = resolver or Resolver(plan.organisation, organisations, agencies)
        self.year = plan.date.year if plan.date else None
        self.tasks: list[Task] = []
        self.unplaced: list[Unplaced] = []
        self.by_label = self._index_items()
        # per part: blocks that had to yield a duty, those that did not, and
        # unknown names in headings; kept only if the part is a duty part
        self._considered = 0
        self._missed: list[Unplaced] = []
        self._unknown_names: list[tuple[str, Source]] = []

    def _index_items(self) -> dict[tuple, Node]:
        index: dict[tuple, Node] = {}
        for part in self.plan.body:
            if part.kind != "part" or not part.label:
                continue
            for node in part.walk():
                if node.kind == "item" and node.label and node is not part:
                    index.setdefault((part.label.upper(), node.level, node.label), node)
        return index

    def add(self, node: Node, text: str, assignments, deadline: Deadline, *, via=None, context=None) -> None:
        if not assignments:
            return
        number = sum(1 for t in self.tasks if t.anchor == node.anchor and t.plan == self.plan.id)
        self.tasks.append(
            Task(
                id=f"{self.plan.id}#{node.anchor}" + (f"-{number + 1}" if number else ""),
                plan=self.plan.id,
                anchor=node.anchor,
                text=text.strip(),
                assignees=tuple(assignments),
                deadline=deadline,
                source=node.source,
                via=via,
                context=context,
                number=number,
            )
        )

    # -- walking -------------------------------------------------------------------
    def run(self) -> None:
        if not any(top.kind == "part" for top in self.plan.body):
            self._run_partless()
            return
        for top in self.plan.body:
            if top.kind != "part" or NOT_DUTY_PART.match(top.text):
                continue  # the preamble cites and issues; purposes and targets assign nothing
            self._considered, self._missed, self._unknown_names = 0, [], []
            self.visit(top, _Heading())
            if DUTY_PART.search(top.text) or self._is_duty_part(top):
                self.unplaced.extend(self._missed)
                for name, source in self._unknown_names:
                    self._report_unknown_name(name, source)

    def _run_partless(self) -> None:
        """A công văn or a short plan without Roman parts: its numbered items
        and paragraphs are all it says, so all of it may assign (a block
        without a doer is not reported: the opening and closing sentences
        are not duties)."""
        self._considered, self._missed, self._unknown_names = 0, [], []
        for top in self.plan.body:
            if top.anchor.startswith(("mo-dau", "ket")) and top.kind in ("paragraph", "bullet"):
                continue  # "Kính gửi", the opening "Thực hiện ..., có ý kiến như sau:", the closing
            self.visit(top, _Heading())

    def _is_duty_part(self, part: Node) -> bool:
        """A part without a duty title assigns when its items are headed by
        bodies ("1. Sở Nội vụ", "2. Sở Tài chính: ..."), or when most of its
        blocks name their doers; then a block without one deserves a warning.
        A part of general tasks with a few assigning sentences does not."""
        items = [c for c in part.children if c.kind == "item"]
        headed = sum(1 for c in items if self._names_its_body(c))
        if items and 2 * headed >= len(items) and headed:
            return True
        return self._considered >= 2 and 2 * len(self._missed) <= self._considered

    def _names_its_body(self, item: Node) -> bool:
        if _heading_bodies(_title(item), self.resolver):
            return True
        subjects, end = _leading_subjects(item.text, self.resolver)
        return bool(subjects) and item.text[end:].lstrip().startswith(":")

    def visit(self, node: Node, heading: _Heading, followed_by_bullets: bool = False) -> _Heading | None:
        """Read ``node`` and what is under it; returns what a lead-in gives the
        bullets that follow it ("Sở Nội vụ chủ trì thực hiện các nội dung sau:")."""
        if node.kind in ("part", "item") and node.heading:
            self._visit_children(node.children, self._heading_of(node, _title(node), heading, title_only=True))
            return None
        if node.kind == "item" and (names := _heading_bodies(_without_label(node.text), self.resolver)) and not node.directive:
            # "a) Sở Nội vụ:" written as a paragraph: a heading for what follows
            self._visit_children(node.children, _Heading(tuple(Assignment(a, "assigned") for a in names), heading.deadline))
            return _Heading(tuple(Assignment(a, "assigned") for a in names), heading.deadline)
        lead_in = None
        if node.text:
            lead_in = self.block(node, heading, followed_by_bullets or any(c.kind == "bullet" for c in node.children))
        self._visit_children(node.children, lead_in or heading)
        return lead_in

    def _visit_children(self, children, heading: _Heading) -> None:
        local: _Heading | None = None  # a lead-in's bodies, for the bullets right after it
        for i, child in enumerate(children):
            if child.kind == "bullet":
                self.visit(child, local or heading)
                continue
            follows = i + 1 < len(children) and children[i + 1].kind == "bullet"
            local = self.visit(child, heading, follows)

    def _heading_of(self, node: Node, title: str, outer: _Heading, *, title_only: bool) -> _Heading:
        """What a heading gives the blocks under it: the bodies it names, or
        its markup (names and roles; "hạn:" a default deadline); otherwise
        what the heading above it gave."""
        forced, deadline, no_duty = _parse_directive(node.directive, self.resolver, node.source, self.report, self.agencies)
        deadline = deadline or outer.deadline
        if no_duty:
            return _Heading((), deadline)
        if forced is not None:
            return _Heading(tuple(forced), deadline)
        names = _heading_bodies(title, self.resolver)
        if names:
            return _Heading(tuple(Assignment(a, "assigned") for a in names), deadline)
        if node.kind == "item" and _BODY_WORDS.match(title.strip()):
            self._unknown_names.append((_HEADING_PREFIX.sub("", title, count=1), node.source))
        return _Heading(outer.assignments, deadline)

    def _report_unknown_name(self, name: str, source: Source) -> None:
        name = name.strip(" :.")
        guess = self.resolver.suggest(name)
        self.report.warning(
            "cơ-quan-không-rõ",
            f'"{name}" ở vị trí cơ quan được giao nhưng không có trong danh mục cơ quan.',
            source,
            (f'có phải "{_display(guess, self.resolver, self.agencies)}"? Nếu đúng, thêm tên này vào aliases.' if guess else "thêm cơ quan vào content/agencies.yml."),
        )

    def block(self, node: Node, heading: _Heading, followed_by_bullets: bool = False) -> _Heading | None:
        before = len(self.tasks)
        forced, forced_deadline, no_duty = _parse_directive(node.directive, self.resolver, node.source, self.report, self.agencies)
        if no_duty:
            return None
        text = node.text
        default = heading.deadline
        if forced is not None:
            self.emit(node, text, forced, forced_deadline, default=default)
            self._check_placed(node, before, "đánh dấu giao việc không nêu được cơ quan nào trong danh mục")
            return None
        if _JUNK.match(text):
            return None
        lead_in = followed_by_bullets and text.rstrip().endswith(":")
        closing = bool(_BOILERPLATE.match(_without_label(text)))
        subjects, end = ([], 0) if closing else _leading_subjects(text, self.resolver)
        if subjects and lead_in:
            # "Sở Nội vụ chủ trì, phối hợp với ... thực hiện các nội dung sau:" -> the bullets
            self._note_lead_in(node)
            return _Heading(_roles(subjects, text[end:], self.resolver), forced_deadline or default)
        if subjects:
            rest = text[end:]
            self.emit(node, text, _roles(subjects, rest, self.resolver), forced_deadline, rest=rest, default=default)
        elif heading.assignments and not closing and node.kind == "paragraph" and text.rstrip().endswith(":"):
            self._note_lead_in(node)
            return None
        elif heading.assignments and not closing:
            stripped = _without_label(text) if read_label(text) is not None and read_label(text).kind == "item" else text
            self.emit(node, text, _roles_under(heading, stripped, self.resolver), forced_deadline, rest=stripped, default=default)
        self._further_sentences(node, text, end if subjects else 0, forced_deadline, default, skip_first=closing)
        if len(self.tasks) == before and (closing or _GENERIC_ASK.match(_without_label(text))):
            return None  # closing words of the plan: no duty, nothing to report
        self._check_placed(node, before, "không tìm thấy cơ quan được giao")
        return None

    def _note_lead_in(self, node: Node) -> None:
        self.unplaced.append(Unplaced(self.plan.id, node.anchor, node.source, "câu dẫn; các gạch đầu dòng sau nó mang nhiệm vụ"))

    def _further_sentences(self, node: Node, text: str, consumed: int, forced_deadline, default, *, skip_first: bool) -> None:
        """Sentences after the first whose subject is a body."""
        numbering = ITEM_OR_LETTER_START.match(text)
        clause_starts = {m.end() for m in _CLAUSE_START.finditer(text)}
        starts = {m.end(): False for m in _SENTENCE_END.finditer(text)}
        starts.update({position: True for position in clause_starts})
        key = match_key(text)
        for found in self.resolver.find(text):
            cut = text.rfind(",", 0, found.start)
            if cut >= 0 and not text[cut + 1 : found.start].strip(" ") and _MODAL_AFTER.match(text[found.end :]) and not _is_receiver(key, found):
                starts[found.start] = True  # ", từng tổ chức cơ sở đảng chủ động ..."
        if skip_first:
            first = _SENTENCE_END.search(text)
            consumed = max(consumed, first.end() if first else len(text))
        for sentence_start in sorted(starts):
            if numbering and sentence_start <= numbering.end():
                continue  # "1. Ban ..." is numbering, not a sentence end
            if sentence_start < consumed:
                continue
            sentence = text[sentence_start:]
            if _BOILERPLATE.match(sentence):
                continue
            subs, end = _leading_subjects(sentence, self.resolver)
            if subs and (not starts[sentence_start] or _MODAL_AFTER.match(sentence[end:]) or sentence_start in clause_starts):
                sentence_text = _first_sentence(text[self._sentence_begin(text, sentence_start):])
                self.emit(node, sentence_text, _roles(subs, sentence[end:], self.resolver), forced_deadline, rest=sentence[end:], default=default)

    @staticmethod
    def _sentence_begin(text: str, position: int) -> int:
        """Start of the sentence holding ``position`` (a clause's duty text is its whole sentence)."""
        begin = 0
        for m in _SENTENCE_END.finditer(text):
            if m.end() <= position:
                begin = m.end()
        return begin

    def _check_placed(self, node: Node, before: int, reason: str) -> None:
        self._considered += 1
        if len(self.tasks) == before:
            self._missed.append(Unplaced(self.plan.id, node.anchor, node.source, reason))

    def emit(self, node: Node, text: str, assignments, deadline_override: str | None, rest: str | None = None, default: str | None = None) -> None:
        lead_in, parts = _split_enumeration(text)
        for part in parts:
            body, deadline = _deadline_of(part, deadline_override, default, self.year)
            part_assignments = assignments
            if lead_in is not None and _LEAD.match(ENUM.sub("", part, count=1)):
                # "(5) Chủ trì, phối hợp ..." makes the doers lead for this part only
                part_assignments = tuple(Assignment(a.agency, "lead") if a.role == "assigned" else a for a in assignments)
            self.add(node, body, part_assignments, deadline, context=lead_in)
        # in-plan references: "các nội dung tại điểm 2.2 khoản 2, khoản 3, Mục II"
        for m in _REFERENCE.finditer(rest if rest is not None else text):
            role = "lead" if any(a.role == "lead" for a in assignments) else "assigned"
            subjects = [a.agency for a in assignments if a.role in ("lead", "assigned")]
            for item in self.resolve_references(m.group("refs"), m.group("part"), node):
                body, deadline = _deadline_of(item.text, None, None, self.year)
                self.add(item, body, [Assignment(a, role) for a in subjects], deadline, via=node.anchor)

    def resolve_references(self, refs: str, part: str, node: Node) -> list[Node]:
        items: list[Node] = []
        kind = None
        pending_points: list[str] = []
        for token in re.findall(r"điểm|khoản|tiết|\d+(?:\.\d+)*", refs, flags=re.I):
            word = token.lower()
            if word in ("điểm", "khoản", "tiết"):
                kind = word
                continue
            if kind == "điểm" or kind == "tiết":
                pending_points.append(token)
                target = self.by_label.get((part.upper(), 3, token))
                if target is None:
                    self._dangling(f"điểm {token}", part, node)
                else:
                    items.append(target)
            elif kind == "khoản":
                if pending_points and all(p.startswith(token + ".") for p in pending_points):
                    pending_points = []  # "điểm 4.1, 4.2 khoản 4" qualifies the points just read
                    kind = None
                    continue
                pending_points = []
                target = self.by_label.get((part.upper(), 2, token))
                if target is None:
                    self._dangling(f"khoản {token}", part, node)
                    continue
                subs = [c for c in target.children if c.kind == "item"]
                if not subs and target.heading:
                    subs = [c for c in target.children if c.kind in ("paragraph", "bullet")]
                items.extend(subs or [target])
        return list(dict.fromkeys(items))

    def _dangling(self, what: str, part: str, node: Node) -> None:
        self.report.warning(
            "tham-chiếu-treo",
            f"đoạn này giao các nội dung tại {what} Mục {part} nhưng kế hoạch không có mục đó.",
            node.source,
            "kiểm tra số mục, khoản, điểm trong câu dẫn chiếu.",
        )


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text[: m.start()].strip() if m else text.strip()


def extract_duties(plans, organisations, agencies, report: Report) -> tuple[list[Task], list[Unplaced]]:
    tasks: list[Task] = []
    unplaced: list[Unplaced] = []
    resolvers: dict[str, Resolver] = {}  # one per organisation: its name pattern is costly to build
    for plan in plans:
        if plan.organisation not in resolvers:
            resolvers[plan.organisation] = Resolver(plan.organisation, organisations, agencies)
        worker = _PlanDuties(plan, organisations, agencies, report, resolvers[plan.organisation])
        worker.run()
        tasks.extend(worker.tasks)
        unplaced.extend(worker.unplaced)
    return tasks, unplaced
