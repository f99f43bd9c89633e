"""The Excel round trip as an office runs it: export a workbook per body,
fill it in as a clerk would (mistakes included), import it, build again."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from generator.pipeline import build_corpus
from generator.progress import duty_id, state_of
from tests.conftest import ROOT, run_kehoach

BODY = "binh-phuoc/ban-to-chuc"
OTHER = "binh-phuoc/ban-tuyen-giao"
BUILD_DATE = "2026-11-23"


def make_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("content", "pages", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def kehoach(project: Path, *args: str):
    return run_kehoach(*args, cwd=project)


def test_export_fill_import_build(tmp_path):
    project = make_project(tmp_path)
    out = project / "dist" / "tien-do"
    done = kehoach(project, "progress", "export", "--build-date", BUILD_DATE)
    assert done.returncode == 0, done.stderr
    book_path = out / "binh-phuoc--ban-to-chuc.xlsx"
    other_path = out / "binh-phuoc--ban-tuyen-giao.xlsx"
    assert book_path.is_file() and other_path.is_file()
    assert "Đã xuất" in done.stderr and "binh-phuoc--ban-to-chuc.xlsx" in done.stderr

    book = load_workbook(book_path)
    sheet = book["Tiến độ"]
    ids = [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value]
    assert len(ids) >= 10
    other_id = load_workbook(other_path)["Tiến độ"]["A2"].value

    # A clerk's filling, a row per kind of mistake.
    sheet["G2"], sheet["H2"], sheet["I2"], sheet["J2"] = "Hoàn thành", datetime(2024, 3, 15), "Đã tổ chức hội nghị", "Báo cáo số 15-BC/BTCTU ngày 15/3/2024"
    sheet["G3"], sheet["H3"] = "Xong rồi", datetime(2024, 3, 1)  # not a status
    sheet["G4"], sheet["H4"] = "Đang thực hiện", "31/02/2024"  # no such day
    sheet["G5"], sheet["H5"] = "Không thực hiện", datetime(2024, 4, 1)  # no reason
    sheet["A6"], sheet["G6"], sheet["H6"] = "NV-ZZZZZZZZ", "Hoàn thành", datetime(2024, 4, 1)  # unknown id
    sheet["A7"], sheet["G7"], sheet["H7"] = other_id, "Hoàn thành", datetime(2024, 4, 1)  # another body's duty
    sheet["A8"], sheet["G8"], sheet["H8"] = ids[7], "Hoàn thành", datetime(2024, 4, 1)  # id of row 9 typed on row 8
    sheet["G9"] = "Đang thực hiện"  # no date
    sheet["G10"], sheet["H10"], sheet["I10"] = "đang thực hiện", "01/06/2024", "Đã xây dựng dự thảo"  # a written date
    sheet["G11"], sheet["H11"], sheet["K11"] = "Không thực hiện", "2024-05-01", "Trung ương đã thay đổi chủ trương"
    extra = sheet.max_row + 1
    for col in "ABCDEF":  # a second report of row 10's duty: the row copied below
        sheet[f"{col}{extra}"] = sheet[f"{col}10"].value
    sheet[f"G{extra}"], sheet[f"H{extra}"], sheet[f"J{extra}"] = "Hoàn thành", datetime(2024, 9, 30), "Báo cáo số 20-BC/BTCTU"
    sheet[f"A{extra + 1}"], sheet[f"D{extra + 1}"] = ids[1], sheet["D3"].value
    sheet[f"G{extra + 1}"], sheet[f"H{extra + 1}"] = "Hoàn thành", "01/01/2099"  # in the future
    filled = tmp_path / "ban-to-chuc-da-dien.xlsx"
    book.save(filled)
    broken = tmp_path / "hong.xlsx"
    broken.write_text("không phải sổ Excel", encoding="utf-8")

    done = kehoach(project, "progress", "import", str(filled), str(broken))
    assert done.returncode == 1, done.stderr
    f = str(filled) + "!Tiến độ!"
    said = [line for line in done.stderr.splitlines() if "lỗi[" in line or "cảnh báo[" in line]
    expected = [
        (f"{f}G3: lỗi[trạng-thái]: trạng thái “Xong rồi” không có trong danh sách."),
        (f"{f}H4: lỗi[ngày-không-hợp-lệ]: “31/02/2024” không phải ngày có thật."),
        (f"{f}K5: lỗi[thiếu-lý-do]: báo cáo “Không thực hiện” phải nêu lý do"),
        (f"{f}A6: lỗi[mã-nhiệm-vụ]: không có nhiệm vụ nào mang mã “NV-ZZZZZZZZ”"),
        (f"{f}A7: lỗi[khác-cơ-quan]: nhiệm vụ {other_id} là của cơ quan {OTHER}, không phải của {BODY}"),
        (f"{f}A8: lỗi[mã-bị-sửa]: mã {ids[7]} không khớp nội dung của dòng: ô D8 không phải nhiệm vụ mang mã này mà là nhiệm vụ {ids[6]}"),
        (f"{f}H9: lỗi[thiếu-ngày]: báo cáo không có ngày"),
        (f"{f}H{extra + 1}: lỗi[ngày-không-hợp-lệ]: ngày 01/01/2099 ở sau hôm nay"),
        (f"{broken}: lỗi[tệp-excel]: không phải tệp Excel .xlsx"),
    ]
    assert len(said) == len(expected), done.stderr
    for line, start in zip(said, expected):
        assert line.startswith(start), (line, start)
    assert "Traceback" not in done.stderr
    assert f"Cách sửa: sửa ô A8 thành {ids[6]}" in done.stderr

    record_file = project / "content" / "tien-do" / "binh-phuoc--ban-to-chuc.yml"
    written = record_file.read_bytes()
    text = written.decode("utf-8")
    assert text.count("- date:") == 4
    for n in (0, 8, 9):
        assert f"duty: {ids[n]}" in text
    assert "Trung ương đã thay đổi chủ trương" in text

    # The same file again: nothing new, not a byte changed.
    again = kehoach(project, "progress", "import", str(filled))
    assert again.returncode == 1  # its bad rows are still bad
    assert record_file.read_bytes() == written
    assert "Không có báo cáo mới nào." in again.stderr

    # A fresh export carries the latest reports; imported untouched, it changes nothing and fails nothing.
    fresh_dir = tmp_path / "fresh"
    done = kehoach(project, "progress", "export", "-o", str(fresh_dir), "--body", BODY, "--build-date", BUILD_DATE)
    assert done.returncode == 0, done.stderr
    fresh = load_workbook(fresh_dir / "binh-phuoc--ban-to-chuc.xlsx")["Tiến độ"]
    assert (fresh["G10"].value, fresh["H10"].value.date()) == ("Hoàn thành", date(2024, 9, 30))
    assert (fresh["G2"].value, fresh["J2"].value) == ("Hoàn thành", "Báo cáo số 15-BC/BTCTU ngày 15/3/2024")
    done = kehoach(project, "progress", "import", str(fresh_dir))
    assert done.returncode == 0, done.stderr
    assert record_file.read_bytes() == written

    # A duty with a due date, in another body's workbook, reported done.
    before, _ = build_corpus(project, project / "content", build_date=date.fromisoformat(BUILD_DATE))
    dated = next(
        (t, a.agency) for t in before.tasks for a in t.assignees
        if a.agency in before.agencies and a.agency != BODY and t.deadline.due and t.deadline.kind != "recurring"
    )
    dated_id = duty_id(*dated)
    dated_book = load_workbook(out / (dated[1].replace("/", "--") + ".xlsx"))
    dated_sheet = dated_book["Tiến độ"]
    row = next(r for r in range(2, dated_sheet.max_row + 1) if dated_sheet.cell(row=r, column=1).value == dated_id)
    dated_sheet[f"G{row}"], dated_sheet[f"H{row}"] = "Hoàn thành", datetime(2025, 6, 30)
    dated_sheet[f"I{row}"], dated_sheet[f"J{row}"] = "Đã ban hành quy định", "Báo cáo số 7-BC/TU ngày 30/6/2025"
    dated_book.save(tmp_path / "co-thoi-han.xlsx")
    done = kehoach(project, "progress", "import", str(tmp_path / "co-thoi-han.xlsx"))
    assert done.returncode == 0, done.stderr

    # The build reads what was written: no message about it, and the states follow.
    site = tmp_path / "site"
    done = kehoach(project, "build", "-d", str(site), "--build-date", BUILD_DATE)
    assert done.returncode == 0, done.stderr
    assert "tien-do" not in done.stderr
    corpus, report = build_corpus(project, project / "content", build_date=date.fromisoformat(BUILD_DATE))
    assert not [d for d in report.diagnostics if d.source and "tien-do" in d.source.file]
    duties = {duty_id(t, a.agency): t for t in corpus.tasks for a in t.assignees}
    states = {n: state_of(corpus, duties[ids[n]], BODY).code for n in (0, 8, 9)}
    assert states[0].startswith("hoan-thanh") and states[9] == "khong-thuc-hien"
    assert state_of(corpus, duties[ids[8]], BODY).report.date == date(2024, 9, 30)
    tasks = json.loads((site / "data" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    by_id = {t["id"]: t for t in tasks}
    assert by_id[ids[9]]["state"]["code"] == "khong-thuc-hien"
    assert by_id[ids[9]]["report"]["reason"] == "Trung ương đã thay đổi chủ trương"
    assert by_id[ids[0]]["state"]["code"] == states[0]
    assert (by_id[ids[8]]["report"]["status"], by_id[ids[8]]["report"]["date"]) == ("hoan-thanh", "2024-09-30")
    assert by_id[ids[1]]["report"] is None  # its rows were refused

    # The body's page: each duty's state and its history of reports.
    body_page = (site / "co-quan" / "binh-phuoc" / "ban-to-chuc.html").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<tr[^>]*data-id="(NV-[^"]+)".*?</tr>', body_page, re.S)}
    assert 'data-state="khong-thuc-hien"' in rows[ids[9]] and "Trung ương đã thay đổi chủ trương" in rows[ids[9]]
    assert f'data-state="{states[0]}"' in rows[ids[0]] and "Báo cáo số 15-BC/BTCTU ngày 15/3/2024" in rows[ids[0]]
    assert "Các báo cáo trước (1)" in rows[ids[8]]  # the earlier "Đang thực hiện" kept as history
    assert "Chưa có báo cáo" in rows[ids[1]]  # its only row was refused

    # The dashboard counts the two completed duties of the whole site (ids[8] is recurring: reported, not closed).
    home = (site / "index.html").read_text(encoding="utf-8")
    completed = [t for t in tasks if t["state"]["code"].startswith("hoan-thanh")]
    assert len(completed) == 2, [(t["id"], t["state"], t["deadline"]) for t in tasks if t["id"] in (ids[0], ids[8])]
    assert re.search(r'<strong data-fig="da-hoan-thanh">\s*2\s*</strong>|<span data-fig="da-hoan-thanh">2</span>', home)

    # The calendar of the body whose dated duty was done: the event says so, with its evidence.
    ics = (site / "data" / "lich" / (dated[1].replace("/", "--") + ".ics")).read_bytes().decode("utf-8").replace("\r\n ", "")
    events = [e for e in ics.split("BEGIN:VEVENT")[1:] if f"UID:{dated[0].id}|{dated[1]}@kehoach" in e]
    assert len(events) == 1, ics[:2000]
    assert "STATUS:COMPLETED" in events[0]
    assert "Văn bản báo cáo: Báo cáo số 7-BC/TU ngày 30/6/2025" in events[0] and "Kết quả: Đã ban hành quy định" in events[0]
    assert sum("STATUS:COMPLETED" in e for e in ics.split("BEGIN:VEVENT")[1:]) == 1  # nothing else claims to be done


def test_a_workbook_of_another_body_edited_header_and_xls(tmp_path):
    project = make_project(tmp_path)
    done = kehoach(project, "progress", "export", "-o", str(tmp_path / "x"), "--body", BODY, "--build-date", BUILD_DATE)
    assert done.returncode == 0, done.stderr
    book = load_workbook(tmp_path / "x" / "binh-phuoc--ban-to-chuc.xlsx")
    book["Tiến độ"]["G1"] = "Tình hình"
    edited = tmp_path / "sua-tieu-de.xlsx"
    book.save(edited)
    xls = tmp_path / "cu.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    done = kehoach(project, "progress", "import", str(edited), str(xls))
    assert done.returncode == 1
    assert f"{edited}!Tiến độ!G1: lỗi[tiêu-đề-cột]: dòng tiêu đề đã bị sửa: thiếu cột “Trạng thái” (ô G1 nay ghi “Tình hình”)" in done.stderr
    assert f"{xls}: lỗi[tệp-excel]: đây là tệp Excel đời cũ (.xls)" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "content" / "tien-do").exists() or not any((project / "content" / "tien-do").iterdir())
    # export refuses to write among the plans, and keeps a filled workbook it would overwrite
    done = kehoach(project, "progress", "export", "-o", str(project / "content" / "x"))
    assert done.returncode == 1 and "nằm trong thư mục nội dung" in done.stderr
    book["Tiến độ"]["G1"] = "Trạng thái"
    book["Tiến độ"]["G2"] = "Hoàn thành"
    book.save(tmp_path / "x" / "binh-phuoc--ban-to-chuc.xlsx")
    done = kehoach(project, "progress", "export", "-o", str(tmp_path / "x"), "--body", BODY, "--build-date", BUILD_DATE)
    assert done.returncode == 1 and "không ghi đè" in done.stderr
    assert load_workbook(tmp_path / "x" / "binh-phuoc--ban-to-chuc.xlsx")["Tiến độ"]["G2"].value == "Hoàn thành"
