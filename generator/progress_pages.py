"""Progress on the pages: state badges, duty ids, the history of reports,
completion figures, and the plan page's "Tiến độ thực hiện" panel.

Every state is computed for the build date (``corpus.today()``), so a page
read without script says where things stood then; kehoach.js computes the
same state again against the reader's day (``window.kehoach.state``, the
rules of :func:`generator.progress.duty_state`) from the attributes written
here: ``data-kind``, ``data-due``, ``data-start``, ``data-recurrence`` (the
deadline) and ``data-status``, ``data-reported`` (the latest report).
"""

from __future__ import annotations

from . import labels
from .citation_index import evidence_href
from .links import agency_md, plan_md, relative
from .model import Corpus, DutyState, ProgressRecord, Task
from functools import lru_cache

from .progress import COMPLETED_STATES, STATES, STATUSES, duty_id, duty_state
from .render import esc, vn_date, vn_int

# The order a clerk reads states in: what needs chasing first, the finished last.
ORDER = (
    "qua-han",
    "sap-den-han",
    "dang-thuc-hien",
    "chua-den-han",
    "thuong-xuyen",
    "khong-thoi-han",
    "khong-thuc-hien",
    "hoan-thanh-tre-han",
    "hoan-thanh-dung-han",
    "hoan-thanh",
)
assert set(ORDER) == set(STATES)

STATE_OPTIONS = "".join(f'<option value="{code}">{esc(STATES[code])}</option>' for code in ORDER)

COPY_TITLE = "Mã nhiệm vụ: ghi mã này khi báo cáo tiến độ (bấm vào mã để chọn, nút Chép để chép)"


@lru_cache(maxsize=1 << 14)
def _key(task_id: str, agency_id: str) -> str:
    return duty_id(task_id, agency_id)


def key_of(task: Task, agency_id: str) -> str:
    """progress.duty_id, remembered: a page asks for the same duty's id
    several times (its row, its state, the figures), and hashing was the
    largest cost of these pages on a large corpus."""
    return _key(task.id, agency_id)


def record_of(corpus: Corpus, task: Task, agency_id: str) -> ProgressRecord | None:
    return corpus.progress.get(_key(task.id, agency_id)) if corpus.progress else None


def state_of_duty(corpus: Corpus, task: Task, agency_id: str) -> DutyState:
    return duty_state(task.deadline, record_of(corpus, task, agency_id), corpus.today())


def deadline_data(task: Task) -> dict[str, str]:
    """The deadline as the browser reads it (data-kind, data-due, data-start, data-recurrence)."""
    d = task.deadline
    attrs = {"data-kind": d.kind}
    if d.due:
        attrs["data-due"] = d.due.isoformat()
    if d.start:
        attrs["data-start"] = d.start.isoformat()
    if d.recurrence:
        attrs["data-recurrence"] = d.recurrence
    return attrs


def report_data(key: str, record: ProgressRecord | None) -> dict[str, str]:
    """One body's duty: its id and latest report (data-id, data-status, data-reported)."""
    attrs = {"data-id": key}
    if record is not None:
        attrs["data-status"] = record.latest.status
        attrs["data-reported"] = record.latest.date.isoformat()
    return attrs


def attrs_html(attrs: dict[str, str]) -> str:
    return " ".join(f'{k}="{esc(v)}"' for k, v in attrs.items())


def state_badge(state: DutyState, hidden: bool = False) -> str:
    """The state as a badge; kehoach.js rewrites it for the reader's day."""
    return (
        f'<span class="kh-state kh-state-{state.code}" data-pagefind-ignore{" hidden" if hidden else ""}>{esc(state.label)}</span>'
    )


def period_note(state: DutyState, task: Task) -> str:
    """A recurring duty: whether the current period (year, quarter, month)
    has a report.  Written (hidden) for a duty that recurs only from a later
    start, so that kehoach.js can show it once the start has come."""
    d = task.deadline
    if not (d.kind == "recurring" or (d.kind == "from" and not d.due)):
        return ""
    reported = state.period_reported
    word = "Kỳ này đã báo cáo" if reported else "Kỳ này chưa báo cáo"
    return (
        f' <span class="kh-period kh-period-{"yes" if reported else "no"}" data-pagefind-ignore'
        f'{" hidden" if reported is None else ""}>{word}</span>'
    )


def id_html(key: str) -> str:
    """The duty id, small and monospace: one click selects it (CSS user-select),
    the button copies it (shown by kehoach.js, which falls back to selecting)."""
    return (
        f'<span class="kh-id" title="{COPY_TITLE}"><code class="kh-id-code">{esc(key)}</code>'
        f'<button type="button" class="kh-copy" data-copy="{esc(key)}" hidden>Chép</button></span>'
    )


def _report_html(report, plan, here: str, corpus: Corpus) -> str:
    bits = [
        f'<span class="kh-date">{vn_date(report.date)}</span>',
        f'<span class="kh-status kh-status-{report.status}">{esc(STATUSES[report.status])}</span>',
    ]
    text = ""
    if report.result:
        text += f'<span class="kh-result">{esc(report.result)}</span>'
    if report.reason:
        text += f' <span class="kh-reason">Lý do: {esc(report.reason)}</span>'
    if report.evidence:
        href = evidence_href(report.evidence, plan, here, corpus.citations)
        doc = f'<a href="{esc(href)}">{esc(report.evidence)}</a>' if href else esc(report.evidence)
        text += f' <span class="kh-evidence">Văn bản: {doc}</span>'
    return " ".join(bits) + (f"<br>{text.strip()}" if text else "")


def history_html(record: ProgressRecord | None, plan, here: str, corpus: Corpus) -> str:
    """The latest report, and the earlier ones newest first, folded away."""
    if record is None:
        return '<span class="kh-missing kh-no-report">Chưa có báo cáo</span>'
    reports = list(reversed(record.reports))
    out = f'<div class="kh-report kh-report-latest">{_report_html(reports[0], plan, here, corpus)}</div>'
    if len(reports) > 1:
        items = "".join(f'<li class="kh-report">{_report_html(r, plan, here, corpus)}</li>' for r in reports[1:])
        out += f'<details class="kh-history"><summary>Các báo cáo trước ({len(reports) - 1})</summary><ol reversed>{items}</ol></details>'
    return out


def progress_cell(corpus: Corpus, task: Task, agency_id: str, here: str) -> tuple[dict[str, str], str]:
    """One body's duty in a list: the row's attributes and its "Tiến độ" cell."""
    key = key_of(task, agency_id)
    record = record_of(corpus, task, agency_id)
    state = duty_state(task.deadline, record, corpus.today())
    attrs = {**report_data(key, record), "data-state": state.code}
    cell = (
        f'<td data-label="Tiến độ" data-sort="{ORDER.index(state.code):02d}">{state_badge(state)}{period_note(state, task)}'
        f"{history_html(record, corpus.plan(task.plan), here, corpus)}</td>"
    )
    return attrs, cell


def headline(states: list[tuple[str, str]]) -> str:
    """The state a list shows for a duty shared by several bodies: of the
    bodies that lead it (else of all), the one most in need of follow-up
    (ORDER).  ``states``: (role, state code).  The same rule is in kehoach.js."""
    leads = [code for role, code in states if role == "lead"]
    pool = leads or [code for _, code in states]
    return min(pool, key=ORDER.index)


# --- completion figures ---------------------------------------------------------


def _data_blob(items: list[tuple[Task, str]], corpus: Corpus) -> str:
    """Every duty counted, for kehoach.js to count again on the reader's day:
    "n*kind,due,start,recurrence,status,reported" per kind of duty, joined by
    ";" (a body of thousands of duties has few distinct ones)."""
    seen: dict[tuple[str, ...], int] = {}
    for task, agency_id in items:
        d = task.deadline
        record = record_of(corpus, task, agency_id)
        key = (
            d.kind,
            d.due.isoformat() if d.due else "",
            d.start.isoformat() if d.start else "",
            d.recurrence or "",
            record.latest.status if record else "",
            record.latest.date.isoformat() if record else "",
        )
        seen[key] = seen.get(key, 0) + 1
    return ";".join(f"{n}*{','.join(key)}" for key, n in sorted(seen.items()))


def counts_html(items: list[tuple[Task, str]], corpus: Corpus, link: bool = False) -> str:
    """Completion figures of ``items`` ((task, body id) pairs): how many are
    completed, and how many are in each state, on the build date; kehoach.js
    counts again for the reader's day.  ``link``: each figure filters the list
    below (?trang-thai=…), when the whole list is on this page."""
    counts = {code: 0 for code in ORDER}
    for task, agency_id in items:
        counts[state_of_duty(corpus, task, agency_id).code] += 1
    total = len(items)
    done = sum(counts[c] for c in COMPLETED_STATES)
    rate = f"{(200 * done + total) // (2 * total)} %" if total else "–"  # half up, as Math.round
    cells = []
    for code in ORDER:
        label = esc(STATES[code])
        if link:
            label = f'<a href="?trang-thai={code}" title="Chỉ hiện nhiệm vụ {esc(STATES[code].lower())}">{label}</a>'
        cells.append(
            f'<li class="kh-count-{code}" data-count-state="{code}"{"" if counts[code] else " hidden"}>'
            f'<span class="kh-dot kh-state-{code}"></span>{label}: <strong>{vn_int(counts[code])}</strong></li>'
        )
    day = vn_date(corpus.today())
    return (
        f'<div class="kh-progress" data-pagefind-ignore data-kh-progress="{esc(_data_blob(items, corpus))}">'
        f'<p class="kh-progress-done">Đã hoàn thành <strong data-kh-done>{vn_int(done)}</strong>/{vn_int(total)} nhiệm vụ '
        f'(<span data-kh-rate>{rate}</span>) <span class="kh-asof">— tính đến ngày <span data-kh-today>{day}</span></span></p>'
        f'<ul class="kh-counts kh-state-counts">{"".join(cells)}</ul></div>\n'
    )


# --- the plan page's panel --------------------------------------------------------


def progress_panel(plan, corpus: Corpus, tasks, here: str | None = None) -> str:
    """ "Tiến độ thực hiện" on a plan's page: k of n duties (one per body)
    completed, the count of each state, and the overdue duties with links to
    their paragraph and their body's page.  Duties not overdue on the build
    date but due later are listed hidden: kehoach.js shows those overdue on
    the reader's day."""
    here = here or plan_md(plan.id)
    items = [(t, a.agency) for t in tasks if t.plan == plan.id for a in t.assignees if a.agency in corpus.agencies]
    if not items:
        return ""
    places = labels.plan_places(plan)
    # Duties due and not done, one item per paragraph's duty with its bodies;
    # those due later are written hidden for kehoach.js to show when their day has passed.
    late: dict[str, tuple[Task, list]] = {}
    for task, agency_id in items:
        state = state_of_duty(corpus, task, agency_id)
        if task.deadline.due is None or state.completed or state.code == "khong-thuc-hien":
            continue
        late.setdefault(task.id, (task, []))[1].append((agency_id, state))
    ordered = sorted(late.values(), key=lambda x: (x[0].deadline.due, x[0].source.line, x[0].number, x[0].id))
    rows = []
    overdue = 0
    for task, bodies in ordered:
        names = []
        for agency_id, state in bodies:
            agency = corpus.agencies[agency_id]
            role = next(a.role for a in task.assignees if a.agency == agency_id)
            attrs = {**report_data(key_of(task, agency_id), record_of(corpus, task, agency_id)), "data-state": state.code}
            overdue += state.code == "qua-han"
            names.append(
                f'<span class="kh-late-body" {attrs_html(attrs)}{"" if state.code == "qua-han" else " hidden"}>'
                f'<a href="{esc(relative(here, agency_md(agency_id)))}">{esc(agency.name)}</a>'
                f' <span class="kh-role">({labels.ROLES[role].lower()})</span></span>'
            )
        shown = any(state.code == "qua-han" for _, state in bodies)
        where = places.get(task.anchor)
        text = labels.duty_text(task.text)
        short = text if len(text) <= 140 else text[:137].rsplit(" ", 1)[0] + " …"
        rows.append(
            f'<li class="kh-late" {attrs_html(deadline_data(task))}{"" if shown else " hidden"}>'
            f'<span class="kh-date">hạn {vn_date(task.deadline.due)}</span> '
            + (f'<a class="kh-where" href="#{esc(task.anchor)}">{esc(where)}</a> ' if where else "")
            + f'<a class="kh-duty-link" href="#{esc(task.anchor)}">{esc(short)}</a> — {"".join(names)}</li>'
        )
    late_html = ""
    if rows:
        late_html = (
            f'<p class="kh-late-caption">Quá hạn: <strong data-kh-late-count>{vn_int(overdue)}</strong> nhiệm vụ</p>'
            f'<ol class="kh-late-list">{"".join(rows)}</ol>'
        )
    return (
        '<section class="kh-progress-panel" data-pagefind-ignore>'
        '<p class="kh-progress-caption">Tiến độ thực hiện</p>\n'
        + counts_html(items, corpus)
        + late_html
        + '<p class="kh-progress-note">Mỗi cơ quan được giao tính là một nhiệm vụ; trạng thái theo báo cáo tiến độ '
        "(thư mục content/tien-do) và thời hạn ghi trong văn bản.</p>"
        + "</section>\n"
    )
