"""The timeline: dated duties by year and quarter, then ongoing, periodic,
conditional and undated ones.  States (quá hạn, sắp đến hạn ...) are computed
in the browser from today's date (pages/assets/kehoach.js), so a copy opened
months after the build is still right; without script the dates still show.
"""

from __future__ import annotations

from datetime import date

from .agency_pages import deadline_attrs, deadline_html
from .links import agency_md, plan_md, relative
from .model import Corpus, Task
from .pages import organisation_order, plan_short_title
from .render import esc, vn_date
from .text import sort_key

PATH = "moc-thoi-gian.md"

SECTIONS = [
    ("from", "Bắt đầu thực hiện từ", "Nhiệm vụ bắt đầu từ một thời điểm rồi thực hiện liên tục."),
    ("ongoing", "Thực hiện thường xuyên", "Nhiệm vụ không có hạn cụ thể, thực hiện thường xuyên."),
    ("periodic", "Định kỳ", "Nhiệm vụ lặp lại hằng năm, hằng quý, hằng tháng ..."),
    ("conditional", "Khi có điều kiện", "Nhiệm vụ thực hiện khi có văn bản, hướng dẫn của cấp trên hoặc theo lộ trình của văn bản khác."),
    ("undated", "Chưa ghi thời hạn", "Nhiệm vụ không ghi thời hạn, hoặc thời hạn chưa đọc được (giữ nguyên văn)."),
]

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def section_of(task: Task) -> str:
    d = task.deadline
    if d.due:
        return "dated"
    if d.kind == "from":
        return "from"
    if d.kind == "recurring":
        return "ongoing" if d.recurrence in ("ongoing", None) else "periodic"
    if d.kind == "conditional":
        return "conditional"
    return "undated"


def _row(task: Task, corpus: Corpus) -> str:
    plan = corpus.plan(task.plan)
    org = corpus.organisations.get(plan.organisation)
    names = []
    for a in task.assignees:
        agency = corpus.agencies.get(a.agency)
        if agency:
            names.append(f'<a href="{esc(relative(PATH, agency_md(agency.id)))}">{esc(agency.name)}</a>')
    year = ""
    if task.deadline.due:
        year = str(task.deadline.due.year)
    elif task.deadline.start:
        year = str(task.deadline.start.year)
    attrs = (
        f'data-agencies="{esc(" ".join(a.agency for a in task.assignees))}" data-plan="{esc(plan.id)}" '
        f'data-org="{esc(plan.organisation)}" data-year="{year}" {deadline_attrs(task)}'
    )
    href = relative(PATH, plan_md(plan.id) + "#" + task.anchor)
    context = f'<span class="kh-context">{esc(task.context)}</span> ' if task.context else ""
    return (
        f'<tr class="kh-duty" {attrs}>'
        f"<td>{deadline_html(task)}<span class=\"kh-state\" hidden></span></td>"
        f'<td>{context}<a class="kh-duty-link" href="{esc(href)}">{esc(task.text)}</a></td>'
        f'<td>{", ".join(names)}</td>'
        f'<td><a href="{esc(relative(PATH, plan_md(plan.id)))}">{esc(plan_short_title(plan))}</a>'
        f'<br><span class="kh-org">{esc(org.name if org else plan.organisation)}</span></td></tr>'
    )


_HEAD = "<thead><tr><th>Thời hạn</th><th>Nhiệm vụ</th><th>Cơ quan</th><th>Văn bản</th></tr></thead>"


def _table(rows: list[str]) -> str:
    return f'<table class="kh-table kh-timeline">{_HEAD}<tbody>{"".join(rows)}</tbody></table>\n'


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
    return f'<label>{esc(label)} <select data-filter="{name}"><option value="">Tất cả</option>{opts}</select></label>'


def timeline_page(corpus: Corpus) -> str:
    groups: dict[str, list[Task]] = {}
    for task in corpus.tasks:
        groups.setdefault(section_of(task), []).append(task)
    out = []
    dated = sorted(groups.get("dated", []), key=lambda t: (t.deadline.due, t.plan, t.anchor))
    out.append('<h2 id="co-han">Có hạn cụ thể</h2>\n')
    if not dated:
        out.append('<p class="kh-missing">Không có nhiệm vụ nào có hạn cụ thể.</p>\n')
    current_year = None
    rows: list[str] = []
    current_quarter = None
    for task in dated:
        due = task.deadline.due
        quarter = (due.month - 1) // 3 + 1
        if due.year != current_year or quarter != current_quarter:
            if rows:
                out.append(_table(rows))
                rows = []
            if due.year != current_year:
                out.append(f'<h3 id="nam-{due.year}">Năm {due.year}</h3>\n')
                current_year = due.year
            out.append(f'<h4 id="nam-{due.year}-quy-{quarter}">Quý {ROMAN_QUARTERS[quarter]}/{due.year}</h4>\n')
            current_quarter = quarter
        rows.append(_row(task, corpus))
    if rows:
        out.append(_table(rows))
    for key, title, lead in SECTIONS:
        tasks = groups.get(key, [])
        tasks = sorted(tasks, key=lambda t: (t.deadline.start or t.deadline.due or corpus.plan(t.plan).date or date.max, t.plan, t.anchor))
        out.append(f'<h2 id="{key}">{title} <span class="kh-count">{len(tasks)}</span></h2>\n<p class="kh-lead">{lead}</p>\n')
        if tasks:
            out.append(_table([_row(t, corpus) for t in tasks]))
    agencies_used = {a.agency for t in corpus.tasks for a in t.assignees if a.agency in corpus.agencies}
    agency_options = sorted(((a, corpus.agencies[a].name) for a in agencies_used), key=lambda x: (sort_key(x[1]), x[0]))
    plan_options = [(p.id, plan_short_title(p)) for p in sorted(corpus.plans, key=lambda p: sort_key(plan_short_title(p)))]
    org_options = [(o.id, o.name) for o in organisation_order(corpus.organisations) if any(p.organisation == o.id for p in corpus.plans)]
    years = sorted({(t.deadline.due or t.deadline.start).year for t in corpus.tasks if t.deadline.due or t.deadline.start})
    filters = (
        '<form class="kh-filters" data-filter-for=".kh-timeline" hidden>'
        + _select("agencies", "Cơ quan", agency_options)
        + _select("plan", "Văn bản", plan_options)
        + _select("org", "Tổ chức", org_options)
        + _select("year", "Năm", [(str(y), str(y)) for y in years])
        + _select("state", "Trạng thái", [("qua-han", "Quá hạn"), ("sap-den-han", "Sắp đến hạn (≤ 30 ngày)"), ("con-han", "Còn hạn"), ("dang-thuc-hien", "Đang thực hiện")])
        + '<output class="kh-filter-count"></output></form>\n'
    )
    built = f" Số liệu theo các văn bản có đến ngày {vn_date(corpus.build_date)}." if corpus.build_date else ""
    return (
        "---\n"
        'title: "Mốc thời gian"\n'
        "hide: [navigation, toc]\n"
        "---\n\n"
        "# Mốc thời gian\n\n"
        f'<p class="kh-lead">{len(corpus.tasks)} nhiệm vụ, xếp theo thời hạn.{built} '
        "Trạng thái (quá hạn, sắp đến hạn, còn hạn, đang thực hiện) tính theo ngày hôm nay trên máy của bạn.</p>\n\n"
        + filters
        + "\n"
        + "".join(out)
    )
