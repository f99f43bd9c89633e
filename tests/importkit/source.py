"""The fixture source format: one plan, written once, from which the makers
write every input form (``portal.py``, ``docx.py``, ``pdf.py``; the plain
text form is :func:`to_text`).

A source is UTF-8 text:

* the letterhead first, one line per row of the two-column head,
  ``LEFT || RIGHT`` (either side may be empty), ended by a blank line::

      ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      TỈNH BẮC NINH || Độc lập - Tự do - Hạnh phúc
      Số: 141/KH-UBND || Bắc Ninh, ngày 20 tháng 11 năm 2025

* then the body as blocks separated by blank lines: the document type and
  trích yếu (lines in capitals / plain lines), parts ``I. ...``, items
  ``1. ...``, ``2.1. ...``, letters ``a) ...``, bullets ``- ...``,
  paragraphs; ``**bold**`` and ``*italic*``; a Markdown pipe table is a
  table; ``[^1]`` marks a footnote whose body is a ``[^1]: ...`` block;
* the signature block and recipients at the end, as two columns again,
  introduced by a line ``::: footer`` and written ``LEFT || RIGHT``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.numbering import FOOTNOTE_DEF, read_label, read_part


@dataclass
class Block:
    kind: str  # "caps" | "part" | "item" | "letter" | "bullet" | "paragraph" | "table" | "footnote"
    text: str  # without its label for item/letter/bullet; the whole text otherwise
    label: str | None = None  # "1", "2.1", "a", the footnote key, the Roman numeral
    printed: str | None = None  # "1.", "2.1.", "a)", "-", "II."
    rows: list[list[str]] = field(default_factory=list)

    @property
    def level(self) -> int:
        if self.kind == "part":
            return 1
        if self.kind == "item":
            return 2 + (self.label or "").count(".")
        return 0


@dataclass
class PlanSource:
    letterhead: list[tuple[str, str]]
    blocks: list[Block]
    footer: list[tuple[str, str]]


def _pairs(lines: list[str]) -> list[tuple[str, str]]:
    out = []
    for line in lines:
        left, _, right = line.partition("||")
        out.append((left.strip(), right.strip()))
    return out


def parse_source(text: str) -> PlanSource:
    text = text.replace("\r\n", "\n")
    head, _, rest = text.partition("\n\n")
    body, _, foot = rest.partition("::: footer\n")
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        lines = chunk.split("\n")
        if all(l.strip().startswith("|") for l in lines):
            rows = []
            for l in lines:
                cells = [c.strip() for c in l.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    continue
                rows.append(cells)
            blocks.append(Block("table", "", rows=rows))
            continue
        one = " ".join(l.strip() for l in lines)
        if m := FOOTNOTE_DEF.match(one):
            blocks.append(Block("footnote", m.group("rest"), label=m.group("label")))
            continue
        plain = one.replace("**", "").replace("*", "")
        if part := read_part(plain):
            blocks.append(Block("part", one, label=part.label, printed=part.printed))
            continue
        label = read_label(plain)
        if label and label.kind in ("item", "letter", "bullet"):
            # the label is taken off the text as written (emphasis may wrap it)
            m = re.match(r"^(\**)" + re.escape(label.printed) + r"(\**)\s*", one)
            rest_text = (m.group(1) + one[m.end():]) if m else label.rest
            if m and m.group(2) and not m.group(1):
                rest_text = one[m.end():]
            blocks.append(Block(label.kind, rest_text.strip(), label=label.label, printed=label.printed))
            continue
        letters = [c for c in plain if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
            blocks.append(Block("caps", one))
            continue
        blocks.append(Block("paragraph", one))
    return PlanSource(_pairs([l for l in head.strip().split("\n") if l.strip()]), blocks, _pairs([l for l in foot.strip().split("\n") if l.strip()]))


def block_text(block: Block) -> str:
    """The block as printed: label and text."""
    if block.kind in ("item", "letter", "bullet"):
        return f"{block.printed} {block.text}"
    return block.text


def to_text(source: PlanSource) -> str:
    """The plain text form, as an office's "save as text" gives it: the head
    column by column (left, then right), blocks separated by blank lines,
    tables as Markdown pipe tables, footnote bodies as "[^n]: ..." lines."""
    out: list[str] = []
    out += [l for l, _ in source.letterhead if l]
    out += [r for _, r in source.letterhead if r]
    out.append("")
    for block in source.blocks:
        if block.kind == "table":
            width = max(len(r) for r in block.rows)
            out.append("| " + " | ".join(block.rows[0]) + " |")
            out.append("|" + "---|" * width)
            out += ["| " + " | ".join(r) + " |" for r in block.rows[1:]]
        elif block.kind == "footnote":
            out.append(f"[^{block.label}]: {block.text}")
        else:
            out.append(block_text(block))
        out.append("")
    sign = [r for _, r in source.footer if r]
    recipients = [l for l, _ in source.footer if l]
    out += recipients + [""] + sign
    return "\n".join(out).rstrip() + "\n"
