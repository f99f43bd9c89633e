"""The follow-up core: duty ids, progress records, orphans and states."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.model import Deadline, ProgressRecord, ProgressReport, Source
from generator.pipeline import build_corpus
from generator.progress import (
    STATES,
    duty_id,
    duty_state,
    normal_id,
    period_start,
    state_of,
    status_code,
)

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 4)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the bundled content/ to edit."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def corpus_of(project: Path, audience: str | None = None):
    return build_corpus(project, project / "content", build_date=TODAY, audience=audience)


def write(project: Path, name: str, text: str) -> Path:
    folder = project / "content" / "tien-do"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(report, file_part: str = "tien-do") -> list[str]:
    return [str(d) for d in report.sorted() if d.source and file_part in d.source.file]


# --- ids ----------------------------------------------------------------------


def test_duty_id_shape_and_determinism():
    a = duty_id("p#muc-i-khoan-1", "org/body")
    assert a == duty_id("p#muc-i-khoan-1", "org/body")
    assert len(a) == 11 and a.startswith("NV-")
    assert set(a[3:]) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert a != duty_id("p#muc-i-khoan-1", "org/other")
    assert a != duty_id("p#muc-i-khoan-2", "org/body")


def test_every_duty_of_the_seeds_has_a_distinct_id(project):
    corpus, report = corpus_of(project)
    ids = [duty_id(t, a.agency) for t in corpus.tasks for a in t.assignees]
    pairs = {(t.id, a.agency) for t in corpus.tasks for a in t.assignees}
    assert len(ids) == len(pairs) == len(set(ids))
    assert not [d for d in report.errors if d.code == "trùng-mã-nhiệm-vụ"]


def test_ids_survive_an_edit_of_another_paragraph(project):
    before, _ = corpus_of(project)
    plan = next(p for p in before.plans if p.id == "binh-phuoc-kh-thuc-hien-38-kl-tw")
    path = project / plan.source.file
    text = path.read_text(encoding="utf-8")
    # the first paragraph of the body (the preamble), not a duty of anyone
    edited = text.replace("nhằm tiếp tục nâng cao vị trí", "nhằm tiếp tục nâng cao hơn nữa vị trí", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    after, _ = corpus_of(project)
    ids = lambda c: sorted(duty_id(t, a.agency) for t in c.tasks for a in t.assignees)  # noqa: E731
    assert ids(before) == ids(after)


def test_normal_id_reads_what_people_type():
    assert normal_id(" nv-4g1hxtvf ") == "NV-4G1HXTVF"
    assert normal_id("NV-4GIHXTVO") == "NV-4G1HXTV0"  # I and O are not in the alphabet


def test_status_words():
    assert status_code("hoan-thanh") == "hoan-thanh"
    assert status_code("Hoàn thành") == "hoan-thanh"
    assert status_code("HOÀN THÀNH") == "hoan-thanh"
    assert status_code("Hoa\u0300n tha\u0300nh") == "hoan-thanh"  # NFD
    assert status_code("Không thực hiện") == "khong-thuc-hien"
    assert status_code("xong") is None
    assert status_code(3) is None


# --- records ------------------------------------------------------------------


def first_duty(corpus):
    task = next(t for t in corpus.tasks if t.deadline.due)
    return task, task.assignees[0].agency


def test_a_report_attaches_and_gives_the_state(project):
    corpus, _ = corpus_of(project)
    task, agency = first_duty(corpus)
    key = duty_id(task, agency)
    write(
        project,
        "a.yml",
        f"""progress:
  - duty: {key.lower()}
    reports:
      - date: {task.deadline.due.isoformat()}
        status: Đang thực hiện
      - date: {task.deadline.due.isoformat()}
        status: hoan-thanh
        result: "Đã tổ chức hội nghị"
        evidence: "Báo cáo số 15-BC/BTGTU ngày 15/10/2022"
""",
    )
    corpus, report = corpus_of(project)
    assert not messages(report)
    record = corpus.progress[key]
    assert [r.status for r in record.reports] == ["dang-thuc-hien", "hoan-thanh"]
    assert record.latest.evidence == "Báo cáo số 15-BC/BTGTU ngày 15/10/2022"
    assert record.latest.source.file == "content/tien-do/a.yml" and record.latest.source.line == 6
    state = state_of(corpus, task, agency)
    assert state.code == "hoan-thanh-dung-han" and state.completed


def test_reports_of_one_duty_from_two_files_merge_and_a_repeat_counts_once(project):
    corpus, _ = corpus_of(project)
    task, agency = first_duty(corpus)
    key = duty_id(task, agency)
    entry = f"""progress:
  - duty: {key}
    reports:
      - date: 2023-01-10
        status: dang-thuc-hien
"""
    write(project, "a.yml", entry)
    write(project, "b.yml", entry + "      - date: 2023-02-10\n        status: hoan-thanh\n")
    corpus, report = corpus_of(project)
    assert not messages(report)
    assert [(r.date, r.status) for r in corpus.progress[key].reports] == [
        (date(2023, 1, 10), "dang-thuc-hien"),
        (date(2023, 2, 10), "hoan-thanh"),
    ]


def test_bad_records_are_named_by_file_and_line_and_the_rest_is_kept(project):
    corpus, _ = corpus_of(project)
    task, agency = first_duty(corpus)
    key = duty_id(task, agency)
    write(
        project,
        "bad.yml",
        f"""progress:
  - duty: {key}
    reports:
      - date: 2023-13-01
        status: dang-thuc-hien
      - date: 2023-03-01
        status: xong
      - date: 2023-03-02
        status: khong-thuc-hien
      - date: 2023-03-03
        status: dang-thuc-hien
        colour: red
      - date: 2023-03-04
        status: dang-thuc-hien
  - duty: "12"
    reports: []
""",
    )
    corpus, report = corpus_of(project)
    found = messages(report)
    assert any(m.startswith("content/tien-do/bad.yml:4: lỗi[ngày-không-hợp-lệ]") for m in found), found
    assert any(m.startswith("content/tien-do/bad.yml:7: lỗi[trạng-thái]") and '"xong"' in m for m in found), found
    assert any(m.startswith("content/tien-do/bad.yml:8: lỗi[thiếu-lý-do]") for m in found), found
    assert any(m.startswith("content/tien-do/bad.yml:12: lỗi[trường-lạ]") and '"colour"' in m for m in found), found
    assert any(m.startswith("content/tien-do/bad.yml:15: lỗi[mã-nhiệm-vụ]") for m in found), found
    assert any(m.startswith("content/tien-do/bad.yml:16: lỗi[thiếu-trường]") for m in found), found
    assert all("Cách sửa:" in m for m in found)
    # the one good report is kept
    assert [r.date for r in corpus.progress[key].reports] == [date(2023, 3, 4)]


def test_a_yaml_error_is_a_message_not_a_traceback(project):
    write(project, "broken.yml", "progress:\n  - duty: NV-12345678\n   reports: [\n")
    _, report = corpus_of(project)
    found = messages(report)
    assert found and all("lỗi[" in m for m in found)


def test_an_orphaned_record_is_reported_with_what_it_was(project):
    write(
        project,
        "orphan.yml",
        """progress:
  - duty: NV-AAAAAAAA
    plan: binh-dinh-kh-thuc-hien-21-nq-tw
    agency: binh-dinh/ban-tuyen-giao
    text: "Một nhiệm vụ đã bị xóa khỏi kế hoạch"
    reports:
      - date: 2023-01-10
        status: dang-thuc-hien
""",
    )
    corpus, report = corpus_of(project)
    found = messages(report)
    assert len(found) == 1 and "cảnh báo[tiến-độ-mồ-côi]" in found[0]
    assert "NV-AAAAAAAA" in found[0] and "binh-dinh-kh-thuc-hien-21-nq-tw" in found[0]
    assert found[0].startswith("content/tien-do/orphan.yml:2:")
    assert "NV-AAAAAAAA" not in corpus.progress


def test_an_orphan_whose_duty_moved_is_told_the_new_id(project):
    corpus, _ = corpus_of(project)
    task, agency = first_duty(corpus)
    quoted = json.dumps(task.text, ensure_ascii=False)  # a JSON string is a YAML string
    write(
        project,
        "moved.yml",
        f"""progress:
  - duty: NV-AAAAAAAA
    plan: {task.plan}
    agency: {agency}
    text: {quoted}
    reports:
      - date: 2023-01-10
        status: dang-thuc-hien
""",
    )
    _, report = corpus_of(project)
    (found,) = messages(report)
    assert duty_id(task, agency) in found


def test_a_record_of_a_secret_plan_is_left_out_without_a_word(project):
    corpus, _ = corpus_of(project)
    task, agency = first_duty(corpus)
    plan_file = project / corpus.plan(task.plan).source.file
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("access: cong-khai", "access: mat", 1), encoding="utf-8")
    key = duty_id(task, agency)
    write(project, "s.yml", f"progress:\n  - duty: {key}\n    reports:\n      - date: 2023-01-10\n        status: hoan-thanh\n")
    shown, report = corpus_of(project, audience="noi-bo")
    assert key not in shown.progress
    assert not messages(report)
    full, _ = corpus_of(project, audience="mat")
    assert key in full.progress


def test_a_record_naming_another_body_is_warned(project):
    corpus, _ = corpus_of(project)
    task, agency = first_duty(corpus)
    write(
        project,
        "w.yml",
        f"progress:\n  - duty: {duty_id(task, agency)}\n    agency: x/y\n    reports:\n      - date: 2023-01-10\n        status: hoan-thanh\n",
    )
    _, report = corpus_of(project)
    (found,) = messages(report)
    assert "tiến-độ-khác-cơ-quan" in found and "x/y" in found


def test_progress_files_are_not_reported_as_stray(project):
    write(project, "x.yml", "progress: []\n")
    _, report = corpus_of(project)
    assert not [d for d in report.diagnostics if d.code == "tệp-bị-bỏ-qua" and "tien-do" in str(d.source)]


# --- states -------------------------------------------------------------------


def rec(*reports: tuple[str, str]) -> ProgressRecord:
    items = tuple(ProgressReport("NV-00000000", date.fromisoformat(d), s, None, None, "lý do" if s == "khong-thuc-hien" else None, Source("f", 1)) for d, s in reports)
    return ProgressRecord("NV-00000000", items, None, None, None, Source("f", 1))


ONCE = Deadline("trước 31/3/2027", "once", due=date(2027, 3, 31))
PAST = Deadline("trước 31/3/2024", "once", due=date(2024, 3, 31))
SOON = Deadline("trước 20/12/2026", "once", due=date(2026, 12, 20))
YEARLY = Deadline("hằng năm", "recurring", recurrence="yearly")
QUARTERLY = Deadline("hằng quý", "recurring", recurrence="quarterly")
NONE = Deadline("", "none")
FROM = Deadline("từ quý I/2027", "from", start=date(2027, 1, 1))


@pytest.mark.parametrize(
    "deadline, record, code",
    [
        (PAST, None, "qua-han"),
        (PAST, rec(("2024-01-01", "dang-thuc-hien")), "qua-han"),
        (PAST, rec(("2024-03-30", "hoan-thanh")), "hoan-thanh-dung-han"),
        (PAST, rec(("2024-04-02", "hoan-thanh")), "hoan-thanh-tre-han"),
        (PAST, rec(("2024-03-30", "hoan-thanh"), ("2024-05-01", "dang-thuc-hien")), "qua-han"),  # reopened
        (PAST, rec(("2024-04-02", "khong-thuc-hien")), "khong-thuc-hien"),
        (SOON, None, "sap-den-han"),
        (ONCE, None, "chua-den-han"),
        (ONCE, rec(("2026-10-01", "dang-thuc-hien")), "dang-thuc-hien"),
        (ONCE, rec(("2026-10-01", "chua-thuc-hien")), "chua-den-han"),
        (YEARLY, None, "thuong-xuyen"),
        (YEARLY, rec(("2026-02-01", "hoan-thanh")), "thuong-xuyen"),
        (NONE, None, "khong-thoi-han"),
        (NONE, rec(("2026-02-01", "dang-thuc-hien")), "dang-thuc-hien"),
        (NONE, rec(("2026-02-01", "hoan-thanh")), "hoan-thanh"),
        (FROM, None, "chua-den-han"),
    ],
)
def test_states(deadline, record, code):
    state = duty_state(deadline, record, TODAY)
    assert state.code == code and state.label == STATES[code]


def test_recurring_duties_say_whether_this_period_is_reported():
    assert duty_state(YEARLY, rec(("2026-02-01", "hoan-thanh")), TODAY).period_reported is True
    assert duty_state(YEARLY, rec(("2025-12-01", "hoan-thanh")), TODAY).period_reported is False
    assert duty_state(QUARTERLY, rec(("2026-09-30", "hoan-thanh")), TODAY).period_reported is False
    assert duty_state(QUARTERLY, rec(("2026-10-01", "hoan-thanh")), TODAY).period_reported is True
    assert duty_state(YEARLY, None, TODAY).period_reported is False


def test_period_start():
    assert period_start("monthly", date(2026, 12, 4)) == date(2026, 12, 1)
    assert period_start("quarterly", date(2026, 5, 31)) == date(2026, 4, 1)
    assert period_start("half-yearly", date(2026, 7, 1)) == date(2026, 7, 1)
    assert period_start("yearly", date(2026, 7, 1)) == date(2026, 1, 1)
    assert period_start(None, date(2026, 7, 1)) == date(2026, 1, 1)
