"""Malformed front matter: each case gets one exact Vietnamese message with
file and line, every problem is collected, and the CLI exits non-zero."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.load import load_corpus
from tests.conftest import ROOT, run_kehoach

GOOD = """\
---
id: ke-hoach-mau
type: ke-hoach
number: "12-KH/TU"
date: 2023-03-15
organisation: lam-dong
issuer: Ban Thường vụ Tỉnh ủy
title: Thực hiện Nghị quyết số 21-NQ/TW
signer:
  name: Nguyễn Văn A
  title: BÍ THƯ
  on_behalf: T/M BAN THƯỜNG VỤ
recipients:
  - Lưu Văn phòng Tỉnh ủy.
---

## I. MỤC ĐÍCH, YÊU CẦU

1. Ban Tổ chức Tỉnh ủy chủ trì thực hiện (quý I/2024).
"""


def diagnostics_for(tmp_path: Path, text: str, name: str = "ke-hoach-mau.md") -> list[str]:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    shutil.copy(ROOT / "content" / "agencies.yml", content / "agencies.yml")
    (content / name).write_text(text, encoding="utf-8")
    report = Report()
    load_corpus(content, tmp_path, report)
    return [str(d) for d in report.sorted()]


def test_the_good_plan_has_no_diagnostics(tmp_path):
    assert diagnostics_for(tmp_path, GOOD) == []


CASES = [
    (
        "yaml-syntax",
        GOOD.replace("issuer: Ban Thường vụ Tỉnh ủy", "issuer: Ban Thường vụ: Tỉnh ủy"),
        ["content/ke-hoach-mau.md:7: lỗi[cú-pháp-yaml]: phần đầu tệp (YAML) không đọc được: có dấu ':' ở chỗ không được phép "
         "(thường do giá trị chứa ':' mà không đặt trong ngoặc kép). Cách sửa: kiểm tra dấu hai chấm sau tên trường, thụt lề bằng "
         "dấu cách (không dùng Tab) và đặt giá trị có dấu ':' hoặc '#' trong ngoặc kép."],
    ),
    (
        "missing-title",
        GOOD.replace("title: Thực hiện Nghị quyết số 21-NQ/TW\n", ""),
        ["content/ke-hoach-mau.md:2: lỗi[thiếu-trường]: thiếu trường bắt buộc title (trích yếu). Cách sửa: thêm dòng 'title: ...' vào phần đầu tệp."],
    ),
    (
        "impossible-date",
        GOOD.replace("date: 2023-03-15", "date: 2023-02-31"),
        ["content/ke-hoach-mau.md:5: lỗi[ngày-không-hợp-lệ]: date (ngày ban hành): ngày 31/02/2023 không tồn tại. Cách sửa: kiểm tra lại ngày và tháng trong văn bản gốc."],
    ),
    (
        "date-in-vietnamese-order",
        GOOD.replace("date: 2023-03-15", 'date: "15/3/2023"'),
        ['content/ke-hoach-mau.md:5: lỗi[ngày-không-hợp-lệ]: date (ngày ban hành): "15/3/2023" không phải ngày dạng NĂM-THÁNG-NGÀY. '
         "Cách sửa: viết ví dụ 2022-12-22 cho ngày 22/12/2022, hoặc null nếu văn bản không ghi ngày."],
    ),
    (
        "unknown-type",
        GOOD.replace("type: ke-hoach", "type: kehoach"),
        ['content/ke-hoach-mau.md:3: lỗi[giá-trị-không-hợp-lệ]: type (loại văn bản): giá trị "kehoach" không hợp lệ. '
         "Cách sửa: chọn một trong: ke-hoach, chuong-trinh-hanh-dong, nghi-quyet, ket-luan, chi-thi, quy-dinh, quyet-dinh, "
         "huong-dan, thong-bao, cong-van, bao-cao, de-an."],
    ),
    (
        "recipients-not-a-list",
        GOOD.replace("recipients:\n  - Lưu Văn phòng Tỉnh ủy.", "recipients: Lưu Văn phòng Tỉnh ủy."),
        ['content/ke-hoach-mau.md:13: lỗi[sai-kiểu]: recipients (nơi nhận): giá trị "Lưu Văn phòng Tỉnh ủy." phải là danh sách '
         "(mỗi dòng bắt đầu bằng '- '). Cách sửa: sửa giá trị theo mẫu trong Hướng dẫn soạn thảo (chuỗi có dấu ':' đặt trong ngoặc kép)."],
    ),
    (
        "null-number-without-reason",
        GOOD.replace('number: "12-KH/TU"', "number: null"),
        ["content/ke-hoach-mau.md:2: lỗi[thiếu-trường]: thiếu trường number_note (lý do không có số): khi văn bản không ghi số phải nói lý do. "
         'Cách sửa: thêm dòng number_note: "không ghi trong văn bản".'],
    ),
    (
        "unknown-organisation",
        GOOD.replace("organisation: lam-dong", "organisation: lam-dongg"),
        ['content/ke-hoach-mau.md:6: lỗi[tổ-chức-không-rõ]: tổ chức "lam-dongg" không có trong danh mục content/agencies.yml. Cách sửa: có phải "lam-dong"?'],
    ),
    (
        "misspelt-field",
        GOOD.replace("issuer:", "isuer:"),
        [
            "content/ke-hoach-mau.md:2: lỗi[thiếu-trường]: thiếu trường bắt buộc issuer (cơ quan ban hành). Cách sửa: thêm dòng 'issuer: ...' vào phần đầu tệp.",
            'content/ke-hoach-mau.md:7: lỗi[trường-lạ]: phần đầu tệp: có trường không được hỗ trợ "isuer". Cách sửa: có phải "issuer"? '
            "Nếu không, xóa dòng này (xem danh sách trường trong Hướng dẫn soạn thảo).",
        ],
    ),
    (
        "duplicate-key",
        GOOD.replace("issuer: Ban Thường vụ Tỉnh ủy", "issuer: Ban Thường vụ Tỉnh ủy\nissuer: Tỉnh ủy"),
        ['content/ke-hoach-mau.md:8: lỗi[khóa-trùng]: trường "issuer" được khai báo hai lần (lần đầu ở dòng 7); YAML sẽ âm thầm bỏ giá trị đầu. Cách sửa: xóa một trong hai dòng.'],
    ),
    (
        "bad-id",
        GOOD.replace("id: ke-hoach-mau", "id: Kế hoạch mẫu"),
        ['content/ke-hoach-mau.md:2: lỗi[id-không-hợp-lệ]: id (mã định danh): "Kế hoạch mẫu" phải gồm chữ thường không dấu, chữ số và dấu gạch nối. Cách sửa: ví dụ: di-linh-90-kh-hu.'],
    ),
    (
        "no-front-matter",
        "## I. MỤC ĐÍCH\n\nNội dung.\n",
        ["content/ke-hoach-mau.md:1: lỗi[thiếu-front-matter]: tệp phải bắt đầu bằng dòng '---' rồi đến phần thông tin văn bản (YAML). "
         "Cách sửa: thêm phần đầu tệp theo mẫu trong Hướng dẫn soạn thảo."],
    ),
    (
        "unclosed-front-matter",
        GOOD.replace("---\n\n## I.", "\n## I."),
        ["content/ke-hoach-mau.md:1: lỗi[thiếu-front-matter]: phần thông tin văn bản mở bằng '---' ở dòng 1 nhưng không có dòng '---' đóng. "
         "Cách sửa: thêm một dòng '---' sau trường cuối cùng của phần đầu tệp."],
    ),
    (
        "basis-without-relation",
        GOOD.replace("recipients:", 'bases:\n  - document: "21-NQ/TW"\n    date: 2022-06-16\nrecipients:'),
        ["content/ke-hoach-mau.md:14: lỗi[thiếu-trường]: thiếu trường bắt buộc bases[0].relation — relation (quan hệ). Cách sửa: thêm dòng 'relation: ...' vào phần đầu tệp."],
    ),
    (
        "empty-file",
        "   \n",
        ["content/ke-hoach-mau.md:1: lỗi[tệp-rỗng]: tệp rỗng. Cách sửa: xóa tệp hoặc điền nội dung kế hoạch."],
    ),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_front_matter_message(tmp_path, name, text, expected):
    assert diagnostics_for(tmp_path, text) == expected


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word wrote it: base letters with their own
    marks precomposed, tone marks as separate combining characters."""
    import unicodedata

    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = next(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", d.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def test_windows_1258_file_is_named_not_rendered(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "agencies.yml", content / "agencies.yml")
    (content / "cu.md").write_bytes(_cp1258(GOOD))
    report = Report()
    plans, _ = load_corpus(content, tmp_path, report)
    assert plans == []
    assert [str(d) for d in report.diagnostics] == [
        "content/cu.md:7: lỗi[mã-hóa]: tệp không ở mã UTF-8: tệp có vẻ dùng bảng mã Windows-1258. Cách sửa: mở lại tệp với bảng mã "
        "Windows-1258 (Visual Studio Code: Reopen with Encoding → Vietnamese (Windows 1258); Notepad++: Encoding → Character sets → "
        "Vietnamese → Windows-1258) rồi lưu lại với mã UTF-8."
    ]


def test_duplicate_ids_across_files(tmp_path):
    diagnostics_for(tmp_path, GOOD.replace("id: ke-hoach-mau", "id: b"), "a.md")
    messages = diagnostics_for(tmp_path, GOOD.replace("id: ke-hoach-mau", "id: b"), "b.md")
    assert [m for m in messages if "id-khác-tên-tệp" not in m] == [
        'content/b.md:2: lỗi[trùng-id]: id "b" đã được dùng ở content/a.md. Cách sửa: đặt một id khác cho một trong hai kế hoạch.'
    ]


def test_bom_crlf_and_nfd_are_accepted(tmp_path):
    import unicodedata

    text = "\ufeff" + unicodedata.normalize("NFD", GOOD).replace("\n", "\r\n")
    assert diagnostics_for(tmp_path, text) == []


def test_check_collects_all_errors_and_fails(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    content = project / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "agencies.yml", content / "agencies.yml")
    (content / "a.md").write_text(GOOD.replace("id: ke-hoach-mau", "id: a").replace("date: 2023-03-15", "date: 2023-02-30"), encoding="utf-8")
    (content / "b.md").write_text(GOOD.replace("id: ke-hoach-mau", "id: b").replace("type: ke-hoach", "type: x"), encoding="utf-8")
    result = run_kehoach("check", "-f", str(project / "mkdocs.yml"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("content/a.md:5: lỗi[ngày-không-hợp-lệ]")
    assert lines[1].startswith("content/b.md:3: lỗi[giá-trị-không-hợp-lệ]")
    assert lines[-1] == "Tổng cộng: 2 lỗi, 0 cảnh báo."


def test_build_refuses_to_publish_and_keeps_the_old_site(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "pages", project / "pages")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    good = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--build-date", "2026-01-01")
    assert good.returncode == 0, good.stderr
    index = project / "site" / "index.html"
    before = index.read_bytes()
    plan = next((project / "content").glob("di-linh*.md"))
    plan.write_text(plan.read_text(encoding="utf-8").replace("date: 2022-12-22", "date: 2022-12-32"), encoding="utf-8")
    bad = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--build-date", "2026-02-02")
    assert bad.returncode == 1
    assert "lỗi[ngày-không-hợp-lệ]" in bad.stderr
    assert "trang cũ" in bad.stderr
    assert index.read_bytes() == before
    assert not list(project.glob(".site.*")), "staging directories must be cleaned up"
