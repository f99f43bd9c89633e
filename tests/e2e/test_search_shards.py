"""The search index in shards (generator/search.py), merged in real Chromium by
search.js with Pagefind's mergeIndex, over http and from an unzipped bundle
(file://): a word found in two shards shows results of both, filters work
across shards, a document number finds its plan, and the older years are
loaded only when a search needs them.

The real site has three shards: ``chung`` (bodies, documents, lists),
``ke-hoach-2022`` (the Di Linh plan) and ``ke-hoach-khac`` (the three plans
without a date)."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from generator import search as search_module
from generator.bundle import make_bundle, offline_files
from generator.search import index_site
from tests.conftest import BUILD_DATE
from tests.e2e.test_search import (  # noqa: F401 (serve: fixture)
    open_filters,
    result_count,
    search,
    serve,
    wait_for_results,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def _shards(site: Path) -> dict:
    text = (site / "pagefind" / "shards.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"= (\{.*\});", text).group(1))


def _paths(page) -> list[str]:
    hrefs = page.locator(".kh-search__results > li.kh-sr > a.kh-sr__link").evaluate_all("a => a.map(x => x.href)")
    return [unquote(urlparse(h).path) for h in hrefs]


def _all_paths(page) -> list[str]:
    while page.locator(".kh-search__more").is_visible():
        shown = len(_paths(page))
        page.locator(".kh-search__more").click()
        page.wait_for_function("n => document.querySelectorAll('.kh-search__results > li.kh-sr').length > n", arg=shown)
    return _paths(page)


@pytest.fixture(scope="module")
def bundle_root(site_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shards-bundle")
    with zipfile.ZipFile(make_bundle(site_dir, out / "kehoach-site.zip", BUILD_DATE)) as z:
        z.extractall(out)
    return out / "kehoach-site"


@pytest.fixture(params=["http", "file"])
def base(request, site_url, bundle_root) -> str:
    return site_url if request.param == "http" else bundle_root.as_uri()


def test_the_real_site_is_in_three_shards(site_dir):
    listed = _shards(site_dir)
    assert [(s["name"], s["pages"] > 0, s["eager"]) for s in listed["shards"]] == [
        ("chung", True, True), ("ke-hoach-2022", True, True), ("ke-hoach-khac", True, True)
    ]
    assert not (site_dir / "pagefind" / "pagefind-entry.json").exists()   # no single index any more


def test_a_word_in_two_shards_shows_results_of_both(page, base):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/index.html")
    search(page, "chi bo quan su")
    found = _all_paths(page)
    assert any(p.endswith("/ke-hoach/di-linh-90-kh-hu.html") for p in found), found           # ke-hoach-2022
    assert any(p.endswith("/ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html") for p in found), found  # ke-hoach-khac
    for shard in ("chung", "ke-hoach-2022", "ke-hoach-khac"):
        assert any(f"/pagefind/{shard}/" in r for r in requests), shard
    # Excerpts and deep links come from the shard that holds the page.
    link = page.locator("a.kh-sr__link", has=page.locator(".kh-sr__title", has_text="90-KH/HU")).first
    href = link.get_attribute("href")
    assert "#" in href
    link.click()
    page.wait_for_load_state()
    assert "chi bộ quân sự" in unicodedata.normalize("NFC", page.locator(f"[id='{urlparse(href).fragment}']").inner_text()).lower()
    assert page.errors == []


def test_filters_across_shards(page, base):
    page.goto(base + "/index.html")
    search(page, "dang vien")
    open_filters(page)
    organisations = page.locator("select[data-filter=to_chuc] option").all_inner_texts()
    # the values of both plan shards and of the bodies' shard are offered
    assert any(o.startswith("Huyện ủy Di Linh") for o in organisations), organisations
    assert any(o.startswith("Tỉnh ủy Bình Định") for o in organisations), organisations
    page.locator("select[data-filter=loai]").select_option("Kế hoạch")
    wait_for_results(page, "dang vien")
    plans = [p for p in _all_paths(page) if "/ke-hoach/" in p]
    assert "Cơ quan" not in page.locator(".kh-sr__type").all_inner_texts()   # bodies have no "Loại văn bản"
    assert len(plans) == 4   # from ke-hoach-2022 and ke-hoach-khac
    page.locator("select[data-filter=loai]").select_option("")
    body = next(o for o in page.locator("select[data-filter=co_quan_duoc_giao] option").all_inner_texts() if o.startswith("Ban Tổ chức Huyện ủy"))
    page.locator("select[data-filter=co_quan_duoc_giao]").select_option(label=body)
    page.locator("#kh-search-input").fill("")   # the filter alone: every page of that body
    wait_for_results(page, "")
    kinds = set(page.locator(".kh-sr__type").all_inner_texts())
    assert kinds == {"Kế hoạch", "Cơ quan"}   # its plan (ke-hoach-2022) and its own page (chung)
    assert page.errors == []


def test_a_document_number_finds_its_plan(page, base):
    page.goto(base + "/index.html")
    search(page, "90-KH/HU")
    assert _paths(page)[0].endswith("/ke-hoach/di-linh-90-kh-hu.html")


def test_from_disk_the_index_comes_in_pieces(page, bundle_root):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((bundle_root / "index.html").as_uri())
    search(page, "90-KH/HU")
    scripts = [unquote(r).split("/pagefind/", 1)[1] for r in requests if "/pagefind/" in r]
    assert "pagefind-offline.js" in scripts and "shards.js" in scripts
    assert all(s.endswith(".js") for s in scripts)
    # a piece of every shard's index, not all of it
    index_scripts = [s for s in scripts if "/index/" in s]
    assert {s.split("/")[0] for s in index_scripts} == {"chung", "ke-hoach-2022", "ke-hoach-khac"}
    fragments = [s for s in scripts if "/fragment/" in s]
    assert 0 < len(fragments) < len(list(bundle_root.glob("pagefind/*/fragment/*.pf_fragment.js")))
    assert (bundle_root / "pagefind" / "pagefind-offline.js").stat().st_size < 100_000


# --- the older years on demand, on a site written here ----------------------------


def _plan_page(name: str, year: str, text: str) -> str:
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{name}</title><link rel="stylesheet" href="../assets/search.css"></head>
<body>
<div class="kh-search" data-kh-search data-kh-base=".." role="search" hidden>
  <input class="kh-search__input" id="kh-search-input" type="search">
  <div class="kh-search__panel" id="kh-search-panel" hidden></div>
</div>
<div class="kh-plan" data-pagefind-body>
<span data-pagefind-meta="loai_trang" hidden>Kế hoạch</span><span data-pagefind-filter="nam" hidden>{year}</span>
<span data-pagefind-meta="so_hieu" hidden>{name}</span>
<h1 id="tieu-de" data-pagefind-meta="title">Kế hoạch số {name}</h1>
<p id="doan-1">{text}</p>
</div>
<script src="../assets/search.js"></script>
</body></html>
"""


@pytest.fixture(scope="module")
def years_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("years") / "site"
    (site / "assets").mkdir(parents=True)
    (site / "ke-hoach").mkdir()
    for name in ("search.js", "search.css"):
        shutil.copy(ROOT / "pages" / "assets" / name, site / "assets" / name)
    plans = [(f"{n}-KH/TU", "2024") for n in range(1, 11)] + [("45-KH/TU", "2019"), ("46-KH/TU", "2023")]
    for number, year in plans:
        slug = number.split("-")[0]
        (site / "ke-hoach" / f"{slug}.html").write_text(
            _plan_page(number, year, f"Kết nạp đảng viên mới năm {year}, kế hoạch {slug}." + (" Bổ sung chỗ khuyết." if year == "2019" else "")),
            encoding="utf-8",
        )
    saved = search_module.EAGER_PLANS
    search_module.EAGER_PLANS = 10   # 2024 at once; 2023 and 2019 on demand
    try:
        index_site(site, cache_dir=site.parent / "cache")
    finally:
        search_module.EAGER_PLANS = saved
    for name, data in offline_files(site / "pagefind").items():
        (site / name).write_bytes(data)   # the bundle's scripts, so that file:// works too
    return site


@pytest.fixture(params=["http", "file"])
def years_base(request, years_site, serve) -> str:  # noqa: F811 (serve is a fixture)
    return serve(years_site) if request.param == "http" else years_site.as_uri()


def test_older_years_are_searched_on_demand(page, years_site, years_base):
    assert [(s["name"], s["eager"]) for s in _shards(years_site)["shards"]] == [
        ("ke-hoach-2024", True), ("ke-hoach-2023", False), ("ke-hoach-2019", False)
    ]   # no page other than plans: the newest year is the primary
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(years_base + "/ke-hoach/1.html")
    search(page, "dang vien")
    assert result_count(page) == 10
    assert "từ năm 2024" in page.locator(".kh-search__status").inner_text()
    assert not [r for r in requests if "/ke-hoach-2019/" in r or "/ke-hoach-2023/" in r]
    older = page.locator(".kh-search__older")
    assert older.is_visible() and older.inner_text() == "Tìm cả kế hoạch các năm 2019–2023"
    older.click()
    wait_for_results(page, "dang vien")
    assert result_count(page) == 12 and not older.is_visible()
    found = _all_paths(page)
    assert any(p.endswith("/ke-hoach/45.html") for p in found) and any(p.endswith("/ke-hoach/46.html") for p in found)
    assert page.errors == []


def test_a_number_searches_every_year(page, years_base):
    page.goto(years_base + "/ke-hoach/1.html")
    search(page, "45-KH/TU")
    assert _paths(page)[0].endswith("/ke-hoach/45.html")
    assert not page.locator(".kh-search__older").is_visible()


def test_few_recent_results_look_in_the_older_years(page, years_base):
    page.goto(years_base + "/ke-hoach/1.html")
    search(page, "bo sung")   # only in a 2019 plan: no result among the recent years
    assert any(p.endswith("/ke-hoach/45.html") for p in _paths(page))
