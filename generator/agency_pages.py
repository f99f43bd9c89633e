"""Pages of bodies: one per body (every duty it holds across all plans) and
an index of all bodies grouped by organisation, in Vietnamese order."""

from __future__ import annotations

from collections import Counter

from . import labels
from .calendars import calendar_path
from .links import agency_md, plan_md, relative
from .followup_links import agency_report_md, report_link
from .model import Agency, Corpus, Task
from .paging import DEFAULT_PAGE_ROWS, pack, page_md, pager
from .pages import organisation_order, organisation_path, plan_short_title
from .progress_pages import STATE_OPTIONS, attrs_html, counts_html, deadline_data, id_html, progress_cell
from .render import esc, vn_date, vn_int, yaml_string
from .text import comparable, sort_key

INDEX = "co-quan/index.md"
DATA_PAGE = "du-lieu.md"

DEADLINE_KINDS = labels.DEADLINE_KINDS


def agency_data_path(agency_id: str, ext: str) -> str:
    """The body's own duty list as a file: data/co-quan/<organisation>/<body>.csv|.xlsx."""
    return f"data/co-quan/{agency_id}.{ext}"


def filter_labels(corpus: Corpus) -> dict[str, str]:
    """Each body's value in the search filter "Cơ quan được giao": its name,
    with its organisation when another body has the same name (every district
    has a "Ban Tổ chức Huyện ủy")."""
    counts = Counter(comparable(a.name) for a in corpus.agencies.values())
    return {
        a.id: a.name if counts[comparable(a.name)] == 1 else f"{a.name} ({corpus.organisations[a.organisation].name})"
        for a in corpus.agencies.values()
    }


def duties_by_agency(corpus: Corpus) -> dict[str, list[tuple[Task, str]]]:
    out: dict[str, list[tuple[Task, str]]] = {}
    for task in corpus.tasks:
        for assignment in task.assignees:
            out.setdefault(assignment.agency, []).append((task, assignment.role))
    return out


def deadline_html(task: Task) -> str:
    d = task.deadline
    if d.kind == "none":
        return '<span class="kh-missing">không ghi</span>'
    parts = [esc(d.phrase)]
    if d.due:
        parts.append(f'<br><span class="kh-date">hạn {vn_date(d.due)}</span>')
    elif d.start:
        parts.append(f'<br><span class="kh-date">từ {vn_date(d.start)}</span>')
    if d.kind == "unknown":
        parts.append(' <span class="kh-tag kh-tag-warn">chưa đọc được</span>')
    return "".join(parts)


def deadline_attrs(task: Task) -> str:
    return attrs_html(deadline_data(task))


def _sort_value(task: Task) -> str:
    d = task.deadline
    if d.due:
        return d.due.isoformat()
    if d.start:
        return d.start.isoformat()
    return ""


UNREVIEWED_TITLE = "Rút từ bản nháp do kehoach import tạo hoặc giao cho cơ quan mới đề xuất; người biên tập chưa duyệt."


def unreviewed_mark(corpus: Corpus, task: Task, agency_id: str | None = None) -> str:
    """ "chưa duyệt" next to a duty that rests on a draft or a proposed body."""
    if not corpus.unreviewed(task, agency_id):
        return ""
    return f' <span class="kh-unreviewed" title="{UNREVIEWED_TITLE}">chưa duyệt</span>'


def agency_link(agency: Agency, from_md: str) -> str:
    return f'<a href="{esc(relative(from_md, agency_md(agency.id)))}">{esc(agency.name)}</a>'


def place_html(task: Task, places: dict[str, str]) -> str:
    """ "Mục IV, khoản 1": where in its plan a duty is written."""
    where = places.get(task.anchor)
    return f'<span class="kh-where">{esc(where)}</span> ' if where else ""


def _duty_row(task: Task, role: str, agency: Agency, here: str, corpus: Corpus, places: dict[str, str]) -> str:
    plan_id = task.plan
    others = [a for a in task.assignees if a.agency != agency.id]
    co = ", ".join(
        f'{agency_link(corpus.agencies[a.agency], here)} <span class="kh-role">({labels.ROLES[a.role].lower()})</span>'
        for a in others
        if a.agency in corpus.agencies
    )
    href = relative(here, plan_md(plan_id) + "#" + task.anchor)
    via = ""
    if task.via:
        via_href = relative(here, plan_md(plan_id) + "#" + task.via)
        via = f' <a class="kh-via" href="{esc(via_href)}" title="Đoạn giao nhiệm vụ này">(giao tại đây)</a>'
    context = f'<span class="kh-context">{esc(labels.duty_text(task.context))}</span> ' if task.context else ""
    progress, cell = progress_cell(corpus, task, agency.id, here)
    return (
        f'<tr class="kh-duty" {deadline_attrs(task)} {attrs_html(progress)} data-role="{role}">'
        f'<td data-label="Nhiệm vụ">{place_html(task, places)}{context}<a class="kh-duty-link" href="{esc(href)}">{esc(labels.duty_text(task.text))}</a>'
        f'{via}{unreviewed_mark(corpus, task, agency.id)}<br>{id_html(progress["data-id"])}</td>'
        f'<td data-label="Vai trò"><span class="kh-role kh-role-{role}">{labels.ROLES[role]}</span></td>'
        f'<td data-label="Thời hạn" data-sort="{_sort_value(task)}">{deadline_html(task)}</td>'
        f"{cell}"
        f'<td data-label="Cùng thực hiện">{co or "<span class=kh-missing>–</span>"}</td></tr>'
    )


def _plan_section(piece, agency: Agency, here: str, corpus: Corpus) -> str:
    plan = corpus.plan(piece.key)
    plan_href = relative(here, plan_md(plan.id))
    places = labels.plan_places(plan)
    more = ' <span class="kh-tree-meta">(tiếp theo)</span>' if piece.continued else ""
    # The plan's title is the plan page's to be found by: here it is a heading only.
    return (
        f'<section class="kh-group" data-kh-section><h3 id="vb-{esc(plan.id)}" data-pagefind-ignore><a href="{esc(plan_href)}">{esc(plan_short_title(plan))}</a>{more}'
        f' <span class="kh-count" data-kh-count title="Số nhiệm vụ">{len(piece.rows)}</span></h3>\n'
        f'<p class="kh-plan-title" data-pagefind-ignore>{esc(plan.title)}</p>\n'
        '<table class="kh-table kh-sortable kh-duties kh-cards"><thead><tr><th>Nhiệm vụ</th><th>Vai trò</th>'
        '<th data-sort-key>Thời hạn</th><th data-sort-key>Tiến độ</th><th>Cùng thực hiện</th></tr></thead><tbody>'
        + "".join(_duty_row(task, role, agency, here, corpus, places) for task, role in piece.rows)
        + "</tbody></table></section>\n"
    )


def filter_bar(target: str, selects: str) -> str:
    """The filter bar of a list (shown by kehoach.js, which keeps its choices
    in the address: ?vai-tro=…&trang-thai=…); a summary that folds it away on
    a phone."""
    return (
        f'<details class="kh-filterbox" data-pagefind-ignore hidden><summary>Lọc danh sách <span class="kh-filter-count" role="status"></span></summary>'
        f'<form class="kh-filters" data-filter-for="{target}">{selects}'
        '<button type="reset" class="kh-filter-reset">Bỏ lọc</button></form></details>\n'
    )


_ROLE_FILTER = filter_bar(
    ".kh-duties",
    '<label>Vai trò <select data-filter="role" data-param="vai-tro"><option value="">Tất cả</option>'
    '<option value="lead">Chủ trì</option><option value="support">Phối hợp</option><option value="assigned">Thực hiện</option></select></label>'
    f'<label>Trạng thái <select data-filter="state" data-param="trang-thai"><option value="">Tất cả</option>{STATE_OPTIONS}</select></label>',
)


def _date_span(pieces, corpus: Corpus) -> str:
    dates = [corpus.plan(p.key).date for p in pieces if corpus.plan(p.key).date]
    if not dates:
        return "văn bản không ghi ngày"
    lo, hi = min(dates), max(dates)
    return f"văn bản ngày {vn_date(lo)}" if lo == hi else f"văn bản từ {vn_date(lo)} đến {vn_date(hi)}"


def agency_pages(agency: Agency, duties: list[tuple[Task, str]], corpus: Corpus, page_rows: int = DEFAULT_PAGE_ROWS,
                 filter_label: str | None = None) -> dict[str, str]:
    """The body's page: every duty it holds, grouped by plan (oldest plan
    first); past ``page_rows`` duties, continued on numbered pages."""
    first = agency_md(agency.id)
    org = corpus.organisations[agency.organisation]
    roles = Counter(role for _, role in duties)
    kinds = Counter(task.deadline.kind for task, _ in duties)
    by_plan: dict[str, list[tuple[Task, str]]] = {}
    for task, role in duties:
        by_plan.setdefault(task.plan, []).append((task, role))
    plans = {pid: corpus.plan(pid) for pid in by_plan}
    order = sorted(by_plan, key=lambda pid: (plans[pid].date is None, plans[pid].date or "", pid))
    chunks = pack([(pid, by_plan[pid]) for pid in order], page_rows)
    paths = [page_md(first, n + 1) for n in range(len(chunks))]
    spans = [_date_span(chunk, corpus) for chunk in chunks]
    counts = (
        f'<ul class="kh-counts" data-pagefind-ignore><li><strong>{vn_int(len(duties))}</strong> nhiệm vụ</li>'
        f'<li><strong>{roles["lead"]}</strong> chủ trì</li>'
        f'<li><strong>{roles["support"]}</strong> phối hợp</li>'
        f'<li><strong>{roles["assigned"]}</strong> thực hiện</li></ul>\n'
        '<ul class="kh-counts kh-kinds" data-pagefind-ignore>'
        + "".join(f"<li>{esc(DEADLINE_KINDS[k])}: <strong>{kinds[k]}</strong></li>" for k in DEADLINE_KINDS if kinds[k])
        + "</ul>\n"
    )
    kind_label = {"class": "Nhóm cơ quan", "persons": "Cá nhân"}.get(agency.kind, "Cơ quan")
    aliases = f'<p class="kh-aliases">Tên gọi khác: {esc(", ".join(agency.aliases))}</p>\n' if agency.aliases else ""
    # A body's name is shared by one body in every province: results and the
    # browser tab say whose it is.
    full_name = f"{agency.name} ({org.name})"
    pages = {}
    for n, chunk in enumerate(chunks):
        here = paths[n]
        title = agency.name + " — " + org.name + (f" (trang {n + 1}/{len(chunks)})" if n else "")
        head = (
            "---\n"
            f"title: {yaml_string(title)}\n"
            "hide: [navigation]\n"
            "kehoach_html: true\n"
            "---\n\n"
            # Only the first page of a body that holds duties is a search result
            # (a continuation would be the same result again; a body with none
            # has nothing to find).
            + (
                '<div data-pagefind-body>\n'
                f'<span data-pagefind-meta="loai_trang" hidden>Cơ quan</span><span data-pagefind-meta="title" hidden>{esc(full_name)}</span>'
                f'<span data-pagefind-meta="ten" hidden>{esc(agency.name)}</span>'
                f'<span data-pagefind-filter="co_quan_duoc_giao" hidden>{esc(filter_label or agency.name)}</span>'
                f'<span data-pagefind-filter="to_chuc" hidden>{esc(org.name)}</span>\n'
                if n == 0 and duties
                else "<div>\n"
            )
            + f"<h1>{esc(agency.name)}</h1>\n"
            f'<p class="kh-lead">{esc(kind_label)} thuộc {esc(org.name)}</p>\n'
            + (
                '<p class="kh-unreviewed-note">Cơ quan do kehoach import đề xuất từ văn bản, chưa có trong danh mục đã duyệt: '
                "tên, tên gọi khác và tổ chức cần được người biên tập kiểm tra.</p>\n"
                if agency.provisional
                else ""
            )
        )
        if n == 0 and duties:
            pairs = [(task, agency.id) for task, _ in duties]
            head += f"{aliases}{counts}" + counts_html(pairs, corpus, link=len(chunks) == 1) + "\n" + _downloads(agency, here) + report_link(agency_report_md(agency.id), here, "của cơ quan")
        elif n == 0:
            head += aliases
        else:
            head += f'<p class="kh-lead"><a href="{esc(relative(here, first))}">Trang đầu</a>: tổng hợp {vn_int(len(duties))} nhiệm vụ, tải danh sách và lịch nhiệm vụ.</p>\n'
        if len(chunks) > 1:
            rows_here = sum(len(p.rows) for p in chunk)
            head += (
                f'<p class="kh-lead">{vn_int(len(duties))} nhiệm vụ chia {len(chunks)} trang theo ngày của văn bản giao; '
                f"trang này có {rows_here} nhiệm vụ, {spans[n]}.</p>\n"
            )
        body = "".join(_plan_section(piece, agency, here, corpus) for piece in chunk)
        if not duties:
            body = (
                '<p class="kh-missing kh-no-duty">Cơ quan này chưa được giao nhiệm vụ nào trong các văn bản hiện có, '
                "nên không có trong danh sách cơ quan và kết quả tìm kiếm.</p>\n"
            )
        nav = pager(here, paths, n)
        pages[here] = head + (_ROLE_FILTER if duties else "") + nav + body + nav + "</div>\n"
    return pages


def _downloads(agency: Agency, here: str) -> str:
    """The body's duties to take away: a spreadsheet and a calendar."""
    links = (
        (agency_data_path(agency.id, "xlsx"), "Excel (.xlsx)"),
        (agency_data_path(agency.id, "csv"), "CSV"),
        (calendar_path(agency.id), "Lịch (.ics)"),
    )
    items = "".join(f'<li><a href="{esc(relative(here, path))}" download>{esc(label)}</a></li>' for path, label in links)
    return (
        f'<div class="kh-downloads" data-pagefind-ignore><p class="kh-downloads-label">Tải danh sách nhiệm vụ:</p><ul>{items}</ul>'
        '<p class="kh-subscribe">Tệp lịch mở bằng Outlook, Thunderbird hoặc Lịch Google; trên mạng nội bộ có thể dùng đường dẫn của nó '
        f'để đăng ký theo dõi. Các tệp của toàn trang: <a href="{esc(relative(here, DATA_PAGE))}">Dữ liệu</a>.</p></div>\n'
    )


def agency_page(agency: Agency, duties: list[tuple[Task, str]], corpus: Corpus) -> str:
    """The body's page when all its duties fit on one page."""
    return agency_pages(agency, duties, corpus, page_rows=max(1, len(duties)))[agency_md(agency.id)]


def agency_index(corpus: Corpus, counts: dict[str, list]) -> str:
    sections = []
    # A body no plan gives a duty is left out: a list of names with nothing behind them.
    without = sum(1 for a in corpus.agencies.values() if not counts.get(a.id))
    for org in organisation_order(corpus.organisations):
        bodies = [a for a in corpus.agencies.values() if a.organisation == org.id and counts.get(a.id)]
        if not bodies:
            continue
        items = []
        for agency in sorted(bodies, key=lambda a: sort_key(a.name)):
            n = len(counts[agency.id])
            items.append(f"<li>{agency_link(agency, INDEX)} <span class=\"kh-count\">{n}</span></li>")
        chain = " › ".join(o.name for o in organisation_path(org.id, corpus.organisations))
        sections.append(f'<h2 id="{esc(org.id)}">{esc(chain)}</h2>\n<ul class="kh-agency-list">{"".join(items)}</ul>\n')
    return (
        "---\n"
        'title: "Cơ quan được giao nhiệm vụ"\n'
        "kehoach_html: true\n"
        "---\n\n"
        "<h1>Cơ quan được giao nhiệm vụ</h1>\n\n"
        '<p class="kh-lead">Mỗi cơ quan có một trang tổng hợp mọi nhiệm vụ được giao trong tất cả văn bản, '
        "kèm vai trò, thời hạn và liên kết đến đúng đoạn văn. Con số là tổng số nhiệm vụ"
        + (f"; {without} cơ quan trong danh mục chưa được giao nhiệm vụ nào nên không có ở đây" if without else "")
        + ".</p>\n\n"
        + "\n".join(sections)
    )
