"""The pages of cited documents: one per document (what it is, its place in
the tree, every sentence citing it) and the index of documents by
organisation; :func:`citation_pages` is every page and file of the citation
index."""

from __future__ import annotations

from datetime import date

from .citation_export import citations_json_pieces
from .citation_model import CitationIndex, CitedDocument, Mention, natural_order, type_label
from .links import DIR, EXPORT, INDEX, TREE, document_md, plan_md, relative
from .model import Organisation
from .agencies import organisation_order, organisation_path
from .pages import plan_short_title
from .paging import DEFAULT_PAGE_ROWS, Piece, pack, page_md, pager
from .render import esc, page_head, section_heading, vn_date, vn_int
from .text import slugify
from .tree_pages import node_html, tree_pages

# --- pages of documents ------------------------------------------------------------


def _plans_order(index: CitationIndex):
    return lambda pid: (index.plans[pid].date is None, index.plans[pid].date or date.min, pid)


def _mention_groups(document: CitedDocument, index: CitationIndex) -> list[tuple[str, list[Mention]]]:
    by_plan: dict[str, list[Mention]] = {}
    for mention in document.mentions:
        by_plan.setdefault(mention.plan, []).append(mention)
    return [(pid, by_plan[pid]) for pid in sorted(by_plan, key=_plans_order(index))]


def _mentions_html(document: CitedDocument, here: str, index: CitationIndex, pieces=None) -> str:
    if pieces is None:
        pieces = [Piece(pid, mentions) for pid, mentions in _mention_groups(document, index)]
    out = []
    for piece in pieces:
        pid = piece.key
        plan = index.plans[pid]
        org = index.organisations.get(plan.organisation)
        items = []
        for m in piece.rows:
            a, b = m.mark
            sentence = f"{esc(m.sentence[:a])}<mark>{esc(m.sentence[a:b])}</mark>{esc(m.sentence[b:])}"
            written = ""
            if m.written_key != document.key:
                written = f' <span class="kh-tag kh-tag-warn">ghi là {esc(m.raw)}</span>'
            href = relative(here, plan_md(pid) + (f"#{m.anchor}" if m.anchor else ""))
            items.append(f'<li><a class="kh-mention-where" href="{esc(href)}">{esc(m.where)}</a>: '
                         f'<span class="kh-sentence">{sentence}</span>{written}</li>')
        more = ' <span class="kh-tree-meta">(tiếp theo)</span>' if piece.continued else ""
        out.append(
            f'<h3><a href="{esc(relative(here, plan_md(pid)))}">{esc(plan_short_title(plan))}</a> '
            f'<span class="kh-tree-meta">{esc(org.name if org else plan.organisation)}</span>{more}</h3>\n'
            f'<ul class="kh-mentions">{"".join(items)}</ul>\n'
        )
    return "\n".join(out)


def _list(nodes, here: str, index: CitationIndex, limit: int | None = None) -> str:
    ordered = sorted(nodes, key=index._order)
    shown = ordered if limit is None else ordered[:limit]
    more = ""
    if len(shown) < len(ordered):
        more = (f'<p class="kh-lead">… và {len(ordered) - len(shown)} văn bản khác; '
                f'mọi văn bản trích dẫn văn bản này có trong mục <a href="#duoc-trich-dan-boi">Được trích dẫn bởi</a>.</p>\n')
    return "<ul>" + "".join(f"<li>{node_html(n, here, index)}</li>" for n in shown) + "</ul>\n" + more


def document_pages(document: CitedDocument, index: CitationIndex, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """The page of a cited document: what it is, where it sits in the tree,
    and every sentence that cites it, grouped by plan; past ``page_rows``
    sentences, continued on numbered pages (which are not search results
    of their own)."""
    first = document_md(document.key)
    here = first
    org = index.organisations.get(document.scope)
    chain = " › ".join(o.name for o in organisation_path(document.scope, index.organisations)) or document.scope
    if document.plan:
        plan = index.plans[document.plan]
        in_corpus = f'Có: <a href="{esc(relative(here, plan_md(plan.id)))}">xem toàn văn {esc(plan_short_title(plan))}</a>'
    else:
        in_corpus = '<span class="kh-missing">Chưa có toàn văn trên trang này</span>'
    rows = [
        ("Số hiệu", esc(document.symbol)),
        ("Loại văn bản", esc(type_label(document.type))),
        ("Ngày ban hành", esc(vn_date(document.date)) if document.date else '<span class="kh-missing">chưa rõ</span>'),
        ("Cơ quan ban hành", esc(document.issuer) if document.issuer else '<span class="kh-missing">chưa rõ</span>'),
        ("Hệ thống văn bản của", esc(chain)),
        ("Toàn văn", in_corpus),
    ]
    if document.implements:
        rows.append(("Thực hiện", "<br>".join(node_html(n, here, index) for n in document.implements)))
    panel = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in rows)
    sections = []
    if document.implemented_by:
        sections.append(section_heading("Được cụ thể hóa bởi") + _list(document.implemented_by, here, index, page_rows))
    if document.relied_on_by:
        sections.append(section_heading("Được dùng làm căn cứ bởi") + _list(document.relied_on_by, here, index, page_rows))
    if document.replaces or document.replaced_by:
        part = section_heading("Thay thế / Được thay thế bởi")
        if document.replaces:
            part += f"<p>Thay thế:</p>\n{_list(document.replaces, here, index)}"
        if document.replaced_by:
            part += f"<p>Được thay thế bởi:</p>\n{_list(document.replaced_by, here, index)}"
        sections.append(part)
    groups = _mention_groups(document, index)
    chunks = pack(groups, page_rows)
    paths = [page_md(first, n + 1) for n in range(len(chunks))]
    plans_citing = len(groups)
    cited = section_heading("Được trích dẫn bởi")
    if document.mentions:
        cited += f'<p class="kh-lead">{len(document.mentions)} lần, trong {plans_citing} văn bản.</p>\n'
    else:
        cited += '<p class="kh-missing">Chưa văn bản nào trên trang này trích dẫn.</p>\n'
    filters = [("loai", type_label(document.type))]
    if document.issuer:
        filters.append(("co_quan_ban_hanh", document.issuer))
    if org:
        filters.append(("to_chuc", org.name))
    if document.date:
        filters.append(("nam", str(document.date.year)))
    filter_html = "".join(f'<span data-pagefind-filter="{k}" hidden>{esc(v)}</span>' for k, v in filters)
    title = f'<p class="kh-subtitle">{esc(document.title)}</p>\n' if document.title else ""
    pages = {}
    for n, chunk in enumerate(chunks):
        here = paths[n]
        nav = pager(here, paths, n)
        mentions = _mentions_html(document, here, index, chunk) if document.mentions else ""
        if n == 0:
            # A plan of content/ is found by search on its own page; its
            # document page would be the same result again (and each page
            # indexed adds to what every first query downloads).
            searchable = document.plan is None
            pages[here] = (
                page_head(document.label)
                + ('<div class="kh-cited" data-pagefind-body>\n' if searchable else '<div class="kh-cited">\n')
                + (f'<span data-pagefind-meta="loai_trang" hidden>Văn bản</span>{filter_html}\n' if searchable else "")
                + f'<h1 data-pagefind-meta="title">{esc(document.label)}</h1>\n'
                + title
                + f'<table class="kh-panel">\n<caption>Thông tin văn bản</caption>\n<tbody>{panel}</tbody>\n</table>\n'
                + "".join(sections)
                + cited
                + nav
                + mentions
                + nav
                + "</div>\n"
            )
        else:
            pages[here] = (
                page_head(f"{document.label} (trang {n + 1}/{len(chunks)})")
                + '<div class="kh-cited">\n'
                f"<h1>{esc(document.label)}</h1>\n"
                + title
                + f'<p class="kh-lead"><a href="{esc(relative(here, first))}">Trang đầu</a>: thông tin văn bản và vị trí trong cây thực hiện.</p>\n'
                + section_heading("Được trích dẫn bởi")
                + f'<p class="kh-lead">{len(document.mentions)} lần, trong {plans_citing} văn bản (trang {n + 1}/{len(chunks)}).</p>\n'
                + nav
                + mentions
                + nav
                + "</div>\n"
            )
    return pages


_LEVELS = (
    (("central",), "Trung ương"),
    (("province",), "Cấp tỉnh"),
    (("khoi", "district"), "Đảng bộ khối, cấp huyện"),
)


def _index_groups(index: CitationIndex) -> list[tuple[str, list[tuple[Organisation | None, list[CitedDocument]]]]]:
    """Documents by level, then by the organisation whose numbering they belong to."""
    orgs = organisation_order(index.organisations)
    by_scope: dict[str, list[CitedDocument]] = {}
    for doc in index.documents.values():
        by_scope.setdefault(doc.scope, []).append(doc)
    out = []
    placed = set()
    for levels, name in _LEVELS:
        groups = []
        for org in orgs:
            if org.level not in levels or org.id not in by_scope:
                continue
            placed.add(org.id)
            groups.append((org, by_scope[org.id]))
        if groups:
            out.append((name, groups))
    others = [d for scope, docs in sorted(by_scope.items()) if scope not in placed for d in docs]
    if others:
        out.append(("Khác", [(None, others)]))
    return out


def _index_lead(index: CitationIndex, here: str) -> str:
    total = len(index.documents)
    in_corpus = sum(1 for d in index.documents.values() if d.plan)
    return (
        "<h1>Văn bản được trích dẫn</h1>\n"
        f'<p class="kh-lead">{vn_int(total)} văn bản được các kế hoạch trích dẫn hoặc có trong danh mục, '
        f"{in_corpus} văn bản có toàn văn trên trang này. Mỗi văn bản có một trang liệt kê từng chỗ được trích dẫn. "
        f'Xem <a href="{esc(relative(here, TREE))}">cây thực hiện</a>.</p>\n'
    )


def index_page(index: CitationIndex) -> str:
    """The list of cited documents when it fits on one page."""
    here = INDEX
    sections = []
    for name, groups in _index_groups(index):
        part = section_heading(name)
        for org, docs in groups:
            if org is not None and name != _LEVELS[0][1]:
                chain = " › ".join(o.name for o in organisation_path(org.id, index.organisations))
                part += f'<h3 id="{esc(slugify(org.id))}">{esc(chain)}</h3>\n'
            part += _index_table(docs, here, index)
        sections.append(part)
    return page_head("Văn bản được trích dẫn") + _index_lead(index, here) + "\n".join(sections)


def scope_md(org_id: str) -> str:
    return f"{DIR}/theo-to-chuc/{slugify(org_id)}.md"


def index_pages(index: CitationIndex, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """The list of cited documents; past ``page_rows`` documents, an overview
    by organisation, each organisation's documents on pages of ``page_rows``."""
    if len(index.documents) <= page_rows:
        return {INDEX: index_page(index)}
    pages: dict[str, str] = {}
    sections = []
    for name, groups in _index_groups(index):
        rows = []
        for org, docs in groups:
            chain = " › ".join(o.name for o in organisation_path(org.id, index.organisations)) if org else "Khác"
            first = scope_md(org.id if org else "khac")
            paths = [page_md(first, n + 1) for n in range(-(-len(docs) // page_rows))]
            ordered = sorted(docs, key=_index_order)
            in_corpus = sum(1 for d in docs if d.plan)
            rows.append(f'<tr><td><a href="{esc(relative(INDEX, first))}">{esc(chain)}</a></td>'
                        f'<td data-sort="{len(docs):06d}">{len(docs)}</td><td>{in_corpus}</td></tr>')
            for n, path in enumerate(paths):
                nav = pager(path, paths, n)
                part = f" (trang {n + 1}/{len(paths)})" if len(paths) > 1 else ""
                pages[path] = (
                    page_head(f"Văn bản được trích dẫn: {chain}{part}")
                    + f"<h1>Văn bản được trích dẫn: {esc(chain)}</h1>\n"
                    f'<p class="kh-lead">{len(docs)} văn bản theo hệ thống văn bản của {esc(chain)}, xếp theo ngày ban hành. '
                    f'<a href="{esc(relative(path, INDEX))}">Mọi tổ chức</a>.</p>\n'
                    + nav
                    + _index_table(ordered[n * page_rows : (n + 1) * page_rows], path, index, presorted=True)
                    + nav
                )
        sections.append(
            section_heading(name)
            + '<table class="kh-table kh-sortable kh-scopes"><thead><tr><th>Hệ thống văn bản của</th>'
            f'<th data-sort-key>Số văn bản</th><th>Có toàn văn</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
        )
    pages[INDEX] = page_head("Văn bản được trích dẫn") + _index_lead(index, INDEX) + "\n".join(sections)
    return pages


def _index_order(d: CitedDocument):
    return (d.date is None, d.date or date.min, natural_order(d.symbol))


def _index_table(docs, here: str, index: CitationIndex, presorted: bool = False) -> str:
    rows = []
    for doc in docs if presorted else sorted(docs, key=_index_order):
        plans = len({m.plan for m in doc.mentions})
        full = ' <span class="kh-tag">có toàn văn</span>' if doc.plan else ""
        rows.append(
            f'<tr><td><a href="{esc(relative(here, document_md(doc.key)))}">{esc(doc.symbol)}</a>{full}</td>'
            f'<td data-sort="{doc.date.isoformat() if doc.date else ""}">{esc(vn_date(doc.date))}</td>'
            f"<td>{esc(type_label(doc.type))}</td>"
            f"<td>{esc(doc.issuer or '')}</td>"
            f"<td>{esc(doc.title or '')}</td>"
            f'<td data-sort="{len(doc.mentions):05d}"><span class="kh-count">{len(doc.mentions)}</span> '
            f'<span class="kh-tree-meta">({plans} văn bản)</span></td></tr>'
        )
    return (
        '<table class="kh-table kh-sortable kh-cited-list"><thead><tr><th>Số hiệu</th><th data-sort-key>Ngày</th>'
        "<th>Loại</th><th>Cơ quan ban hành</th><th>Trích yếu</th><th data-sort-key>Trích dẫn</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>\n"
    )


def citation_pages(index: CitationIndex | None, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """Every page and data file of this feature, keyed by site path."""
    if index is None:
        return {}
    pages = {EXPORT: citations_json_pieces(index), **tree_pages(index, page_rows)}
    pages.update(index_pages(index, page_rows))
    for document in index.documents.values():
        pages.update(document_pages(document, index, page_rows))
    return pages
