"""Search in the header, in real Chromium: Vietnamese with and without
diacritics, filters, deep links, keyboard, sub-paths, and no foreign request.

Most tests use the real site.  The Vietnamese table runs on a small site
written here (same header markup, same search.js, indexed by the same
Pagefind command), where every spelling is known: "Đảng bộ" against "dạng",
"uỷ" against "ủy", NFD against NFC.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.search import index_site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def search(page, query: str) -> None:
    """Type the query into the header field and wait for its results."""
    field = page.locator("#kh-search-input")
    field.fill("")
    field.type(query)
    wait_for_results(page, nfc(query).strip())


def wait_for_results(page, query: str) -> None:
    page.wait_for_function(
        """q => {
          const p = document.getElementById('kh-search-panel');
          return p.getAttribute('aria-busy') === 'false' && p.getAttribute('data-query') === q;
        }""",
        arg=query,
    )


def open_filters(page) -> None:
    """Open the filter bar; it fetches the filter indexes only now (search.js)."""
    page.locator(".kh-search__filter-toggle").click()
    page.wait_for_selector(".kh-search__filters select")


def result_count(page) -> int:
    return int(page.locator(".kh-search__status").inner_text().split()[0])


def excerpts(page) -> list[str]:
    return [nfc(t) for t in page.locator(".kh-sr__excerpt").all_inner_texts()]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve(tmp_path):
    """serve(directory) -> http://127.0.0.1:port, stopped after the test."""
    servers = []

    def start(directory: Path) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()


# --- the real site ---------------------------------------------------------------


def test_header_has_the_pagefind_field_not_materials(page, site_url):
    page.goto(site_url + "/index.html")
    assert page.locator("#kh-search-input").is_visible()
    assert page.locator(".md-search").count() == 0
    assert page.locator("#kh-search-panel").is_hidden()


def test_dang_bo_without_diacritics_finds_dang_bo(page, site_url):
    page.goto(site_url + "/index.html")
    search(page, "dang bo")
    assert any("Đảng bộ" in text for text in excerpts(page)), excerpts(page)
    marked = [nfc(t).lower() for t in page.locator(".kh-sr__excerpt mark").all_inner_texts()]
    assert "đảng" in marked
    titles = page.locator(".kh-sr__title").all_inner_texts()
    assert titles and not any(t.endswith("¶") for t in titles)
    assert page.errors == []


def test_huyen_uy_finds_plans_that_say_huyen_uy(page, site_url):
    page.goto(site_url + "/index.html")
    search(page, "huyen uy")
    open_filters(page)
    page.locator("select[data-filter=loai]").select_option("Kế hoạch")
    wait_for_results(page, "huyen uy")
    plans = page.locator(".kh-sr", has=page.locator(".kh-sr__type", has_text="Kế hoạch"))
    assert plans.count() >= 1
    assert any("Huyện ủy" in nfc(t) for t in plans.locator(".kh-sr__excerpt").all_inner_texts())


def test_a_filter_narrows_the_results(page, site_url):
    page.goto(site_url + "/index.html")
    search(page, "huyen uy")
    before = result_count(page)
    open_filters(page)
    page.locator("select[data-filter=loai]").select_option("Kế hoạch")
    wait_for_results(page, "huyen uy")
    after = result_count(page)
    assert 0 < after < before
    assert set(page.locator(".kh-sr__type").all_inner_texts()) == {"Kế hoạch"}
    # Back to all: the count comes back.
    page.locator("select[data-filter=loai]").select_option("")
    wait_for_results(page, "huyen uy")
    assert result_count(page) == before


def test_every_filter_key_is_offered(page, site_url):
    page.goto(site_url + "/index.html")
    search(page, "ban")
    open_filters(page)
    keys = page.locator(".kh-search__filters select").evaluate_all("s => s.map(x => x.dataset.filter)")
    assert keys == ["loai", "co_quan_ban_hanh", "to_chuc", "nam", "co_quan_duoc_giao"]


def test_filter_indexes_are_fetched_when_the_filter_bar_opens_not_before(page, site_url):
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(site_url + "/index.html")
    search(page, "huyen uy")
    assert any(u.endswith(".pf_index") for u in fetched)
    assert not [u for u in fetched if u.endswith(".pf_filter")]
    assert page.locator(".kh-search__filters").is_hidden()
    toggle = page.locator(".kh-search__filter-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    open_filters(page)
    assert toggle.get_attribute("aria-expanded") == "true"
    assert [u for u in fetched if u.endswith(".pf_filter")]
    page.locator("select[data-filter=loai]").select_option("Kế hoạch")
    wait_for_results(page, "huyen uy")
    assert toggle.inner_text().startswith("Lọc kết quả (1)")
    toggle.click()   # closing the bar keeps the filter
    assert page.locator(".kh-search__filters").is_hidden()
    assert set(page.locator(".kh-sr__type").all_inner_texts()) == {"Kế hoạch"}
    assert page.errors == []


def test_clicking_a_result_lands_on_the_matching_paragraph(page, site_url):
    page.goto(site_url + "/index.html")
    search(page, "khuyet")   # "khuyết" is said once, in one paragraph of one plan
    link = page.locator("a.kh-sr__link").first
    href = link.get_attribute("href")
    assert "#" in href
    link.click()
    page.wait_for_load_state()
    url = urlparse(page.url)
    assert url.path.startswith("/ke-hoach/") and url.fragment
    target = page.locator(f"[id='{url.fragment}']")
    assert target.evaluate("e => e.tagName") in ("P", "LI")
    assert "khuyết" in nfc(target.inner_text()).lower()
    assert target.evaluate("e => e.matches(':target')")
    box = target.bounding_box()
    assert box and 0 <= box["y"] < 900


def test_keyboard_only(page, site_url):
    page.goto(site_url + "/ke-hoach/di-linh-90-kh-hu.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "kh-search-input"
    page.keyboard.type("internet")
    wait_for_results(page, "internet")
    page.keyboard.press("ArrowDown")
    first = page.locator("a.kh-sr__link").first
    assert first.evaluate("e => e === document.activeElement")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "kh-search-input"
    page.keyboard.press("Escape")
    assert page.locator("#kh-search-panel").is_hidden()
    page.keyboard.press("ArrowDown")   # opens again
    page.keyboard.press("ArrowDown")
    href = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    assert "internet" in nfc(page.locator(f"[id='{urlparse(href).fragment}']").inner_text()).lower()


def test_search_makes_no_request_to_another_host(page, site_url):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "/index.html")
    search(page, "dang bo")
    search(page, "Huyện ủy")
    open_filters(page)
    page.locator("select[data-filter=nam]").select_option(index=1)
    wait_for_results(page, "Huyện ủy")
    assert any("/pagefind/" in r for r in requests)
    foreign = [r for r in requests if urlparse(r).hostname != "127.0.0.1" and not r.startswith("data:")]
    assert foreign == []
    assert page.errors == []


def test_under_a_sub_path(page, site_dir, tmp_path, serve):
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "kehoach").symlink_to(site_dir, target_is_directory=True)
    base = serve(tmp_path / "www") + "/kehoach"
    page.goto(base + "/co-quan/index.html")
    search(page, "dang bo")
    hrefs = page.locator("a.kh-sr__link").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    assert hrefs and all(urlparse(h).path.startswith("/kehoach/") for h in hrefs)
    page.locator("a.kh-sr__link").first.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path.startswith("/kehoach/")
    assert page.locator("h1").count() == 1


# --- Vietnamese, on a site whose every spelling is known ----------------------------

_PAGES = {
    "dang-bo.html": ("Đảng bộ", "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ nhất."),
    "dang-may.html": ("Dạng bộ máy", "Một dạng bộ máy hành chính khác."),
    "uy-moi.html": ("Huyện uỷ (uỷ)", "Ban Thường vụ Huyện uỷ chỉ đạo công tác."),
    "uy-cu.html": ("Huyện ủy (ủy)", "Ban Thường vụ Huyện ủy chỉ đạo công tác."),
    "nfd.html": ("Văn bản NFD", unicodedata.normalize("NFD", "Ban Tuyên giáo Huyện ủy triển khai nghị quyết.")),
}


def _mini_page(title: str, text: str, base: str = ".") -> str:
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="{base}/assets/search.css"></head>
<body>
<div class="kh-search" data-kh-search data-kh-base="{base}" role="search" hidden>
  <label class="kh-search__label" for="kh-search-input">Tìm kiếm</label>
  <input class="kh-search__input" id="kh-search-input" type="search">
  <div class="kh-search__panel" id="kh-search-panel" hidden></div>
</div>
<main data-pagefind-body>
<span data-pagefind-meta="loai_trang" hidden>Kế hoạch</span>
<h1 id="tieu-de" data-pagefind-meta="title">{title}</h1>
<p id="doan-1">{text}</p>
</main>
<script src="{base}/assets/search.js"></script>
</body></html>
"""


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("mini") / "site"
    (site / "assets").mkdir(parents=True)
    for name in ("search.js", "search.css"):
        shutil.copy(ROOT / "pages" / "assets" / name, site / "assets" / name)
    for name, (title, text) in _PAGES.items():
        (site / name).write_text(_mini_page(title, text), encoding="utf-8")
    (site / "muc").mkdir()
    (site / "muc" / "index.html").write_text(_mini_page("Mục lục", "Phòng chống tham nhũng, lãng phí.", base=".."), encoding="utf-8")
    (site / "index.html").write_text(_mini_page("Trang chủ", "Trang thử tìm kiếm.").replace("data-pagefind-body", ""), encoding="utf-8")
    index_site(site)
    return site


@pytest.fixture
def mini_url(mini_site, serve):
    return serve(mini_site)


def _found(page) -> list[str]:
    hrefs = page.locator(".kh-sr > a.kh-sr__link").evaluate_all("a => a.map(x => x.pathname.split('/').pop())")
    return hrefs


@pytest.mark.parametrize(
    ("query", "must_find", "must_not_find"),
    [
        ("dang bo", {"dang-bo.html", "dang-may.html"}, set()),         # no diacritics: both readings
        ("đảng bộ", {"dang-bo.html"}, {"dang-may.html"}),
        ("DANG BO", {"dang-bo.html"}, set()),
        ("huyen uy", {"uy-moi.html", "uy-cu.html", "nfd.html"}, set()),
        ("Huyện uỷ", {"uy-moi.html", "uy-cu.html", "nfd.html"}, set()),   # NFC query, NFD text
        (unicodedata.normalize("NFD", "Huyện ủy"), {"uy-moi.html", "uy-cu.html", "nfd.html"}, set()),  # NFD query
        ("tuyen giao", {"nfd.html"}, {"dang-bo.html"}),
    ],
)
def test_vietnamese_queries(page, mini_url, query, must_find, must_not_find):
    page.goto(mini_url + "/index.html")
    search(page, query)
    found = set(_found(page))
    assert must_find <= found, found
    assert not (must_not_find & found), found


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Huyện uỷ", "uy-moi.html"),
        ("Huyện ủy", "uy-cu.html"),
        ("đảng", "dang-bo.html"),
        ("dạng", "dang-may.html"),
    ],
)
def test_exact_diacritics_rank_first(page, mini_url, query, first):
    page.goto(mini_url + "/index.html")
    search(page, query)
    assert _found(page)[0] == first


def test_excerpts_show_the_real_text(page, mini_url):
    page.goto(mini_url + "/index.html")
    search(page, "dang bo")
    by_page = dict(zip(_found(page), excerpts(page)))
    assert "Đảng bộ tỉnh" in by_page["dang-bo.html"]
    assert "dạng bộ máy" in by_page["dang-may.html"]
    search(page, "tuyen giao")
    assert "Ban Tuyên giáo Huyện ủy" in excerpts(page)[0]   # the NFD text, as written
    # The hidden type label is metadata, not text.
    search(page, "ban")
    assert excerpts(page) and not any("Kế hoạch" in t for t in excerpts(page))
    assert set(page.locator(".kh-sr__type").all_inner_texts()) == {"Kế hoạch"}


def test_an_index_page_keeps_index_html_in_its_link(page, mini_url):
    # A directory URL does not open its index.html from file://.
    page.goto(mini_url + "/index.html")
    search(page, "tham nhung")
    href = page.locator("a.kh-sr__link").first.get_attribute("href")
    assert urlparse(href).path == "/muc/index.html"
