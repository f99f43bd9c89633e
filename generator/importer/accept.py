"""``kehoach accept <id>``: a reviewed draft becomes a plan.

Two edits, both checked before anything is written: the draft's
``reviewed: false`` line goes, and its proposals (content/de-xuat/<id>.yml)
move into content/agencies.yml — appended as text, so the registry's
comments and layout stay as they are — together with the proposed
organisation the plan is filed under, wherever it was proposed.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from ..diagnostics import Report
from ..frontmatter import parse_front_matter
from ..load import PROVISIONAL_DIR, load_organisations, provisional_files
from ..agencies import load_registry_agencies
from .provisional import ProposedBody, ProposedOrganisation, entries_yaml, registry_text
from .sources import ImportFailed

_REVIEWED = re.compile(r"^reviewed:\s*false\b.*\n", re.M)


class AcceptFailed(ImportFailed):
    pass


def _front_matter_id(path: Path) -> str | None:
    m = re.search(r"^id:\s*(\S+)", path.read_text(encoding="utf-8").split("\n---", 1)[0], re.M)
    return m.group(1) if m else None


def find_plan(content_dir: Path, plan_id: str) -> Path:
    direct = content_dir / f"{plan_id}.md"
    if direct.is_file():
        return direct
    for path in sorted(content_dir.rglob("*.md")):
        if _front_matter_id(path) == plan_id:
            return path
    raise AcceptFailed(f"không tìm thấy kế hoạch có id “{plan_id}” trong {content_dir}; kiểm tra lại id (dòng id: ở đầu bản nháp).")


def _load(path: Path) -> dict:
    """A proposals file, read by the build's own YAML reader (aliases,
    tags and deep nesting refused, messages with their line)."""
    report = Report()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AcceptFailed(f"{path}: không đọc được tệp đề xuất ({exc.__class__.__name__}); lưu lại với mã UTF-8 rồi chạy lại.") from None
    data, _ = parse_front_matter(text, str(path), 1, report, what="tệp đề xuất (YAML)")
    if report.errors:
        raise AcceptFailed("; ".join(str(d) for d in report.errors) + ". Sửa tệp đề xuất rồi chạy lại; không tệp nào bị sửa.")
    return data if isinstance(data, dict) else {}


def _plan_organisation(plan_text: str) -> str | None:
    m = re.search(r"^organisation:\s*([a-z0-9-]+)", plan_text, re.M)
    return m.group(1) if m else None


def accept(content_dir: Path, plan_id: str) -> list[str]:
    """Accept one draft; -> what was done, one line each (Vietnamese)."""
    content_dir = Path(content_dir)
    plan_path = find_plan(content_dir, plan_id)
    plan_text = plan_path.read_text(encoding="utf-8")
    registry = content_dir / "agencies.yml"
    own = content_dir / PROVISIONAL_DIR / f"{plan_id}.yml"
    done: list[str] = []

    organisations: list[ProposedOrganisation] = []
    bodies: list[ProposedBody] = []
    sources: dict[Path, dict] = {}
    if own.exists():
        sources[own] = _load(own)
    # the organisation the plan is filed under, and its proposed ancestors, wherever they were proposed
    wanted = _plan_organisation(plan_text)
    proposed_orgs = {}
    for path in provisional_files(content_dir):
        data = sources.get(path) or _load(path)
        for item in data.get("organisations") or []:
            if isinstance(item, dict) and item.get("id"):
                proposed_orgs[item["id"]] = (path, item)
    needed: list[str] = []
    for item in (sources.get(own) or {}).get("organisations") or []:
        if isinstance(item, dict) and item.get("id"):
            needed.append(item["id"])
    current = wanted
    while current in proposed_orgs and current not in needed:
        needed.append(current)
        current = proposed_orgs[current][1].get("parent")
    for org_id in needed:
        if org_id not in proposed_orgs:
            continue
        path, item = proposed_orgs[org_id]
        organisations.append(ProposedOrganisation(item["id"], str(item["name"]), item.get("level", "province"), item.get("parent")))
        sources.setdefault(path, _load(path))
    for group, entries in ((sources.get(own) or {}).get("bodies") or {}).items():
        for entry in entries or []:
            if isinstance(entry, dict) and entry.get("id") and entry.get("name"):
                bodies.append(ProposedBody(group, str(entry["id"]), str(entry["name"]), [str(a) for a in entry.get("aliases") or []], entry.get("kind", "body")))

    new_registry = None
    if organisations or bodies:
        text = registry.read_text(encoding="utf-8")
        new_registry = append_entries(text, organisations, bodies)
        _check(content_dir, new_registry, {p for p in sources}, organisations, bodies)
    new_plan = _REVIEWED.sub("", plan_text, count=1)

    # everything checked: write
    if new_registry is not None:
        _replace(registry, new_registry)
        for o in organisations:
            done.append(f"thêm tổ chức “{o.name}” ({o.id}) vào {registry}")
        if bodies:
            done.append(f"thêm {len(bodies)} cơ quan vào {registry}: " + ", ".join(b.name for b in bodies))
    for path, data in sources.items():
        rest = _without(data, {o.id for o in organisations}, {(b.organisation, b.id) for b in bodies})
        if rest is None:
            path.unlink()
            done.append(f"xóa {path} (mọi đề xuất đã được chuyển)")
        else:
            _replace(path, rest)
    if new_plan != plan_text:
        _replace(plan_path, new_plan)
        done.append(f"{plan_path}: bỏ dòng reviewed: false — kế hoạch đã được duyệt")
    elif not done:
        done.append(f"{plan_path} đã được duyệt từ trước; không có gì thay đổi")
    return done


def append_entries(text: str, organisations: list[ProposedOrganisation], bodies: list[ProposedBody]) -> str:
    """content/agencies.yml with the entries added at the end of their lists."""
    lines = text.rstrip("\n").split("\n")
    org_lines, by_org = entries_yaml(organisations, bodies)

    def top_key(name: str) -> int | None:
        for i, line in enumerate(lines):
            if re.match(rf"^{name}:\s*(?:#.*)?$", line):
                return i
        return None

    def block_end(start: int, indent: int) -> int:
        """Index after the last content line of the block opened at ``start``."""
        end = start + 1
        for i in range(start + 1, len(lines)):
            line = lines[i]
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if len(line) - len(line.lstrip()) <= indent:
                break
            end = i + 1
        return end

    if org_lines:
        at = top_key("organisations")
        if at is None:
            lines[:0] = ["organisations:", *org_lines]
        else:
            lines[at] = "organisations:"  # "organisations: []" has no items to follow
            end = block_end(at, 0)
            lines[end:end] = org_lines
    for org, items in by_org.items():
        at = top_key("bodies")
        if at is None:
            lines += ["bodies:"]
            at = len(lines) - 1
        lines[at] = "bodies:"
        group = next((i for i in range(at + 1, block_end(at, 0)) if re.match(rf"^  {re.escape(org)}:\s*$", lines[i])), None)
        if group is None:
            end = block_end(at, 0)
            lines[end:end] = [f"  {org}:", *items]
        else:
            end = block_end(group, 2)
            lines[end:end] = items
    return "\n".join(lines) + "\n"


def _check(content_dir: Path, registry_text: str, moved_from: set[Path], organisations, bodies) -> None:
    """Load the registry as it will be, and refuse if it loses or breaks anything."""
    with tempfile.TemporaryDirectory(prefix="kehoach-accept-") as tmp:
        root = Path(tmp)
        content = root / "content"
        content.mkdir()
        (content / "agencies.yml").write_text(registry_text, encoding="utf-8")
        report = Report()
        orgs = load_organisations(content / "agencies.yml", root, report)
        agencies = load_registry_agencies([(content / "agencies.yml", False)], root, orgs, Report())
    missing = [o.id for o in organisations if o.id not in orgs] + [b.full_id for b in bodies if b.full_id not in agencies]
    problems = [str(d) for d in report.errors if "tổ chức cha" not in d.message]
    if missing or problems:
        raise AcceptFailed(
            "không chuyển được đề xuất vào content/agencies.yml"
            + (f" (thiếu sau khi ghi: {', '.join(missing)})" if missing else "")
            + (f": {'; '.join(problems)}" if problems else "")
            + ". Không tệp nào bị sửa; kiểm tra content/agencies.yml và tệp đề xuất rồi chạy lại."
        )


def _without(data: dict, org_ids: set[str], body_keys: set[tuple[str, str]]) -> str | None:
    """What stays in a proposals file after the moved entries left; None when nothing."""
    orgs = [o for o in data.get("organisations") or [] if isinstance(o, dict) and o.get("id") not in org_ids]
    bodies = []
    for group, entries in (data.get("bodies") or {}).items():
        for e in entries or []:
            if isinstance(e, dict) and (group, str(e.get("id"))) not in body_keys:
                bodies.append(ProposedBody(group, str(e["id"]), str(e["name"]), [str(a) for a in e.get("aliases") or []], e.get("kind", "body")))
    if not orgs and not bodies:
        return None
    kept = [ProposedOrganisation(o["id"], str(o["name"]), o.get("level", "province"), o.get("parent")) for o in orgs]
    return registry_text(kept, bodies, ["# Đề xuất còn lại, chưa duyệt (xem kehoach accept)."])


def _replace(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with open(fd, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    Path(tmp).replace(path)
