"""The one composition of the stages: load -> parse -> link -> emit.

Nothing here imports MkDocs; ``plugin.py`` adapts it to MkDocs and
``cli.py`` runs it for ``kehoach check``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .diagnostics import Report
from .load import load_corpus
from .model import Corpus
from .pages import home_page, plan_page, plan_path


def build_corpus(root: Path, content_dir: Path, *, build_date: date | None = None) -> tuple[Corpus, Report]:
    """Read and link everything; the Report holds every problem found."""
    report = Report()
    plans, organisations = load_corpus(content_dir, root, report)
    corpus = Corpus(plans=tuple(plans), organisations=organisations, build_date=build_date)
    return corpus, report


def emit_site(corpus: Corpus) -> dict[str, str | bytes]:
    """Every generated page and data file, keyed by its path in the site."""
    pages: dict[str, str | bytes] = {"index.md": home_page(corpus)}
    for plan in corpus.plans:
        pages[plan_path(plan.id)] = plan_page(plan, corpus)
    return pages
