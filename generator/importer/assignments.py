"""Duties stated in slots and tables, written as explicit duty markup.

Two layouts say who does what outside running text:

* slot-style items: "Đơn vị chủ trì: X; Đơn vị phối hợp: Y; Thời gian thực
  hiện: Z; Sản phẩm: W", as lines under a task, lettered ("a) Nhiệm vụ: ...
  b) Cơ quan thực hiện: ... c) Thời gian thực hiện: ..."), or inline in it;
* annex task tables with columns such as Nhiệm vụ | Cơ quan chủ trì | Cơ quan
  phối hợp | Thời gian hoàn thành | Sản phẩm, one duty per row.

Both become ``<!-- giao: X (chủ trì); Y (phối hợp); hạn: Z -->`` and, for a
product, ``<!-- sản phẩm: W -->``.  A name must resolve in the registry to go
into the markup (an unknown name there is a build error); unknown names are
kept in an inert comment ``<!-- đề xuất: ... -->`` and listed by the caller
(``Rendered.unknown_names``), so that they can become provisional bodies and
the draft be rendered again.  A deadline stays with its duty even when no
body resolves (``<!-- hạn: Z -->``).  Names are read with the grammar of
``bodies.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..agencies import Resolver, match_key
from ..numbering import BULLET_MARKS, LETTER_LABEL
from ..text import squash_spaces
from .bodies import HEADS, clean, find_names, is_generic

ROLE_WORDS = {"lead": "chủ trì", "support": "phối hợp", "assigned": "thực hiện"}

# Kept for review.py: a title that opens with a head noun of bodies.py.
NAME_START = re.compile(
    r"^(?:các\s+)?(?:" + "|".join(re.escape(h.words) for h in sorted(HEADS, key=lambda h: -len(h.words)) if h.kind == "body") + r"|Quân sự|Đồng chí)\b",
    re.I,
)


@dataclass
class Named:
    name: str  # as written, emphasis residue removed
    role: str  # "lead" | "support" | "assigned"
    agency: str | None  # registry id, None when unknown


@dataclass
class Assignment:
    """What a slot group or a table row says."""

    names: list[Named] = field(default_factory=list)
    deadline: str | None = None
    unnamed: list[str] = field(default_factory=list)  # "các cơ quan liên quan" as partners
    product: str | None = None  # "Sản phẩm: Báo cáo ..."

    @property
    def known(self) -> list[Named]:
        return [n for n in self.names if n.agency]

    @property
    def unknown(self) -> list[Named]:
        return [n for n in self.names if not n.agency]

    def copy(self) -> "Assignment":
        return Assignment(list(self.names), self.deadline, list(self.unnamed), self.product)

    def markup(self) -> str:
        """The duty markup; unknown names go to an inert comment.  A
        deadline is written even when no body resolves; "giao: -" only when
        neither a body nor a deadline is there to keep."""
        known: list[str] = []
        seen = set()
        for n in self.known:
            if (n.agency, n.role) in seen:
                continue
            seen.add((n.agency, n.role))
            known.append(n.name if n.role == "assigned" else f"{n.name} ({ROLE_WORDS[n.role]})")
        parts = []
        if known:
            parts.append("giao: " + "; ".join(known))
        if self.deadline:
            parts.append("hạn: " + self.deadline)
        if not parts:
            parts.append("giao: -")
        text = f"<!-- {'; '.join(parts)} -->"
        if self.product:
            text += f" <!-- sản phẩm: {self.product} -->"
        if self.unknown:
            proposed = "; ".join(n.name if n.role == "assigned" else f"{n.name} ({ROLE_WORDS[n.role]})" for n in self.unknown)
            text += f" <!-- đề xuất: {proposed} -->"
        return text


def _is_unnamed(name: str) -> bool:
    return is_generic(name)


_LIST_GAP = re.compile(r"^(?:\s*(?:[,;/+]|\bvà\b|\bcùng\b|\bcùng với\b|-|–)\s*)*$", re.I)


def split_names(cell: str, role: str, resolver: Resolver) -> tuple[list[Named], list[str]]:
    """Bodies named in a cell or slot value, in order: registered ones by the
    registry, the others by the grammar of names (bodies.py); unnamed
    partners ("các cơ quan liên quan") apart.  A value that is a sentence
    ("Sở X tiến hành rà soát ...") names its subject, and the supporters
    after "phối hợp với"."""
    text = clean(cell.replace("\n", "; ")).strip(" .;,")
    named: list[Named] = []
    unnamed: list[str] = []
    spans = _spans(text, resolver)
    position = 0
    rest = text
    for start, end, name, agency in spans:
        if not _LIST_GAP.match(text[position:start]):
            rest = text[position:]
            break
        _add(named, unnamed, name, role, agency)
        position = end
    else:
        rest = text[position:]
    if role != "support":
        offset = len(text) - len(rest)
        for m in _SUPPORT.finditer(rest):
            position = offset + m.end()
            for start, end, name, agency in spans:
                if start < position:
                    continue
                if not _LIST_GAP.match(text[position:start]):
                    break
                _add(named, unnamed, name, "support", agency)
                position = end
    return named, unnamed


_SUPPORT = re.compile(r"phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+", re.I)


def _add(named: list[Named], unnamed: list[str], name: str, role: str, agency: str | None) -> None:
    name = name.strip(" ,.;:-–")
    if not name:
        return
    if agency is None and _is_unnamed(name) and role == "support":
        unnamed.append(name)
        return
    named.append(Named(name, role, agency))


def _spans(text: str, resolver: Resolver) -> list[tuple[int, int, str, str | None]]:
    """Names in ``text``: (start, end, name, agency id or None).  The
    grammar cuts the names; a registered name decides what a grammar name
    is, and registered names the grammar has no head for are kept too."""
    found = resolver.find(text)
    out: list[tuple[int, int, str, str | None]] = []
    taken_to = 0
    for span in find_names(text):
        if span.start < taken_to:
            continue
        longer = [f for f in found if f.start <= span.start < f.end and f.end > span.end]
        if longer:  # the registry's name, which the grammar cut short ("Ban Xây dựng" | "tổ chức cơ sở đảng ...")
            f = max(longer, key=lambda f: f.end)
            out.append((f.start, f.end, squash_spaces(text[f.start : f.end]), f.agency))
            taken_to = f.end
            continue
        name = span.name
        agency = resolver.resolve(name)
        if agency is None:
            inside = [f for f in found if f.start >= span.start and f.end <= span.end]
            if inside and _covers(text, span.start, span.end, inside):
                out += [(f.start, f.end, squash_spaces(text[f.start : f.end]), f.agency) for f in inside]
                continue
        out.append((span.start, span.end, name, agency))
    for f in found:  # registered names outside every grammar name
        if not any(s <= f.start < e or s < f.end <= e for s, e, _, _ in out):
            out.append((f.start, f.end, squash_spaces(text[f.start : f.end]), f.agency))
    return sorted(out)


def _covers(text: str, start: int, end: int, found) -> bool:
    position = start
    for f in found:
        if f.start < position or not _LIST_GAP.match(text[position : f.start]):
            return False
        position = f.end
    return not text[position:end].strip(" ,.;")


# --- slots ------------------------------------------------------------------------

# "Đơn vị chủ trì (thực hiện)", "Đơn vị tham mưu thực hiện", "Đơn vị/Cơ quan
# phối hợp (thực hiện)", "Cơ quan thực hiện", "Chủ trì", "Thời gian (thực
# hiện|hoàn thành)", "Thời hạn", "Tiến độ", "Sản phẩm", "Nhiệm vụ", "Nội dung".
_BODY = r"(?:Cơ quan|Đơn vị|Bộ phận)(?:\s*(?:/|,|và|hoặc)\s*(?:cơ quan|đơn vị|bộ phận))?"
_SLOT_LABEL = re.compile(
    rf"(?P<label>(?:{_BODY}\s+(?P<role>chủ trì|phối hợp|thực hiện|tham mưu|được giao|phụ trách|chịu trách nhiệm)"
    r"(?:\s+(?:thực hiện|chính|với))?(?:\s*\(?(?:thực hiện|chính)\)?)?"
    r"|(?P<bare>Chủ trì|Phối hợp)(?:\s+thực hiện)?"
    r"|(?P<time>Thời gian|Thời hạn|Tiến độ|Thời điểm)(?:\s+(?:thực hiện|hoàn thành|triển khai))?(?:\s*,\s*tiến độ)?"
    r"|(?P<product>Sản phẩm|Kết quả)(?:\s+(?:đầu ra|dự kiến|cần đạt|đạt được))?"
    r"|(?P<task>Nhiệm vụ|Nội dung(?:\s+(?:thực hiện|công việc|nhiệm vụ))?|Công việc)))\s*:\s*",
    re.I,
)
_ROLE_OF = {"chủ trì": "lead", "phối hợp": "support", "thực hiện": "assigned", "tham mưu": "lead", "được giao": "assigned", "phụ trách": "lead", "chịu trách nhiệm": "lead"}
_LABEL_START = re.compile(rf"^(?:[{re.escape(BULLET_MARKS)}]\s*|{LETTER_LABEL}\)\s*)?")


def unemphasised(text: str) -> str:
    """Emphasis markers out, as broken around labels by portals
    ("*Đơn vị chủ trì: *Sở Nội vụ", "**Thời gian thực hiện**: Quý I")."""
    return squash_spaces(re.sub(r"\*+|(?<!\w)_+|_+(?!\w)", " ", text)).strip()


@dataclass
class Slot:
    """One slot: "Đơn vị chủ trì: Sở Nội vụ"."""

    kind: str  # "lead" | "support" | "assigned" | "deadline" | "product" | "task"
    value: str  # "" when the value follows as bullets


def slot_line(text: str) -> Slot | None:
    """A block that is itself one slot ("- Đơn vị chủ trì: Sở Nội vụ",
    "b) Cơ quan thực hiện:"), or None.  Only its first slot: the rest of an
    inline run is read by :func:`read_slots`."""
    t = unemphasised(text)
    t = t[_LABEL_START.match(t).end() :]
    m = _SLOT_LABEL.match(t)
    if not m:
        return None
    return Slot(_slot_kind(m), t[m.end() :].strip())


def slot_start(text: str) -> bool:
    return slot_line(text) is not None


def _slot_kind(m: re.Match) -> str:
    if m.group("time"):
        return "deadline"
    if m.group("product"):
        return "product"
    if m.group("task"):
        return "task"
    return _ROLE_OF[(m.group("role") or m.group("bare")).lower()]


def find_slots(text: str) -> list[re.Match]:
    """Slot labels at the start of ``text`` or after a sentence or clause end."""
    out = []
    for m in _SLOT_LABEL.finditer(text):
        before = text[: m.start()].rstrip()
        if not before or before.endswith((".", ";", ":", "-", "–", ")")) or re.search(rf"(?:^|\s){LETTER_LABEL}\)$", before):
            out.append(m)
    return out


def read_slots(text: str, resolver: Resolver, into: Assignment | None = None) -> tuple[str, Assignment] | None:
    """(the text before the first slot, what the slots say), or None."""
    t = unemphasised(text)
    matches = find_slots(t)
    if not matches:
        return None
    assignment = into or Assignment()
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(t)
        value = re.sub(rf"\s*(?:;|\.)?\s*{LETTER_LABEL}\)\s*$", "", t[m.end() : end]).strip(" ;,.")
        value = re.sub(r"<!--.*?-->", "", value).strip()
        if value:
            add_slot(assignment, Slot(_slot_kind(m), value), resolver)
    return t[: matches[0].start()].rstrip(" ;,-–"), assignment


def add_slot(assignment: Assignment, slot: Slot, resolver: Resolver) -> None:
    """What one slot value adds to a duty."""
    value = slot.value.strip(" ;,.")
    if not value or slot.kind == "task":
        return
    if slot.kind == "deadline":
        assignment.deadline = f"{assignment.deadline}; {value}" if assignment.deadline else value
        return
    if slot.kind == "product":
        assignment.product = f"{assignment.product}; {value}" if assignment.product else value
        return
    names, unnamed = split_names(value, slot.kind, resolver)
    assignment.names += names
    assignment.unnamed += unnamed


# --- tables -----------------------------------------------------------------------

_COLUMNS = [
    ("number", re.compile(r"^(?:stt|tt|số tt|số thứ tự)$", re.I)),
    ("lead", re.compile(r"chủ trì|tham mưu|phụ trách", re.I)),
    ("support", re.compile(r"phối hợp", re.I)),
    ("assigned", re.compile(r"(?:cơ quan|đơn vị|bộ phận)(?:\s*[,/]\s*\w+)?\s+(?:thực hiện|được giao)|^(?:thực hiện|phân công)$", re.I)),
    ("deadline", re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành|thời điểm", re.I)),
    ("product", re.compile(r"sản phẩm|kết quả", re.I)),
    ("task", re.compile(r"nhiệm vụ|nội dung|công việc|hoạt động|giải pháp|tên đề án", re.I)),
]


def table_columns(header: list[str]) -> dict[str, int] | None:
    """Column roles of a task table, or None when it is not one."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = match_key(unemphasised(cell))
        for role, pattern in _COLUMNS:
            if role not in roles and pattern.search(key):
                roles[role] = index
                break
    if "task" in roles and ({"lead", "assigned"} & roles.keys()):
        return roles
    return None


def read_row(cells: list[str], columns: dict[str, int], resolver: Resolver) -> Assignment:
    assignment = Assignment()
    for role in ("lead", "support", "assigned"):
        if role in columns and columns[role] < len(cells) and cells[columns[role]].strip():
            names, unnamed = split_names(cells[columns[role]], role, resolver)
            assignment.names += names
            assignment.unnamed += unnamed
    for role in ("deadline", "product"):
        if role in columns and columns[role] < len(cells):
            value = unemphasised(cells[columns[role]]).strip(" .") or None
            setattr(assignment, role, value)
    return assignment
