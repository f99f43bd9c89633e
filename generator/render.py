"""Small, safe building blocks for generated pages.

Plan text is Markdown written by many offices.  It is rendered as Markdown
inline text only: raw HTML is shown as text, never interpreted, and links may
only point to http(s), mailto or relative targets.  Everything we generate as
HTML goes through :func:`esc`.
"""

from __future__ import annotations

import html
import re
from datetime import date

_SCHEME_LINK = re.compile(r"(\]\(\s*<?\s*)([a-z][a-z0-9+.-]*):", re.I)
_ALLOWED_SCHEMES = {"http", "https", "mailto"}


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def inline(text: str) -> str:
    """Plan text made safe to emit as Markdown inline text."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("{:", "&#123;:").replace("{#", "&#123;#")

    def _scheme(match: re.Match[str]) -> str:
        if match.group(2).lower() in _ALLOWED_SCHEMES:
            return match.group(0)
        return match.group(1) + "#liên-kết-bị-chặn-"

    return _SCHEME_LINK.sub(_scheme, text)


def vn_date(value: date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def yaml_string(value: str) -> str:
    """A page title for the front matter of a generated page: HTML-escaped
    (Material puts page.meta.title into the header without escaping) and
    double-quoted for YAML."""
    value = esc(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def vn_int(value: int) -> str:
    """A count as Vietnamese writes it: 27.120 (a dot groups thousands)."""
    return f"{value:,}".replace(",", ".")
