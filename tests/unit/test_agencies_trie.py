"""Resolver's name regex, factored by prefixes, finds what the plain
alternation of the names (longest first) found."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.agencies import _trie

_WORDS = st.sampled_from(["ban", "tổ", "chức", "tỉnh", "ủy", "ủy ban", "b", "ba", "t", "-", ".", "(", "huyện", "đảng"])
_NAMES = st.lists(st.lists(_WORDS, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=12, unique=True)
_TEXT = st.lists(st.one_of(_WORDS, st.sampled_from([" ", "  ", "\n", ",", "x", "ban\u00a0tổ"])), max_size=30).map(" ".join)


def _plain(names) -> re.Pattern:
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@settings(max_examples=1500, deadline=None)
@given(_NAMES, _TEXT)
def test_same_matches_as_the_plain_alternation(names, text):
    trie = re.compile(rf"(?<!\w)(?:{_trie(names)})(?!\w)")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in _plain(names).finditer(text)]


def test_long_names_do_not_recurse():
    name = "ban " + "x" * 5000
    assert re.fullmatch(_trie([name, "ban"]), name)
