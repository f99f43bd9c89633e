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

from .agencies import Found, Resolver, match_key
from .deadlines import parse_deadline, split_trailing_deadline
from .diagnostics import Report
from .model import Agency, Assignment, Deadline, Node, Organisation, Plan, Source, Task

DUTY_PART = re.compile(r"nhiệm vụ cụ thể|phân công|tổ chức thực hiện|quán triệt|quản triệt", re.I)
_SEPARATOR = re.compile(r"^(?:\s*(?:,|và|;)\s*)+(?:các\s+)?$", re.I)
_SUBJECT_PREFIX = re.compile(r"^(?:\(?\d+\)\s*|\d+(?:\.\d+)*\.\s*|[a-zđ]\)\s*|giao(?:\s+cho)?\s+|phân công\s+|đề nghị\s+)", re.I)
_LEAD = re.compile(r"^[\s,:;.\-–]*(?:chủ động\s+)?chủ trì\b", re.I)
_SUPPORT_OBJECTS = re.compile(r"phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+", re.I)
_AFTER_SUBJECT_SUPPORT = re.compile(r"^[\s,:;]*phối hợp\b", re.I)
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.|[a-zđ]\))\s*")
_ENUM = re.compile(r"\((\d{1,2})\)\s")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ])")
# Where else a new subject can start: "...; đồng thời các đoàn thể ... phải",
# ", từng tổ chức cơ sở đảng chủ động ..." (a registered name right before a modal verb).
_CLAUSE_START = re.compile(r"[;,]\s+(?:đồng thời,?\s+)", re.I)
_MODAL_AFTER = re.compile(r"^\s*(?:chủ động|phải|cần|có trách nhiệm|chịu trách nhiệm)\b", re.I)
# Parts that state purposes and targets, not duties.
NOT_DUTY_PART = re.compile(r"^\s*[IVXLC]+\s*[.\-–:]*\s*mục (?:đích|tiêu)(?:,?\s*yêu cầu)?\s*$", re.I)
_REFERENCE = re.compile(r"(?:các\s+)?(?:nội dung|nhiệm vụ)\s+(?:tại|ở)\s+(?P<refs>(?:(?:điểm|khoản|tiết)\s+[\d.,\s]+(?:(?:điểm|khoản)\s+[\d.]+\s*)?,?\s*)+)(?:,\s*)?mục\s+(?P<part>[IVXLC]+)\b", re.I)
_BODY_WORDS = re.compile(r"^(?:các\s+)?(?:ban|ủy ban|uỷ ban|đảng đoàn|đảng ủy|đảng uỷ|văn phòng|trung tâm|thường trực|ban cán sự|huyện ủy|tỉnh ủy|tỉnh đoàn|hội|liên đoàn|mặt trận|đồng chí)\b", re.I)


@dataclass(frozen=True)
class Unplaced:
    """A block of a duty part that yielded no duty, and why."""

    plan: str
    anchor: str
    source: Source
    reason: str


def _covered_by_bodies(text: str, found: list[Found]) -> bool:
    """True when ``text`` is nothing but body names and separators."""
    key = match_key(text)
    position = 0
    for item in found:
        gap = key[position : item.start]
        if gap.strip() and not _SEPARATOR.match(gap):
            return False
        position = item.end
    rest = key[position:].strip(" :.;,")
    return bool(found) and not rest


def _leading_subjects(text: str, resolver: Resolver) -> tuple[list[str], int]:
    """Bodies named at the start of ``text`` (after "Giao", numbering ...) and
    where they end; ([], 0) when the text does not start with a body."""
    prefix = 0
    while m := _SUBJECT_PREFIX.match(text[prefix:]):
        if not m.group(0):
            break
        prefix += m.end()
    if not resolver.may_start_with_name(text[prefix:]):
        return [], 0
    found = resolver.find(text)
    subjects: list[str] = []
    position = prefix
    for item in found:
        if item.start < position:
            continue
        gap = match_key(text[position : item.start])
        if subjects and not _SEPARATOR.match(gap):
            break
        if not subjects and gap.strip():
            break
        subjects.append(item.agency)
        position = item.end
    return subjects, position


def _supporters(text: str, resolver: Resolver, exclude: set[str]) -> list[str]:
    """Bodies named after "phối hợp với", up to the next verb-ish stop."""
    out: list[str] = []
    for m in _SUPPORT_OBJECTS.finditer(text):
        tail = text[m.end() :]
        names, _ = _leading_subjects(tail, resolver)
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
    lead = _is_lead(rest)
    role = "lead" if lead else "assigned"
    assignments = [Assignment(a, role) for a in dict.fromkeys(subjects)]
    supporters = _supporters(rest, resolver, set(subjects))
    assignments += [Assignment(a, "support") for a in supporters]
    return tuple(assignments)


def _split_enumeration(text: str) -> tuple[str | None, list[str]]:
    """"Lead-in: (1) a; (2) b" -> ("Lead-in:", ["(1) a;", "(2) b"]) when (1) and (2) are there."""
    marks = list(_ENUM.finditer(text))
    numbers = [int(m.group(1)) for m in marks]
    if len(marks) < 2 or numbers[:2] != [1, 2]:
        return None, [text]
    # keep only the increasing run 1, 2, 3 ...
    run = []
    expected = 1
    for m, n in zip(marks, numbers):
        if n == expected:
            run.append(m)
            expected += 1
    lead_in = text[: run[0].start()].strip() or None
    parts = [text[m.start() : (run[i + 1].start() if i + 1 < len(run) else len(text))].strip() for i, m in enumerate(run)]
    return lead_in, parts


def _deadline_of(text: str, override: str | None) -> tuple[str, Deadline]:
    if override:
        return text, parse_deadline(override)
    rest, phrase = split_trailing_deadline(text)
    if phrase is None:
        return text, Deadline(phrase="", kind="none")
    return rest, parse_deadline(phrase)


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
        self.tasks: list[Task] = []
        self.unplaced: list[Unplaced] = []
        self.by_label = self._index_items()

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
        for top in self.plan.body:
            if top.kind != "part" or NOT_DUTY_PART.match(top.text):
                continue  # the preamble cites and issues; purposes and targets assign nothing
            in_duty_part = bool(DUTY_PART.search(top.text))
            self.visit(top, heading_bodies=[], in_duty_part=in_duty_part)

    def visit(self, node: Node, heading_bodies: list[str], in_duty_part: bool) -> None:
        if node.kind in ("part", "item") and node.heading:
            title = re.sub(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–:]*\s*", "", node.text)
            found = self.resolver.find(title)
            forced, _, no_duty = _parse_directive(node.directive, self.resolver, node.source, self.report, self.agencies)
            if no_duty:
                heading_bodies = []
            elif forced is not None:
                heading_bodies = [a.agency for a in forced]
            elif _covered_by_bodies(title, found):
                heading_bodies = list(dict.fromkeys(f.agency for f in found))
            elif in_duty_part and node.kind == "item" and _BODY_WORDS.match(title.strip()):
                self._report_unknown_name(title, node.source)
            for child in node.children:
                self.visit(child, heading_bodies, in_duty_part)
            return
        if node.text:
            self.block(node, heading_bodies, in_duty_part)
        for child in node.children:
            self.visit(child, heading_bodies, in_duty_part)

    def _report_unknown_name(self, name: str, source: Source) -> None:
        name = name.strip(" :.")
        guess = self.resolver.suggest(name)
        self.report.warning(
            "cơ-quan-không-rõ",
            f'"{name}" ở vị trí cơ quan được giao nhưng không có trong danh mục cơ quan.',
            source,
            (f'có phải "{_display(guess, self.resolver, self.agencies)}"? Nếu đúng, thêm tên này vào aliases.' if guess else "thêm cơ quan vào content/agencies.yml."),
        )

    def block(self, node: Node, heading_bodies: list[str], in_duty_part: bool) -> None:
        before = len(self.tasks)
        forced, forced_deadline, no_duty = _parse_directive(node.directive, self.resolver, node.source, self.report, self.agencies)
        if no_duty:
            return
        text = node.text
        if forced is not None:
            self.emit(node, text, forced, forced_deadline)
            self._check_placed(node, before, in_duty_part, "đánh dấu giao việc không nêu được cơ quan nào trong danh mục")
            return
        # "3. Ủy ban Kiểm tra Tỉnh ủy: Chủ trì, ..." and subject-led blocks
        subjects, end = _leading_subjects(text, self.resolver)
        if subjects:
            rest = text[end:]
            self.emit(node, text, _roles(subjects, rest, self.resolver), forced_deadline, rest=rest)
        elif heading_bodies and node.kind == "paragraph" and text.rstrip().endswith(":"):
            self.unplaced.append(Unplaced(self.plan.id, node.anchor, node.source, "câu dẫn; các gạch đầu dòng sau nó mang nhiệm vụ"))
            return
        elif heading_bodies:
            stripped = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.)\s*", "", text)
            self.emit(node, text, _roles(heading_bodies, stripped, self.resolver), forced_deadline, rest=stripped)
        # further sentences whose subject is a body
        numbering = _NUMBERING.match(text)
        starts = {m.end(): False for m in _SENTENCE_END.finditer(text)}
        starts.update({m.end(): True for m in _CLAUSE_START.finditer(text)})
        for found in self.resolver.find(text):
            cut = text.rfind(",", 0, found.start)
            if cut >= 0 and not text[cut + 1 : found.start].strip(" ") and _MODAL_AFTER.match(text[found.end :]):
                starts[found.start] = True  # ", từng tổ chức cơ sở đảng chủ động ..."
        consumed = end if subjects else 0  # the block's own subject list is read already
        for sentence_start in sorted(starts):
            if numbering and sentence_start <= numbering.end():
                continue  # "1. Ban ..." is numbering, not a sentence end
            if sentence_start < consumed:
                continue
            sentence = text[sentence_start:]
            subs, end = _leading_subjects(sentence, self.resolver)
            if subs and (not starts[sentence_start] or _MODAL_AFTER.match(sentence[end:]) or sentence_start in {m.end() for m in _CLAUSE_START.finditer(text)}):
                sentence_text = _first_sentence(text[self._sentence_begin(text, sentence_start):])
                self.emit(node, sentence_text, _roles(subs, sentence[end:], self.resolver), forced_deadline, rest=sentence[end:])
        self._check_placed(node, before, in_duty_part, "không tìm thấy cơ quan được giao")

    @staticmethod
    def _sentence_begin(text: str, position: int) -> int:
        """Start of the sentence holding ``position`` (a clause's duty text is its whole sentence)."""
        begin = 0
        for m in _SENTENCE_END.finditer(text):
            if m.end() <= position:
                begin = m.end()
        return begin

    def _check_placed(self, node: Node, before: int, in_duty_part: bool, reason: str) -> None:
        if in_duty_part and len(self.tasks) == before:
            self.unplaced.append(Unplaced(self.plan.id, node.anchor, node.source, reason))

    def emit(self, node: Node, text: str, assignments, deadline_override: str | None, rest: str | None = None) -> None:
        lead_in, parts = _split_enumeration(text)
        for part in parts:
            body, deadline = _deadline_of(part, deadline_override)
            part_assignments = assignments
            if lead_in is not None and _LEAD.match(_ENUM.sub("", part, count=1)):
                # "(5) Chủ trì, phối hợp ..." makes the doers lead for this part only
                part_assignments = tuple(Assignment(a.agency, "lead") if a.role == "assigned" else a for a in assignments)
            self.add(node, body, part_assignments, deadline, context=lead_in)
        # in-plan references: "các nội dung tại điểm 2.2 khoản 2, khoản 3, Mục II"
        for m in _REFERENCE.finditer(rest if rest is not None else text):
            role = "lead" if any(a.role == "lead" for a in assignments) else "assigned"
            subjects = [a.agency for a in assignments if a.role in ("lead", "assigned")]
            for item in self.resolve_references(m.group("refs"), m.group("part"), node):
                body, deadline = _deadline_of(item.text, None)
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
