"""The "5 rõ" audit (generator/audit.py): the product vocabulary phrase by
phrase, each check on a small plan, the panel, the ranking page, the notes of
`kehoach check`, and the vocabulary measured on two sets of real plans (the
seed plans of content/ and the import fixtures) so that it is not fitted to
one plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.audit import AUDIT_PAGE, PANEL_ID, PRODUCTS, audit_notes, audit_pages, audit_panel, audit_plans, products, task_gaps
from generator.pipeline import build_corpus, emit_site
from generator.vocabulary import DOC_TYPES
from tests.conftest import ROOT, run_kehoach
from tests.importkit.evaluate import CORPUS, cases, import_batch, make_input, project
from tests.unit.test_duties import HEAD, REGISTRY

# phrase -> the products found (as written), [] for none
PHRASES = [
    ("Xây dựng kế hoạch thực hiện tại địa phương", ["kế hoạch"]),
    ("Tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy", ["báo cáo"]),
    ("Tổ chức hội nghị quán triệt Nghị quyết số 21-NQ/TW", ["hội nghị"]),
    ("Chủ trì tổ chức sơ kết 5 năm thực hiện Chiến lược", ["sơ kết"]),  # a number after an event is no citation
    ("Biên soạn tài liệu tuyên truyền", ["tài liệu"]),
    ("Xây dựng, phát sóng phóng sự, tin bài về phòng, chống dịch", ["phóng sự", "tin bài"]),
    ("Mở lớp bồi dưỡng nhận thức về Đảng", ["lớp bồi dưỡng"]),
    ("Tham mưu Ban Thường vụ Tỉnh ủy ban hành tiêu chí phát hiện cán bộ trẻ", ["ban hành t"]),
    ("tham mưu sắp xếp mạng lưới cơ sở giáo dục nghề nghiệp, trình Ủy ban nhân dân tỉnh trong Quý IV", ["trình Ủy ban"]),
    ("Kiểm tra công tác kiểm soát nhiễm khuẩn (Kết quả/sản phẩm: Biên bản kiểm tra)", ["Kết quả/sản phẩm: B", "Biên bản"]),
    ("Xây dựng Đề án phát triển du lịch cộng đồng", ["Đề án"]),  # a title the clause makes
    ("xây dựng, triển khai kế hoạch phòng, chống tham nhũng", ["kế hoạch"]),
    # documents the duty follows or cites, and bodies: no product
    ("Triển khai thực hiện Kế hoạch số 12-KH/TU", []),
    ("Tổ chức quán triệt Quy định 144 đến 100% cán bộ, đảng viên", []),
    ("bảo đảm các điều kiện theo quy định, hướng dẫn của Trung ương", []),
    ("triển khai thực hiện tốt các quy định về trách nhiệm nêu gương", []),
    ("kiểm tra, đôn đốc việc thực hiện Nghị quyết của Trung ương, Chương trình hành động của Tỉnh ủy", []),
    ("theo dõi, đôn đốc việc thực hiện Kế hoạch này", []),
    ("Giao Sở Kế hoạch và Đầu tư cân đối, bố trí vốn đầu tư công", []),
    ("Phòng Kế hoạch - Tài chính tham mưu phân bổ kinh phí", []),
    ("các văn bản đã ban hành", ["văn bản"]),  # "đã ban hành": issued before, not by this duty
    ("Tăng cường kiểm tra, giám sát, xử lý nghiêm vi phạm", []),
    ("quy định của pháp luật về phòng, chống tham nhũng", ["quy định"]),  # "luật" of "pháp luật" is no product
    ("", []),
]


@pytest.mark.parametrize("phrase, expected", PHRASES)
def test_products_of_a_phrase(phrase, expected):
    assert products(phrase) == expected


def test_document_types_of_the_vocabulary_are_products():
    made = {t.name.lower() for t in DOC_TYPES} - {"nghị định", "thông tư", "thông tư liên tịch", "luật"}
    assert made <= set(PRODUCTS)
    assert len(PRODUCTS) == len(set(PRODUCTS))
    # the page that explains the audit lists every product word
    page = audit_pages(_EMPTY)[AUDIT_PAGE]
    assert all(word in page for word in PRODUCTS)


class _Empty:
    plans = ()
    tasks = ()
    unplaced = ()
    build_date = None


_EMPTY = _Empty()


SMALL = """\
## IV. NHIỆM VỤ CỤ THỂ

1. Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy xây dựng kế hoạch thực hiện (quý I/2024).

2. Ban Tổ chức Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy tăng cường kiểm tra, giám sát việc thực hiện.

3. Ủy ban Kiểm tra Tỉnh ủy tổ chức hội nghị sơ kết (thường xuyên).

4. Đẩy mạnh công tác tuyên truyền về chuyển đổi số trong toàn Đảng bộ.

5. Ban Tuyên giáo Tỉnh ủy thực hiện:

- Triển khai thực hiện Kế hoạch số 12-KH/TU (quý II/2024).

- Báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy (trước ngày 15/12/2024).
"""


def _small_project(tmp_path: Path, body: str = SMALL, plan_id: str = "p") -> Path:
    content = tmp_path / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "agencies.yml").write_text(REGISTRY, encoding="utf-8")
    (content / f"{plan_id}.md").write_text(HEAD.format(id=plan_id, org="tinh-a") + body, encoding="utf-8")
    return content


def _corpus_of_small_plan(tmp_path: Path):
    corpus, report = build_corpus(tmp_path, _small_project(tmp_path))
    assert report.errors == []
    return corpus


def test_each_check_on_a_small_plan(tmp_path):
    corpus = _corpus_of_small_plan(tmp_path)
    gaps = {t.anchor: task_gaps(t) for t in corpus.tasks}
    assert gaps == {
        "muc-iv-khoan-1": [],  # a lead, a deadline, a plan to write
        "muc-iv-khoan-2": ["thoi-gian", "trach-nhiem", "san-pham"],  # two bodies, none leads; no date, no product
        "muc-iv-khoan-3": [],  # "thường xuyên" is a deadline; one body needs no lead
        "muc-iv-khoan-5-gach-1": ["san-pham"],  # carrying out an existing plan makes nothing new
        "muc-iv-khoan-5-gach-2": [],
    }
    result = audit_plans(corpus)["p"]
    # the paragraph naming no body has no doer; the lead-in of item 5 is no gap
    assert [(f.anchor, str(f.source)) for f in result.gaps["nguoi"]] == [("muc-iv-khoan-4", "content/p.md:24")]
    assert result.gaps["nguoi"][0].text.startswith("4. Đẩy mạnh công tác tuyên truyền")
    assert (result.duties, result.total, result.clear) == (5, 6, 3)
    assert round(result.share, 3) == 0.5


def test_panel_links_every_finding_to_its_paragraph(tmp_path):
    corpus = _corpus_of_small_plan(tmp_path)
    site = emit_site(corpus)
    page = site["ke-hoach/p.md"]
    panel = audit_panel(audit_plans(corpus)["p"], "ke-hoach/p.md")
    assert panel in page  # the plan page shows it
    assert f'id="{PANEL_ID}"' in panel and "data-pagefind-ignore" in panel
    assert "3/6 nhiệm vụ rõ đủ các mặt (50 %)" in panel
    assert 'href="../kiem-tra/ro-viec.html"' in panel
    rows = dict(re.findall(r'<tr data-check="([a-z-]+)">(.*?)</tr>', panel))
    assert set(rows) == {"nguoi", "thoi-gian", "trach-nhiem", "san-pham"}
    assert re.findall(r'href="#([^"]+)"', rows["san-pham"]) == ["muc-iv-khoan-2", "muc-iv-khoan-5-gach-1"]
    assert re.findall(r'href="#([^"]+)"', rows["nguoi"]) == ["muc-iv-khoan-4"]
    # every anchor the panel links to is on the page
    for anchor in re.findall(r'href="#([^"]+)"', panel):
        assert f"#{anchor}" in page.replace(panel, "")
    # a plan with no duty part gets no panel
    bare = _small_project(tmp_path / "bare", "## I. MỤC ĐÍCH, YÊU CẦU\n\n1. Nâng cao nhận thức.\n", "q")
    corpus, _ = build_corpus(tmp_path / "bare", bare)
    assert audit_panel(audit_plans(corpus)["q"], "ke-hoach/q.md") == ""


def test_ranking_page_puts_the_least_clear_plan_first_and_pages(tmp_path):
    content = _small_project(tmp_path)
    clear = SMALL.split("2. ")[0]  # only the clear duty
    (content / "r.md").write_text(HEAD.format(id="r", org="tinh-a").replace("Kế hoạch thử", "Kế hoạch rõ") + clear, encoding="utf-8")
    corpus, _ = build_corpus(tmp_path, content)
    pages = audit_pages(corpus)
    assert list(pages) == [AUDIT_PAGE]
    page = pages[AUDIT_PAGE]
    links = re.findall(r'<a href="(\.\./ke-hoach/[^"]+)">', page)
    assert links == [f"../ke-hoach/p.html#{PANEL_ID}", f"../ke-hoach/r.html#{PANEL_ID}"]
    assert "2 văn bản có phần giao nhiệm vụ, 7 nhiệm vụ; 4 nhiệm vụ (57 %)" in page
    assert "kh-sortable" in page and "data-pagefind-ignore" in page
    # one row a page: two pages, each with the pager, ranks continue
    paged = audit_pages(corpus, page_rows=1)
    assert list(paged) == [AUDIT_PAGE, "kiem-tra/ro-viec/trang-2.md"]
    assert 'data-sort="000002">2</td>' in paged["kiem-tra/ro-viec/trang-2.md"]
    assert "kh-pager" in paged[AUDIT_PAGE]
    # the site has the page, and the data page links to it
    site = emit_site(corpus)
    assert site[AUDIT_PAGE] == page
    assert 'href="kiem-tra/ro-viec.html"' in site["du-lieu.md"]


def test_check_prints_notes_with_file_and_line_and_strict_is_unaffected(tmp_path):
    content = _small_project(tmp_path)
    # without the paragraph that names no body, the plan has no warning at all
    # (and citing no document the registry lacks), the plan has no warning at all
    text = (content / "p.md").read_text(encoding="utf-8").replace("4. Đẩy mạnh công tác tuyên truyền về chuyển đổi số trong toàn Đảng bộ.\n\n", "")
    (content / "p.md").write_text(text.replace("Kế hoạch số 12-KH/TU", "Kế hoạch này"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    result = run_kehoach("check", "-f", str(tmp_path / "mkdocs.yml"), "--strict")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "ghi chú[5-rõ]" in line]
    assert lines == [
        "content/p.md:1: ghi chú[5-rõ]: 3/5 nhiệm vụ rõ đủ các mặt; 1 nhiệm vụ chưa ghi thời hạn, "
        "1 nhiệm vụ giao nhiều cơ quan nhưng không nêu cơ quan chủ trì, 2 nhiệm vụ chưa nêu sản phẩm (báo cáo, kế hoạch, hội nghị …).",
        "content/p.md:20: ghi chú[5-rõ]: nhiệm vụ chưa rõ thời gian, trách nhiệm, sản phẩm: “2. Ban Tổ chức Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy tăng cường kiểm tra, giám sát việc thực hiện.”",
        "content/p.md:26: ghi chú[5-rõ]: nhiệm vụ chưa rõ sản phẩm: “Triển khai thực hiện Kế hoạch này.”",
    ]
    assert "Tổng cộng: 0 lỗi, 0 cảnh báo." in result.stderr


def test_notes_count_but_do_not_repeat_paragraphs_without_a_doer(tmp_path):
    corpus = _corpus_of_small_plan(tmp_path)
    notes = audit_notes(corpus)
    assert notes[0].startswith("content/p.md:1: ghi chú[5-rõ]: 3/6 nhiệm vụ rõ đủ các mặt; 1 đoạn chưa nêu cơ quan thực hiện, ")
    assert not any(n.startswith("content/p.md:24:") for n in notes)  # a warning (đoạn-không-giao) already says it


# --- measured on real plans ----------------------------------------------------------


@pytest.fixture(scope="module")
def real_plans(tmp_path_factory):
    """The seed plans of content/, and the import fixtures (corpus and hold-out) imported as text."""
    seeds, _ = build_corpus(ROOT, ROOT / "content")
    tmp = tmp_path_factory.mktemp("fixtures")
    content = project(tmp)
    sources = cases() + cases(folder=CORPUS.parent / "holdout")
    imported = import_batch([make_input(src, "txt", tmp / "inputs") for src in sources], content)
    assert not [r for r in imported.values() if isinstance(r, str)]
    fixtures, _ = build_corpus(tmp, content)
    return {"seeds": seeds, "fixtures": fixtures}


@pytest.mark.parametrize("name", ["seeds", "fixtures"])
def test_product_vocabulary_on_real_plans(real_plans, name):
    """Figures measured when the vocabulary was written (seeds: 115 duties,
    fixtures: 224): products are found in about half of the duties of each
    set, in most plans some duties have one and some not, and no single
    word does all the work."""
    corpus = real_plans[name]
    audits = audit_plans(corpus)
    judged = [a for a in audits.values() if a.duties]
    duties = sum(a.duties for a in judged)
    without = sum(len(a.gaps["san-pham"]) for a in judged)
    assert 0.3 <= without / duties <= 0.7, (without, duties)
    mixed = [a for a in judged if 0 < len(a.gaps["san-pham"]) < a.duties]
    assert len(mixed) >= 0.8 * len(judged)
    words = {}
    for task in corpus.tasks:
        for word in products(task.text):
            words[word.lower()] = words.get(word.lower(), 0) + 1
    assert len(words) >= 10 and max(words.values()) <= 0.35 * sum(words.values())


def test_every_check_finds_something_on_real_plans(real_plans):
    seeds, fixtures = real_plans["seeds"], real_plans["fixtures"]
    for corpus in (seeds, fixtures):
        audits = audit_plans(corpus)
        for code in ("thoi-gian", "trach-nhiem", "san-pham"):
            assert any(a.gaps[code] for a in audits.values()), code
        # every finding points at a line of the plan's file
        for a in audits.values():
            for found in a.gaps.values():
                assert all(f.source.file == a.plan.source.file and f.source.line > 1 for f in found)
    # the fixtures have paragraphs that name no registered body; the seeds have none
    assert sum(len(a.gaps["nguoi"]) for a in audit_plans(fixtures).values()) == 7
    assert sum(len(a.gaps["nguoi"]) for a in audit_plans(seeds).values()) == 0
