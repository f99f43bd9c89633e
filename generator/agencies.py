"""The registry of bodies and finding their names in text.

Names resolve relative to the plan's organisation: its own bodies first, then
its ancestors' ("Ban Tổ chức Tỉnh ủy" in a Bình Định plan is Bình Định's).
Matching ignores case, NFC/NFD, tone-mark placement and runs of spaces.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import frontmatter as fm
from .diagnostics import Report
from .encoding import read_text
from .model import Agency, Organisation, Source
from .text import normalize, sort_key, squash_spaces

KINDS = ("body", "class", "persons")

# Partners named by kind, not by name ("các cơ quan, đơn vị liên quan", "các
# đơn vị có liên quan", "các cơ quan, đơn vị được giao"): never a body in the
# registry's sense.  The build (duties.py) and the importer (bodies.py) read them alike.
GENERIC_PARTNERS = re.compile(
    r"^(?:và\s+)?(?:các\s+|những\s+)?(?:(?:cơ quan|đơn vị|sở|ban|ngành|phòng|địa phương|tổ chức|doanh nghiệp|cá nhân)(?:\s*,\s*|\s+và\s+|\s+)?)+"
    r"(?:khác\s+)?(?:có\s+)?liên quan(?:\s+khác)?$|^(?:các\s+)?(?:cơ quan|đơn vị)(?:,\s*đơn vị)?\s+được giao$",
    re.I,
)


def match_key(text: str) -> str:
    """Length-preserving key for Vietnamese text: NFC, one tone placement, lower case."""
    return normalize(text).lower()


def load_agencies(registry: Path, rel: str, organisations: dict[str, Organisation], report: Report, *, provisional: bool = False, into: dict[str, Agency] | None = None) -> dict[str, Agency]:
    # Read as load_organisations read it (NFC, no FIFO, sizes); what is
    # wrong with the file as a whole it has reported already.
    text = read_text(registry, rel, Report())
    agencies: dict[str, Agency] = {} if into is None else into
    if text is None:
        return agencies
    data, lines = fm.parse_front_matter(text, rel, 1, Report())
    if not isinstance(data, dict):
        return agencies
    bodies = data.get("bodies") or {}
    if not isinstance(bodies, dict):
        report.error("danh-mục", "bodies phải là nhóm theo mã tổ chức.", Source(rel, fm.line_of(lines, ("bodies",), 1)), "xem mẫu trong Hướng dẫn soạn thảo.")
        return agencies
    for org_id, entries in bodies.items():
        org_line = fm.line_of(lines, ("bodies", org_id), 1)
        if org_id not in organisations:
            guess = difflib.get_close_matches(str(org_id), list(organisations), n=1)
            report.error(
                "tổ-chức-không-rõ",
                f'nhóm cơ quan của tổ chức "{org_id}" nhưng tổ chức này không có trong organisations.',
                Source(rel, org_line),
                f'có phải "{guess[0]}"?' if guess else "thêm tổ chức vào organisations.",
            )
            continue
        for i, entry in enumerate(entries or []):
            line = fm.line_of(lines, ("bodies", org_id, i), org_line)
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
                report.error("danh-mục", "mỗi cơ quan cần có id và name.", Source(rel, line), "xem mẫu trong Hướng dẫn soạn thảo.")
                continue
            full_id = f"{org_id}/{entry['id']}"
            if full_id in agencies:
                report.error("trùng-id", f'cơ quan "{full_id}" được khai báo hai lần (lần đầu ở {agencies[full_id].source}).', Source(rel, line), "giữ một khai báo, gộp các tên gọi khác vào aliases.")
                continue
            kind = entry.get("kind", "body")
            if not isinstance(kind, str) or kind not in KINDS:
                report.error("giá-trị-không-hợp-lệ", f'kind "{kind}" của "{full_id}" không hợp lệ.', Source(rel, line), "chọn body, class hoặc persons.")
                kind = "body"
            names = _names(entry, full_id, ("bodies", org_id, i), lines, rel, line, report)
            if names is None:
                continue
            agencies[full_id] = Agency(
                id=full_id,
                organisation=org_id,
                name=names[0],
                aliases=names[1:],
                kind=kind,
                source=Source(rel, line),
                provisional=provisional,
            )
    return agencies


def _names(entry: dict, full_id: str, path: tuple, lines: dict, rel: str, line: int, report: Report) -> tuple[str, ...] | None:
    """(name, *aliases) of one body, or None after reporting why they cannot
    be used: a name that is not text, an alias list written as one string
    (its letters would become one-letter aliases), an empty alias (it
    matches everywhere), a character nobody can see (the name never matches)."""
    name, aliases = entry["name"], entry.get("aliases")
    at = lambda *more: Source(rel, fm.line_of(lines, path + more, line))  # noqa: E731
    ok = True
    if not isinstance(name, str):
        report.error(
            "sai-kiểu",
            f'name của "{full_id}" phải là một chuỗi văn bản, không phải {"danh sách" if isinstance(name, list) else "nhóm trường" if isinstance(name, dict) else fm._show(name)}.',
            at("name"),
            "viết một tên trên dòng name:, các tên gọi khác ghi ở aliases (mỗi tên một dòng '- ').",
        )
        ok = False
    if aliases is not None and not isinstance(aliases, list):
        report.error(
            "sai-kiểu",
            f"aliases của \"{full_id}\" phải là danh sách (mỗi tên một dòng '- '), không phải {'một chuỗi' if isinstance(aliases, str) else fm._show(aliases) if not isinstance(aliases, dict) else 'nhóm trường'}.",
            at("aliases"),
            'viết mỗi tên gọi khác trên một dòng "- Tên" dưới aliases:, hoặc trong ngoặc vuông: aliases: ["Tỉnh ủy", "BCH"].',
        )
        return None
    for j, alias in enumerate(aliases or []):
        if not isinstance(alias, str) or not alias.strip():
            report.error(
                "giá-trị-rỗng" if alias is None or (isinstance(alias, str) and not alias.strip()) else "sai-kiểu",
                f'tên gọi thứ {j + 1} trong aliases của "{full_id}" '
                + ("để trống: một tên rỗng khớp với mọi chỗ trong văn bản." if alias is None or isinstance(alias, str) else f"phải là chuỗi văn bản, không phải {fm._show(alias) if not isinstance(alias, (list, dict)) else 'danh sách' if isinstance(alias, list) else 'nhóm trường'}."),
                at("aliases", j),
                "xóa dòng đó, hoặc viết tên gọi khác của cơ quan.",
            )
            ok = False
    texts = [t for t in [name, *(aliases or [])] if isinstance(t, str)]
    for j, text in enumerate(texts):
        if any(fm._invisible(ch) and ch != "\u00a0" for ch in text):
            report.error(
                "ký-tự-không-nhìn-thấy",
                f'tên "{fm.visible(text)}" của "{full_id}" có ký tự không nhìn thấy {fm.invisible_names(text)}; tên này không bao giờ khớp với văn bản.',
                at("name") if j == 0 else at("aliases", (aliases or []).index(text)),
                "xóa tên rồi gõ lại bằng bàn phím (ký tự này thường lẫn vào khi sao chép từ Word hoặc trang web).",
            )
            ok = False
    if not ok:
        return None
    return tuple(squash_spaces(t) for t in texts)


def _shared_names(agencies: dict[str, Agency], report: Report) -> None:
    """One name on two bodies of the same organisation: the text would
    silently go to the one registered later."""
    owner: dict[tuple[str, str], Agency] = {}
    for agency in agencies.values():
        keys = {squash_spaces(match_key(n)): n for n in reversed((agency.name, *agency.aliases))}
        for key, name in keys.items():
            first = owner.setdefault((agency.organisation, key), agency)
            if first is not agency:
                report.error(
                    "tên-trùng",
                    f'tên "{name}" của "{agency.id}" đã là tên của "{first.id}" (ở {first.source}): một tên chỉ được chỉ một cơ quan.',
                    agency.source,
                    "xóa tên đó khỏi một trong hai cơ quan; nếu hai mục là một cơ quan, gộp chúng làm một.",
                )


def load_registry_agencies(files: list[tuple[Path, bool]], root: Path, organisations: dict[str, Organisation], report: Report) -> dict[str, Agency]:
    """Bodies of content/agencies.yml and of the provisional files (load.registry_files)."""
    agencies: dict[str, Agency] = {}
    for path, provisional in files:
        if path.exists():
            resolved = path.resolve()
            rel = resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else str(path)
            load_agencies(path, rel, organisations, report, provisional=provisional, into=agencies)
    _shared_names(agencies, report)
    return agencies


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    agency: str


class Resolver:
    """Finds and resolves body names for one organisation's plans."""

    def __init__(self, organisation: str, organisations: dict[str, Organisation], agencies: dict[str, Agency]):
        self.organisation = organisation
        chain = []
        seen = set()
        current = organisation
        while current in organisations and current not in seen:
            seen.add(current)
            chain.append(current)
            current = organisations[current].parent
        self.names: dict[str, str] = {}  # match key -> agency id (nearest organisation wins)
        for org_id in reversed(chain):  # ancestors first, so the plan's own bodies overwrite
            for agency in agencies.values():
                if agency.organisation == org_id:
                    for name in (agency.name, *agency.aliases):
                        self.names[squash_spaces(match_key(name))] = agency.id

    @cached_property
    def first_words(self) -> frozenset[str]:
        """First words of every registered name: a text that starts with none
        of them cannot start with a name (a cheap test before the regex)."""
        return frozenset(name.split(" ", 1)[0] for name in self.names)

    def may_start_with_name(self, text: str) -> bool:
        word = match_key(text.lstrip()[:40]).split(" ", 1)[0]
        return word in self.first_words

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        if not self.names:
            return re.compile(r"(?!x)x")
        return re.compile(rf"(?<!\w)(?:{_trie(self.names)})(?!\w)")

    def find(self, text: str) -> list[Found]:
        """Every registered name in ``text``, longest first, left to right."""
        key = match_key(text)
        out = []
        for m in self._pattern.finditer(key):
            name = m.group(0)
            agency = self.names.get(name) or self.names.get(squash_spaces(name))  # a key is squashed already
            if agency:
                out.append(Found(m.start(), m.end(), agency))
        return out

    def resolve(self, name: str) -> str | None:
        return self.names.get(squash_spaces(match_key(name.strip(" ,.;:"))))

    def suggest(self, name: str) -> str | None:
        close = difflib.get_close_matches(squash_spaces(match_key(name)), list(self.names), n=1, cutoff=0.75)
        return close[0] if close else None


def _trie(names) -> str:
    """One regex alternative for all ``names`` (spaces match any run of
    spaces), factored by common prefixes: "ban (?:t(?:ổ chức|uyên giáo)|…)".

    It matches what the plain alternation of the names sorted longest first
    matched: names that match at the same place are prefixes of one another,
    and a longer continuation is tried before a name ends.  The regex engine
    tries a plain alternation's hundreds of names one by one at every word;
    this one follows a few letters."""
    root: dict = {}
    for name in names:
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here

    def piece(ch: str) -> str:
        return r"\s+" if ch == " " else re.escape(ch)

    def alternatives(node: dict) -> str:
        branches = []
        for ch, child in sorted(node.items()):
            if not ch:
                continue
            run = piece(ch)
            while len(child) == 1 and "" not in child:  # a run of letters without a choice: no recursion
                (ch, child), = child.items()
                run += piece(ch)
            branches.append(run + alternatives(child))
        if "" in node and branches:
            branches.append("")  # ending here comes after every longer name
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" if branches else ""

    return alternatives(root)


# --- organisations ------------------------------------------------------------


def organisation_order(organisations: dict[str, Organisation]) -> list[Organisation]:
    """Organisations as a tree walk: Trung ương first, children after their
    parent, siblings in Vietnamese alphabetical order."""
    children: dict[str | None, list[Organisation]] = {}
    for org in organisations.values():
        parent = org.parent if org.parent in organisations else None
        children.setdefault(parent, []).append(org)
    level_rank = {"central": 0, "province": 1, "khoi": 2, "district": 3}
    out: list[Organisation] = []

    def visit(parent: str | None) -> None:
        for org in sorted(children.get(parent, []), key=lambda o: (level_rank.get(o.level, 9), sort_key(o.name))):
            out.append(org)
            visit(org.id)

    visit(None)
    return out


def organisation_path(org_id: str, organisations: dict[str, Organisation]) -> list[Organisation]:
    chain = []
    seen = set()
    while org_id in organisations and org_id not in seen:
        seen.add(org_id)
        chain.append(organisations[org_id])
        org_id = organisations[org_id].parent
    return list(reversed(chain))
