"""Duties stated in slots and tables, written as explicit duty markup.

Two layouts say who does what outside running text:

* slot-style items: "Đơn vị chủ trì: X; Đơn vị phối hợp: Y; Thời gian thực
  hiện: Z", as lines under a task or inline in it;
* annex task tables with columns such as Nhiệm vụ | Cơ quan chủ trì | Cơ quan
  phối hợp | Thời gian hoàn thành, one duty per row.

Both become ``<!-- giao: X (chủ trì); Y (phối hợp); hạn: Z -->``.  A name
must resolve in the registry to go into the markup (an unknown name there
is a build error); unknown names are kept in an inert comment
``<!-- đề xuất: ... -->`` and proposed in the review report, never added to
content/agencies.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..agencies import Resolver, match_key
from ..text import squash_spaces

ROLE_WORDS = {"lead": "chủ trì", "support": "phối hợp", "assigned": "thực hiện"}

# Unnamed bodies are not registered on purpose (content/agencies.yml).
_UNNAMED = re.compile(
    r"^(?:và\s+)?(?:các\s+|những\s+)?(?:(?:cơ quan|đơn vị|ban|ngành|sở|phòng|địa phương|tổ chức)[,\s]*)+(?:khác\s+)?(?:có\s+)?liên quan(?:\s+khác)?$|^(?:các\s+)?(?:cơ quan|đơn vị)(?:,\s*đơn vị)?\s+được giao$",
    re.I,
)
NAME_START = re.compile(
    r"^(?:các\s+)?(?:Ban|Ủy ban|Uỷ ban|UB|Văn phòng|VP|Đảng đoàn|Đảng ủy|Đảng uỷ|Ban cán sự|Trung tâm|Hội|Liên đoàn|Mặt trận|MTTQ|Sở|Phòng|Công an|Quân sự|Bộ|Thường trực|Huyện đoàn|Tỉnh đoàn|Đoàn|Chi bộ|Đồng chí|Báo|Đài|Trường|Viện|Cục|Chi cục|Tòa án|Viện kiểm sát|UBND|HĐND|Hội đồng)\b",
    re.I,
)


@dataclass
class Named:
    name: str  # as written
    role: str  # "lead" | "support" | "assigned"
    agency: str | None  # registry id, None when unknown


@dataclass
class Assignment:
    """What a slot group or a table row says."""

    names: list[Named] = field(default_factory=list)
    deadline: str | None = None
    unnamed: list[str] = field(default_factory=list)  # "các cơ quan liên quan"

    @property
    def known(self) -> list[Named]:
        return [n for n in self.names if n.agency]

    @property
    def unknown(self) -> list[Named]:
        return [n for n in self.names if not n.agency]

    def markup(self) -> str:
        """The duty markup; unknown names go to an inert comment."""
        parts = []
        known = []
        seen = set()
        for n in self.known:
            if (n.agency, n.role) in seen:
                continue
            seen.add((n.agency, n.role))
            known.append(n.name if n.role == "assigned" else f"{n.name} ({ROLE_WORDS[n.role]})")
        if known:
            parts.append("giao: " + "; ".join(known))
        else:
            parts.append("giao: -")
        if self.deadline and known:
            parts.append("hạn: " + self.deadline)
        text = f"<!-- {'; '.join(parts)} -->"
        if self.unknown:
            proposed = "; ".join(n.name if n.role == "assigned" else f"{n.name} ({ROLE_WORDS[n.role]})" for n in self.unknown)
            text += f" <!-- đề xuất: {proposed} -->"
        return text


def split_names(cell: str, role: str, resolver: Resolver) -> tuple[list[Named], list[str]]:
    """Bodies named in a cell or slot value: registered names where the
    registry finds them, the rest cut at separators; unnamed bodies apart."""
    text = squash_spaces(cell.replace("\n", "; ")).strip(" .;,")
    named: list[Named] = []
    unnamed: list[str] = []
    position = 0
    for found in resolver.find(text):
        if found.start < position:
            continue
        gap = text[position : found.start]
        _gap_names(gap, role, named, unnamed)
        named.append(Named(squash_spaces(text[found.start : found.end]), role, found.agency))
        position = found.end
    _gap_names(text[position:], role, named, unnamed)
    return named, unnamed


def _gap_names(gap: str, role: str, named: list[Named], unnamed: list[str]) -> None:
    for piece in re.split(r"\s*[;\n]\s*", gap):
        for name in _split_on_new_names(piece):
            name = re.sub(r"^(?:và|với|cùng|,|-|–)\s+", "", name.strip(" ,.;:-–")).strip(" ,.;:-–")
            name = re.sub(r"\s+(?:và|cùng)$", "", name)
            if not name or not re.search(r"\w", name):
                continue
            if _UNNAMED.match(name):
                unnamed.append(name)
            else:
                named.append(Named(name, role, None))


def _split_on_new_names(piece: str) -> list[str]:
    """Cut "X, Ban Y và Hội Z" at a comma or "và" that starts a new name; a
    comma inside a name ("Trung tâm Văn hóa, Thông tin và Thể thao") stays."""
    parts = re.split(r"(,\s+|\s+và\s+)", piece)
    out = [parts[0]]
    for sep, part in zip(parts[1::2], parts[2::2]):
        if NAME_START.match(part.strip()) or _UNNAMED.match(part.strip()):
            out.append(part)
        else:
            out[-1] += sep + part
    return out


# --- slots ------------------------------------------------------------------------

_SLOT_LABEL = re.compile(
    r"(?P<label>(?:(?:Cơ quan|Đơn vị|Bộ phận)(?:,\s*(?:đơn vị|cơ quan))?\s+(?P<role>chủ trì|phối hợp|thực hiện)"
    r"|(?P<bare>Chủ trì|Phối hợp)"
    r"|(?P<time>Thời gian|Thời hạn|Tiến độ)(?:\s+(?:thực hiện|hoàn thành))?))\s*:\s*",
    re.I,
)
_ROLE_OF = {"chủ trì": "lead", "phối hợp": "support", "thực hiện": "assigned"}


def slot_start(text: str) -> bool:
    """A block that is itself a slot: "- Đơn vị chủ trì: Ban Tuyên giáo"."""
    return bool(_SLOT_LABEL.match(re.sub(r"^[-+•–*]\s*", "", text)))


def find_slots(text: str) -> list[re.Match]:
    """Slot labels at the start of ``text`` or after a sentence or clause end."""
    out = []
    for m in _SLOT_LABEL.finditer(text):
        before = text[: m.start()].rstrip()
        if not before or before.endswith((".", ";", ":", "-", "–", ")")) or before.endswith("*"):
            out.append(m)
    return out


def read_slots(text: str, resolver: Resolver, into: Assignment | None = None) -> tuple[str, Assignment] | None:
    """(the text before the first slot, what the slots say), or None."""
    matches = find_slots(text)
    if not matches:
        return None
    assignment = into or Assignment()
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end() : end].strip(" ;,.")
        value = re.sub(r"<!--.*?-->", "", value).strip()
        if not value:
            continue
        if m.group("time"):
            assignment.deadline = value
            continue
        role = _ROLE_OF[(m.group("role") or m.group("bare")).lower()]
        names, unnamed = split_names(value, role, resolver)
        assignment.names += names
        assignment.unnamed += unnamed
    return text[: matches[0].start()].rstrip(" ;,-–"), assignment


# --- tables -----------------------------------------------------------------------

_COLUMNS = [
    ("number", re.compile(r"^(?:stt|tt|số tt|số thứ tự)$", re.I)),
    ("lead", re.compile(r"chủ trì", re.I)),
    ("support", re.compile(r"phối hợp", re.I)),
    ("assigned", re.compile(r"(?:cơ quan|đơn vị|bộ phận)(?:,\s*\w+)?\s+(?:thực hiện|được giao|phụ trách)|^(?:thực hiện|phân công)$", re.I)),
    ("deadline", re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành", re.I)),
    ("task", re.compile(r"nhiệm vụ|nội dung|công việc|hoạt động|giải pháp", re.I)),
]


def table_columns(header: list[str]) -> dict[str, int] | None:
    """Column roles of a task table, or None when it is not one."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = match_key(squash_spaces(re.sub(r"[*_]", "", cell)))
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
    if "deadline" in columns and columns["deadline"] < len(cells):
        value = cells[columns["deadline"]].strip(" .")
        assignment.deadline = value or None
    return assignment
