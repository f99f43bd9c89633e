"""Cited documents: scoped identity, plans of content/ as cited documents,
conflicts, the implementation tree, links in plan text, pages and export."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import markdown
import pytest

from generator.citation_export import citations_json
from generator.citation_index import basis_href, build_citation_index, linkify
from generator.citation_reading import sentence_around
from generator.document_pages import citation_pages
from generator.links import EXPORT, INDEX, TREE, document_md
from generator.tree_pages import tree_snippet
from generator.diagnostics import Report
from generator.documents import load_documents
from generator.links import plan_md
from generator.load import load_corpus
from generator.render import inline
from tests.conftest import ROOT

BINH_DINH = "binh-dinh-kh-thuc-hien-21-nq-tw"
BINH_PHUOC = "binh-phuoc-kh-thuc-hien-38-kl-tw"
DI_LINH = "di-linh-90-kh-hu"
KHOI = "dang-uy-khoi-lam-dong-kh-thuc-hien-42-ctr-tu"


def build(content: Path, root: Path, *, strict: bool = False):
    report = Report()
    plans, organisations = load_corpus(content, root, report)
    registry = load_documents(content / "documents.yml", "content/documents.yml", organisations, report)
    assert report.errors == [], [str(d) for d in report.errors]
    links = Report()
    index = build_citation_index(plans, organisations, registry, links, strict=strict)
    return index, [str(d) for d in links.sorted()], {p.id: p for p in plans}


@pytest.fixture(scope="module")
def real():
    return build(ROOT / "content", ROOT, strict=True)


# --- the seeds -----------------------------------------------------------------------


def test_the_only_finding_on_the_seeds_is_the_21_KL_TW_typo_even_when_strict(real):
    _, diagnostics, _ = real
    assert diagnostics == [
        "content/binh-dinh-kh-thuc-hien-21-nq-tw.md:142: cảnh báo[trích-dẫn-mâu-thuẫn]: “Nghị quyết số 21-KL/TW”: "
        "ký hiệu KL (Kết luận) không khớp với “Nghị quyết”; các chỗ khác ghi 21-NQ/TW, nên trích dẫn này được coi là "
        "Nghị quyết số 21-NQ/TW. Cách sửa: kiểm tra văn bản gốc; nếu đây là lỗi in thì giữ nguyên văn và ghi vào editorial_notes."
    ]


def test_the_typo_counts_and_links_as_21_NQ_TW_and_is_shown_as_written(real):
    index, _, plans = real
    assert "trung-uong/21-KL/TW" not in index.documents
    typo = [m for m in index.documents["trung-uong/21-NQ/TW"].mentions if m.raw == "21-KL/TW"]
    assert [(m.plan, m.anchor, m.written_key, str(m.source)) for m in typo] == [
        (BINH_DINH, "muc-v-khoan-1", "trung-uong/21-KL/TW", "content/binh-dinh-kh-thuc-hien-21-nq-tw.md:142")
    ]
    here = plan_md(BINH_DINH)
    node = next(n for n in plans[BINH_DINH].walk() if n.anchor == "muc-v-khoan-1")
    assert '[21-KL/TW](../van-ban/trung-uong-21-nq-tw.md "Nghị quyết số 21-NQ/TW, ngày 16/06/2022"){: .kh-cite }' in linkify(
        inline(node.text), plans[BINH_DINH], here, index
    )
    page = citation_pages(index)[document_md("trung-uong/21-NQ/TW")]
    assert "ghi là 21-KL/TW" in page


# document key -> the places of seed 001 (binh-phuoc-kh-thuc-hien-38-kl-tw) that
# cite it by number, read off the seed by hand; "" is the front matter.
SEED_001 = {
    "trung-uong/38-KL/TW": ["mo-dau-doan-1", "muc-i-khoan-1-gach-1", "muc-i-khoan-2-gach-1", "muc-iii-khoan-2-gach-1", ""],
    "trung-uong/22-NQ/TW": ["mo-dau-doan-1", "muc-i-khoan-1-gach-1", ""],
    "trung-uong/05-CT/TW": ["muc-ii-khoan-2-diem-2-1"],
    "binh-phuoc/43-KL/TU": ["muc-ii-khoan-2-diem-2-1"],
    "trung-uong/101-QĐ/TW": ["muc-ii-khoan-2-diem-2-2"],
    "trung-uong/55-QĐ/TW": ["muc-ii-khoan-2-diem-2-2"],
    "trung-uong/08-QĐ/TW": ["muc-ii-khoan-2-diem-2-2"],
    "binh-phuoc/167-KH/TU": ["muc-ii-khoan-2-diem-2-2"],
    "binh-phuoc/999-QĐ/TU": ["muc-ii-khoan-3-diem-3-1", "muc-ii-khoan-4-diem-4-2", "fn:4", "fn:6", "fn:7"],
    "trung-uong/18-NQ/TW": ["muc-ii-khoan-3-diem-3-1"],
    "trung-uong/19-NQ/TW": ["muc-ii-khoan-3-diem-3-1"],
    "binh-phuoc/158-KH/TU": ["muc-ii-khoan-4-diem-4-2", "fn:3", "fn:5", "fn:8"],
    "binh-phuoc/92-KH/TU": ["muc-ii-khoan-5-diem-5-2"],
    "trung-uong/18-KL/TW": ["muc-ii-khoan-5-diem-5-2"],
    "binh-phuoc/17-QĐi/TU": ["muc-ii-khoan-5-diem-5-2"],
    "binh-phuoc/03-HD/TU": ["muc-ii-khoan-5-diem-5-2"],
    "binh-phuoc/1200-QĐ/TU": ["muc-ii-khoan-5-diem-5-2"],
    "binh-phuoc/45-KH/TU": ["ket-doan-1", ""],
    "binh-phuoc/12-CV/BCĐ": ["fn:1"],
    "trung-uong/28-CT/TW": ["fn:2"],
}


def test_every_document_seed_001_cites_is_indexed_with_its_mentions(real):
    index, _, _ = real
    cited = {}
    for key, document in index.documents.items():
        anchors = [m.anchor for m in document.mentions if m.plan == BINH_PHUOC]
        if anchors:
            cited[key] = anchors
    assert cited == SEED_001
    pages = citation_pages(index)
    for key in SEED_001:
        assert document_md(key) in pages


@pytest.mark.parametrize(
    "key, when, issuer",
    [
        ("binh-phuoc/12-CV/BCĐ", date(2018, 2, 9), "Ban Chỉ đạo Tỉnh ủy thực hiện Kết luận số 80"),
        ("trung-uong/28-CT/TW", date(2019, 1, 21), "Ban Bí thư"),
        ("binh-phuoc/158-KH/TU", date(2019, 3, 14), "Ban Thường vụ Tỉnh ủy Bình Phước"),
        ("binh-phuoc/999-QĐ/TU", date(2018, 4, 10), "Ban Chấp hành Đảng bộ tỉnh Bình Phước"),
        ("binh-phuoc/45-KH/TU", date(2011, 12, 20), "Ban Thường vụ Tỉnh ủy Bình Phước"),
        ("trung-uong/21-NQ/TW", date(2022, 6, 16), "Ban Chấp hành Trung ương Đảng (khóa XIII)"),
        ("lam-dong/42-CTr/TU", date(2022, 10, 27), "Tỉnh ủy Lâm Đồng"),
        ("binh-dinh/05-CTr/TU", date(2021, 5, 14), "Tỉnh ủy Bình Định"),
    ],
)
def test_registered_facts(real, key, when, issuer):
    document = real[0].documents[key]
    assert (document.date, document.issuer, document.registered, document.plan) == (when, issuer, True, None)


def test_a_TU_number_belongs_to_the_citing_plans_province(real):
    index, _, plans = real
    province = {BINH_DINH: "binh-dinh", BINH_PHUOC: "binh-phuoc", DI_LINH: "lam-dong", KHOI: "lam-dong"}
    for key, document in index.documents.items():
        if document.symbol.endswith("/TU"):
            for mention in document.mentions:
                assert document.scope == province[mention.plan], (key, mention.plan)
    citing = {key: {m.plan for m in d.mentions} for key, d in index.documents.items()}
    assert citing["lam-dong/42-CTr/TU"] == {DI_LINH, KHOI}
    assert citing["binh-dinh/05-CTr/TU"] == {BINH_DINH}
    assert citing["trung-uong/21-NQ/TW"] == {BINH_DINH, DI_LINH, KHOI}
    assert citing["lam-dong-khoi-cqt/04-NQ/ĐUK"] == {KHOI}


def test_di_linh_is_in_the_corpus_under_its_own_number(real):
    index, _, _ = real
    assert index.plan_keys[DI_LINH] == "lam-dong-di-linh/90-KH/HU"
    assert index.plan_of("lam-dong-di-linh/90-KH/HU") == DI_LINH


# --- the tree ------------------------------------------------------------------------


def test_tree_acceptance(real):
    index, _, _ = real
    assert index.parents[DI_LINH] == ("lam-dong/42-CTr/TU",)
    # seed 004 implements both 21-NQ/TW and 42-CTr/TU: it hangs under the more specific
    assert index.parents[KHOI] == ("lam-dong/42-CTr/TU",)
    assert index.parents["lam-dong/42-CTr/TU"] == ("trung-uong/21-NQ/TW",)
    assert index.parents[BINH_PHUOC] == ("trung-uong/38-KL/TW",)
    assert index.parents[BINH_DINH] == ("trung-uong/21-NQ/TW",)  # relies-on 07-KH/TW is not a parent
    assert index.children["trung-uong/21-NQ/TW"] == (BINH_DINH, "lam-dong/42-CTr/TU", "trung-uong/07-KH/TW")
    assert not index.parents.get("trung-uong/21-NQ/TW") and not index.parents.get("trung-uong/38-KL/TW")
    # "Được cụ thể hóa bởi" keeps what the bases say, before the tree picks the most specific
    assert index.documents["trung-uong/21-NQ/TW"].implemented_by == (BINH_DINH, KHOI, "lam-dong/42-CTr/TU", "trung-uong/07-KH/TW")


def _nesting(html: str) -> dict[str, str | None]:
    """data-node -> data-node of the enclosing list item."""
    root = ET.fromstring(f"<root>{html}</root>")
    parent_of: dict[str, str | None] = {}

    def visit(element, owner):
        for child in element:
            if child.tag == "li":
                span = child.find("span")
                node = span.get("data-node")
                parent_of[node] = owner
                for sub in child.findall("ul"):
                    visit(sub, node)
            else:
                visit(child, owner)

    visit(root, None)
    return parent_of


def test_tree_page_nests_the_seeds(real):
    index, _, _ = real
    page = citation_pages(index)[TREE]
    tree = re.search(r'<ul class="kh-tree kh-tree-full">.*?</ul>\n', page, re.S).group()
    nesting = _nesting(tree)
    assert nesting[DI_LINH] == nesting[KHOI] == "lam-dong/42-CTr/TU"
    assert nesting["lam-dong/42-CTr/TU"] == "trung-uong/21-NQ/TW"
    assert nesting[BINH_PHUOC] == "trung-uong/38-KL/TW"
    assert nesting["trung-uong/21-NQ/TW"] is None
    assert "<script" not in page
    assert f'href="../ke-hoach/{DI_LINH}.html"' in page and 'href="lam-dong-42-ctr-tu.html"' in page


def test_tree_snippet_shows_ancestors_and_children(real):
    index, _, plans = real
    here = plan_md(KHOI)
    snippet = tree_snippet(plans[KHOI], here, index)
    nesting = _nesting(re.search(r'<ul class="kh-tree">.*</ul>', snippet, re.S).group())
    assert nesting == {"trung-uong/21-NQ/TW": None, "lam-dong/42-CTr/TU": "trung-uong/21-NQ/TW", KHOI: "lam-dong/42-CTr/TU"}
    assert '<strong aria-current="page">' in snippet
    assert 'href="../van-ban/lam-dong-42-ctr-tu.html"' in snippet and 'href="../van-ban/cay-thuc-hien.html"' in snippet
    assert "data-pagefind-ignore" in snippet


# --- a corpus where one plan cites another ---------------------------------------------

PLAN = """\
---
id: {id}
type: ke-hoach
number: {number}
{note}date: 2023-01-10
organisation: {org}
issuer: Ban Thường vụ
title: "Kế hoạch {id}"
{bases}signer:
  name: Nguyễn Văn A
recipients:
  - Lưu.
---

{body}
"""


def write_plan(content: Path, id: str, org: str, body: str, number: str | None = None, bases: str = "") -> None:
    (content / f"{id}.md").write_text(
        PLAN.format(
            id=id,
            org=org,
            number=f'"{number}"' if number else "null",
            note="" if number else "number_note: không ghi trong văn bản\n",
            bases=f"bases:\n{bases}" if bases else "",
            body=body,
        ),
        encoding="utf-8",
    )


@pytest.fixture
def pair(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "agencies.yml", content / "agencies.yml")
    write_plan(content, "tinh-15", "lam-dong", "Kế hoạch số 15-KH/TU này thực hiện Nghị quyết số 21-NQ/TW.", number="15-KH/TU",
               bases='  - document: "21-NQ/TW"\n    relation: implements\n')
    write_plan(
        content,
        "huyen",
        "lam-dong-di-linh",
        "Thực hiện Kế hoạch số 15-KH/TU ngày 10/01/2023 của Ban Thường vụ Tỉnh ủy, Huyện ủy ban hành Kế hoạch.",
        bases='  - document: "15-KH/TU"\n    relation: implements\n    type: ke-hoach\n',
    )
    write_plan(content, "tinh-khac", "binh-phuoc", "Căn cứ Kế hoạch số 15-KH/TU của Tỉnh ủy.")
    return build(content, tmp_path, strict=True)


def test_a_cited_number_that_a_plan_carries_is_that_plan(pair):
    index, diagnostics, plans = pair
    assert index.plan_of("lam-dong/15-KH/TU") == "tinh-15"
    assert index.documents["lam-dong/15-KH/TU"].plan == "tinh-15"
    # the same number in Bình Phước is another series, not in the corpus
    assert index.documents["binh-phuoc/15-KH/TU"].plan is None
    assert index.parents["huyen"] == ("tinh-15",)
    assert index.parents["tinh-15"] == ("trung-uong/21-NQ/TW",)
    # strict: only the Bình Phước document and 21-NQ/TW are unknown (no documents.yml here)
    assert [d.split("]")[0] for d in diagnostics] == [
        "content/tinh-15.md:18: cảnh báo[văn-bản-không-rõ",
        "content/tinh-khac.md:16: cảnh báo[văn-bản-không-rõ",
    ]
    assert "Kế hoạch số 15-KH/TU (binh-phuoc/15-KH/TU) được trích dẫn 1 lần" in diagnostics[1]


def test_links_go_to_the_cited_plan_or_to_the_index(pair):
    index, _, plans = pair
    huyen = linkify(inline(plans["huyen"].body[0].text), plans["huyen"], plan_md("huyen"), index)
    assert huyen.startswith('Thực hiện Kế hoạch số [15-KH/TU](tinh-15.md "Kế hoạch số 15-KH/TU, ngày 10/01/2023"){: .kh-cite } ngày')
    other = linkify(inline(plans["tinh-khac"].body[0].text), plans["tinh-khac"], plan_md("tinh-khac"), index)
    assert "[15-KH/TU](../van-ban/binh-phuoc-15-kh-tu.md " in other
    own = plans["tinh-15"]
    assert "[15-KH/TU]" not in linkify(inline(own.body[0].text), own, plan_md("tinh-15"), index)  # no link to itself
    assert basis_href(plans["huyen"], "15-KH/TU", plan_md("huyen"), index) == "tinh-15.html"
    assert basis_href(own, "21-NQ/TW", plan_md("tinh-15"), index) == "../van-ban/trung-uong-21-nq-tw.html"
    assert basis_href(own, "", plan_md("tinh-15"), index) is None


def test_strict_is_off_by_default(tmp_path, pair):
    content = tmp_path / "content"
    assert build(content, tmp_path)[1] == []


# --- conflicts -------------------------------------------------------------------------


def test_a_date_that_contradicts_the_registry_is_reported_where_it_is_written(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "agencies.yml", content / "agencies.yml")
    (content / "documents.yml").write_text(
        "documents:\n  - key: lam-dong/11-KH/TU\n    type: ke-hoach\n    date: 2021-05-24\n", encoding="utf-8"
    )
    write_plan(content, "a", "lam-dong-khoi-cqt", "Theo Kế hoạch số 11-KH/TU ngày 24/5/2021 của Tỉnh ủy.\n\nTheo Kế hoạch số 11-KH/TU ngày 25/5/2021 của Tỉnh ủy.")
    write_plan(content, "b", "lam-dong", "Theo Chỉ thị số 11-KH/TU.")
    _, diagnostics, _ = build(content, tmp_path)
    assert diagnostics == [
        "content/a.md:18: cảnh báo[trích-dẫn-mâu-thuẫn]: Kế hoạch số 11-KH/TU được ghi ngày 25/05/2021, nhưng "
        "content/documents.yml:2 ghi ngày 24/05/2021. Cách sửa: kiểm tra ngày trong văn bản gốc; sửa chỗ ghi sai hoặc sửa content/documents.yml.",
        "content/b.md:16: cảnh báo[trích-dẫn-mâu-thuẫn]: “Chỉ thị số 11-KH/TU”: ký hiệu KH (Kế hoạch) không khớp với “Chỉ thị”. "
        "Cách sửa: kiểm tra văn bản gốc; nếu đây là lỗi in thì giữ nguyên văn và ghi vào editorial_notes.",
    ]


# --- links in plan text ------------------------------------------------------------------


@pytest.fixture(scope="module")
def bp(real):
    index, _, plans = real
    plan = plans[BINH_PHUOC]
    return lambda text: linkify(text, plan, plan_md(BINH_PHUOC), index)


LINK_05 = '[05-CT/TW](../van-ban/trung-uong-05-ct-tw.md "Chỉ thị số 05-CT/TW, ngày 15/05/2016"){: .kh-cite }'


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chỉ thị số 05-CT/TW.", f"Chỉ thị số {LINK_05}."),
        ("*Chỉ thị số 05-CT/TW*", f"*Chỉ thị số {LINK_05}*"),
        ("**05-CT/TW**[^2]", f"**{LINK_05}**[^2]"),
        # already a link: never nested
        ("[Chỉ thị số 05-CT/TW](https://example.org/05)", "[Chỉ thị số 05-CT/TW](https://example.org/05)"),
        ("`05-CT/TW`", "`05-CT/TW`"),
        ("không có số hiệu 16/6/2022, 3-4%", "không có số hiệu 16/6/2022, 3-4%"),
    ],
)
def test_linkify(bp, text, expected):
    assert bp(text) == expected
    assert bp(bp(text)) == bp(text)  # a second pass changes nothing


def test_linked_text_renders_with_its_emphasis_and_footnotes(real, bp):
    index, _, plans = real
    plan = plans[BINH_PHUOC]
    node = next(n for n in plan.walk() if n.anchor == "muc-ii-khoan-4-diem-4-2")
    source = bp(inline(node.text)) + "\n\n" + "".join(f"[^{f.key}]: {bp(inline(f.text))}\n" for f in plan.footnotes)
    html = markdown.markdown(source, extensions=["attr_list", "footnotes"])
    assert re.search(r'<em>thực hiện theo lộ trình tại Quyết định số <a class="kh-cite" href="../van-ban/binh-phuoc-999-qd-tu.md"', html)
    assert html.count('class="footnote-ref"') == 4
    assert not re.search(r"<a [^>]*>[^<]*<a ", html)
    assert '<a class="kh-cite" href="../van-ban/binh-phuoc-158-kh-tu.md" title="Kế hoạch số 158-KH/TU, ngày 14/03/2019">158 – KH/TU</a>' in html


def test_two_numbers_sharing_one_symbol_each_get_a_link(bp):
    out = bp("Nghị quyết số 18, 19 – NQ/TW của Ban Chấp hành Trung ương")
    assert "[18](../van-ban/trung-uong-18-nq-tw.md " in out and "[19 – NQ/TW](../van-ban/trung-uong-19-nq-tw.md " in out


# --- sentences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, number, sentence",
    [
        ("2.1. Tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016. Tổ chức các đợt sinh hoạt.", "05-CT/TW",
         "Tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016."),
        ("Câu một. Theo Quyết định số 999 – QĐ/TU (*thực hiện từ quý II năm 2019*)[^1]. Câu ba.", "999 – QĐ/TU",
         "Theo Quyết định số 999 – QĐ/TU (thực hiện từ quý II năm 2019)."),
        ("II - CÔNG TÁC QUẢN TRIỆT NGHỊ QUYẾT SỐ 21-NQ/TW", "21-NQ/TW", "CÔNG TÁC QUẢN TRIỆT NGHỊ QUYẾT SỐ 21-NQ/TW"),
        ("Mở đầu " + "rất dài " * 40 + "; theo Kế hoạch số 11-KH/TU ngày 24/5/2021; " + "tiếp " * 80 + ".", "11-KH/TU",
         "…theo Kế hoạch số 11-KH/TU ngày 24/5/2021…"),
    ],
)
def test_sentence_around(text, number, sentence):
    start = text.index(number)
    found, (a, b) = sentence_around(text, start, start + len(number))
    assert found == sentence
    assert found[a:b] == number


# --- pages and export ------------------------------------------------------------------


def test_document_page(real):
    index, _, _ = real
    page = citation_pages(index)[document_md("binh-phuoc/45-KH/TU")]
    assert "kehoach_html: true" in page.split("---")[1]  # pre-rendered: no Markdown inside
    assert '<div class="kh-cited" data-pagefind-body>' in page
    assert '<h1 data-pagefind-meta="title">Kế hoạch số 45-KH/TU</h1>' in page
    assert '<span data-pagefind-meta="loai_trang" hidden>Văn bản</span>' in page
    for name, value in [("loai", "Kế hoạch"), ("co_quan_ban_hanh", "Ban Thường vụ Tỉnh ủy Bình Phước"), ("nam", "2011")]:
        assert f'<span data-pagefind-filter="{name}" hidden>{value}</span>' in page
    assert '<h2 id="thay-the-duoc-thay-the-boi">Thay thế / Được thay thế bởi</h2>' in page
    assert f'Được thay thế bởi:</p>\n<ul><li><span class="kh-tree-plan" data-node="{BINH_PHUOC}"><a href="../ke-hoach/{BINH_PHUOC}.html">' in page
    assert f'<a class="kh-mention-where" href="../ke-hoach/{BINH_PHUOC}.html#ket-doan-1">Phần kết, đoạn 1</a>' in page
    assert "Kế hoạch này thay thế Kế hoạch số <mark>45-KH/TU</mark> ngày 20/12/2011" in page
    programme = citation_pages(index)[document_md("lam-dong/42-CTr/TU")]
    assert '<h2 id="duoc-cu-the-hoa-boi">Được cụ thể hóa bởi</h2>' in programme and f'href="../ke-hoach/{DI_LINH}.html"' in programme
    assert 'href="../ke-hoach/dang-uy-khoi-lam-dong-kh-thuc-hien-42-ctr-tu.html#fn:' not in programme


def test_index_page_is_ordered_by_level_then_date(real):
    index, _, _ = real
    page = citation_pages(index)[INDEX]
    heads = ['<h2 id="trung-uong">Trung ương</h2>', '<h2 id="cap-tinh">Cấp tỉnh</h2>', '<h2 id="dang-bo-khoi-cap-huyen">Đảng bộ khối, cấp huyện</h2>']
    assert page.index(heads[0]) < page.index(heads[1]) < page.index(heads[2])
    central = page[page.index(heads[0]) : page.index(heads[1])]
    symbols = re.findall(r'<td><a href="[^"]+">([^<]+)</a>', central)
    assert symbols[:5] == ["05-CT/TW", "38-KL/TW", "28-CT/TW", "21-NQ/TW", "07-KH/TW"]
    assert set(symbols[5:]) == {"08-QĐ/TW", "18-KL/TW", "18-NQ/TW", "19-NQ/TW", "22-NQ/TW", "55-QĐ/TW", "101-QĐ/TW"}
    row = re.search(r'<tr><td><a href="trung-uong-21-nq-tw.html">.*?</tr>', central).group()
    assert '<span class="kh-count">34</span>' in row and "(3 văn bản)" in row


def test_citations_json(real):
    index, _, _ = real
    text = citations_json(index)
    records = json.loads(text)
    assert [r["key"] for r in records] == sorted(index.documents)
    record = next(r for r in records if r["key"] == "binh-phuoc/12-CV/BCĐ")
    assert record == {
        "key": "binh-phuoc/12-CV/BCĐ",
        "symbol": "12-CV/BCĐ",
        "type": "cong-van",
        "issuer": "Ban Chỉ đạo Tỉnh ủy thực hiện Kết luận số 80",
        "date": "2018-02-09",
        "title": None,
        "in_corpus": False,
        "plan": None,
        "registered": True,
        "url": "van-ban/binh-phuoc-12-cv-bcd.html",
        "plan_url": None,
        "implements": [],
        "implemented_by": [],
        "replaces": [],
        "replaced_by": [],
        "mentions": [
            {
                "plan": BINH_PHUOC,
                "anchor": "fn:1",
                "url": f"ke-hoach/{BINH_PHUOC}.html#fn:1",
                "kind": "footnote",
                "where": "Chú thích 1",
                "sentence": "Công văn số 12 – CV/BCĐ ngày 09/02/2018 của Ban Chỉ đạo Tỉnh ủy thực hiện Kết luận số 80 (nay là Ban Chỉ đạo thực hiện Chỉ 33).",
                "as_written": "12 – CV/BCĐ",
                "source": {"file": "content/binh-phuoc-kh-thuc-hien-38-kl-tw.md", "line": 149},
            }
        ],
    }
    assert build(ROOT / "content", ROOT)[0] is not index
    assert citations_json(build(ROOT / "content", ROOT)[0]) == text  # deterministic


# --- the registry ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry, message",
    [
        ("  - key: binh-phuoc/21-NQ/TW\n",
         'content/documents.yml:2: lỗi[khóa-văn-bản]: số "21-NQ/TW" thuộc hệ thống văn bản của "trung-uong", không phải của "binh-phuoc". '
         "Cách sửa: viết key: trung-uong/21-NQ/TW."),
        ("  - key: trung-uong/21 - NQ/TW\n",
         'content/documents.yml:2: lỗi[khóa-văn-bản]: số và ký hiệu trong key "trung-uong/21 - NQ/TW" chưa viết theo dạng chuẩn. '
         "Cách sửa: viết key: trung-uong/21-NQ/TW."),
        ("  - key: lam-dog/42-CTr/TU\n",
         'content/documents.yml:2: lỗi[tổ-chức-không-rõ]: tổ chức "lam-dog" trong key "lam-dog/42-CTr/TU" không có trong danh mục '
         'content/agencies.yml. Cách sửa: có phải "lam-dong"?'),
        ("  - key: trung-uong/Nghị quyết 21\n",
         'content/documents.yml:2: lỗi[khóa-văn-bản]: key "trung-uong/Nghị quyết 21" phải có dạng <tổ chức>/<số và ký hiệu>, ví dụ '
         'trung-uong/21-NQ/TW. Cách sửa: viết số và ký hiệu như trong văn bản, không có chữ "Số", không có khoảng trắng quanh dấu gạch.'),
        ("  - key: trung-uong/21-NQ/TW\n    date: 2022-06-31\n",
         "content/documents.yml:3: lỗi[ngày-không-hợp-lệ]: documents[0].date — date: ngày 31/06/2022 không tồn tại. "
         "Cách sửa: kiểm tra lại ngày và tháng trong văn bản gốc."),
        ("  - key: trung-uong/21-NQ/TW\n    tittle: về tăng cường\n",
         'content/documents.yml:3: lỗi[trường-lạ]: văn bản có trường không được hỗ trợ "tittle". Cách sửa: có phải "title"?'),
        ("  - key: trung-uong/21-NQ/TW\n    number: 21-KL/TW\n",
         'content/documents.yml:3: lỗi[số-hiệu-không-khớp]: number "21-KL/TW" không khớp số và ký hiệu trong key "trung-uong/21-NQ/TW". '
         'Cách sửa: viết number: "21-NQ/TW" hoặc bỏ trường number.'),
        ("  - key: trung-uong/21-NQ/TW\n    type: nghi quyet\n",
         'content/documents.yml:3: lỗi[giá-trị-không-hợp-lệ]: type "nghi quyet" không phải loại văn bản đã biết. Cách sửa: có phải "nghi-quyet"?'),
        ("  - key: trung-uong/21-NQ/TW\n  - key: trung-uong/21-NQ/TW\n",
         'content/documents.yml:3: lỗi[trùng-id]: văn bản "trung-uong/21-NQ/TW" được khai báo hai lần (lần đầu ở dòng 2). Cách sửa: gộp hai khai báo thành một.'),
    ],
)
def test_registry_errors(tmp_path, entry, message):
    registry = tmp_path / "documents.yml"
    registry.write_text("documents:\n" + entry, encoding="utf-8")
    report = Report()
    organisations = load_corpus(ROOT / "content", ROOT, Report())[1]
    load_documents(registry, "content/documents.yml", organisations, report)
    assert [str(d) for d in report.sorted()] == [message]


def test_the_bundled_registry_loads_cleanly_and_names_only_known_relations(real):
    report = Report()
    organisations = load_corpus(ROOT / "content", ROOT, Report())[1]
    registry = load_documents(ROOT / "content" / "documents.yml", "content/documents.yml", organisations, report)
    assert report.diagnostics == []
    assert len(registry) == 27
    assert registry["binh-phuoc/45-KH/TU"].replaced_by == (BINH_PHUOC,)
    assert registry["lam-dong/42-CTr/TU"].implements == ("trung-uong/21-NQ/TW",)
