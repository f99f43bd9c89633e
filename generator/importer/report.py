"""The review report of an import, written for the clerk who checks the
draft: plain Vietnamese, no field names or codes.  First what was read (the
document, then every duty: body, role, deadline, where in the plan), then
what to check, each point with its line in the draft, then the proposed
bodies and how to accept the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..labels import ROLES
from ..model import Diagnostic
from ..render import vn_date

# What to check, in the order the report lists it, with the heading it goes under.
CODES = {
    "chưa-xác-định": "Thông tin không đọc được từ văn bản",
    "tổ-chức": "Tổ chức ban hành",
    "cơ-quan-mới": "Cơ quan chưa có trong danh mục",
    "không-giao": "Đoạn giao việc chưa rõ cơ quan",
    "hạn-chót": "Thời hạn không đọc được",
    "trích-dẫn": "Số hiệu văn bản cần xem lại",
    "tiêu-đề": "Trích yếu đã được sửa",
    "chú-thích": "Chú thích",
    "dấu-đến": "Dấu đến, số trang đã được bỏ khỏi nội dung",
    "dòng-lạ": "Dòng không xếp được vào đâu",
    "bảng": "Bảng",
}


@dataclass
class Finding:
    code: str
    message: str
    line: int | None = None  # line in the draft (1-based)
    hint: str | None = None
    origin: str = "import"  # "import" | "build" (a diagnostic of the trial build)

    def render(self) -> str:
        where = f"dòng {self.line}: " if self.line else ""
        return f"{where}{self.message}" + (f" Cách sửa: {self.hint}" if self.hint else "")


_LEVELS = (("muc", "Mục"), ("khoan", "khoản"), ("diem", "điểm"), ("tiet", "tiết"), ("gach", "gạch đầu dòng"), ("doan", "đoạn"))


def place_of(anchor: str) -> str:
    """ "muc-ii-khoan-1-gach-2" -> "Mục II, khoản 1, gạch đầu dòng 2"."""
    if anchor.startswith("mo-dau"):
        return "phần mở đầu"
    if anchor.startswith("ket"):
        return "phần kết"
    words = dict(_LEVELS)
    out = []
    for word, value in re.findall(r"(muc|khoan|diem|tiet|gach|doan)-([0-9a-z]+(?:-[0-9]+)*)", anchor):
        if word == "muc":
            value = value.upper() if not value.isdigit() else f"không số thứ {value}"
        else:
            value = value.replace("-", ".")
        out.append(f"{words[word]} {value}")
    return ", ".join(out) or anchor


def _deadline(task) -> str:
    d = task.deadline
    if d.kind == "none":
        return "không ghi thời hạn"
    if d.kind == "unknown":
        return f"“{d.phrase}” (chưa đọc được)"
    when = f" — đến {vn_date(d.due)}" if d.due else (f" — từ {vn_date(d.start)}" if d.start else "")
    return f"“{d.phrase}”{when}"


def duty_lines(tasks, corpus, markdown: str) -> list[str]:
    """Every duty the trial build read, one entry per task and body."""
    out = []
    for n, task in enumerate(tasks, 1):
        bodies = []
        for a in task.assignees:
            agency = corpus.agencies.get(a.agency)
            name = agency.name if agency else a.agency
            mark = " (cơ quan mới đề xuất)" if agency is not None and agency.provisional else ""
            bodies.append(f"{name}{mark} — {ROLES[a.role].lower()}")
        text = task.text if len(task.text) <= 160 else task.text[:157].rstrip() + "…"
        out.append(f"{n}. {'; '.join(bodies)}")
        out.append(f"   Thời hạn: {_deadline(task)}. Vị trí: {place_of(task.anchor)} (dòng {task.source.line}).")
        out.append(f"   {text}")
    return out


def render_report(
    *,
    draft: str,
    source: str,
    summary: list[str],
    findings: list[Finding],
    diagnostics: list[Diagnostic],
    duties: list[str],
    proposals,
    proposals_file: str | None,
    plan_id: str,
    parent_names: dict[str, str] | None = None,
) -> str:
    parent_names = parent_names or {}
    order = list(CODES)
    lines = [f"Báo cáo nhập văn bản: {source}", f"Bản nháp: {draft} (chưa duyệt)", ""]
    lines += summary
    lines.append("")
    count = sum(1 for l in duties if re.match(r"^\d+\. ", l))
    lines.append(f"Nhiệm vụ đọc được ({count}):" if count else "Nhiệm vụ đọc được: chưa đọc được nhiệm vụ nào; xem các điểm cần xem lại dưới đây.")
    lines += ["  " + l for l in duties]
    lines.append("")
    findings = sorted(findings, key=lambda f: (order.index(f.code) if f.code in order else 99, f.line or 0, f.message))
    errors = [d for d in diagnostics if d.severity == "error"]
    others = [d for d in diagnostics if d.severity != "error"]
    total = len(findings) + len(diagnostics)
    if total:
        lines.append(f"Cần xem lại ({total}):")
        heading = None
        for f in findings:
            title = CODES.get(f.code, "Khác")
            if title != heading:
                lines.append(f"  {title}:")
                heading = title
            lines.append("    - " + f.render())
        if errors:
            lines.append("  Lỗi khi dựng thử (trang sẽ không dựng được cho đến khi sửa):")
            lines += ["    - " + _plain(d) for d in errors]
        if others:
            lines.append("  Cảnh báo khi dựng thử:")
            lines += ["    - " + _plain(d) for d in others]
    else:
        lines.append("Cần xem lại: không có điểm nào; vẫn nên đối chiếu bản nháp với văn bản gốc.")
    if proposals and proposals_file:
        lines.append("")
        lines.append(f"Đề xuất thêm vào danh mục (ghi ở {proposals_file}; trang đã dùng với nhãn “chưa duyệt”):")
        if proposals.organisation:
            o = proposals.organisation
            parent = parent_names.get(o.parent, o.parent) if o.parent else None
            lines.append(f"  Tổ chức mới: {o.name}, {_LEVEL_WORDS.get(o.level, o.level)}" + (f", thuộc {parent}" if parent else "") + ".")
        for b in proposals.bodies:
            also = f"; còn viết: {', '.join(b.aliases)}" if b.aliases else ""
            kind = " (nhóm cơ quan)" if b.kind == "class" else ""
            where = f" — dòng {', '.join(map(str, b.lines[:6]))}" if b.lines else ""
            lines.append(f"  - {b.name}{kind}{also}{where}")
    lines.append("")
    lines.append(f"Khi đã đối chiếu và sửa xong: kehoach accept {plan_id}")
    return "\n".join(lines).rstrip() + "\n"


_LEVEL_WORDS = {"central": "cấp trung ương", "province": "cấp tỉnh", "district": "cấp huyện", "khoi": "đảng bộ khối"}


def _plain(d: Diagnostic) -> str:
    where = f"dòng {d.source.line}: " if d.source else ""
    return f"{where}{d.message}" + (f" Cách sửa: {d.hint}" if d.hint else "")
