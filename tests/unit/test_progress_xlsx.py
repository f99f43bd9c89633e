"""The progress workbook (export, reading back) and the writer of content/tien-do/."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from generator.diagnostics import Report
from generator.model import ProgressReport, Source
from generator.pipeline import build_corpus
from generator.progress import load_progress
from generator.progress_write import merged_text, progress_path, render
from generator.progress_xlsx import HEADERS, body_workbook, duty_rows, read_date, read_workbook, workbook_name

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 23)
BODY = "binh-phuoc/ban-to-chuc"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("p")
    shutil.copytree(ROOT / "content", root / "content")
    return root


@pytest.fixture(scope="module")
def corpus(project):
    return build_corpus(project, project / "content", build_date=DAY, audience="mat")[0]


@pytest.fixture(scope="module")
def rows(corpus):
    return duty_rows(corpus)


@pytest.fixture
def exported(tmp_path, corpus, rows) -> Path:
    path = tmp_path / workbook_name(BODY)
    path.write_bytes(body_workbook(corpus, BODY, rows[BODY], day=DAY, audience="noi-bo"))
    return path


def read(path, rows, today=DAY):
    duties = {r.id: r for held in rows.values() for r in held}
    return read_workbook(path, path.name, duties, today)


def said(book) -> list[str]:
    return [str(d) for d in book.report.diagnostics]


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime(2024, 3, 15), date(2024, 3, 15)),
        (date(2024, 3, 15), date(2024, 3, 15)),
        ("15/3/2024", date(2024, 3, 15)),
        (" 15/03/2024 ", date(2024, 3, 15)),
        ("15-03-2024", date(2024, 3, 15)),
        ("15.03.2024", date(2024, 3, 15)),
        ("2024-03-15", date(2024, 3, 15)),
        ("31/02/2024", None),
        ("15/13/2024", None),
        ("tháng 3/2024", None),
        (45366, None),  # a bare number is not taken for an Excel date
    ],
)
def test_dates_a_clerk_writes(value, expected):
    assert read_date(value)[0] == expected


def test_the_workbook_of_a_body(exported, rows):
    assert workbook_name(BODY) == "binh-phuoc--ban-to-chuc.xlsx"
    book = load_workbook(exported)
    sheet = book["Tiến độ"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == len(rows[BODY]) + 1
    assert [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)] == [r.id for r in rows[BODY]]
    assert sheet.freeze_panes == "B2"
    assert sheet.print_title_rows == "$1:$1"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize, sheet.page_setup.fitToWidth) == ("landscape", 9, 1)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    (status,) = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert status.formula1 == '"Chưa thực hiện,Đang thực hiện,Hoàn thành,Không thực hiện"'
    assert str(status.sqref).startswith("G2:G")
    assert sheet["D2"].alignment.wrap_text and sheet.column_dimensions["D"].width == 50
    marker = book["kehoach"]
    assert marker.sheet_state == "veryHidden" and marker.protection.sheet
    assert (marker["A2"].value, marker["B2"].value) == ("Mã cơ quan", BODY)
    assert book.properties.subject == BODY


def test_the_bytes_depend_only_on_the_content_and_the_day(corpus, rows):
    one = body_workbook(corpus, BODY, rows[BODY], day=DAY, audience="noi-bo")
    assert one == body_workbook(corpus, BODY, rows[BODY], day=DAY, audience="noi-bo")
    assert one != body_workbook(corpus, BODY, rows[BODY], day=date(2026, 11, 24), audience="noi-bo")


def test_an_untouched_workbook_gives_nothing(exported, rows):
    book = read(exported, rows)
    assert (book.agency, book.reports, said(book)) == (BODY, [], [])
    assert book.rows == book.unchanged == len(rows[BODY])


def test_moved_columns_still_read_and_an_added_column_is_said(exported, rows, tmp_path):
    book = load_workbook(exported)
    sheet = book["Tiến độ"]
    sheet.move_range("K1:K40", cols=1)  # "Lý do" one column to the right
    sheet["K1"], sheet["K2"] = "Ghi chú", "đã xong"
    sheet["G2"], sheet["H2"], sheet["L2"] = "Không thực hiện", "1/4/2024", "không còn phù hợp"
    path = tmp_path / "moved.xlsx"
    book.save(path)
    got = read(path, rows)
    assert [(r.status, r.date, r.reason) for r in got.reports] == [("khong-thuc-hien", date(2024, 4, 1), "không còn phù hợp")]
    assert said(got) == [
        "moved.xlsx!Tiến độ!K1: cảnh báo[cột-lạ]: cột K (“Ghi chú”) không có trong mẫu; nội dung của nó không được nhập. "
        "Cách sửa: ghi kết quả vào cột “Kết quả”, văn bản báo cáo vào cột “Văn bản báo cáo”."
    ]


def test_a_cleared_report_is_kept_and_said(project, tmp_path):
    folder = project / "content" / "tien-do"
    folder.mkdir(exist_ok=True)
    corpus0 = build_corpus(project, project / "content", build_date=DAY, audience="mat")[0]
    first = duty_rows(corpus0)[BODY][0]
    record = folder / "tmp-test.yml"
    record.write_text(f"progress:\n  - duty: {first.id}\n    reports:\n      - date: 2024-01-02\n        status: dang-thuc-hien\n", encoding="utf-8")
    try:
        corpus1 = build_corpus(project, project / "content", build_date=DAY, audience="mat")[0]
        rows1 = duty_rows(corpus1)
        path = tmp_path / "a.xlsx"
        path.write_bytes(body_workbook(corpus1, BODY, rows1[BODY], day=DAY, audience="noi-bo"))
        book = load_workbook(path)
        assert (book["Tiến độ"]["G2"].value, book["Tiến độ"]["H2"].value) == ("Đang thực hiện", datetime(2024, 1, 2))
        book["Tiến độ"]["G2"] = book["Tiến độ"]["H2"] = None
        book.save(path)
        got = read(path, rows1)
        assert got.reports == []
        assert said(got)[0].startswith(f"a.xlsx!Tiến độ!G2: cảnh báo[báo-cáo-bị-xóa]: báo cáo đã có của nhiệm vụ {first.id} bị xóa trong tệp")
    finally:
        record.unlink()


def _encrypted_like(path: Path) -> None:
    # An encrypted .xlsx is an OLE compound file holding an "EncryptionInfo" stream.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 256 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 256)


def test_files_that_are_not_the_workbook(tmp_path, rows, exported):
    cases = {}
    _encrypted_like(tmp_path / "mat-khau.xlsx")
    cases["mat-khau.xlsx"] = "lỗi[tệp-excel]: tệp có mật khẩu (được mã hóa), không đọc được."
    (tmp_path / "cu.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    cases["cu.xlsx"] = "lỗi[tệp-excel]: đây là tệp Excel đời cũ (.xls), không phải .xlsx."
    (tmp_path / "chu.xlsx").write_text("Mã nhiệm vụ;Trạng thái\n", encoding="utf-8")
    cases["chu.xlsx"] = "lỗi[tệp-excel]: không phải tệp Excel .xlsx"
    (tmp_path / "cat.xlsx").write_bytes(exported.read_bytes()[:3000])
    cases["cat.xlsx"] = "lỗi[tệp-excel]: tệp .xlsx bị hỏng"
    plain = Workbook()
    plain.active.append(HEADERS)
    plain.save(tmp_path / "khong-dau.xlsx")
    cases["khong-dau.xlsx"] = "lỗi[dấu-cơ-quan]: không thấy dấu cơ quan của tệp (trang ẩn “kehoach”)"
    book = load_workbook(exported)
    book["Tiến độ"].title = "Sheet1"
    book["Sheet1"]["A1"] = "Mã"
    book.save(tmp_path / "doi-ten.xlsx")
    cases["doi-ten.xlsx"] = "lỗi[tiêu-đề-cột]: không thấy trang tính nào có dòng tiêu đề bắt đầu bằng “Mã nhiệm vụ”"
    for name, start in cases.items():
        got = read(tmp_path / name, rows)
        assert len(got.report.errors) == 1 and said(got)[0].startswith(f"{name}: {start}"), (name, said(got))


def test_a_renamed_sheet_is_read_under_its_name(tmp_path, rows, exported):
    book = load_workbook(exported)
    book["Tiến độ"].title = "Sheet1"
    book["Sheet1"]["G2"] = "Chưa có"
    book["Sheet1"]["H2"] = "1/1/2024"
    book.save(tmp_path / "s.xlsx")
    assert said(read(tmp_path / "s.xlsx", rows))[0].startswith("s.xlsx!Sheet1!G2: lỗi[trạng-thái]")


# --- the writer -----------------------------------------------------------------


TRICKY = ['say "yes": no', "# not a comment", "yes", "null", "- a list?", "100", "a\\b", "Báo cáo số 15-BC/BTCTU ngày 15/3/2024"]


def test_what_is_written_reads_back_the_same(tmp_path):
    content = tmp_path / "content"
    path = progress_path(content, BODY)
    assert path == content / "tien-do" / "binh-phuoc--ban-to-chuc.yml"
    additions = [
        ProgressReport("NV-00000001", date(2024, 1, n + 1), "dang-thuc-hien", text, text, None, Source("x", n))
        for n, text in enumerate(TRICKY)
    ]
    about = {"NV-00000001": ("p-1", BODY, "Nhiệm vụ: “trích” 'dẫn'")}
    text = merged_text(path, "x", additions, about, {}, "Ban Tổ chức Tỉnh ủy (binh-phuoc/ban-to-chuc)")
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    report = Report()
    records = load_progress(content, tmp_path, report)
    assert report.diagnostics == []
    record = records["NV-00000001"]
    assert (record.plan, record.agency, record.text) == about["NV-00000001"]
    assert [(r.result, r.evidence) for r in record.reports] == [(t, t) for t in TRICKY]


def test_merging_keeps_what_is_there_and_adds_each_report_once(tmp_path):
    path = tmp_path / "content" / "tien-do" / "a--b.yml"
    path.parent.mkdir(parents=True)
    path.write_text(
        "progress:\n"
        "  - duty: nv-0000000z\n    plan: gone\n    reports:\n      - date: 2020-01-01\n        status: Hoàn thành\n"
        "  - duty: NV-00000002\n    reports:\n      - date: 2024-05-01\n        status: dang-thuc-hien\n        result: '  hai   dòng '\n",
        encoding="utf-8",
    )
    new = ProgressReport("NV-00000002", date(2024, 2, 1), "chua-thuc-hien", None, None, None, Source("x", 1))
    order = {"NV-00000002": 0}
    once = merged_text(path, "x", [new, new], {}, order, "t")
    assert once.count("- date:") == 3
    assert "duty: NV-0000000Z" in once and "status: hoan-thanh" in once  # the orphan stays (ids and words normalised)
    assert once.index("2024-02-01") < once.index("2024-05-01")  # history oldest first
    assert 'result: "hai dòng"' in once
    assert once.index("NV-00000002") < once.index("NV-0000000Z")  # current duties in content order, the rest after
    path.write_text(once, encoding="utf-8")
    assert merged_text(path, "x", [new], {}, order, "t") == once
    assert render([], "t").endswith("progress: []\n")
