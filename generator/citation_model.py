"""The citation index as the emitters read it: every cited document, each
mention of it, the implementation tree, and the order of the tree's nodes.
Built by :func:`generator.citation_index.build_citation_index`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import vocabulary
from .citations import document_key, scope_of
from .model import Citation, DocRef, Organisation, Plan, Source
from .text import sort_key


# --- documents and mentions ----------------------------------------------------------------------


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
            key = self._order_keys[node] = node_order(node, self)
        return key


def type_label(doc_type: str | None) -> str:
    return vocabulary.name(doc_type)


def type_of_code(ref: DocRef) -> str | None:
    return vocabulary.slug_of_code(ref.type_code)


def words_agree(doc_type: str | None, ref: DocRef) -> bool:
    """Do the words before a number ("Nghị quyết số") fit its type code?"""
    if ref.system != "party" or not doc_type or doc_type not in vocabulary.CODE_OF:
        return True
    expected = vocabulary.CODE_OF[doc_type]
    # Older party rules were numbered QĐ ("Quy định số 101- QĐ/TW").
    return ref.type_code == expected or (doc_type == "quy-dinh" and ref.type_code == "QĐ")


def same_type(a: str, b: str) -> bool:
    programme = {"chuong-trinh", "chuong-trinh-hanh-dong"}
    return a == b or (a in programme and b in programme)

# --- the order of the tree's nodes ----------------------------------------------


_LEVEL_RANK = {"central": 0, "province": 1, "khoi": 2, "district": 2}


def natural_order(symbol: str):
    number = re.match(r"\d+", symbol)
    return (int(number.group()) if number else 0, symbol)


def node_order(node: str, index: CitationIndex):
    """Trung ương first, then provinces, then their khối and districts; within
    one organisation by date (undated last), then number."""
    orders = index._org_rank
    if node in index.plans:
        plan = index.plans[node]
        # (number, title) as for documents below: a plan and a document of the
        # same organisation and day must compare (str < tuple raised TypeError).
        org, when, name = plan.organisation, plan.date, (natural_order(plan.number or ""), sort_key(plan.title))
    else:
        doc = index.documents.get(node)
        org = node.split("/", 1)[0]
        when = doc.date if doc else None
        name = (natural_order(node.split("/", 1)[1]), ((), ()))
    level = index.organisations[org].level if org in index.organisations else "other"
    return (_LEVEL_RANK.get(level, 9), orders.get(org, 999), when is None, when or date.min, name, node)


