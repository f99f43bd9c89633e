"""Writing the reports ``kehoach progress import`` read into
content/tien-do/<organisation>--<body>.yml, one file per body.

A report already kept (in any file of content/tien-do/) is never written
again, so importing the same workbook twice changes nothing.  A file is
rewritten whole (sorted, quoted the same way every time, then renamed over
the old one), and only when it gains a report: what was in it stays, comments
excepted.  A file the build cannot read is left alone and said so, rather
than rewritten with what could be read of it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path

from . import frontmatter as fm
from .diagnostics import Report
from .load import PROGRESS_DIR
from .model import ProgressReport
from .progress import normal_id, status_code

_FIELDS = ("date", "status", "result", "evidence", "reason")


def progress_path(content_dir: Path, agency_id: str) -> Path:
    return content_dir / PROGRESS_DIR / (agency_id.replace("/", "--") + ".yml")


def report_key(r: ProgressReport) -> tuple:
    """What makes two reports the same report (the reader's own test)."""
    return (r.date, r.status, r.result, r.evidence, r.reason)


def merged_text(path: Path, rel: str, additions: list[ProgressReport], about: dict[str, tuple], order: dict[str, int], title: str) -> str | None:
    """The file's new text with ``additions`` in it, or None if it cannot be
    read.  ``about``: duty id -> (plan, agency, text) as the content says
    now; ``order``: duty id -> its place in the content."""
    entries: list[dict] = []
    if path.exists():
        data, _ = fm.parse_front_matter(path.read_text(encoding="utf-8"), rel, 1, Report(), what="tệp tiến độ (YAML)")
        if not isinstance(data, dict) or not isinstance(data.get("progress"), list):
            return None
        entries = [dict(item) for item in data["progress"]]
    by_duty: dict[str, dict] = {}
    for entry in entries:
        entry["duty"] = normal_id(str(entry["duty"]))
        entry["reports"] = [_plain_report(r) for r in entry.get("reports") or []]
        by_duty.setdefault(entry["duty"], entry)
    for report in additions:
        entry = by_duty.get(report.duty)
        if entry is None:
            entry = by_duty[report.duty] = {"duty": report.duty, "reports": []}
            entries.append(entry)
        plan, agency, text = about.get(report.duty, (None, None, None))
        entry.update({k: v for k, v in (("plan", plan), ("agency", agency), ("text", text)) if v})
        row = {"date": report.date.isoformat(), "status": report.status, "result": report.result, "evidence": report.evidence, "reason": report.reason}
        if row not in entry["reports"]:
            entry["reports"].append(row)
    for entry in entries:
        entry["reports"].sort(key=lambda r: r["date"])  # stable: a later report of the same day stays later
    entries.sort(key=lambda e: (order.get(e["duty"], len(order)), e["duty"]))
    return render(entries, title)


def _plain_report(raw: dict) -> dict:
    day = raw.get("date")
    if isinstance(day, datetime):
        day = day.date()
    out = {"date": day.isoformat() if isinstance(day, date) else str(day)}
    status = raw.get("status")
    out["status"] = status_code(status) or status
    for name in ("result", "evidence", "reason"):
        value = raw.get(name)
        out[name] = (" ".join(str(value).split()) or None) if value is not None else None
    return out


def render(entries: list[dict], title: str) -> str:
    lines = [
        f"# Tiến độ thực hiện nhiệm vụ: {title}.",
        "# Ghi bởi kehoach progress import; sửa tay được (docs/content-format.md, Progress records),",
        "# nhưng lần nhập sau ghi lại cả tệp: các dòng ghi chú (#) không được giữ.",
        "progress:" if entries else "progress: []",
    ]
    for entry in entries:
        lines.append(f"  - duty: {entry['duty']}")
        for name in ("plan", "agency", "text"):
            if entry.get(name):
                lines.append(f"    {name}: {_scalar(str(entry[name]))}")
        lines.append("    reports:")
        for r in entry["reports"]:
            lines.append(f"      - date: {r['date']}" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) else f"      - date: {_quote(r['date'])}")
            for name in _FIELDS[1:]:
                if r.get(name) is not None:
                    lines.append(f"        {name}: {_scalar(str(r[name]))}")
    return "\n".join(lines) + "\n"


_PLAIN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?|NV-[0-9A-Z]{8}")


def _scalar(text: str) -> str:
    """Ids and codes as they are; any other text double-quoted (JSON's
    quoting is YAML's), so no word of a report is read as YAML."""
    return text if _PLAIN.fullmatch(text) else _quote(text)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write beside the file, then rename over it: a reader (or a build) sees
    the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
