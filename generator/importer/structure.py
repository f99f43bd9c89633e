"""Body blocks -> the restricted Markdown of docs/content-format.md.

* parts (``I.``, ``II -``, ``III-``, ``PHỤ LỤC``) -> ``## ...`` as printed;
* an item or sub-item that is only a title ("1. Mục đích", "1. Ban Tổ chức
  Huyện ủy", "2. Ban Tuyên giáo Tỉnh ủy:") -> ``###`` / ``####`` by its
  numbering; one that is running text stays a paragraph starting with its
  number (the generator reads the number);
* bullets ``-``, ``+``, ``•`` -> ``- ...``;
* slot-style items, lettered slot items and task tables -> duty markup
  (``assignments.py``); a slot group after several bullets gives every bullet
  of its item the same bodies;
* paragraphs after the last part that speak of the plan itself ("Kế hoạch này
  thay thế ...") -> after a ``***`` line, as closing text.

Numbering is read with ``generator.numbering``, body names with
``bodies.py``.  Every body named in a doer position that the resolver does
not know is listed in ``Rendered.unknown_names`` (name as written, source
line): slot values, role cells of tables, headings that name doers,
sentence subjects ("Sở Y tế chủ trì, phối hợp với ...", "Giao ...", "Đề nghị
..."), and supporters after "phối hợp với".  Rendered again with a resolver
that knows them, the draft names them in its markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..agencies import Resolver, match_key
from ..duties import NOT_DUTY_PART
from ..numbering import ANNEX, ITEM_LABEL, LETTER_LABEL, ROMAN, read_label, read_part
from ..text import comparable
from .assignments import Assignment, Named, Slot, add_slot, find_slots, read_row, read_slots, slot_line, split_names, table_columns, unemphasised
from .bodies import clean, is_generic, is_list_of_names, names_in, sentence_doers, supporters
from .text import Block, Footnote, all_caps, is_rule_row

_CLOSING = re.compile(r"^(?:Kế hoạch|Chương trình(?: hành động)?|Văn bản|Nghị quyết|Hướng dẫn|Đề án) này\b")
_END_PUNCT = re.compile(r"[.;!?…][”\"’')\]*_]*$")
# "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị
# báo cáo về Sở ... để tổng hợp, báo cáo Ủy ban nhân dân tỉnh": no duty, and
# the receiver of the reports is no doer.
_BOILERPLATE = re.compile(r"^(?:Trong quá trình|Quá trình)(?:\s+(?:tổ chức|triển khai))?\s+thực hiện\b.{0,120}?(?:khó khăn|vướng mắc|phát sinh|chưa phù hợp)", re.I)
# A heading that asks bodies outside the issuer's authority: "6. Đề nghị: A, B".
_ASKING_HEADING = re.compile(r"^(?:kính\s+)?đề nghị\s*:?\s*", re.I)


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
    slot: Slot | None = None  # a slot line ("- Đơn vị chủ trì: ..."), itself no duty
    row: bool = False  # a row of a task table
    from_slots: bool = False  # its assignment is a slot group's (its names are listed at the slot lines)

    def line(self) -> str:
        return f"{self.text} {self.markup}".rstrip() if self.markup else self.text


@dataclass
class Rendered:
    outs: list[Out]
    tables: int = 0
    slot_items: int = 0
    other_tables: list[int] = field(default_factory=list)
    # (name as written, source line) of every body named in a doer position
    # that the resolver does not know
    unknown_names: list[tuple[str, int]] = field(default_factory=list)
    # source lines of task-table rows whose lead cell is empty: no body is
    # inherited from the row above, the row is left for a person to assign
    leadless_rows: list[int] = field(default_factory=list)

    _noted: set = field(default_factory=set, repr=False)

    def note_unknown(self, name: str, line: int) -> None:
        name = clean(name).strip(" ,.;:-–")
        key = (comparable(name), line)
        if name and key not in self._noted:
            self._noted.add(key)
            self.unknown_names.append((name, line))


NO_DUTY = "<!-- giao: - -->"


def _unwrap_bold(text: str) -> str:
    t = text.strip()
    for marker in ("**", "__"):
        if t.startswith(marker) and t.endswith(marker) and len(t) > 4 and marker not in t[2:-2]:
            return t[2:-2].strip()
    return t


_LEADING_EMPHASIS = re.compile(rf"^(\*\*|__|\*|_)({ITEM_LABEL}[.)]|{LETTER_LABEL}\)|{ROMAN}\s*[.\-–:)])\s+")


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
        return ":" not in before and (_covered_by_bodies(before, resolver) or is_list_of_names(before) or len(before.split()) <= 6)
    if re.search(r"[.;!?]\s+[A-ZĐ]", t):
        return False
    return not _END_PUNCT.search(t)


def render_body(blocks: list[Block], footnotes: list[Footnote], resolver: Resolver) -> Rendered:
    outs: list[Out] = []
    rendered = Rendered(outs)
    item_level = 1  # level of the last titled item, for lettered sub-items
    last_table: tuple[list[str], dict[str, int]] | None = None  # a table a page break cut in two
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if block.kind == "footnote-def":
            footnotes.append(Footnote(block.key, block.text, block.line, f"[^{block.key}]", None))
            continue
        if block.kind == "table":
            continued = last_table if outs and outs[-1].row else None
            last_table = _render_table(block, outs, rendered, resolver, continued) or last_table
            continue
        text = _unwrap_bold(_emphasis_after_number(block.text))
        if slot := slot_line(text):
            bullet = read_label(text)
            line = f"- {bullet.rest.strip()}" if bullet and bullet.kind == "bullet" else text
            outs.append(Out("bullet" if bullet and bullet.kind == "bullet" else "paragraph", line, block.line, slot=slot))
            continue
        if read_part(text):
            outs.append(Out("part", f"## {text}", block.line, 1))
            item_level = 1
            continue
        if ANNEX.match(text) or (block.heading in (1, 2) and all_caps(text)):
            # "PHỤ LỤC" and the capitalised lines that name it are one heading
            while i < len(blocks) and blocks[i].kind == "text" and all_caps(blocks[i].text) and not read_part(_unwrap_bold(blocks[i].text)) and len(blocks[i].text) < 200:
                text += " " + _unwrap_bold(blocks[i].text)
                i += 1
            outs.append(Out("part", f"## {text}", block.line, 1))
            item_level = 1
            continue
        label = read_label(text)
        if label and label.kind == "item":
            level = label.level
            if (block.heading or _title_like(label.rest, resolver)) and label.rest:
                outs.append(Out("heading", f"{'#' * (level + 1)} {text}", block.line, level))
                item_level = level
            else:
                outs.append(Out("paragraph", text, block.line, level))
            _inline_slots(outs[-1], resolver, rendered)
            continue
        if label and label.kind == "letter" and _title_like(label.rest, resolver):
            level = min(item_level + 1, 5)
            outs.append(Out("heading", f"{'#' * (level + 1)} {text}", block.line, level))
            continue
        if block.heading:
            depth = max(3, min(block.heading, 6))  # "##" is for parts
            outs.append(Out("heading", f"{'#' * depth} {text}", block.line, depth - 1))
            continue
        bullet = read_label(block.text)
        if bullet and bullet.kind == "bullet":
            outs.append(Out("bullet", f"- {bullet.rest.strip()}", block.line))
            _inline_slots(outs[-1], resolver, rendered)
            continue
        outs.append(Out("paragraph", block.text, block.line))
        _inline_slots(outs[-1], resolver, rendered)
    _group_slots(outs, resolver, rendered)
    _read_doers(outs, resolver, rendered)
    _mark_closing(outs)
    return rendered


# --- slot groups ------------------------------------------------------------------


@dataclass
class _Group:
    """The task(s) of one item and the slots that say who does them."""

    owner: Out | None
    tasks: list[Out] = field(default_factory=list)  # bullets (or "Nhiệm vụ:" slots) that are the tasks
    slot_lines: list[Out] = field(default_factory=list)
    open: str | None = None  # the kind of a slot whose value follows as bullets
    assignment: Assignment = field(default_factory=Assignment)


def _group_slots(outs: list[Out], resolver: Resolver, rendered: Rendered) -> None:
    """Give each slot group's bodies, deadline and product to its tasks: the
    bullets of the item when it has bullets before the slots, else the item
    itself.  Slot lines, and the bullets that only list a slot's bodies,
    become ``<!-- giao: - -->``."""
    group: _Group | None = None
    for out in outs:
        if out.slot is not None:
            if group is None:
                group = _Group(None)
            group.slot_lines.append(out)
            slot = out.slot
            if slot.kind == "task":
                if slot.value:
                    group.tasks.append(out)
                    out.slot = None  # "Nhiệm vụ: ..." is the task itself
                    group.slot_lines.pop()
                group.open = None if slot.value else "task"
            elif len(find_slots(unemphasised(out.text))) > 1:
                # "Cơ quan chủ trì: X. Cơ quan phối hợp: Y. Thời gian thực hiện: Z" in one line
                before = len(group.assignment.names)
                read_slots(re.sub(r"^[-+•–*]\s*", "", out.text), resolver, group.assignment)
                for named in group.assignment.names[before:]:
                    if not named.agency:
                        rendered.note_unknown(named.name, out.source)
                group.open = None
            else:
                _add_slot(group, slot, out, resolver, rendered)
                group.open = None if slot.value else slot.kind
            continue
        if out.kind == "bullet" and group is not None and not out.row and out.assignment is None:
            if group.open == "task":
                # "a) Nội dung:" and its bullets: what the one task of the item holds, not tasks of their own
                group.slot_lines.append(out)
                continue
            if group.open is not None:
                _add_slot(group, Slot(group.open, unemphasised(out.text[2:])), out, resolver, rendered)
                group.slot_lines.append(out)
                continue
            if not group.slot_lines:
                group.tasks.append(out)
                continue
        if out.kind == "paragraph" and group is not None and group.open in ("lead", "support", "assigned") and is_list_of_names(out.text):
            _add_slot(group, Slot(group.open, out.text), out, resolver, rendered)  # one body a line (Word)
            group.slot_lines.append(out)
            continue
        _close(group, rendered)
        group = None
        if out.kind in ("heading", "paragraph") and out.assignment is None:
            group = _Group(out)
    _close(group, rendered)


def _add_slot(group: _Group, slot: Slot, out: Out, resolver: Resolver, rendered: Rendered) -> None:
    before = len(group.assignment.names)
    add_slot(group.assignment, slot, resolver)
    for named in group.assignment.names[before:]:
        if not named.agency:
            rendered.note_unknown(named.name, out.source)


def _close(group: _Group | None, rendered: Rendered) -> None:
    if group is None or not group.slot_lines:
        return
    targets = group.tasks or ([group.owner] if group.owner is not None else [])
    rendered.slot_items += 1
    for out in targets:
        out.assignment = group.assignment.copy()
        out.from_slots = True
        if out is group.owner:
            _as_paragraph(out)  # a titled item that carries slots holds the duty itself
        out.markup = out.assignment.markup()
    for out in group.slot_lines:
        out.markup = NO_DUTY
        out.slot = out.slot or Slot("bodies", "")
    if not targets:
        # slots with no task before them: keep what they say on the first slot line
        first = group.slot_lines[0]
        first.notes.append("các ô giao việc không có nhiệm vụ đứng trước")


def _as_paragraph(out: Out) -> None:
    if out.kind == "heading":
        out.kind = "paragraph"
        out.text = out.text.lstrip("#").strip()


def _inline_slots(out: Out, resolver: Resolver, rendered: Rendered) -> None:
    """"1. Tổ chức ...; Đơn vị chủ trì: X; Thời gian: Y" in one block."""
    body = out.text.lstrip("#").strip()
    read = read_slots(body, resolver)
    if not read or not read[0].strip() or not (read[1].names or read[1].deadline and read[1].unnamed):
        return
    out.assignment = read[1]
    _as_paragraph(out)
    out.markup = out.assignment.markup()
    rendered.slot_items += 1


# --- tables -----------------------------------------------------------------------


def _render_table(block: Block, outs: list[Out], rendered: Rendered, resolver: Resolver, continued) -> tuple[list[str], dict[str, int]] | None:
    rows = [r for r in block.rows if not is_rule_row(r)]
    if not rows:
        return None
    header, body, first = rows[0], rows[1:], block.line + 1
    columns = table_columns(header)
    if columns is None and continued and len(continued[0]) == len(header):
        (header, columns), body, first = continued, rows, block.line  # the rest of a table after a page break
    if columns is None:
        rendered.other_tables.append(block.line)
        for offset, row in enumerate(rows):
            cells = [c for c in row if c]
            if cells:
                outs.append(Out("paragraph", " | ".join(cells), block.line + offset))
        return None
    rendered.tables += 1
    task = columns["task"]
    header_key = [match_key(unemphasised(c)) for c in header]
    for offset, row in enumerate(body):
        row = row + [""] * (len(header) - len(row))
        line = first + offset
        if [match_key(unemphasised(c)) for c in row[: len(header)]] == header_key:
            continue  # the header again, on the next page
        if all(re.fullmatch(r"\(?\d{1,2}\)?|[:\-–—.]*", c.strip()) for c in row):
            continue  # the column numbers "(1) | (2) | (3)" under the header, or an empty row
        filled = [c for j, c in enumerate(row) if c and j != columns.get("number")]
        number = row[columns["number"]].strip() if "number" in columns else ""
        roles = [columns[r] for r in ("lead", "support", "assigned") if r in columns]
        if not row[task].strip() or len(set(filled)) == 1 and not any(row[j].strip() and row[j] != row[task] for j in roles):
            words = list(dict.fromkeys(filled))
            text = " ".join(([number] if number else []) + words)
            if number and re.fullmatch(rf"{ROMAN}|[A-Z]", number):
                text = f"{number}. {' '.join(words)}"
            if text.strip():
                outs.append(Out("paragraph", text, line, markup=NO_DUTY, row=True))
            continue
        details = []
        for role in ("lead", "support", "assigned", "deadline", "product"):
            if role in columns and row[columns[role]].strip():
                details.append(f"{unemphasised(header[columns[role]])}: {row[columns[role]].strip()}")
        for j, cell in enumerate(row):
            if cell.strip() and j not in columns.values():
                details.append(f"{unemphasised(header[j]) if j < len(header) else ''}: {cell.strip()}".lstrip(": "))
        text = row[task].strip()
        if details:
            text += f" ({'; '.join(details)})"
        assignment = read_row(row, columns, resolver)
        out = Out("bullet", f"- {text}", line, assignment=assignment, row=True)
        if not any(row[columns[r]].strip() for r in ("lead", "assigned") if r in columns):
            rendered.leadless_rows.append(line)
            out.notes.append("hàng không ghi cơ quan chủ trì; không lấy theo hàng trên")
        out.markup = assignment.markup()
        outs.append(out)
    return header, columns


# --- doers named in the text ------------------------------------------------------------


def _bare(out: Out) -> str:
    """The text of a block without heading marks, bullet and numbering."""
    text = re.sub(r"^#+\s*", "", out.text)
    label = read_label(text)
    if label and label.kind in ("item", "letter", "bullet"):
        text = label.rest
    return text.strip()


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in re.finditer(r"[.;]\s+", text):
        if m.end() < len(text) and text[m.end()].isupper():
            out.append(text[start : m.start() + 1])
            start = m.end()
    out.append(text[start:])
    return out


def _named(names: list[str], role: str, resolver: Resolver) -> list[Named]:
    out = []
    for name in names:
        named, _ = split_names(name, role, resolver)
        out += named or [Named(name, role, resolver.resolve(name))]
    return out


def _read_doers(outs: list[Out], resolver: Resolver, rendered: Rendered) -> None:
    """List the unknown doers of every block, and write markup where the
    build's text rules cannot read who does it: a heading "Đề nghị: A, B",
    "UBND tỉnh yêu cầu các sở ..." (the issuer asks, the object does),
    closing boilerplate (no duty)."""
    in_duty_part = False
    partless = not any(out.kind == "part" for out in outs)  # a công văn: numbered items only
    for out in outs:
        if partless and not in_duty_part and out.level >= 2:
            in_duty_part = True  # from its first numbered item on (not "Kính gửi", not the opening)
        if out.kind == "part":
            in_duty_part = not NOT_DUTY_PART.match(out.text.lstrip("#").strip())
            continue
        if out.assignment is not None:
            for named in [] if out.from_slots else out.assignment.names:
                if not named.agency:
                    rendered.note_unknown(named.name, out.source)
            continue
        if out.slot is not None or out.row or out.markup or not in_duty_part:
            continue
        text = _bare(out)
        if out.kind == "heading":
            title = re.sub(r"\s*\([^()]*\)\s*:?\s*$", "", text.strip()).rstrip(":").strip()  # "Công an tỉnh (Cơ quan Thường trực ...)"
            asking = _ASKING_HEADING.match(title)
            if asking:
                title = title[asking.end() :]
            if not is_list_of_names(title):
                continue
            named = _named(names_in(title), "assigned", resolver)
            for n in named:
                if not n.agency:
                    rendered.note_unknown(n.name, out.source)
            if asking:
                out.assignment = Assignment(named)
                out.markup = out.assignment.markup()
            continue
        if _BOILERPLATE.match(unemphasised(text)):
            out.markup = NO_DUTY
            continue
        found: list[Named] = []
        for index, sentence in enumerate(_sentences(text)):
            doers, helpers, asked = sentence_doers(sentence)
            role = "assigned"
            named = _named(doers, role, resolver) + [n for n in _named(helpers, "support", resolver) if not is_generic(n.name)]
            found += named
            if asked and index == 0:
                out.assignment = Assignment(named)
                out.markup = out.assignment.markup()
        for name in supporters(text):
            if not is_generic(name):
                found += _named([name], "support", resolver)
        registered = [comparable(clean(text)[f.start : f.end]) for f in resolver.find(clean(text))]
        for n in found:
            if not n.agency and not any(k.startswith(comparable(n.name)) for k in registered):
                rendered.note_unknown(n.name, out.source)  # not a registered name the grammar cut short


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
