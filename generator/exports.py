"""Data exports at stable paths: data/tasks.json and data/tasks.csv for the
whole site, data/co-quan/<body>.csv and .xlsx for each body that holds duties.

One record per (duty, body), with the duty's id (``NV-...``), its state on
the build date and the latest progress report, if any.  tasks.json is for
programs (English keys, codes); the CSV and Excel files are for people:
Vietnamese headers, roles, kinds of deadline and states in words.  The CSV is UTF-8 with a BOM so that Excel shows
Vietnamese correctly.  Duty text never carries the plan's raw footnote marks.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from functools import lru_cache
from typing import Iterable, Iterator

from . import labels
from .links import html_path, plan_md
from .model import Corpus
from .progress import STATUSES, duty_id, duty_state

# The columns of tasks.csv and of each body's spreadsheet, in Vietnamese.
# The follow-up columns come last, so that a sheet or a script that reads the
# earlier columns by position keeps working.
FIELDS = [
    "Mã văn bản", "Văn bản", "Mã cơ quan", "Cơ quan", "Tổ chức", "Vai trò", "Nhiệm vụ", "Vị trí trong văn bản",
    "Thời hạn (nguyên văn)", "Loại thời hạn", "Hạn chót", "Bắt đầu", "Đường dẫn", "Tệp nguồn", "Dòng", "Đã duyệt",
    "Mã nhiệm vụ", "Trạng thái", "Ngày báo cáo gần nhất", "Tình hình báo cáo", "Kết quả", "Văn bản báo cáo", "Lý do không thực hiện",
]
# A recurring duty's state says whether the current period has its report.
PERIOD_WORDS = {True: "kỳ này đã báo cáo", False: "kỳ này chưa báo cáo"}
REVIEWED_WORDS = {True: "Đã duyệt", False: "Chưa duyệt"}


@lru_cache(maxsize=256)
def _places(plan) -> dict[str, str]:
    return labels.plan_places(plan)


def task_records(corpus: Corpus) -> list[dict]:
    return list(iter_task_records(corpus))


def iter_task_records(corpus: Corpus) -> Iterator[dict]:
    today = corpus.today() if corpus.tasks else None  # the build date: a state is "as of" it
    for task in corpus.tasks:
        for assignment in task.assignees:
            agency = corpus.agencies.get(assignment.agency)
            d = task.deadline
            plan = corpus.plan(task.plan)
            key = duty_id(task, assignment.agency)
            record = corpus.progress.get(key)
            state = duty_state(d, record, today)
            yield (
                {
                    "id": key,
                    "state": {"code": state.code, "label": state.label, "period_reported": state.period_reported},
                    "report": _report(record, plan, corpus),
                    "plan": task.plan,
                    "agency": assignment.agency,
                    "agency_name": agency.name if agency else assignment.agency,
                    "role": assignment.role,
                    "text": labels.duty_text(task.text),
                    "context": labels.duty_text(task.context) or None,
                    "place": _places(plan).get(task.anchor),
                    "deadline": {
                        "phrase": d.phrase,
                        "kind": d.kind,
                        "due": d.due.isoformat() if d.due else None,
                        "start": d.start.isoformat() if d.start else None,
                        "recurrence": d.recurrence,
                        "condition": d.condition,
                    },
                    "url": html_path(plan_md(task.plan)) + "#" + task.anchor,
                    "via": (html_path(plan_md(task.plan)) + "#" + task.via) if task.via else None,
                    "source": {"file": task.source.file, "line": task.source.line},
                    "reviewed": not corpus.unreviewed(task, assignment.agency),
                }
            )


def _report(record, plan, corpus: Corpus) -> dict | None:
    """The latest report on a duty, as tasks.json gives it (``reports``: how many in its history)."""
    if record is None:
        return None
    from .citation_index import evidence_href

    r = record.latest
    return {
        "date": r.date.isoformat(),
        "status": r.status,
        "status_label": STATUSES[r.status],
        "result": r.result,
        "evidence": r.evidence,
        "evidence_url": evidence_href(r.evidence, plan, "index.md", corpus.citations),
        "reason": r.reason,
        "reports": len(record.reports),
    }


def tasks_json(corpus: Corpus) -> str:
    return "".join(tasks_json_pieces(corpus))


def tasks_json_pieces(corpus: Corpus) -> Iterator[str]:
    """``{"tasks": [...]}`` with one record per line, keys sorted: readable,
    a changed duty is a changed line, and json's C encoder writes it (with
    ``indent`` json falls back to its pure-Python encoder, 3x slower).
    Yielded a line at a time: the file is never whole in memory.  ``as_of``:
    the day the states are computed for (the build date)."""
    pieces = json_lines("tasks", iter_task_records(corpus))
    next(pieces)
    yield '{"as_of": "%s", "tasks": [' % corpus.today().isoformat()
    yield from pieces


def json_lines(key: str | None, records: Iterable) -> Iterator[str]:
    """A JSON array (in an object under ``key``, if given) of one record per line."""
    yield ('{"%s": [' % key) if key else "["
    first = True
    for record in records:
        yield ("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False, sort_keys=True)
        first = False
    yield ("" if first else "\n") + ("]}\n" if key else "]\n")


def tasks_csv(corpus: Corpus) -> bytes:
    return b"".join(tasks_csv_pieces(corpus))


def _row(record: dict, corpus: Corpus) -> list:
    """A record as the people's files show it: words, not codes."""
    plan = corpus.plan(record["plan"])
    agency = corpus.agencies.get(record["agency"])
    org = corpus.organisations.get(agency.organisation) if agency else None
    d = record["deadline"]
    from .pages import plan_short_title

    text = record["text"] if not record["context"] else f"{record['context']} {record['text']}"
    state = record["state"]
    state_words = state["label"] + (f" ({PERIOD_WORDS[state['period_reported']]})" if state["period_reported"] is not None else "")
    report = record["report"] or {}
    return [
        record["plan"], plan_short_title(plan), record["agency"], record["agency_name"], org.name if org else "",
        labels.ROLES.get(record["role"], record["role"]), text, record["place"] or "",
        d["phrase"], labels.DEADLINE_KINDS.get(d["kind"], d["kind"]), d["due"] or "", d["start"] or "",
        record["url"], record["source"]["file"], record["source"]["line"], REVIEWED_WORDS[record["reviewed"]],
        record["id"], state_words, report.get("date") or "", report.get("status_label") or "",
        report.get("result") or "", report.get("evidence") or "", report.get("reason") or "",
    ]


def tasks_csv_pieces(corpus: Corpus, rows_per_piece: int = 2000, records: Iterable[dict] | None = None) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    yield "\ufeff".encode()
    for n, r in enumerate(iter_task_records(corpus) if records is None else records, 1):
        writer.writerow(_row(r, corpus))
        if n % rows_per_piece == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


# --- one body's duties -------------------------------------------------------------


def agency_records(corpus: Corpus, agency_id: str, tasks) -> list[dict]:
    """The records of one body (``tasks``: the duties it holds)."""
    return [r for r in iter_task_records(_Only(corpus, tasks)) if r["agency"] == agency_id]


class _Only:
    """The corpus seen through some of its duties (iter_task_records reads only these)."""

    def __init__(self, corpus: Corpus, tasks):
        self._corpus, self.tasks = corpus, tasks

    def __getattr__(self, name):
        return getattr(self._corpus, name)


def agency_csv(corpus: Corpus, records: list[dict]) -> bytes:
    return b"".join(tasks_csv_pieces(corpus, records=records))


# Column widths of the spreadsheet, in characters (the duty's text is the wide one).
_WIDTHS = {
    "Nhiệm vụ": 80, "Văn bản": 30, "Cơ quan": 28, "Tổ chức": 24, "Vị trí trong văn bản": 22, "Thời hạn (nguyên văn)": 28, "Đường dẫn": 40,
    "Trạng thái": 24, "Tình hình báo cáo": 18, "Kết quả": 50, "Văn bản báo cáo": 36, "Lý do không thực hiện": 36,
}
_DATE_FIELDS = ("Hạn chót", "Bắt đầu", "Ngày báo cáo gần nhất")


def agency_xlsx(corpus: Corpus, records: list[dict], title: str) -> bytes:
    """One body's duties as an Excel workbook: a header row that stays in
    view, dates as dates, the duty wrapped.  The bytes depend only on the
    input (the build date stands for the creation time, and every member of
    the zip carries it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append(FIELDS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    date_cols = [FIELDS.index(name) for name in _DATE_FIELDS]
    for record in records:
        row = _row(record, corpus)
        for col in date_cols:
            row[col] = date.fromisoformat(row[col]) if row[col] else None
        sheet.append(row)
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, name in enumerate(FIELDS, 1):
        letter = sheet.cell(row=1, column=n).column_letter
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, 14)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=n, max_col=n):
            cell.alignment = wrap
            if n - 1 in date_cols:
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    stamp = corpus.build_date or date(2000, 1, 1)
    from datetime import datetime

    when = datetime(stamp.year, stamp.month, stamp.day)
    book.properties.creator = "kehoach"
    book.properties.title = title
    book.properties.created = book.properties.modified = when
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue(), when)


_MODIFIED = re.compile(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_zip(data: bytes, when) -> bytes:
    """The same zip with every member dated ``when``, and ``when`` as the
    time of the last change (openpyxl writes the time of saving for both)."""
    out = io.BytesIO()
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            member = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                member = _MODIFIED.sub(lambda m: m.group(1) + iso + m.group(2), member)
            dst.writestr(fixed, member)
    return out.getvalue()
