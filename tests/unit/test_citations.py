"""Citation extractor: phrase -> the documents it cites, and their identity."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import vocabulary
from generator.citations import (
    document_key,
    document_slug,
    find_citations,
    scope_of,
    symbol_of,
)
from generator.model import DocRef, Organisation, Source
from generator.text import slugify

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"

BCH_TW = "Ban Chấp hành Trung ương"
BTV_TU = "Ban Thường vụ Tỉnh ủy"


def _read(text: str) -> list[tuple]:
    return [(symbol_of(c.ref), c.doc_type, c.date, c.issuer) for c in find_citations(text)]


# text -> [(symbol, doc_type, date, issuer), ...]
CASES = [
    # --- party numbering, every spelling of the corpus
    ("Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng về tăng cường",
     [("21-NQ/TW", "nghi-quyet", date(2022, 6, 16), "Ban Chấp hành Trung ương Đảng")]),
    ("Thực hiện Kết luận số 38 – KL/TW ngày 13/11/2018 của Bộ Chính trị về tổng kết 10 năm",
     [("38-KL/TW", "ket-luan", date(2018, 11, 13), "Bộ Chính trị")]),
    ("Quy định số 101- QĐ/TW của Ban Bí thư; Quy định số 55-QĐ/TW của Bộ Chính trị;",
     [("101-QĐ/TW", "quy-dinh", None, "Ban Bí thư"), ("55-QĐ/TW", "quy-dinh", None, "Bộ Chính trị")]),
    ("theo lộ trình tại Quyết định số 999 – QĐ/TU, Kế hoạch số 158 – KH/TU của Tỉnh ủy",
     [("999-QĐ/TU", "quyet-dinh", None, None), ("158-KH/TU", "ke-hoach", None, "Tỉnh ủy")]),
    ("Quy định số 17-QĐi/TU ngày 01/11/2018 của về trách nhiệm và phân công cấp ủy viên",
     [("17-QĐi/TU", "quy-dinh", date(2018, 11, 1), None)]),  # the seed omits the issuer
    ("Công văn số 12 – CV/BCĐ ngày 09/02/2018 của Ban Chỉ đạo Tỉnh ủy thực hiện Kết luận số 80",
     [("12-CV/BCĐ", "cong-van", date(2018, 2, 9), "Ban Chỉ đạo Tỉnh ủy")]),
    ("Nghị quyết số 04-NQ/ĐUK, ngày 28/7/2021 của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh về nâng cao",
     [("04-NQ/ĐUK", "nghi-quyet", date(2021, 7, 28), "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh")]),
    ("Số 90 -KH/HU", [("90-KH/HU", "ke-hoach", None, None)]),
    ("Kế hoạch số 90-KH/HU ngày 22 tháng 12 năm 2022 của Huyện ủy Di Linh.",
     [("90-KH/HU", "ke-hoach", date(2022, 12, 22), "Huyện ủy Di Linh")]),
    ("Chương trình hành động số 05-CTr/TU ngày 14/5/2021 của Tỉnh ủy về “Nâng cao năng lực",
     [("05-CTr/TU", "chuong-trinh-hanh-dong", date(2021, 5, 14), "Tỉnh ủy")]),
    ("theo Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng",
     [("36-HD/VPTW", "huong-dan", date(2018, 4, 3), "Văn phòng Trung ương Đảng")]),
    ("Hướng dẫn số 03-HD/TU ngày 31/10/2018 về nội dung sinh hoạt chi bộ thường kỳ",
     [("03-HD/TU", "huong-dan", date(2018, 10, 31), None)]),
    ("Thông báo số 12-TB/TU, Báo cáo số 7-BC/HU, Đề án số 01-ĐA/TU, Quy chế số 05-QC/TU",
     [("12-TB/TU", "thong-bao", None, None), ("7-BC/HU", "bao-cao", None, None),
      ("01-ĐA/TU", "de-an", None, None), ("05-QC/TU", "quy-che", None, None)]),
    ("Thông báo kết luận số 25-TB/TW của Bộ Chính trị",
     [("25-TB/TW", "thong-bao", None, "Bộ Chính trị")]),
    ("Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị. Tổ chức các đợt",
     [("05-CT/TW", "chi-thi", date(2016, 5, 15), "Bộ Chính trị")]),
    ("Chỉ thị 28 – CT/TW ngày 21/01/2019 của Ban Bí thư về nâng cao",
     [("28-CT/TW", "chi-thi", date(2019, 1, 21), "Ban Bí thư")]),
    ("[^2]: Chỉ thị số 28 – CT/TW ngày 21/01/2019 của Ban Bí thư[^3] về",  # a footnote, with a mark
     [("28-CT/TW", "chi-thi", date(2019, 1, 21), "Ban Bí thư")]),
    ("¹ Công văn số 12 – CV/BCĐ của Ban Chỉ đạo Tỉnh ủy¹", [("12-CV/BCĐ", "cong-van", None, "Ban Chỉ đạo Tỉnh ủy")]),
    # --- two numbers, one symbol
    ("về thực hiện Nghị quyết số 18, 19 – NQ/TW của Ban Chấp hành Trung ương. Hoàn thiện",
     [("18-NQ/TW", "nghi-quyet", None, BCH_TW), ("19-NQ/TW", "nghi-quyet", None, BCH_TW)]),
    ("các Nghị quyết số 18 và 19-NQ/TW ngày 25/10/2017",
     [("18-NQ/TW", "nghi-quyet", date(2017, 10, 25), None), ("19-NQ/TW", "nghi-quyet", date(2017, 10, 25), None)]),
    ("từ năm 2019, 21-NQ/TW", [("21-NQ/TW", "nghi-quyet", None, None)]),  # a list only after "số"
    # --- numbers broken by line breaks or spaces
    ("Chương trình hành động số 42-\nCTr/TU, ngày 27/10/2022 của Ban Thường vụ Tỉnh ủy; đổi mới",
     [("42-CTr/TU", "chuong-trinh-hanh-dong", date(2022, 10, 27), BTV_TU)]),
    ("Chương trình hành động số 42- CTr/TU", [("42-CTr/TU", "chuong-trinh-hanh-dong", None, None)]),
    ("Chương trình hành động số 42-\n\nCTr/TU và Kế hoạch này", [("42-CTr/TU", "chuong-trinh-hanh-dong", None, None)]),
    ("Nghị quyết số \n 04-NQ/ĐUK", [("04-NQ/ĐUK", "nghi-quyet", None, None)]),
    ("Kế hoạch số 158 – KH / TU", [("158-KH/TU", "ke-hoach", None, None)]),
    ("Nghị quyết số 21-NQ/TW, ngày \n\n16/6/2022 của Ban \n\nChấp hành Trung ương (khóa XIII)",
     [("21-NQ/TW", "nghi-quyet", date(2022, 6, 16), BCH_TW)]),
    # --- dates
    ("Nghị quyết số 21-NQ/TW ngày 16-6-2022", [("21-NQ/TW", "nghi-quyet", date(2022, 6, 16), None)]),
    ("Nghị quyết số 21-NQ/TW, ngày 16/6/2022", [("21-NQ/TW", "nghi-quyet", date(2022, 6, 16), None)]),
    ("Kế hoạch số 45-KH/TU ngày 31/10/22", [("45-KH/TU", "ke-hoach", date(2022, 10, 31), None)]),
    ("Kế hoạch số 45-KH/TU ngày 31/02/2022", [("45-KH/TU", "ke-hoach", None, None)]),  # no such day
    ("Nghị quyết số 21-NQ/TW về tăng cường, ngày 16/6/2022", [("21-NQ/TW", "nghi-quyet", None, None)]),
    # --- issuers: where the name ends
    ("Kết luận số 38-KL/TW của Bộ Chính trị tổng kết 10 năm", [("38-KL/TW", "ket-luan", None, "Bộ Chính trị")]),
    ("Kết luận số 38-KL/TW của Bộ Chính trị và tiếp tục thực hiện",
     [("38-KL/TW", "ket-luan", None, "Bộ Chính trị")]),
    ("Kế hoạch số 11-KH/TU ngày 24/5/2021 của Tỉnh ủy và Nghị quyết số 04-NQ/ĐUK",
     [("11-KH/TU", "ke-hoach", date(2021, 5, 24), "Tỉnh ủy"), ("04-NQ/ĐUK", "nghi-quyet", None, None)]),
    ("Hướng dẫn số 05-HD/BTGTU của Ban Tuyên giáo và Dân vận Tỉnh ủy về",
     [("05-HD/BTGTU", "huong-dan", None, "Ban Tuyên giáo và Dân vận Tỉnh ủy")]),
    ("Kế hoạch số 167-KH/TU ngày 08/4/2019 của Ban Thường vụ Tỉnh ủy “về thực hiện việc nêu gương",
     [("167-KH/TU", "ke-hoach", date(2019, 4, 8), BTV_TU)]),
    ("Kế hoạch số 158 – KH/TU ngày 14/3/2019 của BTVTU.", [("158-KH/TU", "ke-hoach", date(2019, 3, 14), "BTVTU")]),
    ("Nghị quyết số 22-NQ/TW của Ban Chấp hành Trung ương (khóa X) về", [("22-NQ/TW", "nghi-quyet", None, BCH_TW)]),
    ("Nghị quyết số 21-NQ/TW của các cấp ủy, tổ chức đảng", [("21-NQ/TW", "nghi-quyet", None, None)]),
    ("Nghị quyết số 21-NQ/TW, của Bộ Chính trị", [("21-NQ/TW", "nghi-quyet", None, "Bộ Chính trị")]),
    ("Quyết định số 1200-QĐ/TU ngày 01/11/2018 của Tỉnh uỷ[^3]",  # old tone placement
     [("1200-QĐ/TU", "quyet-dinh", date(2018, 11, 1), "Tỉnh ủy")]),
    # --- type from the code when the words are absent; words win over the code
    ("thực hiện 21-NQ/TW và 42-CTr/TU", [("21-NQ/TW", "nghi-quyet", None, None), ("42-CTr/TU", "chuong-trinh", None, None)]),
    ("theo 17-QĐi/TU và 1200-QĐ/TU", [("17-QĐi/TU", "quy-dinh", None, None), ("1200-QĐ/TU", "quyet-dinh", None, None)]),
    ("Nghị quyết số 21-KL/TW và Kế hoạch này", [("21-KL/TW", "nghi-quyet", None, None)]),  # seeds/000 typo kept
    # --- state numbering
    ("Kế hoạch số 141/KH-UBND ngày 22/12/2022 của Ủy ban nhân dân tỉnh",
     [("141/KH-UBND", "ke-hoach", date(2022, 12, 22), "Ủy ban nhân dân tỉnh")]),
    ("Chỉ thị số 32/CT-TTg của Thủ tướng Chính phủ", [("32/CT-TTg", "chi-thi", None, "Thủ tướng Chính phủ")]),
    ("Nghị định số 80/2021/NĐ-CP ngày 26/8/2021 của Chính phủ",
     [("80/2021/NĐ-CP", "nghi-dinh", date(2021, 8, 26), "Chính phủ")]),
    ("Thông tư số 01/2021/TT-BNV của Bộ Nội vụ", [("01/2021/TT-BNV", "thong-tu", None, "Bộ Nội vụ")]),
    ("Nghị quyết số 197/2025/QH15 của Quốc hội về", [("197/2025/QH15", "nghi-quyet", None, "Quốc hội")]),
    ("Luật số 59/2020/QH14", [("59/2020/QH14", "luat", None, None)]),
    ("theo 197/2025/QH15", [("197/2025/QH15", None, None, None)]),  # law or resolution: the number alone cannot say
    ("Quyết định 1234/QĐ-TTg và 12/2023/TTLT-BTC-BNV",
     [("1234/QĐ-TTg", "quyet-dinh", None, None), ("12/2023/TTLT-BTC-BNV", "thong-tu-lien-tich", None, None)]),
    # --- not document numbers
    ("**ĐẾN** Số: 12107 Ngày: 31/10/22", []),
    ("ban hành ngày 16/6/2022 và 16-6-2022", []),
    ("toàn đảng bộ có 1/5 Chi bộ Quỹ tín dụng", []),
    ("Tỷ lệ kết nạp đảng viên hằng năm đạt từ 3- 4% và 3-4%", []),
    ("giai đoạn 2020- 2025, 2021 - 2025", []),
    ("đạt từ 03 - 04%/tổng số đảng viên", []),
    ("đạt 35 - 40%⁴; điểm 2.3b, khoản 2.2-3", []),
    ("Kết luận số 80 (nay là Ban Chỉ đạo thực hiện Chỉ 33).", []),
    ("các đoàn thể CT-XH tỉnh, T/M BAN THƯỜNG VỤ, Đ/c Tỉnh ủy viên", []),
    ("số 12345678-NQ/TW, 21-XY/TW, 21-NQ/tw", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_find_citations(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_nfd_text_reads_the_same(text, expected):
    assert _read(unicodedata.normalize("NFD", text)) == expected


# text -> the spans as written
SPANS = [
    ("Kết luận số 38 – KL/TW của Bộ Chính trị", ["38 – KL/TW"]),
    ("Quy định số 101- QĐ/TW", ["101- QĐ/TW"]),
    ("Nghị quyết số 18, 19 – NQ/TW của", ["18", "19 – NQ/TW"]),
    ("số 42-\nCTr/TU", ["42-\nCTr/TU"]),
    ("Số 90 -KH/HU", ["90 -KH/HU"]),
    ("số 80/2021/NĐ-CP và 197/2025/QH15", ["80/2021/NĐ-CP", "197/2025/QH15"]),
]


@pytest.mark.parametrize(("text", "raws"), SPANS)
def test_spans_cover_the_number_as_written(text, raws):
    citations = find_citations(text)
    assert [c.raw for c in citations] == raws
    assert all(text[c.start : c.end] == c.raw for c in citations)


def test_spans_of_nfd_text_point_into_the_nfd_text():
    text = unicodedata.normalize("NFD", "Đẩy mạnh Quyết định số 999 – QĐ/TU của Tỉnh ủy; Quy định số 17-QĐi/TU")
    citations = find_citations(text)
    assert [unicodedata.normalize("NFC", text[c.start : c.end]) for c in citations] == ["999 – QĐ/TU", "17-QĐi/TU"]
    assert all(text[c.start : c.end] == c.raw for c in citations)


def test_refs_keep_number_type_and_issuer_apart():
    party, state, assembly = find_citations("số 05-CTr/TU, 80/2021/NĐ-CP, 197/2025/QH15")
    assert party.ref == DocRef("05", None, "CTr", "TU", "party")
    assert state.ref == DocRef("80", 2021, "NĐ", "CP", "state")
    assert assembly.ref == DocRef("197", 2025, "", "QH15", "state")
    assert party.ref.symbol == "05-CTr/TU" and state.ref.symbol == "80/2021/NĐ-CP"


def test_seed_001_every_numbered_document():
    text = (SEEDS / "001_a8459892ed64a80b.txt").read_text(encoding="utf-8")
    symbols = {symbol_of(c.ref) for c in find_citations(text)}
    assert symbols == {
        "38-KL/TW", "22-NQ/TW", "05-CT/TW", "43-KL/TU", "101-QĐ/TW", "55-QĐ/TW",
        "08-QĐ/TW", "167-KH/TU", "999-QĐ/TU", "18-NQ/TW", "19-NQ/TW", "12-CV/BCĐ",
        "28-CT/TW", "158-KH/TU", "92-KH/TU", "18-KL/TW", "17-QĐi/TU", "03-HD/TU",
        "1200-QĐ/TU", "45-KH/TU",
    }  # fmt: skip


def test_seed_001_footnotes_and_dates():
    text = (SEEDS / "001_a8459892ed64a80b.txt").read_text(encoding="utf-8")
    dated = {(symbol_of(c.ref), c.date) for c in find_citations(text) if c.date}
    assert dated == {
        ("38-KL/TW", date(2018, 11, 13)), ("05-CT/TW", date(2016, 5, 15)), ("43-KL/TU", date(2016, 5, 16)),
        ("167-KH/TU", date(2019, 4, 8)), ("999-QĐ/TU", date(2018, 4, 10)), ("12-CV/BCĐ", date(2018, 2, 9)),
        ("28-CT/TW", date(2019, 1, 21)), ("158-KH/TU", date(2019, 3, 14)), ("92-KH/TU", date(2017, 11, 23)),
        ("17-QĐi/TU", date(2018, 11, 1)), ("03-HD/TU", date(2018, 10, 31)), ("1200-QĐ/TU", date(2018, 11, 1)),
        ("45-KH/TU", date(2011, 12, 20)),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_35026e5ea7ed4fe0.txt", {"21-NQ/TW", "07-KH/TW", "05-CTr/TU", "21-KL/TW"}),
        ("002_0bb5d7836b360056.txt", {"90-KH/HU", "42-CTr/TU", "21-NQ/TW", "05-CT/TW"}),
        ("004_366d80ce46f44ef5.txt", {"21-NQ/TW", "42-CTr/TU", "11-KH/TU", "04-NQ/ĐUK", "04-QĐ/ĐUK"}),
    ],
)
def test_other_seeds(seed, expected):
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert {symbol_of(c.ref) for c in find_citations(text)} == expected


# --- tables ---------------------------------------------------------------------


def test_every_doc_type_has_a_known_default_code():
    assert set(vocabulary.CODE_OF.values()) <= set(vocabulary.CODE_NAMES)
    for code, name in vocabulary.CODE_NAMES.items():  # the slug derived from a code maps back to it
        assert vocabulary.CODE_OF[slugify(name)] == code


# --- identity -------------------------------------------------------------------


def _org(id_, level, parent):
    return Organisation(id=id_, name=id_, level=level, parent=parent, source=Source("content/agencies.yml", 1))


ORGANISATIONS = {
    o.id: o
    for o in [
        _org("trung-uong", "central", None),
        _org("binh-phuoc", "province", "trung-uong"),
        _org("lam-dong", "province", "trung-uong"),
        _org("lam-dong-di-linh", "district", "lam-dong"),
        _org("lam-dong-khoi-cqt", "khoi", "lam-dong"),
    ]
}


def _ref(text: str) -> DocRef:
    (citation,) = find_citations(text)
    return citation.ref


@pytest.mark.parametrize(
    ("number", "citing", "scope"),
    [
        ("21-NQ/TW", "lam-dong-di-linh", "trung-uong"),
        ("36-HD/VPTW", "binh-phuoc", "trung-uong"),
        ("42-CTr/TU", "lam-dong-di-linh", "lam-dong"),
        ("42-CTr/TU", "lam-dong-khoi-cqt", "lam-dong"),
        ("42-CTr/TU", "lam-dong", "lam-dong"),
        ("158-KH/TU", "binh-phuoc", "binh-phuoc"),
        ("90-KH/HU", "lam-dong-di-linh", "lam-dong-di-linh"),
        ("04-NQ/ĐUK", "lam-dong-khoi-cqt", "lam-dong-khoi-cqt"),
        ("04-NQ/ĐUK", "lam-dong", "lam-dong"),  # no khối among the ancestors: the citing one
        ("12-CV/BCĐ", "binh-phuoc", "binh-phuoc"),
        ("05-HD/BTGTU", "lam-dong-di-linh", "lam-dong"),
        ("32/CT-TTg", "lam-dong-di-linh", "trung-uong"),
        ("80/2021/NĐ-CP", "binh-phuoc", "trung-uong"),
        ("197/2025/QH15", "binh-phuoc", "trung-uong"),
        ("01/2021/TT-BNV", "binh-phuoc", "trung-uong"),
        ("141/KH-UBND", "lam-dong-khoi-cqt", "lam-dong"),
        ("141/KH-UBND", "lam-dong-di-linh", "lam-dong-di-linh"),
        ("12/KH-BCĐ", "lam-dong", "lam-dong"),
        ("42-CTr/TU", "unknown-org", "unknown-org"),
    ],
)
def test_scope_of(number, citing, scope):
    assert scope_of(_ref(number), citing, ORGANISATIONS) == scope


@pytest.mark.parametrize(
    ("number", "scope", "key", "slug"),
    [
        ("21-NQ/TW", "trung-uong", "trung-uong/21-NQ/TW", "trung-uong-21-nq-tw"),
        ("42- \nCTr/TU", "lam-dong", "lam-dong/42-CTr/TU", "lam-dong-42-ctr-tu"),
        ("17-QĐi/TU", "binh-phuoc", "binh-phuoc/17-QĐi/TU", "binh-phuoc-17-qdi-tu"),
        ("04-NQ/ĐUK", "lam-dong-khoi-cqt", "lam-dong-khoi-cqt/04-NQ/ĐUK", "lam-dong-khoi-cqt-04-nq-duk"),
        ("80/2021/NĐ-CP", "trung-uong", "trung-uong/80/2021/NĐ-CP", "trung-uong-80-2021-nd-cp"),
        ("197/2025/QH15", "trung-uong", "trung-uong/197/2025/QH15", "trung-uong-197-2025-qh15"),
    ],
)
def test_document_key_and_slug(number, scope, key, slug):
    assert document_key(_ref(number), scope) == key
    assert document_slug(key) == slug


# --- properties -----------------------------------------------------------------

# Text made mostly of what numbers are made of, so that near-misses are common.
_PIECES = st.sampled_from(
    ["số ", "Nghị quyết ", "Kế hoạch số ", "ngày ", "của ", "Tỉnh ủy", "và", ", ", "\n", " ", "–", "-", "/",
     "NQ", "QĐi", "QĐ", "CTr", "TW", "TU", "ĐUK", "BCĐ", "QH15", "UBND", "TTg", "2022", "16", "6", "42", "\u0301"]
)  # fmt: skip
_TEXT = st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map("".join))


@settings(max_examples=400)
@given(_TEXT)
def test_never_raises_and_spans_lie_inside_the_text(text):
    previous_end = 0
    for citation in find_citations(text):
        assert previous_end <= citation.start < citation.end <= len(text)
        assert text[citation.start : citation.end] == citation.raw
        previous_end = citation.end
