"""PDF input for ``kehoach import``: plans written once as fixture sources,
printed to PDF the way offices print them (tests/importkit/pdf.py), must
come back from ``read_pdf`` as the source's blocks, and convert to the right
number and date; files that cannot be read are refused with a Vietnamese
message naming them."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.importer import convert, import_file
from generator.importer.pdf import read_pdf
from generator.importer.sources import ImportFailed, read_plan, read_source
from generator.importer.text import TO_SUPERSCRIPT
from tests.conftest import ROOT
from tests.importkit.pdf import make_pdf
from tests.importkit.source import PlanSource, block_text, parse_source, to_text

REGISTRY = ROOT / "content" / "agencies.yml"

_TASKS = "\n".join(
    f"| {n} | {task} | {lead} | {when} |"
    for n, (task, lead, when) in enumerate(
        [
            ("Rà soát, chuẩn hóa dữ liệu hộ tịch, dân cư trên địa bàn tỉnh, kết nối với Cơ sở dữ liệu quốc gia về dân cư", "Sở Tư pháp", "Quý I/2026"),
            ("Xây dựng kho dữ liệu dùng chung của tỉnh và ban hành quy chế khai thác, chia sẻ dữ liệu", "Sở Khoa học và Công nghệ", "Tháng 6/2026"),
            ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực", "Văn phòng UBND tỉnh", "Năm 2026"),
            ("Bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã", "Sở Nội vụ", "Hằng năm"),
            ("Triển khai thanh toán không dùng tiền mặt trong trường học và cơ sở y tế", "Sở Giáo dục và Đào tạo", "Quý II/2026"),
            ("Kiểm tra, đánh giá an toàn thông tin các hệ thống thông tin cấp độ 3 trở lên", "Công an tỉnh", "Thường xuyên"),
        ]
        * 5,
        start=1,
    )
)

STATE = f"""ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC NINH || Độc lập - Tự do - Hạnh phúc
Số: 141/KH-UBND || Bắc Ninh, ngày 20 tháng 11 năm 2025

KẾ HOẠCH

Triển khai thực hiện Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia trên địa bàn tỉnh Bắc Ninh giai đoạn 2026 - 2030

Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030; Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Khai thác hiệu quả Cơ sở dữ liệu quốc gia về dân cư, phục vụ giải quyết thủ tục hành chính, cung cấp dịch vụ công trực tuyến, góp phần cải cách hành chính và phát triển kinh tế - xã hội của tỉnh.

- Phấn đấu đến năm 2030 có trên 80% hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình.

2. Yêu cầu

Các sở, ban, ngành, Ủy ban nhân dân các xã, phường xác định đây là nhiệm vụ trọng tâm, bố trí đủ nguồn lực; phân công rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm.

II. NHIỆM VỤ CỤ THỂ

1. **Công an tỉnh** chủ trì, phối hợp với Sở Khoa học và Công nghệ hướng dẫn, kiểm tra việc kết nối, chia sẻ dữ liệu giữa các hệ thống thông tin của tỉnh với Cơ sở dữ liệu quốc gia về dân cư (*hoàn thành trong quý I/2026*).

2. Các nhiệm vụ cụ thể được phân công tại bảng sau:

| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |
|---|---|---|---|
{_TASKS}

III. TỔ CHỨC THỰC HIỆN

a) Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách hằng năm của các cơ quan, đơn vị theo quy định.

b) Các cơ quan, đơn vị báo cáo kết quả thực hiện về Công an tỉnh trước ngày 15 tháng 12 hằng năm để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.

::: footer
Nơi nhận: || TM. ỦY BAN NHÂN DÂN
- Bộ Công an (b/c); || KT. CHỦ TỊCH
- TTTU, TTHĐND tỉnh (b/c); || PHÓ CHỦ TỊCH
- Các sở, ban, ngành; || 
- Lưu: VT, NC. || Nguyễn Văn An
"""

PARTY = """ĐẢNG BỘ TỈNH LÂM ĐỒNG || ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY DI LINH || 
* || Di Linh, ngày 22 tháng 12 năm 2022
Số 90-KH/HU || 

KẾ HOẠCH

thực hiện Chương trình hành động số 42-CTr/TU của Tỉnh ủy về tiếp tục đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị

Thực hiện Chương trình hành động số 42-CTr/TU, ngày 27/10/2022 của Tỉnh ủy Lâm Đồng, Ban Thường vụ Huyện ủy ban hành Kế hoạch thực hiện như sau:

I- MỤC ĐÍCH, YÊU CẦU

1. Quán triệt sâu sắc, đầy đủ nội dung Nghị quyết số 21-NQ/TW của Ban Chấp hành Trung ương Đảng đến cán bộ, đảng viên; tạo chuyển biến rõ nét về nhận thức và hành động.

II- NHIỆM VỤ VÀ GIẢI PHÁP

1. Ban Tổ chức Huyện ủy

- Chủ trì, phối hợp với Văn phòng Huyện ủy tham mưu Ban Thường vụ Huyện ủy rà soát, sắp xếp các tổ chức cơ sở đảng (*hoàn thành trong tháng 3/2023*).

- Hướng dẫn các chi bộ, đảng bộ cơ sở thực hiện việc đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên hằng năm (*thực hiện thường xuyên*).

2. Ủy ban Kiểm tra Huyện ủy

Tăng cường kiểm tra, giám sát việc thực hiện nhiệm vụ của tổ chức đảng và đảng viên; kịp thời phát hiện, xử lý nghiêm các vi phạm.

::: footer
Nơi nhận: || T/M BAN THƯỜNG VỤ
- Ban Thường vụ Tỉnh ủy (b/c), || BÍ THƯ
- Các chi bộ, đảng bộ cơ sở, || 
- Lưu Văn phòng Huyện ủy. || Nguyễn Văn Bình
"""

NOTES = """ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC NINH || Độc lập - Tự do - Hạnh phúc
Số: 617/KH-UBND || Bắc Ninh, ngày 05 tháng 3 năm 2025

KẾ HOẠCH

Thực hiện chuyển đổi số năm 2025

Căn cứ Nghị quyết số 57-NQ/TW[^1] ngày 22/12/2024 của Bộ Chính trị; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. NHIỆM VỤ

1. Sở Khoa học và Công nghệ chủ trì triển khai nền tảng số dùng chung của tỉnh, bảo đảm kết nối với các hệ thống của Trung ương[^2] và báo cáo kết quả trước ngày 30/6/2025.

[^1]: Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.

[^2]: Theo Công văn số 12/BKHCN-CĐSQG của Bộ Khoa học và Công nghệ.

::: footer
Nơi nhận: || TM. ỦY BAN NHÂN DÂN
- Như trên; || CHỦ TỊCH
- Lưu: VT. || 
 || Trần Văn Cường
"""


# --- what the source says the PDF holds ----------------------------------------------


def _superscripted(text: str, source: PlanSource) -> str:
    order = {}
    for block in source.blocks:
        for key in re.findall(r"\[\^([^\]\s]+)\]", block_text(block) if block.kind != "table" else ""):
            order.setdefault(key, len(order) + 1)

    return re.sub(r"\[\^([^\]\s]+)\]", lambda m: str(order[m.group(1)]).translate(TO_SUPERSCRIPT), text)


def _pipe(row: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"


def _expected_body(source: PlanSource) -> list[str]:
    out = []
    for block in source.blocks:
        if block.kind == "table":
            out += [_pipe(r) for r in block.rows]
        elif block.kind != "footnote":
            out.append(_superscripted(block_text(block), source))
    return out


def _unmarked(text: str) -> str:
    return text.replace("**", "").replace("*", "") if text != "*" else text


def _blocks(text: str) -> list[str]:
    assert "\n\n\n" not in text
    return [b.strip() for b in text.split("\n\n") if b.strip()]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = {}
    folder = tmp_path_factory.mktemp("pdf")
    for name, text, options in [
        ("state", STATE, {}),
        ("party", PARTY, {"running_header": "Kế hoạch số 90-KH/HU của Huyện ủy Di Linh", "pages_of_filler": 2}),
        ("notes", NOTES, {}),
        ("state, numbers at the top", STATE, {"page_number_at": "top", "running_header": "Kế hoạch số 141/KH-UBND ngày 20/11/2025"}),
    ]:
        source = parse_source(text)
        path = make_pdf(source, folder / f"{name}.pdf", **options)
        out[name] = (source, path, read_pdf(path), options)
    return out


# --- the text ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["state", "party", "notes", "state, numbers at the top"])
def test_letterhead_columns_come_apart(pdfs, name):
    source, _, text, _ = pdfs[name]
    blocks = _blocks(text)
    left = [l for l, _ in source.letterhead if l]
    right = [r for _, r in source.letterhead if r]
    assert [_unmarked(b) for b in blocks[: len(left) + len(right)]] == left + right


@pytest.mark.parametrize("name", ["state", "party", "notes", "state, numbers at the top"])
def test_body_blocks_are_the_source_paragraphs(pdfs, name):
    source, _, text, options = pdfs[name]
    blocks = _blocks(text)
    start = sum(1 for pair in source.letterhead for side in pair if side)
    body = _expected_body(source)
    assert blocks[start : start + len(body)] == body
    filler = blocks[start + len(body) : start + len(body) + options.get("pages_of_filler", 0) * 8]
    assert all(re.fullmatch(r"Đoạn bổ sung thứ \d+\. Các cơ quan, .* để tổng hợp, báo cáo\.", b) for b in filler), filler


@pytest.mark.parametrize("name", ["state", "party", "notes", "state, numbers at the top"])
def test_signature_block_columns_come_apart(pdfs, name):
    source, _, text, _ = pdfs[name]
    blocks = _blocks(text)
    notes = sum(1 for b in source.blocks if b.kind == "footnote")
    left = [l for l, _ in source.footer if l]
    right = [r for _, r in source.footer if r]
    tail = blocks[len(blocks) - notes - len(left) - len(right) : len(blocks) - notes]
    assert [_unmarked(b) for b in tail] == left + right


@pytest.mark.parametrize("name", ["state", "party", "notes", "state, numbers at the top"])
def test_no_page_numbers_or_running_heads(pdfs, name):
    source, path, text, options = pdfs[name]
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
    assert pages >= (3 if options.get("pages_of_filler") else 1)
    blocks = _blocks(text)
    assert not [b for b in blocks if re.fullmatch(r"\d{1,3}", b)]
    if options.get("running_header"):
        assert options["running_header"] not in text


def test_table_over_two_pages_is_one_table(pdfs):
    source, path, text, _ = pdfs["state"]
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        spans = [i for i, page in enumerate(pdf.pages) if page.find_tables()]
    assert len(spans) >= 2, "the fixture's table must break across a page"
    rows = [b for b in _blocks(text) if b.startswith("|")]
    table = next(b for b in source.blocks if b.kind == "table")
    assert rows == [_pipe(r) for r in table.rows]  # the header once, every row once, in order
    assert not [b for b in _blocks(text) if "chuẩn hóa dữ liệu hộ tịch" in b and not b.startswith("|")]  # not also as paragraphs


def test_footnotes_marks_and_bodies(pdfs):
    source, _, text, _ = pdfs["notes"]
    blocks = _blocks(text)
    assert "Căn cứ Nghị quyết số 57-NQ/TW¹ ngày 22/12/2024" in text
    assert "của Trung ương² và báo cáo" in text
    assert blocks[-2:] == [
        "¹ Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.",
        "² Theo Công văn số 12/BKHCN-CĐSQG của Bộ Khoa học và Công nghệ.",
    ]


# --- what the importer makes of it ------------------------------------------------------------


@pytest.mark.parametrize(
    "name, number, when, signer",
    [
        ("state", "141/KH-UBND", date(2025, 11, 20), "Nguyễn Văn An"),
        ("party", "90-KH/HU", date(2022, 12, 22), "Nguyễn Văn Bình"),
        ("notes", "617/KH-UBND", date(2025, 3, 5), "Trần Văn Cường"),
        ("state, numbers at the top", "141/KH-UBND", date(2025, 11, 20), "Nguyễn Văn An"),
    ],
)
def test_convert_reads_number_date_and_signer(pdfs, name, number, when, signer):
    _, path, text, _ = pdfs[name]
    draft = convert(text, registry=REGISTRY, source=path.name, paragraphs=True)
    assert (draft.meta.number, draft.meta.date, draft.meta.signer_name) == (number, when, signer)


def test_convert_links_pdf_footnotes(pdfs):
    _, path, text, _ = pdfs["notes"]
    draft = convert(text, registry=REGISTRY, source=path.name, paragraphs=True)
    assert "57-NQ/TW[^1]" in draft.markdown and "Trung ương[^2]" in draft.markdown
    assert "[^2]: Theo Công văn số 12/BKHCN-CĐSQG" in draft.markdown


def test_read_plan_says_pdf_lines_are_blocks(pdfs):
    _, path, text, _ = pdfs["notes"]
    assert read_plan(path) == (text, True)


def _hand_drawn_table(path: Path, pages: list[list[list[str]]]) -> Path:
    """A ruled table drawn line by line, one list of rows per page, the way
    Word prints a row that breaks across a page (the rest of the row on the
    next page under the repeated header, its number cell empty)."""
    from reportlab.pdfgen.canvas import Canvas

    from tests.importkit.pdf import FONT, _register_fonts

    _register_fonts()
    xs = [85, 125, 380, 538]
    canvas = Canvas(str(path))
    for rows in pages:
        top = 780
        canvas.setFont(FONT, 11)
        for row in rows:
            for i, cell in enumerate(row):
                canvas.drawString(xs[i] + 4, top - 15, cell)
            canvas.line(xs[0], top, xs[-1], top)
            for x in xs:
                canvas.line(x, top, x, top - 22)
            top -= 22
        canvas.line(xs[0], top, xs[-1], top)
        canvas.showPage()
    canvas.save()
    return path


def test_a_row_broken_across_pages_is_one_row(tmp_path):
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì"]
    path = _hand_drawn_table(
        tmp_path / "rows.pdf",
        [
            [header, ["1", "Rà soát thủ tục hành chính", "Sở Tư pháp"], ["2", "Xây dựng kho dữ liệu", "Sở Khoa học"]],
            [header, ["", "dùng chung của tỉnh", "và Công nghệ"], ["3", "Bồi dưỡng kỹ năng số", "Sở Nội vụ"]],
        ],
    )
    assert _blocks(read_pdf(path)) == [
        "| STT | Nhiệm vụ | Cơ quan chủ trì |",
        "| 1 | Rà soát thủ tục hành chính | Sở Tư pháp |",
        "| 2 | Xây dựng kho dữ liệu dùng chung của tỉnh | Sở Khoa học và Công nghệ |",
        "| 3 | Bồi dưỡng kỹ năng số | Sở Nội vụ |",
    ]


def _tcvn3_as_latin1(text: str) -> str:
    """Vietnamese as a .VnTime font prints it: TCVN3 bytes shown as Latin-1."""
    from generator.encoding import TCVN3, decode

    table = {}
    for byte in range(0x80, 0x100):
        table.setdefault(decode(bytes([byte]), TCVN3), bytes([byte]).decode("cp1252", errors="ignore") or chr(byte))
    return "".join(table.get(c, c) for c in text)


def test_a_pdf_in_a_legacy_font_is_refused(tmp_path):
    source = parse_source(NOTES)
    for block in source.blocks:
        block.text = _tcvn3_as_latin1(block.text)
    path = make_pdf(source, tmp_path / "vntime.pdf")
    with pytest.raises(ImportFailed, match=r"vntime\.pdf: chữ trong tệp PDF dùng phông cũ theo bảng mã TCVN3 \(ABC\)"):
        read_pdf(path)


# --- long files ------------------------------------------------------------------------------------


def test_five_hundred_pages_report_progress(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "long.pdf"
    canvas = Canvas(str(path))
    words = ["bao cao", "ke hoach", "nhiem vu", "kiem tra", "giam sat", "tong hop", "de xuat"]
    for n in range(1, 501):
        canvas.drawString(72, 750, f"Noi dung {words[n % 7]} {words[n % 5]} {words[n % 3]} trang {n}.")
        canvas.drawCentredString(300, 30, str(n))
        canvas.showPage()
    canvas.save()
    calls = []
    text = read_pdf(path, lambda done, total: calls.append((done, total)))
    assert calls == [(n, 500) for n in range(1, 501)]
    blocks = _blocks(text)
    assert [b.rsplit(" ", 1)[-1] for b in blocks] == [f"{n}." for n in range(1, 501)]


# --- files that cannot be read, and files that are not what their name says ---------------------------------


def _pdf_bytes(tmp_path: Path) -> bytes:
    return make_pdf(parse_source(NOTES), tmp_path / "real.pdf").read_bytes()


def _docx_bytes(tmp_path: Path) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Triển khai công tác năm 2026")
    document.save(str(tmp_path / "real.docx"))
    return (tmp_path / "real.docx").read_bytes()


REFUSED = [
    # a scan of no text (grey bars): OCR reads nothing, the file is refused (tests/unit/test_import_ocr.py reads real scans)
    ("image-only", "scan.pdf", lambda tmp: make_pdf(parse_source(NOTES), tmp / "x.pdf", image_only=True).read_bytes(), r"ảnh quét nhưng nhận dạng chữ \(OCR\) không đọc được.*Quét lại"),
    ("password", "locked.pdf", lambda tmp: make_pdf(parse_source(NOTES), tmp / "x.pdf", encrypt="mat-khau").read_bytes(), r"đặt mật khẩu.*không đặt mật khẩu"),
    ("header only", "broken.pdf", lambda tmp: b"%PDF-1.4\n", r"tệp PDF bị hỏng"),
    ("truncated", "half.pdf", lambda tmp: _pdf_bytes(tmp)[:1500], r"tệp PDF bị hỏng"),
    ("garbage body", "junk.pdf", lambda tmp: b"%PDF-1.7\n" + bytes(range(256)) * 40, r"tệp PDF bị hỏng"),
    ("pdf suffix, text inside", "plan.pdf", lambda tmp: "KẾ HOẠCH\n".encode(), r"đuôi \.pdf nhưng nội dung không phải tệp PDF"),
    ("word 97", "plan.txt", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, r"Word 97-2003 \(\.doc\)"),
    ("another zip", "plan.txt", lambda tmp: _zip_bytes(tmp), r"không phải văn bản Word"),
    ("unsupported", "plan.rtf", lambda tmp: b"{\\rtf1 KE HOACH}", r"chỉ nhận \.txt, \.md, \.docx, \.pdf"),
]


def _zip_bytes(tmp_path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(tmp_path / "x.zip", "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    return (tmp_path / "x.zip").read_bytes()


@pytest.mark.parametrize("case, name, data, message", REFUSED, ids=[c[0] for c in REFUSED])
def test_unreadable_files_are_refused_in_vietnamese(tmp_path, case, name, data, message):
    path = tmp_path / name
    path.write_bytes(data(tmp_path))
    with pytest.raises(ImportFailed) as caught:  # anything else escaping fails the test
        read_plan(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert re.search(message, str(caught.value), re.S), str(caught.value)


RENAMED = [
    ("pdf saved as .txt", "plan.txt", lambda tmp: _pdf_bytes(tmp), "Số: 617/KH-UBND", True),
    ("pdf without suffix", "plan", lambda tmp: _pdf_bytes(tmp), "Số: 617/KH-UBND", True),
    ("word saved as .txt", "plan.txt", lambda tmp: _docx_bytes(tmp), "Triển khai công tác năm 2026", True),
    ("word saved as .pdf", "plan.pdf", lambda tmp: _docx_bytes(tmp), "Triển khai công tác năm 2026", True),
    ("utf-16 with BOM", "plan.txt", lambda tmp: "KẾ HOẠCH\r\nSố: 141/KH-UBND\r\n".encode("utf-16"), "Số: 141/KH-UBND", False),
    ("utf-16-be with BOM", "plan.md", lambda tmp: "\ufeffKẾ HOẠCH\nSố: 141/KH-UBND\n".encode("utf-16-be"), "Số: 141/KH-UBND", False),
    ("utf-16 without BOM", "plan.txt", lambda tmp: "KẾ HOẠCH\nSố: 141/KH-UBND\nỦy ban nhân dân tỉnh\n".encode("utf-16-le"), "Số: 141/KH-UBND", False),
    ("utf-8 with BOM", "plan.txt", lambda tmp: "KẾ HOẠCH\nSố: 141/KH-UBND\n".encode("utf-8-sig"), "Số: 141/KH-UBND", False),
]


@pytest.mark.parametrize("case, name, data, expected, blocks", RENAMED, ids=[c[0] for c in RENAMED])
def test_files_are_read_by_what_they_hold(tmp_path, case, name, data, expected, blocks):
    path = tmp_path / name
    path.write_bytes(data(tmp_path))
    text, one_per_line = read_plan(path)
    assert expected in text and one_per_line is blocks
    assert "\ufeff" not in text
    assert read_source(path) == text


# --- what Word-made PDFs (printed by LibreOffice) taught the reader ---------------------------

@pytest.mark.parametrize("lines, text", [
    (["Trước", "15/12/202", "6"], "Trước 15/12/2026"),
    (["Sở Tài chính;", "Sở Tư pháp"], "Sở Tài chính; Sở Tư pháp"),
    (["Quý II/", "2026"], "Quý II/2026"),
    (["Năm 2025", "2026"], "Năm 2025 2026"),
])
def test_a_cell_broken_by_a_narrow_column(lines, text):
    from generator.importer.pdf import _cell_text

    assert _cell_text(lines) == text


@pytest.mark.parametrize("line, hangs", [
    ("Chủ trì, phối hợp với Báo Bình Phước, Đài Phát thanh - Truyền hình và", True),
    ("tổ chức triển khai thực hiện Kế hoạch của", True),
    ("trên địa bàn tỉnh,", True),
    ("hoàn thành trong quý I/2026.", False),
    ("1. Sở Nội vụ", False),
])
def test_a_line_that_ends_on_a_connector_goes_on(line, hangs):
    from generator.importer.pdf import _HANGS

    assert bool(_HANGS.search(line)) is hangs


def test_a_scanned_page_in_a_text_pdf_is_reported(tmp_path):
    """A signed last page scanned into a text PDF: its text is not in the
    draft, and the review report says which page it was."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from generator.importer.pdf import read_pdf

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(ROOT / "tests" / "fixtures" / "fonts" / "DejaVuSans.ttf")))
    path = tmp_path / "ke-hoach.pdf"
    canvas = Canvas(str(path), pagesize=(595, 842))
    canvas.setFont("DejaVuSans", 12)
    y = 800
    for line in to_text(parse_source((ROOT / "tests" / "importkit" / "example.src.txt").read_text(encoding="utf-8"))).split("\n")[:30]:
        canvas.drawString(60, y, line)
        y -= 18
    canvas.showPage()
    canvas.drawImage(ImageReader(Image.new("L", (300, 400), 200)), 0, 0, 595, 842)
    canvas.showPage()
    canvas.save()
    notes: list[str] = []
    text = read_pdf(path, notes=notes)
    assert "141/KH-UBND" in text
    assert len(notes) == 1 and notes[0].startswith("trang 2 của tệp PDF là ảnh quét")
    content = tmp_path / "content"
    content.mkdir()
    shutil.copyfile(ROOT / "content" / "agencies.yml", content / "agencies.yml")
    result = import_file(path, content)
    assert "trang 2 của tệp PDF là ảnh quét" in result.report
