"""Stage 2 (understand): who must do what — duties read from a plan's text.
Each block is read by duty_roles.py; this module walks the plan.

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

from .agencies import Resolver, match_key
from .diagnostics import Report
from .model import Agency, Assignment, Deadline, Node, Organisation, Plan, Source, Task
from .numbering import ENUM, ITEM_OR_LETTER_START, read_label
from .duty_roles import (
    HEADING_PREFIX,
    LEAD,
    Heading,
    deadline_of,
    display_name,
    heading_bodies,
    is_receiver,
    leading_subjects,
    parse_directive,
    roles,
    roles_under,
    split_enumeration,
    title_of,
    without_label,
)

# Parts that assign by their title.  Other parts ("Nhiệm vụ và giải pháp",
# "Nhiệm vụ, giải pháp chủ yếu", ...) are duty parts when what they hold says
# so (_PlanDuties._is_duty_part).
DUTY_PART = re.compile(
    r"nhiệm vụ cụ thể|phân công|tổ chức thực hiện|quán triệt|quản triệt"
    r"|trách nhiệm (?:của|thực hiện|cụ thể)|danh mục (?:các )?nhiệm vụ|^(?:[IVXLC]+\s*[.\-–:]*\s*)?phụ lục\b",
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
            self.visit(top, Heading())
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
            self.visit(top, Heading())

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
        if heading_bodies(title_of(item), self.resolver):
            return True
        subjects, end = leading_subjects(item.text, self.resolver)
        return bool(subjects) and item.text[end:].lstrip().startswith(":")

    def visit(self, node: Node, heading: Heading, followed_by_bullets: bool = False) -> Heading | None:
        """Read ``node`` and what is under it; returns what a lead-in gives the
        bullets that follow it ("Sở Nội vụ chủ trì thực hiện các nội dung sau:")."""
        if node.kind in ("part", "item") and node.heading:
            self._visit_children(node.children, self._heading_of(node, title_of(node), heading, title_only=True))
            return None
        if node.kind == "item" and (names := heading_bodies(without_label(node.text), self.resolver)) and not node.directive:
            # "a) Sở Nội vụ:" written as a paragraph: a heading for what follows
            self._visit_children(node.children, Heading(tuple(Assignment(a, "assigned") for a in names), heading.deadline))
            return Heading(tuple(Assignment(a, "assigned") for a in names), heading.deadline)
        lead_in = None
        if node.text:
            lead_in = self.block(node, heading, followed_by_bullets or any(c.kind == "bullet" for c in node.children))
        self._visit_children(node.children, lead_in or heading)
        return lead_in

    def _visit_children(self, children, heading: Heading) -> None:
        local: Heading | None = None  # a lead-in's bodies, for the bullets right after it
        for i, child in enumerate(children):
            if child.kind == "bullet":
                self.visit(child, local or heading)
                continue
            follows = i + 1 < len(children) and children[i + 1].kind == "bullet"
            local = self.visit(child, heading, follows)

    def _heading_of(self, node: Node, title: str, outer: Heading, *, title_only: bool) -> Heading:
        """What a heading gives the blocks under it: the bodies it names, or
        its markup (names and roles; "hạn:" a default deadline); otherwise
        what the heading above it gave."""
        forced, deadline, no_duty = parse_directive(node.directive, self.resolver, node.source, self.report, self.agencies)
        deadline = deadline or outer.deadline
        if no_duty:
            return Heading((), deadline)
        if forced is not None:
            return Heading(tuple(forced), deadline)
        names = heading_bodies(title, self.resolver)
        if names:
            return Heading(tuple(Assignment(a, "assigned") for a in names), deadline)
        if node.kind == "item" and _BODY_WORDS.match(title.strip()):
            self._unknown_names.append((HEADING_PREFIX.sub("", title, count=1), node.source))
        return Heading(outer.assignments, deadline)

    def _report_unknown_name(self, name: str, source: Source) -> None:
        name = name.strip(" :.")
        guess = self.resolver.suggest(name)
        self.report.warning(
            "cơ-quan-không-rõ",
            f'"{name}" ở vị trí cơ quan được giao nhưng không có trong danh mục cơ quan.',
            source,
            (f'có phải "{display_name(guess, self.resolver, self.agencies)}"? Nếu đúng, thêm tên này vào aliases.' if guess else "thêm cơ quan vào content/agencies.yml."),
        )

    def block(self, node: Node, heading: Heading, followed_by_bullets: bool = False) -> Heading | None:
        before = len(self.tasks)
        forced, forced_deadline, no_duty = parse_directive(node.directive, self.resolver, node.source, self.report, self.agencies)
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
        closing = bool(_BOILERPLATE.match(without_label(text)))
        subjects, end = ([], 0) if closing else leading_subjects(text, self.resolver)
        if subjects and lead_in:
            # "Sở Nội vụ chủ trì, phối hợp với ... thực hiện các nội dung sau:" -> the bullets
            self._note_lead_in(node)
            return Heading(roles(subjects, text[end:], self.resolver), forced_deadline or default)
        if subjects:
            rest = text[end:]
            self.emit(node, text, roles(subjects, rest, self.resolver), forced_deadline, rest=rest, default=default)
        elif heading.assignments and not closing and node.kind == "paragraph" and text.rstrip().endswith(":"):
            self._note_lead_in(node)
            return None
        elif heading.assignments and not closing:
            stripped = without_label(text) if read_label(text) is not None and read_label(text).kind == "item" else text
            self.emit(node, text, roles_under(heading, stripped, self.resolver), forced_deadline, rest=stripped, default=default)
        self._further_sentences(node, text, end if subjects else 0, forced_deadline, default, skip_first=closing)
        if len(self.tasks) == before and (closing or _GENERIC_ASK.match(without_label(text))):
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
            if cut >= 0 and not text[cut + 1 : found.start].strip(" ") and _MODAL_AFTER.match(text[found.end :]) and not is_receiver(key, found):
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
            subs, end = leading_subjects(sentence, self.resolver)
            if subs and (not starts[sentence_start] or _MODAL_AFTER.match(sentence[end:]) or sentence_start in clause_starts):
                sentence_text = _first_sentence(text[self._sentence_begin(text, sentence_start):])
                self.emit(node, sentence_text, roles(subs, sentence[end:], self.resolver), forced_deadline, rest=sentence[end:], default=default)

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
        lead_in, parts = split_enumeration(text)
        for part in parts:
            body, deadline = deadline_of(part, deadline_override, default, self.year)
            part_assignments = assignments
            if lead_in is not None and LEAD.match(ENUM.sub("", part, count=1)):
                # "(5) Chủ trì, phối hợp ..." makes the doers lead for this part only
                part_assignments = tuple(Assignment(a.agency, "lead") if a.role == "assigned" else a for a in assignments)
            self.add(node, body, part_assignments, deadline, context=lead_in)
        # in-plan references: "các nội dung tại điểm 2.2 khoản 2, khoản 3, Mục II"
        for m in _REFERENCE.finditer(rest if rest is not None else text):
            role = "lead" if any(a.role == "lead" for a in assignments) else "assigned"
            subjects = [a.agency for a in assignments if a.role in ("lead", "assigned")]
            for item in self.resolve_references(m.group("refs"), m.group("part"), node):
                body, deadline = deadline_of(item.text, None, None, self.year)
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
