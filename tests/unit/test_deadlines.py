"""Deadline phrases: phrase -> (kind, due, start, recurrence, recurrence_day,
condition), and the trailing parenthesis cut off a duty's text."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.deadline_places import split_trailing_deadline
from generator.deadlines import parse_deadline
from generator.text import normalize

D = date
ONGOING = ("recurring", None, None, "ongoing", None, None)


def once(due, start=None):
    return ("once", due, start, None, None, None)


def since(start, recurrence=None):
    return ("from", None, start, recurrence, None, None)


def every(recurrence, day=None):
    return ("recurring", None, None, recurrence, day, None)


def conditional(condition):
    return ("conditional", None, None, None, None, condition)


def target(due, start=None):
    return ("target", due, start, None, None, None)


UNKNOWN = ("unknown", None, None, None, None, None)

# Every deadline parenthesis of the four seeds (lines joined with single
# spaces, emphasis as written), then the other forms plans use.
SEED_PHRASES = [
    ("(hoàn thành trong tháng 10/2022)", once(D(2022, 10, 31))),
    ("(*thực hiện từ năm 2023*)", since(D(2023, 1, 1))),
    ("(*sau khi có quy định, hướng dẫn của Trung ương*)", conditional("sau khi có quy định, hướng dẫn của Trung ương")),
    ("(*thực hiện từ quý II năm 2019*)", since(D(2019, 4, 1))),
    ("(**thực hiện từ quý II năm 2019**)", since(D(2019, 4, 1))),
    ("(*thực hiện thường xuyên*)", ONGOING),
    ("(**thực hiện thường xuyên**)", ONGOING),
    ("(*Thực hiện thường xuyên*)", ONGOING),
    (
        "(*thực hiện theo hướng dẫn của BTCTW, UBKTTW về tiêu chí, quy trình đưa đảng viên không còn đủ tư cách ra khỏi Đảng*)",
        conditional(
            "thực hiện theo hướng dẫn của BTCTW, UBKTTW về tiêu chí, quy trình đưa đảng viên không còn đủ tư cách ra khỏi Đảng"
        ),
    ),
    (
        "(*thực hiện theo lộ trình tại Quyết định số 999 – QĐ/TU, Kế hoạch số 158 – KH/TU của Tỉnh ủy*)",
        conditional("thực hiện theo lộ trình tại Quyết định số 999 – QĐ/TU, Kế hoạch số 158 – KH/TU của Tỉnh ủy"),
    ),
    (
        "(*thực hiện theo Nghị định của Chính phủ và thông tư của Bộ Nội vụ, Bộ Tài chính*)",
        conditional("thực hiện theo Nghị định của Chính phủ và thông tư của Bộ Nội vụ, Bộ Tài chính"),
    ),
    ("(khi có hướng dẫn của Trung ương, của Tỉnh ủy)", conditional("khi có hướng dẫn của Trung ương, của Tỉnh ủy")),
    (
        "(khi có các quy định, hướng dẫn của Trung ương, Tỉnh ủy)",
        conditional("khi có các quy định, hướng dẫn của Trung ương, Tỉnh ủy"),
    ),
    ("(quý I/2023)", once(D(2023, 3, 31))),
    (
        "(khi có quy định, hướng dẫn của Trung ương, của Tỉnh ủy)",
        conditional("khi có quy định, hướng dẫn của Trung ương, của Tỉnh ủy"),
    ),
    (
        "(khi có quy chế mẫu của Tỉnh ủy và có mô hình bí thư cấp ủy đồng thời là chủ tịch ủy ban nhân dân trên địa bàn huyện)",
        conditional(
            "khi có quy chế mẫu của Tỉnh ủy và có mô hình bí thư cấp ủy đồng thời là chủ tịch ủy ban nhân dân trên địa bàn huyện"
        ),
    ),
    ("(khi có Hướng dẫn của Trung ương, của Tỉnh ủy)", conditional("khi có Hướng dẫn của Trung ương, của Tỉnh ủy")),
    ("(khi có cơ chế của Trung ương)", conditional("khi có cơ chế của Trung ương")),
    ("(thực hiện từ năm 2022, đánh giá kết quả thực hiện hàng năm)", since(D(2022, 1, 1), "yearly")),
    ("(thường xuyên)", ONGOING),
    (
        "(sau khi có Hướng dẫn của Ban Tuyên giáo Trung ương, Ban Tuyên giáo Tỉnh ủy)",
        conditional("sau khi có Hướng dẫn của Ban Tuyên giáo Trung ương, Ban Tuyên giáo Tỉnh ủy"),
    ),
    ("(hàng năm)", every("yearly")),
    ("(thực hiện thường xuyên)", ONGOING),
    (
        "(khi có cơ chế, chính sách của Trung ương, Hướng dẫn của Tỉnh ủy)",
        conditional("khi có cơ chế, chính sách của Trung ương, Hướng dẫn của Tỉnh ủy"),
    ),
    ("(khi có văn bản của Trung ương, của Tỉnh ủy)", conditional("khi có văn bản của Trung ương, của Tỉnh ủy")),
    ("(khi có hướng dẫn của Trung ương, Tỉnh ủy)", conditional("khi có hướng dẫn của Trung ương, Tỉnh ủy")),
    (
        "(khi có quy định, hướng dẫn của Trung ương, Tỉnh ủy)",
        conditional("khi có quy định, hướng dẫn của Trung ương, Tỉnh ủy"),
    ),
    ("(từ năm 2023, có đánh giá hàng năm)", since(D(2023, 1, 1), "yearly")),
    (
        "(khi có Hướng dẫn của Ban Tuyên giáo Trung ương, Ban Tuyên giáo Tỉnh ủy)",
        conditional("khi có Hướng dẫn của Ban Tuyên giáo Trung ương, Ban Tuyên giáo Tỉnh ủy"),
    ),
    ("(khi có cơ chế của Trung ương, Tỉnh ủy)", conditional("khi có cơ chế của Trung ương, Tỉnh ủy")),
    (
        "(thực hiện thường xuyên và khi có văn bản của Trung ương)",
        ("recurring", None, None, "ongoing", None, "khi có văn bản của Trung ương"),
    ),
    ("(hoàn thành trước 31/3/2023)", once(D(2023, 3, 31))),
    # Deadlines written in the running text of the seeds.
    ("phấn đấu đến năm 2020 đạt 35 - 40%", target(D(2020, 12, 31))),
    ("phấn đấu đến năm 2025, có 20% số xã, phường, thị trấn có bí thư cấp ủy", target(D(2025, 12, 31))),
    ("phấn đấu đến năm 2020 có 90% trở lên bí thư chi bộ kiêm trưởng thôn", target(D(2020, 12, 31))),
    ("đến năm 2030 có trên 65% chi bộ có cấp ủy", target(D(2030, 12, 31))),
    ("phấn đấu từ năm 2018 - 2020 thành lập mới 30 tổ chức đảng", target(D(2020, 12, 31), D(2018, 1, 1))),
    ("Định kỳ hàng năm hoặc khi có yêu cầu", ("recurring", None, None, "yearly", None, "khi có yêu cầu")),
    ("Định kỳ hoặc khi được yêu cầu", ("recurring", None, None, None, None, "khi được yêu cầu")),
    ("định kỳ hằng năm", every("yearly")),
    ("nhiệm kỳ 2020- 2025 và những năm tiếp theo", since(D(2020, 1, 1), "yearly")),
    ("giai đoạn 2020 - 2025", once(D(2025, 12, 31), D(2020, 1, 1))),
    ("trong nhiệm kỳ", UNKNOWN),
]

OTHER_FORMS = [
    # once: the end of the period named
    ("tháng 6/2023", once(D(2023, 6, 30))),
    ("tháng 6 năm 2023", once(D(2023, 6, 30))),
    ("tháng 02-2024", once(D(2024, 2, 29))),
    ("trước ngày 15/12/2023", once(D(2023, 12, 15))),
    ("ngày 15 tháng 12 năm 2023", once(D(2023, 12, 15))),
    ("chậm nhất ngày 30.6.2023", once(D(2023, 6, 30))),
    ("trước 31-3-2023", once(D(2023, 3, 31))),
    ("Quý IV/2025", once(D(2025, 12, 31))),
    ("Quí IV-2025", once(D(2025, 12, 31))),
    ("quí I/2023", once(D(2023, 3, 31))),
    ("quý II năm 2024", once(D(2024, 6, 30))),
    ("quý III/2024", once(D(2024, 9, 30))),
    ("trong quý 2/2024", once(D(2024, 6, 30))),
    ("6 tháng đầu năm 2023", once(D(2023, 6, 30))),
    ("6 tháng cuối năm 2023", once(D(2023, 12, 31))),
    ("sáu tháng đầu năm 2023", once(D(2023, 6, 30))),
    ("năm 2024", once(D(2024, 12, 31))),
    ("trong năm 2024", once(D(2024, 12, 31))),
    ("cuối năm 2024", once(D(2024, 12, 31))),
    ("hoàn thành trong năm 2024.", once(D(2024, 12, 31))),
    # "trước" a longer period: the day before it begins
    ("trước tháng 6/2023", once(D(2023, 5, 31))),
    ("trước năm 2025", once(D(2024, 12, 31))),
    # ranges: start and due
    ("Quý IV/2025 - Quý II/2026", once(D(2026, 6, 30), D(2025, 10, 1))),
    ("giai đoạn 2021 - 2025", once(D(2025, 12, 31), D(2021, 1, 1))),
    ("giai đoạn 2021–2025", once(D(2025, 12, 31), D(2021, 1, 1))),
    ("nhiệm kỳ 2020 - 2025", once(D(2025, 12, 31), D(2020, 1, 1))),
    ("từ tháng 3 đến tháng 6/2023", once(D(2023, 6, 30), D(2023, 3, 1))),
    ("tháng 3 - tháng 6/2023", once(D(2023, 6, 30), D(2023, 3, 1))),
    ("từ nay đến năm 2025", once(D(2025, 12, 31))),
    ("Quý II/2026 - Quý IV/2025", UNKNOWN),  # ends before it begins
    # from
    ("thực hiện từ năm 2023", since(D(2023, 1, 1))),
    ("từ quý II năm 2019", since(D(2019, 4, 1))),
    ("từ 01/7/2025", since(D(2025, 7, 1))),
    ("thực hiện từ tháng 3/2024", since(D(2024, 3, 1))),
    ("từ năm 2024 trở đi", since(D(2024, 1, 1))),
    ("Quý IV năm 2025 và các năm tiếp theo", since(D(2025, 10, 1), "yearly")),
    ("từ quý I/2024, sơ kết hằng quý", since(D(2024, 1, 1), "quarterly")),
    ("từ năm 2018 đến nay", UNKNOWN),
    # recurring
    ("thực hiện thường xuyên, liên tục", ONGOING),
    ("liên tục", ONGOING),
    ("hằng năm", every("yearly")),
    ("định kỳ hằng quý", every("quarterly")),
    ("hằng quí", every("quarterly")),
    ("định kỳ 6 tháng", every("half-yearly")),
    ("6 tháng một lần", every("half-yearly")),
    ("hằng tháng", every("monthly")),
    ("hằng tuần", every("weekly")),
    ("trước ngày 15 hằng tháng", every("monthly", 15)),
    ("vào ngày 25 hàng tháng", every("monthly", 25)),
    ("định kỳ", every(None)),
    ("trước ngày 32 hằng tháng", UNKNOWN),
    # conditional
    ("khi có yêu cầu", conditional("khi có yêu cầu")),
    ("đột xuất", conditional("đột xuất")),
    ("thực hiện khi có hướng dẫn của Tỉnh ủy", conditional("khi có hướng dẫn của Tỉnh ủy")),
    ("theo kế hoạch của Tỉnh ủy", conditional("theo kế hoạch của Tỉnh ủy")),
    ("định kỳ và đột xuất", ("recurring", None, None, None, None, "đột xuất")),
    ("hằng năm và khi có yêu cầu", ("recurring", None, None, "yearly", None, "khi có yêu cầu")),
    # target
    ("đến năm 2025", target(D(2025, 12, 31))),
    ("phấn đấu đến năm 2030 có trên 65%", target(D(2030, 12, 31))),
    ("đến hết quý II/2024", target(D(2024, 6, 30))),
    # text arrives in many shapes
    (unicodedata.normalize("NFD", "thực hiện từ quý II năm 2019"), since(D(2019, 4, 1))),
    (unicodedata.normalize("NFD", "(*hoàn thành trước 31/3/2023*)"), once(D(2023, 3, 31))),
    ("khi có hướng dẫn của Trung ương, Tỉnh uỷ", conditional("khi có hướng dẫn của Trung ương, Tỉnh ủy")),
    (unicodedata.normalize("NFD", "khi có cơ chế của Trung ương, Tỉnh uỷ"), conditional("khi có cơ chế của Trung ương, Tỉnh ủy")),
    ("THỰC HIỆN THƯỜNG XUYÊN", ONGOING),
    ("QUÝ I/2023", once(D(2023, 3, 31))),
    ("KHI CÓ YÊU CẦU", conditional("KHI CÓ YÊU CẦU")),
    ("Hằng Năm", every("yearly")),
    ("thực hiện\nthường   xuyên", ONGOING),
    ("( quý I / 2023 ).", once(D(2023, 3, 31))),
    ("thực *hiện* thường xuyên", ONGOING),
    # not deadlines, or not readable: kept as unknown
    ("Hoàn thành tốt nhiệm vụ chính trị; chất lượng sinh hoạt tốt; đoàn kết, kỷ luật tốt; cán bộ, đảng viên tốt", UNKNOWN),
    ("riêng đối với lực lượng vũ trang thực hiện theo quy định, hướng dẫn của ngành", UNKNOWN),
    ("qua Ban Tổ chức Tỉnh ủy", UNKNOWN),
    ("khóa X", UNKNOWN),
    ("b/c", UNKNOWN),
    ("đạt 53%", UNKNOWN),
    ("nay là Ban Chỉ đạo thực hiện Chỉ 33", UNKNOWN),
    ("sau đây viết tắt là Nghị quyết số 21-NQ/TW", UNKNOWN),
    ("hoặc giai đoạn", UNKNOWN),
    ("theo dõi thường xuyên", UNKNOWN),
    ("quý V/2023", UNKNOWN),
    ("31/2/2023", UNKNOWN),
    ("tháng 13/2023", UNKNOWN),
    ("quý I", UNKNOWN),  # no year and no plan year
    ("2023", UNKNOWN),
    ("1.2", UNKNOWN),
    ("cả nhiệm kỳ", UNKNOWN),
    ("phấn đấu 100% bí thư có trình độ lý luận chính trị", UNKNOWN),
]


def _fields(d):
    return (d.kind, d.due, d.start, d.recurrence, d.recurrence_day, d.condition)


@pytest.mark.parametrize(("phrase", "expected"), SEED_PHRASES + OTHER_FORMS, ids=repr)
def test_parse_deadline(phrase, expected):
    assert _fields(parse_deadline(phrase)) == expected


def test_table_is_large_enough():
    assert len(SEED_PHRASES + OTHER_FORMS) >= 70


@pytest.mark.parametrize("phrase", ["", "   ", "\n", "()", "(**)", "( * * )"])
def test_empty_is_none(phrase):
    d = parse_deadline(phrase)
    assert (d.kind, d.phrase) == ("none", "")


@pytest.mark.parametrize(
    ("phrase", "kept"),
    [
        ("(*thực hiện từ năm 2023*)", "thực hiện từ năm 2023"),
        ("(**thực hiện thường xuyên**)", "thực hiện thường xuyên"),
        ("  (quý I/2023)  ", "quý I/2023"),
        ("hoàn thành trước 31/3/2023.", "hoàn thành trước 31/3/2023."),
        ("(khi có (mới) quy định)", "khi có (mới) quy định"),
        ("(a) và (b)", "(a) và (b)"),
        ("*a* và *b*", "*a* và *b*"),
        ("khóa X", "khóa X"),
        ("Tỉnh uỷ", "Tỉnh uỷ"),  # verbatim: the phrase is not normalised
        (unicodedata.normalize("NFD", "(quý I/2023)"), unicodedata.normalize("NFD", "quý I/2023")),
    ],
)
def test_phrase_is_kept_verbatim(phrase, kept):
    assert parse_deadline(phrase).phrase == kept


def test_mixed_phrase_keeps_each_part():
    d = parse_deadline("thực hiện thường xuyên và khi có văn bản của Trung ương")
    assert [_fields(p) for p in d.parts] == [ONGOING, conditional("khi có văn bản của Trung ương")]
    assert [p.phrase for p in d.parts] == ["thực hiện thường xuyên", "khi có văn bản của Trung ương"]
    d = parse_deadline("Định kỳ hàng năm hoặc khi có yêu cầu")
    assert [_fields(p) for p in d.parts] == [every("yearly"), conditional("khi có yêu cầu")]


def test_single_phrases_have_no_parts():
    assert parse_deadline("từ năm 2023, có đánh giá hàng năm").parts == ()
    assert parse_deadline("khi có quy chế mẫu của Tỉnh ủy và có mô hình bí thư").parts == ()


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("quý I", once(D(2023, 3, 31))),
        ("trước 31/3", once(D(2023, 3, 31))),
        ("trong tháng 10", once(D(2023, 10, 31))),
        ("trong năm", once(D(2023, 12, 31))),
        ("năm nay", once(D(2023, 12, 31))),
        ("6 tháng đầu năm", once(D(2023, 6, 30))),
        ("quý I/2024", once(D(2024, 3, 31))),  # a year written wins
        ("từ quý II", since(D(2023, 4, 1))),
    ],
)
def test_a_period_without_year_takes_the_plans_year(phrase, expected):
    assert _fields(parse_deadline(phrase, today_year=2023)) == expected
    if "2024" not in phrase:
        assert parse_deadline(phrase).kind == "unknown"


# --- split_trailing_deadline ---------------------------------------------------

DUTY = "Tổ chức quán triệt Nghị quyết số 21-NQ/TW"

SPLITS = [
    (f"{DUTY} (hoàn thành trong tháng 10/2022).", (f"{DUTY}.", "hoàn thành trong tháng 10/2022")),
    (f"{DUTY} (*thực hiện từ năm 2023*).", (f"{DUTY}.", "thực hiện từ năm 2023")),
    (f"{DUTY} (**thực hiện thường xuyên**).", (f"{DUTY}.", "thực hiện thường xuyên")),
    (f"{DUTY} (*Thực hiện thường xuyên*).", (f"{DUTY}.", "Thực hiện thường xuyên")),
    (f"{DUTY} (*thực hiện từ quý II năm 2019*).", (f"{DUTY}.", "thực hiện từ quý II năm 2019")),
    (
        f"{DUTY} (khi có quy định, hướng dẫn của Trung ương, Tỉnh ủy).",
        (f"{DUTY}.", "khi có quy định, hướng dẫn của Trung ương, Tỉnh ủy"),
    ),
    (f"{DUTY} (quý I/2023).", (f"{DUTY}.", "quý I/2023")),
    (f"{DUTY} (thường xuyên)", (DUTY, "thường xuyên")),
    (f"{DUTY} (hoàn thành trước 31/3/2023);", (f"{DUTY};", "hoàn thành trước 31/3/2023")),
    (
        f"{DUTY} (thực hiện thường xuyên và khi có văn bản của Trung ương).",
        (f"{DUTY}.", "thực hiện thường xuyên và khi có văn bản của Trung ương"),
    ),
    (f"{DUTY} (từ năm 2023, có đánh giá hàng năm). ", (f"{DUTY}.", "từ năm 2023, có đánh giá hàng năm")),
    (f"{DUTY} *(thực hiện từ năm 2023)*.", (f"{DUTY}.", "thực hiện từ năm 2023")),
    (f"*{DUTY} (thường xuyên)*.", (f"*{DUTY}*.", "thường xuyên")),  # the emphasis began earlier
    (f"{DUTY} (thực hiện\nthường xuyên).", (f"{DUTY}.", "thực hiện\nthường xuyên")),
    (f"{DUTY} (khi có hướng dẫn (mới) của Tỉnh ủy).", (f"{DUTY}.", "khi có hướng dẫn (mới) của Tỉnh ủy")),
    # reads as nothing, but starts like a deadline: cut off, to be reported
    (f"{DUTY} (thực hiện trong quý V/2023).", (f"{DUTY}.", "thực hiện trong quý V/2023")),
    (
        unicodedata.normalize("NFD", f"{DUTY} (*thực hiện từ năm 2023*)."),
        (unicodedata.normalize("NFD", f"{DUTY}."), unicodedata.normalize("NFD", "thực hiện từ năm 2023")),
    ),
    ("(thường xuyên)", ("", "thường xuyên")),
    (f"{DUTY} (trong nhiệm kỳ).", (f"{DUTY}.", "trong nhiệm kỳ")),  # unknown, reported
]

NOT_DEADLINES = [
    "Thực hiện mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt” (Hoàn thành tốt nhiệm vụ chính trị; "
    "chất lượng sinh hoạt tốt; đoàn kết, kỷ luật tốt; cán bộ, đảng viên tốt).",
    "Thực hiện mô hình “Chi bộ bốn tốt” (Hoàn thành tốt nhiệm vụ chính trị; chất lượng sinh hoạt tốt;"
    " đoàn kết, kỷ luật tốt; cán bộ, đảng viên tốt);",
    "- Ban Thường vụ Tỉnh ủy (b/c)",
    "Báo cáo kết quả về Ban Thường vụ Tỉnh ủy (*qua Ban Tổ chức Tỉnh ủy*).",
    "Báo cáo Ban Thường vụ Đảng ủy Khối (qua Ban Xây dựng tổ chức cơ sở đảng Đảng ủy Khối).",
    "Nghị quyết Trung ương 4 (khóa X)",
    "Hằng năm có trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (đạt 53%).",
    "Tỷ lệ hoàn thành tốt nhiệm vụ trở lên (riêng đối với lực lượng vũ trang thực hiện theo quy định, hướng dẫn của ngành).",
    "Ban Chỉ đạo Tỉnh ủy thực hiện Kết luận số 80 (nay là Ban Chỉ đạo thực hiện Chỉ 33).",
    "Xây dựng kế hoạch (thường xuyên) và báo cáo kết quả.",
    "Kiện toàn cấp ủy cơ sở (trong đó có 5 đồng chí nữ).",
    "Tỷ lệ kết nạp đảng viên hằng năm (từ 3- 4%).",
    "Kiểm tra việc thực hiện (theo dõi).",
    "Các văn bản (sau đây viết tắt là Nghị quyết số 21-NQ/TW)",
    "Không có ngoặc ở cuối.",
    "",
    "()",
    "(thường xuyên",
    "thường xuyên)",
]


@pytest.mark.parametrize(("text", "expected"), SPLITS, ids=repr)
def test_split_trailing_deadline(text, expected):
    assert split_trailing_deadline(text) == expected


@pytest.mark.parametrize("text", NOT_DEADLINES, ids=repr)
def test_a_trailing_parenthesis_that_is_no_deadline_stays(text):
    assert split_trailing_deadline(text) == (text, None)


# --- properties ----------------------------------------------------------------

WRAPPERS = "()*_"


def _is_wrapper(ch: str) -> bool:
    return ch.isspace() or ch in WRAPPERS


def _kept_verbatim(phrase: str, given_text: str) -> bool:
    """The phrase is the input itself with only whitespace, parentheses and
    emphasis markers (``*``, ``_``) taken off its two ends: there is an i with
    given_text == prefix + phrase + suffix, prefix and suffix all wrappers.
    Being a slice of the input, it is also equal to it after normalisation."""
    for i in range(len(given_text) - len(phrase) + 1):
        if (
            given_text.startswith(phrase, i)
            and all(map(_is_wrapper, given_text[:i]))
            and all(map(_is_wrapper, given_text[i + len(phrase) :]))
        ):
            return True
    return False


KINDS = {"once", "from", "recurring", "conditional", "target", "none", "unknown"}

# Words plans use, so that generated phrases reach deep into the rules.
VOCABULARY = [
    "thực hiện", "hoàn thành", "từ", "đến", "tới", "trước", "trong", "khi", "sau khi", "có", "và",
    "hoặc", "theo", "hướng dẫn", "thường xuyên", "liên tục", "hằng", "hàng", "năm", "quý", "quí",
    "tháng", "ngày", "định kỳ", "6", "một lần", "giai đoạn", "nhiệm kỳ", "phấn đấu", "đầu", "cuối",
    "hết", "nay", "I", "IV", "V", "2023", "0000", "0001", "9999", "31/3/2023", "31/12/9999",
    "1/1/0001", "15", "32", "-", "–", "/", ",", ".", "(", ")", "*", "**", "các năm tiếp theo",
    "đánh giá", "Tỉnh uỷ", "đột xuất", "trở đi",
]
vocabulary_phrases = st.lists(st.sampled_from(VOCABULARY), max_size=12).map(" ".join)
phrases = st.one_of(st.text(), vocabulary_phrases)


@settings(max_examples=400, deadline=None)
@given(phrases, st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_parse_never_raises_and_keeps_the_phrase(phrase, today_year):
    d = parse_deadline(phrase, today_year=today_year)
    assert d.kind in KINDS
    assert _kept_verbatim(d.phrase, phrase)
    assert normalize(d.phrase) in normalize(phrase) or not d.phrase
    assert (d.kind == "none") == (d.phrase == "")
    if d.kind == "once":
        assert d.due is not None
    if d.start and d.due:
        assert d.start <= d.due


def _letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalnum()]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.tuples(st.text(), vocabulary_phrases, st.sampled_from(["", ".", "*.", " ;"])).map(
    lambda t: f"{t[0]} ({t[1]}){t[2]}"
)))
def test_split_never_loses_text(text):
    rest, phrase = split_trailing_deadline(text)
    if phrase is None:
        assert rest == text
    else:
        # every letter and digit of the input, in order: the rest, then the phrase
        assert _letters(rest) + _letters(phrase) == _letters(text)
        assert parse_deadline(phrase).phrase == phrase


# --- state plans: slot values, table cells, running text ------------------------

from generator.deadline_places import leading_schedule, split_trailing_clause  # noqa: E402

STATE_FORMS = [
    # (phrase, plan year, reading)
    ("trước ngày 15/12 hằng năm", None, every("yearly")),
    ("Trước ngày 15/12 hằng năm.", 2025, every("yearly")),  # the day of the year stays in the phrase
    ("TRƯỚC NGÀY 15 THÁNG 12 HẰNG NĂM", None, every("yearly")),
    ("Hằng năm, trước ngày 15/12", None, every("yearly")),
    ("Định kỳ hằng năm (trước ngày 15/12)", None, every("yearly")),
    ("Tháng 6 hằng năm", None, every("yearly")),
    ("Quý IV hằng năm", None, every("yearly")),
    ("trước ngày 15/12/2025 hằng năm", None, UNKNOWN),  # one year is not every year
    ("trước ngày 20 hằng tháng", None, every("monthly", 20)),
    ("Hằng tháng, trước ngày 20", None, every("monthly", 20)),
    ("Định kỳ hằng quý.", None, every("quarterly")),
    ("Định kỳ 6 tháng", None, every("half-yearly")),
    ("Năm 2026", None, once(D(2026, 12, 31))),
    ("Năm 2026.", None, once(D(2026, 12, 31))),
    ("Quý IV/2025", None, once(D(2025, 12, 31))),
    ("Tháng 12/2025.", None, once(D(2025, 12, 31))),
    ("Trong năm 2026", None, once(D(2026, 12, 31))),
    ("2025 - 2030", None, once(D(2030, 12, 31), D(2025, 1, 1))),
    ("Giai đoạn 2026-2030", None, once(D(2030, 12, 31), D(2026, 1, 1))),
    ("GIAI ĐOẠN 2026 – 2030.", None, once(D(2030, 12, 31), D(2026, 1, 1))),
    ("Thường xuyên", None, ONGOING),
    ("Thường xuyên.", None, ONGOING),
    ("Hằng năm", None, every("yearly")),
    ("Trước 31/12/2025", None, once(D(2025, 12, 31))),
    ("Trước ngày 30/6/2026.", None, once(D(2026, 6, 30))),
    ("Hoàn thành trong tháng 01/2026", None, once(D(2026, 1, 31))),
    ("Xong trước 31/12/2025", None, once(D(2025, 12, 31))),
    ("Tháng 10-12/2025", None, once(D(2025, 12, 31), D(2025, 10, 1))),
    ("Theo tiến độ của Trung ương", None, conditional("Theo tiến độ của Trung ương")),
    ("theo tiến độ của Trung ương.", None, conditional("theo tiến độ của Trung ương")),
    ("Quý I/2026; Quý III/2026", None, once(D(2026, 3, 31))),  # the first; both in parts
    ("Thường xuyên, hằng năm", None, ONGOING),
    ("Quý V/2025", None, UNKNOWN),
]


@pytest.mark.parametrize(("phrase", "year", "expected"), STATE_FORMS, ids=repr)
def test_state_plan_phrases(phrase, year, expected):
    d = parse_deadline(phrase, today_year=year)
    assert _fields(d) == expected
    assert d.phrase == phrase.strip()  # verbatim, unknown ones too


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Sở Tài chính chủ trì xây dựng đề án, hoàn thành trước ngày 30/6/2026.", "hoàn thành trước ngày 30/6/2026"),
        ("Sở Y tế tổng hợp số liệu. Thời gian thực hiện: Quý IV/2025.", "Quý IV/2025"),
        ("Các sở gửi báo cáo trước ngày 15/12 hằng năm.", "trước ngày 15/12 hằng năm"),
        ("Sở Nội vụ hướng dẫn thực hiện, giai đoạn 2026-2030.", "giai đoạn 2026-2030"),
        ("trình Ủy ban nhân dân tỉnh ban hành trong quý I/2026.", "trong quý I/2026"),
        ("Hướng dẫn bổ sung quy hoạch khi có hướng dẫn của Trung ương về quy hoạch nhiệm kỳ 2026 - 2031.", "khi có hướng dẫn của Trung ương về quy hoạch nhiệm kỳ 2026 - 2031"),
        ("Thời gian thực hiện: quý V/2023", "quý V/2023"),  # a labelled value is kept even unread
        # not deadlines
        ("kiểm điểm, đánh giá xếp loại đảng viên hàng năm.", None),
        ("tuyên truyền; thực hiện thường xuyên.", None),
        ("tham mưu sơ kết, tổng kết khi có yêu cầu.", None),
        ("kịp thời xử lý kỷ luật đảng viên khi có vi phạm.", None),
        ("định kỳ báo cáo kết quả cho Ban Thường vụ Tỉnh ủy./.", None),
        ("Hướng dẫn, quý V/2023.", None),
    ],
)
def test_split_trailing_clause(text, phrase):
    assert split_trailing_clause(text) == phrase


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Định kỳ hằng năm, Sở X báo cáo", ("Định kỳ hằng năm", 18)),
        ("Định kỳ 6 tháng, báo cáo kết quả", ("Định kỳ 6 tháng", 17)),
        ("Trong năm 2026, Sở X tổ chức", ("Trong năm 2026", 16)),
        ("Định kỳ hàng năm hoặc khi có yêu cầu, tổ chức sơ kết", None),  # an on-demand alternative
        ("Định kỳ hoặc khi được yêu cầu, báo cáo", None),
        ("Hàng năm chủ động xây dựng kế hoạch kết nạp đảng viên đảm bảo chất lượng, gắn", None),
        ("Ủy ban Kiểm tra Tỉnh ủy: Chủ trì", None),
    ],
)
def test_leading_schedule(text, expected):
    assert leading_schedule(text) == expected
