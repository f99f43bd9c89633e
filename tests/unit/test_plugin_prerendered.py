"""Pre-rendered pages (front matter ``kehoach_html: true``) and the plugin's
memory handling, on a tiny MkDocs + Material build in a temporary directory.

The pipeline is replaced by a fixed set of emitted files, so these tests
show only what the adapter does with them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import plugin as kehoach_plugin
from generator.diagnostics import Report
from generator.prerendered import Permalinks, prepare

PERMALINK = '<a class="headerlink" href="#{0}" title="Liên kết đến mục này">¶</a>'

FLAGGED = """---
title: Trang viết sẵn
kehoach_html: true
---

<h1 id="trang">Trang viết sẵn</h1>
<p class="kh-lead"># x không phải tiêu đề, *y* không nghiêng, [z](khac.md) không đổi.</p>
<div class="kh-box">
<h2 id="muc-a">Mục A <span class="kh-count">3</span></h2>
<table class="kh-duties"><tr><td>**đậm?**</td></tr></table>
<h3 id="muc-a-1">Mục A.1</h3>
<h2>Không có id</h2>
</div>
<h2 id='muc-b'>Mục B &amp; C</h2>
"""

UNFLAGGED = """---
title: Trang Markdown
---

# Trang Markdown

*nghiêng*

## Mục một
"""

DATA = b'{"a": 1}\n'


def _build(tmp_path: Path, monkeypatch, emitted: dict) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "huong-dan.md").write_text("# Hướng dẫn\n\nXem [trang](viet-san.md#muc-b).\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Thử\n"
        "docs_dir: docs\n"
        "use_directory_urls: false\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        "plugins:\n  - kehoach:\n      search: false\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n"
        "  - toc:\n      permalink: \"¶\"\n      permalink_title: Liên kết đến mục này\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(kehoach_plugin, "build_corpus", lambda *a, **k: (None, Report()))
    monkeypatch.setattr(kehoach_plugin, "iter_site", lambda corpus, **k: iter(emitted.items()))
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    build(config)
    return project


@pytest.fixture
def built(tmp_path, monkeypatch) -> Path:
    return _build(tmp_path, monkeypatch, {"viet-san.md": FLAGGED, "markdown.md": UNFLAGGED, "data/x.json": DATA})


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_a_flagged_page_reaches_the_output_untouched(built):
    article = _article((built / "site" / "viet-san.html").read_text(encoding="utf-8"))
    assert '<p class="kh-lead"># x không phải tiêu đề, *y* không nghiêng, [z](khac.md) không đổi.</p>' in article
    assert "<td>**đậm?**</td>" in article
    assert "<em>" not in article and "<strong>" not in article


def test_a_flagged_page_gets_permalinks_on_headings_with_an_id(built):
    article = _article((built / "site" / "viet-san.html").read_text(encoding="utf-8"))
    assert '<h2 id="muc-a">Mục A <span class="kh-count">3</span>' + PERMALINK.format("muc-a") + "</h2>" in article
    assert '<h3 id="muc-a-1">Mục A.1' + PERMALINK.format("muc-a-1") + "</h3>" in article
    assert "<h2 id='muc-b'>Mục B &amp; C" + PERMALINK.format("muc-b") + "</h2>" in article
    assert "<h2>Không có id</h2>" in article
    assert article.count('class="headerlink"') == 4  # h1, two h2 and the h3


def test_a_flagged_page_has_its_table_of_contents(built):
    html = (built / "site" / "viet-san.html").read_text(encoding="utf-8")
    toc = html[html.index("md-sidebar--secondary") :]  # the right-hand table of contents
    toc = toc[: toc.index('class="md-content"')]
    links = re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', toc, re.S)
    assert links == [("muc-a", "Mục A 3"), ("muc-a-1", "Mục A.1"), ("muc-b", "Mục B &amp; C")]
    assert "<title>Trang viết sẵn - Thử</title>" in html


def test_an_unflagged_page_still_gets_markdown(built):
    article = _article((built / "site" / "markdown.html").read_text(encoding="utf-8"))
    assert "<em>nghiêng</em>" in article
    assert '<h2 id="muc-mot">Mục một' + PERMALINK.format("muc-mot") + "</h2>" in article


def test_links_into_a_flagged_page_are_rewritten_and_its_anchors_known(tmp_path, monkeypatch, caplog):
    with caplog.at_level("INFO", logger="mkdocs"):
        project = _build(tmp_path, monkeypatch, {"viet-san.md": FLAGGED})
    article = _article((project / "site" / "huong-dan.html").read_text(encoding="utf-8"))
    assert 'href="viet-san.html#muc-b"' in article
    assert not [r for r in caplog.records if "anchor" in r.getMessage()]


def test_data_files_are_written_as_emitted_and_nothing_is_left_beside_the_site(built):
    assert (built / "site" / "data" / "x.json").read_bytes() == DATA
    assert sorted(p.name for p in built.iterdir()) == ["docs", "mkdocs.yml", "site"]


def test_a_data_file_may_come_in_pieces(tmp_path, monkeypatch):
    pieces = iter(['[{"a": 1},\n', b'{"b": "\xc4\x91"}]\n'])
    project = _build(tmp_path, monkeypatch, {"data/big.json": pieces, "ghep.md": iter(["# Ghép ", "*lại*\n"])})
    assert (project / "site" / "data" / "big.json").read_text(encoding="utf-8") == '[{"a": 1},\n{"b": "đ"}]\n'
    assert "<h1 id=\"ghep-lai\">Ghép <em>lại</em>" in (project / "site" / "ghep.html").read_text(encoding="utf-8")


def test_nothing_is_left_beside_the_site_when_the_build_fails(tmp_path, monkeypatch):
    from jinja2 import TemplateNotFound

    broken = "---\ntemplate: missing.html\n---\n\n# x\n"  # the theme has no such template
    with pytest.raises(TemplateNotFound):
        _build(tmp_path, monkeypatch, {"a.md": broken, "data/x.json": DATA})
    assert sorted(p.name for p in (tmp_path / "project").iterdir()) == ["docs", "mkdocs.yml", "site"]


# --- prepare(): the toc extension's work on HTML ------------------------------------------

LINKS = Permalinks(symbol="¶", title="Liên kết")


@pytest.mark.parametrize(
    "html, toc, title",
    [
        ('<h1 id="t">Tên</h1><h2 id="a">A</h2><h3 id="b">B</h3><h2 id="c">C</h2>',
         [("t", 1, "Tên", [("a", 2, "A", [("b", 3, "B", [])]), ("c", 2, "C", [])])], "Tên"),
        ('<h2 id="a">A <a class="headerlink" href="#a">¶</a></h2>', [("a", 2, "A", [])], None),
        ('<h2 class="x" id="a" data-id="no">A<br>b <em>c</em></h2>', [("a", 2, "Ab c", [])], None),  # as Markdown's strip_tags
        ('<h2 data-id="no">A</h2><h1>Không id</h1>', [], "Không id"),
        ("<H3 ID=x>X</H3>", [("x", 3, "X", [])], None),
    ],
)
def test_prepare_toc_and_title(html, toc, title):
    def shape(tokens):
        return [(t["id"], t["level"], t["name"], shape(t["children"])) for t in tokens]

    ready = prepare(html, LINKS)
    assert shape(ready.toc_tokens) == toc
    assert ready.title == title


def test_prepare_adds_one_permalink_and_keeps_an_existing_one():
    ready = prepare('<h2 id="a">A</h2>\n<h2 id="b">B<a class="headerlink" href="#b">¶</a></h2>', LINKS)
    assert ready.html == ('<h2 id="a">A<a class="headerlink" href="#a" title="Liên kết">¶</a></h2>\n'
                          '<h2 id="b">B<a class="headerlink" href="#b">¶</a></h2>')
    assert prepare('<h2 id="a">A</h2>', None).html == '<h2 id="a">A</h2>'


def test_prepare_lists_every_id_on_the_page():
    ready = prepare('<h2 id="a">A</h2><p id="p-1">x</p><tr data-id="no" id=\'r&amp;1\'>', None)
    assert ready.anchor_ids == {"a", "p-1", "r&1"}


# --- plan pages: HTML around a Markdown part (kehoach_parts) -------------------------


def test_parts_split_and_join_keep_footnotes_after_the_document():
    from generator.prerendered import PART, join_parts, split_parts

    source = f'<div class="kh-plan">\n<h1 id="t">T</h1>\n{PART}\n\nText[^1].\n\n[^1]: A note.\n\n{PART}\n<div class="foot">Nơi nhận</div>\n</div>\n'
    before, text, after = split_parts(source)
    assert before.startswith('<div class="kh-plan">') and "Text[^1]" in text and after.startswith('<div class="foot">')
    converted = '<p>Text<sup id="fnref:1">1</sup>.</p>\n<div class="footnote">\n<hr />\n<ol><li>A note.</li></ol>\n</div>'
    page = join_parts(before, converted, after)
    assert page.index("<p>Text") < page.index("Nơi nhận") < page.index('<div class="footnote">')
    with pytest.raises(ValueError):
        split_parts("no parts here")


def test_plan_pages_send_only_the_plan_text_to_markdown():
    from datetime import date

    from generator.links import plan_md
    from generator.pipeline import build_corpus, emit_site
    from generator.prerendered import split_parts

    root = Path(__file__).resolve().parents[2]
    corpus, _ = build_corpus(root, root / "content", build_date=date(2026, 11, 23))
    page = emit_site(corpus)[plan_md("di-linh-90-kh-hu")]
    head, body = page.split("---\n", 2)[1:]
    assert "kehoach_parts: true" in head
    before, text, after = split_parts(body)
    assert " markdown>" not in page  # no md_in_html over the page
    assert 'data-pagefind-meta="title"' in before and "kh-panel" in before
    assert "{: #muc-" in text and "<div" not in text  # the numbered text with its anchors, no HTML frame
    assert "kh-doc-foot" in after and "kh-doc-foot" not in text
