"""The printable "Báo cáo tình hình thực hiện" of a plan and of a body
(generator/followup_reports.py), and the links to it."""

from __future__ import annotations

import re
from datetime import date

from generator.dashboard import follow_duties
from generator.followup_reports import agency_reports, long_date, plan_reports, report_pages
from generator.pipeline import emit_site
from tests.unit.test_dashboard import BUILD, content, corpus_on  # noqa: F401  (the module fixture)

PLAN = "binh-dinh-kh-thuc-hien-21-nq-tw"


def _numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<td class="kh-stt" data-label="STT">(\d+)</td>', html)]


def test_the_plan_report(content):
    corpus = corpus_on(content, BUILD)
    duties = [d for d in follow_duties(corpus) if d.task.plan == PLAN]
    pages = plan_reports(corpus.plan(PLAN), duties, corpus)
    assert list(pages) == [f"bao-cao/ke-hoach/{PLAN}.md"]
    html = pages[f"bao-cao/ke-hoach/{PLAN}.md"]
    assert html.startswith('---\ntitle: "Báo cáo tình hình thực hiện: Kế hoạch của Ban Thường vụ Tỉnh ủy Bình Định"')
    assert "Bình Định, <span data-kh-print-day>ngày 10 tháng 03 năm 2023</span>" in html
    assert 'tình hình thực hiện văn bản' in html and "I. Tổng hợp" in html and "II. Tình hình thực hiện từng nhiệm vụ" in html
    assert "Đã hoàn thành <strong data-kh-done>2</strong>/40 nhiệm vụ" in html
    assert _numbers(html) == list(range(1, 41))
    # in the order of the text, each row linked to its paragraph
    late = content[1][0]
    row = re.search(rf'<tr class="kh-duty"[^>]*data-id="{late}".*?</tr>', html).group(0)
    assert 'href="../../ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html#muc-ii-khoan-1"' in row
    assert "Hoàn thành trễ hạn" in row and "01/03/2023" in row and "Báo cáo số 15-BC/BTGTU" in row
    assert 'href="../../co-quan/binh-dinh/ban-tuyen-giao.html"' in row
    assert 'data-filter="follow"' in html  # the list behind a plan's numbers


def test_a_plan_report_past_the_page_limit_continues(content):
    corpus = corpus_on(content, BUILD)
    duties = [d for d in follow_duties(corpus) if d.task.plan == PLAN]
    pages = plan_reports(corpus.plan(PLAN), duties, corpus, page_rows=15)
    assert list(pages) == [f"bao-cao/ke-hoach/{PLAN}.md"] + [f"bao-cao/ke-hoach/{PLAN}/trang-{n}.md" for n in (2, 3)]
    assert [n for html in pages.values() for n in _numbers(html)] == list(range(1, 41))


def test_the_body_report_runs_on_pages_with_one_numbering(content):
    corpus = corpus_on(content, BUILD)
    agency = corpus.agencies["binh-dinh/ban-tuyen-giao"]
    duties = [d for d in follow_duties(corpus) if d.agency == agency.id]
    one = agency_reports(agency, duties, corpus)
    assert list(one) == ["bao-cao/co-quan/binh-dinh/ban-tuyen-giao.md"]
    assert _numbers(one["bao-cao/co-quan/binh-dinh/ban-tuyen-giao.md"]) == list(range(1, len(duties) + 1))
    paged = agency_reports(agency, duties, corpus, page_rows=2)
    assert len(paged) == -(-len(duties) // 2) and "bao-cao/co-quan/binh-dinh/ban-tuyen-giao/trang-2.md" in paged
    numbers = [n for html in paged.values() for n in _numbers(html)]
    assert numbers == list(range(1, len(duties) + 1))
    second = paged["bao-cao/co-quan/binh-dinh/ban-tuyen-giao/trang-2.md"]
    assert "(phần 2/" in second and "I. Tổng hợp" not in second
    assert 'href="../../../../co-quan/binh-dinh/ban-tuyen-giao.html"' in second


def test_every_plan_and_body_has_its_report_and_a_link_to_it(content):
    corpus = corpus_on(content, BUILD)
    paths = dict(report_pages(corpus))
    assert {p for p in paths if p.startswith("bao-cao/ke-hoach/")} == {f"bao-cao/ke-hoach/{p.id}.md" for p in corpus.plans}
    held = {d.agency for d in follow_duties(corpus)}
    assert {p for p in paths if p.startswith("bao-cao/co-quan/")} == {f"bao-cao/co-quan/{a}.md" for a in held}
    site = emit_site(corpus)
    assert 'href="../bao-cao/ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html">Báo cáo tình hình thực hiện văn bản này' in site[f"ke-hoach/{PLAN}.md"]
    assert 'href="../../bao-cao/co-quan/binh-dinh/ban-tuyen-giao.html">Báo cáo tình hình thực hiện của cơ quan' in site["co-quan/binh-dinh/ban-tuyen-giao.md"]


def test_long_date():
    assert long_date(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
