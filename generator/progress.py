"""Follow-up: what bodies report they have done, and each duty's state.

A duty of a body (one task, one assignee) has an id, ``NV-`` and eight
characters, computed from the task's place in its plan (plan id, anchor,
number in the block) and the body's id: editing another paragraph, or
importing the same plan again, gives the same ids.

Progress records live in ``content/tien-do/*.yml`` (schema
``schema/progress.schema.json``): per duty id, dated reports with a status,
a result and the report that says so.  The latest report gives the status;
the build date (and, in the browser, today) turns status and deadline into
the state a clerk follows up on (:func:`duty_state`).
"""

from __future__ import annotations

import difflib
import hashlib
import json
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

import jsonschema

from . import frontmatter as fm
from .diagnostics import Report
from .encoding import read_text
from .load import PROGRESS_DIR
from .model import Deadline, DutyState, ProgressRecord, ProgressReport, Source, Task
from .text import comparable


# What a body reports (the drop-down of the workbook), in the order a report goes.
STATUSES = {
    "chua-thuc-hien": "Chưa thực hiện",
    "dang-thuc-hien": "Đang thực hiện",
    "hoan-thanh": "Hoàn thành",
    "khong-thuc-hien": "Không thực hiện",
}

# The state a duty is in, reported status and deadline read against a day.
STATES = {
    "hoan-thanh-dung-han": "Hoàn thành đúng hạn",
    "hoan-thanh-tre-han": "Hoàn thành trễ hạn",
    "hoan-thanh": "Hoàn thành",  # completed, no due date to be late against
    "khong-thuc-hien": "Không thực hiện",
    "qua-han": "Quá hạn",
    "sap-den-han": "Sắp đến hạn",
    "dang-thuc-hien": "Đang thực hiện",
    "chua-den-han": "Chưa đến hạn",
    "thuong-xuyen": "Thường xuyên",
    "khong-thoi-han": "Không ghi thời hạn",
}
COMPLETED_STATES = ("hoan-thanh-dung-han", "hoan-thanh-tre-han", "hoan-thanh")
SOON_DAYS = 30  # "Sắp đến hạn": due within this many days

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U


def duty_id(task: Task | str, agency_id: str) -> str:
    """``NV-3F7K9Q2M``: the id of one body's duty, from the task's id
    (``plan#anchor[-n]``) and the body's id.  40 bits: the build refuses a
    collision (:func:`check_unique`) rather than merging two duties."""
    key = f"{task.id if isinstance(task, Task) else task}@{agency_id}".encode("utf-8")
    value = int.from_bytes(hashlib.blake2b(key, digest_size=5).digest(), "big")
    chars = []
    for _ in range(8):
        value, r = divmod(value, 32)
        chars.append(_ALPHABET[r])
    return "NV-" + "".join(reversed(chars))


def normal_id(text: str) -> str:
    """A duty id as a person may type it: any case, spaces around, O for 0."""
    text = text.strip().upper()
    if not text.startswith("NV-"):
        return text
    return "NV-" + text[3:].replace("O", "0").replace("I", "1").replace("L", "1")


def status_code(value: object) -> str | None:
    """``hoan-thanh`` from "hoan-thanh", "Hoàn thành", "HOÀN THÀNH"; None if unknown."""
    if not isinstance(value, str):
        return None
    text = comparable(value).strip()
    for code, label in STATUSES.items():
        if text in (code, comparable(label)):
            return code
    return None


# --- reading ------------------------------------------------------------------


@cache
def progress_schema() -> dict:
    text = resources.files("generator").joinpath("schema/progress.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


_HINT = "xem mẫu tệp tiến độ trong docs/content-format.md (Progress records) hoặc dùng kehoach progress import."
_FIELDS = {
    (): ["progress"],
    ("progress",): ["duty", "plan", "agency", "text", "reports"],
    ("progress", "reports"): ["date", "status", "result", "evidence", "reason"],
}


def progress_files(content_dir: Path) -> list[Path]:
    folder = content_dir / PROGRESS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def _rel(path: Path, root: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else str(path)


def load_progress(content_dir: Path, root: Path, report: Report) -> dict[str, ProgressRecord]:
    """Every record of content/tien-do/, by duty id; reports of one id from
    several files or entries are merged (a report given twice counts once)."""
    gathered: dict[str, list] = {}
    for path in progress_files(content_dir):
        rel = _rel(path, root)
        text = read_text(path, rel, report)
        if text is None:
            continue
        data, lines = fm.parse_front_matter(text, rel, 1, report, what="tệp tiến độ (YAML)")
        if data is None:
            continue
        bad = _validate(data, lines, rel, report)
        if () in bad:
            continue
        for i, item in enumerate(data["progress"]):
            if ("progress", i) in bad:
                continue
            entry = _entry(item, ("progress", i), lines, rel, report, bad)
            if entry is not None:
                gathered.setdefault(entry[0], []).append(entry)
    records = {}
    for duty, entries in gathered.items():
        seen = {}
        for _, reports, *_ in entries:
            for r in reports:
                seen.setdefault((r.date, r.status, r.result, r.evidence, r.reason), r)
        ordered = sorted(seen.values(), key=lambda r: (r.date, r.source.file, r.source.line))
        first = entries[0]
        records[duty] = ProgressRecord(
            duty=duty,
            reports=tuple(ordered),
            plan=next((e[2] for e in entries if e[2]), None),
            agency=next((e[3] for e in entries if e[3]), None),
            text=next((e[4] for e in entries if e[4]), None),
            source=first[5],
        )
    return records


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(progress_schema())


def _validate(data: dict, lines: dict, rel: str, report: Report) -> set[tuple]:
    """Report every schema error; return what to leave out: () for the whole
    file, ("progress", i) for one duty's entry, ("progress", i, "reports", j)
    for one report.  The rest of the file is kept."""
    validator = _validator()
    bad: set[tuple] = set()
    for error in sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        path = tuple(error.absolute_path)
        if path and path[-1] == "date" and error.validator == "type" and not isinstance(error.instance, (list, dict)):
            continue  # a date YAML typed as a number is read and reported by parse_iso_date
        bad.add(_scope(path))
        line = fm.line_of(lines, path, 1)
        where = _where(path)
        if error.validator == "additionalProperties":
            shape = tuple(p for p in path if isinstance(p, str))
            allowed = _FIELDS.get(shape, [])
            for name in error.instance:
                if name in allowed:
                    continue
                guess = difflib.get_close_matches(str(name), allowed, n=1)
                report.error(
                    "trường-lạ",
                    f'{where}: có trường không được hỗ trợ "{name}".',
                    Source(rel, fm.line_of(lines, path + (name,), line)),
                    f'có phải "{guess[0]}"?' if guess else f"các trường được dùng: {', '.join(allowed)}.",
                )
        elif error.validator == "pattern":
            report.error(
                "mã-nhiệm-vụ",
                f'{where}: "{error.instance}" không phải mã nhiệm vụ (dạng NV- và 8 ký tự, ví dụ NV-3F7K9Q2M).',
                Source(rel, line),
                "chép mã từ cột “Mã nhiệm vụ” của trang cơ quan hoặc tệp Excel xuất ra.",
            )
        elif error.validator == "minItems":
            report.error("thiếu-trường", f"{where}: cần ít nhất một báo cáo (date, status).", Source(rel, line), _HINT)
        else:
            code, message, hint = fm._describe(error, path, data, getattr(lines, "raw", {}))
            # the plan-specific hints name the front matter; a progress file has its own
            report.error(code, message, Source(rel, line), _HINT if "Hướng dẫn soạn thảo" in hint or "phần đầu tệp" in hint else hint)
    return bad


def _scope(path: tuple) -> tuple:
    """What an error at ``path`` spoils: a report, a duty's entry, or the file."""
    if len(path) >= 4:
        return path[:4]  # ("progress", i, "reports", j)
    if len(path) >= 2:
        return path[:2]  # ("progress", i)
    return ()


def _where(path: tuple) -> str:
    if not path:
        return "tệp tiến độ"
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")


def _entry(item: dict, path: tuple, lines: dict, rel: str, report: Report, bad: set[tuple]):
    line = fm.line_of(lines, path, 1)
    duty = normal_id(item["duty"])
    reports = []
    for j, raw in enumerate(item["reports"]):
        rpath = path + ("reports", j)
        if rpath in bad:
            continue
        rline = fm.line_of(lines, rpath, line)
        when = fm.parse_iso_date(raw["date"], rpath + ("date",), lines, rel, report)
        status = status_code(raw["status"])
        if status is None:
            report.error(
                "trạng-thái",
                f'{_where(rpath + ("status",))}: trạng thái "{raw["status"]}" không có trong danh sách.',
                Source(rel, fm.line_of(lines, rpath + ("status",), rline)),
                "chọn một trong: " + ", ".join(f"{code} ({label})" for code, label in STATUSES.items()) + ".",
            )
        reason = _text(raw.get("reason"))
        if status == "khong-thuc-hien" and not reason:
            report.error(
                "thiếu-lý-do",
                f"{_where(rpath)}: báo cáo “Không thực hiện” phải nêu lý do.",
                Source(rel, rline),
                'thêm dòng reason: "..." (lý do không thực hiện).',
            )
            status = None
        if when is None or status is None:
            continue
        reports.append(
            ProgressReport(duty, when, status, _text(raw.get("result")), _text(raw.get("evidence")), reason, Source(rel, rline))
        )
    if not reports:
        return None
    return (duty, reports, _text(item.get("plan")), _text(item.get("agency")), _text(item.get("text")), Source(rel, line))


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


# --- linking ------------------------------------------------------------------


def check_unique(tasks, report: Report) -> None:
    """Two duties with one id would share their progress: an error (it takes
    a 40-bit collision, or two bodies with one id in one block)."""
    seen: dict[str, tuple[Task, str]] = {}
    for task in tasks:
        for a in task.assignees:
            key = duty_id(task, a.agency)
            if key in seen and (seen[key][0].id, seen[key][1]) != (task.id, a.agency):
                other = seen[key][0]
                report.error(
                    "trùng-mã-nhiệm-vụ",
                    f"hai nhiệm vụ có cùng mã {key} (nhiệm vụ kia ở {other.source}).",
                    task.source,
                    "đổi id của một trong hai văn bản; mã nhiệm vụ được tính từ id văn bản, vị trí đoạn và cơ quan.",
                )
            seen.setdefault(key, (task, a.agency))


def attach(records: dict[str, ProgressRecord], tasks, hidden_tasks, agencies: dict, report: Report) -> dict[str, ProgressRecord]:
    """The records of the duties this build shows.  A record of a duty no plan
    holds any more is reported (orphaned), never dropped in silence; a record
    of a duty in a plan above the audience is left out without a word (its
    existence would tell what that plan assigns)."""
    shown = {duty_id(t, a.agency): (t, a.agency) for t in tasks for a in t.assignees}
    secret = {duty_id(t, a.agency) for t in hidden_tasks for a in t.assignees}
    kept = {}
    for duty, record in records.items():
        if duty in shown:
            task, agency_id = shown[duty]
            if record.agency and record.agency != agency_id:
                report.warning(
                    "tiến-độ-khác-cơ-quan",
                    f"bản ghi tiến độ {duty} ghi cơ quan {record.agency}, nhưng nhiệm vụ này là của {agency_id}.",
                    record.source,
                    "kiểm tra mã nhiệm vụ (có thể đã chép nhầm dòng); sửa agency: cho khớp hoặc xóa dòng agency:.",
                )
            kept[duty] = record
        elif duty not in secret:
            about = ""
            if record.plan or record.text:
                text = (record.text or "")[:80] + ("…" if record.text and len(record.text) > 80 else "")
                about = f" (văn bản {record.plan or '?'}" + (f", cơ quan {record.agency}" if record.agency else "") + (f": “{text}”" if text else "") + ")"
            guess = _moved(record, tasks)
            report.warning(
                "tiến-độ-mồ-côi",
                f"bản ghi tiến độ của nhiệm vụ {duty}{about} không còn khớp nhiệm vụ nào trong các văn bản; "
                f"{len(record.reports)} báo cáo của nó không hiện trên trang.",
                record.source,
                (f"nhiệm vụ có lẽ nay mang mã {guess}; đổi duty: thành mã đó. " if guess else "")
                + "Nếu đoạn văn được đánh số lại hay cơ quan đổi mã, chép mã mới từ trang cơ quan vào duty:; nếu nhiệm vụ đã bỏ, xóa bản ghi.",
            )
    return kept


def _moved(record: ProgressRecord, tasks) -> str | None:
    """The one current duty of the same plan and body with the same text."""
    if not (record.plan and record.agency and record.text):
        return None
    want = comparable(record.text)
    hits = [
        duty_id(t, a.agency)
        for t in tasks
        if t.plan == record.plan
        for a in t.assignees
        if a.agency == record.agency and comparable(" ".join(t.text.split())) == want
    ]
    return hits[0] if len(hits) == 1 else None


def record_of(corpus, task: Task, agency_id: str) -> ProgressRecord | None:
    return corpus.progress.get(duty_id(task, agency_id))


def state_of(corpus, task: Task, agency_id: str, today: date | None = None) -> DutyState:
    """One body's duty on the build date (or ``today``)."""
    return duty_state(task.deadline, record_of(corpus, task, agency_id), today or corpus.today())


# --- states -------------------------------------------------------------------


def period_start(recurrence: str | None, day: date) -> date:
    """The first day of the period of a recurring duty that holds ``day``."""
    if recurrence == "monthly":
        return day.replace(day=1)
    if recurrence == "quarterly":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if recurrence == "half-yearly":
        return date(day.year, 1 if day.month <= 6 else 7, 1)
    return date(day.year, 1, 1)  # yearly, and "thường xuyên": a report a year


def duty_state(deadline: Deadline, record: ProgressRecord | None, today: date) -> DutyState:
    """The state of one body's duty on ``today``.  The same rules run in the
    browser (pages/assets/kehoach.js, ``khState``) against the reader's day."""
    latest = record.latest if record else None
    status = latest.status if latest else None
    due = deadline.due
    if status == "khong-thuc-hien":
        return DutyState("khong-thuc-hien", STATES["khong-thuc-hien"], latest)
    if deadline.kind == "from" and not due and deadline.start and deadline.start > today and status is None:
        return DutyState("chua-den-han", STATES["chua-den-han"], latest)  # starts later, then ongoing
    recurring = deadline.kind == "recurring" or (deadline.kind == "from" and not due)
    if recurring:
        reported = latest is not None and latest.date >= period_start(deadline.recurrence, today)
        return DutyState("thuong-xuyen", STATES["thuong-xuyen"], latest, reported)
    if status == "hoan-thanh":
        if due is None:
            code = "hoan-thanh"
        else:
            code = "hoan-thanh-dung-han" if latest.date <= due else "hoan-thanh-tre-han"
        return DutyState(code, STATES[code], latest)
    if due is not None:
        if due < today:
            code = "qua-han"
        elif due - today <= timedelta(days=SOON_DAYS):
            code = "sap-den-han"
        elif status == "dang-thuc-hien" or (deadline.start and deadline.start <= today):
            code = "dang-thuc-hien"
        else:
            code = "chua-den-han"
        return DutyState(code, STATES[code], latest)
    if status == "dang-thuc-hien" or (deadline.start and deadline.start <= today):
        return DutyState("dang-thuc-hien", STATES["dang-thuc-hien"], latest)
    if deadline.start:
        return DutyState("chua-den-han", STATES["chua-den-han"], latest)
    return DutyState("khong-thoi-han", STATES["khong-thoi-han"], latest)
