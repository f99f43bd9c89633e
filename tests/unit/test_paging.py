"""Long lists cut into pages: nothing lost, nothing twice, every link lands.

The bundled content is small enough for one page per list; built with a
tiny ``page_rows`` it exercises every split the way 10,000 plans would.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

import pytest

from generator.agency_pages import duties_by_agency
from generator.links import INDEX as DOCUMENT_INDEX
from generator.links import document_md
from generator.links import agency_md, html_path, plan_md
from generator.paging import Piece, pack, page_md, pager
from generator.pipeline import build_corpus, emit_site
from generator.timeline import PATH as TIMELINE

ROOT = Path(__file__).resolve().parents[2]
ROWS = 5


# --- pack / page_md / pager ------------------------------------------------------------


def test_pack_keeps_groups_whole_when_they_fit():
    groups = [("a", [1, 2, 3]), ("b", [4, 5]), ("c", [6, 7, 8, 9])]
    assert pack(groups, 5) == [[Piece("a", [1, 2, 3]), Piece("b", [4, 5])], [Piece("c", [6, 7, 8, 9])]]


def test_pack_cuts_only_a_group_larger_than_a_page():
    pages = pack([("a", [1]), ("b", list(range(10))), ("c", [20])], 4)
    assert [[(p.key, list(p.rows), p.continued) for p in page] for page in pages] == [
        [("a", [1], False)],
        [("b", [0, 1, 2, 3], False)],
        [("b", [4, 5, 6, 7], True)],
        [("b", [8, 9], True), ("c", [20], False)],
    ]


def test_pack_of_nothing_is_one_empty_page():
    assert pack([], 3) == [[]]
    with pytest.raises(ValueError):
        pack([("a", [1])], 0)


def test_page_paths_and_pager():
    assert page_md("co-quan/t/ban.md", 1) == "co-quan/t/ban.md"
    assert page_md("co-quan/t/ban.md", 3) == "co-quan/t/ban/trang-3.md"
    paths = [page_md("co-quan/t/ban.md", n) for n in (1, 2, 3)]
    assert pager(paths[0], paths[:1], 0) == ""
    nav = pager(paths[1], paths, 1, ["từ 2020", "từ 2021", "từ 2022"])
    assert '<a href="../ban.html" title="từ 2020">1</a>' in nav
    assert '<span aria-current="page" title="từ 2021">2</span>' in nav
    assert '<a href="trang-3.html" title="từ 2022">3</a>' in nav
    assert 'rel="prev"' in nav and 'rel="next"' in nav and "Trang 2/3" in nav


# --- the real content, split into pages of 7 rows ------------------------------------


@pytest.fixture(scope="module")
def split():
    corpus, report = build_corpus(ROOT, ROOT / "content", build_date=date(2026, 11, 23))
    assert not report.errors
    return corpus, emit_site(corpus, page_rows=ROWS), emit_site(corpus)


def _rows(page: str, css: str = "kh-duty") -> list[str]:
    return re.findall(rf'<tr class="{css}"[^>]*>.*?</tr>', page)


def _under(pages: dict, first: str) -> list[str]:
    """The pages of one list: its first page and its numbered continuation."""
    stem = first[: -len(".md")] + "/trang-"
    return [first] + sorted((p for p in pages if p.startswith(stem)), key=lambda p: int(p[len(stem) : -3]))


def test_every_page_of_a_list_is_within_the_limit(split):
    _, pages, _ = split
    for path, page in pages.items():
        if path.endswith(".md"):
            assert len(_rows(page)) <= ROWS, path
            assert len(re.findall(r'<ul class="kh-mentions">', page)) <= ROWS, path


def test_timeline_split_holds_every_duty_once(split):
    corpus, pages, whole = split
    assert len(corpus.tasks) > ROWS
    overview = pages[TIMELINE]
    assert not _rows(overview)
    listed = [p for p in pages if p.startswith("moc-thoi-gian/")]
    links = [(re.search(r'data-plan="([^"]+)"', r).group(1), re.search(r'href="[^"#]*#([^"]+)"', r).group(1))
             for p in listed for r in _rows(pages[p])]
    assert sorted(links) == sorted((t.plan, t.anchor) for t in corpus.tasks)
    # the same rows as the single page, in the same order, once the lists are read in order
    one_page = [re.search(r'#([^"]+)"', r).group(1) for r in _rows(whole[TIMELINE])]
    assert sorted(one_page) == sorted(a for _, a in links)
    # the overview counts what the lists hold
    total = sum(int(n) for n in re.findall(r'<a href="moc-thoi-gian/[^"]+">(\d+)</a>', overview))
    assert total == len(corpus.tasks)


def test_busy_body_is_split_and_loses_nothing(split):
    corpus, pages, whole = split
    duties = duties_by_agency(corpus)
    agency_id, held = max(duties.items(), key=lambda kv: len(kv[1]))
    assert len(held) > 2 * ROWS
    paths = _under(pages, agency_md(agency_id))
    assert len(paths) >= 3
    rows = [r for p in paths for r in _rows(pages[p])]
    assert len(rows) == len(held) == len(_rows(whole[agency_md(agency_id)]))
    # first page: counts and calendar; every page: the pager, and only the first is a search result
    assert "kh-subscribe" in pages[paths[0]] and f"<strong>{len(held)}</strong> nhiệm vụ" in pages[paths[0]]
    for n, path in enumerate(paths):
        assert f"Trang {n + 1}/{len(paths)}" in pages[path]
        assert ("data-pagefind-body" in pages[path]) == (n == 0)


def test_home_lists_organisations_and_every_plan_on_their_pages(split):
    corpus, pages, whole = split
    assert len(corpus.plans) <= ROWS  # four plans: the home page stays whole
    assert pages["index.md"] == whole["index.md"]
    tiny = emit_site(corpus, page_rows=1)
    home = tiny["index.md"]
    assert 'class="kh-table kh-sortable kh-orgs"' in home
    org_pages = [p for p in tiny if p.startswith("to-chuc/")]
    linked = set(re.findall(r'href="(?:\.\./)+ke-hoach/([^"]+)\.html"', "".join(tiny[p] for p in org_pages)))
    assert linked == {p.id for p in corpus.plans}


def test_document_pages_and_index_split(split):
    corpus, pages, whole = split
    index = corpus.citations
    cited = max(index.documents.values(), key=lambda d: len(d.mentions))
    assert len(cited.mentions) > ROWS
    paths = _under(pages, document_md(cited.key))
    assert len(paths) > 1
    items = sum(len(re.findall(r'<a class="kh-mention-where"', pages[p])) for p in paths)
    assert items == len(cited.mentions)
    # the index: an overview by organisation, every document on one of its pages
    assert len(index.documents) > ROWS
    scope_pages = [p for p in pages if p.startswith("van-ban/theo-to-chuc/")]
    listed = re.findall(r'<tr><td><a href="(?:\.\./)+([^"]+)\.html">', "".join(pages[p] for p in scope_pages))
    assert sorted(listed) == sorted(document_md(k)[len("van-ban/") : -len(".md")] for k in index.documents)
    assert "kh-scopes" in pages[DOCUMENT_INDEX]


def test_every_link_between_split_pages_lands(split):
    """Every relative link of every generated page points to a page or file the site has."""
    _, pages, _ = split
    site = {html_path(p) for p in pages} | {"assets/kehoach.css"}
    checked = 0
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        for href in re.findall(r'href="([^"#:?]+)(?:\?[^"#]*)?(?:#[^"]*)?"', page):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
            if target.startswith("huong-dan/"):  # the authors' guide is a page of pages/, not generated
                continue
            assert target in site, f"{path}: {href}"
            checked += 1
    assert checked > 1000


def test_generated_pages_are_marked_prerendered(split):
    _, pages, _ = split
    for path, page in pages.items():
        if path.endswith(".md") and not path.startswith("ke-hoach/"):
            head = page.split("---", 2)[1]
            assert "kehoach_html: true" in head, path
            body = page.split("---", 2)[2]
            assert not re.search(r"^#+ ", body, re.M), path  # no Markdown heading left
            assert " markdown>" not in body, path
    assert "kehoach_html" not in pages[plan_md(next(p for p in pages if p.startswith("ke-hoach/"))[len("ke-hoach/") : -3])]


def test_tree_branches_too_big_get_their_own_pages(split):
    corpus, pages, whole = split
    index = corpus.citations
    tree_pages = {p: pages[p] for p in pages if p == "van-ban/cay-thuc-hien.md" or p.startswith("van-ban/cay-thuc-hien/")}
    assert len(tree_pages) > 1
    nodes = lambda text: set(re.findall(r'data-node="([^"]+)"', text))  # noqa: E731
    # every node of the one-page tree is on some page of the split tree
    assert nodes(whole["van-ban/cay-thuc-hien.md"]) == set().union(*(nodes(t) for t in tree_pages.values()))
    for path, text in tree_pages.items():
        if path != "van-ban/cay-thuc-hien.md":
            assert text.count("<li>") <= 2 * ROWS + 1 or "nhánh riêng" in text, path
    assert "nhánh riêng:" in pages["van-ban/cay-thuc-hien.md"]


def test_page_rows_below_one_is_refused_with_a_clear_message(tmp_path):
    import shutil

    from tests.conftest import run_kehoach

    for name in ("content", "pages", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("      content_dir: content\n", "      content_dir: content\n      page_rows: 0\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_kehoach("build", "-f", str(tmp_path / "mkdocs.yml"), "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0
    assert f"{tmp_path / 'mkdocs.yml'}: page_rows: 0 không hợp lệ" in result.stderr
    assert "Cách sửa: đặt page_rows: 400" in result.stderr
    assert not (tmp_path / "site").exists()
