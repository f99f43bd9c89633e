"""Pages the generator writes as finished HTML (front matter ``kehoach_html: true``).

Python-Markdown is most of MkDocs' render time, and on a page that is all
HTML it only re-parses it (``md_in_html``).  The plugin hands such a page's
HTML to the theme as it is; this module gives it what Markdown's ``toc``
extension gives a Markdown page: a permalink on each heading with an id, the
table-of-contents tokens, the title (the first ``h1``) and the ids present
(for MkDocs' anchor validation).  Nothing here imports MkDocs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.extensions.toc import nest_toc_tokens

FLAG = "kehoach_html"
# A page whose source is HTML, then Markdown, then HTML, separated by PART
# lines: only the middle goes through Python-Markdown (a plan page: the
# panel and letterhead are ours, the plan's text is Markdown).
PARTS_FLAG = "kehoach_parts"
PART = "<!-- kehoach:part -->"

_HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1\s*>", re.S | re.I)
_ATTR_ID = re.compile(r"""(?:^|\s)id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_ANY_ID = re.compile(r"""<[a-zA-Z][^<>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PERMALINK = re.compile(r"""<a\s[^>]*class\s*=\s*["'][^"']*\bheaderlink\b[^>]*>.*?</a\s*>""", re.S | re.I)


@dataclass(frozen=True)
class Permalinks:
    """The toc extension's permalink settings (mkdocs.yml ``markdown_extensions: toc``)."""

    symbol: str = "¶"
    title: str = ""
    css_class: str = "headerlink"

    def html(self, anchor: str) -> str:
        title = f' title="{html.escape(self.title)}"' if self.title else ""
        return f'<a class="{html.escape(self.css_class)}" href="#{anchor}"{title}>{self.symbol}</a>'


@dataclass
class Prepared:
    html: str
    toc_tokens: list[dict]  # nested {level, id, name, children}, as the toc extension gives them
    title: str | None  # text of the first h1, entities kept (as MkDocs takes it from Markdown)
    anchor_ids: set[str]


def _strip_tags(text: str) -> str:
    """Markdown's strip_tags: tags and comments out, whitespace collapsed, entities kept."""
    while (start := text.find("<!--")) != -1 and (end := text.find("-->", start)) != -1:
        text = text[:start] + text[end + 3 :]
    while (start := text.find("<")) != -1 and (end := text.find(">", start)) != -1:
        text = text[:start] + text[end + 1 :]
    return " ".join(text.split())


def prepare(page_html: str, permalinks: Permalinks | None) -> Prepared:
    """Headings with an id get a permalink (unless they have one) and a toc
    entry; a heading without an id gets neither, as the author chose."""
    tokens: list[dict] = []
    title: list[str] = []

    def heading(match: re.Match) -> str:
        level, attrs, inner = int(match.group(1)), match.group(2) or "", match.group(3)
        has_permalink = _PERMALINK.search(inner) is not None
        name = _strip_tags(_PERMALINK.sub("", inner) if has_permalink else inner)
        if level == 1 and not title:
            title.append(name)
        found = _ATTR_ID.search(attrs)
        if not found:
            return match.group(0)
        anchor = next(g for g in found.groups() if g is not None)
        tokens.append({"level": level, "id": anchor, "name": name})
        if permalinks is None or has_permalink:
            return match.group(0)
        close = match.group(0)[match.end(3) - match.start(0) :]
        return match.group(0)[: match.end(3) - match.start(0)] + permalinks.html(anchor) + close

    out = _HEADING.sub(heading, page_html)
    ids = {html.unescape(double or single) for double, single in _ANY_ID.findall(out)}
    return Prepared(html=out, toc_tokens=nest_toc_tokens(tokens), title=title[0] if title else None, anchor_ids=ids)


def split_parts(source: str) -> tuple[str, str, str]:
    """(HTML before, Markdown, HTML after) of a ``kehoach_parts`` page."""
    parts = source.split("\n" + PART + "\n")
    if len(parts) != 3:
        raise ValueError(f"a {PARTS_FLAG} page has {len(parts) - 1} '{PART}' lines, not 2")
    return parts[0], parts[1], parts[2]


_FOOTNOTES = re.compile(r'<div class="footnote">.*\Z', re.S)


def join_parts(before: str, converted: str, after: str) -> str:
    """The page's HTML: the footnotes Python-Markdown put at the end of the
    Markdown part go after the whole document, where they were when the whole
    page was Markdown."""
    found = _FOOTNOTES.search(converted)
    notes = ""
    if found:
        converted, notes = converted[: found.start()], "\n" + found.group(0)
    return before + "\n" + converted + "\n" + after + notes
