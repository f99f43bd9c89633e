"""Cited documents: who cites what and where, which plan implements which
document, and the pages, links and export built from that.

Stage 3 (link) is :func:`build_citation_index`: every document number in every
plan -- body text, footnotes, front-matter ``bases`` and ``supersedes`` -- is
read with :func:`generator.citations.find_citations`, given its scoped identity
(``document_key``: a ``/TU`` number cited by a Lâm Đồng plan is Lâm Đồng's),
and matched against the plans of content/ (a plan's own number and
organisation give its key) and the registry content/documents.yml.

Stage 4 (emit) is :func:`citation_pages` (van-ban/<slug>.md per document, the
index van-ban/index.md, the tree van-ban/cay-thuc-hien.md, data/citations.json)
and, for plan pages, :func:`linkify`, :func:`basis_href`, :func:`tree_snippet`.

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
from dataclasses import dataclass, field
from datetime import date

from . import frontmatter as fm
from . import vocabulary
from .citations import document_key, document_slug, find_citations, scope_of, symbol_of
from .diagnostics import Report
from .documents import KnownDocument, parse_symbol
from .links import html_path, plan_md, relative
from .model import Citation, DocRef, Node, Organisation, Plan, Source
from .numbering import LEADING_LABEL
from .pages import organisation_order, organisation_path, plan_short_title
from .paging import DEFAULT_PAGE_ROWS, Piece, pack, page_md, pager
from .render import esc, vn_date, vn_int, yaml_string
from .text import slugify, sort_key, toc_slugify

DIR = "van-ban"
INDEX = f"{DIR}/index.md"
TREE = f"{DIR}/cay-thuc-hien.md"
EXPORT = "data/citations.json"

CONFLICT = "trích-dẫn-mâu-thuẫn"
UNKNOWN = "văn-bản-không-rõ"


def document_md(key: str) -> str:
    return f"{DIR}/{document_slug(key)}.md"


# --- model ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a plan names a document."""

    plan: str
    anchor: str  # node anchor, "fn:<key>" for a footnote, "" for the front matter
    where: str  # "Mục II, khoản 2, điểm 2.2"
    sentence: str  # plain text around the number
    mark: tuple[int, int]  # the number's span in ``sentence``
    raw: str  # the number as written: "38 – KL/TW"
    source: Source
    kind: str  # "text" | "footnote" | "basis" | "supersedes"
    written_key: str  # the identity as written; differs from the document's for a corrected typo
    doc_type: str | None = None
    date: date | None = None
    issuer: str | None = None
    relation: str | None = None  # bases: "implements" | "relies-on"
    title: str | None = None  # bases and supersedes may give the title

    @property
    def url(self) -> str:
        return html_path(plan_md(self.plan)) + (f"#{self.anchor}" if self.anchor else "")


@dataclass(frozen=True, slots=True)
class CitedDocument:
    key: str  # "lam-dong/42-CTr/TU"
    symbol: str  # "42-CTr/TU"
    scope: str  # "lam-dong"
    type: str | None
    issuer: str | None
    date: date | None
    title: str | None
    plan: str | None  # the plan of content/ that is this document
    registered: bool  # in content/documents.yml
    mentions: tuple[Mention, ...]
    implements: tuple[str, ...]  # node ids (plan ids or keys), as stated
    implemented_by: tuple[str, ...]
    relied_on_by: tuple[str, ...]  # plan ids
    replaces: tuple[str, ...]
    replaced_by: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{type_label(self.type)} số {self.symbol}"


@dataclass(frozen=True)
class CitationIndex:
    """Everything the emitters need.  Tree nodes are plan ids (plans of
    content/, with or without a number) or document keys (they contain "/")."""

    documents: dict[str, CitedDocument]
    plans: dict[str, Plan]
    organisations: dict[str, Organisation]
    plan_keys: dict[str, str]  # plan id -> key of its own number
    corrections: dict[tuple[str, str | None], str]  # (key as written, type words) -> key meant
    parents: dict[str, tuple[str, ...]]  # tree: most specific documents each node implements
    children: dict[str, tuple[str, ...]]
    _plan_of_key: dict[str, str] = field(default_factory=dict)
    _org_rank: dict[str, int] = field(default_factory=dict)
    _order_keys: dict[str, tuple] = field(default_factory=dict, compare=False, repr=False)

    def plan_of(self, key: str) -> str | None:
        return self._plan_of_key.get(key)

    def node_of(self, key_or_plan: str) -> str:
        return self._plan_of_key.get(key_or_plan, key_or_plan)

    def key_of(self, citation: Citation, plan: Plan) -> str:
        """The document a citation in ``plan`` means (scoped, typo corrected)."""
        key = document_key(citation.ref, scope_of(citation.ref, plan.organisation, self.organisations))
        return self.corrections.get((key, citation.doc_type), key)

    def roots(self) -> list[str]:
        nodes = set(self.children) | set(self.plans)
        return sorted((n for n in nodes if not self.parents.get(n)), key=self._order)

    def _order(self, node: str):
        key = self._order_keys.get(node)
        if key is None:
            key = self._order_keys[node] = _node_order(node, self)
        return key


def type_label(doc_type: str | None) -> str:
    return vocabulary.name(doc_type)


def _type_of_code(ref: DocRef) -> str | None:
    return vocabulary.slug_of_code(ref.type_code)


def _words_agree(doc_type: str | None, ref: DocRef) -> bool:
    """Do the words before a number ("Nghị quyết số") fit its type code?"""
    if ref.system != "party" or not doc_type or doc_type not in vocabulary.CODE_OF:
        return True
    expected = vocabulary.CODE_OF[doc_type]
    # Older party rules were numbered QĐ ("Quy định số 101- QĐ/TW").
    return ref.type_code == expected or (doc_type == "quy-dinh" and ref.type_code == "QĐ")


def _same_type(a: str, b: str) -> bool:
    programme = {"chuong-trinh", "chuong-trinh-hanh-dong"}
    return a == b or (a in programme and b in programme)


# --- reading the corpus -----------------------------------------------------------


_MARKUP_RE = re.compile(r"\[\^[^\]\s]+\]|\*+|<!--.*?-->", re.S)
_STOP_RE = re.compile(r"[.!?…]+[”\"]?(?=\s+[“\"(]?(?P<next>\w))")
_CLAUSE_RE = re.compile(r";(?=\s)")
_LONG = 320


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", _MARKUP_RE.sub("", text))


def _sentence_ends(text: str, lead: int):
    """Where sentences end: a full stop followed by a capital or a digit."""
    for m in _STOP_RE.finditer(text, lead):
        if m["next"].isupper() or m["next"].isdigit():
            yield m.end(), m.end()


def _clause_ends(text: str, lead: int):
    for m in _CLAUSE_RE.finditer(text, lead):
        yield m.start(), m.end()


def _span(text: str, start: int, end: int, ends, lead: int) -> tuple[int, int]:
    """The piece of ``text`` between the ends around ``start:end``; an end is
    (where the piece before stops, where the next one starts)."""
    begin, finish = lead, len(text)
    for stop, resume in ends(text, lead):
        if resume <= start:
            begin = resume
        elif stop >= end:
            finish = stop
            break
    return begin, finish


def sentence_around(text: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The sentence of ``text`` holding ``text[start:end]``, as plain text, and
    where that span is in it.  Long sentences are cut to their clause, then to
    a window of words."""
    lead_match = LEADING_LABEL.match(text)
    lead = lead_match.end() if lead_match and lead_match.end() <= start else 0
    a, b = _span(text, start, end, _sentence_ends, lead)
    whole = (a, b)
    if b - a > _LONG:
        a, b = _span(text[:b], start, end, _clause_ends, a)
    before, raw, after = text[a:start], text[start:end], text[end:b]
    before, after = _plain(before).lstrip(), _plain(after).rstrip()
    if a > whole[0]:
        before = "…" + before
    if b < whole[1]:
        after = after + "…"
    if len(before) + len(raw) + len(after) > _LONG:
        room = (_LONG - len(raw)) // 2
        if len(before) > room:
            cut = before[-room:]
            before = "…" + (cut.split(" ", 1)[1] if " " in cut else cut)
        if len(after) > room:
            cut = after[:room]
            after = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    raw = _plain(raw)
    return before + raw + after, (len(before), len(before) + len(raw))


def _where(chain: list[Node]) -> str:
    words = {1: "Mục", 2: "khoản", 3: "điểm", 4: "tiết"}
    parts = [f"{words[n.level]} {n.label}" for n in chain if n.kind in ("part", "item") and n.label and n.level in words]
    node = chain[-1]
    tail = re.search(r"-(gach|doan)-(\d+)$", node.anchor)
    if tail and node.kind in ("bullet", "paragraph"):
        parts.append(("gạch đầu dòng thứ " if tail[1] == "gach" else "đoạn ") + tail[2])
    if not any(n.kind in ("part", "item") for n in chain):
        if node.anchor.startswith("mo-dau"):
            parts.insert(0, "phần mở đầu")
        elif node.anchor.startswith("ket"):
            parts.insert(0, "phần kết")
    text = ", ".join(parts) or "nội dung"
    return text[0].upper() + text[1:]


def _walk(nodes, chain=()):
    for node in nodes:
        here = [*chain, node]
        yield node, here
        yield from _walk(node.children, here)


class _Reader:
    """Reads every mention of every plan, keyed as written."""

    def __init__(self, plans: list[Plan], organisations: dict[str, Organisation]):
        self.plans = plans
        self.organisations = organisations
        self.mentions: list[tuple[Mention, DocRef]] = []

    def run(self) -> None:
        for plan in self.plans:
            for node, chain in _walk(plan.body):
                self._text(plan, node.text, node.anchor, _where(chain), node.source, "text")
            for note in plan.footnotes:
                self._text(plan, note.text, f"fn:{note.key}", f"Chú thích {note.key}", note.source, "footnote")
            lines = plan.lines
            for name, items in (("bases", plan.bases), ("supersedes", plan.supersedes)):
                for i, basis in enumerate(items):
                    line = fm.line_of(lines, (name, i, "document"), plan.source.line)
                    self._basis(plan, basis, Source(plan.source.file, line), name)

    def key(self, ref: DocRef, plan: Plan) -> str:
        return document_key(ref, scope_of(ref, plan.organisation, self.organisations))

    def _text(self, plan: Plan, text: str, anchor: str, where: str, source: Source, kind: str) -> None:
        for citation in find_citations(text):
            sentence, mark = sentence_around(text, citation.start, citation.end)
            mention = Mention(
                plan=plan.id,
                anchor=anchor,
                where=where,
                sentence=sentence,
                mark=mark,
                raw=citation.raw,
                source=source,
                kind=kind,
                written_key=self.key(citation.ref, plan),
                doc_type=citation.doc_type,
                date=citation.date,
                issuer=citation.issuer,
            )
            self.mentions.append((mention, citation.ref))

    def _basis(self, plan: Plan, basis, source: Source, name: str) -> None:
        ref = parse_symbol(basis.document) if basis.document else None
        if ref is None:  # a document named by title only has no identity to index
            return
        kind = "basis" if name == "bases" else "supersedes"
        relation = basis.relation if kind == "basis" else None
        verb = {"implements": "Thực hiện", "relies-on": "Căn cứ"}.get(relation or "", "Thay thế")
        head = f"{verb} {type_label(basis.type or _type_of_code(ref))} số "
        symbol = symbol_of(ref)
        tail = "".join(x for x in (f" ngày {vn_date(basis.date)}" if basis.date else "", f" của {basis.issuer}" if basis.issuer else ""))
        where = "Căn cứ (thông tin văn bản)" if kind == "basis" else "Văn bản được thay thế (thông tin văn bản)"
        mention = Mention(
            plan=plan.id,
            anchor="",
            where=where,
            sentence=head + symbol + tail,
            mark=(len(head), len(head) + len(symbol)),
            raw=basis.document,
            source=source,
            kind=kind,
            written_key=self.key(ref, plan),
            doc_type=basis.type,
            date=basis.date,
            issuer=basis.issuer,
            relation=relation,
            title=basis.title,
        )
        self.mentions.append((mention, ref))


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
    vouched |= {m.written_key for m, ref in reader.mentions if _words_agree(m.doc_type, ref)}
    corrections: dict[tuple[str, str | None], str] = {}
    contradicted: set[int] = set()
    for i, (mention, ref) in enumerate(reader.mentions):
        key = mention.written_key
        if not _words_agree(mention.doc_type, ref):
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
    words = [m.doc_type for m in texts if ref and m.doc_type != _type_of_code(ref)]

    # A plan of content/ knows itself best, then the registry, then the
    # curated front matter of citing plans, then what the texts say most often.
    def pick(of_plan, of_known, attr):
        return of_plan or of_known or common(getattr(m, attr) for m in bases) or common(getattr(m, attr) for m in texts)

    doc_type = (plan and plan.type) or (known and known.type) or common(m.doc_type for m in bases) or common(words) or (ref and _type_of_code(ref))
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
    default_type = _type_of_code(ref) if ref else None
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
        if explicit and document.type and not _same_type(explicit, document.type):
            where = origin(plan and "type", known and known.type, lambda m: bool(m.doc_type) and _same_type(m.doc_type, document.type))
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


def _href(from_md: str, to_md: str, anchor: str = "") -> str:
    return relative(from_md, to_md + (f"#{anchor}" if anchor else ""))


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
    for citation in find_citations(text):
        target = _target_md(index.key_of(citation, plan), plan, index)
        if target:
            return relative(from_md, target)
    return None


# --- tree --------------------------------------------------------------------------


_LEVEL_RANK = {"central": 0, "province": 1, "khoi": 2, "district": 2}


def _natural(symbol: str):
    number = re.match(r"\d+", symbol)
    return (int(number.group()) if number else 0, symbol)


def _node_order(node: str, index: CitationIndex):
    """Trung ương first, then provinces, then their khối and districts; within
    one organisation by date (undated last), then number."""
    orders = index._org_rank
    if node in index.plans:
        plan = index.plans[node]
        # (number, title) as for documents below: a plan and a document of the
        # same organisation and day must compare (str < tuple raised TypeError).
        org, when, name = plan.organisation, plan.date, (_natural(plan.number or ""), sort_key(plan.title))
    else:
        doc = index.documents.get(node)
        org = node.split("/", 1)[0]
        when = doc.date if doc else None
        name = (_natural(node.split("/", 1)[1]), ((), ()))
    level = index.organisations[org].level if org in index.organisations else "other"
    return (_LEVEL_RANK.get(level, 9), orders.get(org, 999), when is None, when or date.min, name, node)


def _node_html(node: str, from_md: str, index: CitationIndex, current: str | None = None) -> str:
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
                    f"<li>{_node_html(k, from_md, index)}</li>" for k in kids
                ) + "</ul>"
            current = ' class="kh-tree-current"' if step == node else ""
            items.append(f"<li{current}>{_node_html(step, from_md, index, current=node)}{inner}</li>")
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
            return (f'<li>{_node_html(node, from_md, self.index)} <a class="kh-branch" href="{esc(relative(from_md, path))}">'
                    f"nhánh riêng: {size - 1} văn bản cụ thể hóa →</a></li>")
        budget[0] -= 1
        kids = [c for c in sorted(self.index.children.get(node, ()), key=self.index._order) if c not in seen]
        inner = "<ul>" + "".join(self.item(c, from_md, budget, seen | {node}) for c in kids) + "</ul>" if kids else ""
        return f"<li>{_node_html(node, from_md, self.index)}{inner}</li>"

    def _page(self, node: str, here: str, seen: frozenset) -> str:
        chains = _chains(node, self.index)
        above = " › ".join(_node_html(n, here, self.index) for n in chains[0][:-1]) if chains and len(chains[0]) > 1 else ""
        name = _node_html(node, here, self.index)
        if node in self.index.plans:
            title = plan_short_title(self.index.plans[node])
        else:
            doc = self.index.documents.get(node)
            title = doc.label if doc else node
        drawn = self.item(node, here, [self.limit + 1], seen)
        return (
            _html_head(f"Cây thực hiện: {title}")
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
            _h2("Văn bản không thực hiện văn bản nào khác trong danh mục")
            + '<ul class="kh-tree">' + "".join(f"<li>{_node_html(r, TREE, index)}</li>" for r in alone) + "</ul>\n"
        )
    page = (
        _html_head("Cây thực hiện")
        + "<h1>Cây thực hiện</h1>\n"
        '<p class="kh-lead">Văn bản cấp trên và các văn bản cụ thể hóa nó: nghị quyết → chương trình, kế hoạch '
        "của tỉnh → kế hoạch của huyện, đảng bộ khối. Dựng từ phần “Căn cứ” (quan hệ <em>thực hiện</em>) của "
        "các kế hoạch và danh mục văn bản; một văn bản thực hiện nhiều văn bản được đặt dưới văn bản cụ thể nhất. "
        f'Xem thêm <a href="{esc(relative(TREE, INDEX))}">danh mục văn bản được trích dẫn</a>.</p>\n\n'
        + body
    )
    return {TREE: page, **branches.pages}


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
            href = _href(here, plan_md(pid), m.anchor)
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
    return "<ul>" + "".join(f"<li>{_node_html(n, here, index)}</li>" for n in shown) + "</ul>\n" + more


def _h2(title: str) -> str:
    return f'<h2 id="{toc_slugify(title)}">{esc(title)}</h2>\n'


def _html_head(title: str) -> str:
    return f"---\ntitle: {yaml_string(title)}\nhide: [navigation]\nkehoach_html: true\n---\n\n"


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
        rows.append(("Thực hiện", "<br>".join(_node_html(n, here, index) for n in document.implements)))
    panel = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in rows)
    sections = []
    if document.implemented_by:
        sections.append(_h2("Được cụ thể hóa bởi") + _list(document.implemented_by, here, index, page_rows))
    if document.relied_on_by:
        sections.append(_h2("Được dùng làm căn cứ bởi") + _list(document.relied_on_by, here, index, page_rows))
    if document.replaces or document.replaced_by:
        part = _h2("Thay thế / Được thay thế bởi")
        if document.replaces:
            part += f"<p>Thay thế:</p>\n{_list(document.replaces, here, index)}"
        if document.replaced_by:
            part += f"<p>Được thay thế bởi:</p>\n{_list(document.replaced_by, here, index)}"
        sections.append(part)
    groups = _mention_groups(document, index)
    chunks = pack(groups, page_rows)
    paths = [page_md(first, n + 1) for n in range(len(chunks))]
    plans_citing = len(groups)
    cited = _h2("Được trích dẫn bởi")
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
                _html_head(document.label)
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
                _html_head(f"{document.label} (trang {n + 1}/{len(chunks)})")
                + '<div class="kh-cited">\n'
                f"<h1>{esc(document.label)}</h1>\n"
                + title
                + f'<p class="kh-lead"><a href="{esc(relative(here, first))}">Trang đầu</a>: thông tin văn bản và vị trí trong cây thực hiện.</p>\n'
                + _h2("Được trích dẫn bởi")
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
        part = _h2(name)
        for org, docs in groups:
            if org is not None and name != _LEVELS[0][1]:
                chain = " › ".join(o.name for o in organisation_path(org.id, index.organisations))
                part += f'<h3 id="{esc(slugify(org.id))}">{esc(chain)}</h3>\n'
            part += _index_table(docs, here, index)
        sections.append(part)
    return _html_head("Văn bản được trích dẫn") + _index_lead(index, here) + "\n".join(sections)


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
                    _html_head(f"Văn bản được trích dẫn: {chain}{part}")
                    + f"<h1>Văn bản được trích dẫn: {esc(chain)}</h1>\n"
                    f'<p class="kh-lead">{len(docs)} văn bản theo hệ thống văn bản của {esc(chain)}, xếp theo ngày ban hành. '
                    f'<a href="{esc(relative(path, INDEX))}">Mọi tổ chức</a>.</p>\n'
                    + nav
                    + _index_table(ordered[n * page_rows : (n + 1) * page_rows], path, index, presorted=True)
                    + nav
                )
        sections.append(
            _h2(name)
            + '<table class="kh-table kh-sortable kh-scopes"><thead><tr><th>Hệ thống văn bản của</th>'
            f'<th data-sort-key>Số văn bản</th><th>Có toàn văn</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
        )
    pages[INDEX] = _html_head("Văn bản được trích dẫn") + _index_lead(index, INDEX) + "\n".join(sections)
    return pages


def _index_order(d: CitedDocument):
    return (d.date is None, d.date or date.min, _natural(d.symbol))


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


# --- export ------------------------------------------------------------------------


def citation_records(index: CitationIndex) -> list[dict]:
    records = []
    for key in sorted(index.documents):
        doc = index.documents[key]
        records.append(
            {
                "key": key,
                "symbol": doc.symbol,
                "type": doc.type,
                "issuer": doc.issuer,
                "date": doc.date.isoformat() if doc.date else None,
                "title": doc.title,
                "in_corpus": doc.plan is not None,
                "plan": doc.plan,
                "registered": doc.registered,
                "url": html_path(document_md(key)),
                "plan_url": html_path(plan_md(doc.plan)) if doc.plan else None,
                "implements": list(doc.implements),
                "implemented_by": list(doc.implemented_by),
                "replaces": list(doc.replaces),
                "replaced_by": list(doc.replaced_by),
                "mentions": [
                    {
                        "plan": m.plan,
                        "anchor": m.anchor or None,
                        "url": m.url,
                        "kind": m.kind,
                        "where": m.where,
                        "sentence": m.sentence,
                        "as_written": m.raw,
                        "source": {"file": m.source.file, "line": m.source.line},
                    }
                    for m in doc.mentions
                ],
            }
        )
    return records


def citations_json(index: CitationIndex) -> str:
    return "".join(citations_json_pieces(index))


def citations_json_pieces(index: CitationIndex):
    """A JSON array, one document per line (see exports.json_lines)."""
    from .exports import json_lines

    return json_lines(None, citation_records(index))


def citation_pages(index: CitationIndex | None, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """Every page and data file of this feature, keyed by site path."""
    if index is None:
        return {}
    pages = {EXPORT: citations_json_pieces(index), **tree_pages(index, page_rows)}
    pages.update(index_pages(index, page_rows))
    for document in index.documents.values():
        pages.update(document_pages(document, index, page_rows))
    return pages
