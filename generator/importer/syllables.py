"""Vietnamese syllables, generated from the spelling grammar, for checking
words read by OCR (ocr.py): a word Tesseract was unsure of that is no
Vietnamese syllable, and that one typical confusion turns into exactly one
syllable, is that syllable.

A written syllable is an initial consonant (or none), a rhyme and a tone:

* initials: b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x;
  ``k``, ``gh``, ``ngh`` stand before e, ê, i, y and ``c``, ``g``, ``ng``
  before the other vowels; ``gi`` before a rhyme in i writes one i
  ("gi" + "iêng" = "giêng"); ``qu`` carries the glide u itself, so it takes
  the rhymes that do not start with o, u or ư ("qua", "quốc", "quyết");
* rhymes: the list below, the glides "oa", "oe", "uâ", "uê", "uy", "uơ"
  included; with no initial, "iê" is written "yê" ("yên", "yêu");
* tones: none, huyền, sắc, hỏi, ngã, nặng; a rhyme that ends in a stop
  (-c, -ch, -p, -t) takes only sắc or nặng ("học", "tốt", never "hòc").

The grammar is a little looser than the language (it accepts "ghẹc"): a
word it accepts wrongly is only left unrepaired, while a syllable it missed
could be "repaired" into another, so it errs on accepting.  The tone is
checked apart from the letters, on any vowel (old and new placements both).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ă ăc ăm ăn ăng ăp ăt
â âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên êng ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot oong ooc
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
uân uâng uât uây uê uêch uênh uơ uy uya uych uyn uynh uyp uyt uyu uyên uyêt
""".split()

_INITIALS = "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()
_FRONT = ("e", "ê", "i", "y")
_FRONT_ONLY = {"k", "gh", "ngh"}  # spelled so only before e, ê, i, y
_BACK_ONLY = {"c", "g", "ng"}  # and these never before them

# tone marks (combining, after NFD) and the tones a stop ending allows
GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
TONES = ("", GRAVE, ACUTE, HOOK, TILDE, DOT)
_STOP_TONES = (ACUTE, DOT)
_VOWELS = set("aăâeêioôơuưy")
_VOWELS_NFD = set("aeiouy") | {"\u0306", "\u0302", "\u031b"}  # in NFD a tone follows its vowel or the vowel's quality mark


@lru_cache(maxsize=1)
def bases() -> frozenset[str]:
    """Every syllable without its tone ("truong" is not one; "trương" is)."""
    out: set[str] = set()
    for rhyme in _RHYMES:
        out.add("y" + rhyme[1:] if rhyme.startswith("iê") else rhyme)  # no initial: "yên"
        for initial in _INITIALS:
            front = rhyme.startswith(_FRONT)
            if (initial in _FRONT_ONLY and not front) or (initial in _BACK_ONLY and front):
                continue
            if initial == "qu":
                if rhyme[0] == "u" and rhyme[1:2] in _VOWELS:
                    out.add("qu" + rhyme[1:])  # the glide is the u of qu: "quyết", "quân", "quê"
                if rhyme[0] in "uưo":
                    continue
            elif initial == "gi" and rhyme.startswith("i"):
                out.add("g" + rhyme)  # "gì", "giêng", "gìn"
                continue
            out.add(initial + rhyme)
    out.add("y")  # "ý", "y tế"
    out.update(c + "y" for c in _INITIALS if c not in _BACK_ONLY | {"qu", "gi"})  # "ký", "lý", "mỹ" (for "kí", "lí", "mĩ")
    return frozenset(out)


def split_tone(word: str) -> tuple[str, str] | None:
    """(letters without the tone, tone mark) of a lower-case word; None when
    it carries two tones or a tone on a consonant."""
    letters, tone = [], ""
    for ch in unicodedata.normalize("NFD", word):
        if ch in TONES[1:]:
            if tone or not letters or letters[-1] not in _VOWELS_NFD:
                return None
            tone = ch
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)), tone


def is_syllable(word: str) -> bool:
    """Whether ``word`` (any case) is a written Vietnamese syllable."""
    split = split_tone(word.lower())
    if split is None:
        return False
    letters, tone = split
    if letters not in bases():
        return False
    return not letters.endswith(("c", "ch", "p", "t")) or tone in _STOP_TONES


def with_tone(letters: str, tone: str) -> str:
    """``letters`` with ``tone`` on the vowel that carries it: the vowel with
    a quality mark (the last one: "ươ" -> ơ), else the last of the vowels
    before a final consonant, else the first of two, the middle of three;
    the "u" of "qu" and the "i" of "gi" before a vowel are not vowels here."""
    if not tone:
        return letters
    start = 2 if letters[:2] in ("qu", "gi") and len(letters) > 2 and letters[2] in _VOWELS else 0
    vowels = [i for i in range(start, len(letters)) if letters[i] in _VOWELS]
    if not vowels:
        return letters
    run = [vowels[0]]  # the first run of vowels
    while run[-1] + 1 < len(letters) and letters[run[-1] + 1] in _VOWELS:
        run.append(run[-1] + 1)
    marked = [i for i in run if letters[i] in "ăâêôơư"]
    if marked:
        at = marked[-1]
    elif len(run) == 1 or run[-1] + 1 < len(letters):
        at = run[-1]
    else:
        at = run[len(run) // 2] if len(run) == 3 else run[0]
    return unicodedata.normalize("NFC", letters[: at + 1] + tone + letters[at + 1 :])
