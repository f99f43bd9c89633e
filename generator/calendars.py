"""iCalendar feeds: data/lich/tat-ca.ics for the corpus and one per body.

All-day events on due dates; recurring duties become recurring events when
the recurrence and a first date are known.  DTSTAMP is the configured build
date, so two builds of the same input are identical.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from .links import html_path, plan_md
from .model import Corpus, Task

_RRULE = {
    "yearly": {"FREQ": "YEARLY"},
    "half-yearly": {"FREQ": "MONTHLY", "INTERVAL": 6},
    "quarterly": {"FREQ": "MONTHLY", "INTERVAL": 3},
    "monthly": {"FREQ": "MONTHLY"},
    "weekly": {"FREQ": "WEEKLY"},
}


def calendar_path(agency_id: str | None) -> str:
    return "data/lich/tat-ca.ics" if agency_id is None else f"data/lich/{agency_id.replace('/', '--')}.ics"


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


def _event(task: Task, agency_id: str, role: str, corpus: Corpus, base_url: str | None, stamp: datetime) -> Event | None:
    d = task.deadline
    first = _first_date(task, corpus)
    recurring = d.recurrence in _RRULE
    if first is None or not (d.due or recurring):
        return None
    agency = corpus.agencies.get(agency_id)
    plan = corpus.plan(task.plan)
    path = html_path(plan_md(task.plan)) + "#" + task.anchor
    event = Event()
    event.add("uid", f"{task.id}|{agency_id}@kehoach")
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    name = agency.name if agency else agency_id
    short = task.text if len(task.text) <= 90 else task.text[:87].rstrip() + "…"
    event.add("summary", f"{name}: {short}")
    role_word = {"lead": "chủ trì", "support": "phối hợp", "assigned": "thực hiện"}[role]
    where = (base_url.rstrip("/") + "/" + path) if base_url else path
    event.add(
        "description",
        f"{task.text}\n\nThời hạn: {d.phrase}\nVai trò: {role_word}\nVăn bản: {plan.title}\nĐoạn văn: {where}",
    )
    if base_url:
        event.add("url", where)
    if recurring:
        event.add("rrule", _RRULE[d.recurrence] | ({"BYMONTHDAY": d.recurrence_day} if d.recurrence_day else {}))
    event.add("categories", [role_word])
    return event


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//kehoach//lich nhiem vu//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def calendars(corpus: Corpus, base_url: str | None = None) -> dict[str, bytes]:
    built = corpus.build_date or date(2000, 1, 1)
    stamp = datetime(built.year, built.month, built.day, tzinfo=timezone.utc)
    # Each event is serialised once and its bytes go into both calendars:
    # icalendar's line folding is the slowest step of the pipeline, and
    # Calendar.to_ical() would fold every event twice.
    everything: list[bytes] = []
    per_agency: dict[str, list[bytes]] = {}
    for task in corpus.tasks:
        for assignment in task.assignees:
            event = _event(task, assignment.agency, assignment.role, corpus, base_url, stamp)
            if event is None:
                continue
            data = event.to_ical()
            everything.append(data)
            per_agency.setdefault(assignment.agency, []).append(data)
    out = {calendar_path(None): _with_events(_calendar("Nhiệm vụ theo kế hoạch"), everything)}
    for agency_id, agency in corpus.agencies.items():
        out[calendar_path(agency_id)] = _with_events(_calendar(f"Nhiệm vụ: {agency.name}"), per_agency.get(agency_id, ()))
    return out


def _with_events(calendar: Calendar, events) -> bytes:
    """``calendar`` serialised with already serialised VEVENTs inside."""
    end = b"END:VCALENDAR\r\n"
    text = calendar.to_ical()
    return text[: -len(end)] + b"".join(events) + end
