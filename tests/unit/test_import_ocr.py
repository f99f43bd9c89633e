"""Scanned plans (a PDF of page images, no text layer) read with Tesseract's
Vietnamese model: the tests make their own scans (a fixture PDF rendered to
images, turned, specked, wrapped as a PDF) and check what the draft holds.
.ci/run installs tesseract-ocr and tesseract-ocr-vie."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.importer import ImportFailed, import_file, ocr, syllables
from generator.importer.pdf import read_pdf
from tests.conftest import ROOT
from tests.importkit.evaluate import cases, evaluate
from tests.importkit.scan import make_scan
from tests.importkit.source import parse_source

REGISTRY = ROOT / "content" / "agencies.yml"


def test_tesseract_with_its_vietnamese_model_is_installed():
    # not a skip: without it every scan is refused, and CI must say so
    assert ocr.available(), "cài tesseract-ocr và tesseract-ocr-vie (apt-get install tesseract-ocr tesseract-ocr-vie)"


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """Two plans of the corpus, printed and scanned, imported together."""
    return evaluate(cases(["quang-ngai-tu-can-bo-tre", "ha-tinh-cong-van-phong-chong-tham-nhung"]), "scan", tmp_path_factory.mktemp("scan"))


def test_a_scanned_plan_gives_its_metadata_and_duties(scanned):
    print(scanned.table())
    assert scanned.field("number") == 1.0 and scanned.field("date") == 1.0 and scanned.field("issuer") == 1.0, scanned.misses()
    assert scanned.f1 >= 0.75, scanned.misses()  # the target for real scans
    assert scanned.unrelated == [], scanned.misses()


def test_the_report_names_the_pages_read_by_ocr_and_the_skew(tmp_path):
    source = parse_source((ROOT / "tests" / "importkit" / "example.src.txt").read_text(encoding="utf-8"))
    path = make_scan(source, tmp_path / "scan.pdf", angle=2.0)
    notes: list[str] = []
    text = read_pdf(path, notes=notes)
    assert "141/KH-UBND" in text and "Bắc Ninh, ngày 20 tháng 11 năm 2025" in text
    assert notes[0].startswith("trang 1 là ảnh quét, được đọc bằng nhận dạng chữ (OCR")
    assert "nghiêng 2" in notes[0]  # the 2° turn found and undone (±0.2°)
    content = tmp_path / "content"
    content.mkdir()
    shutil.copyfile(REGISTRY, content / "agencies.yml")
    result = import_file(path, content)
    assert result.number == "141/KH-UBND" and "nhận dạng chữ (OCR" in result.report


def _image_pdf(path: Path, draw) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw(ImageDraw.Draw(image), image)
    image.save(path, "PDF", resolution=200)
    return path


def _english(draw, image):
    from PIL import ImageFont

    font = ImageFont.truetype(str(ROOT / "tests" / "fixtures" / "fonts" / "DejaVuSans.ttf"), 40)
    for row in range(40):
        draw.text((120, 120 + row * 52), "The quick brown fox jumps over the lazy dog again and again", font=font, fill=0)


def _photograph(draw, image):
    import random

    rng = random.Random(3)
    for _ in range(4000):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        draw.ellipse((x, y, x + rng.randrange(5, 60), y + rng.randrange(5, 60)), fill=rng.randrange(0, 255))


@pytest.mark.parametrize("name, draw, phrase", [
    ("blank", lambda draw, image: None, "không đọc được nội dung"),
    ("photograph", _photograph, "không đọc được nội dung"),
    ("english", _english, "không phải tiếng Việt"),
])
def test_a_scan_that_cannot_be_read_gets_a_message_not_a_draft(tmp_path, name, draw, phrase):
    path = _image_pdf(tmp_path / f"{name}.pdf", draw)
    content = tmp_path / "content"
    content.mkdir()
    shutil.copyfile(REGISTRY, content / "agencies.yml")
    with pytest.raises(ImportFailed) as caught:
        import_file(path, content)
    assert str(caught.value).startswith(f"{path}: ") and phrase in str(caught.value)
    assert sorted(p.name for p in content.iterdir()) == ["agencies.yml"]  # nothing half-written


@pytest.mark.parametrize("word, repaired", [
    ("l41/KH-UBND", "141/KH-UBND"),
    ("9O-KH/HU", "90-KH/HU"),
    ("I2/KH-UBND,", "12/KH-UBND,"),
    ("lợi", "lợi"),  # a word, not a number
    ("IO/ABC", "IO/ABC"),  # nothing the grammar reads
])
def test_a_number_is_repaired_only_where_the_grammar_reads_it(word, repaired):
    assert ocr.repair_number(word) == repaired


def test_a_ruled_table_of_a_scan_is_read_as_a_table(tmp_path):
    source = parse_source((ROOT / "tests" / "fixtures" / "import" / "corpus" / "can-tho-ubnd-moi-truong.src.txt").read_text(encoding="utf-8"))
    text = read_pdf(make_scan(source, tmp_path / "scan.pdf"))
    rows = [line for line in text.split("\n") if line.startswith("| ")]
    assert rows[0] == "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |"
    assert "| 2 | Ứng dụng phần mềm giám sát phương tiện thu gom | Sở Khoa học và Công nghệ | Công ty Cổ phần Đô thị Cần Thơ | Năm 2026 | Phần mềm được vận hành |" in rows
    assert len(rows) == 4 and "Ứng dụng phần mềm giám sát" not in text.replace(rows[2], "")  # the table's words are not paragraphs too


# --- repairs of words and names ----------------------------------------------------


@pytest.mark.parametrize("word, valid", [
    ("trường", True), ("người", True), ("quyết", True), ("quốc", True), ("giữa", True), ("gìn", True),
    ("khuya", True), ("khuỷu", True), ("thuở", True), ("nghiêng", True), ("yêu", True), ("uyên", True),
    ("hoà", True), ("hòa", True), ("uỷ", True), ("ủy", True), ("kỹ", True), ("học", True), ("TỈNH", True),
    ("truờng", False),  # u without its horn before ơ
    ("ngưòi", False),  # ư before o
    ("hòc", False), ("tàp", False),  # a stop ending takes only sắc or nặng
    ("ngi", False), ("ci", False), ("ke", True), ("ca", True), ("gha", False),  # k/gh/ngh before e, ê, i only
    ("quo", False), ("ubnd", False), ("covid", False), ("tnrờng", False), ("hóá", False),
])
def test_a_vietnamese_syllable_is_told_by_the_spelling_grammar(word, valid):
    assert syllables.is_syllable(word) is valid


def test_every_word_of_the_plans_in_the_corpus_is_a_syllable():
    # the grammar must not miss a syllable: a word it does not know may be
    # "repaired" into another.  Every plan of the corpus, hold-out included.
    import re

    words = set()
    for path in sorted((ROOT / "tests" / "fixtures" / "import").rglob("*.src.txt")):
        text = path.read_text(encoding="utf-8")
        words |= {w for w in re.findall(r"[^\W\d_]+", text) if re.search(r"[^a-zA-Z]", w) and (w.islower() or w.istitle())}
    assert len(words) > 500
    assert sorted(w for w in words if not syllables.is_syllable(w)) == []


@pytest.mark.parametrize("word, repaired", [
    ("truờng", "trường"),  # the one syllable in reach
    ("Nguời,", "Người,"),  # case and punctuation kept
    ("TRUỜNG", "TRƯỜNG"),
    ("huớng", "hướng"),
    ("chửc", "chửc"),  # "chức" or "chực": listed, not guessed
    ("đuợc", "đuợc"),  # "được" or "dược"
    ("nguoi", "nguoi"),  # no mark at all: "người" or "ngươi"
    ("trường", "trường"),  # a syllable already
    ("UBND", "UBND"), ("Covid", "Covid"), ("141/KH-UBND", "141/KH-UBND"), ("NN&MT", "NN&MT"),
])
def test_a_word_is_repaired_only_into_the_one_syllable_in_reach(word, repaired):
    assert ocr.repair_word(word) == repaired


@pytest.mark.parametrize("before, word, repaired", [
    ("quý", "ll/2025", "II/2025"),
    ("Quý", "l1l/2026).", "III/2026)."),
    ("quý", "lV/2026", "IV/2026"),
    ("năm", "ll/2025", "ll/2025"),  # only a quarter's numeral
    ("quý", "lIlI/2025", "lIlI/2025"),  # no quarter
])
def test_a_quarter_numeral_is_repaired_after_quy(before, word, repaired):
    assert ocr.repair_quarter(before, word) == repaired


def test_the_report_lists_repairs_and_only_the_uncertain_words_not_repaired():
    from generator.importer.pdf import _scan_notes

    words = [
        ocr.OcrWord("Sở", 0, 10, 0, 10, 96, 3),
        ocr.OcrWord("trường", 12, 30, 0, 10, 41, 3, repaired=True),
        ocr.OcrWord("chửc", 32, 50, 0, 10, 38, 3),
    ]
    page = ocr.OcrPage(2, words, 0.0, repairs=["“truờng” đọc là “trường” (dòng 3, không phải âm tiết tiếng Việt)"])
    notes = _scan_notes([page])
    assert "trang 2: “truờng” đọc là “trường” (dòng 3, không phải âm tiết tiếng Việt)" in notes
    assert "trang 2, dòng 3: chữ đọc không chắc “chửc” (độ tin cậy 38%)" in notes
    assert not any("không chắc “trường”" in n for n in notes)


NAMES = ["Sở Tài nguyên và Môi trường", "Sở Tài chính", "Ban Tổ chức Tỉnh ủy", "Công an tỉnh", "Ban Dân vận", "Ban Dan van"]


@pytest.mark.parametrize("text, repaired", [
    ("Giao Sở Tài nguyen và Môi truờng, Sở Tai chinh thực hiện.", "Giao Sở Tài nguyên và Môi trường, Sở Tài chính thực hiện."),
    ("(Ban Tô chức Tỉnh uy)", "(Ban Tổ chức Tỉnh ủy)"),
    ("CÔNG AN TINH", "CÔNG AN TỈNH"),
    ("phối hợp với sở tai chinh", "phối hợp với sở Tài chính"),
    ("Ban Dân vân tham mưu", "Ban Dân vân tham mưu"),  # two registered names fold alike: never repaired
    ("Sở Tài chính chủ trì", "Sở Tài chính chủ trì"),  # right already
    ("Sở Tai", "Sở Tai"),  # not a whole name
])
def test_a_misread_body_name_takes_the_registry_spelling_when_only_one_name_reads_so(text, repaired):
    assert ocr.NameRepairs(NAMES).repair(text)[0] == repaired


def _without_marks(text: str, names: list[str]) -> str:
    """The body of a fixture source with ``names`` printed as an OCR that
    lost every mark reads them (the letterhead and signature block, which
    are not repaired, as they were)."""
    from generator.text import fold

    head, _, rest = text.partition("\n\n")
    body, _, foot = rest.partition("::: footer\n")
    for name in names:
        body = body.replace(name, " ".join(fold(w).capitalize() if w[0].isupper() else fold(w) for w in name.split()))
    return f"{head}\n\n{body}::: footer\n{foot}"


def test_misread_body_names_of_a_scan_are_repaired_and_the_same_typos_in_a_text_pdf_are_not(tmp_path):
    from tests.importkit.pdf import make_pdf

    text = (ROOT / "tests" / "fixtures" / "import" / "corpus" / "binh-phuoc-tu-dao-duc.src.txt").read_text(encoding="utf-8")
    garbled = _without_marks(text, ["Ban Tuyên giáo Tỉnh ủy", "Văn phòng Tỉnh ủy"])
    assert "Ban Tuyen giao Tinh uy" in garbled and "Van phong Tinh uy" in garbled
    results = {}
    for form, maker in (("scan", make_scan), ("pdf", make_pdf)):
        content = tmp_path / form / "content"
        content.mkdir(parents=True)
        shutil.copyfile(REGISTRY, content / "agencies.yml")
        results[form] = import_file(maker(parse_source(garbled), tmp_path / form / "plan.pdf"), content)
    scan, typed = results["scan"], results["pdf"]
    assert "Tuyen giao" not in scan.markdown and "Van phong" not in scan.markdown
    assert "“Ban Tuyen giao Tinh uy” đọc là “Ban Tuyên giáo Tỉnh ủy” (tên cơ quan trong danh mục)" in scan.report
    assert "“Van phong Tinh uy” đọc là “Văn phòng Tỉnh ủy”" in scan.report
    assert "Ban Tuyên giáo Tỉnh ủy — thực hiện" in scan.report  # the duty goes to the registered body
    assert not any("Tuyen" in b.name for b in scan.proposals.bodies)
    # typed text is the authors': left as written, the build asks about it
    assert "Ban Tuyen giao Tinh uy" in typed.markdown and "Van phong Tinh uy" in typed.markdown
    assert "đọc là" not in typed.report


TWO_TABLES = """\
ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC NINH || Độc lập - Tự do - Hạnh phúc
Số: 141/KH-UBND || Bắc Ninh, ngày 20 tháng 11 năm 2025

KẾ HOẠCH

Triển khai thực hiện Đề án chuyển đổi số

I. NHIỆM VỤ

1. Các nhiệm vụ năm 2026 theo bảng sau:

| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |
|---|---|---|---|
| 1 | Rà soát thủ tục hành chính | Sở Nội vụ | Quý I/2026 |
| 2 | Xây dựng kho dữ liệu dùng chung | Sở Khoa học và Công nghệ | Quý II/2026 |

Các sở, ngành báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 hằng tháng để tổng hợp.

| STT | Chỉ tiêu | Đơn vị theo dõi |
|---|---|---|
| 1 | Tỷ lệ hồ sơ trực tuyến đạt 80% | Sở Tài chính |
| 2 | Tỷ lệ số hóa kết quả đạt 90% | Văn phòng Ủy ban nhân dân tỉnh |

::: footer
Nơi nhận: || TM. ỦY BAN NHÂN DÂN
- Như trên; || KT. CHỦ TỊCH
- Lưu: VT. || PHÓ CHỦ TỊCH
 || Nguyễn Văn A
"""


def test_two_ruled_tables_on_one_scanned_page_parted_by_a_paragraph_are_two_tables(tmp_path):
    import pdfplumber

    path = make_scan(parse_source(TWO_TABLES), tmp_path / "scan.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        width, height = float(pdf.pages[0].width), float(pdf.pages[0].height)
    page = ocr.read_scanned_page(path, 0, width, height)
    assert [(len(ys), len(xs)) for ys, xs in page.grids] == [(4, 5), (4, 4)]  # 3 rows of 4 columns, 3 rows of 3
    blocks = read_pdf(path).split("\n\n")
    first = blocks.index("| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |")
    second = blocks.index("| STT | Chỉ tiêu | Đơn vị theo dõi |")
    assert blocks[second - 1] == "Các sở, ngành báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 hằng tháng để tổng hợp."
    assert [b.split(" | ")[1:] for b in blocks[first + 1 : second - 1]] == [
        ["Rà soát thủ tục hành chính", "Sở Nội vụ", "Quý I/2026 |"],
        ["Xây dựng kho dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "Quý II/2026 |"],
    ]
    assert [b.split(" | ")[1:] for b in blocks[second + 1 : second + 3]] == [
        ["Tỷ lệ hồ sơ trực tuyến đạt 80%", "Sở Tài chính |"],
        ["Tỷ lệ số hóa kết quả đạt 90%", "Văn phòng Ủy ban nhân dân tỉnh |"],
    ]


def test_the_rows_of_ink_of_a_title_are_no_table(tmp_path):
    # a bold title's lines look like rules in the averaged image, and its
    # letters' stems like vertical rules between them: a table row is taller
    source = parse_source((ROOT / "tests" / "fixtures" / "import" / "corpus" / "binh-phuoc-ubnd-ky-nang-so.src.txt").read_text(encoding="utf-8"))
    blocks = read_pdf(make_scan(source, tmp_path / "scan.pdf")).split("\n\n")
    assert 'Triển khai phong trào "Bình dân học vụ số", phổ cập kỹ năng số cho người dân trên địa bàn tỉnh năm 2025' in blocks
    assert not any(b.startswith("|") for b in blocks)
