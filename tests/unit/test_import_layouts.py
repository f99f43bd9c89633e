"""Duties in every common layout, on the importer side: each layout through
``render_body`` with a small registry, checking the bodies it names that the
registry does not know (``Rendered.unknown_names``), the duty markup, and
how spellings group into one body.  The end-to-end helper simulates the
import flow: render, add the grouped unknown names as provisional bodies,
render again, and build the draft to read its duties."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.agencies import Resolver
from generator.importer.bodies import group_names, kind_of, names_in, sentence_doers
from generator.importer.structure import render_body
from generator.importer.text import drop_furniture, join_blocks, prepare_lines, take_footnotes
from generator.model import Agency, Organisation, Source
from generator.text import slugify

ORG = "bac-ninh"
_SRC = Source("content/agencies.yml", 1)
ORGANISATIONS = {
    "trung-uong": Organisation("trung-uong", "Trung ương", "central", None, _SRC),
    ORG: Organisation(ORG, "Ủy ban nhân dân tỉnh Bắc Ninh", "province", "trung-uong", _SRC),
}
KNOWN = {  # the small registry every layout is read with
    "so-noi-vu": ("Sở Nội vụ", ()),
    "so-tai-chinh": ("Sở Tài chính", ()),
    "ban-to-chuc": ("Ban Tổ chức Tỉnh ủy", ("BTCTU",)),
}


def _agencies(extra: list[list[str]] = ()) -> dict[str, Agency]:
    out = {f"{ORG}/{i}": Agency(f"{ORG}/{i}", ORG, name, aliases, "body", _SRC) for i, (name, aliases) in KNOWN.items()}
    for group in extra:
        ident = f"{ORG}/{slugify(group[0])[:60]}"
        out[ident] = Agency(ident, ORG, group[0], tuple(group[1:]), kind_of(group[0]), _SRC)
    return out


def _render(body: str, extra: list[list[str]] = ()):
    lines, double = prepare_lines(body)
    lines, _ = drop_furniture(lines)
    lines, notes = take_footnotes(lines, double)
    blocks = join_blocks(lines, double)
    return render_body(blocks, notes, Resolver(ORG, ORGANISATIONS, _agencies(extra)))


def _unknown(body: str) -> list[str]:
    """The unknown names, each once, in the order first named."""
    return list(dict.fromkeys(name for name, _ in _render(body).unknown_names))


def _twice(body: str):
    """The import flow: unknown names become provisional bodies, then the
    body is rendered again with a resolver that knows them."""
    first = _render(body)
    groups = group_names([name for name, _ in first.unknown_names])
    return _render(body, groups), groups


def _lines(rendered) -> list[str]:
    return [o.line() for o in rendered.outs]


def _line_with(rendered, start: str) -> str:
    found = [line for line in _lines(rendered) if line.startswith(start)]
    assert found, (start, _lines(rendered))
    return found[0]


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, names",
    [
        # collectives are not cut at their commas
        ("các sở, ban, ngành tỉnh; UBND các huyện, thị xã, thành phố", ["các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố"]),
        ("Các cơ quan, đơn vị trực thuộc Tỉnh ủy", ["Các cơ quan, đơn vị trực thuộc Tỉnh ủy"]),
        # two bodies joined by "và các", one body with a comma in its name
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh"]),
        ("Trung tâm Văn hóa, Thông tin và Thể thao huyện", ["Trung tâm Văn hóa, Thông tin và Thể thao huyện"]),
        ("Sở Văn hóa, Thể thao và Du lịch, Sở Lao động - Thương binh và Xã hội", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Lao động - Thương binh và Xã hội"]),
        # a comma before another head noun separates
        ("Sở Tài chính, Kho bạc Nhà nước tỉnh, Cục Thuế tỉnh", ["Sở Tài chính", "Kho bạc Nhà nước tỉnh", "Cục Thuế tỉnh"]),
        # names glued by a lost line break
        ("Sở Tài chínhSở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
        ("Sở Tài chính Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
        ("Công an tỉnh Bộ Chỉ huy Quân sự tỉnh", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
        # a head inside a name is not a new name
        ("Văn phòng Ủy ban nhân dân tỉnh; Ban cán sự đảng Ủy ban nhân dân tỉnh", ["Văn phòng Ủy ban nhân dân tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh"]),
        ("Đảng đoàn Hội Nông dân tỉnh, Thanh tra Sở Xây dựng", ["Đảng đoàn Hội Nông dân tỉnh", "Thanh tra Sở Xây dựng"]),
        # emphasis residue is never part of a name
        ("**Sở Y tế**, *Bảo hiểm xã hội tỉnh*", ["Sở Y tế", "Bảo hiểm xã hội tỉnh"]),
        # a sentence names its subject, not itself
        ("Sở Xây dựng tiến hành rà soát quy hoạch", ["Sở Xây dựng"]),
        # bodies outside the state: the Front, associations, enterprises
        ("Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh, Tỉnh đoàn", ["Hiệp hội Doanh nghiệp tỉnh", "Hội Nông dân tỉnh", "Liên minh Hợp tác xã tỉnh", "Tỉnh đoàn"]),
        ("Viettel Bắc Ninh, VNPT Bắc Ninh, Bưu điện tỉnh, Điện lực Bắc Ninh", ["Viettel Bắc Ninh", "VNPT Bắc Ninh", "Bưu điện tỉnh", "Điện lực Bắc Ninh"]),
        ("Các doanh nghiệp viễn thông trên địa bàn tỉnh", ["Các doanh nghiệp viễn thông"]),
        ("Đài Phát thanh và Truyền hình tỉnh, Báo Bắc Ninh", ["Đài Phát thanh và Truyền hình tỉnh", "Báo Bắc Ninh"]),
        # a level word completes a name; "xã hội" is no level word
        ("Trung tâm Chính trị huyện bồi dưỡng nhận thức về Đảng", ["Trung tâm Chính trị huyện"]),
        ("Ngân hàng Chính sách xã hội chi nhánh tỉnh Quảng Trị", ["Ngân hàng Chính sách xã hội chi nhánh tỉnh Quảng Trị"]),
        ("Các cơ quan có liên quan", ["Các cơ quan có liên quan"]),
        # words that open like a head but name no body
        ("Báo cáo kết quả, hội nghị sơ kết", []),
        # since the 2025 mergers a province's press is one body with a comma in its name
        ("Sở Du lịch, Báo và Phát thanh, Truyền hình Hải Phòng, Sở Khoa học và Công nghệ", ["Sở Du lịch", "Báo và Phát thanh, Truyền hình Hải Phòng", "Sở Khoa học và Công nghệ"]),
        ("Sở Công Thương, Thuế tỉnh Ninh Bình", ["Sở Công Thương", "Thuế tỉnh Ninh Bình"]),
        # a collective's name ends at the verb after it
        ("các sở, ngành xúc tiến thương mại sản phẩm OCOP", ["các sở, ngành"]),
        # a capitalised duty verb after a name begins the next sentence (a title and its text on one line) ...
        ("3. Sở Tài chính Chủ trì, phối hợp với Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
        ("4. Ủy ban Kiểm tra Tỉnh ủy Đưa nội dung vào chương trình", ["Ủy ban Kiểm tra Tỉnh ủy"]),
        # ... but a capitalised word that names bodies stays in the name
        ("Ban Chỉ đạo 35 tỉnh; Sở Giáo dục và Đào tạo; Sở Nông nghiệp và Phát triển nông thôn", ["Ban Chỉ đạo 35 tỉnh", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Phát triển nông thôn"]),
    ],
)
def test_names_in(text, names):
    assert names_in(text) == names


@pytest.mark.parametrize(
    "names, groups",
    [
        (["Sở KH&CN", "Sở Khoa học và Công nghệ"], [["Sở Khoa học và Công nghệ", "Sở KH&CN"]]),
        (["UBND tỉnh", "Ủy ban nhân dân tỉnh"], [["Ủy ban nhân dân tỉnh", "UBND tỉnh"]]),
        (["Sở TT&TT", "Sở Thông tin và Truyền thông"], [["Sở Thông tin và Truyền thông", "Sở TT&TT"]]),
        (["Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"], [["Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"]]),
        (["Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"], [["Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"]]),
        (["BCH Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"], [["Bộ Chỉ huy Quân sự tỉnh", "BCH Quân sự tỉnh"]]),
        (["Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "HĐND tỉnh"], [["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban MTTQ Việt Nam tỉnh"], ["HĐND tỉnh"]]),
        # the same initials without an abbreviation are two bodies
        (["Sở Nội vụ", "Sở Ngoại vụ"], [["Sở Nội vụ"], ["Sở Ngoại vụ"]]),
        # spellings that differ in tone placement and emphasis are one
        (["Uỷ ban nhân dân huyện", "**Ủy ban nhân dân huyện**"], [["Uỷ ban nhân dân huyện"]]),
    ],
)
def test_group_names(names, groups):
    assert group_names(names) == groups


@pytest.mark.parametrize(
    "name, kind",
    [("các sở, ban, ngành tỉnh", "class"), ("UBND các huyện, thị xã, thành phố", "class"), ("Các doanh nghiệp viễn thông", "class"), ("Sở Y tế", "body"), ("Tỉnh đoàn", "body")],
)
def test_kind_of(name, kind):
    assert kind_of(name) == kind


@pytest.mark.parametrize(
    "sentence, doers, helpers",
    [
        ("Sở Y tế chủ trì, phối hợp với Sở Tài chính, Bảo hiểm xã hội tỉnh tổ chức thực hiện.", ["Sở Y tế"], ["Sở Tài chính", "Bảo hiểm xã hội tỉnh"]),
        ("Giao Sở Nội vụ hướng dẫn các địa phương rà soát.", ["Sở Nội vụ"], []),
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh tuyên truyền, vận động.", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh"], []),
        # the issuer asks, the object does
        ("Ủy ban nhân dân tỉnh yêu cầu các Sở, ban, ngành, UBND các huyện, thị xã, thành phố triển khai thực hiện.", ["các Sở, ban, ngành", "UBND các huyện, thị xã, thành phố"], []),
        # a description, not a duty
        ("Sở Y tế là cơ quan thường trực của Ban Chỉ đạo.", [], []),
    ],
)
def test_sentence_doers(sentence, doers, helpers):
    got, sup, _ = sentence_doers(sentence)
    assert (got, sup) == (doers, helpers)


# --- layouts through render_body ----------------------------------------------------------

HEADED = """II. NHIỆM VỤ CỤ THỂ

1. Sở Y tế

- Chủ trì, phối hợp với Bảo hiểm xã hội tỉnh kiểm tra việc khám, chữa bệnh (thường xuyên).

2. Ban Tuyên giáo Tỉnh ủy, Ban Dân vận Tỉnh ủy:

- Chỉ đạo công tác tuyên truyền trên báo chí (hằng năm).

3. Sở Tài chính:

- Cân đối kinh phí thực hiện (hằng năm).

4. Các doanh nghiệp viễn thông

- Bảo đảm hạ tầng mạng di động tại vùng sâu, vùng xa.

5. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Hội Liên hiệp Phụ nữ tỉnh

- Vận động hội viên tham gia.
"""


def test_headed_parts_name_their_doers():
    assert _unknown(HEADED) == [
        "Sở Y tế", "Bảo hiểm xã hội tỉnh", "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "Các doanh nghiệp viễn thông",
        "Hiệp hội Doanh nghiệp tỉnh", "Hội Nông dân tỉnh", "Hội Liên hiệp Phụ nữ tỉnh",
    ]
    again, _ = _twice(HEADED)
    assert again.unknown_names == []
    # the build does not read "Đề nghị:" in a heading: the markup says it
    assert _line_with(again, "### 5.") == "### 5. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Hội Liên hiệp Phụ nữ tỉnh <!-- giao: Hiệp hội Doanh nghiệp tỉnh; Hội Nông dân tỉnh; Hội Liên hiệp Phụ nữ tỉnh -->"
    assert _line_with(again, "### 3.") == "### 3. Sở Tài chính:"  # the build reads a heading that is only names


SLOT_VARIANTS = [
    # (label line(s), unknown names, markup of the task)
    ("- Đơn vị chủ trì: Sở Công Thương.\n- Đơn vị phối hợp: Sở Tài chính.\n- Thời gian thực hiện: Quý II/2026.",
     ["Sở Công Thương"], "<!-- giao: Sở Công Thương (chủ trì); Sở Tài chính (phối hợp); hạn: Quý II/2026 -->"),
    ("- Đơn vị chủ trì thực hiện: Sở Công Thương.\n- Cơ quan phối hợp thực hiện: các cơ quan, đơn vị liên quan.\n- Thời gian hoàn thành: trước 30/6/2026.",
     ["Sở Công Thương"], "<!-- giao: Sở Công Thương (chủ trì); hạn: trước 30/6/2026 -->"),
    ("- Đơn vị tham mưu thực hiện: Sở Nội vụ.\n- Thời hạn: tháng 12/2026.",
     [], "<!-- giao: Sở Nội vụ (chủ trì); hạn: tháng 12/2026 -->"),
    ("- Cơ quan chủ trì: Sở Xây dựng.\n- Đơn vị/Cơ quan phối hợp: Sở Tài chính, Ủy ban nhân dân các huyện, thị xã, thành phố.\n- Tiến độ: năm 2026.",
     ["Sở Xây dựng", "Ủy ban nhân dân các huyện, thị xã, thành phố"], "<!-- giao: Sở Xây dựng (chủ trì); Sở Tài chính (phối hợp); Ủy ban nhân dân các huyện, thị xã, thành phố (phối hợp); hạn: năm 2026 -->"),
    ("- Cơ quan thực hiện: Sở Giáo dục và Đào tạo.\n- Sản phẩm: Báo cáo đánh giá.\n- Thời gian thực hiện: hằng năm.",
     ["Sở Giáo dục và Đào tạo"], "<!-- giao: Sở Giáo dục và Đào tạo; hạn: hằng năm --> <!-- sản phẩm: Báo cáo đánh giá -->"),
    # broken emphasis around labels, as a portal leaves it
    ("- *Đơn vị chủ trì: *Sở Khoa học và Công nghệ.\n- **Thời gian thực hiện**: Quý III/2026.",
     ["Sở Khoa học và Công nghệ"], "<!-- giao: Sở Khoa học và Công nghệ (chủ trì); hạn: Quý III/2026 -->"),
    # a slot value that is a sentence names its subject
    ("- Đơn vị thực hiện: Sở Tư pháp tiến hành rà soát, báo cáo Ủy ban nhân dân tỉnh.\n- Thời gian thực hiện: Quý I/2026.",
     ["Sở Tư pháp"], "<!-- giao: Sở Tư pháp; hạn: Quý I/2026 -->"),
]


@pytest.mark.parametrize("slots, unknown, markup", SLOT_VARIANTS)
def test_slot_items_with_each_label_variant(slots, unknown, markup):
    body = f"II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n1. Rà soát, hoàn thiện hệ thống văn bản quy phạm pháp luật\n\n{slots}\n"
    assert _unknown(body) == unknown
    again, _ = _twice(body)
    assert again.unknown_names == []
    assert _line_with(again, "1. Rà soát") == f"1. Rà soát, hoàn thiện hệ thống văn bản quy phạm pháp luật {markup}"
    # the slot lines themselves are no duty
    assert all(line.endswith("<!-- giao: - -->") for line in _lines(again) if line.startswith("- "))


def test_slot_deadline_stays_when_no_body_resolves():
    body = "II. NHIỆM VỤ\n\n1. Xây dựng cơ sở dữ liệu dân cư\n\n- Đơn vị chủ trì: Công an tỉnh.\n- Thời gian thực hiện: Quý IV/2026.\n"
    first = _render(body)
    assert _line_with(first, "1. Xây dựng") == "1. Xây dựng cơ sở dữ liệu dân cư <!-- hạn: Quý IV/2026 --> <!-- đề xuất: Công an tỉnh (chủ trì) -->"
    assert first.unknown_names == [("Công an tỉnh", 5)]


LETTERED = """III. NHIỆM VỤ CỤ THỂ

1. Chuyển đổi số trong cơ quan nhà nước

a) Nhiệm vụ: Triển khai nền tảng số dùng chung của tỉnh.

b) Cơ quan thực hiện:

- Sở Khoa học và Công nghệ;

- Văn phòng Ủy ban nhân dân tỉnh;

- Sở Nội vụ.

c) Thời gian thực hiện: Năm 2026.
"""


def test_lettered_slot_items_one_body_per_bullet():
    assert _unknown(LETTERED) == ["Sở Khoa học và Công nghệ", "Văn phòng Ủy ban nhân dân tỉnh"]
    again, _ = _twice(LETTERED)
    assert _line_with(again, "a)") == "a) Nhiệm vụ: Triển khai nền tảng số dùng chung của tỉnh. <!-- giao: Sở Khoa học và Công nghệ; Văn phòng Ủy ban nhân dân tỉnh; Sở Nội vụ; hạn: Năm 2026 -->"
    assert _line_with(again, "b)") == "b) Cơ quan thực hiện: <!-- giao: - -->"
    assert _line_with(again, "- Sở Nội vụ") == "- Sở Nội vụ. <!-- giao: - -->"
    assert _line_with(again, "c)") == "c) Thời gian thực hiện: Năm 2026. <!-- giao: - -->"


SLOTS_AFTER_BULLETS = """II. NHIỆM VỤ, GIẢI PHÁP

2. Phát triển hạ tầng thương mại nông thôn

- Rà soát mạng lưới chợ trên địa bàn các xã.

- Hỗ trợ hợp tác xã xây dựng điểm bán hàng.

- *Đơn vị chủ trì:* Sở Công Thương.

- *Đơn vị phối hợp:* Sở Tài chính; UBND các huyện, thị xã, thành phố.

- *Thời gian thực hiện:* 2026 - 2030.
"""


def test_slot_group_after_bullets_applies_to_every_bullet():
    again, _ = _twice(SLOTS_AFTER_BULLETS)
    want = "<!-- giao: Sở Công Thương (chủ trì); Sở Tài chính (phối hợp); UBND các huyện, thị xã, thành phố (phối hợp); hạn: 2026 - 2030 -->"
    assert _line_with(again, "- Rà soát") == f"- Rà soát mạng lưới chợ trên địa bàn các xã. {want}"
    assert _line_with(again, "- Hỗ trợ") == f"- Hỗ trợ hợp tác xã xây dựng điểm bán hàng. {want}"
    assert _line_with(again, "### 2.") == "### 2. Phát triển hạ tầng thương mại nông thôn"  # the item stays a title


ANNEX = """PHỤ LỤC

DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2026

| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |
|---|---|---|---|---|---|
| (1) | (2) | (3) | (4) | (5) | (6) |
| I | Nhóm nhiệm vụ về thể chế | | | | |
| 1 | Xây dựng quy chế quản lý cụm công nghiệp | Sở Công Thương | Sở Xây dựng; Sở Tài chính | Quý II/2026 | Quyết định của UBND tỉnh |
| --- | --- | --- | --- | --- | --- |
| 2 | Ban hành danh mục dịch vụ công trực tuyến | **Văn phòng UBND tỉnh** | Các sở, ban, ngành | Quý III/2026 | Quyết định |
| II | Nhóm nhiệm vụ về hạ tầng | Nhóm nhiệm vụ về hạ tầng | Nhóm nhiệm vụ về hạ tầng | Nhóm nhiệm vụ về hạ tầng | Nhóm nhiệm vụ về hạ tầng |
| 3 | Phủ sóng di động các thôn vùng sâu | | Viettel Bắc Ninh, VNPT Bắc Ninh | Năm 2026 | |
"""


def test_annex_table_rows():
    first = _render(ANNEX)
    assert [n for n, _ in first.unknown_names] == ["Sở Công Thương", "Sở Xây dựng", "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Viettel Bắc Ninh", "VNPT Bắc Ninh"]
    again, _ = _twice(ANNEX)
    rows = [o for o in again.outs if o.row]
    assert [o.line() for o in rows] == [
        "I. Nhóm nhiệm vụ về thể chế <!-- giao: - -->",
        "- Xây dựng quy chế quản lý cụm công nghiệp (Cơ quan chủ trì: Sở Công Thương; Cơ quan phối hợp: Sở Xây dựng; Sở Tài chính; Thời gian hoàn thành: Quý II/2026; Sản phẩm: Quyết định của UBND tỉnh)"
        " <!-- giao: Sở Công Thương (chủ trì); Sở Xây dựng (phối hợp); Sở Tài chính (phối hợp); hạn: Quý II/2026 --> <!-- sản phẩm: Quyết định của UBND tỉnh -->",
        "- Ban hành danh mục dịch vụ công trực tuyến (Cơ quan chủ trì: **Văn phòng UBND tỉnh**; Cơ quan phối hợp: Các sở, ban, ngành; Thời gian hoàn thành: Quý III/2026; Sản phẩm: Quyết định)"
        " <!-- giao: Văn phòng UBND tỉnh (chủ trì); Các sở, ban, ngành (phối hợp); hạn: Quý III/2026 --> <!-- sản phẩm: Quyết định -->",
        "II. Nhóm nhiệm vụ về hạ tầng <!-- giao: - -->",
        "- Phủ sóng di động các thôn vùng sâu (Cơ quan phối hợp: Viettel Bắc Ninh, VNPT Bắc Ninh; Thời gian hoàn thành: Năm 2026)"
        " <!-- giao: Viettel Bắc Ninh (phối hợp); VNPT Bắc Ninh (phối hợp); hạn: Năm 2026 -->",
    ]
    # the row without a lead inherits nothing, and is reported
    assert again.leadless_rows == [rows[-1].source]


def test_annex_table_cut_by_a_page_break():
    body = ANNEX.split("| II |")[0] + "\nTrang 2\n\n| 4 | Đào tạo kỹ năng số cho cán bộ | Sở Nội vụ | | Quý IV/2026 | Kế hoạch |\n"
    rendered = _render(body)
    assert _line_with(rendered, "- Đào tạo").endswith("<!-- giao: Sở Nội vụ (chủ trì); hạn: Quý IV/2026 --> <!-- sản phẩm: Kế hoạch -->")


RUNNING_TEXT = """IV. TỔ CHỨC THỰC HIỆN

1. Sở Y tế chủ trì, phối hợp với Sở Tài chính, Bảo hiểm xã hội tỉnh hướng dẫn thực hiện chính sách (thường xuyên).

2. Giao Sở Lao động - Thương binh và Xã hội theo dõi, tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.

3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh, Liên đoàn Lao động tỉnh tuyên truyền, vận động đoàn viên, hội viên.

4. Các sở, ban, ngành tỉnh; UBND các huyện, thị xã, thành phố căn cứ chức năng, nhiệm vụ xây dựng kế hoạch triển khai.

Ủy ban nhân dân tỉnh yêu cầu các Sở, ban, ngành, UBND các huyện, thị xã, thành phố nghiêm túc triển khai thực hiện Kế hoạch này.

Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo về Sở Kế hoạch và Đầu tư để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo.
"""


def test_running_text_subjects_supporters_and_closing():
    assert _unknown(RUNNING_TEXT) == [
        "Sở Y tế", "Bảo hiểm xã hội tỉnh", "Sở Lao động - Thương binh và Xã hội",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh", "Liên đoàn Lao động tỉnh",
        "Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố", "các Sở, ban, ngành",
    ]  # the issuer that asks and the receiver of reports are no doers
    again, groups = _twice(RUNNING_TEXT)
    assert ["các Sở, ban, ngành"] not in groups and any("các Sở, ban, ngành" in g for g in groups)
    assert _line_with(again, "Ủy ban nhân dân tỉnh yêu cầu").endswith("<!-- giao: các Sở, ban, ngành; UBND các huyện, thị xã, thành phố -->")
    assert _line_with(again, "Trong quá trình").endswith("<!-- giao: - -->")
    # sentences the build reads by its own rules carry no markup
    assert _line_with(again, "1. Sở Y tế").endswith("(thường xuyên).")


PARTY = """III. NHIỆM VỤ CỤ THỂ

1. Ban Tổ chức Huyện ủy

- Tham mưu Ban Thường vụ Huyện ủy kiện toàn tổ chức cơ sở đảng (quý I/2026).

2. Đảng đoàn Hội Nông dân huyện, Ban Thường vụ Huyện đoàn

- Hướng dẫn đoàn viên, hội viên học tập Nghị quyết.

3. Ủy ban Kiểm tra Huyện ủy: Chủ trì, phối hợp với Văn phòng Huyện ủy kiểm tra, giám sát (hằng năm).
"""


def test_party_plan_headings_and_subjects():
    assert _unknown(PARTY) == ["Ban Tổ chức Huyện ủy", "Đảng đoàn Hội Nông dân huyện", "Ban Thường vụ Huyện đoàn", "Ủy ban Kiểm tra Huyện ủy", "Văn phòng Huyện ủy"]


def test_purposes_and_preamble_name_no_doers():
    body = "Căn cứ Quyết định số 06/QĐ-TTg; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n\nSở Y tế chủ trì bảo đảm an toàn.\n\nII. NHIỆM VỤ\n\n1. Sở Công Thương chủ trì triển khai.\n"
    assert _unknown(body) == ["Sở Công Thương"]


# --- end to end: the provisional bodies make duties in the build ------------------------------

PLAN = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 77/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Ninh, ngày 12 tháng 3 năm 2026

KẾ HOẠCH
Phát triển thương mại điện tử năm 2026

Căn cứ Quyết định số 645/QĐ-TTg ngày 15/5/2020 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

Thúc đẩy thương mại điện tử trên địa bàn tỉnh.

II. NHIỆM VỤ

1. Đào tạo kỹ năng bán hàng trực tuyến
- Đơn vị chủ trì: Sở Công Thương.
- Đơn vị phối hợp: Hội Liên hiệp Phụ nữ tỉnh.
- Thời gian thực hiện: Quý II/2026.

2. Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Tài chính tuyên truyền trên các nền tảng số (thường xuyên).

III. TỔ CHỨC THỰC HIỆN

1. Đề nghị Hiệp hội Doanh nghiệp tỉnh vận động doanh nghiệp tham gia sàn thương mại điện tử.

Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo về Sở Công Thương để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn Bình
"""


def _registry_yaml(groups: list[list[str]]) -> str:
    def q(text: str) -> str:
        return '"' + text.replace('"', '\\"') + '"'

    lines = [
        "organisations:",
        "  - {id: trung-uong, name: Trung ương, level: central, parent: null, codes: [TW]}",
        f"  - {{id: {ORG}, name: Ủy ban nhân dân tỉnh Bắc Ninh, level: province, parent: trung-uong, codes: [UBND]}}",
        "bodies:",
        f"  {ORG}:",
    ]
    for ident, (name, aliases) in KNOWN.items():
        lines.append(f"    - {{id: {ident}, name: {q(name)}, aliases: [{', '.join(map(q, aliases))}], kind: body}}")
    for group in groups:
        lines.append(f"    - {{id: {slugify(group[0])[:60]}, name: {q(group[0])}, aliases: [{', '.join(map(q, group[1:]))}], kind: {kind_of(group[0])}}}")
    return "\n".join(lines) + "\n"


def test_end_to_end_provisional_bodies_make_duties(tmp_path: Path):
    """Simulates the lead's flow in convert(): the first render's unknown
    names, grouped, are written as registry entries; the draft built with
    them has every duty, and no unknown-body error."""
    from generator.importer import convert
    from generator.pipeline import build_corpus_with_report

    registry = tmp_path / "agencies.yml"
    registry.write_text(_registry_yaml([]), encoding="utf-8")
    names = [n for n, _ in _render(PLAN.split("Căn cứ", 1)[1].split("Nơi nhận:")[0]).unknown_names]
    groups = group_names(names)
    assert [g[0] for g in groups] == ["Sở Công Thương", "Hội Liên hiệp Phụ nữ tỉnh", "Sở Thông tin và Truyền thông", "Hiệp hội Doanh nghiệp tỉnh"]
    registry.write_text(_registry_yaml(groups), encoding="utf-8")
    draft = convert(PLAN, registry=registry, source="ke-hoach.txt")
    assert "đề xuất" not in draft.markdown.split("\n---\n", 1)[1]
    content = tmp_path / "site" / "content"
    content.mkdir(parents=True)
    shutil.copyfile(registry, content / "agencies.yml")
    (content / f"{draft.id}.md").write_text(draft.markdown, encoding="utf-8")
    corpus, report, _ = build_corpus_with_report(content.parent, content)
    assert not report.errors, [str(e) for e in report.errors]
    duties = sorted((t.anchor, tuple(sorted((a.agency.split("/")[1], a.role) for a in t.assignees)), t.deadline.phrase) for t in corpus.tasks)
    assert duties == [
        ("muc-ii-khoan-1", (("hoi-lien-hiep-phu-nu-tinh", "support"), ("so-cong-thuong", "lead")), "Quý II/2026"),
        ("muc-ii-khoan-2", (("so-tai-chinh", "support"), ("so-thong-tin-va-truyen-thong", "lead")), "thường xuyên"),
        ("muc-iii-khoan-1", (("hiep-hoi-doanh-nghiep-tinh", "assigned"),), ""),
    ]
