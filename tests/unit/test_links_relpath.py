"""links.relative() computes links without posixpath.relpath; same answers."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.links import html_path, relative

_PART = st.sampled_from(["ke-hoach", "co-quan", "lam-dong", "a", "p.md", "index.md", "tat-ca.ics", ".", "..", "", ".an", "x#y", "#z"])
_PATH = st.builds(lambda lead, parts: lead + "/".join(parts), st.sampled_from(["", "", "", "/"]), st.lists(_PART, max_size=5))


def _with_relpath(from_md: str, to: str) -> str:
    target, _, anchor = to.partition("#")
    return posixpath.relpath(html_path(target), posixpath.dirname(from_md) or ".") + ("#" + anchor if anchor else "")


def _outcome(fn, *args):
    try:
        return fn(*args)
    except ValueError as exc:  # relpath("", ...): "no path specified"
        return type(exc)


@settings(max_examples=3000, deadline=None)
@given(_PATH, _PATH)
def test_same_link_as_posixpath_relpath(from_md, to):
    assert _outcome(relative, from_md, to) == _outcome(_with_relpath, from_md, to)
