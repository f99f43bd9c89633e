"""The templates of the generated pages (generator/templates/*.html).

Python decides what goes on a page and hands the template plain values; the
template says how it looks.  Autoescaping is on: every value a template
prints is HTML-escaped unless Python made it :class:`markupsafe.Markup` (a
fragment another template or emitter built, already safe).  An undefined
name is an error, not an empty string.  Whitespace control (trim_blocks,
lstrip_blocks, the trailing newline kept) lets a template lay its HTML out
readably and still give the exact bytes the goldens hold.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

__all__ = ["Markup", "render"]


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render(name: str, **context) -> str:
    return _environment().get_template(name).render(**context)
