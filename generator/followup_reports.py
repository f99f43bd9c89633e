"""The printable "Báo cáo tình hình thực hiện" of a plan and of a body.

The report a clerk sends to the Standing Committee: its title, the plan or
the body named, the date, the summary figures, then a numbered, bordered
table of every duty with its state, the last report and its evidence,
linked to the paragraph that assigns it.  On paper (``@media print`` in
kehoach.css, section "follow-up reports") it is an A4 document without the
site's header and navigation; on screen it has the filter of the follow-up
lists, so that a number of the dashboard opens the report showing only the
duties it counts (``?trang-thai=qua-han``).

States are those of the build date; kehoach.js and dashboard.js compute
them again, with the summary, for the reader's day, which is also the
printed date.
"""

from __future__ import annotations

from datetime import date

from . import labels
from .agency_pages import filter_bar
from .dashboard import FOLLOW_FILTER, Duty, duty_row, duty_table, follow_duties
from .followup_links import agency_report_md, plan_report_md
from .links import agency_md, plan_md, relative
from .model import Corpus
from .paging import DEFAULT_PAGE_ROWS, pack, page_md, pager
from .progress_pages import counts_html
from .render import esc, page_head, vn_date


def long_date(day: date) -> str:
    """ "ngày 23 tháng 11 năm 2026", as a report is dated."""
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _head(title: str, kind: str, subject_html: str, corpus: Corpus, place: str | None) -> str:
    today = corpus.today()
    where = f"{esc(place)}, " if place else ""
    return (
        page_head(title)
        + '<div class="kh-report-doc" data-pagefind-ignore>\n'
        '<div class="kh-report-head">'
        f'<p class="kh-report-date">{where}<span data-kh-print-day>{long_date(today)}</span></p>'
        f'<h1 class="kh-report-title">Báo cáo<br><span class="kh-report-kind">tình hình thực hiện {esc(kind)}</span></h1>'
        f'<p class="kh-report-subject">{subject_html}</p>'
        "</div>\n"
    )


def _summary(duties: list[Duty], corpus: Corpus) -> str:
    return (
        '<h2 id="tong-hop" class="kh-report-part">I. Tổng hợp</h2>\n'
        + counts_html([(d.task, d.agency) for d in duties], corpus)
        + '<p class="kh-report-note">Mỗi cơ quan được giao một nhiệm vụ tính là một nhiệm vụ. Trạng thái theo báo cáo tiến độ '
        "của các cơ quan và thời hạn ghi trong văn bản; “Quá hạn” là nhiệm vụ đã qua hạn mà chưa có báo cáo hoàn thành.</p>\n"
    )


def _table_part(duties, here: str, corpus: Corpus, *, show_plan: bool, show_body: bool, start: int = 0) -> str:
    rows = []
    places_of: dict[str, dict[str, str]] = {}
    for i, d in enumerate(duties):
        places = places_of.get(d.task.plan)
        if places is None:
            places = places_of.setdefault(d.task.plan, labels.plan_places(corpus.plan(d.task.plan)))
        rows.append(duty_row(d, start + i + 1, here, corpus, places, show_plan=show_plan, show_body=show_body))
    return duty_table(rows, body_column=show_body, css="kh-followup kh-report-table")


def _document_order(d: Duty) -> tuple:
    return (d.task.source.line, d.task.number, d.task.anchor, d.agency)


def plan_reports(plan, duties: list[Duty], corpus: Corpus, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """bao-cao/ke-hoach/<plan>.md: every body's duty of one plan, in the order
    of the text (a plan of more than ``page_rows`` duties, which a real plan
    hardly has, continues on numbered pages like every list)."""
    from .pages import plan_short_title

    first = plan_report_md(plan.id)
    duties = sorted(duties, key=_document_order)
    chunks = [duties[i : i + page_rows] for i in range(0, len(duties), page_rows)] or [[]]
    paths = [page_md(first, n + 1) for n in range(len(chunks))]
    org = corpus.organisations.get(plan.organisation)
    dated = f" ngày {vn_date(plan.date)}" if plan.date else ""
    pages = {}
    for n, chunk in enumerate(chunks):
        here = paths[n]
        part = f" (phần {n + 1}/{len(paths)})" if len(paths) > 1 else ""
        subject = (
            f'<a href="{esc(relative(here, plan_md(plan.id)))}">{esc(plan_short_title(plan))}</a>{dated}'
            # without a number the short title already names the issuer
            + (f" của {esc(plan.issuer)}" if plan.number and plan.issuer else "")
            + esc(part)
            + f'<br><span class="kh-report-about">{esc(plan.title)}</span>'
        )
        nav = pager(here, paths, n)
        pages[here] = (
            _head(f"Báo cáo tình hình thực hiện: {plan_short_title(plan)}{part}", "văn bản", subject, corpus, _place(org))
            + (_summary(duties, corpus) if n == 0 else _continued(n, paths, here))
            + f'<h2 id="chi-tiet" class="kh-report-part">II. Tình hình thực hiện từng nhiệm vụ{esc(part)}</h2>\n'
            + filter_bar(".kh-report-table", FOLLOW_FILTER)
            + nav
            + _table_part(chunk, here, corpus, show_plan=False, show_body=True, start=n * page_rows)
            + nav
            + _foot(here, plan_md(plan.id), "Về trang văn bản")
            + "</div>\n"
        )
    return pages


def _continued(n: int, paths: list[str], here: str) -> str:
    return f'<p class="kh-report-note">Phần {n + 1}/{len(paths)} của báo cáo; tổng hợp ở <a href="{esc(relative(here, paths[0]))}">phần 1</a>.</p>\n'


def agency_reports(agency, duties: list[Duty], corpus: Corpus, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """bao-cao/co-quan/<body>.md: every duty of one body, by plan (oldest
    first); past ``page_rows`` duties, continued on numbered pages."""
    from .pages import plan_short_title

    first = agency_report_md(agency.id)
    org = corpus.organisations[agency.organisation]
    by_plan: dict[str, list[Duty]] = {}
    for d in duties:
        by_plan.setdefault(d.task.plan, []).append(d)
    order = sorted(by_plan, key=lambda pid: (corpus.plan(pid).date is None, corpus.plan(pid).date or date.min, pid))
    chunks = pack([(pid, sorted(by_plan[pid], key=_document_order)) for pid in order], page_rows)
    paths = [page_md(first, n + 1) for n in range(len(chunks))]
    subject = f'<a href="{esc(relative(first, agency_md(agency.id)))}">{esc(agency.name)}</a> ({esc(org.name)})'
    pages = {}
    number = 0
    for n, chunk in enumerate(chunks):
        here = paths[n]
        part = f" (phần {n + 1}/{len(paths)})" if len(paths) > 1 else ""
        body = ""
        for piece in chunk:
            plan = corpus.plan(piece.key)
            more = " (tiếp theo)" if piece.continued else ""
            dated = f" ngày {vn_date(plan.date)}" if plan.date else ""
            body += (
                f'<h3 class="kh-report-plan" id="vb-{esc(plan.id)}"><a href="{esc(relative(here, plan_md(plan.id)))}">'
                f"{esc(plan_short_title(plan))}</a>{dated}{more}</h3>\n"
                f'<p class="kh-plan-title">{esc(plan.title)}</p>\n'
                + _table_part(piece.rows, here, corpus, show_plan=False, show_body=False, start=number)
            )
            number += len(piece.rows)
        nav = pager(here, paths, n)
        subject_here = subject.replace(esc(relative(first, agency_md(agency.id))), esc(relative(here, agency_md(agency.id))))
        pages[here] = (
            _head(f"Báo cáo tình hình thực hiện: {agency.name} — {org.name}{part}", "nhiệm vụ được giao", subject_here + esc(part), corpus, _place(org))
            + (_summary(duties, corpus) if n == 0 else _continued(n, paths, here))
            + f'<h2 id="chi-tiet" class="kh-report-part">II. Tình hình thực hiện từng nhiệm vụ{esc(part)}</h2>\n'
            + filter_bar(".kh-report-table", FOLLOW_FILTER)
            + nav
            + body
            + nav
            + _foot(here, agency_md(agency.id), "Về trang cơ quan")
            + "</div>\n"
        )
    return pages


def _place(org) -> str | None:
    """The place a provincial report is dated at ("Bình Định, ngày …"): the organisation's short name."""
    if org is None or org.level not in ("province", "district"):
        return None
    for prefix in ("Tỉnh ủy ", "Thành ủy ", "Huyện ủy ", "Thị ủy ", "Quận ủy ", "Tỉnh ", "Thành phố "):
        if org.name.startswith(prefix):
            return org.name[len(prefix):]
    return None


def _foot(here: str, back_md: str, back: str) -> str:
    return (
        f'<p class="kh-report-back kh-noprint"><a href="{esc(relative(here, back_md))}">{esc(back)}</a> · '
        "Bấm Ctrl+P (hoặc In trong trình duyệt) để in báo cáo trên khổ A4; bộ lọc đang chọn được ghi ở đầu trang in.</p>\n"
    )


def report_pages(corpus: Corpus, page_rows: int = DEFAULT_PAGE_ROWS):
    """Every plan's and every body's report, one page (or a few) at a time."""
    duties = follow_duties(corpus)
    by_plan: dict[str, list[Duty]] = {}
    by_agency: dict[str, list[Duty]] = {}
    for d in duties:
        by_plan.setdefault(d.task.plan, []).append(d)
        by_agency.setdefault(d.agency, []).append(d)
    for plan in corpus.plans:
        if plan.id in by_plan:
            yield from plan_reports(plan, by_plan[plan.id], corpus, page_rows).items()
    for agency_id in sorted(by_agency):
        yield from agency_reports(corpus.agencies[agency_id], by_agency[agency_id], corpus, page_rows).items()
