"""Citations a reader can follow, in real Chromium: a number in a plan's text
leads to the cited plan when it is in content/, otherwise to the document's
page in the index, and from there back to each paragraph that cites it."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from tests.conftest import BUILD_DATE, ROOT, run_kehoach

pytestmark = [pytest.mark.browser]

BINH_PHUOC = "/ke-hoach/binh-phuoc-kh-thuc-hien-38-kl-tw.html"


def test_a_citation_of_an_outside_document_leads_to_its_entry_and_back(page, site_url):
    page.goto(site_url + BINH_PHUOC)
    page.locator("#muc-ii-khoan-2-diem-2-1 a.kh-cite", has_text="05-CT/TW").click()
    page.wait_for_load_state()
    assert page.url.endswith("/van-ban/trung-uong-05-ct-tw.html")
    assert page.locator("h1").inner_text().startswith("Chỉ thị số 05-CT/TW")
    assert "15/05/2016" in page.get_by_role("table", name="Thông tin văn bản").inner_text()
    page.locator("a.kh-mention-where", has_text="Mục II, khoản 2, điểm 2.1").click()
    page.wait_for_load_state()
    assert page.url.endswith(BINH_PHUOC + "#muc-ii-khoan-2-diem-2-1")
    assert page.errors == []


def test_a_citation_in_a_footnote_is_a_link_too(page, site_url):
    page.goto(site_url + BINH_PHUOC)
    page.locator("li[id='fn:2'] a.kh-cite").click()
    page.wait_for_load_state()
    assert page.url.endswith("/van-ban/trung-uong-28-ct-tw.html")
    assert page.locator("a.kh-mention-where", has_text="Chú thích 2").get_attribute("href").endswith(
        "binh-phuoc-kh-thuc-hien-38-kl-tw.html#fn:2"
    )


def test_the_21_KL_TW_typo_leads_to_21_NQ_TW(page, site_url):
    page.goto(site_url + "/ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html")
    page.locator("#muc-v-khoan-1 a.kh-cite", has_text="21-KL/TW").click()
    page.wait_for_load_state()
    assert page.url.endswith("/van-ban/trung-uong-21-nq-tw.html")
    assert page.locator(".kh-tag-warn", has_text="ghi là 21-KL/TW").count() == 1


def test_the_panel_and_the_tree_link_to_the_programme_the_plans_implement(page, site_url):
    page.goto(site_url + "/ke-hoach/di-linh-90-kh-hu.html")
    snippet = page.locator("nav.kh-tree-snippet")
    assert snippet.locator("li:has(> span[data-node='trung-uong/21-NQ/TW']) li:has(> span[data-node='lam-dong/42-CTr/TU']) [aria-current=page]").count() == 1
    page.get_by_role("table", name="Thông tin văn bản").locator("a", has_text="Chương trình hành động số 42-CTr/TU").click()
    page.wait_for_load_state()
    assert page.url.endswith("/van-ban/lam-dong-42-ctr-tu.html")
    page.goto(site_url + "/van-ban/cay-thuc-hien.html")
    nested = "ul.kh-tree-full li:has(> span[data-node='trung-uong/21-NQ/TW']) li:has(> span[data-node='lam-dong/42-CTr/TU'])"
    assert page.locator(f"{nested} span[data-node='di-linh-90-kh-hu']").count() == 1
    assert page.locator(f"{nested} span[data-node='dang-uy-khoi-lam-dong-kh-thuc-hien-42-ctr-tu']").count() == 1
    assert page.locator("ul.kh-tree-full li:has(> span[data-node='trung-uong/38-KL/TW']) span[data-node='binh-phuoc-kh-thuc-hien-38-kl-tw']").count() == 1
    assert page.errors == []


def test_the_index_lists_documents_and_is_searchable(site_dir):
    index = (site_dir / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert index.index("Trung ương") < index.index("Cấp tỉnh")
    entry = (site_dir / "van-ban" / "lam-dong-42-ctr-tu.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in entry and 'data-pagefind-filter="loai"' in entry
    assert (site_dir / "data" / "citations.json").exists()


# --- two plans of content/, one citing the other's number --------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


PLAN = """\
---
id: {id}
type: ke-hoach
number: {number}
{note}date: 2023-01-10
organisation: {org}
issuer: {issuer}
title: "{title}"
{bases}signer:
  name: Nguyễn Văn A
recipients:
  - Lưu.
---

{body}
"""


@pytest.fixture(scope="module")
def pair_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("pair")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "pages", root / "pages")
    if (ROOT / "overrides").exists():
        shutil.copytree(ROOT / "overrides", root / "overrides")
    content = root / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "agencies.yml", content / "agencies.yml")
    (content / "tinh-15.md").write_text(
        PLAN.format(
            id="tinh-15", number='"15-KH/TU"', note="", org="lam-dong", issuer="Ban Thường vụ Tỉnh ủy",
            title="Về tăng cường củng cố tổ chức cơ sở đảng", bases="",
            body="## I. MỤC ĐÍCH, YÊU CẦU\n\n1. Quán triệt Kế hoạch này.",
        ),
        encoding="utf-8",
    )
    (content / "huyen.md").write_text(
        PLAN.format(
            id="huyen", number="null", note="number_note: không ghi trong văn bản\n", org="lam-dong-di-linh",
            issuer="Huyện ủy Di Linh", title="Thực hiện Kế hoạch số 15-KH/TU",
            bases='bases:\n  - document: "15-KH/TU"\n    relation: implements\n    type: ke-hoach\n',
            body="Thực hiện Kế hoạch số 15-KH/TU ngày 10/01/2023 của Ban Thường vụ Tỉnh ủy, Huyện ủy ban hành Kế hoạch.",
        ),
        encoding="utf-8",
    )
    site = root / "site"
    result = run_kehoach("build", "-f", str(root / "mkdocs.yml"), "--site-dir", str(site), "--build-date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_citation_of_a_plan_in_the_corpus_leads_to_that_plan(page, pair_url):
    page.goto(pair_url + "/ke-hoach/huyen.html")
    page.locator("#mo-dau-doan-1 a.kh-cite", has_text="15-KH/TU").click()
    page.wait_for_load_state()
    assert page.url.endswith("/ke-hoach/tinh-15.html")
    assert page.locator("h1").inner_text().startswith("Kế hoạch số 15-KH/TU")
    # the cited plan shows who implements it; the panel of the citing plan links to it too
    page.locator("nav.kh-tree-snippet a", has_text="Kế hoạch của Huyện ủy Di Linh").click()
    page.wait_for_load_state()
    assert page.url.endswith("/ke-hoach/huyen.html")
    page.get_by_role("table", name="Thông tin văn bản").locator("a", has_text="Kế hoạch số 15-KH/TU").click()
    page.wait_for_load_state()
    assert page.url.endswith("/ke-hoach/tinh-15.html")
    assert page.errors == []
