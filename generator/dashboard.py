"""The home page's follow-up dashboard and the lists behind its numbers.

A duty here is one body's duty (a task and one of its bodies), as on the
body pages.  The dashboard counts, on the build date (``corpus.today()``),
the duties overdue, due within 30 days, completed within the last 30 days
(by the date of the report that says so) and the completion rate, for the
whole site, each organisation (that issued the plans) and each plan.  Every
number links to the list behind it: ``theo-doi/<organisation>.html`` (and
``theo-doi/tat-ca.html``) with the filter in the address
(``?trang-thai=qua-han``), or a plan's report page.

pages/assets/dashboard.js counts again on the reader's day from compact
data written next to each figure (open duties counted by due date,
completions by date, as day offsets from the build date), so that the home
page stays small at any size of corpus.

The follow-up lists are ordered so that what a figure selects stays
together whatever the day: open duties with a due date by due date (the
overdue ones first), then completed duties, latest report first, then the
rest.  Which of the three groups a duty is in does not depend on the day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from . import labels
from .agencies import organisation_order, organisation_path
from .agency_pages import deadline_html, filter_bar
from .citation_index import evidence_href
from .followup_links import FOLLOW_PLANS, followup_md, plan_report_md
from .links import agency_md, plan_md, relative
from .model import Corpus, DutyState, ProgressRecord, Task
from .paging import DEFAULT_PAGE_ROWS, pack, page_md, pager
from .progress import SOON_DAYS, STATES, STATUSES, duty_id, duty_state, record_of
from .progress_pages import ORDER, attrs_html, deadline_data, id_html, period_note, report_data, state_badge
from .render import esc, page_head, vn_date, vn_int

RECENT_DAYS = SOON_DAYS  # "Hoàn thành trong 30 ngày qua"
# The browser counts again from day offsets within this many days of the
# build date; a copy read more than a year after its build says so.
WINDOW = 400
HOME_PLANS = 20  # plans on a home page too large to list them all: the most overdue

# The filter of a follow-up list: the dashboard's figures first, then every state.
FIGURES = {
    "qua-han": "Quá hạn",
    "sap-den-han": "Đến hạn trong 30 ngày tới",
    "moi-hoan-thanh": "Hoàn thành trong 30 ngày qua",
    "da-hoan-thanh": "Đã hoàn thành",
}
FOLLOW_OPTIONS = (
    '<option value="">Tất cả</option>'
    + "".join(f'<option value="{code}">{esc(label)}</option>' for code, label in FIGURES.items())
    + "".join(f'<option value="{code}">{esc(STATES[code])}</option>' for code in ORDER if code not in FIGURES)
)
FOLLOW_FILTER = f'<label>Trạng thái <select data-filter="follow" data-param="trang-thai">{FOLLOW_OPTIONS}</select></label>'

OPEN, COMPLETED, OTHER = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Duty:
    """One body's duty, its state on the build date and its place in the follow-up order."""

    task: Task
    agency: str
    role: str
    key: str  # NV-...
    record: ProgressRecord | None
    state: DutyState
    group: int  # OPEN (not completed, has a due date), COMPLETED, OTHER
    when: date | None  # the due date (OPEN), the date of the completing report (COMPLETED)


def _group(task: Task, state: DutyState) -> tuple[int, date | None]:
    d = task.deadline
    if state.completed:
        return COMPLETED, state.report.date
    recurring = d.kind == "recurring" or (d.kind == "from" and not d.due)
    if d.due and not recurring and state.code != "khong-thuc-hien":
        return OPEN, d.due
    return OTHER, None


def _follow_order(duty: Duty, corpus: Corpus) -> tuple:
    plan = corpus.plan(duty.task.plan)
    when = duty.when.toordinal() if duty.when else 0
    return (
        duty.group,
        -when if duty.group == COMPLETED else when,
        plan.date is None,
        plan.date or date.min,
        plan.id,
        duty.task.source.line,
        duty.task.number,
        duty.agency,
    )


_cache: list = [None, None]  # (corpus, duties): home page, lists and reports share one pass


def follow_duties(corpus: Corpus) -> list[Duty]:
    """Every body's duty with its state on the build date, in follow-up order."""
    if _cache[0] is corpus:
        return _cache[1]
    today = corpus.today()
    out = []
    for task in corpus.tasks:
        for a in task.assignees:
            if a.agency not in corpus.agencies:
                continue
            record = record_of(corpus, task, a.agency)
            state = duty_state(task.deadline, record, today)
            group, when = _group(task, state)
            out.append(Duty(task, a.agency, a.role, duty_id(task, a.agency), record, state, group, when))
    out.sort(key=lambda d: _follow_order(d, corpus))
    _cache[0], _cache[1] = corpus, out
    return out


def recent(duty: Duty, today: date) -> bool:
    return duty.group == COMPLETED and 0 <= (today - duty.when).days <= RECENT_DAYS


def follow_codes(duty: Duty, today: date) -> list[str]:
    """What the filter of a follow-up list matches: the state, and the dashboard's groups."""
    codes = [duty.state.code]
    if duty.group == COMPLETED:
        codes.append("da-hoan-thanh")
        if recent(duty, today):
            codes.append("moi-hoan-thanh")
    return codes


def matches(duty: Duty, code: str, today: date) -> bool:
    return not code or code in follow_codes(duty, today)


# --- figures ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    total: int
    done: int
    overdue: int
    soon: int
    recent: int

    @property
    def rate(self) -> str:
        """Per cent completed, rounded half up (as Math.round in dashboard.js)."""
        return f"{(200 * self.done + self.total) // (2 * self.total)} %" if self.total else "–"

    def count(self, code: str) -> int:
        return {"": self.total, "da-hoan-thanh": self.done, "qua-han": self.overdue,
                "sap-den-han": self.soon, "moi-hoan-thanh": self.recent}[code]


def figures(duties: list[Duty], today: date) -> Figures:
    return Figures(
        total=len(duties),
        done=sum(d.group == COMPLETED for d in duties),
        overdue=sum(d.state.code == "qua-han" for d in duties),
        soon=sum(d.state.code == "sap-den-han" for d in duties),
        recent=sum(recent(d, today) for d in duties),
    )


def browser_data(duties: list[Duty], today: date) -> dict[str, str]:
    """What dashboard.js needs to count again on another day: open duties by
    due date and completions by date, as day offsets from ``today`` within
    WINDOW (open duties due earlier are overdue on any day it counts for)."""
    base = today.toordinal()
    open_days: Counter = Counter()
    done_days: Counter = Counter()
    before = 0
    for d in duties:
        if d.group == OTHER:
            continue
        offset = d.when.toordinal() - base
        if d.group == OPEN:
            if offset < -WINDOW:
                before += 1
            elif offset <= WINDOW:
                open_days[offset] += 1
        elif -WINDOW <= offset <= WINDOW:
            done_days[offset] += 1

    def pairs(counter: Counter) -> str:
        return " ".join(f"{k}:{n}" if n > 1 else str(k) for k, n in sorted(counter.items()))

    return {
        "data-total": str(len(duties)),
        "data-done": str(sum(d.group == COMPLETED for d in duties)),
        "data-open": pairs(open_days),
        "data-open-before": str(before),
        "data-done-at": pairs(done_days),
    }


# --- the list behind each number --------------------------------------------------


@dataclass(frozen=True, slots=True)
class FollowList:
    """A follow-up list cut into pages; ``first_page[code]``: the page (0-based)
    holding the first duty a figure selects on the build date."""

    paths: tuple[str, ...]
    pages: tuple[tuple[Duty, ...], ...]
    first_page: dict[str, int]


def follow_list(first_md: str, duties: list[Duty], today: date, page_rows: int) -> FollowList:
    chunks = [tuple(duties[i : i + page_rows]) for i in range(0, len(duties), page_rows)] or [()]
    paths = tuple(page_md(first_md, n + 1) for n in range(len(chunks)))
    first: dict[str, int] = {}
    for n, chunk in enumerate(chunks):
        for d in chunk:
            for code in follow_codes(d, today):
                first.setdefault(code, n)
    return FollowList(paths, tuple(chunks), first)


def figure_href(target: FollowList, code: str, here: str) -> str:
    page = target.first_page.get(code, 0) if code else 0
    return relative(here, target.paths[page]) + (f"?trang-thai={code}" if code else "")


def _figure_cell(fig: Figures, code: str, href: str | None, title: str) -> str:
    n = fig.count(code)
    text = vn_int(n)
    # a zero links too (muted): on the reader's day dashboard.js may count more
    inner = f'<a href="{esc(href)}" title="{esc(title)}">{text}</a>' if href else text
    zero = " kh-zero" if not n else ""
    return f'<td class="kh-fig kh-fig-{code or "tong"}{zero}" data-fig="{code or "tong"}" data-sort="{n:07d}">{inner}</td>'


def _last_report(record: ProgressRecord | None, plan, here: str, corpus: Corpus) -> str:
    if record is None:
        return '<span class="kh-missing kh-no-report">Chưa có báo cáo</span>'
    r = record.latest
    out = f'<span class="kh-date">{vn_date(r.date)}</span> <span class="kh-status kh-status-{r.status}">{esc(STATUSES[r.status])}</span>'
    if r.result:
        out += f'<br><span class="kh-result">{esc(r.result)}</span>'
    if r.reason:
        out += f'<br><span class="kh-reason">Lý do: {esc(r.reason)}</span>'
    if r.evidence:
        href = evidence_href(r.evidence, plan, here, corpus.citations)
        doc = f'<a href="{esc(href)}">{esc(r.evidence)}</a>' if href else esc(r.evidence)
        out += f'<br><span class="kh-evidence">Văn bản: {doc}</span>'
    return out


def duty_row(duty: Duty, number: int, here: str, corpus: Corpus, places: dict[str, str], *, show_plan: bool, show_body: bool) -> str:
    """One numbered row of a follow-up list or a report: what, who, by when,
    where it stands and what was last reported, linked to its sources."""
    task = duty.task
    plan = corpus.plan(task.plan)
    today = corpus.today()
    attrs = {
        **deadline_data(task),
        **report_data(duty.key, duty.record),
        "data-state": duty.state.code,
        "data-follow": " ".join(follow_codes(duty, today)),
        "data-role": duty.role,
    }
    where = places.get(task.anchor)
    where_html = f'<span class="kh-where">{esc(where)}</span> ' if where else ""
    text = labels.duty_text(task.text)
    href = relative(here, plan_md(plan.id) + "#" + task.anchor)
    from_plan = ""
    if show_plan:
        from .pages import plan_short_title

        from_plan = f'<span class="kh-from-plan"><a href="{esc(relative(here, plan_md(plan.id)))}">{esc(plan_short_title(plan))}</a></span><br>'
    body = ""
    if show_body:
        agency = corpus.agencies[duty.agency]
        body = f'<td data-label="Cơ quan"><a href="{esc(relative(here, agency_md(agency.id)))}">{esc(agency.name)}</a>' \
               f'<br><span class="kh-role kh-role-{duty.role}">{labels.ROLES[duty.role]}</span></td>'
    else:
        body = f'<td data-label="Vai trò"><span class="kh-role kh-role-{duty.role}">{labels.ROLES[duty.role]}</span></td>'
    return (
        f"<tr class=\"kh-duty\" {attrs_html(attrs)}>"
        f'<td class="kh-stt" data-label="STT">{number}</td>'
        f'<td data-label="Nhiệm vụ">{from_plan}{where_html}<a class="kh-duty-link" href="{esc(href)}">{esc(text)}</a><br>{id_html(duty.key)}</td>'
        f"{body}"
        f'<td data-label="Thời hạn">{deadline_html(task)}</td>'
        f'<td data-label="Tình trạng">{state_badge(duty.state)}{period_note(duty.state, task)}</td>'
        f'<td data-label="Báo cáo gần nhất">{_last_report(duty.record, plan, here, corpus)}</td>'
        "</tr>"
    )


def duty_table(rows: list[str], *, body_column: bool, css: str = "kh-followup", last: Duty | None = None) -> str:
    who = "Cơ quan" if body_column else "Vai trò"
    tail = f' data-kh-last="{last.group}:{last.when.isoformat() if last.when else ""}"' if last else ""
    return (
        f'<table class="kh-table kh-cards {css}"{tail}><thead><tr><th class="kh-stt">STT</th><th>Nhiệm vụ</th><th>{who}</th>'
        "<th>Thời hạn</th><th>Tình trạng</th><th>Báo cáo gần nhất</th></tr></thead>"
        f'<tbody>{"".join(rows)}</tbody></table>\n'
    )


ORDER_NOTE = (
    "Xếp theo thứ tự cần theo dõi: nhiệm vụ chưa hoàn thành có hạn (hạn sớm nhất trước, nên nhiệm vụ quá hạn ở đầu), "
    "rồi nhiệm vụ đã hoàn thành (báo cáo mới nhất trước), rồi các nhiệm vụ thường xuyên, không ghi thời hạn hoặc không thực hiện."
)


def follow_pages(target: FollowList, title: str, lead: str, corpus: Corpus) -> dict[str, str]:
    """The pages of one follow-up list, with the filter bar of the states."""
    pages = {}
    places_of: dict[str, dict[str, str]] = {}
    number = 0
    total = sum(len(c) for c in target.pages)
    for n, chunk in enumerate(target.pages):
        here = target.paths[n]
        rows = []
        for d in chunk:
            number += 1
            places = places_of.get(d.task.plan)
            if places is None:
                places = places_of.setdefault(d.task.plan, labels.plan_places(corpus.plan(d.task.plan)))
            rows.append(duty_row(d, number, here, corpus, places, show_plan=True, show_body=True))
        part = f" (trang {n + 1}/{len(target.paths)})" if len(target.paths) > 1 else ""
        nav = pager(here, list(target.paths), n)
        home = relative(here, "index.md")
        pages[here] = (
            page_head(f"Theo dõi thực hiện: {title}{part}")
            + '<div class="kh-followup-page" data-pagefind-ignore>\n'
            f"<h1>Theo dõi thực hiện: {esc(title)}</h1>\n"
            f'<p class="kh-lead">{lead} {vn_int(total)} nhiệm vụ (mỗi cơ quan được giao tính là một), '
            f'tình trạng tính đến ngày <span data-kh-day>{vn_date(corpus.today())}</span>. '
            f'<a href="{esc(home)}#theo-doi-thuc-hien">Về bảng theo dõi</a>.</p>\n'
            f'<p class="kh-order-note">{ORDER_NOTE}</p>\n'
            + filter_bar(".kh-followup", FOLLOW_FILTER)
            + nav
            + (duty_table(rows, body_column=True, last=chunk[-1]) if chunk else '<p class="kh-missing">Chưa có nhiệm vụ nào.</p>\n')
            + nav
            + "</div>\n"
        )
    return pages


# --- the dashboard ------------------------------------------------------------------


def _by(duties: list[Duty], key) -> dict[str, list[Duty]]:
    out: dict[str, list[Duty]] = {}
    for d in duties:
        out.setdefault(key(d), []).append(d)
    return out


@dataclass(frozen=True, slots=True)
class Dashboard:
    html: str  # the home page's section
    pages: dict[str, str]  # the lists behind its numbers


_HEAD = (
    "<th data-sort-key>Nhiệm vụ</th><th data-sort-key>Hoàn thành</th><th data-sort-key>Tỷ lệ</th>"
    '<th data-sort-key>Quá hạn</th><th data-sort-key title="Đến hạn trong 30 ngày tới">Đến hạn ≤ 30 ngày</th>'
    '<th data-sort-key title="Hoàn thành trong 30 ngày qua">Hoàn thành 30 ngày qua</th>'
)


def _figure_row(name_html: str, fig: Figures, data: dict[str, str], href) -> str:
    rate_sort = f"{(1000 * fig.done) // fig.total:04d}" if fig.total else "0000"
    return (
        f'<tr data-kh-figures {attrs_html(data)}><td data-label="Tên">{name_html}</td>'
        + _figure_cell(fig, "", href(""), "Mọi nhiệm vụ")
        + _figure_cell(fig, "da-hoan-thanh", href("da-hoan-thanh"), "Các nhiệm vụ đã hoàn thành")
        + f'<td class="kh-fig kh-fig-rate" data-fig="rate" data-sort="{rate_sort}">{fig.rate}</td>'
        + "".join(_figure_cell(fig, code, href(code), FIGURES[code]) for code in ("qua-han", "sap-den-han", "moi-hoan-thanh"))
        + "</tr>"
    )


def _plan_rows(plans, by_plan, corpus: Corpus, here: str) -> str:
    from .pages import plan_short_title

    today = corpus.today()
    rows = []
    for plan in plans:
        held = by_plan[plan.id]
        fig = figures(held, today)
        report = plan_report_md(plan.id)
        name = (
            f'<a href="{esc(relative(here, plan_md(plan.id)))}">{esc(plan_short_title(plan))}</a>'
            f'<br><span class="kh-plan-title">{esc(_short(plan.title))}</span>'
        )
        rows.append(_figure_row(
            name, fig, browser_data(held, today),
            lambda code, report=report: relative(here, report) + (f"?trang-thai={code}" if code else ""),
        ))
    return "".join(rows)


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 2].rsplit(" ", 1)[0] + " …"


def _plans_table(rows: str) -> str:
    return (
        f'<table class="kh-table kh-sortable kh-cards kh-dash-table kh-dash-plans"><thead><tr><th>Văn bản</th>{_HEAD}</tr></thead>'
        f"<tbody>{rows}</tbody></table>\n"
    )


def dashboard(corpus: Corpus, page_rows: int = DEFAULT_PAGE_ROWS, here: str = "index.md") -> Dashboard:
    """The dashboard for the home page ``here`` and the pages behind its numbers."""
    duties = follow_duties(corpus)
    if not duties:
        return Dashboard("", {})
    today = corpus.today()
    pages: dict[str, str] = {}
    every = follow_list(followup_md(), duties, today, page_rows)
    pages.update(follow_pages(every, "mọi văn bản", "Mọi nhiệm vụ của mọi văn bản:", corpus))
    total = figures(duties, today)

    def card(code: str, label: str, value: str, href: str | None) -> str:
        inner = f'<strong data-fig="{code}">{value}</strong><span class="kh-card-label">{esc(label)}</span>'
        if code == "rate":
            inner += f'<span class="kh-card-note"><span data-fig="da-hoan-thanh">{vn_int(total.done)}</span>/{vn_int(total.total)} nhiệm vụ</span>'
        body = f'<a href="{esc(href)}">{inner}</a>' if href else inner
        return f'<li class="kh-card kh-card-{code}">{body}</li>'

    def all_href(code: str) -> str:
        return figure_href(every, code, here)

    cards = (
        f'<ul class="kh-dash-cards" data-kh-figures {attrs_html(browser_data(duties, today))}>'
        + card("qua-han", "Quá hạn", vn_int(total.overdue), all_href("qua-han"))
        + card("sap-den-han", "Đến hạn trong 30 ngày tới", vn_int(total.soon), all_href("sap-den-han"))
        + card("moi-hoan-thanh", "Hoàn thành trong 30 ngày qua", vn_int(total.recent), all_href("moi-hoan-thanh"))
        + card("rate", "Tỷ lệ hoàn thành", total.rate, all_href("da-hoan-thanh"))
        + "</ul>\n"
    )

    by_org = _by(duties, lambda d: corpus.plan(d.task.plan).organisation)
    org_rows = []
    for org in organisation_order(corpus.organisations):
        held = by_org.get(org.id)
        if not held:
            continue
        target = follow_list(followup_md(org.id), held, today, page_rows)
        chain = " › ".join(o.name for o in organisation_path(org.id, corpus.organisations))
        pages.update(follow_pages(target, chain, f"Nhiệm vụ giao trong các văn bản của {esc(chain)}:", corpus))
        parents = " › ".join(o.name for o in organisation_path(org.id, corpus.organisations)[1:-1])
        name = f'<a href="{esc(relative(here, target.paths[0]))}" title="{esc(chain)}">{esc(org.name)}</a>' + (
            f'<br><span class="kh-org">{esc(parents)}</span>' if parents else "")
        org_rows.append(_figure_row(name, figures(held, today), browser_data(held, today),
                                    lambda code, target=target: figure_href(target, code, here)))

    by_plan = _by(duties, lambda d: d.task.plan)
    plans = [p for p in sorted(corpus.plans, key=_plan_order(corpus)) if p.id in by_plan]
    if len(plans) <= page_rows:
        plan_html = _plans_table(_plan_rows(plans, by_plan, corpus, here))
        plan_note = "Bấm vào một con số để xem danh sách nhiệm vụ đó trong báo cáo của văn bản."
    else:
        # Too many to list here: the most overdue, and every plan on pages of their own.
        worst = sorted(plans, key=lambda p: (-figures(by_plan[p.id], today).overdue, _plan_order(corpus)(p)))[:HOME_PLANS]
        worst = [p for p in worst if figures(by_plan[p.id], today).overdue] or worst
        plan_html = _plans_table(_plan_rows(worst, by_plan, corpus, here))
        plan_note = (
            f"{len(worst)} văn bản có nhiều nhiệm vụ quá hạn nhất (tính đến ngày xây dựng trang). "
            f'<a href="{esc(relative(here, FOLLOW_PLANS))}">Tỷ lệ hoàn thành của từng văn bản</a> ({vn_int(len(plans))} văn bản).'
        )
        pages.update(_plan_pages(plans, by_plan, corpus, page_rows))

    html = (
        f'<section class="kh-dashboard" data-kh-dashboard data-kh-build="{today.isoformat()}" data-pagefind-ignore>\n'
        '<h2 id="theo-doi-thuc-hien">Theo dõi thực hiện</h2>\n'
        f'<p class="kh-lead">Tính đến ngày <span data-kh-day>{vn_date(today)}</span>: {vn_int(total.total)} nhiệm vụ '
        f"(mỗi cơ quan được giao tính là một) trong {vn_int(len(plans))} văn bản; trạng thái theo báo cáo tiến độ và thời hạn ghi trong văn bản. "
        f'Mỗi con số dẫn đến danh sách nhiệm vụ của nó.</p>\n'
        '<p class="kh-dash-stale" hidden></p>\n'
        + cards
        + '<h3 id="theo-doi-to-chuc">Theo tổ chức ban hành văn bản</h3>\n'
        f'<table class="kh-table kh-sortable kh-cards kh-dash-table kh-dash-orgs"><thead><tr><th>Tổ chức</th>{_HEAD}</tr></thead>'
        f'<tbody>{"".join(org_rows)}</tbody></table>\n'
        '<h3 id="theo-doi-van-ban">Theo văn bản</h3>\n'
        f'<p class="kh-dash-note">{plan_note}</p>\n'
        + plan_html
        + "</section>\n"
    )
    return Dashboard(html, pages)


def _plan_order(corpus: Corpus):
    rank = {org.id: i for i, org in enumerate(organisation_order(corpus.organisations))}
    return lambda p: (rank.get(p.organisation, len(rank)), p.date is None, p.date or date.min, p.id)


def _plan_pages(plans, by_plan, corpus: Corpus, page_rows: int) -> dict[str, str]:
    """theo-doi/van-ban.md: every plan's figures, by organisation and date, on pages."""
    chunks = pack([(None, plans)], page_rows)
    paths = [page_md(FOLLOW_PLANS, n + 1) for n in range(len(chunks))]
    pages = {}
    for n, chunk in enumerate(chunks):
        here = paths[n]
        rows = [p for piece in chunk for p in piece.rows]
        nav = pager(here, paths, n)
        part = f" (trang {n + 1}/{len(paths)})" if len(paths) > 1 else ""
        pages[here] = (
            page_head(f"Tỷ lệ hoàn thành của từng văn bản{part}")
            + f'<div class="kh-dashboard" data-kh-dashboard data-kh-build="{corpus.today().isoformat()}" data-pagefind-ignore>\n'
            "<h1>Tỷ lệ hoàn thành của từng văn bản</h1>\n"
            f'<p class="kh-lead">{vn_int(len(plans))} văn bản có nhiệm vụ, xếp theo tổ chức và ngày ban hành; '
            f'tính đến ngày <span data-kh-day>{vn_date(corpus.today())}</span>. '
            f'<a href="{esc(relative(here, "index.md"))}#theo-doi-thuc-hien">Về bảng theo dõi</a>.</p>\n'
            '<p class="kh-dash-stale" hidden></p>\n'
            + nav + _plans_table(_plan_rows(rows, by_plan, corpus, here)) + nav
            + "</div>\n"
        )
    return pages
