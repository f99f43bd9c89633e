"""The numbering grammar of a plan: parts, items, sub-items, letters,
bullets, inline enumerations and footnote definitions.

One definition, read by the build (``structure.py``, ``duties.py``,
``citation_index.py``) and by the importer, which writes what the build
reads: a label the importer writes must come back the same
(tests/unit/test_numbering.py).

Levels follow the legal vocabulary (DOMAIN.md §3): 1 Mục (part, Roman
``I.``), 2 khoản (item ``1.``), 3 điểm (sub-item ``1.1.``), 4 tiết
(``1.1.1.``); a letter ``a)`` is one level below the item it sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN = r"[IVXLC]+"
# "1", "2.1", "2.1.3": at most four levels, two digits each (a plan has no
# item 100; "2022." at a line start is a year, not an item).
ITEM_LABEL = r"\d{1,2}(?:\.\d{1,2}){0,3}"
LETTER_LABEL = r"[a-zđ]"
BULLET_MARKS = "-+•–—*●▪◦"

# "I. MỤC ĐÍCH", "II -", "III- NHIỆM VỤ", "IV: ...", "V) ...", "VI NHIỆM VỤ"
PART = re.compile(rf"^(?P<label>{ROMAN})\s*(?P<end>[.\-–:)]\s*|\s+)(?P<rest>\S.*)$")
# "1. Mục đích", "2.1. Tiếp tục", "3) Sở ...", "1.1 Mục tiêu" (sub-item without the final dot)
ITEM = re.compile(rf"^(?P<label>{ITEM_LABEL})(?P<end>[.)])(?:\s+(?P<rest>.*))?$")
SUB_ITEM_BARE = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})(?P<end>)\s+(?P<rest>\S.*)$")
LETTER = re.compile(rf"^(?P<label>{LETTER_LABEL})(?P<end>\))\s+(?P<rest>.*)$")
BULLET = re.compile(rf"^[{re.escape(BULLET_MARKS)}]\s+(?P<rest>.*)$")
ENUM = re.compile(r"\((?P<label>\d{1,2})\)\s")
FOOTNOTE_DEF = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:\s*(?P<rest>.*)$")
ANNEX = re.compile(r"^PHỤ LỤC\b")

# A label at the start of a line, as the sentence splitters of duties and
# citations strip it: "II. ", "2.1. ", "a) ", "3 - ".
LEADING_LABEL = re.compile(rf"^\s*(?:{ROMAN}|{ITEM_LABEL}|{LETTER_LABEL})\s*[.)\-–:]\s*")
# Only the item or letter numbering that opens a paragraph.
ITEM_OR_LETTER_START = re.compile(rf"^\s*(?:{ITEM_LABEL}\.|{LETTER_LABEL}\))\s*")

LEVEL_WORD = {1: "Mục", 2: "khoản", 3: "điểm", 4: "tiết"}


@dataclass(frozen=True, slots=True)
class Label:
    """A numbering label read at the start of a block."""

    kind: str  # "part" | "item" | "letter" | "bullet" | "footnote"
    label: str | None  # "II", "2.1", "a"; the key of a footnote; None for bullets
    printed: str  # the numbering as printed: "II.", "2.1.", "a)", "-"
    rest: str  # the text after it

    @property
    def level(self) -> int:
        """1 part, 2 item, 3 sub-item, 4 tiết; 0 for letters (relative),
        bullets and footnotes."""
        if self.kind == "part":
            return 1
        if self.kind == "item":
            return item_level(self.label)
        return 0


def item_level(label: str) -> int:
    """ "1" -> 2 (khoản), "1.1" -> 3 (điểm), "1.1.1" -> 4 (tiết); a letter -> 0."""
    if re.fullmatch(LETTER_LABEL, label):
        return 0
    return 2 + label.count(".")


def read_part(text: str, *, caps_required: bool = True) -> Label | None:
    """A part heading: a Roman numeral and a title (in capitals, unless
    ``caps_required`` is false: the build reads "## II. Nhiệm vụ" as printed)."""
    m = PART.match(text)
    if not m:
        return None
    if caps_required and not _mostly_caps(m.group("rest")[:60]):
        return None
    printed = text[: len(text) - len(m.group("rest"))].strip()
    return Label("part", m.group("label"), printed, m.group("rest"))


def read_label(text: str, *, bare_sub_items: bool = False) -> Label | None:
    """The numbering that opens ``text``: item, letter, bullet or footnote
    definition (parts are read with :func:`read_part`, because a Roman
    numeral alone is also a word: "I" is rare, "V" and "X" are not)."""
    if m := FOOTNOTE_DEF.match(text):
        return Label("footnote", m.group("label"), f"[^{m.group('label')}]:", m.group("rest"))
    if m := ITEM.match(text):
        return Label("item", m.group("label"), m.group("label") + m.group("end"), m.group("rest") or "")
    if bare_sub_items and (m := SUB_ITEM_BARE.match(text)):
        return Label("item", m.group("label"), m.group("label"), m.group("rest"))
    if m := LETTER.match(text):
        return Label("letter", m.group("label"), m.group("label") + ")", m.group("rest"))
    if m := BULLET.match(text):
        return Label("bullet", None, text[0], m.group("rest"))
    return None


def enumeration(text: str) -> list[re.Match]:
    """The inline enumeration "(1) ... (2) ..." of a block: the increasing run
    from (1), or [] when there are fewer than two members."""
    run: list[re.Match] = []
    expected = 1
    for m in ENUM.finditer(text):
        if int(m.group("label")) == expected:
            run.append(m)
            expected += 1
    return run if len(run) >= 2 else []


def _mostly_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
