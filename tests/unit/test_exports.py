"""tasks.json / tasks.csv records and iCalendar feeds from a small plan."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from icalendar import Calendar

from generator.agencies import load_agencies
from generator.calendars import calendar_path, calendars
from generator.diagnostics import Report
from generator.duties import extract_duties
from generator.exports import tasks_csv, tasks_json
from generator.load import load_corpus
from generator.model import Corpus
from tests.unit.test_duties import HEAD, REGISTRY

BODY = """\
## IV. NHIỆM VỤ CỤ THỂ

### 1. Ban Tổ chức Tỉnh ủy

- Chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy hướng dẫn quy trình (quý I/2024).

- Tổng kết mô hình chi bộ (hằng năm).

- Theo dõi việc thực hiện (thực hiện thường xuyên).
"""


def corpus(tmp_path: Path, body: str = BODY) -> Corpus:
    """One plan (``body`` under the registry's test front matter), read and linked."""
    content = tmp_path / "content"
    content.mkdir(parents=True)
    (content / "agencies.yml").write_text(REGISTRY, encoding="utf-8")
    head = HEAD.format(id="p", org="tinh-a").replace("date: null\ndate_note: không ghi", "date: 2023-05-10")
    (content / "p.md").write_text(head + body, encoding="utf-8")
    report = Report()
    plans, orgs = load_corpus(content, tmp_path, report)
    agencies = load_agencies(content / "agencies.yml", "content/agencies.yml", orgs, report)
    tasks, _ = extract_duties(plans, orgs, agencies, report)
    assert report.errors == []
    return Corpus(tuple(plans), orgs, agencies, tuple(tasks), build_date=date(2026, 11, 23))


def test_tasks_json_one_record_per_duty_and_body(tmp_path):
    data = json.loads(tasks_json(corpus(tmp_path)))["tasks"]
    first = data[0]
    assert [(r["agency"], r["role"]) for r in data[:2]] == [("tinh-a/ban-to-chuc", "lead"), ("tinh-a/ban-tuyen-giao", "support")]
    assert first["deadline"] == {"phrase": "quý I/2024", "kind": "once", "due": "2024-03-31", "start": None, "recurrence": None, "condition": None}
    assert first["url"] == "ke-hoach/p.html#muc-iv-khoan-1-gach-1"
    assert first["source"] == {"file": "content/p.md", "line": 19}
    assert first["agency_name"] == "Ban Tổ chức Tỉnh ủy"
    assert len(data) == 4


def test_tasks_csv_opens_in_excel_with_vietnamese(tmp_path):
    raw = tasks_csv(corpus(tmp_path))
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    head = rows[0]
    assert head[:6] == ["Mã văn bản", "Văn bản", "Mã cơ quan", "Cơ quan", "Tổ chức", "Vai trò"]
    first = dict(zip(head, rows[1]))
    assert first["Cơ quan"] == "Ban Tổ chức Tỉnh ủy" and first["Hạn chót"] == "2024-03-31"
    # roles, kinds of deadline and review state in words, where the duty sits in the plan
    assert [dict(zip(head, r))["Vai trò"] for r in rows[1:3]] == ["Chủ trì", "Phối hợp"]
    assert first["Loại thời hạn"] == "Có hạn cụ thể" and first["Đã duyệt"] == "Đã duyệt"
    assert first["Vị trí trong văn bản"] == "Mục IV, khoản 1"


def test_calendars(tmp_path):
    feeds = calendars(corpus(tmp_path), base_url="http://intranet/kehoach/")
    whole = Calendar.from_ical(feeds[calendar_path(None)])
    events = whole.walk("VEVENT")
    # the dated duty for two bodies, and the yearly one; "thường xuyên" has no date
    assert len(events) == 3
    dated = [e for e in events if "RRULE" not in e]
    assert {str(e["UID"]) for e in dated} == {"p#muc-iv-khoan-1-gach-1|tinh-a/ban-to-chuc@kehoach", "p#muc-iv-khoan-1-gach-1|tinh-a/ban-tuyen-giao@kehoach"}
    assert dated[0].decoded("DTSTART") == date(2024, 3, 31)
    assert str(dated[0]["URL"]) == "http://intranet/kehoach/ke-hoach/p.html#muc-iv-khoan-1-gach-1"
    yearly = next(e for e in events if "RRULE" in e)
    assert yearly["RRULE"]["FREQ"] == ["YEARLY"] and yearly.decoded("DTSTART") == date(2023, 5, 10)
    body = Calendar.from_ical(feeds[calendar_path("tinh-a/ban-tuyen-giao")])
    assert len(body.walk("VEVENT")) == 1
    # deterministic: same input, same bytes
    assert calendars(corpus(tmp_path / "again"), base_url="http://intranet/kehoach/") == feeds
