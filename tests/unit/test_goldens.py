"""Golden pages: what the generator emits for the four seed plans, byte for byte.

One page of each family (plan, body, timeline, document, tree, home, the
index pages, the data page ...) and a listing of every emitted file with its
SHA-256, built from the seeds with a fixed build date.  A change that alters
any generated page fails here until the goldens are rewritten with
``pytest tests/unit/test_goldens.py --update-goldens`` and the diff of
``tests/goldens/`` is reviewed: a refactor must leave it empty.

What is compared is the pipeline's output (the pages' Markdown/HTML sources
and the data files), which only our code decides; MkDocs, Material and
Pagefind turn it into the site, and their own releases would otherwise move
the goldens (tests/e2e builds the real site).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from generator.pipeline import build_corpus, emit_site

ROOT = Path(__file__).resolve().parents[2]
GOLDENS = ROOT / "tests" / "goldens"
BUILD_DATE = date(2026, 11, 23)

# One page of each family; the plan and body are the busiest of the seeds.
FAMILIES = {
    "home": "index.md",
    "plan": "ke-hoach/binh-phuoc-kh-thuc-hien-38-kl-tw.md",
    "body": "co-quan/binh-phuoc/ban-to-chuc.md",
    "body-index": "co-quan/index.md",
    "timeline": "moc-thoi-gian.md",
    "document": "van-ban/trung-uong-38-kl-tw.md",
    "document-index": "van-ban/index.md",
    "tree": "van-ban/cay-thuc-hien.md",
    "data": "du-lieu.md",
}


@pytest.fixture(scope="module")
def site() -> dict[str, bytes]:
    corpus, report = build_corpus(ROOT, ROOT / "content", build_date=BUILD_DATE, audience="noi-bo")
    assert not report.errors, [str(d) for d in report.errors]
    return {path: data if isinstance(data, bytes) else data.encode("utf-8") for path, data in emit_site(corpus).items()}


def _golden_name(family: str, path: str) -> str:
    return f"{family}--{path.replace('/', '__')}"


def _check(name: str, actual: bytes, update: bool) -> None:
    golden = GOLDENS / name
    if update:
        GOLDENS.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
        return
    assert golden.exists(), f"no golden {golden}; run pytest {__file__} --update-goldens and review it"
    expected = golden.read_bytes()
    if actual != expected:
        import difflib

        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.decode("utf-8", "replace").splitlines(True),
                    actual.decode("utf-8", "replace").splitlines(True),
                    "golden",
                    "now",
                    n=1,
                )
            )[:60]
        )
        pytest.fail(f"{name} differs from its golden (rerun with --update-goldens if meant):\n{diff}")


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_page_family(site, family, update_goldens):
    path = FAMILIES[family]
    assert path in site, f"{path} is not emitted any more; choose the family's page anew"
    _check(_golden_name(family, path), site[path], update_goldens)


def test_whole_listing(site, update_goldens):
    listing = "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(site.items()))
    _check("site-listing.txt", listing.encode("utf-8"), update_goldens)


def test_no_stale_goldens():
    expected = {_golden_name(f, p) for f, p in FAMILIES.items()} | {"site-listing.txt"}
    present = {p.name for p in GOLDENS.iterdir()} if GOLDENS.exists() else set()
    assert present <= expected, f"goldens no test reads: {sorted(present - expected)}"
