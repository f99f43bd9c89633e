"""Progress in real Chromium: states and completion figures follow the
reader's day, kehoach.js and generator/progress.py agree on every state,
duty ids can be copied."""

from __future__ import annotations

import functools
import http.server
import itertools
import shutil
import threading
from datetime import date, datetime, timedelta

import pytest

from generator.model import Deadline, ProgressRecord, ProgressReport, Source
from generator.pipeline import build_corpus
from generator.progress import STATES, duty_id, duty_state
from generator.progress_pages import ORDER
from tests.conftest import ROOT, _QuietHandler, run_kehoach

pytestmark = pytest.mark.browser

BUILD = "2026-11-23"
PLAN = "binh-dinh-kh-thuc-hien-21-nq-tw"
BTG = "binh-dinh/ban-tuyen-giao"
DI_LINH = "lam-dong-di-linh/ban-to-chuc"

RECORDS = """progress:
  - duty: {done}
    reports:
      - date: 2022-10-01
        status: dang-thuc-hien
        result: "Đang xây dựng đề cương tuyên truyền"
      - date: 2022-10-20
        status: hoan-thanh
        result: "Đã ban hành hướng dẫn tuyên truyền"
        evidence: "Báo cáo số 15-BC/BTGTU ngày 20/10/2022"
  - duty: {ongoing}
    reports:
      - date: 2026-02-01
        status: dang-thuc-hien
        result: "Đã xây dựng dự thảo quy trình"
  - duty: {started}
    reports:
      - date: 2023-01-10
        status: dang-thuc-hien
        result: "Đang nghiên cứu dự thảo quy định"
"""


@pytest.fixture(scope="module")
def ids() -> dict[str, str]:
    """The duty ids the records name, filled in by progress_site."""
    return {}


@pytest.fixture(scope="module")
def progress_site(tmp_path_factory, ids) -> str:
    """The bundled content with three bodies' reports, built with the real CLI."""
    project = tmp_path_factory.mktemp("progress")
    for name in ("content", "pages", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    corpus, _ = build_corpus(project, project / "content")
    task = {t.id: t for t in corpus.tasks}
    ids.update(
        done=duty_id(task[f"{PLAN}#muc-ii-khoan-1"], BTG),
        ongoing=duty_id(task[f"{PLAN}#muc-iv-khoan-2-gach-2"], BTG),
        started=duty_id(task["di-linh-90-kh-hu#muc-iv-khoan-1-gach-2"], DI_LINH),
    )
    (project / "content" / "tien-do").mkdir()
    (project / "content" / "tien-do" / "bao-cao.yml").write_text(RECORDS.format(**ids), encoding="utf-8")
    site = project / "site"
    result = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site), "--build-date", BUILD)
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def pg(page):
    yield page
    assert page.errors == []


def _badge(pg, key: str) -> str:
    return pg.locator(f'tr.kh-duty[data-id="{key}"] .kh-state').first.inner_text()


def _count(pg, code: str) -> int | None:
    item = pg.locator(f'.kh-progress [data-count-state="{code}"]').first
    return int(item.locator("strong").inner_text()) if item.is_visible() else None


def test_body_page_badges_and_figures_follow_the_day(pg, progress_site, ids):
    url = progress_site + "/co-quan/lam-dong-di-linh/ban-to-chuc.html"
    pg.goto(url + "?hom-nay=2023-03-15")
    assert _badge(pg, ids["started"]) == "Sắp đến hạn"
    assert _count(pg, "sap-den-han") == 1 and _count(pg, "qua-han") is None
    assert pg.locator("[data-kh-today]").inner_text() == "15/03/2023"
    pg.goto(url + "?hom-nay=2023-04-01")
    assert _badge(pg, ids["started"]) == "Quá hạn"
    assert _count(pg, "qua-han") == 1 and _count(pg, "sap-den-han") is None
    assert pg.locator(f'tr.kh-duty[data-id="{ids["started"]}"]').get_attribute("data-state") == "qua-han"
    # early in the year the body reported it under way
    pg.goto(url + "?hom-nay=2023-01-01")
    assert _badge(pg, ids["started"]) == "Đang thực hiện"
    # the figure's link filters the list, the chosen day kept
    pg.goto(url + "?hom-nay=2023-04-01")
    pg.locator('.kh-progress [data-count-state="qua-han"] a').click()
    pg.wait_for_load_state()
    assert "trang-thai=qua-han" in pg.url and "hom-nay=2023-04-01" in pg.url
    shown = pg.locator("tr.kh-duty:visible")
    assert shown.count() == 1 and shown.first.get_attribute("data-id") == ids["started"]


def test_the_browser_clock_moves_the_states(browser, progress_site, ids):
    for now, started in (("2022-10-05T09:00:00", "Đang thực hiện"), ("2026-11-30T09:00:00", "Quá hạn")):
        context = browser.new_context()
        pg = context.new_page()
        pg.clock.set_fixed_time(datetime.fromisoformat(now))
        pg.goto(progress_site + "/co-quan/lam-dong-di-linh/ban-to-chuc.html")
        # reported under way, due 31/3/2023: under way until the last 30 days, then late
        assert _badge(pg, ids["started"]) == started
        assert _count(pg, "qua-han") == (1 if started == "Quá hạn" else None)
        assert pg.locator("[data-kh-today]").inner_text() == datetime.fromisoformat(now).strftime("%d/%m/%Y")
        # a completed duty stays completed on any day
        pg.goto(progress_site + "/co-quan/binh-dinh/ban-tuyen-giao.html")
        assert _badge(pg, ids["done"]) == "Hoàn thành đúng hạn"
        assert pg.locator("[data-kh-done]").inner_text() == "1"
        context.close()


def test_a_recurring_duty_says_whether_this_period_is_reported(pg, progress_site, ids):
    row = f'tr.kh-duty[data-id="{ids["ongoing"]}"] .kh-period'
    pg.goto(progress_site + "/co-quan/binh-dinh/ban-tuyen-giao.html?hom-nay=2026-06-01")
    assert pg.locator(row).inner_text() == "Kỳ này đã báo cáo"
    pg.goto(progress_site + "/co-quan/binh-dinh/ban-tuyen-giao.html?hom-nay=2027-01-05")
    assert pg.locator(row).inner_text() == "Kỳ này chưa báo cáo"


def test_history_is_folded_newest_first(pg, progress_site, ids):
    pg.goto(progress_site + "/co-quan/binh-dinh/ban-tuyen-giao.html")
    row = pg.locator(f'tr.kh-duty[data-id="{ids["done"]}"]')
    assert "20/10/2022" in row.locator(".kh-report-latest").inner_text()
    older = row.locator("details.kh-history")
    assert not older.locator("li").is_visible()
    older.locator("summary").click()
    assert "01/10/2022" in older.locator("li").inner_text()


def test_plan_panel_overdue_list_follows_the_day(pg, progress_site):
    url = progress_site + f"/ke-hoach/{PLAN}.html"
    pg.goto(url)
    panel = pg.locator(".kh-progress-panel")
    assert panel.locator("[data-kh-late-count]").inner_text() == "2"
    item = panel.locator("li.kh-late:visible")
    assert item.count() == 1
    item.locator("a.kh-duty-link").click()
    assert pg.url.endswith("#muc-ii-khoan-2")
    pg.goto(url + "?hom-nay=2022-10-15")
    assert panel.locator("[data-kh-late-count]").inner_text() == "0"
    assert panel.locator("li.kh-late:visible").count() == 0
    assert panel.locator('[data-count-state="sap-den-han"] strong').inner_text() != "0"


def test_timeline_state_filter_has_the_new_states(pg, progress_site, ids):
    pg.goto(progress_site + "/moc-thoi-gian.html?hom-nay=2023-04-01")
    options = pg.locator("select[data-filter='state'] option").evaluate_all("os => os.map(o => o.value)")
    assert options == [""] + list(ORDER)
    pg.select_option("select[data-filter='state']", "hoan-thanh-dung-han")
    shown = pg.locator("tr.kh-duty:visible")
    assert shown.count() == 1 and shown.first.get_attribute("data-id") == ids["done"]
    assert shown.first.locator(".kh-state").first.inner_text() == "Hoàn thành đúng hạn"


def test_duty_id_is_selected_by_a_click_and_copied_by_the_button(browser, progress_site, ids):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=progress_site)
    pg = context.new_page()
    pg.goto(progress_site + "/co-quan/binh-dinh/ban-tuyen-giao.html")
    box = pg.locator(f'tr.kh-duty[data-id="{ids["done"]}"] .kh-id')
    box.locator("code").click()
    assert pg.evaluate("window.getSelection().toString()") == ids["done"]
    box.locator("button.kh-copy").click()
    assert box.locator("button.kh-copy").inner_text() in ("Đã chép", "Bấm Ctrl+C")
    if box.locator("button.kh-copy").inner_text() == "Đã chép":
        assert pg.evaluate("navigator.clipboard.readText()") == ids["done"]
    else:  # no clipboard: the id is left selected
        assert pg.evaluate("window.getSelection().toString()") == ids["done"]
    context.close()


# --- the browser and the build agree ------------------------------------------------------

TODAYS = [date(2026, 12, 4), date(2024, 3, 31), date(2024, 4, 1), date(2024, 3, 1), date(2024, 3, 2), date(2027, 1, 1)]
DEADLINES = [
    Deadline("", "none"),
    Deadline("", "conditional"),
    Deadline("trước 31/3/2024", "once", due=date(2024, 3, 31)),
    Deadline("trước 31/3/2024", "target", due=date(2024, 3, 31)),
    Deadline("từ 1/1/2024 đến 31/3/2024", "from", due=date(2024, 3, 31), start=date(2024, 1, 1)),
    Deadline("từ 1/3/2024", "from", start=date(2024, 3, 1)),
    Deadline("từ 1/1/2027", "from", start=date(2027, 1, 1)),
    Deadline("thường xuyên", "recurring", recurrence="ongoing"),
    Deadline("hằng năm", "recurring", recurrence="yearly"),
    Deadline("hằng quý", "recurring", recurrence="quarterly"),
    Deadline("6 tháng", "recurring", recurrence="half-yearly"),
    Deadline("hằng tháng", "recurring", recurrence="monthly"),
    Deadline("", "unknown"),
]
REPORTS = [None] + [(s, d) for s in ("chua-thuc-hien", "dang-thuc-hien", "hoan-thanh", "khong-thuc-hien")
                    for d in (date(2024, 3, 31), date(2024, 4, 2), date(2026, 10, 1))]


def _record(report):
    if report is None:
        return None
    status, day = report
    item = ProgressReport("NV-00000000", day, status, None, None, "lý do" if status == "khong-thuc-hien" else None, Source("f", 1))
    return ProgressRecord("NV-00000000", (item,), None, None, None, Source("f", 1))


def test_javascript_and_python_agree_on_every_state(pg, progress_site):
    cases, expected = [], []
    for deadline, report, today in itertools.product(DEADLINES, REPORTS, TODAYS):
        state = duty_state(deadline, _record(report), today)
        cases.append({
            "attrs": {
                "kind": deadline.kind,
                "due": deadline.due.isoformat() if deadline.due else "",
                "start": deadline.start.isoformat() if deadline.start else "",
                "recurrence": deadline.recurrence or "",
                "status": report[0] if report else "",
                "reported": report[1].isoformat() if report else "",
            },
            "today": today.isoformat(),
        })
        expected.append([state.code, state.period_reported])
    # and around the edge of "sắp đến hạn": every day from 40 days before the due date to 2 after
    due = Deadline("trước 31/3/2024", "once", due=date(2024, 3, 31))
    for n in range(-40, 3):
        today = due.due + timedelta(days=n)
        cases.append({"attrs": {"kind": "once", "due": "2024-03-31"}, "today": today.isoformat()})
        expected.append([duty_state(due, None, today).code, None])
    pg.goto(progress_site + "/co-quan/binh-dinh/ban-tuyen-giao.html")
    got = pg.evaluate(
        """cases => cases.map(c => {
             const [y, m, d] = c.today.split("-").map(Number);
             const today = new Date(y, m - 1, d);
             return [window.kehoach.state(c.attrs, today), window.kehoach.periodReported(c.attrs, today)];
           })""",
        cases,
    )
    wrong = [(c, e, g) for c, e, g in zip(cases, expected, got) if e != g]
    assert not wrong, wrong[:5]
    assert len(cases) > 1000
    assert pg.evaluate("window.kehoach.labels") == STATES
    assert pg.evaluate("window.kehoach.order") == list(ORDER)


def test_today_is_the_readers_day_or_the_one_asked_for(pg, progress_site):
    pg.goto(progress_site + "/co-quan/binh-dinh/ban-tuyen-giao.html?hom-nay=2023-02-28")
    assert pg.evaluate("(() => { const d = window.kehoach.today(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()") == [2023, 2, 28]
    assert pg.evaluate("window.kehoach.state({kind: 'once', due: '2023-03-01'})") == "sap-den-han"
