"""The offline bundle as a person uses it: unzip, double-click index.html
(file://), click through to a plan, search in Vietnamese without diacritics."""

from __future__ import annotations

import time
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.bundle import make_bundle
from tests.conftest import BUILD_DATE, run_kehoach

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(site_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    archive = make_bundle(site_dir, out / "kehoach-site.zip", BUILD_DATE)
    with zipfile.ZipFile(archive) as z:
        z.extractall(out / "giải nén")   # a folder name with diacritics and a space, as on a real desktop
    return out / "giải nén" / "kehoach-site"


@pytest.fixture
def watched(page):
    """The page, with every request URL and console error it makes recorded."""
    page.requests = []
    page.console_errors = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.console_errors.append(m.text[:300]) if m.type == "error" else None)
    return page


def _wait_for_results(page, query: str) -> None:
    page.wait_for_function(
        """q => {
          const p = document.getElementById('kh-search-panel');
          return p.getAttribute('aria-busy') === 'false' && p.getAttribute('data-query') === q;
        }""",
        arg=query,
        timeout=15000,
    )


def test_the_bundle_browses_and_searches_from_disk(watched, unzipped):
    page = watched
    page.goto((unzipped / "index.html").as_uri())
    assert page.locator(".kh-lead", has_text="Cập nhật ngày 23/11/2026").count() == 1   # the home page has more than one lead now

    page.locator("#tat-ca a", has_text="Kết luận số 38-KL/TW").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith("/ke-hoach/binh-phuoc-kh-thuc-hien-38-kl-tw.html")

    started = time.monotonic()
    page.locator("#kh-search-input").type("dang bo")
    _wait_for_results(page, "dang bo")
    latency = time.monotonic() - started
    texts = [unicodedata.normalize("NFC", t) for t in page.locator(".kh-sr__excerpt").all_inner_texts()]
    assert any("Đảng bộ" in t for t in texts), texts
    assert latency < 5, latency

    link = page.locator("a.kh-sr__link").first
    href = link.get_attribute("href")
    assert href.startswith("file://") and "#" in href
    link.click()
    page.wait_for_load_state()
    assert page.url == href
    assert page.locator(f"[id='{urlparse(href).fragment}']").count() == 1

    assert page.errors == []
    assert page.console_errors == []
    assert [r for r in page.requests if not r.startswith(("file:", "data:"))] == []


def test_filters_work_from_disk(watched, unzipped):
    page = watched
    page.goto((unzipped / "co-quan" / "index.html").as_uri())
    page.locator("#kh-search-input").type("huyen uy")
    _wait_for_results(page, "huyen uy")
    page.locator(".kh-search__filter-toggle").click()   # the filter indexes load when the bar opens
    page.locator("select[data-filter=loai]").select_option("Kế hoạch")
    _wait_for_results(page, "huyen uy")
    assert set(page.locator(".kh-sr__type").all_inner_texts()) == {"Kế hoạch"}
    assert page.errors == [] and page.console_errors == []


def test_the_intranet_site_has_no_offline_index(site_dir, unzipped):
    assert not (site_dir / "pagefind" / "pagefind-offline.js").exists()
    assert (unzipped / "pagefind" / "pagefind-offline.js").is_file()


def test_the_bundle_command(tmp_path):
    result = run_kehoach("bundle", "--build-date", BUILD_DATE, "--output", str(tmp_path / "ban-sao.zip"))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "ban-sao.zip") as z:
        names = z.namelist()
        assert "ban-sao/index.html" in names and "ban-sao/pagefind/pagefind-offline.js" in names
        assert "Cập nhật ngày 23/11/2026" in z.read("ban-sao/index.html").decode()
