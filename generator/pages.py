"""Stage 4 (emit): Markdown pages for plans and the home page.

Pages are plain strings keyed by their path in the site's docs tree, so the
renderer (MkDocs today) only has to add them.  What goes on a page is decided
here; how it looks is CSS in pages/assets/ and the theme overrides.
"""

from __future__ import annotations

import re

from . import labels
from .agencies import organisation_order, organisation_path  # noqa: F401  (the emitters read them through pages)
from .links import relative
from .model import Corpus, Node, Plan
from .paging import DEFAULT_PAGE_ROWS, page_md, pager
from .render import esc, inline, page_head, vn_date, vn_int, yaml_string
from .prerendered import PART, PARTS_FLAG
from .text import toc_slugify

PLAN_DIR = "ke-hoach"


def plan_path(plan_id: str) -> str:
    return f"{PLAN_DIR}/{plan_id}.md"


def plan_display_number(plan: Plan) -> str:
    return plan.number or "Không số"


def plan_short_title(plan: Plan) -> str:
    kind = labels.doc_type(plan.type)
    if plan.number:
        return f"{kind} số {plan.number}"
    # Without a number, "Kế hoạch của Ban Thường vụ Tỉnh ủy" names no province:
    # add the organisation unless the issuer already says it.
    return f"{kind} của {labels.issuer_label(plan.issuer, plan.organisation_name)}"


# --- plan page -------------------------------------------------------------------


def _heading_marks(level: int) -> str:
    return "#" * min(level + 1, 6)


def _numbered_paragraph(text: str) -> str:
    # "1. text" would become an ordered list that renumbers; keep the number as text.
    return re.sub(r"^(\d+)\.", r"\1\\.", text, count=1)


PERMALINK_TITLE = "Liên kết đến đoạn này (bấm để chép)"


def permalink(anchor: str) -> str:
    """The copyable link of a numbered item or of a paragraph that carries a
    duty (kehoach.js copies its address on click; headings have MkDocs' ¶)."""
    return f'<a class="kh-permalink" href="#{esc(anchor)}" title="{PERMALINK_TITLE}" aria-label="{PERMALINK_TITLE}">#</a>'


def _node_markdown(node: Node, out: list[str], extras, linkify=lambda text: text) -> None:
    text = linkify(inline(node.text))
    tail = extras(node)
    if node.kind in ("part", "item") and node.heading:
        out.append(f"{_heading_marks(node.level)} {text} {{#{node.anchor}}}\n")
        if tail:
            out.append(tail + "\n")
        for child in node.children:
            _node_markdown(child, out, extras, linkify)
        return
    numbered = node.kind in ("part", "item")
    link = " " + permalink(node.anchor) if numbered or tail else ""
    if node.kind == "bullet":
        out.append(f"- {text}{tail and ' ' + tail}{link}\n{{: #{node.anchor} }}\n")
    else:
        css = " .kh-item" if numbered else ""
        out.append(f"{_numbered_paragraph(text)}{tail and ' ' + tail}{link}\n{{: #{node.anchor}{css} }}\n")
    for child in node.children:
        _node_markdown(child, out, extras, linkify)


def _panel_row(label: str, value_html: str) -> str:
    if not value_html:
        return ""
    return f"<tr><th scope=\"row\">{esc(label)}</th><td>{value_html}</td></tr>"


def _basis_html(basis, link_for) -> str:
    kind = labels.doc_type(basis.type) if basis.type else ""
    name = " ".join(x for x in (kind, f"số {basis.document}" if basis.document else "") if x)
    href = link_for(basis.document) if basis.document else None
    name_html = f'<a href="{esc(href)}">{esc(name)}</a>' if href else esc(name or basis.title or "")
    bits = [name_html]
    if basis.date:
        bits.append(f"ngày {vn_date(basis.date)}")
    if basis.issuer:
        bits.append(f"của {esc(basis.issuer)}")
    if basis.title and basis.document:
        bits.append(esc(basis.title))
    relation = {"implements": "thực hiện", "relies-on": "căn cứ"}.get(basis.relation, "")
    rel_html = f' <span class="kh-tag">{esc(relation)}</span>' if relation else ""
    return " ".join(bits) + rel_html


def plan_panel(plan: Plan, corpus: Corpus, link_for=lambda doc: None) -> str:
    org = corpus.organisations.get(plan.organisation)
    org_chain = " › ".join(o.name for o in organisation_path(plan.organisation, corpus.organisations))
    date_html = esc(vn_date(plan.date)) if plan.date else f'<span class="kh-missing">{esc(plan.date_note or "không ghi")}</span>'
    number_html = esc(plan.number) if plan.number else f'<span class="kh-missing">{esc(plan.number_note or "không ghi")}</span>'
    signer = plan.signer
    signer_html = esc(", ".join(x for x in (signer.name, (signer.title or "").capitalize() if signer.title else None, signer.on_behalf) if x))
    rows = [
        _panel_row("Số hiệu", number_html),
        _panel_row("Loại văn bản", esc(labels.doc_type(plan.type))),
        _panel_row("Ngày ban hành", date_html),
        _panel_row("Cơ quan ban hành", esc(plan.issuer)),
        _panel_row("Tổ chức", esc(org_chain or (org.name if org else plan.organisation))),
        _panel_row("Người ký", signer_html),
        _panel_row("Căn cứ", "<br>".join(_basis_html(b, link_for) for b in plan.bases)),
        _panel_row("Thay thế", "<br>".join(_basis_html(b, link_for) for b in plan.supersedes)),
        _panel_row("Nơi nhận", esc("; ".join(r.rstrip(",.;") for r in plan.recipients))),
        _panel_row("Mức truy cập", esc(labels.ACCESS.get(plan.access, plan.access))),
    ]
    received = plan.received
    if received:
        rows.append(_panel_row("Dấu công văn đến", esc(", ".join(x for x in (
            received.office,
            f"số đến {received.number}" if received.number else None,
            f"ngày {vn_date(received.date)}" if received.date else None,
        ) if x))))
    body = "".join(rows)
    return f'<table class="kh-panel">\n<caption>Thông tin văn bản</caption>\n<tbody>{body}</tbody>\n</table>\n'


def _document_head(plan: Plan) -> str:
    head = plan.letterhead
    parts: list[str] = ['<div class="kh-doc-head">']
    number_line = plan.number_as_printed
    if head.issuer_lines or head.motto or head.place_date_line or number_line:
        left = "".join(f"<div>{esc(line)}</div>" for line in head.issuer_lines)
        if number_line:
            left += f'<div class="kh-number">{esc(number_line)}</div>'
        right = ""
        if head.motto:
            right += f'<div class="kh-motto">{esc(head.motto)}</div>'
        if head.place_date_line:
            right += f'<div class="kh-place-date">{esc(head.place_date_line)}</div>'
        parts.append(f'<div class="kh-letterhead"><div class="kh-lh-left">{left}</div><div class="kh-lh-right">{right}</div></div>')
    for line in head.heading_lines:
        parts.append(f'<p class="kh-doc-kind">{esc(line)}</p>')
    shown_title = plan.title_as_printed or plan.title
    parts.append(f'<p class="kh-doc-title">{esc(shown_title)}</p>')
    if plan.received and plan.received.as_printed:
        parts.append(f'<p class="kh-stamp" title="Dấu công văn đến (không phải số của văn bản)">{esc(plan.received.as_printed)}</p>')
    parts.append("</div>\n")
    return "\n".join(parts)


def _document_foot(plan: Plan) -> str:
    signer = plan.signer
    sign = "".join(
        f'<div class="{cls}">{esc(value)}</div>'
        for cls, value in (("kh-on-behalf", signer.on_behalf), ("kh-sign-title", signer.title), ("kh-sign-name", signer.name))
        if value
    )
    recipients = "".join(f"<li>{esc(r)}</li>" for r in plan.recipients)
    note = plan.recipients_note
    note_html = f'<p class="kh-recipients-note">{esc(note)}</p>' if note else ""
    return (
        '<div class="kh-doc-foot">'
        f'<div class="kh-recipients"><p class="kh-recipients-label">Nơi nhận:</p><ul>{recipients}</ul>{note_html}</div>'
        f'<div class="kh-signature">{sign}</div>'
        "</div>\n"
    )


def plan_page(plan: Plan, corpus: Corpus, *, extras=lambda node: "", link_for=lambda doc: None, after_panel: str = "", linkify=lambda text: text,
              assigned: tuple[str, ...] = ()) -> str:
    """The page of one plan: attribute panel above the faithful text."""
    body: list[str] = []
    closing_started = False
    for node in plan.body:
        if node.anchor.startswith("ket-") and not closing_started:
            closing_started = True
        _node_markdown(node, body, extras, linkify)
    footnotes = "".join(f"[^{f.key}]: {linkify(inline(f.text))}\n" for f in plan.footnotes)
    org = corpus.organisations.get(plan.organisation)
    year = str(plan.date.year) if plan.date else ""
    filters = [
        ("loai", labels.doc_type(plan.type)),
        ("co_quan_ban_hanh", labels.issuer_label(plan.issuer, org.name if org else None)),
        ("to_chuc", org.name if org else plan.organisation),
    ]
    if year:
        filters.append(("nam", year))
    # the bodies given duties in this plan: choosing one in the search filter finds its plans
    filters += [("co_quan_duoc_giao", name) for name in assigned]
    filter_html = "".join(f'<span data-pagefind-filter="{k}" hidden>{esc(v)}</span>' for k, v in filters)
    # What search.js ranks by (a name or a number typed whole): who issued and signed
    # it, and the documents it implements.
    meta = [
        ("co_quan_ban_hanh", labels.issuer_label(plan.issuer, org.name if org else None)),
        ("to_chuc", org.name if org else ""),
        ("nguoi_ky", plan.signer.name or ""),
        ("so_hieu", plan.number or ""),
        ("thuc_hien", " ; ".join(b.document for b in plan.bases if b.document and b.relation == "implements")),
    ]
    filter_html += "".join(f'<span data-pagefind-meta="{k}" hidden>{esc(v)}</span>' for k, v in meta if v)
    title = plan_short_title(plan)
    # Only the plan's text is Markdown: the panel, letterhead and signature
    # are HTML around it (kehoach_parts, see prerendered.py), so that
    # Python-Markdown does not re-parse them (md_in_html).
    return (
        "---\n"
        f"title: {yaml_string(title)}\n"
        "hide: [navigation]\n"
        f"{PARTS_FLAG}: true\n"
        "---\n\n"
        '<div class="kh-plan" data-pagefind-body>\n'
        f'<span data-pagefind-meta="loai_trang" hidden>Kế hoạch</span>{filter_html}\n'
        f'<h1 id="{esc(toc_slugify(title))}" data-pagefind-meta="title">{esc(title)}</h1>\n'
        f'<p class="kh-subtitle">{esc(plan.title)}</p>\n'
        + (
            '<p class="kh-unreviewed-note">Bản nháp do kehoach import tạo, chưa được duyệt: thông tin văn bản và các nhiệm vụ '
            "rút ra từ nó cần được đối chiếu với văn bản gốc.</p>\n"
            if not plan.reviewed
            else ""
        )
        + f"{plan_panel(plan, corpus, link_for)}\n"
        f"{after_panel}"
        '<div class="kh-document">\n'
        f"{_document_head(plan)}\n"
        f"{PART}\n\n"
        + "\n".join(body)
        + "\n\n"
        + footnotes
        + f"\n{PART}\n"
        + _document_foot(plan)
        + "\n</div>\n</div>\n"
    )


# --- home page ---------------------------------------------------------------------


def _plan_row(plan: Plan, link_prefix: str = "") -> str:
    date_sort = plan.date.isoformat() if plan.date else ""
    number = esc(plan_display_number(plan))
    return (
        f'<tr><td>{number}</td>'
        f'<td data-sort="{date_sort}">{esc(vn_date(plan.date)) or "<span class=kh-missing>không ghi</span>"}</td>'
        f"<td>{esc(plan.issuer)}</td>"
        f'<td><a href="{link_prefix}{PLAN_DIR}/{plan.id}.html">{esc(labels.doc_type(plan.type))}: {esc(plan.title)}</a></td></tr>'
    )


_TABLE_HEAD = (
    '<thead><tr><th>Số hiệu</th><th data-sort-key>Ngày</th><th>Cơ quan ban hành</th><th>Trích yếu</th></tr></thead>'
)


def _plans_table(plans, link_prefix: str = "", table_id: str = "") -> str:
    ident = f' id="{table_id}"' if table_id else ""
    rows = "".join(_plan_row(p, link_prefix) for p in plans)
    return f'<table class="kh-table kh-plans kh-sortable"{ident}>{_TABLE_HEAD}<tbody>{rows}</tbody></table>\n'


def _by_date(plan: Plan):
    return (plan.date is None, plan.date.isoformat() if plan.date else "", plan.id)


ORG_DIR = "to-chuc"


def organisation_md(org_id: str) -> str:
    return f"{ORG_DIR}/{org_id}.md"


_html_head = page_head  # the one page header (render.page_head)


def home_page(corpus: Corpus, dashboard_html: str = "") -> str:
    """The home page when every plan fits on it: the follow-up dashboard
    (dashboard.py), plans by organisation, then all of them."""
    by_org: dict[str, list[Plan]] = {}
    for plan in corpus.plans:
        by_org.setdefault(plan.organisation, []).append(plan)
    sections = []
    for org in organisation_order(corpus.organisations):
        plans = sorted(by_org.get(org.id, []), key=lambda p: (p.date is None, p.date or "", p.id))
        if not plans:
            continue
        chain = " › ".join(o.name for o in organisation_path(org.id, corpus.organisations))
        sections.append(f'<h3 id="to-chuc-{esc(org.id)}">{esc(chain)}</h3>\n' + _plans_table(plans))
    built = f"Cập nhật ngày {vn_date(corpus.build_date)}. " if corpus.build_date else ""
    return (
        _html_head("Kế hoạch, chương trình hành động")
        + '<div data-pagefind-ignore>\n'
        "<h1>Kế hoạch, chương trình hành động</h1>\n"
        f'<p class="kh-lead">{built}{vn_int(len(corpus.plans))} văn bản của {len(by_org)} tổ chức. '
        'Bấm vào tiêu đề cột “Ngày” để sắp xếp theo ngày ban hành.</p>\n'
        + dashboard_html
        + '<h2 id="theo-to-chuc">Theo tổ chức</h2>\n'
        + "\n".join(sections)
        + '\n<h2 id="tat-ca-van-ban">Tất cả văn bản</h2>\n'
        + _plans_table(sorted(corpus.plans, key=_by_date), table_id="tat-ca")
        + "</div>\n"
    )


LATEST = 50


def home_pages(corpus: Corpus, page_rows: int = DEFAULT_PAGE_ROWS, dashboard_html: str = "") -> dict[str, str]:
    """The home page; past ``page_rows`` plans it lists the organisations
    (each with a page of its plans, cut into pages of ``page_rows``) and the
    latest plans, instead of every plan."""
    if len(corpus.plans) <= page_rows:
        return {"index.md": home_page(corpus, dashboard_html)}
    by_org: dict[str, list[Plan]] = {}
    for plan in corpus.plans:
        by_org.setdefault(plan.organisation, []).append(plan)
    pages: dict[str, str] = {}
    rows = []
    for org in organisation_order(corpus.organisations):
        plans = sorted(by_org.get(org.id, []), key=_by_date)
        if not plans:
            continue
        chain = " › ".join(o.name for o in organisation_path(org.id, corpus.organisations))
        first = organisation_md(org.id)
        paths = [page_md(first, n + 1) for n in range(-(-len(plans) // page_rows))]
        dated = [p.date for p in plans if p.date]
        span = f"{vn_date(min(dated))} – {vn_date(max(dated))}" if dated else ""
        rows.append(
            f'<tr><td><a href="{esc(relative("index.md", first))}">{esc(chain)}</a></td>'
            f'<td data-sort="{len(plans):06d}">{len(plans)}</td><td>{esc(span)}</td></tr>'
        )
        for n, path in enumerate(paths):
            chunk = plans[n * page_rows : (n + 1) * page_rows]
            part = f" (trang {n + 1}/{len(paths)})" if len(paths) > 1 else ""
            nav = pager(path, paths, n)
            pages[path] = (
                _html_head(f"Văn bản của {org.name}{part}")
                + '<div data-pagefind-ignore>\n'
                f"<h1>Văn bản của {esc(org.name)}</h1>\n"
                f'<p class="kh-lead">{esc(chain)}: {len(plans)} văn bản, xếp theo ngày ban hành. '
                f'<a href="{esc(relative(path, "index.md"))}">Về trang chủ</a>.</p>\n'
                + nav
                + _plans_table(chunk, link_prefix=relative(path, "index.md")[: -len("index.html")])
                + nav
                + "</div>\n"
            )
    latest = sorted(corpus.plans, key=_by_date, reverse=True)[:LATEST]
    latest = [p for p in latest if p.date] or latest
    built = f"Cập nhật ngày {vn_date(corpus.build_date)}. " if corpus.build_date else ""
    pages["index.md"] = (
        _html_head("Kế hoạch, chương trình hành động")
        + '<div data-pagefind-ignore>\n'
        "<h1>Kế hoạch, chương trình hành động</h1>\n"
        f'<p class="kh-lead">{built}{vn_int(len(corpus.plans))} văn bản của {len(by_org)} tổ chức. '
        "Mỗi tổ chức có một trang liệt kê văn bản của mình; ô tìm kiếm ở đầu trang tìm trong toàn văn.</p>\n"
        + dashboard_html
        + '<h2 id="theo-to-chuc">Theo tổ chức</h2>\n'
        '<table class="kh-table kh-sortable kh-orgs"><thead><tr><th>Tổ chức</th><th data-sort-key>Số văn bản</th>'
        f'<th>Ngày ban hành</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
        f'<h2 id="moi-nhat">{len(latest)} văn bản mới nhất</h2>\n'
        + _plans_table(latest)
        + "</div>\n"
    )
    return pages


# --- the data files -----------------------------------------------------------------

DATA_PAGE = "du-lieu.md"

# (path, what it holds, for whom): every site-wide file the build writes under data/.
DATA_FILES = (
    ("data/tasks.csv", "CSV (mở bằng Excel, LibreOffice)",
     "Mọi nhiệm vụ của mọi văn bản, mỗi dòng một nhiệm vụ của một cơ quan: văn bản, cơ quan, tổ chức, vai trò "
     "(chủ trì, phối hợp, thực hiện), nội dung, vị trí trong văn bản (Mục, khoản, điểm), thời hạn nguyên văn và loại thời hạn, "
     "hạn chót, ngày bắt đầu, đường dẫn đến đoạn văn, tệp và dòng nguồn, đã duyệt hay chưa; rồi mã nhiệm vụ, "
     "trạng thái tính đến ngày cập nhật và báo cáo gần nhất (ngày, tình hình, kết quả, văn bản báo cáo)."),
    ("data/tasks.json", "JSON (cho chương trình máy tính)",
     "Cùng các nhiệm vụ như tệp CSV, với khóa tiếng Anh và mã (lead, support, assigned; once, from, recurring …), "
     "kèm chu kỳ lặp và điều kiện của thời hạn, mã trạng thái (as_of: ngày tính trạng thái) và báo cáo gần nhất."),
    ("data/lich/tat-ca.ics", "Lịch iCalendar (Outlook, Thunderbird, Lịch Google)",
     "Mọi nhiệm vụ có hạn chót hoặc lặp lại định kỳ, thành sự kiện cả ngày vào ngày đến hạn; nhiệm vụ đã hoàn thành "
     "ghi “(đã hoàn thành)” (STATUS:COMPLETED) kèm văn bản báo cáo."),
    ("data/citations.json", "JSON (cho chương trình máy tính)",
     "Các văn bản được trích dẫn, căn cứ và cây thực hiện: văn bản nào cụ thể hóa, căn cứ hoặc thay thế văn bản nào."),
)


def data_page(corpus: Corpus) -> str:
    """The "Dữ liệu" page: the site-wide files, what each holds, and where a body's own are."""
    rows = "".join(
        f'<tr><td data-label="Tệp"><a href="{esc(relative(DATA_PAGE, path))}" download><code class="kh-num">{esc(path)}</code></a></td>'
        f'<td data-label="Dạng">{esc(kind)}</td><td data-label="Nội dung">{esc(what)}</td></tr>'
        for path, kind, what in DATA_FILES
    )
    built = f" Số liệu theo các văn bản có đến ngày {vn_date(corpus.build_date)}." if corpus.build_date else ""
    return (
        _html_head("Dữ liệu", "[navigation, toc]")
        + '<div data-pagefind-ignore>\n'
        "<h1>Dữ liệu</h1>\n"
        f'<p class="kh-lead">Các tệp dữ liệu của toàn trang, để mở bằng bảng tính, lịch hoặc chương trình khác.{built}</p>\n'
        '<table class="kh-table kh-cards kh-data-files"><thead><tr><th>Tệp</th><th>Dạng</th><th>Nội dung</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>\n"
        '<h2 id="cua-tung-co-quan">Của từng cơ quan</h2>\n'
        f'<p>Trang của mỗi cơ quan (xem <a href="{esc(relative(DATA_PAGE, "co-quan/index.md"))}">Cơ quan</a>) có nút tải '
        "danh sách nhiệm vụ của cơ quan đó dưới dạng Excel (.xlsx) và CSV, cùng tệp lịch (.ics) để đăng ký theo dõi. "
        "Các tệp nằm tại <code>data/co-quan/&lt;tổ chức&gt;/&lt;cơ quan&gt;.xlsx</code>, <code>.csv</code> và "
        "<code>data/lich/&lt;tổ chức&gt;--&lt;cơ quan&gt;.ics</code>.</p>\n"
        '<h2 id="cot-cua-bang">Các cột của bảng nhiệm vụ</h2>\n'
        "<p>Tệp CSV và Excel có cùng các cột: "
        + esc(", ".join(_csv_fields()))
        + ". Cột “Đã duyệt” ghi “Chưa duyệt” cho nhiệm vụ rút từ bản nháp do kehoach import tạo hoặc giao cho cơ quan mới đề xuất.</p>\n"
        '<h2 id="ra-soat-5-ro">Rà soát “5 rõ”</h2>\n'
        f'<p><a href="{esc(relative(DATA_PAGE, "kiem-tra/ro-viec.md"))}">Bảng xếp hạng các văn bản</a> theo số nhiệm vụ chưa rõ người '
        "thực hiện, thời hạn, cơ quan chủ trì hay sản phẩm; mỗi văn bản có bảng rà soát riêng ở đầu trang.</p>\n"
        "</div>\n"
    )


def _csv_fields() -> list[str]:
    from .exports import FIELDS

    return FIELDS
