"""The text rules of duties on the layouts of state (UBND) and party plans
the seeds do not show: (plan body, small registry) -> the set of (body,
role, first words of the duty, deadline kind, due), and which blocks of a
duty part are reported as placing no duty.

Each case builds a one-plan content folder with its own registry through
``generator.pipeline.build_corpus_with_report``, as the site build does."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from generator.pipeline import build_corpus_with_report

STATE = """\
organisations:
  - id: tinh-x
    name: Ủy ban nhân dân tỉnh X
    level: province
    parent: null
bodies:
  tinh-x:
    - id: ubnd-tinh
      name: Ủy ban nhân dân tỉnh
      aliases: [UBND tỉnh]
    - id: noi-vu
      name: Sở Nội vụ
    - id: tai-chinh
      name: Sở Tài chính
    - id: y-te
      name: Sở Y tế
    - id: cac-so-nganh
      name: Các sở, ban, ngành tỉnh
      kind: class
    - id: ubnd-huyen
      name: Ủy ban nhân dân các huyện, thành phố
      aliases: [UBND các huyện, thành phố, Ủy ban nhân dân các huyện]
      kind: class
    - id: mttq
      name: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
    - id: ctxh
      name: Các tổ chức chính trị - xã hội tỉnh
      aliases: [các tổ chức chính trị - xã hội]
      kind: class
    - id: hoi-nong-dan
      name: Hội Nông dân tỉnh
    - id: hiep-hoi-dn
      name: Hiệp hội Doanh nghiệp tỉnh
    - id: dn-vien-thong
      name: Các doanh nghiệp viễn thông
      kind: class
    # a generic partner, registered as a draft's importer might: a doer only where it is the subject
    - id: cac-co-quan-lien-quan
      name: Các cơ quan, đơn vị liên quan
      kind: class
"""

PARTY = """\
organisations:
  - id: huyen-y
    name: Huyện ủy Y
    level: district
    parent: null
bodies:
  huyen-y:
    - id: ban-to-chuc
      name: Ban Tổ chức Huyện ủy
    - id: ban-tuyen-giao
      name: Ban Tuyên giáo Huyện ủy
    - id: van-phong
      name: Văn phòng Huyện ủy
    - id: ban-thuong-vu
      name: Ban Thường vụ Huyện ủy
"""

HEAD = """\
---
id: p
type: ke-hoach
number: "141/KH-UBND"
date: 2025-11-20
organisation: {org}
issuer: {issuer}
title: Kế hoạch thử
signer:
  name: null
recipients: []
---

"""


def build(body: str, registry: str, tmp: Path):
    content = tmp / "content"
    content.mkdir(exist_ok=True)
    (content / "agencies.yml").write_text(registry, encoding="utf-8")
    org, issuer = ("tinh-x", "Ủy ban nhân dân tỉnh X") if registry is STATE else ("huyen-y", "Ban Thường vụ Huyện ủy")
    (content / "p.md").write_text(HEAD.format(org=org, issuer=issuer) + textwrap.dedent(body), encoding="utf-8")
    corpus, report, unplaced = build_corpus_with_report(tmp, content)
    assert not report.errors, [str(e) for e in report.errors]
    return corpus, report, unplaced


def records(corpus) -> list[tuple]:
    """(body id, role, duty text without its numbering, deadline kind, due)."""
    out = []
    for task in corpus.tasks:
        words = task.text.split()
        if words and (words[0].rstrip(".").replace(".", "").isdigit() or words[0].endswith(")")):
            words = words[1:]  # "1." / "a)" / "(1)"
        for a in task.assignees:
            out.append((a.agency.split("/", 1)[1], a.role, " ".join(words), task.deadline.kind, task.deadline.due))
    return out


def matched(got: list[tuple], expected: set[tuple]) -> set[tuple]:
    """``got`` with each duty text cut to the first words of the expected
    record it starts with (expected records give only the first words)."""
    out = set()
    for g in got:
        same = [e for e in expected if e[:2] == g[:2] and e[3:] == g[3:] and g[2].startswith(e[2])]
        out.add(max(same, key=lambda e: len(e[2])) if same else g)
    return out


def no_deadline(body, role, first):
    return (body, role, first, "none", None)


# (case id, registry, plan body, expected records, expected unplaced anchors)
CASES = [
    # --- 1. duty parts: by title, and by what the part holds -------------------------
    (
        "state-part-of-tasks-headed-by-bodies-is-a-duty-part",
        STATE,
        """\
        ## II. NHIỆM VỤ VÀ GIẢI PHÁP

        ### 1. Sở Nội vụ

        - Xây dựng kế hoạch tuyển dụng.

        ### 2. Sở Tài chính

        - Bố trí kinh phí thực hiện.

        ### 3. Công tác khác

        - Đẩy mạnh tuyên truyền trong toàn tỉnh.
        """,
        {no_deadline("noi-vu", "assigned", "Xây dựng kế hoạch"), no_deadline("tai-chinh", "assigned", "Bố trí kinh phí")},
        {"muc-ii-khoan-3-gach-1"},  # a duty part: the block without a doer is reported
    ),
    (
        "state-part-of-general-tasks-is-not-a-duty-part",
        STATE,
        """\
        ## II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU

        ### 1. Hoàn thiện thể chế

        - Rà soát các quy định về tuyển dụng.

        - Sở Y tế chủ trì xây dựng quy chế.

        ### 2. Nâng cao chất lượng đội ngũ

        - Đổi mới công tác đào tạo.

        - Tăng cường kỷ luật, kỷ cương.
        """,
        {no_deadline("y-te", "lead", "Sở Y tế chủ")},
        set(),  # general tasks: their blocks are not warned about
    ),
    (
        "state-responsibilities-part-by-title",
        STATE,
        """\
        ## IV. TRÁCH NHIỆM CỦA CÁC CƠ QUAN, ĐƠN VỊ

        1. Sở Nội vụ: Chủ trì hướng dẫn thực hiện.

        2. Tổ chức sơ kết việc thực hiện.
        """,
        {no_deadline("noi-vu", "lead", "Sở Nội vụ: Chủ")},
        {"muc-iv-khoan-2"},
    ),
    (
        "annex-rows-with-markup",
        STATE,
        """\
        ## PHỤ LỤC DANH MỤC NHIỆM VỤ

        I. NHÓM NHIỆM VỤ THỂ CHẾ <!-- giao: - -->

        - Ban hành quy chế (Cơ quan chủ trì: Sở Nội vụ) <!-- giao: Sở Nội vụ (chủ trì); Sở Tài chính (phối hợp); hạn: Quý IV/2025 -->

        |---|---|---|

        | | | |
        """,
        {
            ("noi-vu", "lead", "Ban hành quy", "once", date(2025, 12, 31)),
            ("tai-chinh", "support", "Ban hành quy", "once", date(2025, 12, 31)),
        },
        set(),  # a stray separator and an empty row are no duty and no warning
    ),
    # --- 2. headings that name the doer --------------------------------------------
    (
        "non-state-bodies-and-de-nghi-in-headings",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        ### 4. Các doanh nghiệp viễn thông

        - Bảo đảm hạ tầng mạng.

        ### 5. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội

        - Tuyên truyền, vận động Nhân dân.

        ### 6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh

        - Vận động hội viên tham gia.
        """,
        {
            no_deadline("dn-vien-thong", "assigned", "Bảo đảm hạ tầng"),
            no_deadline("mttq", "assigned", "Tuyên truyền, vận động"),
            no_deadline("ctxh", "assigned", "Tuyên truyền, vận động"),
            no_deadline("hiep-hoi-dn", "assigned", "Vận động hội"),
            no_deadline("hoi-nong-dan", "assigned", "Vận động hội"),
        },
        set(),
    ),
    (
        "numbered-and-lettered-paragraphs-that-are-only-names",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        3. Sở Tài chính:

        - Thẩm định dự toán.

        ### 4. Các địa phương

        a) Sở Nội vụ

        - Hướng dẫn nghiệp vụ.

        b) Ủy ban nhân dân các huyện, thành phố:

        - Triển khai tại địa phương.
        """,
        {
            no_deadline("tai-chinh", "assigned", "Thẩm định dự"),
            no_deadline("noi-vu", "assigned", "Hướng dẫn nghiệp"),
            no_deadline("ubnd-huyen", "assigned", "Triển khai tại"),
        },
        set(),  # the name-only paragraphs are headings: neither duties nor warnings
    ),
    (
        "heading-with-a-generic-partner-and-a-topic-heading",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        ### 1. Sở Nội vụ và các cơ quan, đơn vị liên quan

        - Theo dõi việc thực hiện.

        ### 2. Công tác tuyên truyền

        - Đẩy mạnh tuyên truyền.
        """,
        {no_deadline("noi-vu", "assigned", "Theo dõi việc")},
        {"muc-iii-khoan-2-gach-1"},  # a topic heading assigns nothing
    ),
    # --- 3. sentences --------------------------------------------------------------
    (
        "de-nghi-giao-and-a-list-of-subjects",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và Hội Nông dân tỉnh, Hiệp hội Doanh nghiệp tỉnh phối hợp tuyên truyền.

        2. Giao Sở Nội vụ, Sở Tài chính hướng dẫn thực hiện.

        3. Sở Nội vụ, Sở Tài chính và Sở Y tế có trách nhiệm kiểm tra.
        """,
        {
            no_deadline("mttq", "assigned", "Đề nghị Ủy ban"),
            no_deadline("hoi-nong-dan", "assigned", "Đề nghị Ủy ban"),
            no_deadline("hiep-hoi-dn", "assigned", "Đề nghị Ủy ban"),
            no_deadline("noi-vu", "assigned", "Giao Sở Nội"),
            no_deadline("tai-chinh", "assigned", "Giao Sở Nội"),
            no_deadline("noi-vu", "assigned", "Sở Nội vụ,"),
            no_deadline("tai-chinh", "assigned", "Sở Nội vụ,"),
            no_deadline("y-te", "assigned", "Sở Nội vụ,"),
        },
        set(),
    ),
    (
        "the-issuer-asks-the-doers",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        Ủy ban nhân dân tỉnh yêu cầu Các sở, ban, ngành tỉnh, Ủy ban nhân dân các huyện, thành phố tổ chức triển khai thực hiện Kế hoạch này.

        Ủy ban nhân dân tỉnh giao Sở Y tế chủ trì, phối hợp với Sở Tài chính xây dựng đề án.
        """,
        {
            no_deadline("cac-so-nganh", "assigned", "Ủy ban nhân"),
            no_deadline("ubnd-huyen", "assigned", "Ủy ban nhân"),
            no_deadline("y-te", "lead", "Ủy ban nhân"),
            no_deadline("tai-chinh", "support", "Ủy ban nhân"),
        },
        set(),
    ),
    (
        "phoi-hop-and-chu-tri-opening-an-item-under-a-body",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        ### 3. Sở Tài chính

        - Chủ trì, phối hợp với Sở Nội vụ bố trí kinh phí.

        - Phối hợp với Sở Y tế tổ chức kiểm tra.

        - Phối hợp với các cơ quan, đơn vị liên quan thẩm định dự toán.

        - Sở Y tế chủ trì, phối hợp với Sở Tài chính lập danh mục.
        """,
        {
            no_deadline("tai-chinh", "lead", "Chủ trì, phối"),
            no_deadline("noi-vu", "support", "Chủ trì, phối"),
            no_deadline("tai-chinh", "support", "Phối hợp với Sở"),
            no_deadline("y-te", "lead", "Phối hợp với Sở"),
            no_deadline("tai-chinh", "support", "Phối hợp với các"),
            no_deadline("y-te", "lead", "Sở Y tế chủ"),
            no_deadline("tai-chinh", "support", "Sở Y tế chủ"),
        },
        set(),
    ),
    (
        "a-subject-lead-in-gives-the-bullets-after-it",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        Sở Nội vụ chủ trì, phối hợp với Sở Tài chính thực hiện các nội dung sau:

        - Rà soát biên chế.

        - Tổng hợp kết quả.

        Tổ chức tổng kết việc thực hiện.
        """,
        {
            no_deadline("noi-vu", "lead", "Rà soát biên"),
            no_deadline("tai-chinh", "support", "Rà soát biên"),
            no_deadline("noi-vu", "lead", "Tổng hợp kết"),
            no_deadline("tai-chinh", "support", "Tổng hợp kết"),
        },
        {"muc-iii-doan-2"},  # the lead-in does not reach a paragraph after the bullets
    ),
    (
        "a-cong-van-numbers-its-items-without-parts",
        STATE,
        """\
        Kính gửi:

        - Các sở, ban, ngành tỉnh;

        - Ủy ban nhân dân các huyện, thành phố.

        Thực hiện Kế hoạch số 15-KH/TU, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:

        1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp theo dõi việc thực hiện (thường xuyên).

        2. Về chế độ báo cáo, Các sở, ban, ngành tỉnh gửi báo cáo về Sở Nội vụ trước ngày 20 hằng tháng.

        Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.
        """,
        {
            ("noi-vu", "lead", "Giao Sở Nội", "recurring", None),
            ("cac-so-nganh", "assigned", "Về chế độ", "recurring", None),
        },
        set(),  # the addressees and the preamble assign nothing; the closing ask names no body
    ),
    # --- 4. generic partners, receivers, the issuer ---------------------------------
    (
        "generic-partners-and-receivers-are-not-doers",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        1. Sở Nội vụ chủ trì, phối hợp với Các cơ quan, đơn vị liên quan tổng hợp, báo cáo Ủy ban nhân dân tỉnh.

        2. Ủy ban nhân dân các huyện triển khai theo hướng dẫn của Sở Y tế, gửi báo cáo về Sở Nội vụ.

        3. Các cơ quan, đơn vị liên quan có trách nhiệm phối hợp thực hiện.
        """,
        {
            no_deadline("noi-vu", "lead", "Sở Nội vụ chủ"),
            no_deadline("ubnd-huyen", "assigned", "Ủy ban nhân"),
            no_deadline("cac-co-quan-lien-quan", "assigned", "Các cơ quan,"),  # the subject: the doer
        },
        set(),
    ),
    (
        "party-plan-reports-to-the-issuer",
        PARTY,
        """\
        ## V. TỔ CHỨC THỰC HIỆN

        1. Ban Tổ chức Huyện ủy chủ trì, phối hợp với Văn phòng Huyện ủy theo dõi, định kỳ báo cáo Ban Thường vụ Huyện ủy.

        ### 2. Ban Tuyên giáo Huyện ủy

        - Định kỳ 6 tháng, báo cáo kết quả về Ban Tổ chức Huyện ủy.
        """,
        {
            no_deadline("ban-to-chuc", "lead", "Ban Tổ chức"),
            no_deadline("van-phong", "support", "Ban Tổ chức"),
            ("ban-tuyen-giao", "assigned", "Định kỳ 6", "recurring", None),
        },
        set(),
    ),
    # --- 5. closing words and table debris ------------------------------------------
    (
        "closing-boilerplate",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        1. Sở Nội vụ theo dõi việc thực hiện.

        Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo./.

        Trên đây là Kế hoạch triển khai của Ủy ban nhân dân tỉnh.

        Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.

        Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo Ủy ban nhân dân tỉnh. Giao Sở Tài chính bảo đảm kinh phí.

        | STT | Nhiệm vụ | Cơ quan chủ trì |

        Kiểm tra việc thực hiện ở cơ sở.
        """,
        {
            no_deadline("noi-vu", "assigned", "Sở Nội vụ theo"),
            no_deadline("tai-chinh", "assigned", "Giao Sở Tài"),
        },
        {"muc-iii-khoan-1-doan-6"},  # only the real duty without a doer is reported (a paragraph of item 1)
    ),
    # --- 6. markup and the text rules compose ---------------------------------------
    (
        "markup-wins-and-hạn-alone-gives-the-deadline",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        ### 1. Sở Nội vụ

        - Sở Nội vụ chủ trì thẩm định. <!-- giao: Sở Y tế (chủ trì); Sở Tài chính (phối hợp); hạn: Quý IV/2025 -->

        - Chủ trì xây dựng đề án (quý I/2026). <!-- hạn: Trước ngày 30/6/2026 -->

        ### 2. Nhiệm vụ chung <!-- giao: Sở Tài chính (chủ trì); Sở Y tế (phối hợp); hạn: năm 2026 -->

        - Xây dựng kế hoạch.

        - Rà soát quy định (quý I/2026).

        - Lập danh mục. <!-- giao: Sở Nội vụ -->

        - Sở Nội vụ chủ trì tổng hợp.
        """,
        {
            ("y-te", "lead", "Sở Nội vụ chủ", "once", date(2025, 12, 31)),
            ("tai-chinh", "support", "Sở Nội vụ chủ", "once", date(2025, 12, 31)),
            ("noi-vu", "lead", "Chủ trì xây", "once", date(2026, 6, 30)),
            ("tai-chinh", "lead", "Xây dựng kế", "once", date(2026, 12, 31)),
            ("y-te", "support", "Xây dựng kế", "once", date(2026, 12, 31)),
            ("tai-chinh", "lead", "Rà soát quy", "once", date(2026, 3, 31)),
            ("y-te", "support", "Rà soát quy", "once", date(2026, 3, 31)),
            ("noi-vu", "assigned", "Lập danh mục.", "once", date(2026, 12, 31)),
            ("noi-vu", "lead", "Sở Nội vụ chủ", "once", date(2026, 12, 31)),
        },
        set(),
    ),
    # --- 7. deadlines in the text ----------------------------------------------------
    (
        "deadlines-outside-a-final-parenthesis",
        STATE,
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        1. Định kỳ hằng năm, Sở Nội vụ báo cáo kết quả thực hiện.

        2. Sở Tài chính chủ trì xây dựng đề án, hoàn thành trước ngày 30/6/2026.

        3. Sở Y tế tổng hợp số liệu. Thời gian thực hiện: Quý IV/2025.

        6. Sở Y tế sửa đổi tài liệu khi có hướng dẫn của Bộ Y tế.

        7. Sở Tài chính tổng kết khi có yêu cầu.

        8. Sở Tài chính trình Ủy ban nhân dân tỉnh ban hành trong quý I/2026.

        4. Các sở, ban, ngành tỉnh gửi báo cáo trước ngày 15/12 hằng năm.

        5. Sở Nội vụ hướng dẫn thực hiện, giai đoạn 2026-2030.
        """,
        {
            ("noi-vu", "assigned", "Định kỳ hằng", "recurring", None),
            ("tai-chinh", "lead", "Sở Tài chính chủ", "once", date(2026, 6, 30)),
            ("y-te", "assigned", "Sở Y tế tổng", "once", date(2025, 12, 31)),
            ("cac-so-nganh", "assigned", "Các sở, ban,", "recurring", None),  # yearly: the day stays in the phrase
            ("noi-vu", "assigned", "Sở Nội vụ hướng", "once", date(2030, 12, 31)),
            ("y-te", "assigned", "Sở Y tế sửa", "conditional", None),
            ("tai-chinh", "assigned", "Sở Tài chính tổng", "none", None),  # a circumstance, not another's act
            ("tai-chinh", "assigned", "Sở Tài chính trình", "once", date(2026, 3, 31)),
        },
        set(),
    ),
    (
        "an-on-demand-alternative-is-no-opening-schedule",
        PARTY,
        """\
        ## V. TỔ CHỨC THỰC HIỆN

        ### 1. Ban Thường vụ Huyện ủy

        - Định kỳ hàng năm hoặc khi có yêu cầu, tổ chức sơ kết, tổng kết.

        - Tổ chức kiểm tra, đánh giá xếp loại đảng viên hàng năm.
        """,
        {
            no_deadline("ban-thuong-vu", "assigned", "Định kỳ hàng"),
            no_deadline("ban-thuong-vu", "assigned", "Tổ chức kiểm"),
        },
        set(),
    ),
]


@pytest.mark.parametrize(("case", "registry", "body", "expected", "unplaced"), CASES, ids=[c[0] for c in CASES])
def test_duty_rules(case, registry, body, expected, unplaced, tmp_path):
    corpus, _, got_unplaced = build(body, registry, tmp_path)
    got = records(corpus)
    assert matched(got, expected) == expected
    assert len(got) == len(expected)  # no record twice
    assert {u.anchor for u in got_unplaced if not u.reason.startswith("câu dẫn")} == unplaced


def test_every_rule_has_a_case():
    assert len(CASES) >= 15


def test_unknown_name_in_a_duty_heading_is_reported_only_in_a_duty_part(tmp_path):
    _, report, _ = build(
        """\
        ## II. NHIỆM VỤ VÀ GIẢI PHÁP

        ### 1. Sở Xây dựng

        - Hướng dẫn quy hoạch.

        ## III. TỔ CHỨC THỰC HIỆN

        ### 1. Sở Công Thương

        - Theo dõi thị trường.
        """,
        STATE,
        tmp_path,
    )
    unknown = [d.message for d in report.warnings if d.code == "cơ-quan-không-rõ"]
    assert unknown == ['"Sở Công Thương" ở vị trí cơ quan được giao nhưng không có trong danh mục cơ quan.']


def test_the_closing_sentence_still_yields_the_duty_after_it(tmp_path):
    corpus, _, _ = build(
        """\
        ## III. TỔ CHỨC THỰC HIỆN

        Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh. Ủy ban nhân dân tỉnh yêu cầu Sở Nội vụ theo dõi, đôn đốc việc thực hiện.
        """,
        STATE,
        tmp_path,
    )
    assert [(t.text, [a.agency for a in t.assignees]) for t in corpus.tasks] == [
        ("Ủy ban nhân dân tỉnh yêu cầu Sở Nội vụ theo dõi, đôn đốc việc thực hiện.", ["tinh-x/noi-vu"])
    ]
