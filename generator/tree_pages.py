"""The implementation tree: the whole tree (van-ban/cay-thuc-hien.md), its
branches too big for one page, and a plan's place in it on the plan page."""

from __future__ import annotations

from .citation_model import CitationIndex
from .citations import document_slug
from .links import DIR, INDEX, TREE, document_md, plan_md, relative
from .model import Plan
from .pages import plan_short_title
from .paging import DEFAULT_PAGE_ROWS
from .render import esc, page_head, section_heading, vn_date

def node_html(node: str, from_md: str, index: CitationIndex, current: str | None = None) -> str:
    if node in index.plans:
        plan = index.plans[node]
        org = index.organisations.get(plan.organisation)
        name = plan_short_title(plan)
        meta = ", ".join(x for x in ((org.name if org else plan.organisation), vn_date(plan.date)) if x)
        href = relative(from_md, plan_md(plan.id))
        css = "kh-tree-plan"
    else:
        doc = index.documents.get(node)
        name = doc.label if doc else node
        scope = node.split("/", 1)[0]
        org = index.organisations.get(scope)
        meta = ", ".join(x for x in ((doc.issuer if doc and doc.issuer else (org.name if org else scope)), vn_date(doc.date) if doc else "") if x)
        href = relative(from_md, document_md(node)) if doc else None
        css = "kh-tree-doc"
    if node == current:
        label = f'<strong aria-current="page">{esc(name)}</strong>'
    elif href:
        label = f'<a href="{esc(href)}">{esc(name)}</a>'
    else:
        label = esc(name)
    meta_html = f' <span class="kh-tree-meta">{esc(meta)}</span>' if meta else ""
    return f'<span class="{css}" data-node="{esc(node)}">{label}{meta_html}</span>'


def _chains(node: str, index: CitationIndex, seen: frozenset = frozenset()) -> list[list[str]]:
    """Every path from a root down to ``node``."""
    ups = [p for p in index.parents.get(node, ()) if p not in seen]
    if not ups:
        return [[node]]
    return [chain + [node] for p in sorted(ups, key=index._order) for chain in _chains(p, index, seen | {node})]


def tree_snippet(plan: Plan, from_md: str, index: CitationIndex | None) -> str:
    """The plan's place in the implementation tree: every chain of documents it
    implements, down to it, and the plans that implement it.  Plain HTML."""
    if index is None:
        return ""
    node = plan.id
    kids = sorted(index.children.get(node, ()), key=index._order)
    if not index.parents.get(node) and not kids:
        return ""
    trie: dict = {}
    for chain in _chains(node, index):
        level = trie
        for step in chain:
            level = level.setdefault(step, {})

    def render(level: dict, css: str = "") -> str:
        items = []
        for step in sorted(level, key=index._order):
            inner = render(level[step]) if level[step] else ""
            if step == node and kids:
                inner = '<ul class="kh-tree-children">' + "".join(
                    f"<li>{node_html(k, from_md, index)}</li>" for k in kids
                ) + "</ul>"
            current = ' class="kh-tree-current"' if step == node else ""
            items.append(f"<li{current}>{node_html(step, from_md, index, current=node)}{inner}</li>")
        return f"<ul{css}>" + "".join(items) + "</ul>"

    full = relative(from_md, TREE)
    return (
        '<nav class="kh-tree-snippet" aria-label="Vị trí trong cây thực hiện" data-pagefind-ignore>\n'
        '<p class="kh-tree-caption">Vị trí trong cây thực hiện '
        f'<a class="kh-tree-all" href="{esc(full)}">(xem toàn bộ cây)</a></p>\n'
        + render(trie, ' class="kh-tree"')
        + "\n"
        "</nav>\n\n"
    )


def branch_md(node: str, index: CitationIndex) -> str:
    """The page of one branch of the implementation tree (a branch too big for its parent's page)."""
    slug = f"ke-hoach-{node}" if node in index.plans else document_slug(node)
    return f"{DIR}/cay-thuc-hien/{slug}.md"


def _sizes(index: CitationIndex) -> dict[str, int]:
    """Nodes in each node's subtree (itself included), as the tree page draws them."""
    sizes: dict[str, int] = {}

    def size(node: str, seen: frozenset) -> int:
        if node in sizes:
            return sizes[node]
        total = 1 + sum(size(c, seen | {node}) for c in index.children.get(node, ()) if c not in seen)
        sizes[node] = total
        return total

    for root in index.roots():
        size(root, frozenset())
    return sizes


class _Branches:
    """Draws subtrees onto pages of about ``limit`` nodes: a page takes whole
    subtrees while they fit, and a subtree that does not fit goes on a page
    of its own (recursively), linked from where it would have been."""

    def __init__(self, index: CitationIndex, limit: int):
        self.index, self.limit = index, limit
        self.sizes = _sizes(index)
        self.pages: dict[str, str] = {}

    def item(self, node: str, from_md: str, budget: list[int], seen: frozenset = frozenset()) -> str:
        size = self.sizes.get(node, 1)
        if size > 1 and size > budget[0] and node not in seen:
            path = branch_md(node, self.index)
            if path not in self.pages:
                self.pages[path] = ""  # reserved: a node reached twice gets one page
                self.pages[path] = self._page(node, path, seen)
            budget[0] -= 1
            return (f'<li>{node_html(node, from_md, self.index)} <a class="kh-branch" href="{esc(relative(from_md, path))}">'
                    f"nhánh riêng: {size - 1} văn bản cụ thể hóa →</a></li>")
        budget[0] -= 1
        kids = [c for c in sorted(self.index.children.get(node, ()), key=self.index._order) if c not in seen]
        inner = "<ul>" + "".join(self.item(c, from_md, budget, seen | {node}) for c in kids) + "</ul>" if kids else ""
        return f"<li>{node_html(node, from_md, self.index)}{inner}</li>"

    def _page(self, node: str, here: str, seen: frozenset) -> str:
        chains = _chains(node, self.index)
        above = " › ".join(node_html(n, here, self.index) for n in chains[0][:-1]) if chains and len(chains[0]) > 1 else ""
        name = node_html(node, here, self.index)
        if node in self.index.plans:
            title = plan_short_title(self.index.plans[node])
        else:
            doc = self.index.documents.get(node)
            title = doc.label if doc else node
        drawn = self.item(node, here, [self.limit + 1], seen)
        return (
            page_head(f"Cây thực hiện: {title}")
            + f"<h1>Cây thực hiện: {esc(title)}</h1>\n"
            f'<p class="kh-lead">Nhánh của {name} trong <a href="{esc(relative(here, TREE))}">cây thực hiện</a>: '
            f"{self.sizes[node] - 1} văn bản cụ thể hóa nó.</p>\n"
            + (f'<p class="kh-tree-meta">Thuộc nhánh: {above}</p>\n' if above else "")
            + '<ul class="kh-tree kh-tree-full">' + drawn + "</ul>\n"
        )


def tree_pages(index: CitationIndex, limit: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """The implementation tree; a branch of more than ``limit`` documents is
    drawn on a page of its own, linked from the tree."""
    branches = _Branches(index, limit)
    roots = index.roots()
    grown = [r for r in roots if index.children.get(r)]
    alone = [r for r in roots if not index.children.get(r)]
    budget = [limit]
    body = '<ul class="kh-tree kh-tree-full">' + "".join(branches.item(r, TREE, budget) for r in grown) + "</ul>\n"
    if alone:
        body += (
            section_heading("Văn bản không thực hiện văn bản nào khác trong danh mục")
            + '<ul class="kh-tree">' + "".join(f"<li>{node_html(r, TREE, index)}</li>" for r in alone) + "</ul>\n"
        )
    page = (
        page_head("Cây thực hiện")
        + "<h1>Cây thực hiện</h1>\n"
        '<p class="kh-lead">Văn bản cấp trên và các văn bản cụ thể hóa nó: nghị quyết → chương trình, kế hoạch '
        "của tỉnh → kế hoạch của huyện, đảng bộ khối. Dựng từ phần “Căn cứ” (quan hệ <em>thực hiện</em>) của "
        "các kế hoạch và danh mục văn bản; một văn bản thực hiện nhiều văn bản được đặt dưới văn bản cụ thể nhất. "
        f'Xem thêm <a href="{esc(relative(TREE, INDEX))}">danh mục văn bản được trích dẫn</a>.</p>\n\n'
        + body
    )
    return {TREE: page, **branches.pages}
