"""A Word document (.docx) -> the text the importer reads.

Each paragraph becomes one line, with a blank line after it (so no line
re-joining is needed); what Word keeps as structure is written the way the
page prints it (DOMAIN.md §8):

* automatic numbering (``numbering.xml``) -> the label Word prints ("1.",
  "2.1.", "a)", "I.", "-"), counted as Word counts: one counter per abstract
  definition shared by every ``w:num`` that points at it, a ``startOverride``
  restarting it when that ``w:num`` is first used at the level, deeper levels
  restarting when a higher one advances (``w:lvlRestart``), numbering given
  by the paragraph style (``w:pStyle`` -> ``w:numPr``, through ``basedOn``);
* a heading style, or a short paragraph wholly in bold (or in capitals) that
  carries a numbering label -> ``#`` marks (the numbering decides the depth);
* bold and italic runs -> ``**...**`` / ``*...*``; superscript digits,
  footnote and endnote references -> superscript marks (¹ ²), the notes ->
  "¹ body" paragraphs at the end, endnotes numbered after the footnotes;
* a task table (``assignments.table_columns`` reads its header, two header
  rows joined) -> a pipe table, one duty per row, vertically merged cells
  repeated in each row they span; a borderless table (letterhead, signature
  and recipients) -> its paragraphs, left column then right column; any
  other table -> a pipe table.

A file that is not a Word document, is damaged, is password-protected or
holds a paragraph no plan has (:data:`MAX_PARAGRAPH` characters) is refused
with :class:`~generator.importer.sources.ImportFailed`, before anything is
written.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..numbering import item_level, read_label, read_part
from .assignments import table_columns
from .header import MOTTO, ON_BEHALF, PLACE_DATE, RECIPIENTS
from .sources import ImportFailed
from .text import TO_SUPERSCRIPT, all_caps, plain

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# A plan's longest paragraph is a few thousand characters; a run of text far
# beyond that is a damaged file or pasted data, not something to review.
MAX_PARAGRAPH = 100_000
_MAX_XML_BYTES = 64 * 1024 * 1024  # one XML part, uncompressed
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOTE_MARK = re.compile("\ue000([fe])(\\d+)\ue001")  # placeholder until all notes are counted


def read_docx(path: Path) -> str:
    """The text of a Word file, one paragraph per line, blank lines between."""
    path = Path(path)
    document = _open(path)
    reader = _Reader(document, path)
    chunks = reader.body()
    chunks += reader.note_bodies()
    text = "\n\n".join(c for c in chunks if c.strip())
    return reader.number_marks(text) + "\n"


# --- opening, and refusing what is not a readable Word file ------------------------------


def _refuse(path: Path, reason: str, fix: str) -> ImportFailed:
    return ImportFailed(f"{path}: không đọc được tệp Word: {reason}. {fix}")


_RESAVE = "Mở tệp bằng Word, chọn Lưu thành (Save As) > Word Document (.docx) rồi nhập lại."


def _open(path: Path):
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        with path.open("rb") as handle:
            start = handle.read(8)
    except OSError as exc:
        raise _refuse(path, f"không mở được tệp ({exc.strerror or exc.__class__.__name__})", "Kiểm tra đường dẫn và quyền đọc tệp.") from None
    if start.startswith(_OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise _refuse(
                path,
                "tệp được đặt mật khẩu (mã hóa)",
                "Mở bằng Word, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu > Mã hóa bằng mật khẩu, xóa trống), lưu lại rồi nhập lại.",
            )
        raise _refuse(path, "đây là tệp Word 97-2003 (.doc) mang đuôi .docx", _RESAVE)
    if not zipfile.is_zipfile(path):
        if start.startswith(b"PK\x03\x04"):
            raise _refuse(path, "tệp bị hỏng hoặc không trọn vẹn (thiếu phần cuối của tệp nén, có thể tải về chưa hết)", "Tải hoặc chép lại tệp gốc; nếu mở được bằng Word, lưu lại dạng .docx rồi nhập lại.")
        kind = "tệp RTF" if start.startswith(b"{\\rtf") else "trang web (HTML)" if start.lstrip().lower().startswith((b"<html", b"<!doc", b"mime-")) else None
        if kind:
            raise _refuse(path, f"tệp là {kind} mang đuôi .docx", _RESAVE)
        raise _refuse(path, "tệp không phải dạng .docx (không phải tệp nén ZIP của Word)", _RESAVE + " Hoặc chép nội dung sang một tệp .txt.")
    try:
        with zipfile.ZipFile(path) as archive:
            names = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _refuse(path, "tệp bị hỏng (dữ liệu nén lỗi)", _RESAVE) from None
    for name, info in names.items():
        if name.endswith(".xml") and info.file_size > _MAX_XML_BYTES:
            raise _refuse(path, f"phần {name} lớn bất thường ({info.file_size // (1024 * 1024)} MB khi giải nén)", "Tệp có thể bị hỏng; mở bằng Word, lưu lại rồi nhập lại.")
    if "word/document.xml" not in names and not any(n.startswith("word/") for n in names):
        other = "bảng tính Excel" if any(n.startswith("xl/") for n in names) else "bản trình chiếu PowerPoint" if any(n.startswith("ppt/") for n in names) else "tệp nén không phải văn bản Word"
        raise _refuse(path, f"tệp là {other}, không phải văn bản Word", "Chọn đúng tệp văn bản kế hoạch (.docx).")
    try:
        return Document(str(path))
    except XMLSyntaxError as exc:
        if "huge" in str(exc).lower():
            raise _oversized(path, None, "") from None
        raise _refuse(path, f"nội dung XML trong tệp bị hỏng ({exc.msg})", _RESAVE) from None
    except ValueError as exc:  # python-docx: "file ... is not a Word file, content type is ..."
        raise _refuse(path, f"tệp không phải văn bản Word ({exc})", "Chọn đúng tệp văn bản kế hoạch (.docx).") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, zlib.error, EOFError, OSError) as exc:
        raise _refuse(path, f"tệp bị hỏng ({exc.__class__.__name__})", _RESAVE) from None


def _oversized(path: Path, number: int | None, start: str) -> ImportFailed:
    where = f" (đoạn thứ {number}: “{start[:40]}…”)" if number else ""
    return _refuse(
        path,
        f"tệp có một đoạn văn bản dài bất thường, hơn {f'{MAX_PARAGRAPH:,}'.replace(',', '.')} ký tự liền một đoạn{where}",
        "Văn bản kế hoạch không có đoạn như vậy: tệp có thể bị hỏng hoặc chứa dữ liệu dán vào; mở bằng Word, xóa hoặc sửa đoạn đó, lưu lại rồi nhập lại.",
    )


# --- small XML helpers ------------------------------------------------------------------


def _val(node, default=None):
    if node is None:
        return default
    return node.get(f"{_W}val", default)


def _int(value, default: int | None = None) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _on(node) -> bool | None:
    """A toggle property (``w:b``, ``w:i``, ``w:caps``): None when absent."""
    if node is None:
        return None
    return _val(node, "true") not in ("0", "false", "off", "none")


def _symbol(char: str) -> str:
    # Symbol/Wingdings glyphs live in the private use area F000-F0FF
    code = ord(char) if char else 0
    return chr(code - 0xF000) if 0xF020 <= code <= 0xF07E else char


# --- styles ---------------------------------------------------------------------------------


class _Styles:
    def __init__(self, document):
        try:
            root = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            root = None
        self.by_id = {}
        self.default = {}
        self.run_defaults = None
        if root is None:
            return
        for style in root.findall(f"{_W}style"):
            self.by_id[style.get(f"{_W}styleId")] = style
            if _on_default(style):
                self.default[style.get(f"{_W}type")] = style.get(f"{_W}styleId")
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.run_defaults = defaults

    def chain(self, style_id: str | None):
        """The style and those it is based on, nearest first."""
        out, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            style_id = _val(style.find(f"{_W}basedOn"))
        return out

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        return (_val(style.find(f"{_W}name"), "") if style is not None else "").lower()


def _on_default(style) -> bool:
    return style.get(f"{_W}default") in ("1", "true", "on")


# --- automatic numbering ------------------------------------------------------------------


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: None default, 0 never
    legal: bool = False  # w:isLgl: every number in Arabic
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


def _read_level(lvl) -> _Level:
    level = _Level()
    level.fmt = _val(lvl.find(f"{_W}numFmt"), "decimal")
    text = lvl.find(f"{_W}lvlText")
    level.text = _val(text, "") if text is not None else ""
    level.start = _int(_val(lvl.find(f"{_W}start")), 1)
    restart = lvl.find(f"{_W}lvlRestart")
    level.restart = _int(_val(restart)) if restart is not None else None
    level.legal = bool(_on(lvl.find(f"{_W}isLgl")))
    level.style = _val(lvl.find(f"{_W}pStyle"))
    return level


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    levels: dict[int, _Level] = field(default_factory=dict)  # whole-level overrides


class _Numbering:
    def __init__(self, document, styles: _Styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum with numStyleLink -> style id
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.entered: set[tuple[str, int]] = set()
        self.styles = styles
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        for node in root.findall(f"{_W}abstractNum"):
            ident = node.get(f"{_W}abstractNumId")
            self.abstract[ident] = {_int(l.get(f"{_W}ilvl"), 0): _read_level(l) for l in node.findall(f"{_W}lvl")}
            link = _val(node.find(f"{_W}numStyleLink"))
            if link:
                self.links[ident] = link
        for node in root.findall(f"{_W}num"):
            num = _Num(_val(node.find(f"{_W}abstractNumId"), ""))
            for override in node.findall(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"), 0)
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    num.starts[ilvl] = _int(_val(start), 1)
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    num.levels[ilvl] = _read_level(lvl)
            self.nums[node.get(f"{_W}numId")] = num

    def _definition(self, num_id: str) -> str | None:
        """The abstract definition that holds the levels (and the counter),
        after a numbering style's indirection (``w:numStyleLink``)."""
        num = self.nums.get(num_id)
        seen = set()
        abstract = num.abstract if num else None
        while abstract in self.links and abstract not in seen:
            seen.add(abstract)
            linked = None
            for style in self.styles.chain(self.links[abstract]):
                linked = _val(style.find(f"{_W}pPr/{_W}numPr/{_W}numId"))
                if linked:
                    break
            if not linked or linked not in self.nums:
                break
            abstract = self.nums[linked].abstract
        return abstract if abstract in self.abstract else None

    def _level(self, num_id: str, ilvl: int) -> _Level | None:
        num = self.nums.get(num_id)
        if num and ilvl in num.levels:
            return num.levels[ilvl]
        abstract = self._definition(num_id)
        return self.abstract.get(abstract, {}).get(ilvl) if abstract else None

    def _start(self, num_id: str, ilvl: int) -> int:
        num = self.nums.get(num_id)
        if num and ilvl in num.starts:
            return num.starts[ilvl]
        level = self._level(num_id, ilvl)
        return level.start if level else 1

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        abstract = self._definition(num_id)
        for ilvl, level in sorted(self.abstract.get(abstract, {}).items()):
            if style_id and level.style == style_id:
                return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph at (num_id, ilvl) and return its printed label."""
        level = self._level(num_id, ilvl)
        abstract = self._definition(num_id)
        if level is None or abstract is None:
            return None
        counters = self.counters.setdefault(abstract, {})
        if (num_id, ilvl) not in self.entered:
            self.entered.add((num_id, ilvl))
            if ilvl in self.nums[num_id].starts:
                counters.pop(ilvl, None)  # a startOverride restarts the shared counter
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else self._start(num_id, ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            restart = (self._level(num_id, deeper) or _Level()).restart
            if restart is None or (restart != 0 and ilvl <= restart - 1):
                del counters[deeper]
        if level.fmt == "bullet":
            glyph = _symbol(level.text.strip()[:1])
            return "+" if glyph == "+" else "-"
        if level.fmt == "none" and "%" in level.text:
            return None

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            value = counters.get(k, self._start(num_id, k))
            fmt = "decimal" if level.legal else (self._level(num_id, k) or _Level()).fmt
            return _format(value, fmt)

        text = re.sub(r"%([1-9])", number, level.text).strip()
        if not text or not re.search(r"\w", text):
            return None
        # "1" or "2.1" then a tab prints as an item, "a" as a letter: write
        # them as the grammar reads them ("1.", "2.1.", "a)")
        if re.fullmatch(r"\d+(?:\.\d+)*|[IVXLC]+", text):
            text += "."
        elif re.fullmatch(r"[a-zđ]", text):
            text += ")"
        return text


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


# --- paragraphs ------------------------------------------------------------------------------


@dataclass
class _Para:
    """One paragraph as read: its label, its text with emphasis, what it looks like."""

    label: str | None
    text: str  # runs, with ** / * and note marks; hard line breaks as "\n"
    bold: bool  # every letter in bold
    style_level: int  # heading style level, 0 for none
    boxes: list["_Para"] = field(default_factory=list)  # text boxes anchored in it

    def full(self) -> str:
        """Label and text on one line."""
        text = re.sub(r"[ \t]*\n[ \t]*", " ", self.text).strip()
        return f"{self.label} {text}".strip() if self.label else text

    def line(self) -> str:
        """The line of the body: a heading gets its ``#`` marks."""
        full = self.full()
        depth = _heading_depth(self, full)
        if depth:
            return "#" * depth + " " + re.sub(r"\*+", "", full).strip()
        return full

    def lines(self) -> list[str]:
        """In a layout table a hard line break starts a new line."""
        parts = [p.strip() for p in self.text.split("\n")]
        if self.label and parts:
            parts[0] = f"{self.label} {parts[0]}"
        return [p for p in parts if p]


def _heading_depth(para: _Para, full: str) -> int:
    """``#`` marks for a heading: a heading style, or a short paragraph wholly
    in bold or capitals that carries a numbering label.  0 otherwise."""
    text = plain(full)
    part = read_part(text)
    label = None if part else read_label(text)
    if part:
        depth = 2
    elif label and label.kind == "item":
        depth = 1 + item_level(label.label)
    else:
        depth = 0
    if para.style_level:
        return depth or min(6, para.style_level + 1)
    if not depth:
        return 0  # letters and bullets: the structure step decides
    rest = (part or label).rest
    words = len(rest.split())
    if not rest or words > 30 or re.search(r"[.;!?]\s+[A-ZĐ]", rest):
        return 0
    if rest.rstrip()[-1:] in ";," or (rest.rstrip()[-1:] == "." and words > 12):
        return 0
    plain_rest = plain(rest)
    return depth if (para.bold or all_caps(plain_rest)) else 0


class _Reader:
    def __init__(self, document, path: Path):
        self.document = document
        self.path = path
        self.styles = _Styles(document)
        self.numbering = _Numbering(document, self.styles)
        self.notes: list[tuple[str, str]] = []  # ("f"|"e", id) in order of reference
        self.paragraphs = 0
        self._toggle_cache: dict[tuple[str, str], bool | None] = {}

    # --- the body, in document order --------------------------------------------------------
    def body(self) -> list[str]:
        return self._blocks(self.document.element.body)

    def _blocks(self, container) -> list[str]:
        out: list[str] = []
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                para = self.paragraph(child)
                out.append(para.line())
                out += [box.line() for box in para.boxes]
            elif tag == f"{_W}tbl":
                out += self.table(child)
            elif tag in (f"{_W}sdt", f"{_W}customXml"):
                inner = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
                if inner is not None:
                    out += self._blocks(inner)
        return out

    def paragraph(self, p, notes: bool = True) -> _Para:
        self.paragraphs += 1
        ppr = p.find(f"{_W}pPr")
        style_id = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        style_id = style_id or self.styles.default.get("paragraph")
        label = self._label(ppr, style_id) if notes else None
        boxes: list[_Para] = []
        segments: list[tuple[str, bool, bool]] = []
        self._inline(p, style_id, segments, boxes, notes)
        text = _emphasis(segments)
        if len(text) > MAX_PARAGRAPH:
            raise _oversized(self.path, self.paragraphs, text.strip())
        letters = [c for t, b, _ in segments if t.strip() for c in t if c.isalpha()]
        bold = bool(letters) and all(b for t, b, _ in segments if any(c.isalpha() for c in t))
        return _Para(label, text, bold, self._heading_level(style_id), boxes)

    def _heading_level(self, style_id: str | None) -> int:
        for style in self.styles.chain(style_id):
            name = _val(style.find(f"{_W}name"), "").lower()
            if m := re.fullmatch(r"heading ([1-9])", name):
                return int(m.group(1))
            outline = _int(_val(style.find(f"{_W}pPr/{_W}outlineLvl")))
            if outline is not None and outline < 9:
                return outline + 1
        return 0

    def _label(self, ppr, style_id: str | None) -> str | None:
        num_id = ilvl = None
        direct = ppr.find(f"{_W}numPr") if ppr is not None else None
        if direct is not None:
            num_id = _val(direct.find(f"{_W}numId"))
            ilvl = _int(_val(direct.find(f"{_W}ilvl")))
        for style in self.styles.chain(style_id):
            if num_id is not None and ilvl is not None:
                break
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            if numpr is None:
                continue
            num_id = num_id if num_id is not None else _val(numpr.find(f"{_W}numId"))
            ilvl = ilvl if ilvl is not None else _int(_val(numpr.find(f"{_W}ilvl")))
        if num_id is None or num_id == "0":
            return None  # numId 0 takes away the numbering a style gives
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style_id)
        return self.numbering.label(num_id, ilvl)

    def _inline(self, node, style_id, segments, boxes, notes: bool) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{_W}r":
                self._run(child, style_id, segments, boxes, notes)
            elif tag in (f"{_W}hyperlink", f"{_W}ins", f"{_W}smartTag", f"{_W}customXml", f"{_W}fldSimple", f"{_W}moveTo", f"{_W}bdo", f"{_W}dir"):
                self._inline(child, style_id, segments, boxes, notes)
            elif tag == f"{_W}sdt":
                inner = child.find(f"{_W}sdtContent")
                if inner is not None:
                    self._inline(inner, style_id, segments, boxes, notes)
            # w:del, w:moveFrom (deleted text), w:pPr, bookmarks, proofing marks: nothing printed

    def _run(self, r, style_id, segments, boxes, notes: bool) -> None:
        rpr = r.find(f"{_W}rPr")
        if self._prop(rpr, style_id, "vanish"):
            return  # hidden text is not printed
        bold = bool(self._prop(rpr, style_id, "b"))
        italic = bool(self._prop(rpr, style_id, "i"))
        caps = bool(self._prop(rpr, style_id, "caps"))
        superscript = self._vert_align(rpr, style_id) == "superscript"
        text = []
        for child in r:
            tag = child.tag
            if tag == f"{_W}t":
                text.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                text.append(" ")
            elif tag in (f"{_W}br", f"{_W}cr"):
                text.append(" " if child.get(f"{_W}type") in ("page", "column") else "\n")
            elif tag == f"{_W}noBreakHyphen":
                text.append("-")
            elif tag == f"{_W}sym":
                char = child.get(f"{_W}char") or ""
                try:
                    text.append(_symbol(chr(int(char, 16))))
                except ValueError:
                    pass
            elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference") and notes:
                _flush(segments, text, bold, italic, caps)
                kind = "f" if tag == f"{_W}footnoteReference" else "e"
                self.notes.append((kind, child.get(f"{_W}id")))
                segments.append((f"\ue000{kind}{len(self.notes)}\ue001", False, False))
            elif tag in (f"{_W}drawing", f"{_W}pict", f"{_MC}AlternateContent"):
                self._text_boxes(child, boxes)
        joined = "".join(text)
        if superscript and joined.strip().isdigit():
            _flush(segments, [], bold, italic, caps)
            segments.append((joined.strip().translate(TO_SUPERSCRIPT), False, False))
            return
        _flush(segments, text, bold, italic, caps)

    def _text_boxes(self, node, boxes) -> None:
        # mc:AlternateContent holds the same box twice (Choice and Fallback): read one
        if node.tag == f"{_MC}AlternateContent":
            choice = node.find(f"{_MC}Choice")
            node = choice if choice is not None else node.find(f"{_MC}Fallback")
            if node is None:
                return
        for content in node.iter(f"{_W}txbxContent"):
            for p in content.iter(f"{_W}p"):
                boxes.append(self.paragraph(p))
            break

    def _prop(self, rpr, style_id, name: str) -> bool | None:
        if rpr is not None:
            value = _on(rpr.find(f"{_W}{name}"))
            if value is not None:
                return value
            char_style = _val(rpr.find(f"{_W}rStyle"))
            if char_style:
                value = self._style_prop(char_style, name)
                if value is not None:
                    return value
        value = self._style_prop(style_id, name)
        if value is not None:
            return value
        defaults = self.styles.run_defaults
        return _on(defaults.find(f"{_W}{name}")) if defaults is not None else None

    def _style_prop(self, style_id, name: str) -> bool | None:
        key = (style_id or "", name)
        if key not in self._toggle_cache:
            value = None
            for style in self.styles.chain(style_id):
                value = _on(style.find(f"{_W}rPr/{_W}{name}"))
                if value is not None:
                    break
            self._toggle_cache[key] = value
        return self._toggle_cache[key]

    def _vert_align(self, rpr, style_id) -> str | None:
        if rpr is not None:
            value = _val(rpr.find(f"{_W}vertAlign"))
            if value:
                return value
            for style in self.styles.chain(_val(rpr.find(f"{_W}rStyle"))):
                value = _val(style.find(f"{_W}rPr/{_W}vertAlign"))
                if value:
                    return value
        return None

    # --- tables ---------------------------------------------------------------------------
    def table(self, tbl) -> list[str]:
        grid = _Grid(tbl, self)
        if not grid.rows:
            return []
        header_rows = grid.header_rows()
        header = grid.header_texts(header_rows)
        if table_columns(header) is not None:
            rows = [header] + [r for r in grid.body_texts(header_rows, carry=True) if not _column_numbers(r)]
            return [_pipe(rows)]
        if self._layout(grid, tbl):
            return grid.layout_lines()
        return [_pipe([grid.header_texts(1)] + grid.body_texts(1, carry=False))]

    def _layout(self, grid: "_Grid", tbl) -> bool:
        """A table the page does not show as one (no borders), or one that
        holds the letterhead or the signature block."""
        for cell in grid.cells:
            for para in cell.paras:
                for line in para.lines():
                    text = plain(line)
                    place_date = PLACE_DATE.match(text)
                    if MOTTO.match(text) or RECIPIENTS.match(text) or (place_date and place_date.group("place")) or (ON_BEHALF.match(text) and all_caps(text)):
                        return True
        return not self._borders(tbl, grid)

    def _borders(self, tbl, grid: "_Grid") -> bool:
        sides: dict[str, bool] = {}
        tblpr = tbl.find(f"{_W}tblPr")
        style_id = _val(tblpr.find(f"{_W}tblStyle")) if tblpr is not None else None
        style_id = style_id or self.styles.default.get("table")
        for style in reversed(self.styles.chain(style_id)):
            _border_sides(style.find(f"{_W}tblPr/{_W}tblBorders"), sides)
        if tblpr is not None:
            _border_sides(tblpr.find(f"{_W}tblBorders"), sides)
        if any(sides.values()):
            return True
        bordered = 0
        for cell in grid.cells:
            cell_sides: dict[str, bool] = {}
            _border_sides(cell.tc.find(f"{_W}tcPr/{_W}tcBorders"), cell_sides)
            bordered += sum(cell_sides.values()) >= 2
        return bool(grid.cells) and bordered > len(grid.cells) / 2

    # --- notes -------------------------------------------------------------------------
    def note_bodies(self) -> list[str]:
        bodies = {"f": self._note_part("footnotes", "footnote"), "e": self._note_part("endnotes", "endnote")}
        out = []
        for kind in ("f", "e"):  # footnotes, then endnotes numbered after them
            for index, (k, ident) in enumerate(self.notes, start=1):
                body = bodies[k].get(ident)
                if k == kind and body:
                    out.append(f"\ue000{kind}{index}\ue001 {body}")
        return out

    def _note_part(self, reltype: str, tag: str) -> dict[str, str]:
        from lxml import etree

        blob = None
        for rel in self.document.part.rels.values():
            if rel.reltype.endswith("/" + reltype) and not rel.is_external:
                blob = rel.target_part.blob
        if not blob:
            return {}
        try:
            root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return {}
        bodies = {}
        for note in root.findall(f"{_W}{tag}"):
            if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            texts = [re.sub(r"\s+", " ", self.paragraph(p, notes=False).text).strip() for p in note.iter(f"{_W}p")]
            bodies[note.get(f"{_W}id")] = " ".join(t for t in texts if t)
        return bodies

    def number_marks(self, text: str) -> str:
        """Footnotes first, in order of reference, then endnotes after them."""
        order = [i for i, (k, _) in enumerate(self.notes, start=1) if k == "f"] + [i for i, (k, _) in enumerate(self.notes, start=1) if k == "e"]
        number = {index: n for n, index in enumerate(order, start=1)}
        return _NOTE_MARK.sub(lambda m: str(number[int(m.group(2))]).translate(TO_SUPERSCRIPT), text)


def _flush(segments, text: list[str], bold: bool, italic: bool, caps: bool) -> None:
    joined = "".join(text)
    text.clear()
    if joined:
        segments.append((joined.upper() if caps else joined, bold, italic))


def _emphasis(segments: list[tuple[str, bool, bool]]) -> str:
    """Runs -> text with ``**`` and ``*``; a paragraph wholly in bold gets no
    marks (it is a heading or a title, which the next steps recognise)."""
    merged: list[list] = []
    for text, bold, italic in segments:
        if merged and not text.strip() and "\n" not in text:
            merged[-1][0] += text  # spaces take the look of what they follow
        elif merged and merged[-1][1:] == [bold, italic]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic])
    whole_bold = all(b for t, b, _ in merged if t.strip())
    out = []
    for text, bold, italic in merged:
        marker = ("**" if bold and not whole_bold else "") + ("*" if italic else "")
        if marker and text.strip() and "\ue000" not in text:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            text = f"{lead}{marker}{text.strip()}{marker[::-1]}{trail}"
        out.append(text)
    return re.sub(r"[ \t\r\f\v]+", " ", "".join(out)).strip(" ")


def _border_sides(node, sides: dict[str, bool]) -> None:
    if node is None:
        return
    for side in node:
        name = side.tag.rsplit("}", 1)[-1]
        sides[name] = _val(side, "none") not in ("none", "nil")


# --- the grid of a table ----------------------------------------------------------------------


@dataclass
class _Cell:
    tc: object
    row: int
    col: int
    span: int
    paras: list[_Para]
    origin: "_Cell | None" = None  # for a vertically merged continuation: the cell it continues

    def text(self) -> str:
        """The cell's paragraphs as one table cell."""
        parts = [re.sub(r"\s+", " ", p.full()).strip() for p in self.paras]
        parts = [p for p in parts if p]
        if len(parts) > 1 and not any(re.search(r"[.;:,]$", p) for p in parts[:-1]):
            return "; ".join(parts)
        return " ".join(parts)


class _Grid:
    """The cells of a table by row and grid column, read in document order
    (so numbering and note marks count as Word counts them)."""

    def __init__(self, tbl, reader: _Reader):
        self.rows: list[list[_Cell]] = []
        self.cells: list[_Cell] = []
        self.header_flags: list[bool] = []
        widths = [_int(c.get(f"{_W}w"), 0) or 0 for c in tbl.findall(f"{_W}tblGrid/{_W}gridCol")]
        for r, tr in enumerate(_children(tbl, "tr")):
            trpr = tr.find(f"{_W}trPr")
            col = _int(_val(trpr.find(f"{_W}gridBefore")), 0) if trpr is not None else 0
            self.header_flags.append(trpr is not None and bool(_on(trpr.find(f"{_W}tblHeader"))))
            row: list[_Cell] = []
            for tc in _children(tr, "tc"):
                tcpr = tc.find(f"{_W}tcPr")
                span = max(1, _int(_val(tcpr.find(f"{_W}gridSpan")), 1)) if tcpr is not None else 1
                vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                paras = self._content(tc, reader)
                cell = _Cell(tc, r, col or 0, span, paras)
                if vmerge is not None and _val(vmerge, "continue") == "continue" and self.rows:
                    cell.origin = self._above(col or 0)
                row.append(cell)
                self.cells.append(cell)
                col = (col or 0) + span
            self.rows.append(row)
        self.width = max((c.col + c.span for c in self.cells), default=0)
        self.widths = widths if len(widths) >= self.width and sum(widths) else [1] * self.width
        starts = {c.col for c in self.cells}
        self.columns = [c for c in range(self.width) if c in starts]

    def _content(self, node, reader: _Reader) -> list[_Para]:
        """A cell's paragraphs; those of a nested table are read in place."""
        out = []
        for child in node:
            if child.tag == f"{_W}p":
                para = reader.paragraph(child)
                out.append(para)
                out += para.boxes
            elif child.tag in (f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}customXml", f"{_W}sdtContent"):
                out += self._content(child, reader)
            elif child.tag == f"{_W}sdt":
                out += self._content(child.find(f"{_W}sdtContent") if child.find(f"{_W}sdtContent") is not None else [], reader)
        return out

    def _above(self, col: int) -> _Cell | None:
        for cell in self.rows[-1]:
            if cell.col <= col < cell.col + cell.span:
                return cell.origin or cell
        return None

    def _at(self, row: int, col: int) -> _Cell | None:
        for cell in self.rows[row]:
            if cell.col <= col < cell.col + cell.span:
                return cell
        return None

    # --- data tables
    def header_rows(self) -> int:
        """Header rows: those marked to repeat on each page, or the rows a
        header cell is merged down into, or a second row under a spanning
        header cell ("Cơ quan thực hiện" over "Chủ trì | Phối hợp")."""
        count = 1
        while count < len(self.header_flags) and self.header_flags[count] and self.header_flags[0]:
            count += 1
        while count < len(self.rows):
            below = self.rows[count]
            continues = any(c.origin is not None and c.origin.row < count for c in below)
            spanning = [c for c in self.rows[count - 1] if c.span > 1 and c.origin is None]
            under_span = spanning and all(
                not c.text() or c.origin is not None
                for c in below
                if not any(s.col <= c.col < s.col + s.span for s in spanning)
            ) and any(c.text() for c in below if any(s.col <= c.col < s.col + s.span for s in spanning))
            if not (continues or under_span) or count >= 3:
                break
            count += 1
        return count

    def header_texts(self, rows: int) -> list[str]:
        out = []
        for col in self.columns:
            parts = []
            for r in range(min(rows, len(self.rows))):
                cell = self._at(r, col)
                if cell is None or cell.origin is not None:
                    continue
                text = cell.text()
                if text and (not parts or parts[-1] != text):
                    parts.append(text)
            out.append(" ".join(parts))
        return out

    def body_texts(self, start: int, carry: bool) -> list[list[str]]:
        out = []
        for r in range(start, len(self.rows)):
            row = []
            for col in self.columns:
                cell = self._at(r, col)
                if cell is None or cell.col != col:
                    row.append("")
                elif cell.origin is not None:
                    row.append(cell.origin.text() if carry else cell.text())
                else:
                    row.append(cell.text())
            out.append(row)
        return out

    # --- layout tables
    def layout_lines(self) -> list[str]:
        """Bands of rows between full-width cells; in each band, the columns
        left to right (a cell belongs to the column its centre falls in),
        each column's paragraphs top to bottom."""
        out: list[str] = []
        band: list[list[_Cell]] = []
        for row in self.rows:
            full = [c for c in row if c.span >= self.width and self.width > 1]
            if full:
                out += self._band(band)
                band = []
                for cell in full:
                    out += _column_lines([cell])
                continue
            band.append(row)
        out += self._band(band)
        return out

    def _band(self, rows: list[list[_Cell]]) -> list[str]:
        if not rows:
            return []
        edges = [0]
        for w in self.widths:
            edges.append(edges[-1] + w)
        reference = max(rows, key=lambda row: (sum(bool(_cell_lines(c)) for c in row), len(row)))
        spans = [(edges[c.col], edges[min(c.col + c.span, len(edges) - 1)]) for c in reference]
        columns: list[list[_Cell]] = [[] for _ in reference]
        for row in rows:
            for cell in row:
                if cell.origin is not None and not _cell_lines(cell):
                    continue
                centre = (edges[cell.col] + edges[min(cell.col + cell.span, len(edges) - 1)]) / 2
                index = next((i for i, (a, b) in enumerate(spans) if a <= centre < b), len(spans) - 1)
                columns[index].append(cell)
        out = []
        for cells in columns:
            out += _column_lines(cells)
        return out


def _children(node, name: str):
    """Rows of a table or cells of a row, also inside content controls."""
    for child in node:
        if child.tag == f"{_W}{name}":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            inner = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if inner is not None:
                yield from _children(inner, name)


def _cell_lines(cell: _Cell) -> list[str]:
    return [line for para in cell.paras for line in para.lines()]


def _column_lines(cells: list[_Cell]) -> list[str]:
    """A column's lines; a place-date line split over two paragraphs or
    cells ("Bắc Ninh," / "ngày 20 tháng 11 năm 2025") is joined."""
    lines = [line for cell in cells for line in _cell_lines(cell)]
    out: list[str] = []
    for line in lines:
        if out and not PLACE_DATE.match(plain(out[-1])) and PLACE_DATE.match(plain(out[-1] + " " + line)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _column_numbers(row: list[str]) -> bool:
    """A row that only numbers the columns: "1 | 2 | 3", "(1) | (2) | (3)"."""
    filled = [c.strip() for c in row if c.strip()]
    if len(filled) < 3:
        return False
    values = [re.fullmatch(r"\(?(\d{1,2})\)?", c) for c in filled]
    return all(values) and [int(v.group(1)) for v in values] == list(range(int(values[0].group(1)), int(values[0].group(1)) + len(values)))


def _pipe(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    lines = []
    for index, row in enumerate(rows):
        cells = [c.replace("|", "\\|") for c in row + [""] * (width - len(row))]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)
