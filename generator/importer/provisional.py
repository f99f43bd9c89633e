"""Proposed registry entries: the bodies (and the organisation) a draft
names that the registry does not know, written to
``content/de-xuat/<plan id>.yml`` so that the draft builds with its duties on
the body pages at once, marked "chưa duyệt" until ``kehoach accept``.

The file has the shape of content/agencies.yml (``organisations:`` and
``bodies:``), so accepting it is moving its entries over (accept.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..agencies import match_key
from ..model import Agency, Organisation, Source
from ..text import slugify, squash_spaces


@dataclass
class ProposedBody:
    organisation: str
    id: str  # within the organisation
    name: str  # canonical: the fullest spelling the plan uses
    aliases: list[str] = field(default_factory=list)  # the plan's other spellings
    kind: str = "body"
    lines: list[int] = field(default_factory=list)  # source lines where it is named

    @property
    def full_id(self) -> str:
        return f"{self.organisation}/{self.id}"


@dataclass
class ProposedOrganisation:
    id: str
    name: str
    level: str
    parent: str | None


@dataclass
class Proposals:
    organisation: ProposedOrganisation | None = None
    bodies: list[ProposedBody] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.organisation or self.bodies)


def propose_bodies(groups: list[list[str]], kinds: dict[str, str], lines: dict[str, list[int]], organisation: str, taken: set[str]) -> list[ProposedBody]:
    """One proposed body per group of spellings (first = canonical), with an
    id unique among ``taken`` (full ids already in the registry)."""
    out: list[ProposedBody] = []
    used = {t.split("/", 1)[1] for t in taken if t.startswith(organisation + "/")}
    for group in groups:
        names = list(dict.fromkeys(squash_spaces(n) for n in group if n.strip()))
        if not names:
            continue
        base = slugify(names[0])[:60].strip("-") or "co-quan"
        ident, n = base, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        seen = {match_key(names[0])}
        aliases = []
        for alias in names[1:]:
            if match_key(alias) not in seen:
                seen.add(match_key(alias))
                aliases.append(alias)
        at = sorted({line for name in names for line in lines.get(name, [])})
        out.append(ProposedBody(organisation, ident, names[0], aliases, kinds.get(names[0], "body"), at))
    return out


def as_registry(proposals: Proposals, rel: str, organisations: dict[str, Organisation], agencies: dict[str, Agency]) -> tuple[dict[str, Organisation], dict[str, Agency]]:
    """The registry with the proposals added, as the build will read it."""
    organisations = dict(organisations)
    agencies = dict(agencies)
    if proposals.organisation:
        o = proposals.organisation
        organisations[o.id] = Organisation(o.id, o.name, o.level, o.parent, Source(rel, 1), provisional=True)
    for b in proposals.bodies:
        agencies[b.full_id] = Agency(b.full_id, b.organisation, b.name, tuple(b.aliases), b.kind, Source(rel, 1), provisional=True)
    return organisations, agencies


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def entries_yaml(organisations: list[ProposedOrganisation], bodies: list[ProposedBody]) -> tuple[list[str], dict[str, list[str]]]:
    """(organisation item lines, body item lines by organisation), indented
    as content/agencies.yml writes them."""
    org_lines: list[str] = []
    for o in organisations:
        org_lines += [f"  - id: {o.id}", f"    name: {_q(o.name)}", f"    level: {o.level}", f"    parent: {o.parent or 'null'}"]
    by_org: dict[str, list[str]] = {}
    for b in bodies:
        item = [f"    - id: {b.id}", f"      name: {_q(b.name)}"]
        if b.aliases:
            item.append(f"      aliases: [{', '.join(_q(a) for a in b.aliases)}]")
        item.append(f"      kind: {b.kind}")
        by_org.setdefault(b.organisation, []).extend(item)
    return org_lines, by_org


def registry_text(organisations: list[ProposedOrganisation], bodies: list[ProposedBody], comments: list[str]) -> str:
    """A registry file (the shape of content/agencies.yml) holding these entries."""
    org_lines, by_org = entries_yaml(organisations, bodies)
    out = [*comments, *(["organisations:", *org_lines] if org_lines else ["organisations: []"])]
    if by_org:
        out.append("bodies:")
        for org, lines in by_org.items():
            out += [f"  {org}:", *lines]
    else:
        out.append("bodies: {}")
    return "\n".join(out) + "\n"


def provisional_yaml(proposals: Proposals, plan_id: str, source: str) -> str:
    return registry_text(
        [proposals.organisation] if proposals.organisation else [],
        proposals.bodies,
        [
            f"# Đề xuất của kehoach import cho kế hoạch {plan_id} (từ {source}): tổ chức, cơ quan",
            "# mà danh mục content/agencies.yml chưa có. Trang đã dùng các mục này, với nhãn",
            "# “chưa duyệt”. Kiểm tra tên, tên gọi khác (aliases), cấp (level) và tổ chức cha",
            f"# (parent) của từng mục; sửa nếu cần; rồi chạy: kehoach accept {plan_id}",
        ],
    )
