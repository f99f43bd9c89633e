"""normalize() skips the tone-mark pass when it cannot apply, sort_key() works
word by word from a cache: both give what the straightforward versions give."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import text as t


def _normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    moved = t._TONE_RE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", moved)


def _sort_key(text: str) -> tuple:
    letters, tones = [], []
    for word in _normalize(text).lower().split():
        for letter, tone in t._letters(word):
            letters.append((t._LETTER_RANK.get(letter, 100 + ord(letter[0])), letter))
            tones.append(t._TONE_RANK[tone])
        letters.append((-1, " "))
    return (tuple(letters), tuple(tones))


_PIECES = st.sampled_from(
    ["hoá", "Hoà", "thuỷ", "Uỷ", "quý", "QUÝ", "khoẻ", "hoạch", "hóa", "ngoằn", "OÁ", "đ", "ư", " ", ".", "-", "c", "h", "q", "1"]
    + list("aăâeêioôơuưyAEOUY")
    + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"]
)
_TEXT = st.lists(_PIECES, max_size=20).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_TEXT, st.booleans())
def test_normalize_and_sort_key_unchanged(text, nfd):
    if nfd:
        text = unicodedata.normalize("NFD", text)
    assert t.normalize(text) == _normalize(text)
    assert t.sort_key(text) == _sort_key(text)


def test_tone_marks_still_move():
    assert t.normalize("Tỉnh uỷ, hoá, khoẻ, quý, hoạch") == "Tỉnh ủy, hóa, khỏe, quý, hoạch"
    assert t.normalize(unicodedata.normalize("NFD", "Thuỷ")) == "Thủy"
