"""Vietnamese queries and their expected top result, on the intranet build
(http://127.0.0.1) and on the unzipped bundle opened from file://.

The table covers queries without diacritics (with "đ" among them), both
tone-mark placements, NFD input, names of people, bodies and documents."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.bundle import make_bundle
from tests.conftest import BUILD_DATE
from tests.e2e.test_search import search

pytestmark = pytest.mark.browser

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731

QUERIES = [
    ("Đinh Văn Tuấn", "ke-hoach/di-linh-90-kh-hu.html"),  # the signer
    ("dinh van tuan", "ke-hoach/di-linh-90-kh-hu.html"),  # no diacritics, "đ" typed as "d"
    ("ho quoc dung", "ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html"),
    ("tran tue hien", "ke-hoach/binh-phuoc-kh-thuc-hien-38-kl-tw.html"),
    ("Phạm Thanh Quan", "ke-hoach/dang-uy-khoi-lam-dong-kh-thuc-hien-42-ctr-tu.html"),
    ("quy tin dung", "ke-hoach/di-linh-90-kh-hu.html"),
    ("Quỹ tín dụng", "ke-hoach/di-linh-90-kh-hu.html"),
    (NFD("Quỹ tín dụng"), "ke-hoach/di-linh-90-kh-hu.html"),  # NFD query, NFC text
    ("so noi vu", "ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html"),  # the receiving stamp
    ("uỷ ban kiểm tra huyện uỷ", "co-quan/lam-dong-di-linh/uy-ban-kiem-tra.html"),  # old tone placement
    ("ủy ban kiểm tra huyện ủy", "co-quan/lam-dong-di-linh/uy-ban-kiem-tra.html"),  # new tone placement
    ("ban xay dung to chuc co so dang", "co-quan/lam-dong-khoi-cqt/ban-xay-dung-tccs.html"),
    ("trung tam van hoa thong tin", "co-quan/lam-dong-di-linh/trung-tam-vhttt.html"),
    ("dang doan hoi nong dan", "co-quan/binh-dinh/dang-doan-hoi-nong-dan.html"),
    ("thuong truc hoi dong nhan dan huyen", "co-quan/lam-dong-di-linh/thuong-truc-hdnd.html"),
    ("ket luan 38", "van-ban/trung-uong-38-kl-tw.html"),
    # A phrase of duty text: found where the duty is written, the plans that say
    # "chi bộ quân sự" (body pages no longer index the duties they repeat).
    ("chi bo quan su", ("ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html", "ke-hoach/di-linh-90-kh-hu.html")),
    ("Đảng ủy Quân sự huyện", "co-quan/lam-dong-di-linh/dang-uy-quan-su.html"),  # the body, by its name
]


@pytest.fixture(scope="module")
def bundle_root(site_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("queries-bundle")
    archive = make_bundle(site_dir, out / "kehoach-site.zip", BUILD_DATE)
    with zipfile.ZipFile(archive) as z:
        z.extractall(out)
    return out / "kehoach-site"


def _top_path(page, base: str) -> str:
    href = page.locator(".kh-search__results > li.kh-sr a.kh-sr__link").first.get_attribute("href")
    path = href.split("#", 1)[0]
    return path[len(base):] if path.startswith(base) else urlparse(path).path.lstrip("/")


@pytest.mark.parametrize("build", ["intranet", "bundle"])
def test_queries_and_their_top_result(page, site_url, bundle_root, build):
    if build == "intranet":
        start, base = site_url + "/index.html", site_url + "/"
    else:
        start = (bundle_root / "index.html").as_uri()
        base = bundle_root.as_uri() + "/"
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(start)
    wrong = []
    for query, expected in QUERIES:
        search(page, query)
        got = _top_path(page, base)
        if got not in (expected if isinstance(expected, tuple) else (expected,)):
            wrong.append((query, expected, got))
    assert wrong == []
    # "dang bo": the first result shows the real text "Đảng bộ"
    search(page, "dang bo")
    excerpt = unicodedata.normalize("NFC", page.locator(".kh-sr__excerpt").first.inner_text())
    assert "đảng bộ" in excerpt.lower()  # the real text, with "đ", marked in the excerpt
    assert "đảng bộ" in page.locator(".kh-sr__excerpt mark").first.inner_text().lower()
    foreign = [r for r in requests if not (r.startswith(("file:", "data:", "blob:")) or urlparse(r).hostname == "127.0.0.1")]
    assert foreign == []


@pytest.mark.parametrize("build", ["intranet", "bundle"])
def test_no_foreign_request_on_any_kind_of_page(page, site_url, bundle_root, build):
    paths = ["index.html", "ke-hoach/di-linh-90-kh-hu.html", "co-quan/lam-dong-di-linh/ban-to-chuc.html", "moc-thoi-gian.html",
             "van-ban/trung-uong-21-nq-tw.html", "van-ban/cay-thuc-hien.html", "co-quan/index.html", "huong-dan/soan-thao.html"]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in paths:
        page.goto(f"{site_url}/{path}" if build == "intranet" else (bundle_root / path).as_uri())
        page.wait_for_load_state("networkidle")
    search(page, "ban to chuc")
    foreign = [r for r in requests if not (r.startswith(("file:", "data:", "blob:")) or urlparse(r).hostname == "127.0.0.1")]
    assert foreign == []
    assert len(requests) > len(paths)


def test_choosing_a_body_narrows_results_to_its_duties_and_plans(page, site_url):
    page.goto(site_url + "/index.html")
    search(page, "tham muu")
    before = int(page.locator(".kh-search__status").inner_text().split()[0])
    page.locator(".kh-search__filter-toggle").click()   # the filter bar loads its indexes when opened
    page.wait_for_selector(".kh-search__filters select")
    select = page.locator("select[data-filter-key='co_quan_duoc_giao'], .kh-search__filters select").filter(has=page.locator("option", has_text="Ban Tổ chức Huyện ủy")).first
    value = select.locator("option", has_text="Ban Tổ chức Huyện ủy").first.get_attribute("value")
    select.select_option(value)
    page.wait_for_function("() => document.getElementById('kh-search-panel').getAttribute('aria-busy') === 'false'")
    after_text = page.locator(".kh-search__status").inner_text()
    after = int(after_text.split()[0]) if after_text[0].isdigit() else 0
    assert 0 < after < before
    hrefs = page.locator(".kh-search__results > li.kh-sr a.kh-sr__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    for href in hrefs:
        path = urlparse(href).path
        assert "/co-quan/lam-dong-di-linh/ban-to-chuc.html" in path or "/ke-hoach/di-linh-90-kh-hu.html" in path, path
