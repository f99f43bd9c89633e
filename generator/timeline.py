"""The timeline: dated duties by year and quarter, then ongoing, periodic,
conditional and undated ones.  States (quá hạn, sắp đến hạn ...) are computed
in the browser from today's date (pages/assets/kehoach.js), so a copy opened
months after the build is still right; without script the dates still show.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from . import labels
from .agency_pages import deadline_attrs, deadline_html, filter_bar, filter_labels, place_html, unreviewed_mark
from .links import agency_md, plan_md, relative
from .model import Corpus, Task
from .pages import organisation_order, plan_short_title
from .paging import DEFAULT_PAGE_ROWS, page_md, pager
from .progress import duty_state
from .progress_pages import ORDER, STATES, attrs_html, headline, key_of, record_of, report_data, state_badge
from .render import esc, vn_date, vn_int, yaml_string
from .text import sort_key

PATH = "moc-thoi-gian.md"
DIR = "moc-thoi-gian"

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


@lru_cache(maxsize=256)
def _places(plan) -> dict[str, str]:
    return labels.plan_places(plan)


def _row(task: Task, corpus: Corpus, here: str = PATH) -> str:
    plan = corpus.plan(task.plan)
    org = corpus.organisations.get(plan.organisation)
    holders = []  # (assignment, agency, id, record, state) of each body shown
    for a in task.assignees:
        agency = corpus.agencies.get(a.agency)
        if agency:
            record = record_of(corpus, task, a.agency)
            holders.append((a, agency, key_of(task, a.agency), record, duty_state(task.deadline, record, corpus.today())))
    # A duty of one body: the row is that body's duty.  Of several: each body
    # carries its own report (kh-holder), the row shows the state of the
    # bodies that lead it (progress_pages.headline), and a body whose state
    # differs from it shows its own badge.
    state = headline([(a.role, s.code) for a, _, _, _, s in holders]) if holders else None
    names = []
    for a, agency, key, record, own in holders:
        link = f'<a href="{esc(relative(here, agency_md(agency.id)))}">{esc(agency.name)}</a>'
        if len(holders) > 1:
            link = (
                f'<span class="kh-holder" {attrs_html(report_data(key, record))} data-role="{a.role}">{link}'
                f"{state_badge(own, hidden=own.code == state)}</span>"
            )
        names.append(link)
    year = ""
    if task.deadline.due:
        year = str(task.deadline.due.year)
    elif task.deadline.start:
        year = str(task.deadline.start.year)
    attrs = (
        f'data-agencies="{esc(" ".join(a.agency for a in task.assignees))}" data-plan="{esc(plan.id)}" '
        f'data-org="{esc(plan.organisation)}" data-year="{year}" {deadline_attrs(task)}'
    )
    if len(holders) == 1:
        attrs += " " + attrs_html(report_data(holders[0][2], holders[0][3]))
    shown = next((s for *_, s in holders if s.code == state), None) or duty_state(task.deadline, None, corpus.today())
    attrs += f' data-state="{shown.code}"'
    badge = state_badge(shown)
    href = relative(here, plan_md(plan.id) + "#" + task.anchor)
    context = f'<span class="kh-context">{esc(labels.duty_text(task.context))}</span> ' if task.context else ""
    return (
        f'<tr class="kh-duty" {attrs}>'
        f'<td data-label="Thời hạn">{deadline_html(task)}<br>{badge}</td>'
        f'<td data-label="Nhiệm vụ">{context}<a class="kh-duty-link" href="{esc(href)}">{esc(labels.duty_text(task.text))}</a>{unreviewed_mark(corpus, task)}</td>'
        f'<td data-label="Cơ quan">{", ".join(names)}</td>'
        f'<td data-label="Văn bản"><a href="{esc(relative(here, plan_md(plan.id)))}">{_unbroken_number(plan)}</a>'
        f'<br>{place_html(task, _places(plan))}<span class="kh-org">{esc(org.name if org else plan.organisation)}</span></td></tr>'
    )


def _unbroken_number(plan) -> str:
    """The plan's short title with its number kept on one line (90-KH/HU never breaks at its hyphen)."""
    title = esc(plan_short_title(plan))
    if plan.number:
        number = esc(plan.number)
        title = title.replace(number, f'<span class="kh-num">{number}</span>', 1)
    return title


_HEAD = "<thead><tr><th>Thời hạn</th><th>Nhiệm vụ</th><th>Cơ quan</th><th>Văn bản</th></tr></thead>"


def _table(rows: list[str]) -> str:
    return f'<table class="kh-table kh-timeline kh-cards">{_HEAD}<tbody>{"".join(rows)}</tbody></table>\n'


# Address parameters of the filters (?co-quan=…&trang-thai=…): a filtered list can be shared.
PARAMS = {"agencies": "co-quan", "plan": "van-ban", "org": "to-chuc", "year": "nam", "state": "trang-thai"}


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
    return f'<label>{esc(label)} <select data-filter="{name}" data-param="{PARAMS[name]}"><option value="">Tất cả</option>{opts}</select></label>'


def _count(n: int) -> str:
    return f' <span class="kh-count" data-kh-count>{vn_int(n)}</span>'


@lru_cache(maxsize=1 << 16)
def _name_key(name: str):
    """sort_key of a plan title or body name; every page of the timeline sorts the same names again."""
    return sort_key(name)


def _filters(corpus: Corpus, tasks) -> str:
    """The filter bar, offering only what the rows on this page hold."""
    plan_ids = {t.plan for t in tasks}
    agencies_used = {a.agency for t in tasks for a in t.assignees if a.agency in corpus.agencies}
    names = _filter_labels(corpus)
    agency_options = sorted(((a, names[a]) for a in agencies_used), key=lambda x: (_name_key(x[1]), x[0]))
    plans = [corpus.plan(pid) for pid in plan_ids]
    plan_options = [(p.id, plan_short_title(p)) for p in sorted(plans, key=lambda p: (_name_key(plan_short_title(p)), p.id))]
    orgs_used = {p.organisation for p in plans}
    org_options = [(o.id, o.name) for o in organisation_order(corpus.organisations) if o.id in orgs_used]
    years = sorted({(t.deadline.due or t.deadline.start).year for t in tasks if t.deadline.due or t.deadline.start})
    return filter_bar(
        ".kh-timeline",
        _select("agencies", "Cơ quan", agency_options)
        + _select("plan", "Văn bản", plan_options)
        + _select("org", "Tổ chức", org_options)
        + _select("year", "Năm", [(str(y), str(y)) for y in years])
        + _select("state", "Trạng thái", [(code, STATES[code]) for code in ORDER]),
    )


_LABELS: dict[int, dict[str, str]] = {}


def _filter_labels(corpus: Corpus) -> dict[str, str]:
    """Body names made unique by their organisation, once per corpus (every page of the timeline asks)."""
    key = id(corpus)
    if key not in _LABELS:
        _LABELS.clear()
        _LABELS[key] = filter_labels(corpus)
    return _LABELS[key]


def _head(title: str, heading: str) -> str:
    return (
        "---\n"
        f"title: {yaml_string(title)}\n"
        "hide: [navigation, toc]\n"
        "kehoach_html: true\n"
        "---\n\n"
        f"<h1>{esc(heading)}</h1>\n\n"
    )


_STATES_NOTE = (
    "Trạng thái (quá hạn, sắp đến hạn, hoàn thành …) tính theo báo cáo tiến độ và ngày hôm nay trên máy của bạn; "
    "nhiệm vụ giao nhiều cơ quan mang trạng thái của cơ quan chủ trì."
)


def _built(corpus: Corpus) -> str:
    return f" Số liệu theo các văn bản có đến ngày {vn_date(corpus.build_date)}." if corpus.build_date else ""


def _groups(corpus: Corpus) -> tuple[list[Task], dict[str, list[Task]]]:
    """Dated duties in date order, and the other sections, each in its order."""
    groups: dict[str, list[Task]] = {}
    for task in corpus.tasks:
        groups.setdefault(section_of(task), []).append(task)
    dated = sorted(groups.pop("dated", []), key=lambda t: (t.deadline.due, t.plan, t.anchor))
    for key in list(groups):
        groups[key] = sorted(
            groups[key], key=lambda t: (t.deadline.start or t.deadline.due or corpus.plan(t.plan).date or date.max, t.plan, t.anchor)
        )
    return dated, groups


def timeline_page(corpus: Corpus) -> str:
    """The whole timeline on one page (a corpus whose duties fit on one page)."""
    dated, groups = _groups(corpus)
    # Sections nest (deadline kind > year > quarter); kehoach.js hides a
    # section the filters leave empty and counts what each still shows.
    out = [f'<section class="kh-section" data-kh-section><h2 id="co-han">Có hạn cụ thể{_count(len(dated))}</h2>\n']
    if not dated:
        out.append('<p class="kh-missing">Không có nhiệm vụ nào có hạn cụ thể.</p>\n')
    by_year: dict[int, dict[int, list[Task]]] = {}
    for task in dated:
        due = task.deadline.due
        by_year.setdefault(due.year, {}).setdefault((due.month - 1) // 3 + 1, []).append(task)
    for year, quarters in by_year.items():
        out.append(f'<section class="kh-section" data-kh-section><h3 id="nam-{year}">Năm {year}{_count(sum(map(len, quarters.values())))}</h3>\n')
        for quarter, tasks in quarters.items():
            out.append(
                f'<section class="kh-section" data-kh-section><h4 id="nam-{year}-quy-{quarter}">Quý {ROMAN_QUARTERS[quarter]}/{year}{_count(len(tasks))}</h4>\n'
                + _table([_row(t, corpus) for t in tasks])
                + "</section>\n"
            )
        out.append("</section>\n")
    out.append("</section>\n")
    for key, title, lead in SECTIONS:
        tasks = groups.get(key, [])
        out.append(
            f'<section class="kh-section" data-kh-section><h2 id="{key}">{title}{_count(len(tasks))}</h2>\n<p class="kh-lead">{lead}</p>\n'
            + (_table([_row(t, corpus) for t in tasks]) if tasks else "")
            + "</section>\n"
        )
    return (
        _head("Mốc thời gian", "Mốc thời gian")
        + f'<p class="kh-lead">{vn_int(len(corpus.tasks))} nhiệm vụ, xếp theo thời hạn.{_built(corpus)} {_STATES_NOTE}</p>\n\n'
        + _filters(corpus, corpus.tasks)
        + "\n"
        + "".join(out)
    )


# --- a timeline too long for one page ------------------------------------------------

SECTION_SLUGS = {
    "from": "bat-dau-tu",
    "ongoing": "thuong-xuyen",
    "periodic": "dinh-ky",
    "conditional": "khi-co-dieu-kien",
    "undated": "chua-ghi-thoi-han",
}


def quarter_md(year: int, quarter: int) -> str:
    return f"{DIR}/{year}-quy-{quarter}.md"


def section_md(key: str) -> str:
    return f"{DIR}/{SECTION_SLUGS[key]}.md"


def timeline_pages(corpus: Corpus, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """The timeline: one page if every duty fits on it; otherwise an overview
    (counts by year and quarter, and by kind of deadline) and a list per
    quarter and per kind, each cut into pages of at most ``page_rows`` rows."""
    if len(corpus.tasks) <= page_rows:
        return {PATH: timeline_page(corpus)}
    dated, groups = _groups(corpus)
    by_quarter: dict[tuple[int, int], list[Task]] = {}
    for task in dated:
        due = task.deadline.due
        by_quarter.setdefault((due.year, (due.month - 1) // 3 + 1), []).append(task)
    # Every list in reading order: the quarters, then the other kinds of deadline.
    lists: list[tuple[str, str, str, list[Task]]] = [
        (quarter_md(y, q), f"Quý {ROMAN_QUARTERS[q]}/{y}", "Nhiệm vụ có hạn trong quý, xếp theo ngày.", tasks)
        for (y, q), tasks in sorted(by_quarter.items())
    ]
    lists += [(section_md(key), title, lead, groups[key]) for key, title, lead in SECTIONS if groups.get(key)]
    pages = {PATH: _overview(corpus, by_quarter, groups, page_rows)}
    for i, (first, name, lead, tasks) in enumerate(lists):
        chunks = [tasks[k : k + page_rows] for k in range(0, len(tasks), page_rows)]
        paths = [page_md(first, n + 1) for n in range(len(chunks))]
        for n, chunk in enumerate(chunks):
            here = paths[n]
            around = [f'<a href="{esc(relative(here, PATH))}">Mốc thời gian</a>']
            if i > 0:
                around.insert(0, f'<a rel="prev" href="{esc(relative(here, lists[i - 1][0]))}">← {esc(lists[i - 1][1])}</a>')
            if i + 1 < len(lists):
                around.append(f'<a rel="next" href="{esc(relative(here, lists[i + 1][0]))}">{esc(lists[i + 1][1])} →</a>')
            part = f" (trang {n + 1}/{len(chunks)})" if len(chunks) > 1 else ""
            first_row = n * page_rows
            pages[here] = (
                _head(f"Mốc thời gian: {name}{part}", f"Mốc thời gian: {name}")
                + f'<nav class="kh-around" data-pagefind-ignore>{" · ".join(around)}</nav>\n'
                + f'<p class="kh-lead">{esc(lead)} {vn_int(len(tasks))} nhiệm vụ'
                + (f", trang này từ nhiệm vụ thứ {first_row + 1} đến {first_row + len(chunk)}" if len(chunks) > 1 else "")
                + f".{_built(corpus)} {_STATES_NOTE}</p>\n\n"
                + pager(here, paths, n)
                + _filters(corpus, chunk)
                + _table([_row(t, corpus, here) for t in chunk])
                + pager(here, paths, n)
            )
    return pages


def _count_link(here: str, first: str, count: int, page_rows: int) -> str:
    pages = -(-count // page_rows)
    more = f' <span class="kh-tree-meta">({pages} trang)</span>' if pages > 1 else ""
    return f'<a href="{esc(relative(here, first))}">{count}</a>{more}'


def _overview(corpus: Corpus, by_quarter: dict[tuple[int, int], list[Task]], groups: dict[str, list[Task]], page_rows: int) -> str:
    rows = []
    for year in sorted({y for y, _ in by_quarter}):
        cells = []
        total = 0
        for q in range(1, 5):
            tasks = by_quarter.get((year, q), [])
            total += len(tasks)
            cells.append(f"<td>{_count_link(PATH, quarter_md(year, q), len(tasks), page_rows)}</td>" if tasks else "<td>–</td>")
        rows.append(f'<tr><th scope="row" id="nam-{year}">{year}</th>{"".join(cells)}<td>{vn_int(total)}</td></tr>')
    dated_table = (
        '<table class="kh-table kh-timeline-overview"><thead><tr><th>Năm</th><th>Quý I</th><th>Quý II</th>'
        f'<th>Quý III</th><th>Quý IV</th><th>Cả năm</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
        if rows
        else '<p class="kh-missing">Không có nhiệm vụ nào có hạn cụ thể.</p>\n'
    )
    others = []
    for key, title, lead in SECTIONS:
        tasks = groups.get(key, [])
        count = _count_link(PATH, section_md(key), len(tasks), page_rows) if tasks else "0"
        others.append(f"<li><strong>{title}</strong>: {count} nhiệm vụ. <span class=\"kh-lead\">{lead}</span></li>")
    dated_total = sum(len(t) for t in by_quarter.values())
    return (
        _head("Mốc thời gian", "Mốc thời gian")
        + f'<p class="kh-lead">{vn_int(len(corpus.tasks))} nhiệm vụ, xếp theo thời hạn.{_built(corpus)} '
        f"Mỗi quý và mỗi loại thời hạn có danh sách riêng, chia trang tối đa {page_rows} nhiệm vụ; "
        "nhiệm vụ của một cơ quan xem tại trang của cơ quan đó.</p>\n\n"
        + f'<h2 id="co-han">Có hạn cụ thể <span class="kh-count">{vn_int(dated_total)}</span></h2>\n'
        + '<p class="kh-lead">Số nhiệm vụ có hạn trong từng quý; bấm vào số để xem danh sách.</p>\n'
        + dated_table
        + '<h2 id="khac">Thời hạn khác</h2>\n<ul class="kh-timeline-kinds">'
        + "".join(others)
        + "</ul>\n"
    )
