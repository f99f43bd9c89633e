"""The body of a plan -> its part / item hierarchy with stable anchors.

The body is restricted Markdown (docs/content-format.md): ``##`` parts,
``###``/``####`` titled items, paragraphs that start with their numbering
("2.1. Tiếp tục ..."), bullets, footnote definitions, and a ``***`` line that
closes the numbered parts (what follows is the plan's closing text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .diagnostics import Report
from .model import Footnote, Node, Source
from .render import blocked_targets
from .numbering import LETTER, item_level as _item_level, read_label, read_part

_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*#*\s*$")
# Markdown's own list marks: the draft writes every bullet as "- ".
_BULLET = re.compile(r"^\s{0,3}[-+*]\s+(.*)$")
_CLOSING = re.compile(r"^\s*(\*\s*){3,}$")
_DIRECTIVE = re.compile(r"\s*<!--\s*(giao\s*:.*?|hạn\s*:.*?)\s*-->\s*", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class _Block:
    kind: str  # heading | bullet | numbered | paragraph | footnote | closing
    text: str
    line: int
    depth: int = 0  # heading depth (## = 2)
    label: str | None = None
    number: str | None = None


@dataclass
class _Open:
    node_kind: str
    level: int
    anchor: str
    label: str | None
    heading: bool
    text: str
    source: Source
    number: str | None
    directive: str | None
    children: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def freeze(self) -> Node:
        return Node(
            kind=self.node_kind,
            anchor=self.anchor,
            label=self.label,
            heading=self.heading,
            text=self.text,
            source=self.source,
            children=tuple(c.freeze() if isinstance(c, _Open) else c for c in self.children),
            number=self.number,
            directive=self.directive,
            level=self.level,
        )


_DIRECTIVE_OPEN = re.compile(r"<!--\s*(?:giao|hạn)\s*:", re.I)


def _split_blocks(lines: list[str], first_line: int, file: str = "", report: Report | None = None) -> list[_Block]:
    """Lines -> blocks.  An HTML comment runs on until its "-->"; a duty
    mark-up (``<!-- giao: ...``) left open past the end of its paragraph, or
    any comment left open to the end of the text, would swallow what follows
    into one block without a word: that is reported."""
    blocks: list[_Block] = []
    current: _Block | None = None
    in_comment = False
    opened = 0  # line of the comment left open
    directive = False
    swallowing = False
    for index, raw in enumerate(lines):
        line_no = first_line + index
        line = raw.rstrip()
        if in_comment:
            if not line.strip() and directive and not swallowing and report is not None:
                swallowing = True
                report.error(
                    "đánh-dấu-không-đóng",
                    'đánh dấu giao việc "<!--" mở ở dòng này không được đóng bằng "-->" trước khi hết đoạn: '
                    "các đoạn sau nó bị gộp vào đoạn này và nhiệm vụ của chúng mất.",
                    Source(file, opened),
                    'thêm "-->" ở cuối đánh dấu, trên cùng dòng với đoạn: <!-- giao: Tên cơ quan -->.',
                )
            if current is not None:  # None after a heading: a heading is one line
                current.text += " " + line.strip()
            if "-->" in line:
                in_comment = False
            continue
        if not line.strip():
            current = None
            continue
        stripped = line.strip()
        block = _classify(stripped, line_no)
        if block is None and current is not None:
            current.text += " " + stripped
        else:
            current = block or _Block("paragraph", stripped, line_no)
            blocks.append(current)
        if "<!--" in line and "-->" not in line.split("<!--")[-1]:
            in_comment, opened, swallowing = True, line_no, False
            directive = bool(_DIRECTIVE_OPEN.search("<!--" + line.split("<!--")[-1]))
        if current.kind in ("heading", "closing"):
            current = None
    if in_comment and not swallowing and report is not None:
        report.error(
            "đánh-dấu-không-đóng",
            'chú thích HTML "<!--" mở ở dòng này không được đóng bằng "-->": mọi dòng sau nó đến hết tệp bị bỏ khỏi trang.',
            Source(file, opened),
            'thêm "-->" ở cuối chú thích; đánh dấu giao việc viết trên cùng dòng với đoạn: <!-- giao: Tên cơ quan -->.',
        )
    return blocks


def _classify(text: str, line_no: int) -> _Block | None:
    if m := _HEADING.match(text):
        return _Block("heading", m.group(2), line_no, depth=len(m.group(1)))
    if _CLOSING.match(text):
        return _Block("closing", "", line_no)
    if m := _BULLET.match(text):
        return _Block("bullet", m.group(1), line_no)
    label = read_label(text)
    if label is None or label.kind == "bullet":
        return None
    if label.kind == "footnote":
        return _Block("footnote", label.rest, line_no, label=label.label)
    if label.kind == "item" and not label.rest:
        return None  # "2022." alone is not an item
    return _Block("numbered", text, line_no, label=label.label, number=label.printed)




_LEVEL_WORD = {1: "muc", 2: "khoan", 3: "diem", 4: "tiet"}


def _anchor_part(label: str) -> str:
    from .text import slugify

    return slugify(label.replace(".", "-"))


def parse_body(body: str, file: str, first_line: int, report: Report) -> tuple[tuple[Node, ...], tuple[Footnote, ...]]:
    """Parse a plan body into top-level nodes and footnotes."""
    blocks = _split_blocks(body.split("\n"), first_line, file, report)
    root = _Open("root", 0, "", None, False, "", Source(file, first_line), None, None)
    preamble = _Open("root", 0, "mo-dau", None, False, "", Source(file, first_line), None, None)
    closing = _Open("root", 0, "ket", None, False, "", Source(file, first_line), None, None)
    stack: list[_Open] = [preamble]
    seen_anchors: set[str] = set()
    footnotes: list[Footnote] = []
    top: list = []  # preamble nodes, parts, closing nodes in order
    closed = False
    depth = 1  # Markdown depth of the last heading or numbered item; the page title is "#"

    def unique(anchor: str, source: Source, what: str) -> str:
        if anchor not in seen_anchors:
            seen_anchors.add(anchor)
            return anchor
        n = 2
        while f"{anchor}-{n}" in seen_anchors:
            n += 1
        report.warning(
            "đánh-số-trùng",
            f"{what} có số thứ tự trùng với một mục trước; liên kết của nó là #{anchor}-{n}.",
            source,
            "nếu văn bản gốc đánh số trùng thì giữ nguyên; nếu do nhập liệu, sửa số thứ tự.",
        )
        seen_anchors.add(f"{anchor}-{n}")
        return f"{anchor}-{n}"

    def leaf(kind: str, text: str, source: Source) -> None:
        parent = stack[-1]
        word = "gach" if kind == "bullet" else "doan"
        parent.counts[word] = parent.counts.get(word, 0) + 1
        anchor = unique(f"{parent.anchor}-{word}-{parent.counts[word]}", source, "Đoạn")
        text, directive = _take_directive(text)
        node = Node(kind, anchor, None, False, text, source, directive=directive)
        if parent in (preamble, closing):
            top.append(node)
        else:
            parent.children.append(node)

    defined: dict[str, int] = {}
    for block in blocks:
        source = Source(file, block.line)
        _report_blocked(block.text, source, report)
        if block.kind == "footnote":
            if block.label in defined:
                report.error(
                    "chú-thích-trùng",
                    f"chú thích [^{block.label}] được định nghĩa hai lần (lần đầu ở dòng {defined[block.label]}); trang chỉ giữ được một.",
                    source,
                    "đánh số lại chú thích cho khớp văn bản gốc, hoặc xóa định nghĩa thừa.",
                )
                continue
            defined[block.label] = block.line
            footnotes.append(Footnote(block.label, block.text, source))
            continue
        if block.kind == "closing":
            closed = True
            stack[:] = [closing]
            continue
        if block.kind == "heading":
            if block.depth > depth + 1:
                _report_skipped_level(block, depth, source, report)
            depth = block.depth
        elif block.kind == "numbered" and not closed and not LETTER.match(block.text):
            depth = _item_level(block.label) + 1  # "1." fills the ### level, "1.1." the #### level
        if block.kind == "heading" or (block.kind == "numbered" and not closed):
            if block.kind == "heading":
                level, label, number, title = _heading_parts(block, stack)
                heading = True
            else:
                level = _item_level(block.label)
                if level == 0:
                    level = min(max(n.level for n in stack) + 1, 4) if len(stack) > 1 else 3
                label, number, title = block.label, block.number, block.text
                heading = False
            if closed and block.kind == "heading":
                closed = False
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop()
            if stack[0] in (preamble, closing):
                stack[0] = root
            parent = stack[-1]
            word = _LEVEL_WORD.get(level, "muc")
            if label is None:
                parent.counts["phan"] = parent.counts.get("phan", 0) + 1
                base = f"{word}-{parent.counts['phan']}"
            else:
                base = f"{word}-{_anchor_part(label)}"
            anchor = base if parent is root else f"{parent.anchor}-{base}"
            anchor = unique(anchor, source, f"Mục {number or title}")
            text, directive = _take_directive(title)
            kind = "part" if level == 1 else "item"
            node = _Open(kind, level, anchor, label, heading, text, source, number, directive)
            if parent is root:
                top.append(node)
            else:
                parent.children.append(node)
            stack.append(node)
            continue
        if block.kind in ("bullet", "paragraph", "numbered"):
            leaf("bullet" if block.kind == "bullet" else "paragraph", block.text, source)

    nodes = tuple(n.freeze() if isinstance(n, _Open) else n for n in top)
    return nodes, tuple(footnotes)


def _report_blocked(text: str, source: Source, report: Report) -> None:
    """Warn about each link and image render.inline neutralises: the page is
    safe either way (the text shows, the link goes nowhere, the image is a
    link), so the build goes on; --strict stops it."""
    if "](" not in text and "]:" not in text and "![" not in text:
        return
    for item in blocked_targets(text):
        shown = item.target if len(item.target) <= 80 else item.target[:79] + "…"
        if item.kind == "link":
            report.warning(
                "liên-kết-bị-chặn",
                f'liên kết tới "{shown}" bị chặn: liên kết chỉ được trỏ tới http://, https://, mailto: hoặc một trang trong trang này.',
                source,
                "xóa liên kết, hoặc thay bằng địa chỉ http:// hay https://.",
            )
        elif item.target:
            report.warning(
                "ảnh-bị-chặn",
                f'ảnh "{shown}" không thuộc trang này: trình duyệt của người đọc sẽ tải nó từ máy chủ khác.',
                source,
                "xóa ảnh, hoặc đặt tệp ảnh vào thư mục pages/ và viết đường dẫn tương đối: ![mô tả](anh/ten-anh.png).",
            )
        else:
            report.warning(
                "ảnh-bị-chặn",
                "ảnh viết dạng tham chiếu ![...][...] không được hỗ trợ: không kiểm tra được ảnh lấy từ đâu.",
                source,
                "viết ảnh dạng ![mô tả](anh/ten-anh.png) với đường dẫn tương đối trong trang, hoặc xóa ảnh.",
            )


def _report_skipped_level(block: _Block, depth: int, source: Source, report: Report) -> None:
    marks = "#" * block.depth
    title = block.text if len(block.text) <= 60 else block.text[:59] + "…"
    missing = "#" * (depth + 1)
    where = (
        "đứng trước mọi tiêu đề cấp 2 (##)"
        if depth == 1
        else f"nằm ngay sau tiêu đề cấp {depth} ({'#' * depth}), thiếu cấp {depth + 1} ({missing})"
    )
    report.warning(
        "nhảy-cấp-tiêu-đề",
        f'tiêu đề cấp {block.depth} ({marks}) "{title}" {where}.',
        source,
        "dùng ## cho mục (I, II ...), ### cho khoản (1, 2 ...), #### cho điểm (1.1, 1.2 ...), không bỏ cấp; "
        f"nếu văn bản gốc không có cấp ở giữa, đổi {marks} thành {missing}.",
    )


def _heading_parts(block: _Block, stack: list[_Open]) -> tuple[int, str | None, str | None, str]:
    text = block.text
    depth_level = {2: 1, 3: 2, 4: 3, 5: 4, 6: 4}[block.depth]
    if part := read_part(text, caps_required=False):
        return 1, part.label, part.printed, text
    label = read_label(text)
    if label is not None and label.kind == "item":
        return max(_item_level(label.label), depth_level), label.label, label.printed, text
    if label is not None and label.kind == "letter":
        return depth_level, label.label, label.printed, text
    return depth_level, None, None, text


def _take_directive(text: str) -> tuple[str, str | None]:
    """Split explicit duty markup (an HTML comment) off a block's text."""
    if "<!--" not in text:  # nearly every block: only the spaces to squash
        return " ".join(text.split()), None
    directives = [m.group(1).strip() for m in _DIRECTIVE.finditer(text)]
    text = _DIRECTIVE.sub(" ", text)
    text = _COMMENT.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text, ("; ".join(directives) if directives else None)
