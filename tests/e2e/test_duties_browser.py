"""Body pages, duty links and the timeline in real Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_body_page_duty_link_lands_on_the_paragraph(page, site_url):
    page.goto(site_url + "/co-quan/index.html")
    page.locator("#binh-dinh + ul a", has_text="Ban Tổ chức Tỉnh ủy").click()
    page.wait_for_load_state()
    assert "/co-quan/binh-dinh/ban-to-chuc.html" in page.url
    link = page.locator("a.kh-duty-link", has_text="(2) Hướng dẫn về tổ chức và hoạt động của chi bộ quân sự")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html#muc-iv-khoan-1-gach-2")
    target = page.locator(":target")
    assert "(2) Hướng dẫn về tổ chức và hoạt động của chi bộ quân sự" in target.inner_text()
    # the paragraph is on screen, not merely present
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_five_bodies_share_a_bullet_and_the_front_bullet_stays_its_own(page, site_url):
    plan = "binh-dinh-kh-thuc-hien-21-nq-tw.html#muc-iv-khoan-7-gach"
    for body in ("dang-doan-hoi-lhpn", "dang-doan-hoi-nong-dan", "dang-doan-hoi-ccb", "dang-doan-ldld", "tinh-doan"):
        page.goto(f"{site_url}/co-quan/binh-dinh/{body}.html")
        hrefs = page.locator("a.kh-duty-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert any(h.endswith(plan + "-2") for h in hrefs), body
        assert not any(h.endswith(plan + "-1") for h in hrefs), body
    page.goto(f"{site_url}/co-quan/binh-dinh/dang-doan-mttq.html")
    hrefs = page.locator("a.kh-duty-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith(plan + "-1") for h in hrefs) and not any(h.endswith(plan + "-2") for h in hrefs)


def test_timeline_states_follow_the_readers_date(page, site_url):
    row = 'tr.kh-duty[data-due="2023-03-31"]'
    page.goto(site_url + "/moc-thoi-gian.html?hom-nay=2023-03-15")
    assert page.locator(row + " .kh-state").first.inner_text() == "Sắp đến hạn"
    page.goto(site_url + "/moc-thoi-gian.html?hom-nay=2023-01-01")
    assert page.locator(row + " .kh-state").first.inner_text() == "Chưa đến hạn"
    page.goto(site_url + "/moc-thoi-gian.html?hom-nay=2023-04-01")
    assert page.locator(row + " .kh-state").first.inner_text() == "Quá hạn"
    # "thực hiện từ …" with no end: ongoing once started (Thường xuyên, progress.duty_state)
    started = 'tr.kh-duty[data-kind="from"]:not([data-due])'
    assert page.locator(started + " .kh-state").first.inner_text() == "Thường xuyên"


def test_timeline_filters_by_body_and_state(page, site_url):
    page.goto(site_url + "/moc-thoi-gian.html?hom-nay=2023-04-01")
    total = page.locator("tr.kh-duty").count()
    page.select_option("select[data-filter='agencies']", "lam-dong-di-linh/ban-to-chuc")
    visible = page.locator("tr.kh-duty:visible")
    n = visible.count()
    assert 0 < n < total
    for i in range(n):
        assert "lam-dong-di-linh/ban-to-chuc" in visible.nth(i).get_attribute("data-agencies").split()
    page.select_option("select[data-filter='state']", "qua-han")
    assert page.locator("tr.kh-duty:visible").count() >= 1
    for i in range(page.locator("tr.kh-duty:visible").count()):
        assert page.locator("tr.kh-duty:visible").nth(i).get_attribute("data-state") == "qua-han"
    assert page.locator(".kh-filter-count").inner_text().startswith("Đang hiện ")


def test_dates_show_without_script(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(site_url + "/moc-thoi-gian.html")
    assert "hạn 31/03/2023" in pg.locator("main").inner_text()
    context.close()


def test_body_page_prints_as_a_clean_duty_list(page, site_url):
    page.goto(site_url + "/co-quan/lam-dong-di-linh/ban-to-chuc.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    assert page.locator("table.kh-duties").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000


@pytest.mark.parametrize("now,state", [("2026-11-22T09:00:00", "Quá hạn"), ("2022-09-01T09:00:00", "Chưa đến hạn")])
def test_seed_deadline_state_with_the_browser_clock(page, site_url, now, state):
    """ "hoàn thành trong tháng 10/2022" (seed 000, II.1) seen on two different days."""
    from datetime import datetime

    page.clock.set_fixed_time(datetime.fromisoformat(now))
    page.goto(site_url + "/moc-thoi-gian.html")
    row = page.locator("tr.kh-duty", has_text="Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan hướng dẫn")
    assert "hoàn thành trong tháng 10/2022" in row.inner_text()
    assert row.locator(".kh-state").inner_text() == state
    # the same badge on the body's own page
    page.goto(site_url + "/co-quan/binh-dinh/ban-tuyen-giao.html")
    row = page.locator("tr.kh-duty", has_text="hoàn thành trong tháng 10/2022")
    assert row.locator(".kh-state").inner_text() == state
