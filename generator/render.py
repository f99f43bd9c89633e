"""Small, safe building blocks for generated pages.

Plan text is Markdown written by many offices.  It is rendered as Markdown
inline text only: raw HTML is shown as text, never interpreted, attribute
lists (``{ onclick=... }``) are shown as text, links may only point to
http(s), mailto or relative targets (inline links and reference definitions
alike) and images only come from the site itself, so that no page makes the
reader's browser run a script or ask another host for anything.
:func:`blocked_targets` finds what :func:`inline` neutralises, for the check
to report with its line.  Everything we generate as HTML goes through
:func:`esc`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from markupsafe import escape

from .text import toc_slugify

_ALLOWED_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.I)
# Where Python-Markdown reads a link target: an inline link or image
# "[x](target" and a reference definition "[name]: target".
_TARGET = re.compile(r"\]\(\s*|\]:[ ]*")
_TARGET_TEXT = re.compile(r"[^\s)]*")
_SHOWN_TARGET = re.compile(r"[^\s]*")
BLOCKED = "#liên-kết-bị-chặn-"


def esc(value: object) -> str:
    """Text made safe in HTML, exactly as the templates' autoescape makes it
    (markupsafe: & < > " ' as entities), so a page escapes the same whether
    Python or a template wrote it."""
    return str(escape("" if value is None else str(value)))


@dataclass(frozen=True, slots=True)
class Blocked:
    """A link or image target plan text may not have."""

    kind: str  # "link": a scheme other than http(s)/mailto; "image": not from the site itself
    target: str  # as written ("javascript:alert(1)", "//host/p.gif", "" for a reference image)
    start: int  # where it is in the text: the scheme of a link, the "!" of an image


def _escaped(text: str, at: int) -> bool:
    """The character at ``at`` follows an odd run of backslashes."""
    run = 0
    while at - run - 1 >= 0 and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _closing_bracket(text: str, start: int) -> int | None:
    """The "]" matching the "[" at ``start`` (nesting and escapes as Python-Markdown)."""
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _shown(target: str) -> str:
    """A target as the reader of a message recognises it: without the ")" closing the link."""
    depth = 0
    for i, ch in enumerate(target):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return target[:i]
    return target


def _image_from_site(target: str) -> bool:
    """A relative path: no scheme, no host ("//host", and "\\host" browsers read as one)."""
    return not _SCHEME.match(target) and not target.startswith(("/", "\\"))


def blocked_targets(text: str) -> list[Blocked]:
    """Every link target with a forbidden scheme and every image that is
    not an inline image of the site itself, in the order of the text."""
    found: list[Blocked] = []
    for m in _TARGET.finditer(text):
        scheme = _SCHEME.match(text, m.end())
        if scheme and scheme.group(1).lower() not in _ALLOWED_SCHEMES:
            found.append(Blocked("link", _shown(_SHOWN_TARGET.match(text, m.end()).group(0)), m.end()))
    at = text.find("![")
    while at != -1:
        if not _escaped(text, at):
            close = _closing_bracket(text, at + 1)
            if close is not None:
                target = None
                if text.startswith("(", close + 1):
                    begin = close + 2
                    while begin < len(text) and text[begin].isspace():
                        begin += 1
                    target = _shown(_SHOWN_TARGET.match(text, begin).group(0))
                if target is None or not _image_from_site(target):
                    found.append(Blocked("image", target or "", at))
        at = text.find("![", at + 2)
    return sorted(found, key=lambda b: b.start)


def inline(text: str) -> str:
    """Plan text made safe to emit as Markdown inline text."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("{", "&#123;")
    blocked = blocked_targets(text)
    if not blocked:
        return text
    out, at = [], 0
    for item in blocked:
        out.append(text[at : item.start])
        if item.kind == "image":
            out.append("\\!")  # a link to it at most: the browser fetches nothing
            at = item.start + 1
        else:
            out.append(BLOCKED)
            at = item.start + len(_SCHEME.match(text, item.start).group(0))
    out.append(text[at:])
    return "".join(out)


def vn_date(value: date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def yaml_string(value: str) -> str:
    """A page title for the front matter of a generated page: HTML-escaped
    (Material puts page.meta.title into the header without escaping) and
    double-quoted for YAML."""
    value = esc(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_head(title: str, hide: str = "[navigation]") -> str:
    """The front matter of every generated page: its title, what Material
    hides, and the flag that hands its HTML to the theme as it is
    (prerendered.py)."""
    return f"---\ntitle: {yaml_string(title)}\nhide: {hide}\nkehoach_html: true\n---\n\n"


def section_heading(title: str) -> str:
    """An <h2> with the id the toc extension would give it."""
    return f'<h2 id="{toc_slugify(title)}">{esc(title)}</h2>\n'


def vn_int(value: int) -> str:
    """A count as Vietnamese writes it: 27.120 (a dot groups thousands)."""
    return f"{value:,}".replace(",", ".")
