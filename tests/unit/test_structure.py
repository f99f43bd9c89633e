from generator.diagnostics import Report
from generator.structure import parse_body

BODY = """\
Căn cứ Nghị quyết số 21-NQ/TW; Ban Thường vụ ban hành như sau:

## I - MỤC ĐÍCH, YÊU CẦU

1. Các cấp ủy nắm vững
nội dung Nghị quyết.

## II. NHIỆM VỤ

### 1. Đổi mới công tác

1.1. Đổi mới và thực hiện (*thực hiện từ quý II năm 2019*).

1.2. Xây dựng đề án.

- Gạch đầu dòng một.
- Gạch đầu dòng hai. <!-- giao: Ban Tổ chức Tỉnh ủy (chủ trì) -->

### 2. Đảng đoàn Hội đồng nhân dân tỉnh

Chỉ đạo xây dựng chính sách.

### 2. Mục đánh số trùng

***

Kế hoạch này thay thế Kế hoạch số 45-KH/TU.

[^1]: Chú thích một.
"""


def _parse():
    report = Report()
    nodes, notes = parse_body(BODY, "content/x.md", 10, report)
    return nodes, notes, report


def _flat(nodes):
    for n in nodes:
        yield from n.walk()


def test_anchors_levels_and_lines():
    nodes, _, _ = _parse()
    got = [(n.anchor, n.kind, n.level, n.heading, n.source.line) for n in _flat(nodes)]
    assert got == [
        ("mo-dau-doan-1", "paragraph", 0, False, 10),
        ("muc-i", "part", 1, True, 12),
        ("muc-i-khoan-1", "item", 2, False, 14),
        ("muc-ii", "part", 1, True, 17),
        ("muc-ii-khoan-1", "item", 2, True, 19),
        ("muc-ii-khoan-1-diem-1-1", "item", 3, False, 21),
        ("muc-ii-khoan-1-diem-1-2", "item", 3, False, 23),
        ("muc-ii-khoan-1-diem-1-2-gach-1", "bullet", 0, False, 25),
        ("muc-ii-khoan-1-diem-1-2-gach-2", "bullet", 0, False, 26),
        ("muc-ii-khoan-2", "item", 2, True, 28),
        ("muc-ii-khoan-2-doan-1", "paragraph", 0, False, 30),
        ("muc-ii-khoan-2-2", "item", 2, True, 32),
        ("ket-doan-1", "paragraph", 0, False, 36),
    ]


def test_continuation_lines_are_joined_and_markup_is_taken_out():
    nodes, _, _ = _parse()
    by_anchor = {n.anchor: n for n in _flat(nodes)}
    assert by_anchor["muc-i-khoan-1"].text == "1. Các cấp ủy nắm vững nội dung Nghị quyết."
    bullet = by_anchor["muc-ii-khoan-1-diem-1-2-gach-2"]
    assert bullet.text == "Gạch đầu dòng hai."
    assert bullet.directive == "giao: Ban Tổ chức Tỉnh ủy (chủ trì)"


def test_footnotes_and_duplicate_numbering_warning():
    _, notes, report = _parse()
    assert [(f.key, f.text, f.source.line) for f in notes] == [("1", "Chú thích một.", 38)]
    assert [str(d) for d in report.diagnostics] == [
        "content/x.md:32: cảnh báo[đánh-số-trùng]: Mục 2. có số thứ tự trùng với một mục trước; liên kết của nó là "
        "#muc-ii-khoan-2-2. Cách sửa: nếu văn bản gốc đánh số trùng thì giữ nguyên; nếu do nhập liệu, sửa số thứ tự."
    ]


def test_anchors_are_ascii():
    nodes, _, _ = _parse()
    for n in _flat(nodes):
        assert n.anchor.isascii() and " " not in n.anchor
