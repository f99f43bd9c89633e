"""data/citations.json: every cited document, one record a line."""

from __future__ import annotations

from .citation_model import CitationIndex
from .links import document_md, html_path, plan_md

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
                        "url": html_path(plan_md(m.plan)) + (f"#{m.anchor}" if m.anchor else ""),
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
