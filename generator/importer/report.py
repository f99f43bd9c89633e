"""The review report of an import: what a person must check in the draft,
each point with its line in the draft, in the compiler style of the build's
diagnostics (``content/x.md:12: kiểm-tra[code]: ...``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Diagnostic
from ..text import slugify

# Codes, in the order the report lists them.
CODES = {
    "chưa-xác-định": "không xác định được từ văn bản",
    "tổ-chức": "tổ chức ban hành được đề xuất",
    "cơ-quan-mới": "nhiệm vụ giao cho cơ quan chưa có trong danh mục",
    "không-giao": "đoạn giao việc không nêu cơ quan nào trong danh mục",
    "hạn-chót": "thời hạn không đọc được",
    "trích-dẫn": "trích dẫn đáng ngờ",
    "tiêu-đề": "trích yếu được sửa",
    "chú-thích": "chú thích được chuyển",
    "dấu-đến": "dấu đến, trang trí trang được chuyển ra khỏi nội dung",
    "dòng-lạ": "dòng không xếp được vào đâu",
    "bảng": "bảng",
}


@dataclass
class Finding:
    code: str
    message: str
    line: int | None = None  # line in the draft (1-based)
    hint: str | None = None
    origin: str = "import"  # "import" | "build" (a diagnostic of the trial build)

    def render(self, draft: str) -> str:
        where = f"{draft}:{self.line}: " if self.line else f"{draft}: "
        text = f"{where}kiểm-tra[{self.code}]: {self.message}"
        return text + (f" Cách sửa: {self.hint}" if self.hint else "")


@dataclass
class Proposal:
    """A body named as a doer that the registry does not know."""

    organisation: str
    name: str
    lines: list[int] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "class" if self.name.lower().startswith(("các ", "những ")) else "body"


def proposals_yaml(proposals: list[Proposal]) -> str:
    """A snippet ready to paste under ``bodies:`` of content/agencies.yml."""
    by_org: dict[str, list[Proposal]] = {}
    for p in proposals:
        by_org.setdefault(p.organisation, []).append(p)
    out = ["bodies:"]
    for org, items in by_org.items():
        out.append(f"  {org}:")
        seen = set()
        for p in items:
            ident = slugify(p.name)[:60].rstrip("-")
            if ident in seen:
                continue
            seen.add(ident)
            out.append(f"    - id: {ident}")
            out.append(f'      name: "{p.name}"')
            out.append(f"      kind: {p.kind}")
    return "\n".join(out)


def render_report(
    *,
    draft: str,
    source: str,
    summary: list[str],
    findings: list[Finding],
    diagnostics: list[Diagnostic],
    proposals: list[Proposal],
) -> str:
    order = list(CODES)
    findings = sorted(findings, key=lambda f: (order.index(f.code) if f.code in order else 99, f.line or 0, f.message))
    lines = [f"Báo cáo nhập: {source} -> {draft}", ""]
    lines += summary
    lines.append("")
    if findings:
        lines.append(f"Cần xem lại ({len(findings)}):")
        lines += ["  " + f.render(draft) for f in findings]
    else:
        lines.append("Cần xem lại: không có.")
    lines.append("")
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = [d for d in diagnostics if d.severity == "warning"]
    lines.append(f"Dựng thử bản nháp (như kehoach check): {len(errors)} lỗi, {len(warnings)} cảnh báo.")
    lines += ["  " + str(d) for d in diagnostics]
    if proposals:
        lines.append("")
        lines.append("Cơ quan đề xuất thêm vào content/agencies.yml (chưa thêm; kiểm tra tên, id và nhóm rồi dán vào):")
        lines.append("")
        lines += ["    " + l for l in proposals_yaml(proposals).split("\n")]
        lines.append("")
        lines.append("  Sau khi thêm: ở các dòng có <!-- đề xuất: ... -->, chuyển tên sang <!-- giao: ... -->.")
    return "\n".join(lines).rstrip() + "\n"
