"""Document numbers cited in plan text, and the identity of the cited documents.

Two numbering systems are read:

* party (Hướng dẫn 36-HD/VPTW): ``NUMBER-TYPE/ISSUER`` -- ``21-NQ/TW``,
  ``38 – KL/TW``, ``101- QĐ/TW``, ``17-QĐi/TU``, ``04-NQ/ĐUK``, also broken by a
  line break (``42-`` / ``CTr/TU``) and several numbers sharing one symbol
  (``Nghị quyết số 18, 19 – NQ/TW``);
* state: ``NUMBER[/YEAR]/TYPE-ISSUER`` -- ``141/KH-UBND``, ``32/CT-TTg``,
  ``80/2021/NĐ-CP``; and the Quốc hội's ``NUMBER/YEAR/QH15``, which has no type
  part.  It is read as ``DocRef(type_code="", issuer_code="QH15")``: laws and
  resolutions of the Quốc hội share that form, so the number alone does not say
  which one it is; the words before it do ("Nghị quyết số" -> ``nghi-quyet``,
  "Luật số" -> ``luat``).  ``DocRef.symbol`` would print such a ref as
  ``197/2025/-QH15``; :func:`symbol_of` prints ``197/2025/QH15`` and is what
  :func:`document_key` uses.

Only the type codes of :mod:`generator.vocabulary` are recognised: the type code is
what tells a document number from a date ("16/6/2022"), a ratio ("1/5 Chi
bộ"), a range ("2020- 2025") or a percentage ("3-4%").

Text is matched after NFC composition, so NFD input reads the same; offsets
and ``Citation.raw`` refer to the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date

from generator import vocabulary
from generator.model import Citation, DocRef, Organisation
from generator.text import normalize, slugify, squash_spaces

# --- tables -------------------------------------------------------------------

# The document types (names, codes, words before a number) are those of
# generator/vocabulary.py; a type code names the type listed first with it.

CENTRAL = "trung-uong"

_PARTY_TYPES = ("QĐi", "QĐ", "CTr", "CT", "NQ", "KL", "KH", "HD", "CV", "TB", "BC", "ĐA", "QC", "TTr")
_STATE_TYPES = ("TTLT", "TTr", "TT", "NQ", "NĐ", "QĐ", "CTr", "CT", "KH", "KL", "HD", "BC", "TB", "ĐA", "QC")

# --- patterns -----------------------------------------------------------------

# Hyphen-minus and en dash separate number and type in the seeds; hyphen,
# non-breaking hyphen, em dash and minus sign are what word processors and PDF
# exports substitute for them.
_DASHES = r"\-\u2010\u2011\u2013\u2014\u2212"


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _phrase(words: str) -> str:
    """A phrase whose words may be separated by any white space (line breaks)."""
    return r"\s+".join(re.escape(w) for w in words.split())


_PARTY_RE = re.compile(
    rf"""
    (?<![\w/.{_DASHES}])        # a whole number, not the tail of a date, "2.1" or "3-4"
    (?P<numbers>
        [0-9]{{1,5}}
        (?: \s*,\s* [0-9]{{1,5}}    # "18, 19 – NQ/TW": several numbers, one symbol;
          | \s+và\s+ [0-9]{{1,5}}    # bounded, so that a long run of numbers
        ){{0,5}}                       # without a symbol is not rescanned from each one
    )
    \s* [{_DASHES}] \s*         # "21-", "38 – ", "101- ", "90 -", "42-" + line break
    (?P<type>{_alternatives(_PARTY_TYPES)})
    \s* / \s*
    (?P<issuer> ThU | [A-ZĐ][A-ZĐ0-9]+ )   # TW, TU, HU, ĐUK, BCĐ, VPTW, BTGTU ...
    (?!\w)
    """,
    re.VERBOSE,
)

_STATE_ISSUER = r"(?:TTg|[A-ZĐ][A-ZĐ0-9]+)"  # TTg is the one mixed-case issuer

_STATE_RE = re.compile(
    rf"""
    (?<![\w/.{_DASHES}])
    (?P<number>[0-9]{{1,5}}) \s*/\s*
    (?:
        # Quốc hội and its standing committee: 197/2025/QH15, 35/2022/UBTVQH15
        (?P<assembly_year>(?:19|20)[0-9]{{2}}) \s*/\s* (?P<assembly>(?:UBTV)?QH[0-9]{{1,2}})
      |
        (?: (?P<year>(?:19|20)[0-9]{{2}}) \s*/\s* )?     # 80/2021/NĐ-CP
        (?P<type>{_alternatives(_STATE_TYPES)})
        \s* [{_DASHES}] \s*
        (?P<issuer>{_STATE_ISSUER} (?: -{_STATE_ISSUER} )* )   # UBND, TTg, BTC-BNV
    )
    (?!\w)
    """,
    re.VERBOSE,
)

# "ngày 16/6/2022", ", ngày 27/10/2022", "ngày 16-6-2022", "ngày 31/10/22",
# "ngày 22 tháng 12 năm 2022", directly after the number.
_DATE_RE = re.compile(
    r"""
    \s* (?: , \s* )?
    [Nn]gày \s+
    (?:
        (?P<day>[0-9]{1,2}) \s* (?P<sep>[/.\-]) \s* (?P<month>[0-9]{1,2})
        \s* (?P=sep) \s* (?P<year>[0-9]{4}|[0-9]{2})
      | (?P<day2>[0-9]{1,2}) \s+ tháng \s+ (?P<month2>[0-9]{1,2}) \s+ năm \s+ (?P<year2>[0-9]{4})
    )
    (?![0-9])
    """,
    re.VERBOSE,
)

# "của <issuer>" after the number and its date.
_OF_RE = re.compile(r"\s*(?:,\s*)?của\s+")

# Where an issuer's name ends: the words that begin what the sentence says
# next, punctuation, a footnote mark.  Line breaks, even blank lines, do not
# end it: PDF exports break names across lines ("của Ban Chấp hành" / "Trung
# ương", seeds/004).
_ISSUER_END_RE = re.compile(
    r"""
      (?<!\S) (?: về | tổng \s+ kết | thực \s+ hiện | ngày ) (?!\w)
    | [;.,:()\[\]“”"*¹²³⁴⁵⁶⁷⁸⁹⁰]
    """,
    re.VERBOSE,
)

# "và" ends the name when a lower-case word or another document follows it
# ("của Bộ Chính trị và tiếp tục", "của Tỉnh ủy và Nghị quyết số ..."), but not
# inside a name ("Ban Tuyên giáo và Dân vận Tỉnh ủy").
_AND_RE = re.compile(r"(?<!\S)và\s+(?=(?P<next>\S))")
_DOC_WORDS = "|".join(_phrase(w) for w in sorted(vocabulary.WORDS, key=len, reverse=True))
_DOC_WORDS_AHEAD_RE = re.compile(rf"(?:{_DOC_WORDS})(?!\w)", re.IGNORECASE)

# Words just before the (first) number: "Nghị quyết số ", "Chỉ thị ", "Kế hoạch số\n".
# Searched in a window ending at the number, so the leftmost match is the
# longest phrase ("Thông báo kết luận số", not "kết luận số").
_DOC_WORDS_BEFORE_RE = re.compile(rf"(?<!\w)(?P<words>{_DOC_WORDS})(?:\s+số)?\s*:?[\s*_]*$", re.IGNORECASE)
_NUMBER_WORD_BEFORE_RE = re.compile(r"(?<!\w)số\s*:?[\s*_]*$", re.IGNORECASE)
_DOC_WORDS_SLUGS = {normalize(w).casefold(): slug for w, slug in vocabulary.WORDS.items()}
_LOOK_BEHIND = 60  # characters searched for the words before a number


# --- reading ------------------------------------------------------------------


def find_citations(text: str) -> list[Citation]:
    """Every document number cited in ``text``, in order of appearance.

    ``start``/``end`` cover the number as written ("38 – KL/TW"); when several
    numbers share one symbol ("18, 19 – NQ/TW") the first citations cover their
    bare number ("18") and the last one the rest ("19 – NQ/TW").  ``raw`` is
    ``text[start:end]``.
    """
    if "/" not in text:  # every number, party or state, has a "/" (the fast path of most paragraphs)
        return []
    composed = _Composed(text)
    found: list[Citation] = []
    for match in _PARTY_RE.finditer(composed.text):
        found.extend(_party_citations(composed, match))
    for match in _STATE_RE.finditer(composed.text):
        found.append(_state_citation(composed, match))
    found.sort(key=lambda c: (c.start, -c.end))
    # The party and state patterns should never claim the same characters; if
    # they do, keep the first rather than cite one document twice.
    result: list[Citation] = []
    for citation in found:
        if not result or citation.start >= result[-1].end:
            result.append(citation)
    return result


def _party_citations(composed: _Composed, match: re.Match) -> list[Citation]:
    text = composed.text
    numbers = [(m.group(), match.start("numbers") + m.start()) for m in re.finditer(r"[0-9]+", match["numbers"])]
    doc_type = _doc_type_before(text, match.start())
    if len(numbers) > 1 and doc_type is None and not _NUMBER_WORD_BEFORE_RE.search(_before(text, match.start())):
        # "năm 2019, 21-NQ/TW": a list only follows "số" or a document's name.
        numbers = numbers[-1:]
    type_code, issuer_code = match["type"], match["issuer"]
    doc_type = doc_type or vocabulary.slug_of_code(type_code)
    when, issuer = _date_and_issuer(text, match.end())
    citations = []
    for i, (number, start) in enumerate(numbers):
        end = start + len(number) if i < len(numbers) - 1 else match.end()
        ref = DocRef(number=number, year=None, type_code=type_code, issuer_code=issuer_code, system="party")
        citations.append(composed.citation(ref, start, end, doc_type, when, issuer))
    return citations


def _state_citation(composed: _Composed, match: re.Match) -> Citation:
    text = composed.text
    if match["assembly"]:
        ref = DocRef(
            number=match["number"],
            year=int(match["assembly_year"]),
            type_code="",
            issuer_code=match["assembly"],
            system="state",
        )
    else:
        ref = DocRef(
            number=match["number"],
            year=int(match["year"]) if match["year"] else None,
            type_code=match["type"],
            issuer_code=match["issuer"],
            system="state",
        )
    doc_type = _doc_type_before(text, match.start())
    if doc_type is None and ref.type_code:
        doc_type = vocabulary.slug_of_code(ref.type_code)
    when, issuer = _date_and_issuer(text, match.end())
    return composed.citation(ref, match.start(), match.end(), doc_type, when, issuer)


def _before(text: str, position: int) -> str:
    return text[max(0, position - _LOOK_BEHIND) : position]


def _doc_type_before(text: str, position: int) -> str | None:
    found = _DOC_WORDS_BEFORE_RE.search(_before(text, position))
    if found is None:
        return None
    return _DOC_WORDS_SLUGS[squash_spaces(normalize(found["words"])).casefold()]


def _date_and_issuer(text: str, position: int) -> tuple[date | None, str | None]:
    when = None
    found = _DATE_RE.match(text, position)
    if found:
        when = _date(found)
        position = found.end()
    of = _OF_RE.match(text, position)
    return when, (_issuer(text, of.end()) if of else None)


def _date(found: re.Match) -> date | None:
    day = found["day"] or found["day2"]
    month = found["month"] or found["month2"]
    year = found["year"] or found["year2"]
    full_year = int(year) + 2000 if len(year) == 2 else int(year)  # "31/10/22"
    try:
        return date(full_year, int(month), int(day))
    except ValueError:  # "ngày 31/02/2022": a typo, not a date
        return None


def _issuer(text: str, position: int) -> str | None:
    rest = text[position : position + 200]
    end = len(rest)
    stop = _ISSUER_END_RE.search(rest)
    if stop:
        end = stop.start()
    for conjunction in _AND_RE.finditer(rest, 0, end):
        following = conjunction["next"]
        if following[0].islower() or _DOC_WORDS_AHEAD_RE.match(rest, conjunction.end()):
            end = conjunction.start()
            break
    name = squash_spaces(normalize(rest[:end])).strip(" -–_")
    # A body's name starts with a capital ("Ban", "Bộ", "Tỉnh ủy", "BTVTU");
    # "của các cấp ủy" says who carries a document out, not who issued it.
    if not name or not name[0].isupper():
        return None
    return name


class _Composed:
    """The text in NFC with a map back to the offsets of the text as given.

    Each base character with its combining marks is composed on its own, so
    every composed character comes from exactly one such cluster.
    """

    def __init__(self, original: str) -> None:
        self.original = original
        if unicodedata.is_normalized("NFC", original):
            self.text = original
            self._starts = self._ends = None
            return
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i = 0
        while i < len(original):
            j = i + 1
            while j < len(original) and unicodedata.combining(original[j]):
                j += 1
            for ch in unicodedata.normalize("NFC", original[i:j]):
                pieces.append(ch)
                starts.append(i)
                ends.append(j)
            i = j
        self.text = "".join(pieces)
        self._starts, self._ends = starts, ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self._starts is None:
            return start, end
        return self._starts[start], self._ends[end - 1]

    def citation(self, ref, start, end, doc_type, when, issuer) -> Citation:
        start, end = self.span(start, end)
        return Citation(
            ref=ref,
            raw=self.original[start:end],
            start=start,
            end=end,
            doc_type=doc_type,
            date=when,
            issuer=issuer,
        )


# --- identity -----------------------------------------------------------------


def symbol_of(ref: DocRef) -> str:
    """The canonical symbol; unlike ``DocRef.symbol`` it also prints the Quốc
    hội's type-less numbers right ("197/2025/QH15")."""
    if ref.system == "state" and not ref.type_code:
        year = f"/{ref.year}" if ref.year is not None else ""
        return f"{ref.number}{year}/{ref.issuer_code}"
    return ref.symbol


# State issuers that are national: government, prime minister, Quốc hội,
# ministries ("B..." but not a "BCĐ" steering committee), the central bank,
# the supreme court and procuracy, the state audit.
_NATIONAL_STATE_RE = re.compile(r"(?:CP|TTg|VPCP|NHNN|TANDTC|VKSNDTC|KTNN|(?:UBTV)?QH[0-9]*|B(?!CĐ)[A-ZĐ]+)")
# Party issuers by level, by the ending of the code: "TW", "VPTW", "BTCTW" are
# central; "TU", "VPTU", "BTGTU" provincial; "HU", "QU", "TXU", "ThU" district.
_PARTY_LEVEL_RE = [
    (re.compile(r".*TW"), "central"),
    (re.compile(r".*TU"), "province"),
    (re.compile(r"(?:.*HU|QU|TXU|ThU)"), "district"),
    (re.compile(r".*ĐUK"), "khoi"),
]
# Local state bodies (UBND, HĐND, sở ...) belong to the nearest province or district.
_TERRITORY = ("province", "district")


def scope_of(ref: DocRef, organisation: str, organisations: Mapping[str, Organisation]) -> str:
    """The organisation whose series the cited number belongs to.

    ``organisation`` is the id of the citing plan's organisation and
    ``organisations`` the registry by id (``Organisation.level`` and
    ``.parent`` are used).  The answer is:

    * ``"trung-uong"`` for central party codes (TW, VPTW, BTCTW ...) and for
      national state issuers (CP, TTg, QH15, ministries ...);
    * for TU (and VPTU, BTGTU ...) the province among the citing organisation
      and its ancestors; for HU, QU, TXU, ThU the district; for ĐUK the khối;
    * for local state issuers (UBND, HĐND, sở) the nearest province or district;
    * for anything else (BCĐ, ĐU ...) the citing organisation itself.

    When no organisation at the level is found (a Tỉnh ủy citing a ``/ĐUK``
    document, or an unknown organisation), the citing organisation is the scope:
    a guess the text gives nothing better for.
    """
    code = ref.issuer_code.split("-")[0]  # "BTC-BNV": the first issuer leads
    if ref.system == "state":
        if code.endswith("TW") or _NATIONAL_STATE_RE.fullmatch(code):
            return CENTRAL
        levels: tuple[str, ...] = _TERRITORY
    else:
        level = next((level for pattern, level in _PARTY_LEVEL_RE if pattern.fullmatch(code)), None)
        if level == "central":
            return CENTRAL
        if level is None:
            return organisation
        levels = (level,)
    return _nearest(organisation, organisations, levels) or organisation


def _nearest(organisation: str, organisations: Mapping[str, Organisation], levels) -> str | None:
    seen = set()
    current: str | None = organisation
    while current is not None and current in organisations and current not in seen:
        seen.add(current)
        if organisations[current].level in levels:
            return current
        current = organisations[current].parent
    return None


def document_key(ref: DocRef, scope: str) -> str:
    """A stable id of the cited document: ``"lam-dong/42-CTr/TU"``."""
    return f"{scope}/{symbol_of(ref)}"


def document_slug(key: str) -> str:
    """ASCII for URLs: ``"lam-dong/42-CTr/TU"`` -> ``"lam-dong-42-ctr-tu"``."""
    return slugify(key)
