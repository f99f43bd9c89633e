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
from .paging import DEFAULT_PAGE_ROWS, pack, page_md, pager
from .render import page_head, vn_date, vn_int
from .templating import Markup, render
from .text import slugify, toc_slugify
from .tree_pages import node_html, tree_pages

# --- pages of documents ------------------------------------------------------------


def _plans_order(index: CitationIndex):
    return lambda pid: (index.plans[pid].date is None, index.plans[pid].date or date.min, pid)


def _mention_groups(document: CitedDocument, index: CitationIndex) -> list[tuple[str, list[Mention]]]:
    by_plan: dict[str, list[Mention]] = {}
    for mention in document.mentions:
        by_plan.setdefault(mention.plan, []).append(mention)
    return [(pid, by_plan[pid]) for pid in sorted(by_plan, key=_plans_order(index))]


def _groups(document: CitedDocument, here: str, index: CitationIndex, pieces) -> list[dict]:
    """The sentences citing ``document`` on one page, by plan, as the template shows them."""
    out = []
    for piece in pieces:
        plan = index.plans[piece.key]
        org = index.organisations.get(plan.organisation)
        mentions = []
        for m in piece.rows:
            a, b = m.mark
            mentions.append({
                "href": relative(here, plan_md(plan.id) + (f"#{m.anchor}" if m.anchor else "")),
                "where": m.where,
                "before": m.sentence[:a],
                "number": m.sentence[a:b],
                "after": m.sentence[b:],
                "written": m.raw if m.written_key != document.key else None,
            })
        out.append({
            "href": relative(here, plan_md(plan.id)),
            "title": plan_short_title(plan),
            "organisation": org.name if org else plan.organisation,
            "continued": piece.continued,
            "mentions": mentions,
        })
    return out


def _list(nodes, here: str, index: CitationIndex, limit: int | None = None) -> dict:
    """Documents of the tree (as links) in the tree's order; past ``limit``, how many more."""
    ordered = sorted(nodes, key=index._order)
    shown = ordered if limit is None else ordered[:limit]
    return {"nodes": [Markup(node_html(n, here, index)) for n in shown], "more": len(ordered) - len(shown)}


def _heading(title: str) -> dict:
    return {"id": toc_slugify(title), "title": title}


_MISSING = Markup('<span class="kh-missing">chưa rõ</span>')


def document_pages(document: CitedDocument, index: CitationIndex, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """The page of a cited document: what it is, where it sits in the tree,
    and every sentence that cites it, grouped by plan; past ``page_rows``
    sentences, continued on numbered pages (which are not search results
    of their own).  Laid out by templates/document.html."""
    first = document_md(document.key)
    org = index.organisations.get(document.scope)
    chain = " › ".join(o.name for o in organisation_path(document.scope, index.organisations)) or document.scope
    if document.plan:
        plan = index.plans[document.plan]
        in_corpus = Markup('Có: <a href="{}">xem toàn văn {}</a>').format(relative(first, plan_md(plan.id)), plan_short_title(plan))
    else:
        in_corpus = Markup('<span class="kh-missing">Chưa có toàn văn trên trang này</span>')
    panel = [
        ("Số hiệu", document.symbol),
        ("Loại văn bản", type_label(document.type)),
        ("Ngày ban hành", vn_date(document.date) if document.date else _MISSING),
        ("Cơ quan ban hành", document.issuer or _MISSING),
        ("Hệ thống văn bản của", chain),
        ("Toàn văn", in_corpus),
    ]
    if document.implements:
        panel.append(("Thực hiện", Markup("<br>").join(Markup(node_html(n, first, index)) for n in document.implements)))
    sections = []
    if document.implemented_by:
        sections.append({"heading": _heading("Được cụ thể hóa bởi"), "parts": [{"label": None, "list": _list(document.implemented_by, first, index, page_rows)}]})
    if document.relied_on_by:
        sections.append({"heading": _heading("Được dùng làm căn cứ bởi"), "parts": [{"label": None, "list": _list(document.relied_on_by, first, index, page_rows)}]})
    if document.replaces or document.replaced_by:
        parts = []
        if document.replaces:
            parts.append({"label": "Thay thế:", "list": _list(document.replaces, first, index)})
        if document.replaced_by:
            parts.append({"label": "Được thay thế bởi:", "list": _list(document.replaced_by, first, index)})
        sections.append({"heading": _heading("Thay thế / Được thay thế bởi"), "parts": parts})
    groups = _mention_groups(document, index)
    chunks = pack(groups, page_rows)
    paths = [page_md(first, n + 1) for n in range(len(chunks))]
    filters = [("loai", type_label(document.type))]
    if document.issuer:
        filters.append(("co_quan_ban_hanh", document.issuer))
    if org:
        filters.append(("to_chuc", org.name))
    if document.date:
        filters.append(("nam", str(document.date.year)))
    pages = {}
    for n, chunk in enumerate(chunks):
        here = paths[n]
        title = document.label if n == 0 else f"{document.label} (trang {n + 1}/{len(chunks)})"
        pages[here] = render(
            "document.html",
            head=Markup(page_head(title)),
            first=n == 0,
            # A plan of content/ is found by search on its own page; its
            # document page would be the same result again (and each page
            # indexed adds to what every first query downloads).
            searchable=document.plan is None,
            filters=filters,
            document=document,
            panel=panel,
            sections=sections,
            cited=_heading("Được trích dẫn bởi"),
            plans_citing=len(groups),
            first_href=relative(here, first),
            number=n + 1,
            pages=len(chunks),
            nav=Markup(pager(here, paths, n)),
            groups=_groups(document, here, index, chunk) if document.mentions else [],
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


def _index_head(index: CitationIndex, here: str) -> dict:
    return {
        "total": vn_int(len(index.documents)),
        "in_corpus": sum(1 for d in index.documents.values() if d.plan),
        "tree_href": relative(here, TREE),
    }


def _chain(org: Organisation, index: CitationIndex) -> str:
    return " › ".join(o.name for o in organisation_path(org.id, index.organisations))


def index_page(index: CitationIndex) -> str:
    """The list of cited documents when it fits on one page."""
    here = INDEX
    sections = []
    for name, groups in _index_groups(index):
        sections.append({
            "heading": _heading(name),
            "groups": [
                {
                    # Trung ương's documents need no organisation heading
                    "chain": _chain(org, index) if org is not None and name != _LEVELS[0][1] else None,
                    "id": slugify(org.id) if org is not None else "",
                    "rows": _index_rows(docs, here, index),
                }
                for org, docs in groups
            ],
        })
    return render("document-index.html", head=Markup(page_head("Văn bản được trích dẫn")), kind="single", sections=sections, **_index_head(index, here))


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
        scopes = []
        for org, docs in groups:
            chain = _chain(org, index) if org else "Khác"
            first = scope_md(org.id if org else "khac")
            paths = [page_md(first, n + 1) for n in range(-(-len(docs) // page_rows))]
            ordered = sorted(docs, key=_index_order)
            scopes.append({"href": relative(INDEX, first), "chain": chain, "count": len(docs), "in_corpus": sum(1 for d in docs if d.plan)})
            for n, path in enumerate(paths):
                part = f" (trang {n + 1}/{len(paths)})" if len(paths) > 1 else ""
                pages[path] = render(
                    "document-index.html",
                    head=Markup(page_head(f"Văn bản được trích dẫn: {chain}{part}")),
                    kind="scope",
                    chain=chain,
                    count=len(docs),
                    index_href=relative(path, INDEX),
                    nav=Markup(pager(path, paths, n)),
                    rows=_index_rows(ordered[n * page_rows : (n + 1) * page_rows], path, index, presorted=True),
                )
        sections.append({"heading": _heading(name), "scopes": scopes})
    pages[INDEX] = render("document-index.html", head=Markup(page_head("Văn bản được trích dẫn")), kind="overview", sections=sections, **_index_head(index, INDEX))
    return pages


def _index_order(d: CitedDocument):
    return (d.date is None, d.date or date.min, natural_order(d.symbol))


def _index_rows(docs, here: str, index: CitationIndex, presorted: bool = False) -> list[dict]:
    return [
        {
            "href": relative(here, document_md(doc.key)),
            "symbol": doc.symbol,
            "full": bool(doc.plan),
            "iso": doc.date.isoformat() if doc.date else "",
            "date": vn_date(doc.date),
            "type": type_label(doc.type),
            "issuer": doc.issuer or "",
            "title": doc.title or "",
            "mentions": len(doc.mentions),
            "plans": len({m.plan for m in doc.mentions}),
        }
        for doc in (docs if presorted else sorted(docs, key=_index_order))
    ]


def citation_pages(index: CitationIndex | None, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """Every page and data file of this feature, keyed by site path."""
    if index is None:
        return {}
    pages = {EXPORT: citations_json_pieces(index), **tree_pages(index, page_rows)}
    pages.update(index_pages(index, page_rows))
    for document in index.documents.values():
        pages.update(document_pages(document, index, page_rows))
    return pages
