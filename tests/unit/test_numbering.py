"""One numbering grammar: every label the importer writes is read back the
same by the build (generator/numbering.py)."""

from __future__ import annotations


import pytest

from generator.diagnostics import Report
from generator.importer import convert
from generator.numbering import enumeration, item_level, read_label, read_part
from generator.structure import parse_body
from tests.conftest import ROOT

REGISTRY = ROOT / "content" / "agencies.yml"

# (as printed in the source, kind, label, level of the node the build makes)
LABELS = [
    ("I. MỤC ĐÍCH, YÊU CẦU", "part", "I", 1),
    ("II - NHIỆM VỤ CỤ THỂ", "part", "II", 1),
    ("III- TỔ CHỨC THỰC HIỆN", "part", "III", 1),
    ("IV: KINH PHÍ", "part", "IV", 1),
    ("1. Mục đích", "item", "1", 2),
    ("2. Ban Tổ chức Huyện ủy", "item", "2", 2),
    ("3) Sở Nội vụ", "item", "3", 2),
    ("2.1. Mục tiêu chung", "item", "2.1", 3),
    ("2.1.3. Tiết nhỏ", "item", "2.1.3", 4),
    ("12. Khoản mười hai", "item", "12", 2),
]


@pytest.mark.parametrize("printed, kind, label, level", LABELS)
def test_the_grammar_reads_each_label(printed, kind, label, level):
    read = read_part(printed) if kind == "part" else read_label(printed)
    assert read is not None and read.kind == kind and read.label == label and read.level == level


@pytest.mark.parametrize("text", ["2022. Năm bản lề", "Việt Nam", "V ới", "a)b", "100. Một trăm", "1.Liền chữ"])
def test_not_labels(text):
    assert read_label(text) is None
    assert read_part(text) is None


def test_levels_and_enumerations():
    assert [item_level(x) for x in ("1", "1.2", "1.2.3", "a")] == [2, 3, 4, 0]
    assert [m.group("label") for m in enumeration("Gồm: (1) một; (2) hai; (4) bốn; (3) ba")] == ["1", "2", "3"]
    assert enumeration("chỉ có (1) một") == []


def _plan(body: list[str]) -> str:
    return "\n\n".join(
        [
            "ĐẢNG BỘ TỈNH LÂM ĐỒNG",
            "HUYỆN ỦY DI LINH",
            "Số 12-KH/HU",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Di Linh, ngày 10 tháng 01 năm 2023",
            "KẾ HOẠCH",
            "thử cách đánh số",
            "Thực hiện Kế hoạch số 90-KH/HU, Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:",
            *body,
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Nguyễn Văn An",
        ]
    )


def test_every_label_the_importer_writes_is_read_back_the_same():
    body = [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Nâng cao chất lượng.",
        "II - NHIỆM VỤ CỤ THỂ",
        "1. Ban Tổ chức Huyện ủy",
        "1.1. Rà soát tổ chức cơ sở đảng trong quý I/2023.",
        "1.1.1. Tổng hợp kết quả rà soát.",
        "a) Báo cáo Ban Thường vụ Huyện ủy.",
        "- Hướng dẫn các chi bộ.",
        "2. Văn phòng Huyện ủy",
        "- Theo dõi, tổng hợp.",
        "III- TỔ CHỨC THỰC HIỆN",
        "Các chi bộ triển khai thực hiện.",
    ]
    draft = convert(_plan(body), registry=REGISTRY, source="x.txt")
    text = draft.markdown.split("\n---\n", 1)[1]
    nodes, _ = parse_body(text, "x.md", 1, Report())
    got = {}
    for top in nodes:
        for node in top.walk():
            if node.label:
                got[node.number or node.label] = (node.label, node.level)
    for printed in [b for b in body if read_part(b) or (read_label(b) and read_label(b).kind in ("item", "letter"))]:
        source = read_part(printed) or read_label(printed)
        key = source.printed
        assert key in got, (printed, sorted(got))
        label, level = got[key]
        assert label == source.label
        if source.kind != "letter":
            assert level == source.level, printed
