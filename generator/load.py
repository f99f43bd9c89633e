"""Stage 1: read content/ -> Plan objects and the organisation registry.

Reads every ``content/*.md`` (sorted, so builds are deterministic), checks
encoding and front matter, parses the body, and collects every problem into
the Report before anyone decides to stop.
"""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

import yaml

from . import frontmatter as fm
from .diagnostics import Report
from .model import Basis, Organisation, Plan, Signer, Source
from .structure import parse_body

MAX_FILE_BYTES = 5 * 1024 * 1024


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, root: Path, report: Report) -> str | None:
    """The file as NFC text with LF line ends, or None after reporting why not."""
    rel = _rel(path, root)
    data = path.read_bytes()
    if not data.strip():
        report.error("tệp-rỗng", "tệp rỗng.", Source(rel, 1), "xóa tệp hoặc điền nội dung kế hoạch.")
        return None
    if len(data) > MAX_FILE_BYTES:
        report.error(
            "tệp-quá-lớn",
            f"tệp dài {len(data) // 1024} KB, vượt giới hạn {MAX_FILE_BYTES // 1024} KB của một kế hoạch.",
            Source(rel, 1),
            "kiểm tra xem tệp có bị dán nhầm nội dung khác không; tách phụ lục lớn thành tệp riêng.",
        )
        return None
    if b"\x00" in data[:8192]:
        report.error("tệp-nhị-phân", "tệp không phải văn bản (có byte 0).", Source(rel, 1), "chỉ đặt tệp .md văn bản trong content/.")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(
            "mã-hóa",
            "tệp không ở mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI).",
            Source(rel, line),
            "mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8 (hoặc chuyển mã bằng Unikey).",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def load_organisations(registry: Path, root: Path, report: Report) -> dict[str, Organisation]:
    rel = _rel(registry, root)
    if not registry.exists():
        report.error("thiếu-danh-mục", "không tìm thấy danh mục tổ chức, cơ quan.", Source(rel, 1), "tạo content/agencies.yml (xem Hướng dẫn soạn thảo).")
        return {}
    text = read_text(registry, root, report)
    if text is None:
        return {}
    data, lines = fm.parse_front_matter(text, rel, 1, report)
    if data is None:
        return {}
    organisations: dict[str, Organisation] = {}
    for i, item in enumerate(data.get("organisations") or []):
        line = fm.line_of(lines, ("organisations", i), 1)
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            report.error("danh-mục", "mỗi tổ chức cần có id và name.", Source(rel, line), "xem mẫu trong content/agencies.yml.")
            continue
        if item["id"] in organisations:
            report.error("trùng-id", f'tổ chức "{item["id"]}" được khai báo hai lần.', Source(rel, line), "giữ một khai báo.")
            continue
        organisations[item["id"]] = Organisation(
            id=item["id"],
            name=item["name"],
            level=item.get("level", "province"),
            parent=item.get("parent"),
            source=Source(rel, line),
        )
    for org in organisations.values():
        if org.parent and org.parent not in organisations:
            report.error("tổ-chức-không-rõ", f'tổ chức cha "{org.parent}" của "{org.id}" không có trong danh mục.', org.source, "sửa trường parent.")
    return organisations


def split_front_matter(text: str, rel: str, report: Report) -> tuple[str, str, int] | None:
    """-> (yaml text, body text, first body line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.error(
            "thiếu-front-matter",
            "tệp phải bắt đầu bằng dòng '---' rồi đến phần thông tin văn bản (YAML).",
            Source(rel, 1),
            "thêm phần đầu tệp theo mẫu trong Hướng dẫn soạn thảo.",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    report.error(
        "thiếu-front-matter",
        "phần thông tin văn bản mở bằng '---' ở dòng 1 nhưng không có dòng '---' đóng.",
        Source(rel, 1),
        "thêm một dòng '---' sau trường cuối cùng của phần đầu tệp.",
    )
    return None


def _basis(item: dict, relation: str, path: tuple, lines: dict, rel: str, report: Report) -> Basis:
    return Basis(
        document=item.get("document") or "",
        relation=item.get("relation", relation),
        type=item.get("type"),
        date=fm.parse_iso_date(item.get("date"), path + ("date",), lines, rel, report),
        issuer=item.get("issuer"),
        title=item.get("title"),
    )


def load_plan(path: Path, root: Path, organisations: dict[str, Organisation], report: Report) -> Plan | None:
    rel = _rel(path, root)
    text = read_text(path, root, report)
    if text is None:
        return None
    parts = split_front_matter(text, rel, report)
    if parts is None:
        return None
    yaml_text, body, body_line = parts
    local = Report()
    data, lines = fm.parse_front_matter(yaml_text, rel, 2, local)
    if data is None:
        report.extend(local)
        return None
    fm.validate(_jsonable(data), lines, rel, 2, local)
    plan_date = fm.parse_iso_date(data.get("date"), ("date",), lines, rel, local)
    bases = tuple(
        _basis(b, "relies-on", ("bases", i), lines, rel, local)
        for i, b in enumerate(data.get("bases") or [])
        if isinstance(b, dict)
    )
    supersedes = tuple(
        _basis(b, "supersedes", ("supersedes", i), lines, rel, local)
        for i, b in enumerate(data.get("supersedes") or [])
        if isinstance(b, dict)
    )
    received = data.get("received")
    if isinstance(received, dict):
        fm.parse_iso_date(received.get("date"), ("received", "date"), lines, rel, local)
    org = data.get("organisation")
    if isinstance(org, str) and org not in organisations:
        guess = difflib.get_close_matches(org, list(organisations), n=1)
        local.error(
            "tổ-chức-không-rõ",
            f'tổ chức "{org}" không có trong danh mục content/agencies.yml.',
            Source(rel, fm.line_of(lines, ("organisation",), 2)),
            f'có phải "{guess[0]}"?' if guess else "thêm tổ chức vào content/agencies.yml hoặc sửa mã.",
        )
    nodes, footnotes = parse_body(body, rel, body_line, local)
    report.extend(local)
    if local.errors:
        return None
    signer = data.get("signer") or {}
    return Plan(
        id=data["id"],
        source=Source(rel, 1),
        type=data["type"],
        number=data.get("number"),
        number_note=data.get("number_note"),
        date=plan_date,
        date_note=data.get("date_note"),
        organisation=org,
        issuer=data["issuer"],
        title=data["title"],
        bases=bases,
        supersedes=supersedes,
        signer=Signer(signer.get("name"), signer.get("title"), signer.get("on_behalf")),
        recipients=tuple(data.get("recipients") or ()),
        body=nodes,
        footnotes=footnotes,
        access=data.get("access", "cong-khai"),
        meta={**data, "_lines": lines},
    )


def _jsonable(data):
    if isinstance(data, dict):
        return {str(k): _jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_jsonable(v) for v in data]
    return data


def load_corpus(content_dir: Path, root: Path, report: Report) -> tuple[list[Plan], dict[str, Organisation]]:
    """Every plan in ``content_dir`` and the organisation registry."""
    organisations = load_organisations(content_dir / "agencies.yml", root, report)
    plans: list[Plan] = []
    by_id: dict[str, Plan] = {}
    for path in sorted(content_dir.rglob("*.md")):
        if path.is_symlink() and not path.resolve().is_relative_to(content_dir.resolve()):
            report.error(
                "liên-kết-ngoài",
                f"tệp là liên kết tới {path.resolve()} nằm ngoài thư mục content/.",
                Source(_rel(path, root), 1),
                "sao chép tệp vào content/ thay vì tạo liên kết.",
            )
            continue
        plan = load_plan(path, root, organisations, report)
        if plan is None:
            continue
        if plan.id in by_id:
            first = by_id[plan.id]
            report.error(
                "trùng-id",
                f'id "{plan.id}" đã được dùng ở {first.source.file}.',
                Source(plan.source.file, fm.line_of(plan.meta["_lines"], ("id",), 2)),
                "đặt một id khác cho một trong hai kế hoạch.",
            )
            continue
        by_id[plan.id] = plan
        plans.append(plan)
    return plans, organisations
