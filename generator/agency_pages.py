"""Pages of bodies: one per body (every duty it holds across all plans) and
an index of all bodies grouped by organisation, in Vietnamese order."""

from __future__ import annotations

from collections import Counter

from . import labels
from .calendars import calendar_path
from .links import agency_md, plan_md, relative
from .model import Agency, Corpus, Task
from .pages import organisation_order, organisation_path, plan_short_title
from .render import esc, inline, vn_date, yaml_string
from .text import sort_key

INDEX = "co-quan/index.md"

DEADLINE_KINDS = {
    "once": "Có hạn cụ thể",
    "from": "Bắt đầu từ",
    "recurring": "Thường xuyên, định kỳ",
    "conditional": "Khi có điều kiện",
    "target": "Mục tiêu đến",
    "none": "Không ghi thời hạn",
    "unknown": "Thời hạn chưa đọc được",
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
    d = task.deadline
    attrs = {"data-kind": d.kind}
    if d.due:
        attrs["data-due"] = d.due.isoformat()
    if d.start:
        attrs["data-start"] = d.start.isoformat()
    return " ".join(f'{k}="{esc(v)}"' for k, v in attrs.items())


def _sort_value(task: Task) -> str:
    d = task.deadline
    if d.due:
        return d.due.isoformat()
    if d.start:
        return d.start.isoformat()
    return ""


def agency_link(agency: Agency, from_md: str) -> str:
    return f'<a href="{esc(relative(from_md, agency_md(agency.id)))}">{esc(agency.name)}</a>'


def agency_page(agency: Agency, duties: list[tuple[Task, str]], corpus: Corpus) -> str:
    here = agency_md(agency.id)
    org_name = corpus.organisations[agency.organisation].name
    roles = Counter(role for _, role in duties)
    kinds = Counter(task.deadline.kind for task, _ in duties)
    by_plan: dict[str, list[tuple[Task, str]]] = {}
    for task, role in duties:
        by_plan.setdefault(task.plan, []).append((task, role))
    plans = {pid: corpus.plan(pid) for pid in by_plan}
    sections = []
    for plan_id in sorted(by_plan, key=lambda pid: (plans[pid].date is None, plans[pid].date or "", pid)):
        plan = plans[plan_id]
        rows = []
        for task, role in by_plan[plan_id]:
            others = [a for a in task.assignees if a.agency != agency.id]
            co = ", ".join(
                f'{agency_link(corpus.agencies[a.agency], here)} <span class="kh-role">({labels.ROLES[a.role].lower()})</span>'
                for a in others
                if a.agency in corpus.agencies
            )
            href = relative(here, plan_md(plan.id) + "#" + task.anchor)
            via = ""
            if task.via:
                via_href = relative(here, plan_md(plan.id) + "#" + task.via)
                via = f' <a class="kh-via" href="{esc(via_href)}" title="Đoạn giao nhiệm vụ này">(giao tại đây)</a>'
            context = f'<span class="kh-context">{esc(task.context)}</span> ' if task.context else ""
            rows.append(
                f'<tr class="kh-duty" {deadline_attrs(task)} data-role="{role}">'
                f'<td>{context}<a class="kh-duty-link" href="{esc(href)}">{esc(task.text)}</a>{via}</td>'
                f'<td><span class="kh-role kh-role-{role}">{labels.ROLES[role]}</span></td>'
                f'<td data-sort="{_sort_value(task)}">{deadline_html(task)}<span class="kh-state" hidden></span></td>'
                f"<td>{co}</td></tr>"
            )
        plan_href = relative(here, plan_md(plan.id))
        sections.append(
            f'<h3><a href="{esc(plan_href)}">{esc(plan_short_title(plan))}</a></h3>\n'
            f'<p class="kh-plan-title">{esc(plan.title)}</p>\n'
            '<table class="kh-table kh-sortable kh-duties"><thead><tr><th>Nhiệm vụ</th><th>Vai trò</th>'
            '<th data-sort-key>Thời hạn</th><th>Cùng thực hiện</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table>\n"
        )
    counts = (
        f'<ul class="kh-counts"><li><strong>{len(duties)}</strong> nhiệm vụ</li>'
        f'<li><strong>{roles["lead"]}</strong> chủ trì</li>'
        f'<li><strong>{roles["support"]}</strong> phối hợp</li>'
        f'<li><strong>{roles["assigned"]}</strong> thực hiện</li></ul>\n'
        '<ul class="kh-counts kh-kinds">'
        + "".join(f"<li>{esc(DEADLINE_KINDS[k])}: <strong>{kinds[k]}</strong></li>" for k in DEADLINE_KINDS if kinds[k])
        + "</ul>\n"
    )
    kind_label = {"class": "Nhóm cơ quan", "persons": "Cá nhân"}.get(agency.kind, "Cơ quan")
    aliases = f'<p class="kh-aliases">Tên gọi khác: {esc(", ".join(agency.aliases))}</p>\n' if agency.aliases else ""
    return (
        "---\n"
        f"title: {yaml_string(agency.name + ' — ' + corpus.organisations[agency.organisation].name)}\n"
        "hide: [navigation]\n"
        "---\n\n"
        '<div data-pagefind-body markdown>\n\n'
        f'<span data-pagefind-meta="loai_trang" hidden>Cơ quan</span><span data-pagefind-filter="co_quan_duoc_giao" hidden>{esc(agency.name)}</span>'
        f'<span data-pagefind-filter="to_chuc" hidden>{esc(corpus.organisations[agency.organisation].name)}</span>\n\n'
        f"# {inline(agency.name)}\n\n"
        f'<p class="kh-lead">{esc(kind_label)} thuộc {esc(org_name)}</p>\n'
        f"{aliases}{counts}\n"
        f'<p class="kh-subscribe">Lịch nhiệm vụ: <a href="{esc(relative(here, calendar_path(agency.id)))}" download>tải tệp lịch (.ics)</a> '
        "để mở bằng Outlook, Thunderbird hoặc Lịch Google; trên mạng nội bộ có thể dùng đường dẫn này để đăng ký theo dõi.</p>\n"
        + ("\n".join(sections) if sections else '<p class="kh-missing">Chưa có nhiệm vụ nào được giao trong các văn bản hiện có.</p>\n')
        + "\n</div>\n"
    )


def agency_index(corpus: Corpus, counts: dict[str, list]) -> str:
    sections = []
    for org in organisation_order(corpus.organisations):
        bodies = [a for a in corpus.agencies.values() if a.organisation == org.id]
        if not bodies:
            continue
        items = []
        for agency in sorted(bodies, key=lambda a: sort_key(a.name)):
            n = len(counts.get(agency.id, []))
            cls = "" if n else ' class="kh-empty"'
            items.append(f"<li{cls}>{agency_link(agency, INDEX)} <span class=\"kh-count\">{n}</span></li>")
        chain = " › ".join(o.name for o in organisation_path(org.id, corpus.organisations))
        sections.append(f'<h2 id="{esc(org.id)}">{esc(chain)}</h2>\n<ul class="kh-agency-list">{"".join(items)}</ul>\n')
    return (
        "---\n"
        'title: "Cơ quan được giao nhiệm vụ"\n'
        "---\n\n"
        "# Cơ quan được giao nhiệm vụ\n\n"
        '<p class="kh-lead">Mỗi cơ quan có một trang tổng hợp mọi nhiệm vụ được giao trong tất cả văn bản, '
        "kèm vai trò, thời hạn và liên kết đến đúng đoạn văn. Con số là tổng số nhiệm vụ.</p>\n\n"
        + "\n".join(sections)
    )
