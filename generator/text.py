"""Vietnamese text helpers: normalisation, ASCII slugs and collation.

Text arrives as NFC or NFD and with either tone-mark placement ("uỷ"/"ủy",
"hoá"/"hóa").  Everything that compares text goes through :func:`normalize`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Two placements of the tone mark exist for the open syllables "oa", "oe"
# and "uy": "hoá"/"hóa", "uỷ"/"ủy", "khoẻ"/"khỏe".  The canonical form puts
# it on the first vowel, as most of the corpus does.  "quý" is not such a
# syllable ("qu" is the consonant), so it is left alone.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot
_TONE_RE = re.compile(
    r"(?<![qQ])([oO][aAeE]|[uU][yY])([" + _TONES + r"])(?![A-Za-z\u0300-\u036f])"
)


# Where _TONE_RE can match, as seen in NFC text: "o"/"u" and a toned a, e or
# y composed into one character, at the end of a word.  Text without it (most
# text: "hóa", "hoạch", "quả") only needs NFC.  (The pattern starts with the
# letter class so that the regex engine can skip to the next o or u.)
_TONED = {v: "".join(unicodedata.normalize("NFC", c + t) for c in v + v.upper() for t in _TONES) for v in ("ae", "y")}
_MAY_MOVE = re.compile(
    rf"[oOuU](?<![qQ].)(?:(?<=[oO])[{_TONED['ae']}]|(?<=[uU])[{_TONED['y']}])(?![A-Za-z\u0300-\u036f])"
)


def normalize(text: str) -> str:
    """NFC text with one tone-mark placement ("uỷ" -> "ủy", "hoá" -> "hóa")."""
    composed = unicodedata.normalize("NFC", text)
    if not _MAY_MOVE.search(composed):
        return composed
    decomposed = unicodedata.normalize("NFD", text)
    moved = _TONE_RE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", moved)


def fold(text: str) -> str:
    """Lower-case text with every diacritic removed and "đ" made "d"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def squash_spaces(text: str) -> str:
    return " ".join(text.split())  # str.split() and the regex \s agree on what is a space


def comparable(text: str) -> str:
    """Key for matching names: normalised, case-folded, single-spaced."""
    return squash_spaces(normalize(text)).casefold()


@lru_cache(maxsize=8192)  # labels ("1.2") and document numbers come back again and again
def slugify(text: str) -> str:
    """A readable ASCII slug: "Đảng đoàn HĐND" -> "dang-doan-hdnd"."""
    ascii_text = fold(text)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


# Vietnamese alphabetical order: letters with their base rank, then tones.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "ơ"}


def _letters(word: str):
    for cluster in re.findall(r".[\u0300-\u036f]*", unicodedata.normalize("NFD", word)):
        base, marks = cluster[0], cluster[1:]
        tone = next((m for m in marks if m in _TONE_RANK), "")
        letter = base
        if "\u0306" in marks:
            letter = "ă"
        elif "\u0302" in marks:
            letter = {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
        elif "\u031b" in marks:
            letter = {"o": "ơ", "u": "ư"}.get(base, base)
        yield letter, tone


@lru_cache(maxsize=16384)  # a corpus has a few thousand distinct words
def _word_key(word: str) -> tuple[tuple, tuple]:
    pairs = list(_letters(word))
    return (
        tuple((_LETTER_RANK.get(letter, 100 + ord(letter[0])), letter) for letter, _ in pairs) + ((-1, " "),),
        tuple(_TONE_RANK[tone] for _, tone in pairs),
    )


@lru_cache(maxsize=1024)  # the same names are sorted again on many pages
def sort_key(text: str) -> tuple:
    """Sort key giving Vietnamese alphabetical order (a, ă, â, b, ..., đ, ...).

    Letters compare first (base letter, then its own marks); tone marks only
    break ties, as in Vietnamese dictionaries.
    """
    letters: list = []
    tones: list = []
    for word in normalize(text).lower().split():
        word_letters, word_tones = _word_key(word)
        letters += word_letters
        tones += word_tones
    return (tuple(letters), tuple(tones))


def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading ids for Python-Markdown's toc: "Đảng ủy Khối" -> "dang-uy-khoi"
    (the default slugger drops "đ")."""
    return slugify(value).replace("-", separator)
