"""find_mojibake's quick scan finds every word its full scan would flag."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import encoding as enc

# Unicode Vietnamese, TCVN3 and VNI read as Latin-1/Windows-1252, digits,
# combining marks, Windows-1252 letters and word boundaries.
_PIECES = st.sampled_from(
    ["Kế", "hoạch", "các", "có", "Quyết", "ho¹ch", "KÕ", "Keá", "hoaïch", "Quyeát", "M\xadêng", "ñaûng", "Ðảng", "ư", "ạ",
     "\u0301", "\u0323", "Š", "œ", "ƒ", "ˆ", "Ÿ", "€", "…", "1", "_", " ", "\n", ",", "-", "\xa0", "a", "é", "¹", "µ", "ª", "²"]
)
_TEXT = st.lists(st.one_of(_PIECES, st.characters(max_codepoint=0x2FF)), max_size=40).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_TEXT)
def test_quick_scan_covers_every_flagged_word(text):
    flagged = {w for w in enc._TEXT_WORD.findall(text) if enc._readings(w)}
    assert flagged <= set(enc._LATIN_WORD.findall(text))


def test_garbled_text_is_still_found():
    found = enc.find_mojibake("Kế hoạch\nKÕ ho¹ch sè 12, ho¹ch\n")
    assert (found.encoding, found.word, found.meant, found.line, found.count) == (enc.TCVN3, "ho¹ch", "hoạch", 2, 2)
    assert enc.find_mojibake("Kế hoạch số 12, các đồng chí có mặt.\n") is None
