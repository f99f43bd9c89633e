"""iCalendar feeds: data/lich/tat-ca.ics for the corpus and one per body.

All-day events on due dates; recurring duties become recurring events when
the recurrence and a first date are known.  DTSTAMP is the configured build
date, so two builds of the same input are identical.  A duty its body reports
completed (content/tien-do/) is marked so: STATUS:COMPLETED, "(đã hoàn thành)"
in its summary (most clients show no status), and the report's date,
result and evidence in its description.

The text is written here rather than through the icalendar package: building
its objects and folding their lines was a quarter of the pipeline's time.  The
format needed is small (RFC 5545: CRLF lines, TEXT escaping, 75-octet
folding), and the bytes are the ones icalendar 7 wrote, property order
included (tests/unit/test_calendars.py compares the two).
"""

from __future__ import annotations

from datetime import date, timedelta

from . import labels
from .links import html_path, plan_md
from .model import Corpus, Task
from .progress import state_of
from .render import vn_date

# RRULE values, parts in RFC 5545's (and icalendar's) order: FREQ, INTERVAL, BYMONTHDAY.
_RRULE = {
    "yearly": "FREQ=YEARLY",
    "half-yearly": "FREQ=MONTHLY;INTERVAL=6",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "monthly": "FREQ=MONTHLY",
    "weekly": "FREQ=WEEKLY",
}

_ROLE_WORDS = {"lead": "chủ trì", "support": "phối hợp", "assigned": "thực hiện"}


def calendar_path(agency_id: str | None) -> str:
    return "data/lich/tat-ca.ics" if agency_id is None else f"data/lich/{agency_id.replace('/', '--')}.ics"


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 asks (and in icalendar's order:
    a literal ``\\N`` is a line break; every line ending becomes ``\\n``)."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _line(line: str) -> bytes:
    """One content line, folded, with its CRLF.

    Folded before a character that would make the line reach 75 octets (so
    at most 74 octets, then a CRLF and a space), never inside a UTF-8
    sequence, and a trailing backslash or caret moves to the next line so
    that an escape is not split (what icalendar does, for old clients)."""
    raw = line.encode("utf-8")
    if len(raw) < 75:
        return raw + b"\r\n"
    parts = []
    start = 0
    while len(raw) - start >= 75:
        end = start + 74
        while raw[end] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
            end -= 1
        if raw[end - 1] in b"\\^":
            end -= 1
        parts.append(raw[start:end])
        start = end
    parts.append(raw[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def _date(d: date) -> str:
    return f"{d.year:04}{d.month:02}{d.day:02}"


def _first_date(task: Task, corpus: Corpus) -> date | None:
    d = task.deadline
    if d.due:
        return d.due
    if d.start:
        return d.start
    if d.recurrence in _RRULE:
        plan = corpus.plan(task.plan)
        return plan.date
    return None


def _event(task: Task, agency_id: str, role: str, corpus: Corpus, base_url: str | None, stamp: str) -> bytes | None:
    d = task.deadline
    first = _first_date(task, corpus)
    recurring = d.recurrence in _RRULE
    if first is None or not (d.due or recurring):
        return None
    agency = corpus.agencies.get(agency_id)
    plan = corpus.plan(task.plan)
    path = html_path(plan_md(task.plan)) + "#" + task.anchor
    name = agency.name if agency else agency_id
    text = labels.duty_text(task.text)  # the plan's footnote marks stay on the plan page
    short = text if len(text) <= 90 else text[:87].rstrip() + "…"
    state = state_of(corpus, task, agency_id) if corpus.progress else None
    done = state is not None and state.completed
    if corpus.unreviewed(task, agency_id):
        short = "(chưa duyệt) " + short
    if done:
        short = "(đã hoàn thành) " + short
    role_word = _ROLE_WORDS[role]
    where = (base_url.rstrip("/") + "/" + path) if base_url else path
    description = f"{text}\n\nThời hạn: {d.phrase}\nVai trò: {role_word}\nVăn bản: {plan.title}\nĐoạn văn: {where}"
    if done:
        description += _completion(state)
    out = [
        b"BEGIN:VEVENT\r\n",
        _line("SUMMARY:" + _text(f"{name}: {short}")),
        b"DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n" % (_date(first).encode(), _date(first + timedelta(days=1)).encode()),
        stamp.encode(),
        _line("UID:" + _text(f"{task.id}|{agency_id}@kehoach")),
    ]
    if recurring:
        out.append(_line("RRULE:" + _RRULE[d.recurrence] + (f";BYMONTHDAY={d.recurrence_day}" if d.recurrence_day else "")))
    out.append(_line("CATEGORIES:" + _text(role_word)))
    out.append(_line("DESCRIPTION:" + _text(description)))
    if done:
        out.append(b"STATUS:COMPLETED\r\n")  # after DESCRIPTION: icalendar's order
    if base_url:
        out.append(_line("URL:" + where))  # a URI value: not escaped
    out.append(b"END:VEVENT\r\n")
    return b"".join(out)


def _completion(state) -> str:
    """What the description adds for a completed duty: the state, the day it
    was reported, the result and the report that says so."""
    report = state.report
    lines = [f"\n\nTình hình: {state.label} (báo cáo ngày {vn_date(report.date)})"]
    if report.result:
        lines.append(f"Kết quả: {report.result}")
    if report.evidence:
        lines.append(f"Văn bản báo cáo: {report.evidence}")
    return "\n".join(lines)


def _calendar_pieces(name: str, events) -> list[bytes]:
    # X-WR-CALNAME is written verbatim, as icalendar 7 wrote it (an unknown
    # property to it; clients read the comma in "huyện ủy, thị ủy" either
    # way), with only line breaks escaped so that the line stays one line.
    calname = name.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    head = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kehoach//lich nhiem vu//VI\r\nCALSCALE:GREGORIAN\r\n" + _line("X-WR-CALNAME:" + calname)
    return [head, *events, b"END:VCALENDAR\r\n"]


def calendar_pieces(corpus: Corpus, base_url: str | None = None) -> dict[str, list[bytes]]:
    """Every calendar as the pieces of its text: each event's bytes are made
    once and shared by the calendar of everything and those of its bodies,
    and no calendar is ever joined into one string in memory."""
    built = corpus.build_date or date(2000, 1, 1)
    stamp = f"DTSTAMP:{_date(built)}T000000Z\r\n"  # midnight UTC of the build date
    everything: list[bytes] = []
    per_agency: dict[str, list[bytes]] = {}
    for task in corpus.tasks:
        for assignment in task.assignees:
            data = _event(task, assignment.agency, assignment.role, corpus, base_url, stamp)
            if data is None:
                continue
            everything.append(data)
            per_agency.setdefault(assignment.agency, []).append(data)
    out = {calendar_path(None): _calendar_pieces("Nhiệm vụ theo kế hoạch", everything)}
    for agency_id, agency in corpus.agencies.items():
        out[calendar_path(agency_id)] = _calendar_pieces(f"Nhiệm vụ: {agency.name}", per_agency.get(agency_id, ()))
    return out


def calendars(corpus: Corpus, base_url: str | None = None) -> dict[str, bytes]:
    return {path: b"".join(pieces) for path, pieces in calendar_pieces(corpus, base_url).items()}


def _calendar(name: str, events) -> bytes:
    return b"".join(_calendar_pieces(name, events))
