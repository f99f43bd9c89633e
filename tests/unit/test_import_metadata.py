"""Metadata of imported plans, state and party forms alike (Nghị định
30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW): number, date, issuer, organisation,
title, signer, bases, footnotes after the signature; and the web-portal
normaliser.  Table-driven; through ``convert()`` where the layout matters."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer import convert
from generator.importer.frontmatter import choose_organisation, cut_issuer, read_bases, read_number, read_supersedes
from generator.importer.header import read_header, read_signature, split_regions
from generator.importer.portal import normalise, repair_emphasis
from generator.importer.text import prepare_lines
from generator.load import load_organisations
from generator.diagnostics import Report
from tests.importkit.portal import make_portal
from tests.importkit.source import parse_source

REGISTRY = """\
organisations:
  - id: trung-uong
    name: Trung ương
    level: central
    parent: null
  - id: binh-dinh
    name: Tỉnh ủy Bình Định
    level: province
    parent: trung-uong
  - id: lam-dong
    name: Tỉnh ủy Lâm Đồng
    level: province
    parent: trung-uong
  - id: lam-dong-di-linh
    name: Huyện ủy Di Linh
    level: district
    parent: lam-dong
  - id: lam-dong-khoi-cqt
    name: Đảng ủy Khối các cơ quan tỉnh Lâm Đồng
    level: khoi
    parent: lam-dong
bodies:
  binh-dinh:
    - id: ban-to-chuc
      name: Ban Tổ chức Tỉnh ủy
    - id: so-noi-vu
      name: Sở Nội vụ
    - id: so-tai-chinh
      name: Sở Tài chính
  lam-dong-di-linh:
    - id: ban-to-chuc
      name: Ban Tổ chức Huyện ủy
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "agencies.yml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


BODY = """
I. MỤC ĐÍCH, YÊU CẦU

1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính rà soát (quý I/2026).

2. Ban Tổ chức Tỉnh ủy tham mưu thực hiện (thường xuyên).
"""

STATE_HEAD = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 141/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 20 tháng 11 năm 2025\n"
STATE_TITLE = "\nKẾ HOẠCH\n\nTriển khai thực hiện Đề án chuyển đổi số\n\nThực hiện Kế hoạch số 01-KH/TU ngày 05/01/2025 của Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
STATE_FOOT = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n"
PARTY_HEAD = "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nHUYỆN ỦY DI LINH\n*\nSố 90-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nDi Linh, ngày 22 tháng 12 năm 2022\n"
PARTY_TITLE = "\nKẾ HOẠCH\n\nthực hiện Chương trình hành động số 42-CTr/TU của Tỉnh ủy\n\nThực hiện Chương trình hành động số 42-CTr/TU ngày 27/10/2022 của Tỉnh ủy Lâm Đồng; Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:\n"
PARTY_FOOT = "\nNơi nhận:\n- Thường trực Tỉnh ủy,\n- Lưu VPHU.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nĐinh Văn Tuấn\n"


def _convert(raw: str, registry: Path, proposed=None):
    return convert(raw, registry=registry, source="x.txt")


# --- number ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, number",
    [
        ("Số 90-KH/HU", "90-KH/HU"),
        ("Số 90 -KH/HU", "90-KH/HU"),
        ("Số: 141/KH-UBND", "141/KH-UBND"),
        ("Số: 80/2021/NĐ-CP", "80/2021/NĐ-CP"),
        ("Số: 197/2025/QH15", "197/2025/QH15"),
        ("Số: 574/UBND-NC", "574/UBND-NC"),  # công văn: issuer-unit, no type code
        ("Số: 6676/BYT-CDS", "6676/BYT-CDS"),
        ("Số 38 – KL/TW", "38-KL/TW"),
        ("Số 12 – CTr/ĐUK", "12-CTr/ĐUK"),
        ("Số:    /KH-UBND", None),  # left blank for the hand
        ("Số: V/v", None),
    ],
)
def test_read_number(line, number):
    assert read_number(line)[0] == number


def _head(text: str):
    lines, _ = prepare_lines(text, False)
    header, _, _ = split_regions(lines)
    return read_header(header)


@pytest.mark.parametrize(
    "head, number, when, place",
    [
        # text export: left column, then right column
        (STATE_HEAD, "Số: 141/KH-UBND", "2025-11-20", "Bắc Ninh"),
        # PDF text layer: the two columns run together line by line
        ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BẮC NINH Độc lập - Tự do - Hạnh phúc\nSố: 141/KH-UBND Bắc Ninh, ngày 20 tháng 11 năm 2025\n", "Số: 141/KH-UBND", "2025-11-20", "Bắc Ninh"),
        # "Số:" on one line, the number on the next; the date split over two lines
        ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố:\n141/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 20 tháng 11\nnăm 2025\n", "Số: 141/KH-UBND", "2025-11-20", "Bắc Ninh"),
        # place on one line, "ngày" alone, the date on the next (table cells)
        ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 141/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh,\nngày\n20 tháng 11 năm 2025\n", "Số: 141/KH-UBND", "2025-11-20", "Bắc Ninh"),
        # party head, spaces and en dash in the number, a numeric date
        ("ĐẢNG BỘ TỈNH LÂM ĐỒNG\nHUYỆN ỦY DI LINH\n*\nSố 38 – KL/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nDi Linh, ngày 22/12/2022\n", "Số 38 – KL/HU", "2022-12-22", "Di Linh"),
        # the day left blank for the hand: the place is known, the date is not
        ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 141/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày     tháng 11 năm 2025\n", "Số: 141/KH-UBND", None, "Bắc Ninh"),
    ],
)
def test_number_and_date_across_lines_and_columns(head, number, when, place):
    header = _head(head + STATE_TITLE + BODY)
    assert header.number_line == number
    assert (header.date.isoformat() if header.date else None, header.place) == (when, place)
    # the motto never lands in the issuer's column
    assert not any("NGHĨA" in line or "Hạnh phúc" in line or "ĐẢNG CỘNG SẢN" in line for line in header.issuer_lines)


# --- issuer, title, signer, organisation through convert -------------------------------


@pytest.mark.parametrize(
    "head, title_block, issuer",
    [
        (STATE_HEAD, STATE_TITLE, "Ủy ban nhân dân tỉnh Bắc Ninh"),
        # PDF: motto on the issuer's lines
        ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BẮC NINH Độc lập - Tự do - Hạnh phúc\nSố: 141/KH-UBND Bắc Ninh, ngày 20 tháng 11 năm 2025\n", STATE_TITLE, "Ủy ban nhân dân tỉnh Bắc Ninh"),
        # the motto broken over two lines
        ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 141/KH-UBND\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 20 tháng 11 năm 2025\n", STATE_TITLE, "Ủy ban nhân dân tỉnh Bắc Ninh"),
        # a Sở under its UBND: the lower line is the issuer
        ("UBND TỈNH BẮC NINH\nSỞ NỘI VỤ\nSố: 12/KH-SNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 20 tháng 11 năm 2025\n", STATE_TITLE.replace("Ủy ban nhân dân tỉnh", "Sở Nội vụ"), "Sở Nội vụ"),
        # party: the Ban Thường vụ names itself in the letterhead and the preamble
        ("ĐẢNG BỘ TỈNH BẮC NINH\nBAN THƯỜNG VỤ TỈNH ỦY\n*\nSố 12-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nBắc Ninh, ngày 20 tháng 11 năm 2025\n", PARTY_TITLE.replace("Huyện ủy", "Tỉnh ủy"), "Ban Thường vụ Tỉnh ủy"),
        (PARTY_HEAD, PARTY_TITLE, "Ban Thường vụ Huyện ủy"),
        (PARTY_HEAD, PARTY_TITLE.replace("Ban Thường vụ Huyện ủy ban hành", "Huyện ủy Di Linh ban hành"), "Huyện ủy Di Linh"),
    ],
)
def test_issuer_from_the_issuer_column(head, title_block, issuer, registry):
    draft = _convert(head + title_block + BODY + STATE_FOOT, registry)
    assert draft.meta.issuer == issuer


@pytest.mark.parametrize(
    "title_block, title",
    [
        (STATE_TITLE, "Triển khai thực hiện Đề án chuyển đổi số"),
        # over several lines, in bold, followed by a short rule
        ("\nKẾ HOẠCH\n**Triển khai thực hiện Nghị quyết số 57-NQ/TW**\n**về đột phá phát triển khoa học, công nghệ**\n-----\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n",
         "Triển khai thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ"),
        # blank-separated title lines: a lower-case line continues the title
        ("\nKẾ HOẠCH\n\nTriển khai thực hiện Nghị quyết số 57-NQ/TW\n\nvề đột phá phát triển khoa học, công nghệ\n\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n",
         "Triển khai thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ"),
        # the trích yếu in capitals
        ("\nKẾ HOẠCH\nTRIỂN KHAI ĐỀ ÁN 06 NĂM 2026\n\nThực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n",
         "TRIỂN KHAI ĐỀ ÁN 06 NĂM 2026"),
        # no trích yếu: the preamble is never the title
        ("\nKẾ HOẠCH\n\nThực hiện Kế hoạch số 01-KH/TU ngày 05/01/2025 của Tỉnh ủy về chuyển đổi số, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:\n", ""),
    ],
)
def test_title_is_the_trich_yeu_never_the_preamble(title_block, title, registry):
    draft = _convert(STATE_HEAD + title_block + BODY + STATE_FOOT, registry)
    assert draft.meta.title == title
    # the preamble stays in the body
    assert "ban hành Kế hoạch" in draft.markdown.split("\n---\n", 1)[1]


@pytest.mark.parametrize(
    "foot, on_behalf, title, name",
    [
        (STATE_FOOT, "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"),
        (PARTY_FOOT, "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Đinh Văn Tuấn"),
        # the two columns interleaved line by line (PDF text layer)
        ("\nNơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; KT. CHỦ TỊCH\n- Lưu: VT, NC. PHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Văn A\n", "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"),
        # interleaved as separate lines, the collective broken by the column width
        ("\nNơi nhận:\nTM. ỦY BAN NHÂN\n- Như trên;\nDÂN\n- Bộ Nội vụ;\nKT. CHỦ TỊCH\n- Lưu: VT.\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n", "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"),
        # signature first, then recipients (column by column, right first)
        ("\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\nNơi nhận:\n- Ban Bí thư,\n- Lưu Văn phòng Tỉnh ủy.\nTrần Tuệ Hiền\n", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Trần Tuệ Hiền"),
        ("\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Thị B\n", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị B"),
    ],
)
def test_signer_layouts(foot, on_behalf, title, name, registry):
    draft = _convert(STATE_HEAD + STATE_TITLE + BODY + foot, registry)
    meta = draft.meta
    assert (meta.signer_on_behalf, meta.signer_title, meta.signer_name) == (on_behalf, title, name)
    assert meta.recipients and all("CHỦ TỊCH" not in r and "ỦY BAN" not in r for r in meta.recipients)


@pytest.mark.parametrize(
    "caps, on_behalf, title",
    [
        ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ("TM. ỦY BAN NHÂN DÂN Q. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"),
        ("TL. CHỦ TỊCH CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ("T/M THƯỜNG TRỰC HUYỆN ỦY PHÓ BÍ THƯ", "T/M THƯỜNG TRỰC HUYỆN ỦY", "PHÓ BÍ THƯ"),
        ("GIÁM ĐỐC", None, "GIÁM ĐỐC"),
    ],
)
def test_read_signature(caps, on_behalf, title):
    assert read_signature(caps) == (on_behalf, title)


def _org(raw: str, registry: Path, proposed=None):
    draft = _convert(raw, registry)
    return draft.meta.organisation


@pytest.mark.parametrize(
    "head, want",
    [
        # registered: matched by level and place, certain
        (PARTY_HEAD, ("lam-dong-di-linh", False, True, None)),
        # a district of a registered province, not registered: new, under the province
        (PARTY_HEAD.replace("DI LINH", "BẢO LÂM").replace("Di Linh,", "Bảo Lâm,"), ("lam-dong-bao-lam", True, False, "lam-dong")),
        # a province nobody registered: new, under the centre (never another province's)
        (STATE_HEAD, ("ubnd-bac-ninh", True, False, "trung-uong")),
        ("ĐẢNG BỘ TỈNH BẮC NINH\nBAN THƯỜNG VỤ TỈNH ỦY\n*\nSố 12-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nBắc Ninh, ngày 20 tháng 11 năm 2025\n", ("bac-ninh", True, False, "trung-uong")),
        # a state plan of a province whose party organisation is registered: not that one
        (STATE_HEAD.replace("BẮC NINH", "BÌNH ĐỊNH").replace("Bắc Ninh,", "Quy Nhơn,"), ("ubnd-binh-dinh", True, False, "binh-dinh")),
        ("UBND TỈNH BÌNH ĐỊNH\nSỞ NỘI VỤ\nSố: 12/KH-SNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuy Nhơn, ngày 20 tháng 11 năm 2025\n", ("so-noi-vu-binh-dinh", True, False, "binh-dinh")),
        ("BỘ Y TẾ\nSố: 6676/BYT-CDS\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 20 tháng 11 năm 2025\n", ("bo-y-te", True, False, "trung-uong")),
    ],
)
def test_organisation_matched_or_new(head, want, registry):
    # the body names Sở Nội vụ, Sở Tài chính, Ban Tổ chức Tỉnh ủy: registered under
    # binh-dinh, and no evidence that the plan is Bình Định's
    org = _org(head + STATE_TITLE + BODY + STATE_FOOT, registry)
    assert (org.id, org.new, org.certain, org.parent if org.new else None) == want


def test_organisation_without_letterhead_rests_on_text_and_stamp(registry):
    text = "KẾ HOẠCH\n\nthực hiện Nghị quyết số 21-NQ/TW\n\nThực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng; Ban Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:\n" + BODY
    lines, _ = prepare_lines(text)
    header, _, _ = split_regions(lines)
    organisations = load_organisations(registry, registry.parent, Report())
    head = read_header(header)
    by_stamp = choose_organisation(organisations, head, "Ban Thường vụ Tỉnh ủy", None, text, "Sở Nội vụ tỉnh Bình Định")
    assert (by_stamp.id, by_stamp.certain, by_stamp.new) == ("binh-dinh", False, False)
    # the place named in the text decides; a province not registered is new
    by_text = choose_organisation(organisations, head, "Ban Thường vụ Tỉnh ủy", None, text + "\nĐảng bộ tỉnh Bắc Ninh ...", None)
    assert (by_text.id, by_text.new) == ("bac-ninh", True)


def test_batch_proposals_are_shared_and_do_not_collide(registry):
    organisations = load_organisations(registry, registry.parent, Report())
    from generator.model import Organisation, Source

    def choose(head: str, proposed):
        lines, _ = prepare_lines(head + STATE_TITLE + BODY, False)
        h, _, _ = split_regions(lines)
        return choose_organisation(organisations, read_header(h), "", None, "", None, proposed=proposed)

    first = choose(STATE_HEAD, {})
    proposed = {first.id: Organisation(first.id, first.name, first.level, first.parent, Source("x", 1), True)}
    again = choose(STATE_HEAD.replace("141", "142"), proposed)
    assert (again.id, again.new, again.certain) == ("ubnd-bac-ninh", True, False)
    other = choose(STATE_HEAD.replace("BẮC NINH", "HÀ TĨNH").replace("Bắc Ninh,", "Hà Tĩnh,"), proposed)
    assert (other.id, other.new, other.parent) == ("ubnd-ha-tinh", True, "trung-uong")
    # a Sở of the province proposed earlier hangs under it
    sub = choose("UBND TỈNH BẮC NINH\nSỞ NỘI VỤ\nSố: 12/KH-SNV\nBắc Ninh, ngày 20 tháng 11 năm 2025\n", proposed)
    assert (sub.id, sub.parent) == ("so-noi-vu-bac-ninh", "ubnd-bac-ninh")


# --- bases, supersedes, footnotes --------------------------------------------------------


@pytest.mark.parametrize(
    "text, issuers",
    [
        ("Căn cứ Nghị định số 80/2021/NĐ-CP ngày 26/8/2021 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều;", {"80/2021/NĐ-CP": "Chính phủ"}),
        ("Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII về tăng cường củng cố;", {"21-NQ/TW": "Ban Chấp hành Trung ương Đảng khóa XIII"}),
        ("Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án;", {"06/QĐ-TTg": "Thủ tướng Chính phủ"}),
    ],
)
def test_bases_issuer_stops_at_the_verb(text, issuers):
    assert {b.document: b.issuer for b in read_bases("", [text])} == issuers
    assert cut_issuer("Bộ Lao động - Thương binh và Xã hội") == "Bộ Lao động - Thương binh và Xã hội"


@pytest.mark.parametrize(
    "text, replaced",
    [
        ("Kế hoạch này thay thế Kế hoạch số 45-KH/TU ngày 20/12/2011 của Ban Thường vụ Tỉnh ủy.", ["45-KH/TU"]),
        ("Bãi bỏ và thay thế Quyết định số 12/QĐ-UBND ngày 01/02/2020 và Quyết định số 13/QĐ-UBND.", ["12/QĐ-UBND", "13/QĐ-UBND"]),
        ("Duy trì vững chắc mức sinh thay thế, thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022.", []),
        ("Phấn đấu đạt mức sinh thay thế (2,1 con) theo Quyết định số 588/QĐ-TTg.", []),
    ],
)
def test_supersedes_only_with_a_citation_after_thay_the(text, replaced):
    assert [b.document for b in read_supersedes([text])] == replaced


def test_footnotes_after_the_signature_become_markdown_footnotes(registry):
    raw = STATE_HEAD + STATE_TITLE + "\nI. MỤC ĐÍCH\n\n1. Sở Nội vụ chủ trì rà soát văn bản1.\n\n2. Sở Tài chính bảo đảm kinh phí².\n" + STATE_FOOT + "\n1 Theo Báo cáo số 12/BC-UBND ngày 01/3/2025.\n\n² Theo Nghị quyết số 57-NQ/TW ngày 22/12/2024.\n"
    draft = _convert(raw, registry)
    body = draft.markdown.split("\n---\n", 1)[1]
    assert "rà soát văn bản[^1]." in body and "bảo đảm kinh phí[^2]." in body
    assert "[^1]: Theo Báo cáo số 12/BC-UBND ngày 01/3/2025." in body
    assert "[^2]: Theo Nghị quyết số 57-NQ/TW ngày 22/12/2024." in body
    assert draft.meta.signer_name == "Nguyễn Văn A" and not any("Theo" in r for r in draft.meta.recipients)


# --- the web portal ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, repaired",
    [
        ("*Đơn vị chủ trì: *Sở Nội vụ", "*Đơn vị chủ trì:* Sở Nội vụ"),
        ("- **Thời gian thực hiện: **Quý I/2026.", "- **Thời gian thực hiện:** Quý I/2026."),
        ("1. ****Sở Tài chính chủ trì", "1. Sở Tài chính chủ trì"),
        ("**6.** Đề nghị Ủy ban Mặt trận Tổ quốc", "6. Đề nghị Ủy ban Mặt trận Tổ quốc"),
        ("*a)* Nhiệm vụ: xây dựng", "a) Nhiệm vụ: xây dựng"),
        ("2. ** **Sở Nội vụ chủ trì", "2. Sở Nội vụ chủ trì"),
        ("** **Nội dung", "Nội dung"),
        # emphasis that is not broken is left alone
        ("**Sở Nội vụ** chủ trì, **Sở Tài chính** phối hợp (*quý I/2026*).", "**Sở Nội vụ** chủ trì, **Sở Tài chính** phối hợp (*quý I/2026*)."),
        ("**1. Mục đích**", "**1. Mục đích**"),
    ],
)
def test_portal_emphasis_repair(line, repaired):
    assert repair_emphasis(line) == repaired


PORTAL = """\
|
ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
|
|
Số: 141/KH-UBND
|
Bắc Ninh, ngày 20 tháng 11 năm 2025
|
|

KẾ HOẠCH

Triển khai thực hiện Đề án chuyển đổi số

|
STT
|
Nhiệm vụ
|
Cơ quan chủ trì
|
Thời gian hoàn thành
|
|
|
1
|
Rà soát thủ tục
hành chính
|
Sở Nội vụ
|

|
|

Sau bảng.
"""


def test_portal_tables():
    lines = normalise(PORTAL).split("\n")
    head = [l for l in lines[: lines.index("KẾ HOẠCH")] if l]
    # the letterhead: the left cells' lines, then the right cells'
    assert head == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 141/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bắc Ninh, ngày 20 tháng 11 năm 2025"]
    # a task table: one pipe row per table row, a cell's lines joined, an empty cell kept
    assert "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |" in lines
    assert "| 1 | Rà soát thủ tục hành chính | Sở Nội vụ |  |" in lines
    assert lines[-2:] == ["Sau bảng.", ""]
    # text without portal tables passes through unchanged
    assert normalise(STATE_HEAD + STATE_TITLE) == STATE_HEAD + STATE_TITLE


EXAMPLE = Path(__file__).resolve().parents[1] / "importkit" / "example.src.txt"


def test_portal_form_imports_like_the_text_form(registry):
    source = parse_source(EXAMPLE.read_text(encoding="utf-8"))
    portal = make_portal(source)
    assert "*Đơn vị" not in portal and "\n|\n" in portal  # cell-per-line tables
    draft = _convert(normalise(portal), registry)
    meta = draft.meta
    assert (meta.number, meta.date.isoformat(), meta.issuer, meta.title) == ("141/KH-UBND", "2025-11-20", "Ủy ban nhân dân tỉnh Bắc Ninh", "Triển khai thực hiện Đề án chuyển đổi số")
    assert (meta.signer_on_behalf, meta.signer_title, meta.signer_name) == ("TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A")
    body = draft.markdown.split("\n---\n", 1)[1]
    assert "| 1 | Rà soát | Sở Nội vụ |" in body or "Rà soát" in body
    assert "[^1]: Theo Báo cáo số 12/BC-UBND." in body and "hiệu quả[^1]." in body
    assert "**Sở Nội vụ** chủ trì" in body and "****" not in body and "** **" not in body


def test_pdf_heading_joined_to_the_title_and_the_right_column_printed_late(registry):
    # a PDF's text layer: "KẾ HOẠCH" and the trích yếu on one line
    joined = PARTY_HEAD + "\nKẾ HOẠCH củng cố chi bộ thôn năm 2024\n\nThực hiện Kế hoạch số 90-KH/HU ngày 22/12/2022 của Huyện ủy Di Linh; Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:\n" + BODY + PARTY_FOOT
    meta = _convert(joined, registry).meta
    assert (meta.title, meta.letterhead["heading_lines"]) == ("củng cố chi bộ thôn năm 2024", ["KẾ HOẠCH"])
    # a công văn: "V/v ..." and "Kính gửi" before the motto and place-date column
    cong_van = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 574/UBND-NC\nV/v triển khai công tác phòng, chống tham nhũng năm 2026\nKính gửi:\n- Các sở, ban, ngành cấp tỉnh;\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Tĩnh, ngày 12 tháng 02 năm 2026\n\nThực hiện Kế hoạch số 15-KH/TU ngày 08/01/2026 của Ban Thường vụ Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:\n" + BODY + STATE_FOOT
    draft = _convert(cong_van, registry)
    meta = draft.meta
    assert (meta.type, meta.number, meta.date.isoformat(), meta.title) == ("cong-van", "574/UBND-NC", "2026-02-12", "V/v triển khai công tác phòng, chống tham nhũng năm 2026")
    body = draft.markdown.split("\n---\n", 1)[1]
    assert "Kính gửi:" in body and "Hạnh phúc" not in body
