"""Body blocks -> the restricted Markdown of docs/content-format.md.

* parts (``I.``, ``II -``, ``III-``, ``PHỤ LỤC``) -> ``## ...`` as printed;
* an item or sub-item that is only a title ("1. Mục đích", "1. Ban Tổ chức
  Huyện ủy", "2. Ban Tuyên giáo Tỉnh ủy:") -> ``###`` / ``####`` by its
  numbering; one that is running text stays a paragraph starting with its
  number (the generator reads the number);
* bullets ``-``, ``+``, ``•`` -> ``- ...``;
* slot-style items and task tables -> duty markup (``assignments.py``);
* paragraphs after the last part that speak of the plan itself ("Kế hoạch này
  thay thế ...") -> after a ``***`` line, as closing text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..agencies import Resolver, match_key
from .assignments import Assignment, read_row, read_slots, slot_start, table_columns
from .text import Block, Footnote, all_caps, is_rule_row

_ROMAN = re.compile(r"^([IVXLC]+)\s*(?:[.\-–:)]\s*|\s+)(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})([.)])(?:\s+(.*))?$")
_LETTERED = re.compile(r"^([a-zđ])\)\s+(.*)$")
_BULLET = re.compile(r"^[-+•–—*]\s+(.*)$")
_ANNEX = re.compile(r"^PHỤ LỤC\b")
_CLOSING = re.compile(r"^(?:Kế hoạch|Chương trình(?: hành động)?|Văn bản|Nghị quyết|Hướng dẫn|Đề án) này\b")
_END_PUNCT = re.compile(r"[.;!?…][”\"’')\]*_]*$")


@dataclass
class Out:
    """One block of the draft body."""

    kind: str  # "part" | "heading" | "paragraph" | "bullet" | "closing-rule" | "footnote"
    text: str  # the Markdown line as written to the draft
    source: int  # line in the source
    level: int = 0  # 1 part, 2 item, 3 sub-item ...
    markup: str = ""
    assignment: Assignment | None = None
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.text} {self.markup}".rstrip() if self.markup else self.text


@dataclass
class Rendered:
    outs: list[Out]
    tables: int = 0
    slot_items: int = 0
    other_tables: list[int] = field(default_factory=list)


def _unwrap_bold(text: str) -> str:
    t = text.strip()
    for marker in ("**", "__"):
        if t.startswith(marker) and t.endswith(marker) and len(t) > 4 and marker not in t[2:-2]:
            return t[2:-2].strip()
    return t


_LEADING_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(\d{1,2}(?:\.\d{1,2}){0,3}[.)]|[a-zđ]\)|[IVXLC]+\s*[.\-–:)])\s+")


def _emphasis_after_number(text: str) -> str:
    """ "**1. Ban Tổ chức:** Chủ trì ..." -> "1. **Ban Tổ chức:** Chủ trì ...":
    the generator reads the number only at the start of the block."""
    m = _LEADING_EMPHASIS.match(text)
    if not m or text.endswith(m.group(1)) and text.count(m.group(1)) == 2:
        return text  # the whole block is emphasised: _unwrap_bold drops it
    return f"{m.group(2)} {m.group(1)}{text[m.end():]}"


def _covered_by_bodies(text: str, resolver: Resolver) -> bool:
    key = match_key(text)
    position = 0
    found = resolver.find(text)
    for item in found:
        gap = key[position : item.start].strip(" ,;")
        if gap and gap not in ("và", "các"):
            return False
        position = item.end
    return bool(found) and not key[position:].strip(" :.;,")


def _title_like(rest: str, resolver: Resolver) -> bool:
    """An item that is only a title: no sentence end, or a name before ":"."""
    t = rest.strip()
    if not t or len(t.split()) > 60:
        return False
    if t.endswith(":"):
        before = t[:-1].strip()
        return ":" not in before and (_covered_by_bodies(before, resolver) or len(before.split()) <= 6)
    if re.search(r"[.;!?]\s+[A-ZĐ]", t):
        return False
    return not _END_PUNCT.search(t)


def render_body(blocks: list[Block], footnotes: list[Footnote], resolver: Resolver) -> Rendered:
    outs: list[Out] = []
    rendered = Rendered(outs)
    item_level = 1  # level of the last titled item, for lettered sub-items
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if block.kind == "footnote-def":
            footnotes.append(Footnote(block.key, block.text, block.line, f"[^{block.key}]", None))
            continue
        if block.kind == "table":
            _render_table(block, outs, rendered, resolver)
            continue
        text = _unwrap_bold(_emphasis_after_number(block.text))
        if slot_start(text) and _owner(outs) is not None:
            _attach_slot(text, block, outs, resolver, rendered)
            continue
        if (m := _ROMAN.match(text)) and all_caps(m.group(2)):
            outs.append(Out("part", f"## {text}", block.line, 1))
            item_level = 1
            continue
        if _ANNEX.match(text) or (block.heading in (1, 2) and all_caps(text)):
            # "PHỤ LỤC" and the capitalised lines that name it are one heading
            while i < len(blocks) and blocks[i].kind == "text" and all_caps(blocks[i].text) and not _ROMAN.match(_unwrap_bold(blocks[i].text)) and len(blocks[i].text) < 200:
                text += " " + _unwrap_bold(blocks[i].text)
                i += 1
            outs.append(Out("part", f"## {text}", block.line, 1))
            item_level = 1
            continue
        if m := _NUMBERED.match(text):
            label, rest = m.group(1), (m.group(3) or "")
            level = 2 + label.count(".")
            if (block.heading or _title_like(rest, resolver)) and rest:
                outs.append(Out("heading", f"{'#' * (level + 1)} {text}", block.line, level))
                item_level = level
            else:
                outs.append(Out("paragraph", text, block.line, level))
            _inline_slots(outs[-1], resolver, rendered)
            continue
        if (m := _LETTERED.match(text)) and _title_like(m.group(2), resolver):
            level = min(item_level + 1, 5)
            outs.append(Out("heading", f"{'#' * (level + 1)} {text}", block.line, level))
            continue
        if block.heading:
            depth = max(3, min(block.heading, 6))  # "##" is for parts
            outs.append(Out("heading", f"{'#' * depth} {text}", block.line, depth - 1))
            continue
        if m := _BULLET.match(block.text):
            outs.append(Out("bullet", f"- {m.group(1).strip()}", block.line))
            _inline_slots(outs[-1], resolver, rendered)
            continue
        outs.append(Out("paragraph", block.text, block.line))
        _inline_slots(outs[-1], resolver, rendered)
    _mark_closing(outs)
    return rendered


def _owner(outs: list[Out]) -> Out | None:
    """The task a slot line belongs to: the last item, paragraph or bullet."""
    for out in reversed(outs):
        if out.kind == "part":
            return None
        if out.markup == "<!-- giao: - -->" and out.assignment is None:
            continue  # an earlier slot line
        if out.kind in ("heading", "paragraph", "bullet"):
            return out
    return None


def _as_paragraph(out: Out) -> None:
    if out.kind == "heading":
        out.kind = "paragraph"
        out.text = out.text.lstrip("#").strip()


def _attach_slot(text: str, block: Block, outs: list[Out], resolver: Resolver, rendered: Rendered) -> None:
    owner = _owner(outs)
    read = read_slots(re.sub(r"^[-+•–*]\s*", "", text), resolver, owner.assignment or Assignment())
    if owner.assignment is None:
        rendered.slot_items += 1
    owner.assignment = read[1]
    _as_paragraph(owner)  # a titled item that carries slots holds the duty itself
    owner.markup = owner.assignment.markup()
    bullet = _BULLET.match(text)
    line = f"- {bullet.group(1).strip()}" if bullet else text
    outs.append(Out("bullet" if bullet else "paragraph", line, block.line, markup="<!-- giao: - -->"))


def _inline_slots(out: Out, resolver: Resolver, rendered: Rendered) -> None:
    """"1. Tổ chức ...; Đơn vị chủ trì: X; Thời gian: Y" in one block."""
    body = out.text.lstrip("#").strip()
    read = read_slots(body, resolver)
    if not read or not read[0].strip() or not read[1].names:
        return
    out.assignment = read[1]
    _as_paragraph(out)
    out.markup = out.assignment.markup()
    rendered.slot_items += 1


def _render_table(block: Block, outs: list[Out], rendered: Rendered, resolver: Resolver) -> None:
    rows = [r for r in block.rows if not is_rule_row(r)]
    if not rows:
        return
    header, body = rows[0], rows[1:]
    columns = table_columns(header)
    if columns is None:
        rendered.other_tables.append(block.line)
        for offset, row in enumerate(rows):
            cells = [c for c in row if c]
            if cells:
                outs.append(Out("paragraph", " | ".join(cells), block.line + offset))
        return
    rendered.tables += 1
    task = columns["task"]
    for offset, row in enumerate(body):
        row = row + [""] * (len(header) - len(row))
        line = block.line + 1 + offset
        filled = [c for j, c in enumerate(row) if c and j != columns.get("number")]
        number = row[columns["number"]].strip() if "number" in columns else ""
        if not row[task].strip() or len(filled) == 1 and not any(row[columns[r]] for r in ("lead", "support", "assigned") if r in columns):
            text = " ".join(c for c in ([number] if number else []) + filled)
            if number and re.fullmatch(r"[IVXLC]+|[A-Z]", number):
                text = f"{number}. {' '.join(filled)}"
            if text.strip():
                outs.append(Out("paragraph", text, line, markup="<!-- giao: - -->"))
            continue
        details = []
        for role in ("lead", "support", "assigned", "deadline"):
            if role in columns and row[columns[role]].strip():
                details.append(f"{header[columns[role]].strip()}: {row[columns[role]].strip()}")
        for j, cell in enumerate(row):
            if cell.strip() and j not in columns.values():
                details.append(f"{header[j].strip() if j < len(header) else ''}: {cell.strip()}".lstrip(": "))
        text = row[task].strip()
        if details:
            text += f" ({'; '.join(details)})"
        assignment = read_row(row, columns, resolver)
        out = Out("bullet", f"- {text}", line, assignment=assignment)
        out.markup = assignment.markup()
        outs.append(out)


def _mark_closing(outs: list[Out]) -> None:
    """Paragraphs after the last part that speak of the plan itself are its
    closing text, not part of the last item."""
    if not any(o.kind == "part" for o in outs):
        return
    first = None
    for index in range(len(outs) - 1, -1, -1):
        out = outs[index]
        if out.kind == "paragraph" and not out.level and _CLOSING.match(out.text):
            first = index
            continue
        break
    # not when the paragraphs are all the last part holds: they are its text
    if first is not None and outs[first - 1].kind != "part":
        outs.insert(first, Out("closing-rule", "***", outs[first].source))
