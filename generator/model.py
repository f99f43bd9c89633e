"""The one in-memory model: plans, their structure, bodies, duties, deadlines
and citations.  Frozen, slotted dataclasses; every entity keeps its Source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Source:
    file: str  # path relative to the project root, e.g. "content/90-kh-hu.md"
    line: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A compiler-style message: ``path:line: lỗi[code]: message``."""

    severity: str  # "error" | "warning"
    code: str
    message: str
    source: Source | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        word = "lỗi" if self.severity == "error" else "cảnh báo"
        text = f"{where}{word}[{self.code}]: {self.message}"
        if self.hint:
            text += f" Cách sửa: {self.hint}"
        return text


# --- organisations and bodies -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Organisation:
    """A party organisation that issues plans: Trung ương, Tỉnh ủy Lâm Đồng ..."""

    id: str
    name: str
    level: str  # "central" | "province" | "district" | "khoi"
    parent: str | None
    source: Source
    provisional: bool = False  # proposed by `kehoach import` (content/de-xuat/), not yet reviewed


@dataclass(frozen=True, slots=True)
class Agency:
    """A body that receives duties (Ban Tổ chức Tỉnh ủy Bình Phước), or a class
    of bodies (các huyện ủy ... trực thuộc Tỉnh ủy), or persons named as doers."""

    id: str
    organisation: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # "body" | "class" | "persons"
    source: Source
    provisional: bool = False  # proposed by `kehoach import` (content/de-xuat/), not yet reviewed


# --- documents, deadlines, citations ------------------------------------------


@dataclass(frozen=True, slots=True)
class DocRef:
    """A document number as cited: ``21-NQ/TW``, ``80/2021/NĐ-CP``, ``141/KH-UBND``."""

    number: str  # "21", "80"
    year: int | None  # state numbering: 80/2021/NĐ-CP -> 2021
    type_code: str  # "NQ", "KL", "QĐi", "KH", "CTr", "NĐ" ...
    issuer_code: str  # "TW", "TU", "HU", "ĐUK", "BCĐ", "UBND", "CP", "TTg", "QH15" ...
    system: str  # "party" | "state"

    @property
    def symbol(self) -> str:
        if self.system == "party":
            return f"{self.number}-{self.type_code}/{self.issuer_code}"
        if self.year is not None and not self.type_code:
            return f"{self.number}/{self.year}/{self.issuer_code}"  # 197/2025/QH15
        if self.year is not None:
            return f"{self.number}/{self.year}/{self.type_code}-{self.issuer_code}"
        return f"{self.number}/{self.type_code}-{self.issuer_code}"


@dataclass(frozen=True, slots=True)
class Citation:
    """One mention of a document in a text."""

    ref: DocRef
    raw: str  # as written: "38 – KL/TW"
    start: int  # offsets in the text searched
    end: int
    doc_type: str | None = None  # "nghi-quyet" when the text says "Nghị quyết số"
    date: date | None = None
    issuer: str | None = None  # "Ban Chấp hành Trung ương Đảng" after "của"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline phrase and what it means.

    kind: "once" (due), "from" (start, then ongoing), "recurring" (every
    period, or ongoing "thường xuyên"), "conditional" (on another act),
    "target" (a goal by a date), "none" (no phrase), "unknown" (unread).
    """

    phrase: str  # verbatim, never empty unless kind == "none"
    kind: str
    due: date | None = None
    start: date | None = None
    recurrence: str | None = None  # "ongoing", "yearly", "half-yearly", "quarterly", "monthly"
    recurrence_day: int | None = None  # "trước ngày 15 hằng tháng" -> 15
    condition: str | None = None  # "khi có hướng dẫn của Trung ương"
    parts: tuple["Deadline", ...] = ()  # mixed phrases keep each part


# --- plan structure -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    """A part, item, paragraph or bullet of a plan's text."""

    kind: str  # "part" | "item" | "paragraph" | "bullet"
    anchor: str  # "muc-ii-khoan-2-diem-2-2"
    label: str | None  # "II", "2", "2.2", "a" for parts and items
    heading: bool  # a titled heading rather than a numbered paragraph
    text: str  # Markdown inline text; for headings, the title
    source: Source
    children: tuple["Node", ...] = ()
    number: str | None = None  # the numbering as written: "II -", "2.2.", "a)"
    directive: str | None = None  # explicit duty markup: "giao: X (chủ trì); hạn: quý I/2024"
    level: int = 0  # 1 part (Mục), 2 item (khoản), 3 sub-item (điểm), 4 tiết; 0 for text blocks

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Footnote:
    key: str
    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class Basis:
    """A document the plan implements or relies on (căn cứ), or supersedes."""

    document: str  # "21-NQ/TW"
    relation: str  # "implements" | "relies-on" | "supersedes"
    type: str | None = None
    date: date | None = None
    issuer: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Signer:
    name: str | None
    title: str | None
    on_behalf: str | None  # "T/M BAN THƯỜNG VỤ"


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The top of the paper as printed: the issuer's lines (left), the motto
    and the place-date line (right), the lines naming the document's type."""

    issuer_lines: tuple[str, ...] = ()
    motto: str | None = None
    place_date_line: str | None = None
    heading_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Received:
    """The "ĐẾN" stamp of the office that received the paper (not the plan's own number)."""

    office: str | None = None
    number: str | None = None
    date: date | None = None
    as_printed: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    source: Source
    type: str  # "ke-hoach", "chuong-trinh-hanh-dong" ...
    number: str | None
    number_note: str | None
    date: date | None
    date_note: str | None
    organisation: str
    issuer: str
    title: str
    bases: tuple[Basis, ...]
    supersedes: tuple[Basis, ...]
    signer: Signer
    recipients: tuple[str, ...]
    body: tuple[Node, ...]
    footnotes: tuple[Footnote, ...] = ()
    access: str = "cong-khai"
    reviewed: bool = True  # False for a draft of `kehoach import` until `kehoach accept`
    # As printed, where the text differs from the normalised field above.
    number_as_printed: str | None = None
    title_as_printed: str | None = None
    letterhead: Letterhead = Letterhead()
    received: Received | None = None
    recipients_note: str | None = None
    organisation_name: str | None = None  # the registry's name of ``organisation``, for titles
    # Front-matter path -> line: ("bases", 0, "document") -> 14, for messages
    # about a field (frontmatter.line_of).
    lines: dict = field(default_factory=dict, compare=False, hash=False)

    def walk(self):
        for node in self.body:
            yield from node.walk()


# --- duties -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assignment:
    agency: str  # Agency.id
    role: str  # "lead" | "support" | "assigned"


@dataclass(frozen=True, slots=True)
class Task:
    """One duty: what the text asks, of whom, by when, where it is written."""

    id: str
    plan: str
    anchor: str
    text: str
    assignees: tuple[Assignment, ...]
    deadline: Deadline
    source: Source
    via: str | None = None  # the paragraph that assigned it, when it points here
    context: str | None = None  # the lead-in of an enumeration "(1) ... (2) ..."
    number: int = 0  # index among the duties of the same block


# --- progress (content/tien-do/, read by generator.progress) -------------------


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """One report of a body on one duty."""

    duty: str  # NV-...
    date: date
    status: str  # a key of STATUSES
    result: str | None
    evidence: str | None
    reason: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class ProgressRecord:
    """Every report on one duty id found in content/tien-do/, with what the
    record says it is about (for messages when the duty is gone)."""

    duty: str
    reports: tuple[ProgressReport, ...]  # oldest first
    plan: str | None
    agency: str | None
    text: str | None
    source: Source

    @property
    def latest(self) -> ProgressReport:
        return self.reports[-1]


@dataclass(frozen=True, slots=True)
class DutyState:
    code: str  # a key of STATES
    label: str
    report: ProgressReport | None  # the latest report, if any
    period_reported: bool | None = None  # recurring duties: the current period has a report

    @property
    def completed(self) -> bool:
        return self.code.startswith("hoan-thanh")


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything linked: the lookup tables the emitters read."""

    plans: tuple[Plan, ...]
    organisations: dict[str, Organisation]
    agencies: dict[str, Agency] = field(default_factory=dict)
    tasks: tuple[Task, ...] = ()
    build_date: date | None = None
    citations: object = None  # generator.citation_index.CitationIndex, built by pipeline.build_corpus
    progress: dict[str, ProgressRecord] = field(default_factory=dict)  # duty id -> record, duties of this build only
    unplaced: tuple = ()  # duties.Unplaced: blocks of the duty parts that gave no duty (the audit's "rõ người")
    # plan id -> Plan, built once: plan() is called for every duty (timeline,
    # calendars), and a scan of the plans made those steps O(duties x plans).
    plans_by_id: dict[str, Plan] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "plans_by_id", {p.id: p for p in self.plans})

    def plan(self, plan_id: str) -> Plan:
        return self.plans_by_id[plan_id]

    def unreviewed(self, task: Task, agency_id: str | None = None) -> bool:
        """True while a duty rests on what nobody has reviewed yet: a draft
        plan, or (for ``agency_id``, else any of its bodies) a provisional body."""
        if not self.plans_by_id[task.plan].reviewed:
            return True
        ids = [agency_id] if agency_id else [a.agency for a in task.assignees]
        return any(self.agencies[i].provisional for i in ids if i in self.agencies)

    def today(self) -> date:
        """The day states are computed for: the build date, else today."""
        return self.build_date or date.today()
