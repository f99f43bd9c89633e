"""Text copied from a legal web portal's page, as such pages really copy: the
letterhead's cells one after another with a lone "|" after each (no row
breaks), each cell broken where the page's HTML source broke it, and the
body with no blank line at all, wrapped anywhere."""

from __future__ import annotations

import shutil

import pytest

from generator.importer import convert, import_file, portal
from generator.pipeline import build_corpus_with_report
from tests.conftest import ROOT

REGISTRY = ROOT / "content" / "agencies.yml"

COPIED = """\
ỦY
BAN NHÂN DÂN
TỈNH YÊN BÁI
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số:
512/KH-UBND
|
Yên Bái, ngày
03 tháng 3 năm 2026
|
KẾ HOẠCH
TRIỂN KHAI
PHONG TRÀO THI ĐUA XÂY DỰNG NÔNG THÔN MỚI NĂM 2026
Căn cứ Quyết định số 263/QĐ-TTg ngày
22/02/2022 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh ban hành
Kế hoạch triển khai phong trào như sau:
I. MỤC ĐÍCH, YÊU
CẦU
1. Mục đích
Tạo khí thế thi đua sôi nổi trong các tầng lớp Nhân dân, phấn đấu hoàn thành
các chỉ tiêu năm 2026.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nông nghiệp và Môi trường
Chủ trì, phối hợp với Sở Tài chính tham mưu phân bổ kinh phí hỗ trợ các xã
(hoàn thành trong quý II/2026).
2. Sở
Văn hóa, Thể thao và Du lịch là cơ quan thường trực, tổ chức tuyên truyền về phong trào
(thường xuyên).
3. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh
Vận động đoàn viên, hội viên tham gia phong trào (thường xuyên).
PHỤ LỤC
CÁC NHIỆM VỤ TRỌNG TÂM
STT
|
Nhiệm vụ
|
Cơ quan chủ trì
|
Cơ quan phối hợp
|
Thời gian hoàn thành
|
I
|
NHÓM NHIỆM VỤ VỀ TUYÊN TRUYỀN
|
|
|
|
1
|
Xây dựng chuyên mục về nông thôn mới
|
Báo Yên Bái
|
Sở Văn hóa, Thể thao và Du lịch
|
Tháng 6/2026
|
2
|
Tổng kết phong trào
|
Sở Nông nghiệp và Môi trường
|
Các sở, ban, ngành tỉnh
|
Năm 2026
|
Nơi nhận:
- Như trên;
- Lưu: VT.
|
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Dũng
|
"""


def test_the_letterhead_cells_are_read_by_what_they_hold():
    text = portal.normalise(COPIED)
    head = text.split("KẾ HOẠCH")[0].split("\n")
    assert [l for l in head if l] == [
        "ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "Số: 512/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Yên Bái, ngày 03 tháng 3 năm 2026",
    ]


def test_a_task_table_that_runs_into_the_signature_is_two_tables():
    text = portal.normalise(COPIED)
    assert "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |" in text
    assert "| 1 | Xây dựng chuyên mục về nông thôn mới | Báo Yên Bái | Sở Văn hóa, Thể thao và Du lịch | Tháng 6/2026 |" in text
    assert "| 2 | Tổng kết phong trào | Sở Nông nghiệp và Môi trường | Các sở, ban, ngành tỉnh | Năm 2026 |" in text
    # the signature block stays a layout: recipients, then the signature
    tail = text[text.index("Nơi nhận:"):].split("\n")
    assert tail[:6] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_inline_rows_of_a_letterhead():
    text = portal.normalise("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 30/KH-UBND | Yên Bái, ngày 09 tháng 10 năm 2025 |\nKẾ HOẠCH\n")
    assert text.split("\n")[:4] == ["ỦY BAN NHÂN DÂN", "Số: 30/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Yên Bái, ngày 09 tháng 10 năm 2025"]


@pytest.fixture(scope="module")
def draft():
    return convert(COPIED, registry=REGISTRY, source="yen-bai.txt")


def test_metadata_of_a_copied_page(draft):
    meta = draft.meta
    assert (meta.number, meta.date.isoformat(), meta.issuer) == ("512/KH-UBND", "2026-03-03", "Ủy ban nhân dân tỉnh Yên Bái")
    assert meta.title.upper() == "TRIỂN KHAI PHONG TRÀO THI ĐUA XÂY DỰNG NÔNG THÔN MỚI NĂM 2026"
    assert meta.organisation.new and meta.organisation.name == "Ủy ban nhân dân tỉnh Yên Bái"
    assert (meta.signer_title, meta.signer_name) == ("PHÓ CHỦ TỊCH", "Trần Văn Dũng")


def test_wrapped_lines_without_blank_lines_become_the_paragraphs(draft):
    body = draft.markdown.split("\n---\n", 1)[1]
    # a title line and the paragraph under it stay apart; a wrapped sentence is one paragraph
    assert "### 1. Mục đích\n\nTạo khí thế thi đua sôi nổi trong các tầng lớp Nhân dân, phấn đấu hoàn thành các chỉ tiêu năm 2026." in body
    assert "## I. MỤC ĐÍCH, YÊU CẦU" in body
    # a body's name broken over two lines is not cut into a title and a paragraph
    assert "2. Sở Văn hóa, Thể thao và Du lịch là cơ quan thường trực, tổ chức tuyên truyền về phong trào (thường xuyên)." in body
    assert "3. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh\n\nVận động đoàn viên" in body.replace("### ", "")


def test_duties_of_a_copied_page(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copyfile(REGISTRY, content / "agencies.yml")
    source = tmp_path / "yen-bai.txt"
    source.write_text(COPIED, encoding="utf-8")
    result = import_file(source, content)
    corpus, report, _ = build_corpus_with_report(tmp_path, content)
    assert not report.errors, [str(e) for e in report.errors]
    got = {(corpus.agencies[a.agency].name, a.role, t.deadline.kind) for t in corpus.tasks if t.plan == result.plan_id for a in t.assignees}
    assert {
        ("Sở Nông nghiệp và Môi trường", "lead", "once"),
        ("Sở Tài chính", "support", "once"),
        ("Sở Văn hóa, Thể thao và Du lịch", "assigned", "recurring"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "assigned", "recurring"),
        ("Báo Yên Bái", "lead", "once"),
        ("Sở Văn hóa, Thể thao và Du lịch", "support", "once"),
    } <= got
    # the group title of the annex is no duty
    assert not any("NHÓM NHIỆM VỤ" in t.text for t in corpus.tasks)
