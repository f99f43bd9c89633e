"""YAML with line numbers: the node tree composed by hand, so that every
message can name the line that caused it.

PyYAML's ``safe_load`` loses positions, silently keeps the last of duplicate
keys and turns impossible dates into exceptions.  Dates stay strings here
(frontmatter.parse_iso_date reads and reports them); aliases, tags and
nesting deeper than :data:`yaml_errors.MAX_DEPTH` are refused.
"""

from __future__ import annotations

import yaml

from .diagnostics import Report
from .model import Source
from .yaml_errors import _TOO_DEEP, MAX_DEPTH, _problem, _syntax_error

Path_ = tuple  # a path into the front matter: ("bases", 0, "date")


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings: we parse and report them."""


# libyaml's parser (when PyYAML was built with it) is ten times faster than
# the pure-Python one.  It reads the text first; the pure one reads it again
# only when libyaml stops on an error, so that every message is worded from
# the pure parser's errors as before (the two word and place errors
# differently).  Resolving and constructing are the same Python code in both.
_CLoader = None
if hasattr(yaml, "CSafeLoader"):

    class _CLoader(yaml.CSafeLoader):
        """CSafeLoader that leaves dates as strings, like _Loader."""


_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers = _NO_TIMESTAMPS
if _CLoader is not None:
    _CLoader.yaml_implicit_resolvers = _NO_TIMESTAMPS


class Lines(dict):
    """path -> line of every value of a YAML text, and (``raw``) the text
    each scalar was written as, so that a message quotes ``012`` as the
    author wrote it rather than the 10 YAML 1.1 reads it as."""

    def __init__(self):
        super().__init__()
        self.raw: dict = {}


def _walk(node: yaml.Node, path: Path_, lines: dict, report: Report, file: str, offset: int) -> None:
    lines[path] = node.start_mark.line + offset
    if isinstance(node, yaml.ScalarNode) and isinstance(lines, Lines):
        lines.raw[path] = node.value
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + offset
            if key in seen:
                report.error(
                    "khóa-trùng",
                    f'trường "{key}" được khai báo hai lần (lần đầu ở dòng {seen[key]}); YAML sẽ âm thầm bỏ giá trị đầu.',
                    Source(file, line),
                    "xóa một trong hai dòng.",
                )
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, report, file, offset)
            lines[path + (key,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, report, file, offset)


def line_of(lines: dict, path: Path_, default: int) -> int:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), default)


def _load_with(loader_class, text: str):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (None if node is None else loader.construct_document(node))
    finally:
        loader.dispose()


def _load(text: str):
    """-> (node tree, data); a YAMLError as the pure-Python parser raises it."""
    # A tab is the one difference found between the parsers on text both
    # accept: libyaml reads "Về\tcông tác" as one value, PyYAML stops at the
    # tab (and the message says so).  Such text goes to PyYAML directly.
    if _CLoader is not None and "\t" not in text:
        try:
            return _load_with(_CLoader, text)
        except Exception:  # noqa: BLE001 - a YAML error, or text libyaml cannot take (a lone surrogate)
            pass  # read again below: the pure parser's result or error, as before
    return _load_with(_Loader, text)




def _refused_construct(text: str, loader_class) -> tuple[int, str, str] | None:
    """An alias (``*name``) or an explicit tag (``!!binary``) in ``text``:
    (0-based line, what, fix).  No clerk needs either; an alias lets 857
    bytes stand for a tree of billions of nodes (an "alias bomb"), a tag
    turns a value into bytes, sets or pairs no field can hold."""
    if "*" not in text and "!" not in text:
        return None  # the common case: neither can occur
    depth = 0
    for event in yaml.parse(text, Loader=loader_class):
        if isinstance(event, yaml.AliasEvent):
            return (
                event.start_mark.line,
                f"có bí danh YAML \"*{event.anchor}\" (giá trị lấy lại từ nhãn &{event.anchor}); bí danh không được dùng",
                "viết đầy đủ giá trị ở mỗi chỗ cần; nếu giá trị bắt đầu bằng '*' hoặc '&', đặt cả giá trị trong ngoặc kép.",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            return event.start_mark.line, *_problem("could not determine a constructor for the tag")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line, *_TOO_DEEP
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _depth(node: yaml.Node) -> int:
    """How deep the node tree goes, without recursion."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return deepest


def parse_front_matter(
    text: str, file: str, first_line: int, report: Report, what: str = "phần đầu tệp (YAML)"
) -> tuple[dict | None, dict]:
    """YAML text (starting at ``first_line`` of ``file``) -> (data, path->line).

    ``what`` names the text in messages: a plan's front matter, or a registry.
    """
    offset = first_line

    def refuse(line: int, problem: str, hint: str) -> tuple[None, dict]:
        report.error("cú-pháp-yaml", f"{what} không đọc được: {problem}.", Source(file, line + offset), hint)
        return None, {}

    try:
        node, data = _load(text)
    except yaml.YAMLError as exc:
        return refuse(*_syntax_error(exc, text.split("\n")))
    except RecursionError:  # the pure-Python parser on brackets nested thousands deep
        return refuse(0, *_TOO_DEEP)
    try:
        refused = _refused_construct(text, _CLoader or _Loader)
    except yaml.YAMLError:  # libyaml reads what the pure parser accepted differently
        refused = _refused_construct(text, _Loader)
    if refused is not None:
        return refuse(*refused)
    if node is not None and _depth(node) > MAX_DEPTH:
        return refuse(node.start_mark.line, *_TOO_DEEP)
    lines = Lines()
    if node is not None:
        _walk(node, (), lines, report, file, offset)
        _merged_list_items(node, text.split("\n"), report, file, offset)
    if not isinstance(data, dict):
        report.error(
            "front-matter",
            "phần đầu tệp phải là các dòng 'tên_trường: giá trị'.",
            Source(file, first_line),
            "xem mẫu trong Hướng dẫn soạn thảo.",
        )
        return None, lines
    return data, lines


def _merged_list_items(node: yaml.Node, lines: list[str], report: Report, file: str, offset: int) -> None:
    """A '- ' item indented deeper than the one above it is read as the
    continuation of that item's text ("a - b"): YAML accepts it, the list
    silently loses an item.  Report it.  (A plain scalar's style is None
    from the pure parser, "" from libyaml.)"""
    if isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            _merged_list_items(value, lines, report, file, offset)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _merged_list_items(item, lines, report, file, offset)
    elif isinstance(node, yaml.ScalarNode) and not node.style and node.end_mark.line > node.start_mark.line:
        for index in range(node.start_mark.line + 1, min(node.end_mark.line, len(lines) - 1) + 1):
            if lines[index].lstrip().startswith("- "):
                report.error(
                    "cú-pháp-yaml",
                    f"mục danh sách '- ' ở dòng này thụt lề sâu hơn mục ở dòng {node.start_mark.line + offset} "
                    f"nên bị nối vào mục đó thành \"{node.value}\".",
                    Source(file, index + offset),
                    "thụt lề mọi mục '- ' của cùng một danh sách bằng cùng số dấu cách.",
                )
                break
