"""Lists cut into pages, as a reader meets them in Chromium.

The bundled content built with ``page_rows: 5`` splits every list the way a
corpus of thousands of plans does with the default of 400.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, _QuietHandler, run_kehoach

ROWS = 5


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> str:
    project = tmp_path_factory.mktemp("paged")
    for name in ("content", "pages", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      content_dir: content\n", f"      content_dir: content\n      page_rows: {ROWS}\n")
    assert f"page_rows: {ROWS}" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = project / "site"
    result = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site), "--build-date", "2026-11-23")
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def page(browser, paged_site):
    context = browser.new_context()
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(paged_site) else None)
    pg = context.new_page()
    yield pg
    context.close()
    assert outside == [], outside


def _duty_rows(pg) -> int:
    return pg.locator("tr.kh-duty").count()


def test_body_pages_page_through_every_duty(page, paged_site):
    page.goto(paged_site + "/co-quan/lam-dong-di-linh/ban-to-chuc.html?hom-nay=2023-03-15")
    total = int(re.search(r"(\d+)", page.locator("ul.kh-counts li").first.inner_text()).group(1))
    assert total > 2 * ROWS
    seen = _duty_rows(page)
    assert 0 < seen <= ROWS
    pages = 1
    while page.locator("a.kh-pager-next").count():
        page.locator("a.kh-pager-next").first.click()
        page.wait_for_load_state("load")
        pages += 1
        assert re.search(rf"/ban-to-chuc/trang-{pages}\.html", page.url)
        assert page.locator('nav.kh-pager [aria-current="page"]').first.inner_text() == str(pages)
        rows = _duty_rows(page)
        assert 0 < rows <= ROWS
        seen += rows
    assert seen == total and pages >= -(-total // ROWS)
    # the role filter works on a continuation page, and hides a plan's heading with its rows
    form = page.locator("form.kh-filters")
    assert form.is_visible()
    form.locator('select[data-filter="role"]').select_option("support")
    shown = page.locator("tr.kh-duty:not([hidden])")
    for i in range(shown.count()):
        assert shown.nth(i).get_attribute("data-role") == "support"
    for section in page.locator("section.kh-group").all():
        if section.locator("tr.kh-duty:not([hidden])").count() == 0:
            assert section.is_hidden()


def test_timeline_overview_leads_to_quarter_pages(page, paged_site):
    page.goto(paged_site + "/moc-thoi-gian.html?hom-nay=2023-03-15")
    assert _duty_rows(page) == 0
    link = page.locator("table.kh-timeline-overview a").first
    count = int(link.inner_text().replace(".", ""))
    link.click()
    page.wait_for_load_state("load")
    assert "/moc-thoi-gian/" in page.url
    assert _duty_rows(page) == min(count, ROWS)
    # states are computed on the split pages too
    assert page.locator("tr.kh-duty[data-state]").count() == _duty_rows(page)
    page.locator('nav.kh-around a[rel="next"]').click()
    page.wait_for_load_state("load")
    assert _duty_rows(page) > 0


def test_home_and_document_index_lead_to_every_list(page, paged_site):
    page.goto(paged_site + "/index.html")
    # four plans fit on the home page: it is whole
    assert page.locator("table#tat-ca tbody tr").count() == 4
    page.goto(paged_site + "/van-ban/index.html")
    scopes = page.locator("table.kh-scopes a")
    assert scopes.count() > 1
    scopes.first.click()
    page.wait_for_load_state("load")
    assert "/van-ban/theo-to-chuc/" in page.url
    assert 0 < page.locator("table.kh-cited-list tbody tr").count() <= ROWS
