"""Reading the corpus for the citation index: every mention of a document
number in every plan, with the sentence around it and where it stands."""

from __future__ import annotations

import re

from . import frontmatter as fm
from .citation_model import Mention, type_label, type_of_code
from .citations import document_key, find_citations, scope_of, symbol_of
from .documents import parse_symbol
from .model import DocRef, Node, Organisation, Plan, Source
from .numbering import LEADING_LABEL
from .render import vn_date

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
        head = f"{verb} {type_label(basis.type or type_of_code(ref))} số "
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
