"""The follow-up dashboard and the printable reports in real Chromium, on a
site built from a copy of content/ with progress records of its own."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from datetime import date, datetime
from pathlib import Path

import pytest

from generator.dashboard import follow_duties, matches
from generator.pipeline import build_corpus
from tests.conftest import ROOT, _QuietHandler, run_kehoach

pytestmark = pytest.mark.browser

BUILD = date(2023, 3, 10)
LATER = date(2023, 4, 5)  # the duties due 31/03/2023 have become overdue; the completions are over 30 days old


def _records(corpus) -> tuple[str, dict[str, str]]:
    """Progress as offices report it: a late duty completed, one in hand, a duty without deadline done."""
    duties = follow_duties(corpus)
    late = [d for d in duties if d.task.deadline.due == date(2022, 10, 31)]
    soon = [d for d in duties if d.task.deadline.due == date(2023, 3, 31)]
    plain = [d for d in duties if d.task.deadline.kind == "none" and d.task.plan == late[0].task.plan]
    assert len(late) >= 2 and soon and plain
    picked = {"late-done": late[0].key, "in-hand": soon[0].key, "plain-done": plain[0].key}
    text = f"""progress:
  - duty: {picked['late-done']}
    reports:
      - date: 2022-12-01
        status: dang-thuc-hien
        result: "Đã xây dựng dự thảo"
      - date: 2023-03-01
        status: hoan-thanh
        result: "Đã tổ chức hội nghị quán triệt"
        evidence: "Báo cáo số 15-BC/BTGTU ngày 01/3/2023"
  - duty: {picked['in-hand']}
    reports:
      - date: 2023-02-15
        status: Đang thực hiện
        result: "Đang lấy ý kiến"
  - duty: {picked['plain-done']}
    reports:
      - date: 2023-02-20
        status: hoan-thanh
        evidence: "Công văn số 7-CV/BTCTU"
"""
    return text, picked


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    project = tmp_path_factory.mktemp("dashboard") / "project"
    for name in ("content", "pages", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    corpus, _ = build_corpus(project, project / "content", build_date=BUILD)
    text, picked = _records(corpus)
    (project / "content" / "tien-do").mkdir(exist_ok=True)
    (project / "content" / "tien-do" / "kiem-thu.yml").write_text(text, encoding="utf-8")
    done = run_kehoach("build", "--site-dir", str(project / "site"), "--build-date", BUILD.isoformat(), cwd=project)
    assert done.returncode == 0, done.stderr
    return project, picked


@pytest.fixture(scope="module")
def url(project):
    handler = functools.partial(_QuietHandler, directory=str(project[0] / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _cards(page) -> dict[str, str]:
    return {code: page.locator(f"ul.kh-dash-cards [data-fig='{code}']").first.inner_text()
            for code in ("qua-han", "sap-den-han", "moi-hoan-thanh", "rate")}


def _expected(project, day: date, code: str, org: str | None = None) -> set[str]:
    corpus, _ = build_corpus(project, project / "content", build_date=day)
    return {d.key for d in follow_duties(corpus) if matches(d, code, day) and (org is None or corpus.plan(d.task.plan).organisation == org)}


def test_the_counts_follow_the_readers_day(page, url, project):
    page.goto(url + "/index.html?hom-nay=2023-03-10")
    first = _cards(page)
    assert first == {"qua-han": "2", "sap-den-han": "2", "moi-hoan-thanh": "2", "rate": "1 %"}, first
    assert "10/03/2023" in page.locator(".kh-dashboard .kh-lead").inner_text()
    page.goto(url + "/index.html?hom-nay=2023-04-05")
    later = _cards(page)
    assert later == {"qua-han": "4", "sap-den-han": "0", "moi-hoan-thanh": "0", "rate": "1 %"}, later
    assert "05/04/2023" in page.locator(".kh-dashboard .kh-lead").inner_text()
    # the organisation's row counts again too
    row = page.locator("table.kh-dash-orgs tr", has_text="Tỉnh ủy Bình Định")
    assert row.locator("[data-fig='qua-han']").inner_text() == str(len(_expected(project[0], LATER, "qua-han", "binh-dinh")))
    assert not page.errors


def test_the_browser_clock_moves_the_dashboard(page, url):
    page.clock.set_fixed_time(datetime(2023, 4, 5, 9, 0))
    page.goto(url + "/index.html")
    assert _cards(page)["qua-han"] == "4"
    page.clock.set_fixed_time(datetime(2023, 3, 12, 9, 0))
    page.goto(url + "/index.html")
    assert _cards(page)["sap-den-han"] == "2" and _cards(page)["qua-han"] == "2"


def test_a_number_opens_exactly_its_duties(page, url, project):
    page.goto(url + "/index.html?hom-nay=2023-04-05")
    page.locator("ul.kh-dash-cards li.kh-card-qua-han a").click()
    page.wait_for_load_state()
    assert "/theo-doi/tat-ca.html" in page.url and "trang-thai=qua-han" in page.url and "hom-nay=2023-04-05" in page.url
    shown = page.locator("table.kh-followup tr.kh-duty:visible")
    ids = set(shown.locator("code.kh-id-code").all_inner_texts())
    assert ids == _expected(project[0], LATER, "qua-han") and len(ids) == 4
    assert shown.locator("td.kh-stt").all_inner_texts() == ["1", "2", "3", "4"]  # renumbered after filtering
    assert set(shown.locator(".kh-state").all_inner_texts()) == {"Quá hạn"}
    # an organisation's number, on the build day: the duties completed in the last 30 days
    page.goto(url + "/index.html?hom-nay=2023-03-10")
    row = page.locator("table.kh-dash-orgs tr", has_text="Tỉnh ủy Bình Định")
    row.locator("[data-fig='moi-hoan-thanh'] a").click()
    page.wait_for_load_state()
    assert "/theo-doi/binh-dinh.html?trang-thai=moi-hoan-thanh" in page.url
    ids = set(page.locator("table.kh-followup tr.kh-duty:visible code.kh-id-code").all_inner_texts())
    assert ids == {project[1]["late-done"], project[1]["plain-done"]} == _expected(project[0], BUILD, "moi-hoan-thanh", "binh-dinh")
    # a plan's number opens its report, filtered
    page.goto(url + "/index.html?hom-nay=2023-04-05")
    plan_row = page.locator("table.kh-dash-plans tr", has=page.locator("a[href*='ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html']"))
    figure = int(plan_row.locator("[data-fig='qua-han']").inner_text())
    assert figure >= 1
    plan_row.locator("[data-fig='qua-han'] a").click()
    page.wait_for_load_state()
    assert "/bao-cao/ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html?trang-thai=qua-han" in page.url
    visible = page.locator("table.kh-report-table tr.kh-duty:visible")
    assert visible.count() == figure
    assert set(visible.locator(".kh-state").all_inner_texts()) == {"Quá hạn"}
    assert not page.errors


def test_the_report_prints_as_a_document(page, url, project):
    page.goto(url + "/ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html")
    page.locator("p.kh-report-link a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/bao-cao/ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html")
    head = page.locator(".kh-report-head").inner_text()
    assert "BÁO CÁO" in head and "tình hình thực hiện văn bản".upper() in head.upper() and "Bình Định" in head
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-tabs").is_visible() and not page.locator("details.kh-filterbox").is_visible()
    rows = page.locator("table.kh-report-table tbody tr.kh-duty")
    n = rows.count()
    assert n > 10
    assert rows.locator("td.kh-stt").all_inner_texts() == [str(i) for i in range(1, n + 1)]
    cell = rows.first.locator("td").nth(1)
    border = cell.evaluate("c => { const s = getComputedStyle(c); return [s.borderTopStyle, s.borderTopWidth, s.borderLeftStyle] }")
    assert border[0] == "solid" and border[2] == "solid" and float(border[1].rstrip("px")) >= 1
    # the first column is the STT alone: no second number from the duty lists' print counter
    before = rows.first.locator("td.kh-stt").evaluate("c => getComputedStyle(c, '::before').content")
    assert before in ("none", "normal", '""')
    # the last report and its evidence are on paper
    done = page.locator(f"tr.kh-duty[data-id='{project[1]['late-done']}']")
    assert "Báo cáo số 15-BC/BTGTU" in done.inner_text() and done.locator(".kh-state").inner_text() == "Hoàn thành trễ hạn"
    assert page.locator("[data-kh-print-day]").inner_text().startswith("ngày ")
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
    assert not page.errors


def test_the_body_report_and_its_link(page, url):
    page.goto(url + "/co-quan/binh-dinh/ban-tuyen-giao.html")
    page.locator("p.kh-report-link a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/bao-cao/co-quan/binh-dinh/ban-tuyen-giao.html")
    assert "Ban Tuyên giáo" in page.locator(".kh-report-subject").inner_text()
    numbers = page.locator("table.kh-report-table td.kh-stt").all_inner_texts()
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)] and numbers
