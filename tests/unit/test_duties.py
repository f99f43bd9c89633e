"""Duty extraction rules on small, hand-made plans (the seeds have their own
reviewed fixtures in tests/fixtures/duties)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.agencies import load_agencies
from generator.diagnostics import Report
from generator.duties import extract_duties
from generator.load import load_corpus

REGISTRY = """\
organisations:
  - id: trung-uong
    name: Trung ương
    level: central
    parent: null
  - id: tinh-a
    name: Tỉnh ủy A
    level: province
    parent: trung-uong
  - id: tinh-b
    name: Tỉnh ủy B
    level: province
    parent: trung-uong
bodies:
  trung-uong:
    - id: ban-to-chuc
      name: Ban Tổ chức Trung ương
      aliases: [BTCTW]
  tinh-a:
    - id: ban-to-chuc
      name: Ban Tổ chức Tỉnh ủy
    - id: ban-tuyen-giao
      name: Ban Tuyên giáo Tỉnh ủy
    - id: ubkt
      name: Ủy ban Kiểm tra Tỉnh ủy
    - id: dang-doan-mttq
      name: Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
      aliases: [Đảng đoàn Ủy ban Mặt trận Tổ quốc]
    - id: dang-doan-hoi-nong-dan
      name: Đảng đoàn Hội Nông dân tỉnh
      aliases: [Hội Nông dân tỉnh]
    - id: tinh-doan
      name: Ban Thường vụ Tỉnh đoàn
    - id: cac-huyen-uy
      name: Các huyện ủy, thị ủy, thành ủy và đảng ủy trực thuộc Tỉnh ủy
      kind: class
  tinh-b:
    - id: ban-to-chuc
      name: Ban Tổ chức Tỉnh ủy
"""

HEAD = """\
---
id: {id}
type: ke-hoach
number: null
number_note: không ghi
date: null
date_note: không ghi
organisation: {org}
issuer: Ban Thường vụ Tỉnh ủy
title: Kế hoạch thử
signer:
  name: null
recipients: []
---

"""


def run(body: str, org: str = "tinh-a", tmp: Path | None = None):
    content = tmp / "content"
    content.mkdir(exist_ok=True)
    (content / "agencies.yml").write_text(REGISTRY, encoding="utf-8")
    (content / "p.md").write_text(HEAD.format(id="p", org=org) + textwrap.dedent(body), encoding="utf-8")
    report = Report()
    plans, orgs = load_corpus(content, tmp, report)
    agencies = load_agencies(content / "agencies.yml", "content/agencies.yml", orgs, report)
    tasks, unplaced = extract_duties(plans, orgs, agencies, report)
    return tasks, unplaced, report


def rows(tasks):
    return [(t.anchor, tuple((a.agency, a.role) for a in t.assignees), t.text[:30], t.deadline.phrase, t.via) for t in tasks]


def test_heading_assigns_and_a_bullet_narrows(tmp_path):
    tasks, unplaced, _ = run(
        """\
        ## IV. NHIỆM VỤ CỤ THỂ

        ### 7. Đảng đoàn Ủy ban Mặt trận Tổ quốc, Hội Nông dân tỉnh và Ban Thường vụ Tỉnh đoàn

        - Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chủ trì, phối hợp nghiên cứu giải pháp.

        - Chỉ đạo cấp dưới xây dựng tổ chức vững mạnh (thực hiện thường xuyên).
        """,
        tmp=tmp_path,
    )
    assert rows(tasks) == [
        ("muc-iv-khoan-7-gach-1", (("tinh-a/dang-doan-mttq", "lead"),), "Đảng đoàn Ủy ban Mặt trận Tổ q", "", None),
        (
            "muc-iv-khoan-7-gach-2",
            (("tinh-a/dang-doan-mttq", "assigned"), ("tinh-a/dang-doan-hoi-nong-dan", "assigned"), ("tinh-a/tinh-doan", "assigned")),
            "Chỉ đạo cấp dưới xây dựng tổ c",
            "thực hiện thường xuyên",
            None,
        ),
    ]
    assert unplaced == []


def test_lead_and_support_in_running_text_and_names_are_relative(tmp_path):
    tasks, _, _ = run(
        """\
        ## II. NHIỆM VỤ

        1. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Ủy ban Kiểm tra Tỉnh ủy và BTCTW hướng dẫn (quý I/2023).

        2. Nâng cao chất lượng. Giao Ban Tổ chức Tỉnh ủy tham mưu quy định.
        """,
        tmp=tmp_path,
    )
    assert rows(tasks) == [
        (
            "muc-ii-khoan-1",
            (("tinh-a/ban-tuyen-giao", "lead"), ("tinh-a/ubkt", "support"), ("trung-uong/ban-to-chuc", "support")),
            "1. Ban Tuyên giáo Tỉnh ủy chủ ",
            "quý I/2023",
            None,
        ),
        ("muc-ii-khoan-2", (("tinh-a/ban-to-chuc", "assigned"),), "Giao Ban Tổ chức Tỉnh ủy tham ", "", None),
    ]
    # The same words in a plan of province B are B's body.
    tasks_b, _, _ = run("## II. NHIỆM VỤ\n\n1. Ban Tổ chức Tỉnh ủy chủ trì thực hiện.\n", org="tinh-b", tmp=tmp_path)
    assert tasks_b[0].assignees[0].agency == "tinh-b/ban-to-chuc"


def test_enumeration_gives_one_duty_per_part(tmp_path):
    tasks, _, _ = run(
        """\
        ## IV. NHIỆM VỤ CỤ THỂ

        ### 1. Ban Tổ chức Tỉnh ủy

        - Giao Ban Tổ chức Tỉnh ủy: (1) Hướng dẫn thực hiện quy định; (2) Hướng dẫn chi bộ quân sự; (3) Chủ trì tổng kết (hằng năm).
        """,
        tmp=tmp_path,
    )
    assert [(t.text, t.context, t.deadline.phrase) for t in tasks] == [
        ("(1) Hướng dẫn thực hiện quy định;", "Giao Ban Tổ chức Tỉnh ủy:", ""),
        ("(2) Hướng dẫn chi bộ quân sự;", "Giao Ban Tổ chức Tỉnh ủy:", ""),
        ("(3) Chủ trì tổng kết.", "Giao Ban Tổ chức Tỉnh ủy:", "hằng năm"),
    ]
    assert len({t.id for t in tasks}) == 3


def test_references_resolve_to_the_items_with_their_deadlines(tmp_path):
    tasks, _, report = run(
        """\
        ## II. NHIỆM VỤ VÀ GIẢI PHÁP

        ### 2. Tuyên truyền

        2.1. Tuyên truyền nghị quyết (thực hiện thường xuyên).

        2.2. Đẩy mạnh nêu gương (quý II/2024).

        ### 3. Tổ chức đảng

        3.1. Sắp xếp tổ chức (năm 2025).

        3.2. Phát triển đảng viên (hằng năm).

        ## III. TỔ CHỨC THỰC HIỆN

        ### 6. Ban Tổ chức Tỉnh ủy:

        - Chủ trì, phối hợp với các cơ quan liên quan tham mưu triển khai các nội dung tại điểm 2.2 khoản 2, khoản 3, khoản 9, Mục II của Kế hoạch.
        """,
        tmp=tmp_path,
    )
    assert [(t.anchor, t.assignees[0].role, t.deadline.phrase, t.via) for t in tasks] == [
        ("muc-iii-khoan-6-gach-1", "lead", "", None),
        ("muc-ii-khoan-2-diem-2-2", "lead", "quý II/2024", "muc-iii-khoan-6-gach-1"),
        ("muc-ii-khoan-3-diem-3-1", "lead", "năm 2025", "muc-iii-khoan-6-gach-1"),
        ("muc-ii-khoan-3-diem-3-2", "lead", "hằng năm", "muc-iii-khoan-6-gach-1"),
    ]
    assert [d.code for d in report.warnings] == ["tham-chiếu-treo"]
    assert "khoản 9 Mục II" in report.warnings[0].message


def test_markup_overrides_and_unknown_names_are_reported(tmp_path):
    tasks, unplaced, report = run(
        """\
        ## IV. NHIỆM VỤ CỤ THỂ

        - Việc chung của cả tỉnh. <!-- giao: Ban Tổ chức Tỉnh ủy (chủ trì); Ban Tuyên giáo Tỉnh ủy (phối hợp); hạn: quý IV/2024 -->

        - Một đoạn không phải nhiệm vụ. <!-- giao: - -->

        - Ban Tổ chức Tỉnh ủy làm việc này. <!-- giao: Ban Tổ chuc Tinh uy -->

        - Đoạn không có cơ quan.
        """,
        tmp=tmp_path,
    )
    assert rows(tasks)[0] == (
        "muc-iv-gach-1",
        (("tinh-a/ban-to-chuc", "lead"), ("tinh-a/ban-tuyen-giao", "support")),
        "Việc chung của cả tỉnh.",
        "quý IV/2024",
        None,
    )
    assert tasks[0].deadline.due.isoformat() == "2024-12-31"
    assert [u.anchor for u in unplaced] == ["muc-iv-gach-3", "muc-iv-gach-4"]
    assert [str(d) for d in report.errors] == [
        'content/p.md:22: lỗi[cơ-quan-không-rõ]: "Ban Tổ chuc Tinh uy" trong đánh dấu giao việc không có trong danh mục cơ quan. '
        'Cách sửa: có phải "Ban Tổ chức Tỉnh ủy"?'
    ]
