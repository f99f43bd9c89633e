"""Where a duty's deadline is written, and the phrase cut out of the text.

A duty's deadline is usually written in a parenthesis at the end of its
text: :func:`split_trailing_deadline` cuts that parenthesis off.  Deadlines
outside a final parenthesis (:func:`split_trailing_clause`,
:func:`leading_schedule`, :func:`inner_deadline`): a last clause that reads
as a date ("..., hoàn thành trước ngày 30/6/2026.", "... Thời gian thực
hiện: Quý IV/2025."), a fixed schedule that opens a duty ("Định kỳ hằng năm,
Sở X báo cáo ..."), a deadline inside the text.  Each phrase found is read by
:func:`generator.deadlines.parse_deadline`.
"""

from __future__ import annotations

import re

from generator.deadlines import EVERY, GUIDES, VERB, clean_phrase, parse_deadline, unwrap_phrase


# --- the parenthesis at the end of a duty --------------------------------------

_TIME = r"(?:ngày|tháng|qu[ýí]|năm|giai đoạn|nhiệm kỳ|[0-9]{4}\b|[0-9]{1,2} ?/ ?[0-9]{1,2})"
# A parenthesis that starts like a deadline is one even when it does not read
# ("thực hiện trong quý V/2023"): it is cut off and reported, not left in the
# duty's text.  Bare verbs and prepositions are not enough: "(Hoàn thành tốt
# nhiệm vụ chính trị; ...)", "(trong đó ...)", "(từ 3-4%)" are not deadlines.
_CUE = re.compile(
    r"(?:thực hiện|triển khai|tiến hành) theo (?!dõi\b)"
    + r"|"
    + VERB
    + r"(?:"
    + rf"(?:trước|từ|trong|đến|tới|vào|chậm nhất|cuối|hết) {_TIME}"
    + r"|(?:sau |ngay )?khi\b"
    + rf"|theo {GUIDES}\b"
    + rf"|{EVERY} (?:năm|qu[ýí]|tháng|tuần|ngày)\b"
    + r"|định kỳ\b|thường xuyên\b"
    + r"|qu[ýí] |tháng [0-9]|năm [0-9]|giai đoạn [0-9]"
    + r"|phấn đấu (?:đến|tới|từ|trong) "
    + r")",
    re.I,
)
_SENTENCE_END = ".;:,!?"


def _is_deadline(phrase: str) -> bool:
    if parse_deadline(phrase).kind not in ("unknown", "none"):
        return True
    return bool(_CUE.match(clean_phrase(phrase)))


def _opening(text: str, close: int) -> int | None:
    """Index of the "(" matching the ")" at ``close``."""
    depth = 0
    for i in range(close, -1, -1):
        depth += (text[i] == ")") - (text[i] == "(")
        if depth == 0:
            return i
    return None


def split_trailing_deadline(text: str) -> tuple[str, str | None]:
    """Cut a trailing deadline parenthesis off a duty's text.

    "Tổ chức ... (*thực hiện từ năm 2023*)." -> ("Tổ chức ....", "thực hiện từ
    năm 2023").  Text whose last parenthesis is not a deadline comes back
    unchanged with None.
    """
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _SENTENCE_END):
        end -= 1
    # Emphasis may wrap the parenthesis: "*(thực hiện từ năm 2023)*."
    close = end
    while close and text[close - 1] in "*_":
        close -= 1
    if not close or text[close - 1] != ")":
        return text, None
    opening = _opening(text, close - 1)
    if opening is None:
        return text, None
    phrase = unwrap_phrase(text[opening + 1 : close - 1])
    if not phrase or not _is_deadline(phrase):
        return text, None
    markers = text[close:end]
    begin = opening
    if markers and text[:opening].endswith(markers):
        begin -= len(markers)  # the emphasis round the parenthesis goes with it
    else:
        end = close  # markers closing an emphasis that began earlier stay
    return text[:begin].rstrip() + text[end:].strip(), phrase


# --- deadlines outside a final parenthesis -------------------------------------

# A last clause that is a date: it must open with one of these words and read
# whole, so that "..., đánh giá, xếp loại đảng viên hàng năm." stays text.
_CLAUSE_CUE = re.compile(
    r"(?:hoàn thành|xong|trước|chậm nhất|trong (?:năm|quý|quí|tháng|giai đoạn)|định kỳ|hằng|hàng|mỗi"
    r"|năm [0-9]|qu[ýí] |tháng [0-9]|giai đoạn [0-9])",
    re.I,
)
# "Thời gian thực hiện: Quý IV/2025", "Thời hạn hoàn thành: trước 30/6/2026"
_TIME_LABEL = re.compile(r"(?:thời gian|thời hạn)(?: (?:thực hiện|hoàn thành|báo cáo|triển khai))?\s*:\s*", re.I)
_DATE_CUE = re.compile(
    r"(?<!\w)(?:(?:hoàn thành |xong )?(?:trước|chậm nhất)(?= ngày | [0-9])|trong (?=quý |quí |tháng [0-9]|năm [0-9])"
    # "khi có hướng dẫn của Trung ương": a condition on another's act; "khi có yêu cầu", "khi có vi phạm" are not
    r"|(?P<cond>(?:sau |ngay )?khi (?:có |được )?(?:(?:các )?(?:hướng dẫn|quy định|văn bản|chỉ đạo|cơ chế|quyết định|kế hoạch)\b|trung ương|tỉnh ủy|tỉnh uỷ)))",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;.]\s+|(?<![0-9])\s+[-–]\s+(?![0-9])")
_SENTENCE_BREAK = re.compile(r"[;.]\s+")


def _reads_as_date(phrase: str, today_year: int | None) -> bool:
    return parse_deadline(phrase, today_year=today_year).kind not in ("unknown", "none", "conditional")


def split_trailing_clause(text: str, *, today_year: int | None = None) -> str | None:
    """A deadline written at the end of a duty's sentence, not in a
    parenthesis: "Xây dựng đề án, hoàn thành trước ngày 30/6/2026." ->
    "hoàn thành trước ngày 30/6/2026"; "... gửi báo cáo trước ngày 15/12
    hằng năm." -> "trước ngày 15/12 hằng năm"; "... Thời gian thực hiện: Quý
    IV/2025." -> "Quý IV/2025"; "... khi có hướng dẫn của Trung ương." ->
    that condition.  None otherwise.  The duty's text keeps these words:
    they are part of its sentence."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in ".;,/"):
        end -= 1
    body = text[:end]
    labels = list(_TIME_LABEL.finditer(body))
    if labels:
        phrase = body[labels[-1].end() :].strip()
        if phrase and parse_deadline(phrase, today_year=today_year).kind != "none":
            return phrase
    breaks = list(_CLAUSE_BREAK.finditer(body))
    if breaks:
        phrase = body[breaks[-1].end() :].strip()
        if _CLAUSE_CUE.match(clean_phrase(phrase)) and _reads_as_date(phrase, today_year):
            return phrase
    # a date after "trước", "chậm nhất", "trong" or a condition on another's
    # act ends the sentence without a comma
    sentences = list(_SENTENCE_BREAK.finditer(body))
    after = sentences[-1].end() if sentences else 0
    for cue in reversed(list(_DATE_CUE.finditer(body, after))):
        phrase = body[cue.start() :].strip()
        if cue["cond"]:
            if parse_deadline(phrase, today_year=today_year).kind == "conditional":
                return phrase
        elif _reads_as_date(phrase, today_year):
            return phrase
    return None


# A deadline inside a duty's sentence rather than at its end: "... hoàn thành
# trong tháng 12/2024; xây dựng kế hoạch ...", "... (*quý IV/2024*); theo dõi ...",
# "... định kỳ hằng tháng tổng hợp tiến độ ...".
# Only words that date a duty: "hằng năm", "thường xuyên", "định kỳ (hằng
# năm)" inside a sentence describe how the work is done ("đánh giá xếp loại
# đảng viên hàng năm", "theo dõi, định kỳ báo cáo"), as the reviewed plans read them.
_INNER_CUE = re.compile(
    r"(?<!\w)(?:hoàn thành (?:trước|trong|xong)|trước ngày [0-9]|chậm nhất|từ nay (?:đến|tới)|từ ngày ký|"
    r"phấn đấu (?:đến|tới|từ nay)|trong (?:quý|quí) [IV]|trong (?:tháng|năm) [0-9])",
    re.I,
)
_INNER_END = re.compile(r"[,;.)]\s|[,;.)]$|\s\(")


def inner_deadline(text: str, *, today_year: int | None = None) -> str | None:
    """The first deadline written inside the duty's text: a parenthesis that
    is one, else a phrase that opens with a schedule's words, up to the next
    comma, semicolon or full stop.  The words stay in the duty's text."""
    for m in re.finditer(r"\(([^()]{3,80})\)", text):
        inner = m.group(1)
        if _is_deadline(inner) and parse_deadline(inner, today_year=today_year).kind not in ("unknown", "none"):
            return unwrap_phrase(inner)
    for cue in _INNER_CUE.finditer(text):
        end = _INNER_END.search(text, cue.end())
        phrase = text[cue.start() : end.start() if end else len(text)].strip(" *_")
        reading = parse_deadline(phrase, today_year=today_year)
        if reading.kind not in ("unknown", "none") and not reading.condition:  # "định kỳ hằng năm hoặc khi có yêu cầu": no fixed date
            return phrase
    return None


_OPENING = re.compile(r"\s*(?P<phrase>[^,:;()]{3,60}?)\s*[,:]\s+(?=\S)")
_OPENING_CUE = re.compile(r"(?:định kỳ|hằng|hàng|mỗi|trong (?:năm|quý|quí|tháng)|trước|chậm nhất|từ|qu[ýí] |tháng [0-9]|năm [0-9])", re.I)


def leading_schedule(text: str, *, today_year: int | None = None) -> tuple[str, int] | None:
    """A fixed schedule that opens a duty, before a comma: "Định kỳ hằng năm,
    Sở X báo cáo ..." -> ("Định kỳ hằng năm", offset after the comma).

    Only a schedule that reads whole and has no condition: "Định kỳ hàng năm
    hoặc khi có yêu cầu, tổ chức sơ kết ..." is left to the text (an
    on-demand alternative is no fixed date to put in a calendar)."""
    m = _OPENING.match(text)
    if not m or not _OPENING_CUE.match(clean_phrase(m["phrase"])):
        return None
    reading = parse_deadline(m["phrase"], today_year=today_year)
    if reading.kind not in ("recurring", "once", "from") or reading.condition:
        return None
    return m["phrase"], m.end()
