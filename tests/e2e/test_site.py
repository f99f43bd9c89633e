"""What a person sees: the home page and a plan page in real Chromium."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def _foreign_requests(page, url: str) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [r for r in requests if urlparse(r).hostname not in ("127.0.0.1", None) and not r.startswith("data:")]


def test_home_lists_every_plan_and_makes_no_foreign_request(page, site_url):
    assert _foreign_requests(page, site_url + "/index.html") == []
    rows = page.locator("#tat-ca tbody tr")
    assert rows.count() == 4
    assert page.locator("text=Huyện ủy Di Linh").count() >= 1
    assert page.errors == []


def test_plan_page_has_panel_text_and_no_foreign_request(page, site_url):
    assert _foreign_requests(page, site_url + "/ke-hoach/di-linh-90-kh-hu.html") == []
    panel = page.get_by_role("table", name="Thông tin văn bản")
    assert "90-KH/HU" in panel.inner_text()
    assert "22/12/2022" in panel.inner_text()
    assert "Đinh Văn Tuấn" in panel.inner_text()
    assert page.locator("#muc-iv-khoan-1").inner_text().startswith("1. Ban Tổ chức Huyện ủy")
    assert page.errors == []


def test_from_home_to_a_plan_and_its_anchor(page, site_url):
    page.goto(site_url + "/index.html")
    page.locator("#tat-ca a", has_text="Kết luận số 38-KL/TW").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/ke-hoach/binh-phuoc-kh-thuc-hien-38-kl-tw.html")
    target = page.locator("#muc-ii-khoan-2-diem-2-2")
    assert target.inner_text().startswith("2.2. Đẩy mạnh việc thực hiện")
    # A footnote reference leads to its note.
    page.locator("sup a.footnote-ref").first.click()
    assert "Công văn số 12" in page.locator("li[id='fn:1']").inner_text()


def test_sorting_the_home_table_by_date(page, site_url):
    page.goto(site_url + "/index.html")
    header = page.locator("#tat-ca thead th", has_text="Ngày")

    def dates():
        return page.locator("#tat-ca tbody tr td:nth-child(2)").evaluate_all(
            "cells => cells.map(c => c.getAttribute('data-sort'))"
        )

    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    ascending = dates()
    dated = [d for d in ascending if d]
    assert dated == sorted(dated) and ascending[: len(dated)] == dated  # undated rows last
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    descending = dates()
    assert [d for d in descending if d] == sorted(dated, reverse=True)
    assert len(descending) == 4
