"""Exports carry the follow-up: every record of tasks.json / tasks.csv and of a
body's .csv/.xlsx has the duty's id, its state on the build date and the
latest report; an .ics event of a completed duty says so.

The corpus is built by the pipeline from files in a temporary project (a
plan, the registry, content/tien-do/), as a real build reads them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from icalendar import Calendar
from openpyxl import load_workbook

from generator.calendars import calendar_path, calendar_pieces, calendars
from generator.exports import FIELDS, agency_csv, agency_records, agency_xlsx, tasks_csv, tasks_csv_pieces, tasks_json, tasks_json_pieces
from generator.pipeline import build_corpus
from generator.progress import duty_id
from tests.unit.test_calendars import _reference
from tests.unit.test_duties import HEAD, REGISTRY
from tests.unit.test_exports import BODY

BUILD = date(2026, 11, 23)
LEAD = "tinh-a/ban-to-chuc"
SUPPORT = "tinh-a/ban-tuyen-giao"


def _project(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir(parents=True)
    (content / "agencies.yml").write_text(REGISTRY, encoding="utf-8")
    head = HEAD.format(id="p", org="tinh-a").replace("date: null\ndate_note: không ghi", "date: 2023-05-10")
    (content / "p.md").write_text(head + BODY, encoding="utf-8")
    return content


def _ids(tmp_path: Path) -> dict[str, str]:
    """(short name) -> duty id, read from a first build without progress."""
    corpus, _ = build_corpus(tmp_path, tmp_path / "content", build_date=BUILD)
    dated, yearly, ongoing = corpus.tasks
    return {
        "dated-lead": duty_id(dated, LEAD),
        "dated-support": duty_id(dated, SUPPORT),
        "yearly": duty_id(yearly, LEAD),
        "ongoing": duty_id(ongoing, LEAD),
    }


def corpus_with_progress(tmp_path: Path):
    content = _project(tmp_path)
    ids = _ids(tmp_path)
    (content / "tien-do").mkdir()
    (content / "tien-do" / "ban-to-chuc.yml").write_text(
        f"""\
progress:
  - duty: {ids["dated-lead"]}
    reports:
      - date: 2024-01-10
        status: dang-thuc-hien
        result: "Đã dự thảo hướng dẫn"
      - date: 2024-03-20
        status: Hoàn thành
        result: "Đã ban hành Hướng dẫn số 05-HD/BTCTU; quy trình gửi các cấp ủy"
        evidence: "Báo cáo số 15-BC/BTCTU ngày 20/3/2024"
  - duty: {ids["yearly"]}
    reports:
      - date: 2026-02-01
        status: dang-thuc-hien
        result: "Đã tổng kết 3 mô hình"
  - duty: {ids["ongoing"]}
    reports:
      - date: 2025-06-01
        status: khong-thuc-hien
        reason: "Nhiệm vụ đã chuyển cho Văn phòng Tỉnh ủy"
""",
        encoding="utf-8",
    )
    corpus, report = build_corpus(tmp_path, content, build_date=BUILD)
    assert report.errors == [] and not [d for d in report.warnings if d.code.startswith("tiến-độ")]
    assert len(corpus.progress) == 3
    return corpus, ids


def test_tasks_json_has_id_state_and_latest_report(tmp_path):
    corpus, ids = corpus_with_progress(tmp_path)
    data = json.loads(tasks_json(corpus))
    assert data["as_of"] == "2026-11-23"
    by_id = {r["id"]: r for r in data["tasks"]}
    assert set(by_id) == set(ids.values())  # every duty of every body, each with its own id
    done = by_id[ids["dated-lead"]]
    assert done["state"] == {"code": "hoan-thanh-dung-han", "label": "Hoàn thành đúng hạn", "period_reported": None}
    assert done["report"] == {
        "date": "2024-03-20",
        "status": "hoan-thanh",
        "status_label": "Hoàn thành",
        "result": "Đã ban hành Hướng dẫn số 05-HD/BTCTU; quy trình gửi các cấp ủy",
        "evidence": "Báo cáo số 15-BC/BTCTU ngày 20/3/2024",
        "evidence_url": None,  # the report is in neither the corpus nor the registry
        "reason": None,
        "reports": 2,
    }
    # the other body of the same duty reported nothing: its due date (31/3/2024) has passed
    late = by_id[ids["dated-support"]]
    assert late["state"]["code"] == "qua-han" and late["report"] is None
    yearly = by_id[ids["yearly"]]
    assert yearly["state"] == {"code": "thuong-xuyen", "label": "Thường xuyên", "period_reported": True}
    assert by_id[ids["ongoing"]]["state"]["code"] == "khong-thuc-hien"
    assert by_id[ids["ongoing"]]["report"]["reason"] == "Nhiệm vụ đã chuyển cho Văn phòng Tỉnh ủy"


def test_tasks_csv_has_the_follow_up_columns_in_vietnamese(tmp_path):
    corpus, ids = corpus_with_progress(tmp_path)
    rows = list(csv.reader(io.StringIO(tasks_csv(corpus).decode("utf-8-sig"))))
    head = rows[0]
    assert head == FIELDS
    # the earlier columns keep their places (a sheet reading them by position still works)
    assert head[:16] == ["Mã văn bản", "Văn bản", "Mã cơ quan", "Cơ quan", "Tổ chức", "Vai trò", "Nhiệm vụ", "Vị trí trong văn bản",
                         "Thời hạn (nguyên văn)", "Loại thời hạn", "Hạn chót", "Bắt đầu", "Đường dẫn", "Tệp nguồn", "Dòng", "Đã duyệt"]
    assert head[16:] == ["Mã nhiệm vụ", "Trạng thái", "Ngày báo cáo gần nhất", "Tình hình báo cáo", "Kết quả", "Văn bản báo cáo", "Lý do không thực hiện"]
    by_id = {r["Mã nhiệm vụ"]: r for r in (dict(zip(head, row)) for row in rows[1:])}
    done = by_id[ids["dated-lead"]]
    assert (done["Trạng thái"], done["Ngày báo cáo gần nhất"], done["Tình hình báo cáo"]) == ("Hoàn thành đúng hạn", "2024-03-20", "Hoàn thành")
    assert done["Kết quả"] == "Đã ban hành Hướng dẫn số 05-HD/BTCTU; quy trình gửi các cấp ủy"
    assert done["Văn bản báo cáo"] == "Báo cáo số 15-BC/BTCTU ngày 20/3/2024"
    late = by_id[ids["dated-support"]]
    assert (late["Trạng thái"], late["Ngày báo cáo gần nhất"], late["Kết quả"]) == ("Quá hạn", "", "")
    assert by_id[ids["yearly"]]["Trạng thái"] == "Thường xuyên (kỳ này đã báo cáo)"
    assert by_id[ids["ongoing"]]["Lý do không thực hiện"] == "Nhiệm vụ đã chuyển cho Văn phòng Tỉnh ủy"


def test_pieces_are_the_whole_file_and_builds_are_identical(tmp_path):
    corpus, _ = corpus_with_progress(tmp_path / "a")
    assert b"".join(tasks_csv_pieces(corpus, rows_per_piece=1)) == tasks_csv(corpus)
    assert "".join(tasks_json_pieces(corpus)) == tasks_json(corpus)
    assert {p: b"".join(x) for p, x in calendar_pieces(corpus).items()} == calendars(corpus)
    again, _ = corpus_with_progress(tmp_path / "b")
    assert tasks_csv(again) == tasks_csv(corpus) and tasks_json(again) == tasks_json(corpus) and calendars(again) == calendars(corpus)


def test_body_spreadsheet_and_csv_carry_the_same_columns(tmp_path):
    corpus, ids = corpus_with_progress(tmp_path)
    held = [t for t in corpus.tasks if any(a.agency == LEAD for a in t.assignees)]
    records = agency_records(corpus, LEAD, held)
    rows = list(csv.reader(io.StringIO(agency_csv(corpus, records).decode("utf-8-sig"))))
    assert rows[0] == FIELDS and {dict(zip(FIELDS, r))["Mã nhiệm vụ"] for r in rows[1:]} == {ids["dated-lead"], ids["yearly"], ids["ongoing"]}
    book = load_workbook(io.BytesIO(agency_xlsx(corpus, records, "Nhiệm vụ: Ban Tổ chức Tỉnh ủy")))
    sheet = book.active
    head = [c.value for c in sheet[1]]
    assert head == FIELDS
    cells = {row[head.index("Mã nhiệm vụ")]: dict(zip(head, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    done = cells[ids["dated-lead"]]
    assert done["Trạng thái"] == "Hoàn thành đúng hạn" and done["Văn bản báo cáo"] == "Báo cáo số 15-BC/BTCTU ngày 20/3/2024"
    assert done["Ngày báo cáo gần nhất"].date() == date(2024, 3, 20)  # a date, not text
    column = sheet.cell(row=1, column=head.index("Ngày báo cáo gần nhất") + 1).column_letter
    assert sheet[f"{column}2"].number_format == "DD/MM/YYYY"
    assert cells[ids["ongoing"]]["Ngày báo cáo gần nhất"].date() == date(2025, 6, 1)


def test_ics_marks_completed_duties_with_their_evidence(tmp_path):
    corpus, ids = corpus_with_progress(tmp_path)
    feeds = calendars(corpus, base_url="http://intranet/kehoach/")
    events = Calendar.from_ical(feeds[calendar_path(None)]).walk("VEVENT")
    by_uid = {str(e["UID"]): e for e in events}
    done = by_uid["p#muc-iv-khoan-1-gach-1|tinh-a/ban-to-chuc@kehoach"]
    assert str(done["STATUS"]) == "COMPLETED"
    assert str(done["SUMMARY"]).startswith("Ban Tổ chức Tỉnh ủy: (đã hoàn thành) Chủ trì")
    description = str(done["DESCRIPTION"])
    assert "Tình hình: Hoàn thành đúng hạn (báo cáo ngày 20/03/2024)" in description
    assert "Văn bản báo cáo: Báo cáo số 15-BC/BTCTU ngày 20/3/2024" in description
    assert "Kết quả: Đã ban hành Hướng dẫn số 05-HD/BTCTU; quy trình gửi các cấp ủy" in description
    # the other body's event of the same duty, and a recurring one in progress: not completed
    assert "STATUS" not in by_uid["p#muc-iv-khoan-1-gach-1|tinh-a/ban-tuyen-giao@kehoach"]
    assert all("STATUS" not in e for e in events if "RRULE" in e)
    assert sum("STATUS" in e for e in events) == 1
    # the body's own feed has the same event, and the bytes are those icalendar writes
    body = Calendar.from_ical(feeds[calendar_path(LEAD)]).walk("VEVENT")
    assert [str(e["STATUS"]) for e in body if "STATUS" in e] == ["COMPLETED"]
    for base_url in (None, "http://intranet/kehoach/"):
        assert calendars(corpus, base_url) == _reference(corpus, base_url)
