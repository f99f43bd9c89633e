"""Deadlines where plans write them besides a final parenthesis: a
schedule followed by what it is for (in a slot, a column or a
parenthesis), and a dated clause inside the duty's sentence."""

from __future__ import annotations

from datetime import date

import pytest

from generator.deadline_places import inner_deadline
from generator.deadlines import parse_deadline


@pytest.mark.parametrize("phrase, kind, due, recurrence, day", [
    ("định kỳ hằng tháng trong mùa mưa", "recurring", None, "monthly", None),
    ("định kỳ 6 tháng tổ chức hội nghị kết nối", "recurring", None, "half-yearly", None),
    ("trước ngày 25 hằng tháng trong mùa khô", "recurring", None, "monthly", 25),
    ("trước ngày 25 của tháng cuối quý", "recurring", None, "quarterly", 25),
    ("triển khai từ ngày ký đến hết ngày 15/3/2026", "once", date(2026, 3, 15), None, None),
    ("phấn đấu từ nay đến năm 2030 có ít nhất 35% học sinh", "target", date(2030, 12, 31), None, None),
    ("chậm nhất 05 ngày sau khi kết thúc đại hội", "conditional", None, None, None),
    # two dates that do not make one reading stay as written
    ("trước ngày 15/12/2025 hằng năm", "unknown", None, None, None),
    # a bare schedule word before a verb is not read by its start
    ("thường xuyên theo dõi", "unknown", None, None, None),
])
def test_a_schedule_where_a_deadline_is_written(phrase, kind, due, recurrence, day):
    d = parse_deadline(phrase, today_year=2026, leading=True)
    assert (d.kind, d.due, d.recurrence, d.recurrence_day) == (kind, due, recurrence, day)
    assert d.phrase == phrase


def test_in_running_text_the_schedule_must_read_whole():
    assert parse_deadline("định kỳ hằng tháng trong mùa mưa", today_year=2026).kind == "unknown"


@pytest.mark.parametrize("text, phrase", [
    ("Các chi bộ tổ chức quán triệt Kết luận 91, hoàn thành trong tháng 12/2024; xây dựng kế hoạch thực hiện.", "hoàn thành trong tháng 12/2024"),
    ("Hướng dẫn việc học tập (*quý IV/2024*); theo dõi việc tuyên truyền.", "quý IV/2024"),
    ("Rà soát danh sách các điểm sạt lở, hoàn thành trước ngày 25/12/2024; đề xuất phương án di dời.", "hoàn thành trước ngày 25/12/2024"),
    ("Dạy bơi an toàn cho học sinh, hoàn thành trước ngày 31/8/2026, ưu tiên các xã ven sông.", "hoàn thành trước ngày 31/8/2026"),
    # what the reviewed plans do not read as a deadline
    ("Theo dõi, định kỳ hàng năm báo cáo kết quả thực hiện về Ban Thường vụ Huyện ủy.", None),
    ("Tổ chức kiểm tra, đánh giá xếp loại đảng viên hàng năm.", None),
    ("Tuyên truyền về Nghị quyết (Nghị quyết số 21-NQ/TW) cho đảng viên.", None),
])
def test_a_dated_clause_inside_the_sentence(text, phrase):
    assert inner_deadline(text, today_year=2026) == phrase
