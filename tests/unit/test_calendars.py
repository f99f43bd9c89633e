"""The .ics text written by generator/calendars.py is the text icalendar writes.

calendars.py writes RFC 5545 itself (it is faster); icalendar, a test
dependency, is the reference: the same properties through its objects must
give the same bytes, escaping and line folding included."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from generator.calendars import _RRULE, _calendar, _line, _text, calendar_path, calendars
from generator.links import html_path, plan_md
from generator.model import Corpus
from generator.progress import state_of
from tests.unit.test_exports import corpus as exports_corpus

# Characters that matter to escaping and folding: the escaped ones, the
# backslash and caret kept whole across a fold, 1- to 4-byte UTF-8.
_TRICKY = st.sampled_from(list(",;\\^:\"\n\r") + ["\\N", "\r\n", "ệ", "ủ", "€", "𝔸", "…", " ", "a", "Đ"])
_TEXTS = st.lists(st.one_of(_TRICKY, st.text(min_size=0, max_size=5)), max_size=60).map("".join)


def _ical(prop: str, value) -> bytes:
    event = Event()
    event.add(prop, value)
    return event.to_ical()


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_text_properties_escape_and_fold_as_icalendar(text):
    for prop in ("summary", "description", "uid"):
        assert b"BEGIN:VEVENT\r\n" + _line(prop.upper() + ":" + _text(text)) + b"END:VEVENT\r\n" == _ical(prop, text)
    assert b"BEGIN:VEVENT\r\n" + _line("CATEGORIES:" + _text(text)) + b"END:VEVENT\r\n" == _ical("categories", [text])


@settings(max_examples=200, deadline=None)
@given(_TEXTS.map(lambda s: s.replace("\r", "").replace("\n", "")))
def test_verbatim_values_fold_as_icalendar(text):
    assert b"BEGIN:VEVENT\r\n" + _line("URL:" + text) + b"END:VEVENT\r\n" == _ical("url", text)
    cal = Calendar()
    for prop, value in (("prodid", "-//kehoach//lich nhiem vu//VI"), ("version", "2.0"), ("calscale", "GREGORIAN"), ("x-wr-calname", text)):
        cal.add(prop, value)
    assert _calendar(text, []) == cal.to_ical()


@pytest.mark.parametrize("octets", range(70, 80))
def test_lines_fold_before_the_75th_octet(octets):
    value = "x" * (octets - len("SUMMARY:"))
    folded = _line("SUMMARY:" + value)
    assert folded == _ical("summary", value).removeprefix(b"BEGIN:VEVENT\r\n").removesuffix(b"END:VEVENT\r\n")
    assert (folded.count(b"\r\n ") == 1) == (octets >= 75)
    assert all(len(part) <= 75 for part in folded.split(b"\r\n"))


# --- whole feeds against the icalendar objects calendars.py used to build ---

BODY = """\
## IV. NHIỆM VỤ CỤ THỂ

### 1. Ban Tổ chức Tỉnh ủy

- Chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy hướng dẫn quy trình; rà soát, bổ sung quy chế làm việc của cấp ủy \\ ban thường vụ các cấp trong toàn Đảng bộ tỉnh (quý I/2024).

- Tổng kết mô hình chi bộ (hằng năm).

- Báo cáo kết quả (trước ngày 15 hằng tháng).

- Theo dõi việc thực hiện (thực hiện thường xuyên).
"""


def _corpus(tmp_path: Path) -> Corpus:
    return exports_corpus(tmp_path, BODY)


_RRULE_PARTS = {
    "yearly": {"FREQ": "YEARLY"},
    "half-yearly": {"FREQ": "MONTHLY", "INTERVAL": 6},
    "quarterly": {"FREQ": "MONTHLY", "INTERVAL": 3},
    "monthly": {"FREQ": "MONTHLY"},
    "weekly": {"FREQ": "WEEKLY"},
}


def _reference(corpus: Corpus, base_url: str | None) -> dict[str, bytes]:
    """calendars() as it was written with icalendar (before the text was
    written directly), with a completed duty marked as the issue asks."""
    stamp = datetime(2026, 11, 23, tzinfo=timezone.utc)
    everything, per_agency = [], {}
    for task in corpus.tasks:
        for a in task.assignees:
            d = task.deadline
            plan = corpus.plan(task.plan)
            recurring = d.recurrence in _RRULE_PARTS
            first = d.due or d.start or (plan.date if recurring else None)
            if first is None or not (d.due or recurring):
                continue
            path = html_path(plan_md(task.plan)) + "#" + task.anchor
            agency = corpus.agencies.get(a.agency)
            short = task.text if len(task.text) <= 90 else task.text[:87].rstrip() + "…"
            role_word = {"lead": "chủ trì", "support": "phối hợp", "assigned": "thực hiện"}[a.role]
            where = (base_url.rstrip("/") + "/" + path) if base_url else path
            description = f"{task.text}\n\nThời hạn: {d.phrase}\nVai trò: {role_word}\nVăn bản: {plan.title}\nĐoạn văn: {where}"
            state = state_of(corpus, task, a.agency)
            if state.completed:
                short = "(đã hoàn thành) " + short
                r = state.report
                description += f"\n\nTình hình: {state.label} (báo cáo ngày {r.date:%d/%m/%Y})"
                description += "".join(f"\n{label}: {value}" for label, value in (("Kết quả", r.result), ("Văn bản báo cáo", r.evidence)) if value)
            event = Event()
            event.add("uid", f"{task.id}|{a.agency}@kehoach")
            event.add("dtstamp", stamp)
            event.add("dtstart", first)
            event.add("dtend", first + timedelta(days=1))
            event.add("summary", f"{agency.name if agency else a.agency}: {short}")
            event.add("description", description)
            if state.completed:
                event.add("status", "COMPLETED")
            if base_url:
                event.add("url", where)
            if recurring:
                event.add("rrule", _RRULE_PARTS[d.recurrence] | ({"BYMONTHDAY": d.recurrence_day} if d.recurrence_day else {}))
            event.add("categories", [role_word])
            data = event.to_ical()
            everything.append(data)
            per_agency.setdefault(a.agency, []).append(data)

    def feed(name, events):
        cal = Calendar()
        cal.add("prodid", "-//kehoach//lich nhiem vu//VI")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", name)
        text = cal.to_ical()
        return text[: -len(b"END:VCALENDAR\r\n")] + b"".join(events) + b"END:VCALENDAR\r\n"

    out = {calendar_path(None): feed("Nhiệm vụ theo kế hoạch", everything)}
    for agency_id, agency in corpus.agencies.items():
        out[calendar_path(agency_id)] = feed(f"Nhiệm vụ: {agency.name}", per_agency.get(agency_id, ()))
    return out


@pytest.mark.parametrize("base_url", [None, "http://intranet/kehoach/"])
def test_feeds_are_the_bytes_icalendar_wrote(tmp_path, base_url):
    corpus = _corpus(tmp_path)
    kinds = {t.deadline.recurrence for t in corpus.tasks}
    assert {"yearly", "monthly"} <= kinds and any(t.deadline.recurrence_day for t in corpus.tasks)
    assert set(_RRULE) == set(_RRULE_PARTS)
    assert calendars(corpus, base_url) == _reference(corpus, base_url)
