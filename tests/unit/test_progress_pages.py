"""Progress on the pages: state badges, duty ids and reports on body pages,
the plan page's "Tiến độ thực hiện", the timeline's states; ids and progress
through an edit of another paragraph."""

from __future__ import annotations

import posixpath
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.links import agency_md, plan_md
from generator.pipeline import build_corpus, emit_site
from generator.progress import STATES, duty_id
from generator.progress_pages import ORDER, headline

ROOT = Path(__file__).resolve().parents[2]
BUILD = date(2026, 11, 23)
PLAN = "binh-dinh-kh-thuc-hien-21-nq-tw"
BTG = "binh-dinh/ban-tuyen-giao"
DI_LINH = "lam-dong-di-linh/ban-to-chuc"

# What two bodies report, as a clerk writes content/tien-do/*.yml.  The ids
# are looked up from the duties' places (checked below), not trusted blindly.
RECORDS = """progress:
  - duty: {done}
    plan: binh-dinh-kh-thuc-hien-21-nq-tw
    agency: binh-dinh/ban-tuyen-giao
    reports:
      - date: 2022-10-01
        status: dang-thuc-hien
        result: "Đang xây dựng đề cương tuyên truyền"
      - date: 2022-10-20
        status: hoan-thanh
        result: "Đã ban hành hướng dẫn tuyên truyền"
        evidence: "Báo cáo số 15-BC/BTGTU ngày 20/10/2022"
  - duty: {dropped}
    reports:
      - date: 2023-05-02
        status: Không thực hiện
        reason: "Trung ương chưa ban hành khung chương trình"
  - duty: {ongoing}
    reports:
      - date: 2026-02-01
        status: dang-thuc-hien
        result: "Đã xây dựng dự thảo quy trình"
        evidence: "Theo Kế hoạch số 07-KH/TW"
  - duty: {started}
    reports:
      - date: 2023-01-10
        status: dang-thuc-hien
"""


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def _task(corpus, task_id: str):
    return next(t for t in corpus.tasks if t.id == task_id)


def _ids(corpus) -> dict[str, str]:
    return {
        "done": duty_id(_task(corpus, f"{PLAN}#muc-ii-khoan-1"), BTG),
        "dropped": duty_id(_task(corpus, f"{PLAN}#muc-iv-khoan-2-gach-1"), BTG),
        "ongoing": duty_id(_task(corpus, f"{PLAN}#muc-iv-khoan-2-gach-2"), BTG),
        "started": duty_id(_task(corpus, "di-linh-90-kh-hu#muc-iv-khoan-1-gach-2"), DI_LINH),
    }


def _with_records(project: Path) -> dict[str, str]:
    bare, _ = build_corpus(project, project / "content", build_date=BUILD)
    ids = _ids(bare)
    folder = project / "content" / "tien-do"
    folder.mkdir()
    (folder / "bao-cao.yml").write_text(RECORDS.format(**ids), encoding="utf-8")
    return ids


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = _copy(tmp_path_factory.mktemp("progress-pages"))
    ids = _with_records(project)
    corpus, report = build_corpus(project, project / "content", build_date=BUILD)
    assert not [str(d) for d in report.sorted() if d.source and "tien-do" in d.source.file]
    assert set(ids.values()) <= set(corpus.progress)
    return corpus, emit_site(corpus), ids


def _row(page: str, key: str) -> str:
    match = re.search(rf'<tr class="kh-duty"[^>]*data-id="{key}"[^>]*>.*?</tr>', page, re.S)
    assert match, key
    return match.group(0)


def _attr(html: str, name: str) -> str | None:
    match = re.search(rf'\b{name}="([^"]*)"', html)
    return match.group(1) if match else None


# --- body pages -------------------------------------------------------------------


def test_a_completed_duty_shows_its_state_and_its_reports_newest_first(built):
    _, site, ids = built
    row = _row(site[agency_md(BTG)], ids["done"])
    assert _attr(row, "data-status") == "hoan-thanh"
    assert _attr(row, "data-reported") == "2022-10-20"
    assert _attr(row, "data-state") == "hoan-thanh-dung-han"
    assert '<span class="kh-state kh-state-hoan-thanh-dung-han" data-pagefind-ignore>Hoàn thành đúng hạn</span>' in row
    latest, older = row.split('<details class="kh-history">')
    assert "20/10/2022" in latest and "Đã ban hành hướng dẫn tuyên truyền" in latest and "01/10/2022" not in latest
    assert "<summary>Các báo cáo trước (1)</summary>" in older
    assert "01/10/2022" in older and "Đang xây dựng đề cương tuyên truyền" in older
    # a report the corpus does not hold is named, not linked
    assert "Văn bản: Báo cáo số 15-BC/BTGTU ngày 20/10/2022" in latest


def test_one_report_is_not_folded_and_its_evidence_links_to_the_document(built):
    _, site, ids = built
    page = site[agency_md(BTG)]
    row = _row(page, ids["ongoing"])
    assert "<details" not in row
    assert _attr(row, "data-state") == "thuong-xuyen"
    assert "Kỳ này đã báo cáo" in row  # a report in 2026, the build's year
    href = re.search(r'<span class="kh-evidence">Văn bản: <a href="([^"]+)">Theo Kế hoạch số 07-KH/TW</a>', row).group(1)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(agency_md(BTG)), href))
    assert target.removesuffix(".html") + ".md" in site, target


def test_not_done_says_why(built):
    _, site, ids = built
    row = _row(site[agency_md(BTG)], ids["dropped"])
    assert _attr(row, "data-state") == "khong-thuc-hien"
    assert "Không thực hiện</span>" in row
    assert "Lý do: Trung ương chưa ban hành khung chương trình" in row


def test_a_duty_without_reports_says_so_and_has_no_status(built):
    corpus, site, _ = built
    task = _task(corpus, f"{PLAN}#muc-ii-khoan-2")
    agency = task.assignees[0].agency
    row = _row(site[agency_md(agency)], duty_id(task, agency))
    assert "data-status" not in row and "data-reported" not in row
    assert _attr(row, "data-state") == "qua-han" and "Chưa có báo cáo" in row


def test_every_row_shows_its_own_duty_id_with_a_copy_button(built):
    corpus, site, _ = built
    for agency_id in (BTG, DI_LINH):
        page = site[agency_md(agency_id)]
        rows = re.findall(r'<tr class="kh-duty".*?</tr>', page, re.S)
        expected = sorted(duty_id(t, a.agency) for t in corpus.tasks for a in t.assignees if a.agency == agency_id)
        assert sorted(_attr(r, "data-id") for r in rows) == expected
        for row in rows:
            key = _attr(row, "data-id")
            assert f'<code class="kh-id-code">{key}</code><button type="button" class="kh-copy" data-copy="{key}" hidden>Chép</button>' in row


def test_completion_figures_count_every_state_on_the_build_date(built):
    _, site, _ = built
    page = site[agency_md(BTG)]
    assert 'Đã hoàn thành <strong data-kh-done>1</strong>/3 nhiệm vụ (<span data-kh-rate>33 %</span>)' in page
    counts = dict(re.findall(r'data-count-state="([^"]+)"[^>]*>.*?<strong>(\d+)</strong>', page))
    assert counts == {code: {"thuong-xuyen": "1", "khong-thuc-hien": "1", "hoan-thanh-dung-han": "1"}.get(code, "0") for code in ORDER}
    # a state with none is there for the browser, hidden
    assert '<li class="kh-count-qua-han" data-count-state="qua-han" hidden>' in page
    assert "tính đến ngày <span data-kh-today>23/11/2026</span>" in page
    # what the browser counts again: one entry per kind of duty
    blob = _attr(page[page.index('class="kh-progress"'):], "data-kh-progress")
    assert sorted(blob.split(";")) == sorted([
        "1*once,2022-10-31,,,hoan-thanh,2022-10-20",
        "1*none,,,,khong-thuc-hien,2023-05-02",
        "1*from,,2023-01-01,,dang-thuc-hien,2026-02-01",
    ])


def test_the_state_filter_offers_every_state(built):
    _, site, _ = built
    for page in (site[agency_md(BTG)], site["moc-thoi-gian.md"]):
        select = re.search(r'<select data-filter="state".*?</select>', page, re.S).group(0)
        assert re.findall(r'<option value="([^"]+)">', select) == list(ORDER)
        assert set(ORDER) == set(STATES)


# --- the plan page ------------------------------------------------------------------


def test_plan_page_progress_panel(built):
    corpus, site, ids = built
    page = site[plan_md(PLAN)]
    panel = re.search(r'<section class="kh-progress-panel".*?</section>', page, re.S).group(0)
    n = sum(len(t.assignees) for t in corpus.tasks if t.plan == PLAN)
    assert "Tiến độ thực hiện" in panel
    assert f"Đã hoàn thành <strong data-kh-done>1</strong>/{n} nhiệm vụ" in panel
    # II.2, due 31/10/2022 and not reported by its two bodies: one item, both bodies, links to the paragraph and the pages
    items = re.findall(r'<li class="kh-late".*?</li>', panel, re.S)
    assert len(items) == 1 and "hidden" not in items[0].split(">")[0]
    item = items[0]
    assert 'href="#muc-ii-khoan-2"' in item and "hạn 31/10/2022" in item
    task = _task(corpus, f"{PLAN}#muc-ii-khoan-2")
    for a in task.assignees:
        assert f'href="../{agency_md(a.agency).replace(".md", ".html")}"' in item
        assert f'data-id="{duty_id(task, a.agency)}"' in item
    assert '<strong data-kh-late-count>2</strong>' in panel
    # the completed II.1 is not in the list
    assert "muc-ii-khoan-1" not in panel


def test_plan_panel_lists_duties_not_yet_late_hidden(tmp_path):
    project = _copy(tmp_path)
    _with_records(project)
    corpus, _ = build_corpus(project, project / "content", build_date=date(2022, 10, 15))
    page = emit_site(corpus)[plan_md(PLAN)]
    item = re.search(r'<li class="kh-late"[^>]*>', page).group(0)
    assert item.endswith(" hidden>") and 'data-due="2022-10-31"' in item
    assert '<strong data-kh-late-count>0</strong>' in page


def test_duty_ids_next_to_the_assignees_of_a_paragraph(built):
    corpus, site, _ = built
    page = site[plan_md(PLAN)]
    for task in (t for t in corpus.tasks if t.plan == PLAN):
        for a in task.assignees:
            assert f'<code class="kh-id-code">{duty_id(task, a.agency)}</code>' in page


# --- the timeline ---------------------------------------------------------------------


def test_timeline_rows_carry_each_bodys_report(built):
    corpus, site, ids = built
    page = site["moc-thoi-gian.md"]
    single = _row(page, ids["done"])  # II.1 has one body: the row is its duty
    assert _attr(single, "data-status") == "hoan-thanh" and _attr(single, "data-state") == "hoan-thanh-dung-han"
    task = _task(corpus, f"{PLAN}#muc-ii-khoan-2")
    row = re.search(r'<tr class="kh-duty"[^>]*>(?:(?!</tr>).)*muc-ii-khoan-2"(?:(?!</tr>).)*</tr>', page, re.S).group(0)
    assert "data-id" not in row.split(">")[0]
    holders = re.findall(r'<span class="kh-holder"[^>]*>', row)
    assert [_attr(h, "data-id") for h in holders] == [duty_id(task, a.agency) for a in task.assignees]
    assert _attr(row, "data-state") == "qua-han"
    # the bodies share the row's state: their own badges are hidden
    assert row.count('kh-state kh-state-qua-han" data-pagefind-ignore hidden>') == len(task.assignees)


@pytest.mark.parametrize(
    "pairs, expected",
    [
        ([("lead", "hoan-thanh-dung-han"), ("support", "qua-han")], "hoan-thanh-dung-han"),  # the lead has done it
        ([("assigned", "hoan-thanh-dung-han"), ("assigned", "qua-han")], "qua-han"),  # one of two has not
        ([("lead", "sap-den-han"), ("lead", "qua-han")], "qua-han"),
        ([("support", "thuong-xuyen")], "thuong-xuyen"),
    ],
)
def test_headline(pairs, expected):
    assert headline(pairs) == expected


# --- stable across builds and edits ---------------------------------------------------


def test_pages_are_byte_identical_across_builds(built, tmp_path):
    _, site, _ = built
    project = _copy(tmp_path)
    _with_records(project)
    corpus, _ = build_corpus(project, project / "content", build_date=BUILD)
    again = emit_site(corpus)
    for path in (agency_md(BTG), agency_md(DI_LINH), plan_md(PLAN), "moc-thoi-gian.md"):
        assert again[path] == site[path], path


def test_editing_another_paragraph_keeps_ids_and_progress(tmp_path):
    project = _copy(tmp_path)
    _with_records(project)
    before, _ = build_corpus(project, project / "content", build_date=BUILD)
    path = project / before.plan(PLAN).source.file
    text = path.read_text(encoding="utf-8")
    # a purpose paragraph (I.1) that assigns nothing, rewritten; a sentence added to it
    edited = text.replace("nắm vững các quan điểm", "nắm vững, quán triệt sâu sắc các quan điểm", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    after, report = build_corpus(project, project / "content", build_date=BUILD)
    pairs = lambda c: sorted((duty_id(t, a.agency), t.id, a.agency) for t in c.tasks for a in t.assignees)  # noqa: E731
    assert pairs(after) == pairs(before)
    assert after.progress == before.progress and len(after.progress) == 4
    assert not [d for d in report.sorted() if d.code == "tiến-độ-mồ-côi"]
    page = emit_site(after)[agency_md(BTG)]
    assert "Đã ban hành hướng dẫn tuyên truyền" in page
