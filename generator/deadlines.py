"""Deadline phrases: "(quý I/2023)", "(*thực hiện từ năm 2023*)" -> Deadline.

:func:`parse_deadline` reads a deadline phrase into a
:class:`~generator.model.Deadline`.  The phrase is
always kept as written; a phrase that cannot be read comes back as kind
"unknown" so the build can report it, never dropped.

Matching is done on the phrase normalised (NFC, one tone placement, single
spaces, no ``*``) and case-insensitively, so NFD input, "uỷ"/"ủy", "quí"/"quý"
and upper case all read the same.

How the phrases are read (kind, then fields):

- a period ("tháng 10/2022", "quý I/2023", "Quí IV-2025", "quý II năm 2024",
  "6 tháng đầu năm 2023", "31/3/2023", "năm 2024"), optionally after "trong",
  "vào", "chậm nhất", "cuối", "hết" or a verb ("hoàn thành", "thực hiện") ->
  once, due at the end of the period.  ``start`` is set only when the phrase
  names a beginning: a range "Quý IV/2025 - Quý II/2026", "giai đoạn 2021 -
  2025", "nhiệm kỳ 2020 - 2025", "từ tháng 3 đến tháng 6/2023".
- "trước" + a day -> due that day; "trước" + a longer period ("trước tháng
  6/2023", "trước năm 2025") -> due the day before the period begins, which is
  what the words say.
- "từ" + a period -> from, start at its beginning; followed by a yearly review
  ("từ năm 2023, có đánh giá hàng năm") or "và các năm tiếp theo" -> from with
  recurrence "yearly".
- "thường xuyên", "liên tục" -> recurring "ongoing"; "hằng/hàng/mỗi năm, quý,
  tháng, tuần" (with or without "định kỳ") -> "yearly", "quarterly",
  "monthly", "weekly"; "định kỳ 6 tháng", "6 tháng một lần" -> "half-yearly";
  "trước ngày 15 hằng tháng" -> "monthly" with recurrence_day 15; "định kỳ"
  alone -> recurring with recurrence None (the period is not said).
- a day or period of every year: "trước ngày 15/12 hằng năm", "tháng 6 hằng
  năm", "quý IV hằng năm", "Hằng năm, trước ngày 15/12" -> "yearly";
  the day stays in the phrase (``recurrence_day`` would mean a day of every
  month).
- "khi ...", "sau khi ...", "nếu ...", "đột xuất" -> conditional, condition
  from the cue word on; "thực hiện theo ..." or "theo lộ trình/hướng dẫn/quy
  định/... " -> conditional on another document, condition = the whole phrase.
- "phấn đấu đến năm 2030 có trên 65%", "đến năm 2025" -> target, due at the
  end of the period that follows "đến"; "phấn đấu từ năm 2018 - 2020 ..." ->
  target with start and due.
- "X và/hoặc Y", "X; Y", "X, Y" where both halves read ("thực hiện thường xuyên và khi có văn
  bản của Trung ương", "Định kỳ hàng năm hoặc khi có yêu cầu") -> the kind and
  dates of the first part that is not conditional, the condition of the
  conditional part, and every part in ``parts``.  Parts carry their slice of
  the normalised phrase (the whole phrase stays verbatim).
- A period without a year ("quý I", "trước 31/3", "trong năm") takes
  ``today_year`` (the plan's year) when given and is unknown otherwise.
- "trong nhiệm kỳ", "cả nhiệm kỳ" without years -> unknown: the term's end is
  not in the phrase, and an editor should write "nhiệm kỳ 2020 - 2025".
- "đến nay" is not a deadline date ("từ năm 2018 đến nay" -> unknown).

Where in a duty's text its deadline is written (the final parenthesis, a
last clause, an opening schedule) is deadline_places.py.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, NamedTuple

from generator.model import Deadline
from generator.text import normalize, squash_spaces

# --- periods: "quý I/2023", "tháng 10/2022", "31/3/2023", "năm 2024" ----------


class _Span(NamedTuple):
    start: date
    end: date
    ranged: bool  # the phrase names a beginning ("Quý IV/2025 - Quý II/2026")


def _day(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # "31/2/2023", "năm 0000", "tháng 13"
        return None


def _month(year: int | None, first: int, last: int) -> tuple[date, date] | None:
    """Months first..last of a year, as (first day, last day)."""
    if year is None or not (1 <= first <= last <= 12) or not (1 <= year <= 9999):
        return None
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


# ASCII digits only: \d would also take Arabic-Indic or other script digits.
_Y = r"(?P<y>[0-9]{4})"
_YEAR_SEP = r"(?: ?[/.\-–—] ?| năm )"  # "I/2023", "IV-2025", "II năm 2019"
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_COUNT_WORDS = {"ba": 3, "sáu": 6, "chín": 9}


def _year(m: re.Match, today_year: int | None) -> int | None:
    return int(m["y"]) if m["y"] else today_year


def _quarter(m, today_year):
    q = _QUARTERS[m["q"].lower()]
    return _month(_year(m, today_year), 3 * q - 2, 3 * q)


def _calendar_month(m, today_year):
    month = int(m["m"])
    return _month(_year(m, today_year), month, month)


def _months_of_year(m, today_year):
    # "6 tháng đầu năm" is January to June, "6 tháng cuối năm" July to December.
    n = _COUNT_WORDS.get(m["n"].lower()) or int(m["n"])
    if not 1 <= n <= 12:
        return None
    first, last = (1, n) if m["edge"].lower() == "đầu" else (13 - n, 12)
    return _month(_year(m, today_year), first, last)


def _calendar_day(m, today_year):
    day = _day(_year(m, today_year), int(m["m"]), int(m["d"]))
    return (day, day) if day else None


def _whole_year(m, today_year):
    return _month(_year(m, today_year), 1, 12)


# Patterns are matched against text squashed to single spaces, so a space in a
# pattern stands for any run of whitespace in the plan.
_PERIODS = [
    (rf"qu[ýí] (?P<q>iv|i{{1,3}}|[1-4])(?:{_YEAR_SEP}{_Y})?", _quarter),
    (rf"tháng (?P<m>[0-9]{{1,2}})(?:{_YEAR_SEP}{_Y})?", _calendar_month),
    (rf"(?P<n>[0-9]{{1,2}}|ba|sáu|chín) tháng (?P<edge>đầu|cuối) năm(?: {_Y})?", _months_of_year),
    # "31/3/2023", "31-3-2023", "31.3.2023"; without a year only "15/12", so
    # that a numbering such as "1.2" is not read as a date.
    (
        rf"(?:ngày )?(?P<d>[0-9]{{1,2}}) ?(?P<s>[/.-]) ?(?P<m>[0-9]{{1,2}}) ?(?P=s) ?{_Y}",
        _calendar_day,
    ),
    (r"(?:ngày )?(?P<d>[0-9]{1,2}) ?/ ?(?P<m>[0-9]{1,2})(?P<y>)", _calendar_day),
    # "12/2025" (a four-digit year: a month, as in "tháng 10 - 12/2025")
    (rf"(?P<m>[0-9]{{1,2}}) ?/ ?{_Y}", _calendar_month),
    (rf"ngày (?P<d>[0-9]{{1,2}}) tháng (?P<m>[0-9]{{1,2}})(?: năm {_Y})?", _calendar_day),
    (rf"năm(?: {_Y}| nay)?", _whole_year),
]
_PERIODS: list[tuple[re.Pattern, Callable]] = [(re.compile(p, re.I), f) for p, f in _PERIODS]
_BARE_YEAR = re.compile(_Y)  # only as one end of a range: "2021 - 2025"
_DASH = re.compile(r" ?[-–—] ?")
_SPAN_PREFIX = re.compile(r"(?:giai đoạn|nhiệm kỳ|thời kỳ) ", re.I)


def _period(text: str, today_year: int | None, *, bare_year: bool = False):
    for pattern, read in _PERIODS:
        m = pattern.fullmatch(text)
        if m:
            return read(m, today_year)
    m = _BARE_YEAR.fullmatch(text) if bare_year else None
    return _whole_year(m, today_year) if m else None


def _span(text: str, today_year: int | None) -> _Span | None:
    """A period or a range of periods, with its first and last day."""
    text = _SPAN_PREFIX.sub("", text.strip(" ,;:."), count=1)
    single = _period(text, today_year)
    if single:
        return _Span(*single, ranged=False)
    # A range: try each dash, since dashes also sit inside "Quí IV-2025".
    for dash in _DASH.finditer(text):
        last = _period(text[dash.end() :], today_year, bare_year=True)
        first = last and _beginning(text[: dash.start()], last)
        if first:
            return _Span(first[0], last[1], ranged=True)
    return None


def _beginning(text: str, last: tuple[date, date]) -> tuple[date, date] | None:
    """The first period of a range ending with ``last``; without a year of
    its own it takes the year of the end: "tháng 3 - tháng 6/2023"."""
    first = _period(text, None, bare_year=True) or _period(text, last[1].year, bare_year=True)
    return first if first and first[0] <= last[1] else None


# --- readings: a table of phrase patterns and what they mean -------------------

# The verb in front of a phrase adds nothing: "hoàn thành trong tháng 10/2022"
# means "trong tháng 10/2022".
VERB = r"(?:(?:thực hiện|hoàn thành|triển khai|tiến hành|tổ chức)(?: xong)? |xong )?"
# What "theo" may point to when no verb says the duty is carried out by it.
GUIDES = (
    r"(?:lộ trình|kế hoạch|hướng dẫn|quy định|quy chế|tiến độ|yêu cầu|chỉ đạo|nghị quyết"
    r"|nghị định|thông tư|quyết định|văn bản|chương trình|thời gian|lịch)"
)
EVERY = r"(?:hằng|hàng|mỗi)"
_UNIT = r"(?P<unit>năm|quý|quí|tháng|tuần)"
_UNITS = {
    "năm": "yearly",
    "quý": "quarterly",
    "quí": "quarterly",
    "tháng": "monthly",
    "tuần": "weekly",
}


def _conditional(m, text, today_year):
    return Deadline(text, "conditional", condition=m["cond"])


def _per_document(m, text, today_year):
    return Deadline(text, "conditional", condition=text)


def _ongoing(m, text, today_year):
    return Deadline(text, "recurring", recurrence="ongoing")


def _every(m, text, today_year):
    return Deadline(text, "recurring", recurrence=_UNITS[m["unit"].lower()])


def _half_yearly(m, text, today_year):
    return Deadline(text, "recurring", recurrence="half-yearly")


def _periodic(m, text, today_year):
    return Deadline(text, "recurring")  # "định kỳ": the period is not said


def _monthly_on_day(m, text, today_year):
    day = int(m["day"])
    if not 1 <= day <= 31:
        return None
    return Deadline(text, "recurring", recurrence="monthly", recurrence_day=day)


_WHEN_PREFIX = re.compile(r"(?P<cue>trước|vào|chậm nhất(?: là)?|trong|cuối) ", re.I)


def _day_of_year(when: str, today_year: int | None) -> bool:
    """True when ``when`` is a day or period without a year ("ngày 15/12",
    "tháng 6", "quý IV"), optionally after "trước"/"vào"/"trong"."""
    before = False
    if m := _WHEN_PREFIX.match(when):
        before = m["cue"].lower() == "trước"
        when = when[m.end() :]
    if _BARE_YEAR.search(when):
        return False  # "trước ngày 15/12/2025 hằng năm" names one year, not every year
    span = _period(when, 2000)  # a leap year: "29/2" reads
    if not span:
        return False
    last = span[0] - timedelta(days=1) if before and span[0] != span[1] else span[1]
    return last.year == 2000  # "trước tháng 1": the day before is in the year before


def _yearly_on(m, text, today_year):
    # Deadline has no field for a day of the year: the phrase keeps it
    # ("trước ngày 15/12 hằng năm"); recurrence_day would mean every month.
    if not _day_of_year(m["when"], today_year):
        return None
    return Deadline(text, "recurring", recurrence="yearly")


def _every_then_when(m, text, today_year):
    """"Hằng năm, trước ngày 15/12", "hằng tháng (trước ngày 20)": the period
    named first, then the day in it."""
    unit = m["unit"].lower()
    if unit == "năm":
        return _yearly_on(m, text, today_year)
    day = re.fullmatch(r"(?:(?:trước|vào|chậm nhất(?: là)?) )?ngày (?P<day>[0-9]{1,2})", m["when"], re.I)
    if unit == "tháng" and day:
        return _monthly_on_day(day, text, today_year)
    return None


def _from_then(m, text, today_year):
    span = _span(m["p"], today_year)
    unit = m.groupdict().get("unit") or "năm"  # "và các năm tiếp theo": yearly
    if not span:
        return None
    return Deadline(text, "from", start=span.start, recurrence=_UNITS[unit.lower()])


def _from(m, text, today_year):
    span = _span(m["p"], today_year)
    if not span:
        return None
    if span.ranged:  # "từ năm 2018 - 2020" has an end
        return Deadline(text, "once", start=span.start, due=span.end)
    return Deadline(text, "from", start=span.start)


def _from_to(m, text, today_year):
    last = _span(m["b"], today_year)
    if not last:
        return None
    if m["a"].lower() in ("nay", "ngày ký", "ngày ban hành", "ngày ký ban hành"):  # "từ nay đến năm 2025": from the plan's date
        return Deadline(text, "once", due=last.end)
    first = _beginning(m["a"], (last.start, last.end))
    if not first:
        return None
    return Deadline(text, "once", start=first[0], due=last.end)


def _quarterly_on_day(m, text, today_year):
    """ "trước ngày 25 của tháng cuối quý": every quarter, by the 25th of its last month."""
    return Deadline(text, "recurring", recurrence="quarterly", recurrence_day=int(m["day"]))


def _target(m, text, today_year):
    # A goal is a date followed by what is to be reached: "đến năm 2030 có
    # trên 65% ...".  The longest run of leading words that reads as a period
    # is the date.
    words = re.sub(r"^(?:từ )?nay (?:đến|tới) (?:hết |cuối )?", "", m["rest"]).split(" ")  # "phấn đấu từ nay đến năm 2030 ..."
    for count in range(len(words), 0, -1):
        span = _span(" ".join(words[:count]), today_year)
        if span:
            start = span.start if span.ranged else None
            return Deadline(text, "target", start=start, due=span.end)
    return None


def _before(m, text, today_year):
    span = _span(m["p"], today_year)
    if not span or span.start == date.min:
        return None
    if span.start == span.end:  # "trước 31/3/2023": that day is the last
        return Deadline(text, "once", due=span.end)
    return Deadline(text, "once", due=span.start - timedelta(days=1))


def _within(m, text, today_year):
    span = _span(m["p"], today_year)
    if not span:
        return None
    return Deadline(text, "once", start=span.start if span.ranged else None, due=span.end)


_Reader = Callable[[re.Match, str, "int | None"], "Deadline | None"]

# Tried in order against the whole normalised phrase; the first whose handler
# returns a value wins.  Conditions come first because they may contain
# dates of their own; the catch-all period reading comes last.
_RULES = [
    # conditional
    (
        VERB + r"(?:chỉ |ngay )?(?P<cond>(?:sau |ngay )?khi\b.*|nếu\b.*|trong trường hợp\b.*"
        r"|đột xuất)",
        _conditional,
    ),
    (r"(?:thực hiện|triển khai|tiến hành) theo (?!dõi\b).+", _per_document),
    (rf"theo {GUIDES}\b.*", _per_document),
    # "chậm nhất 05 ngày sau khi kết thúc đại hội": on an event's date
    (
        VERB + r"(?:chậm nhất|trong vòng|trong thời hạn|trong) (?:0?[0-9]{1,2}|mười lăm|mười|năm|bảy|ba) ngày(?: làm việc)? "
        r"(?P<cond>(?:sau|kể từ) (?:khi|ngày)\b.*)",
        _conditional,
    ),
    # recurring
    (
        VERB + rf"(?:(?:trước|chậm nhất|vào) )?(?:ngày )?(?P<day>[0-9]{{1,2}}) {EVERY} tháng",
        _monthly_on_day,
    ),
    (
        VERB + rf"(?:(?:trước|chậm nhất|vào) )?(?:ngày )?(?P<day>[0-9]{{1,2}}) (?:của )?tháng cuối (?:{EVERY} )?qu[ýí]",
        _quarterly_on_day,
    ),
    (
        VERB + rf"(?:định kỳ )?{EVERY} (?P<unit>năm|tháng)[,;:]? \(?(?P<when>(?:trước|vào|chậm nhất|trong)\b.+?)\)?",
        _every_then_when,
    ),
    (VERB + rf"(?P<when>.+?),? (?:định kỳ )?{EVERY} năm", _yearly_on),
    (VERB + r"(?:thường xuyên|liên tục)(?:(?:,| và) (?:thường xuyên|liên tục))?", _ongoing),
    (VERB + rf"(?:định kỳ )?{EVERY} {_UNIT}", _every),
    (
        VERB + rf"(?:(?:định kỳ|{EVERY}) (?:6|sáu) tháng(?: (?:một|1) lần)?"
        r"|(?:6|sáu) tháng (?:một|1) lần)",
        _half_yearly,
    ),
    (VERB + r"định kỳ", _periodic),
    # from
    (VERB + r"(?:từ )?(?P<p>.+?),? và (?:các|những) năm tiếp theo", _from_then),
    (
        VERB + r"từ (?P<p>.+?),? (?:có )?(?:đánh giá|sơ kết|tổng kết|báo cáo|kiểm tra)\b"
        rf".* {EVERY} {_UNIT}",
        _from_then,
    ),
    (VERB + r"từ (?P<a>.+?) (?:đến|tới) (?:hết |cuối )?(?P<b>.+)", _from_to),
    (VERB + r"từ (?P<p>.+?)(?: trở đi)?", _from),
    # target
    (
        VERB + r"(?:phấn đấu (?:(?:đến|tới|từ|trong|vào) )?|(?:đến|tới) )"
        r"(?:hết |cuối )?(?P<rest>.+)",
        _target,
    ),
    # once
    (VERB + r"trước (?P<p>.+)", _before),
    (VERB + r"(?:(?:trong|vào|chậm nhất(?: là)?|cuối|hết) )?(?P<p>.+)", _within),
]
_RULES: list[tuple[re.Pattern, _Reader]] = [(re.compile(p, re.I), r) for p, r in _RULES]

# Where a mixed phrase may be cut into parts: "... và khi ...", "... hoặc ...".
_JOINER = re.compile(r"[,;]? (?:và|hoặc) |; ", re.I)
# Tried after the joiners above: "Thường xuyên, hằng năm", "Quý I/2026, quý III/2026".
_COMMA = re.compile(r", ")


def _read_single(text: str, today_year: int | None) -> Deadline | None:
    for pattern, read in _RULES:
        m = pattern.fullmatch(text)
        if m:
            reading = read(m, text, today_year)
            if reading:
                return reading
    return None


def _read(text: str, today_year: int | None) -> Deadline | None:
    whole = _read_single(text, today_year)
    if whole:
        return whole
    # Cut once on the left; the right may be cut again, so this stays quadratic.
    for joiner in [*_JOINER.finditer(text), *_COMMA.finditer(text)]:
        left = _read_single(text[: joiner.start()], today_year)
        right = _read(text[joiner.end() :], today_year) if left else None
        if left and right:
            parts = (left,) + (right.parts or (right,))
            return _combine(text, parts)
    return None


def _combine(text: str, parts: tuple[Deadline, ...]) -> Deadline:
    primary = next((p for p in parts if p.kind != "conditional"), parts[0])
    condition = next((p.condition for p in parts if p.kind == "conditional"), None)
    return replace(primary, phrase=text, condition=condition, parts=parts)


# --- the phrase as written -----------------------------------------------------


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def unwrap_phrase(text: str) -> str:
    """The phrase without surrounding whitespace, parentheses and emphasis:
    "(**thực hiện thường xuyên**)" -> "thực hiện thường xuyên"."""
    text = text.strip()
    while text:
        if text[0] == "(" and text[-1] == ")" and _balanced(text[1:-1]):
            text = text[1:-1].strip()
            continue
        marker = text[0]
        if marker in "*_":
            if set(text) == {marker}:
                return ""
            lead = len(text) - len(text.lstrip(marker))
            trail = len(text) - len(text.rstrip(marker))
            inner = text[lead:-trail] if trail else ""
            # "*a* và *b*" is two emphases, not one round the phrase.
            if lead == trail and marker not in inner:
                text = inner.strip()
                continue
        return text
    return text


def clean_phrase(phrase: str) -> str:
    """The phrase as matched: normalised, no emphasis, single spaces, no
    closing punctuation, even outside a parenthesis: "(quý I/2023)."."""
    text = squash_spaces(normalize(phrase).replace("*", "")).rstrip(" .;:,")
    return unwrap_phrase(text).rstrip(" .;:,")


@lru_cache(maxsize=8192)  # plans repeat their phrases ("quý I/2024", "thường xuyên"); each is read twice
def parse_deadline(phrase: str, *, today_year: int | None = None, leading: bool = False) -> Deadline:
    """Read a deadline phrase; "unknown" (phrase kept) when it cannot be read.
    ``leading``: the phrase stands where a deadline is written (a final
    parenthesis, a "Thời gian" slot or column, markup), so a schedule
    followed by what it is for ("định kỳ hằng tháng trong mùa mưa",
    "định kỳ 6 tháng tổ chức hội nghị") is read by its schedule; in running
    text those words describe the work ("..., định kỳ hàng năm báo cáo ...")."""
    verbatim = unwrap_phrase(phrase)
    text = clean_phrase(verbatim)
    if not text:
        return Deadline(verbatim, "none") if not verbatim else Deadline(verbatim, "unknown")
    reading = _read(text, today_year) or (_read_leading(text, today_year) if leading else None)
    if reading is None:
        return Deadline(verbatim, "unknown")
    return replace(reading, phrase=verbatim)


# A schedule that may be followed by words saying what it is for.
_SCHEDULE_START = re.compile(r"^(?:định kỳ|hằng|hàng|mỗi|thường xuyên|trước ngày|phấn đấu|từ nay|từ ngày)\b", re.I)


def _read_leading(text: str, today_year: int | None) -> Deadline | None:
    if not _SCHEDULE_START.match(text):
        return None
    words = text.split(" ")
    for count in range(len(words) - 1, 1, -1):
        head = " ".join(words[:count]).rstrip(",;:")
        reading = _read_single(head, today_year)
        # a schedule with its unit or its date ("định kỳ hằng tháng", "trước ngày 25 hằng tháng"),
        # not a bare "định kỳ" or "thường xuyên" before a verb ("định kỳ báo cáo ...")
        dated = reading is not None and (reading.due or reading.start or reading.recurrence not in (None, "ongoing"))
        if dated and reading.kind in ("recurring", "once", "target", "from"):
            rest = " ".join(words[count:])
            if re.search(r"(?<!\w)(?:hằng|hàng|mỗi|năm|qu[ýí]|tháng|ngày)(?!\w)|[0-9]", rest, re.I):
                return None  # more dates after it ("trước ngày 15/12/2025 hằng năm"): no one reading
            return reading
    return None
