"""Cited documents: who cites what and where, which plan implements which
document (the model and the linking; the pages are document_pages.py and
tree_pages.py, the export citation_export.py, the reading of mentions
citation_reading.py).

Stage 3 (link) is :func:`build_citation_index`: every document number in every
plan -- body text, footnotes, front-matter ``bases`` and ``supersedes`` -- is
read with :func:`generator.citations.find_citations`, given its scoped identity
(``document_key``: a ``/TU`` number cited by a Lâm Đồng plan is Lâm Đồng's),
and matched against the plans of content/ (a plan's own number and
organisation give its key) and the registry content/documents.yml.

Stage 4 (emit) is :func:`generator.document_pages.citation_pages`
(van-ban/<slug>.md per document, the index van-ban/index.md, the tree
van-ban/cay-thuc-hien.md, data/citations.json) and, for plan pages,
:func:`linkify`, :func:`basis_href`, :func:`generator.tree_pages.tree_snippet`.

Decisions worth knowing:

* A mention whose words contradict its type code ("Nghị quyết số 21-KL/TW",
  seeds/000 Mục V) is warned about.  When the document the words name is
  otherwise known (cited elsewhere with agreeing words, registered, a basis, or
  a plan here) the mention is counted and linked as that document; the page
  shows it as written.
* The implementation tree uses ``implements`` only.  ``relies-on`` is a legal
  basis, not a parent: seeds/000 relies on 07-KH/TW, its sibling under
  21-NQ/TW, and seeds/002 relies on 21-NQ/TW, its grandparent.  A plan that
  implements nothing known is a root of the tree.
* A document implementing several documents hangs under the most specific
  ones: those no other parent of it implements (seeds/004 implements 21-NQ/TW
  and 42-CTr/TU; 42-CTr/TU implements 21-NQ/TW; so it sits under 42-CTr/TU).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from . import frontmatter as fm
from . import vocabulary
from .citation_model import CitationIndex, CitedDocument, Mention, same_type, type_label, type_of_code, words_agree
from .citation_reading import _Reader
from .citations import document_key, find_citations, scope_of
from .diagnostics import Report
from .documents import KnownDocument, parse_symbol
from .links import document_md, plan_md, relative
from .model import DocRef, Organisation, Plan, Source
from .agencies import organisation_order
from .render import vn_date


CONFLICT = "trích-dẫn-mâu-thuẫn"
UNKNOWN = "văn-bản-không-rõ"


# --- linking ----------------------------------------------------------------------


def build_citation_index(
    plans,
    organisations: dict[str, Organisation],
    registry: dict[str, KnownDocument],
    report: Report,
    *,
    strict: bool = False,
) -> CitationIndex:
    """Link every mention to its document; report conflicts (and, when
    ``strict``, documents neither registered nor in content/)."""
    plans = sorted(plans, key=lambda p: p.id)
    by_id = {p.id: p for p in plans}
    plan_keys = _plan_keys(plans, organisations, report)
    plan_of_key = {key: pid for pid, key in plan_keys.items()}

    reader = _Reader(plans, organisations)
    reader.run()

    # Identities a mention can be corrected to: those that something other
    # than a self-contradicting mention vouches for.
    vouched = set(registry) | set(plan_of_key)
    vouched |= {m.written_key for m, ref in reader.mentions if words_agree(m.doc_type, ref)}
    corrections: dict[tuple[str, str | None], str] = {}
    contradicted: set[int] = set()
    for i, (mention, ref) in enumerate(reader.mentions):
        key = mention.written_key
        if not words_agree(mention.doc_type, ref):
            meant = _meant(ref, mention.doc_type, key)
            word = type_label(mention.doc_type)
            written = f"{word} số {mention.raw}"
            if meant in vouched:
                corrections[(key, mention.doc_type)] = meant
                report.warning(
                    CONFLICT,
                    f"“{written}”: ký hiệu {ref.type_code} ({vocabulary.CODE_NAMES.get(ref.type_code, ref.type_code)}) không khớp "
                    f"với “{word}”; các chỗ khác ghi {meant.split('/', 1)[1]}, nên trích dẫn này được coi là "
                    f"{word} số {meant.split('/', 1)[1]}.",
                    mention.source,
                    "kiểm tra văn bản gốc; nếu đây là lỗi in thì giữ nguyên văn và ghi vào editorial_notes.",
                )
            else:
                report.warning(
                    CONFLICT,
                    f"“{written}”: ký hiệu {ref.type_code} ({vocabulary.CODE_NAMES.get(ref.type_code, ref.type_code)}) không khớp với “{word}”.",
                    mention.source,
                    "kiểm tra văn bản gốc; nếu đây là lỗi in thì giữ nguyên văn và ghi vào editorial_notes.",
                )
            contradicted.add(i)

    # The written key stays on each mention; the document it counts for is
    # decided by the corrections table, as it is for links (key_of).
    by_key: dict[str, list[tuple[int, Mention]]] = {}
    for i, (mention, _) in enumerate(reader.mentions):
        key = corrections.get((mention.written_key, mention.doc_type), mention.written_key)
        by_key.setdefault(key, []).append((i, mention))

    keys = sorted(set(by_key) | set(registry))
    edges = _Edges(by_id, plan_of_key, registry, organisations, report, known=set(keys))
    documents = {}
    for key in keys:
        found = by_key.get(key, [])
        plan = by_id.get(plan_of_key.get(key, ""))
        documents[key] = _document(key, [m for _, m in found], registry.get(key), plan, edges)
        _check_facts(documents[key], [m for i, m in found if i not in contradicted], registry.get(key), plan, report)
        if strict and not documents[key].registered and documents[key].plan is None and found:
            first = found[0][1]
            report.warning(
                UNKNOWN,
                f"{documents[key].label} ({key}) được trích dẫn {len(found)} lần nhưng không có trong "
                "content/documents.yml và không phải kế hoạch nào trong content/.",
                first.source,
                "thêm văn bản vào content/documents.yml (loại, cơ quan ban hành, ngày, trích yếu như văn bản trích dẫn ghi).",
            )
    parents, children = edges.tree()
    return CitationIndex(
        documents=documents,
        plans=by_id,
        organisations=organisations,
        plan_keys=plan_keys,
        corrections=corrections,
        parents=parents,
        children=children,
        _plan_of_key=plan_of_key,
        _org_rank={org.id: i for i, org in enumerate(organisation_order(organisations))},
    )


def _meant(ref: DocRef, doc_type: str, key: str) -> str:
    scope = key.split("/", 1)[0]
    code = vocabulary.CODE_OF[doc_type]
    return document_key(DocRef(ref.number, ref.year, code, ref.issuer_code, ref.system), scope)


def _plan_keys(plans, organisations, report: Report) -> dict[str, str]:
    keys: dict[str, str] = {}
    owner: dict[str, Plan] = {}
    for plan in plans:
        ref = parse_symbol(plan.number) if plan.number else None
        if ref is None:
            continue
        key = document_key(ref, scope_of(ref, plan.organisation, organisations))
        if key in owner:
            report.warning(
                "trùng-số-hiệu",
                f"{plan.id} và {owner[key].id} cùng mang số {plan.number} của cùng một tổ chức; "
                f"trích dẫn số này được liên kết đến {owner[key].id}.",
                Source(plan.source.file, fm.line_of(plan.lines, ("number",), plan.source.line)),
                "kiểm tra lại số hiệu trong văn bản gốc.",
            )
            continue
        owner[key] = plan
        keys[plan.id] = key
    return keys


class _Edges:
    """Implements and replaces relations between tree nodes."""

    def __init__(self, plans: dict[str, Plan], plan_of_key, registry, organisations, report: Report, known: set[str]):
        self.plan_of_key = plan_of_key
        self.implements: dict[str, set[str]] = {}
        self.relies: dict[str, set[str]] = {}
        self.replaces: set[tuple[str, str]] = set()  # (new, old)
        self.known = known | set(plans)
        self.sources: dict[tuple[str, str], Source] = {}  # (node, target) -> where "implements" is stated

        def node(plan: Plan, document: str) -> str | None:
            ref = parse_symbol(document) if document else None
            if ref is None:
                return None
            return self.node(document_key(ref, scope_of(ref, plan.organisation, organisations)))

        for plan in plans.values():
            for i, basis in enumerate(plan.bases):
                target = node(plan, basis.document)
                if target and target != plan.id:
                    table = self.implements if basis.relation == "implements" else self.relies
                    table.setdefault(plan.id, set()).add(target)
                    if basis.relation == "implements":
                        line = fm.line_of(plan.lines, ("bases", i, "document"), plan.source.line)
                        self.sources[(plan.id, target)] = Source(plan.source.file, line)
            for old in plan.supersedes:
                target = node(plan, old.document)
                if target and target != plan.id:
                    self.replaces.add((plan.id, target))
        for doc in registry.values():
            here = self.node(doc.key)
            for name, items in (("implements", doc.implements), ("replaces", doc.replaces), ("replaced_by", doc.replaced_by)):
                for item in items:
                    if item not in self.known and item not in plan_of_key:
                        report.warning(
                            "tham-chiếu-không-rõ",
                            f'{name} của {doc.key} nêu "{item}", không phải văn bản nào trong danh mục hay kế hoạch nào trong content/; bỏ qua.',
                            doc.source,
                            "viết mã văn bản (ví dụ trung-uong/21-NQ/TW) hoặc id của kế hoạch.",
                        )
                        continue
                    other = self.node(item)
                    if name == "implements":
                        self.implements.setdefault(here, set()).add(other)
                        self.sources.setdefault((here, other), doc.source)
                    elif name == "replaces":
                        self.replaces.add((here, other))
                    else:
                        self.replaces.add((other, here))

        self._report_cycles(report)

    def node(self, key_or_plan: str) -> str:
        return self.plan_of_key.get(key_or_plan, key_or_plan)

    def reverse(self) -> dict[str, dict[str, list[str]]]:
        """The edges by the node they point to, built once: scanning every
        edge for every cited document was O(documents x plans)."""
        if getattr(self, "_reverse", None) is None:
            reverse: dict[str, dict[str, list[str]]] = {"implemented_by": {}, "relied_on_by": {}, "replaces": {}, "replaced_by": {}}
            for name, table in (("implemented_by", self.implements), ("relied_on_by", self.relies)):
                for source, targets in table.items():
                    for target in targets:
                        reverse[name].setdefault(target, []).append(source)
            for new, old in self.replaces:
                reverse["replaces"].setdefault(new, []).append(old)
                reverse["replaced_by"].setdefault(old, []).append(new)
            self._reverse = reverse
        return self._reverse

    def _cycle(self, start: str) -> list[str] | None:
        """The shortest chain start -> ... -> start of "implements", if any."""
        paths = [[start]]
        seen = {start}
        while paths:
            path = paths.pop(0)
            for target in sorted(self.implements.get(path[-1], ())):
                if target == start:
                    return path
                if target not in seen:
                    seen.add(target)
                    paths.append(path + [target])
        return None

    def _report_cycles(self, report: Report) -> None:
        """A document that implements itself, directly or through others, has
        no place in the tree: say so once per loop, where it starts."""
        reported: set[frozenset] = set()
        for start in sorted(self.implements):
            loop = self._cycle(start)
            if loop is None or frozenset(loop) in reported:
                continue
            reported.add(frozenset(loop))
            steps = [f"{a} thực hiện {b}" for a, b in zip(loop, loop[1:])] + [f"{loop[-1]} lại thực hiện {loop[0]}"]
            report.warning(
                "vòng-thực-hiện",
                f"{', '.join(steps)}: một văn bản không thể thực hiện chính nó (trực tiếp hay qua văn bản khác), "
                "nên cả vòng không có chỗ trong cây thực hiện.",
                self.sources.get((loop[0], loop[1] if len(loop) > 1 else loop[0])),
                "kiểm tra relation trong bases: văn bản thực hiện được ban hành sau văn bản nó thực hiện; "
                "văn bản chỉ được viện dẫn ghi relation: relies-on.",
            )

    def _ancestors(self, node: str) -> set[str]:
        seen: set[str] = set()
        todo = list(self.implements.get(node, ()))
        while todo:
            current = todo.pop()
            if current in seen or current == node:
                continue
            seen.add(current)
            todo.extend(self.implements.get(current, ()))
        return seen

    def tree(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        parents: dict[str, tuple[str, ...]] = {}
        children: dict[str, list[str]] = {}
        for node, targets in self.implements.items():
            # Most specific: drop a target that another target implements.
            specific = [t for t in targets if not any(t in self._ancestors(o) for o in targets if o != t)]
            parents[node] = tuple(sorted(specific))
            for target in specific:
                children.setdefault(target, []).append(node)
        return parents, {k: tuple(sorted(v)) for k, v in children.items()}


def _document(key: str, mentions: list[Mention], known: KnownDocument | None, plan: Plan | None, edges: _Edges) -> CitedDocument:
    scope, symbol = key.split("/", 1)
    ref = parse_symbol(symbol)

    def common(values):
        values = [v for v in values if v]
        return Counter(values).most_common(1)[0][0] if values else None

    bases = [m for m in mentions if m.kind in ("basis", "supersedes")]
    texts = [m for m in mentions if m.kind in ("text", "footnote")]
    words = [m.doc_type for m in texts if ref and m.doc_type != type_of_code(ref)]

    # A plan of content/ knows itself best, then the registry, then the
    # curated front matter of citing plans, then what the texts say most often.
    def pick(of_plan, of_known, attr):
        return of_plan or of_known or common(getattr(m, attr) for m in bases) or common(getattr(m, attr) for m in texts)

    doc_type = (plan and plan.type) or (known and known.type) or common(m.doc_type for m in bases) or common(words) or (ref and type_of_code(ref))
    issuer = pick(plan and plan.issuer, known and known.issuer, "issuer")
    when = pick(plan and plan.date, known and known.date, "date")
    title = (plan and plan.title) or (known and known.title) or common(m.title for m in bases)
    node = edges.node(key)
    reverse = edges.reverse()
    implemented_by = sorted(reverse["implemented_by"].get(node, ()))
    relied_on_by = sorted(reverse["relied_on_by"].get(node, ()))
    return CitedDocument(
        key=key,
        symbol=symbol,
        scope=scope,
        type=doc_type,
        issuer=issuer,
        date=when,
        title=title,
        plan=plan.id if plan else None,
        registered=known is not None,
        # Reading order within a plan (the sort is stable), front matter last.
        mentions=tuple(sorted(mentions, key=lambda m: (m.plan, m.kind in ("basis", "supersedes"), m.source.line))),
        implements=tuple(sorted(edges.implements.get(node, ()))),
        implemented_by=tuple(implemented_by),
        relied_on_by=tuple(relied_on_by),
        replaces=tuple(sorted(reverse["replaces"].get(node, ()))),
        replaced_by=tuple(sorted(reverse["replaced_by"].get(node, ()))),
    )


def _check_facts(document: CitedDocument, mentions: list[Mention], known: KnownDocument | None, plan: Plan | None, report: Report) -> None:
    """Warn where a mention gives another date or type than the document has."""

    def origin(of_plan, of_known, agrees) -> str:
        # Where the document's value comes from, in the order _document picks it.
        if of_plan:
            return str(Source(plan.source.file, fm.line_of(plan.lines, (of_plan,), plan.source.line)))
        if of_known:
            return str(known.source)
        first = next((m for m in sorted(mentions, key=lambda m: m.kind not in ("basis", "supersedes")) if agrees(m)), None)
        return str(first.source) if first else "văn bản khác"

    ref = parse_symbol(document.symbol)
    default_type = type_of_code(ref) if ref else None
    for mention in mentions:
        if mention.date and document.date and mention.date != document.date:
            where = origin(plan and plan.date and "date", known and known.date, lambda m: m.date == document.date)
            report.warning(
                CONFLICT,
                f"{document.label} được ghi ngày {vn_date(mention.date)}, nhưng {where} ghi ngày {vn_date(document.date)}.",
                mention.source,
                "kiểm tra ngày trong văn bản gốc; sửa chỗ ghi sai hoặc sửa content/documents.yml.",
            )
        # Words before the number say the type; a bare number only has its code.
        explicit = mention.doc_type if (mention.kind in ("basis", "supersedes") or mention.doc_type != default_type) else None
        if explicit and document.type and not same_type(explicit, document.type):
            where = origin(plan and "type", known and known.type, lambda m: bool(m.doc_type) and same_type(m.doc_type, document.type))
            report.warning(
                CONFLICT,
                f"{mention.raw} được gọi là {type_label(explicit)}, nhưng {where} ghi là {type_label(document.type)}.",
                mention.source,
                "kiểm tra loại văn bản trong văn bản gốc.",
            )

# --- links on plan pages ---------------------------------------------------------


# Markdown that must stay whole: code, links and images (a citation inside a
# link's text must not become a nested link), footnote references, entities.
_PROTECTED_RE = re.compile(
    r"""
      `+[^`]*`+
    | !?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^)]*\)
    | \[(?:[^\[\]]|\[[^\[\]]*\])*\]\[[^\]]*\]
    | \[\^[^\]\s]+\]
    | &\#?\w+;
    """,
    re.VERBOSE,
)


def _target_md(key: str, plan: Plan, index: CitationIndex) -> str | None:
    cited_plan = index.plan_of(key)
    if cited_plan == plan.id:
        return None  # a plan naming its own number
    if cited_plan:
        return plan_md(cited_plan)
    if key in index.documents:
        return document_md(key)
    return None


def _link_title(document: CitedDocument | None, key: str) -> str:
    if document is None:
        return key
    text = document.label + (f", ngày {vn_date(document.date)}" if document.date else "")
    return text.replace('"', "'")


def linkify(text: str, plan: Plan, from_md: str, index: CitationIndex | None) -> str:
    """Wrap every document number of ``text`` -- inline Markdown already made
    safe by ``render.inline`` -- in a link to the cited plan's page (when it is
    in content/) or to its page in the index of documents."""
    if index is None:
        return text
    citations = find_citations(text)
    if not citations:
        return text
    protected = [m.span() for m in _PROTECTED_RE.finditer(text)]
    out: list[str] = []
    at = 0
    for citation in citations:
        if any(s < citation.end and citation.start < e for s, e in protected):
            continue
        key = index.key_of(citation, plan)
        target = _target_md(key, plan, index)
        if target is None:
            continue
        # A Markdown link names the .md page: MkDocs checks that it exists and
        # writes the relative .html URL.
        href = posixpath.relpath(target, posixpath.dirname(from_md) or ".")
        title = _link_title(index.documents.get(key), key)
        out.append(text[at : citation.start])
        out.append(f'[{citation.raw}]({href} "{title}"){{: .kh-cite }}')
        at = citation.end
    out.append(text[at:])
    return "".join(out)


def basis_href(plan: Plan, document: str, from_md: str, index: CitationIndex | None) -> str | None:
    """Where a "Căn cứ" / "Thay thế" row of the plan's panel links to."""
    ref = parse_symbol(document) if (index is not None and document) else None
    if ref is None:
        return None
    key = document_key(ref, scope_of(ref, plan.organisation, index.organisations))
    target = _target_md(key, plan, index)
    return relative(from_md, target) if target else None


def evidence_href(text: str | None, plan: Plan, from_md: str, index: CitationIndex | None) -> str | None:
    """Where the report named in a progress record ("Báo cáo số 15-BC/BTCTU
    ngày 15/3/2024") links to: its plan page or its page in the index of
    documents, when the corpus or the registry has it; the first number the
    text cites, read from the duty's plan."""
    if index is None or not text:
        return None
    target = _evidence_target(text, plan, index)
    return relative(from_md, target) if target else None


_evidence_cache: list = [None, {}]  # (index, {(text, plan id): target}): a report is shown on several pages


def _evidence_target(text: str, plan: Plan, index: CitationIndex) -> str | None:
    if _evidence_cache[0] is not index:
        _evidence_cache[:] = [index, {}]
    known = _evidence_cache[1]
    key = (text, plan.id)
    if key not in known:
        known[key] = next(
            (t for c in find_citations(text) if (t := _target_md(index.key_of(c, plan), plan, index))),
            None,
        )
    return known[key]
