"""Reading and validating a plan's YAML front matter, keeping line numbers.

PyYAML's ``safe_load`` loses positions, silently keeps the last of duplicate
keys and turns impossible dates into exceptions; this module composes the
node tree itself so every message can name the line that caused it.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from datetime import date
from functools import cache
from importlib import resources

import jsonschema
import yaml

from .diagnostics import Report
from .model import Source

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

_FIELD_NAMES = {
    "id": "id (mã định danh)",
    "type": "type (loại văn bản)",
    "number": "number (số và ký hiệu)",
    "number_note": "number_note (lý do không có số)",
    "date": "date (ngày ban hành)",
    "date_note": "date_note (lý do không có ngày)",
    "organisation": "organisation (tổ chức)",
    "issuer": "issuer (cơ quan ban hành)",
    "title": "title (trích yếu)",
    "signer": "signer (người ký)",
    "recipients": "recipients (nơi nhận)",
    "bases": "bases (căn cứ)",
    "supersedes": "supersedes (văn bản được thay thế)",
    "relation": "relation (quan hệ)",
    "document": "document (số hiệu văn bản)",
}

_TYPE_NAMES = {
    "string": "chuỗi văn bản",
    "null": "null (để trống)",
    "array": "danh sách (mỗi dòng bắt đầu bằng '- ')",
    "object": "nhóm trường (các dòng thụt lề bên dưới)",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true/false",
}


@cache
def plan_schema() -> dict:
    text = resources.files("generator").joinpath("schema/plan.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


# Nested fields whose bare key would mislead ("received.date" is not the
# plan's date), and what the items of a list are.
_NESTED_NAMES = {
    ("bases", "relation"): "relation (quan hệ)",
    ("bases", "document"): "document (số hiệu văn bản)",
    ("bases", "date"): "date (ngày của văn bản căn cứ)",
    ("supersedes", "document"): "document (số hiệu văn bản)",
    ("supersedes", "date"): "date (ngày của văn bản được thay thế)",
    ("received", "date"): "date (ngày đến trên dấu ĐẾN)",
    ("signer", "name"): "name (họ tên người ký)",
    ("signer", "title"): "title (chức vụ người ký)",
}
_ITEM_NAMES = {
    "bases": "căn cứ",
    "supersedes": "văn bản được thay thế",
    "recipients": "nơi nhận",
    "editorial_notes": "ghi chú biên tập",
    "issuer_lines": "dòng tên cơ quan",
    "heading_lines": "dòng tên loại văn bản",
}


def _field(path: Path_) -> str:
    if not path:
        return "phần đầu tệp"
    if len(path) == 1:
        return _FIELD_NAMES.get(path[0], str(path[0]))
    dotted = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")
    if isinstance(path[-1], int):
        what = _ITEM_NAMES.get(path[-2]) if isinstance(path[-2], str) else None
        return f"{dotted} — {what} thứ {path[-1] + 1}" if what else dotted
    return f"{dotted} — {_NESTED_NAMES.get((path[0], path[-1]), path[-1])}"


_INVISIBLE_NAMES = {
    0x00A0: "dấu cách không ngắt dòng",
    0x00AD: "dấu gạch nối mềm",
    0x200B: "dấu cách độ rộng 0",
    0x200C: "ký tự ngắt nối độ rộng 0",
    0x200D: "ký tự nối độ rộng 0",
    0x2060: "ký tự nối từ",
    0xFEFF: "dấu BOM",
}


def _invisible(ch: str) -> bool:
    return ch != " " and unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp")


def visible(text: str) -> str:
    """``text`` with its invisible characters written out: "a<U+200B>"."""
    return "".join(f"<U+{ord(ch):04X}>" if _invisible(ch) else ch for ch in text)


def invisible_names(text: str) -> str:
    found = dict.fromkeys(ch for ch in text if _invisible(ch))
    return ", ".join(f"U+{ord(ch):04X}" + (f" ({_INVISIBLE_NAMES[ord(ch)]})" if ord(ch) in _INVISIBLE_NAMES else "") for ch in found)


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


# Deeper than any front matter or registry is written (a registry entry's
# aliases sit at depth 5); the pure-Python parser and the walks below recurse.
MAX_DEPTH = 32


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


_TOO_DEEP = (
    f"các nhóm, danh sách lồng nhau quá {MAX_DEPTH} cấp",
    "viết mỗi trường một dòng 'tên_trường: giá trị' theo mẫu; kiểm tra các dấu '[' và '{' thừa.",
)


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


_GENERIC_HINT = (
    "kiểm tra dấu hai chấm sau tên trường, thụt lề bằng dấu cách (không dùng Tab) "
    "và đặt giá trị có dấu ':' hoặc '#' trong ngoặc kép."
)
_QUOTE_HINT = "đặt cả giá trị trong ngoặc kép, ví dụ: title: \"...\"."

# PyYAML's problem (start of the text) -> what it means here, and the fix
# (None: the general one).
_PROBLEMS = (
    ("mapping values are not allowed here", "có dấu ':' ở chỗ không được phép (thường do giá trị chứa ':' mà không đặt trong ngoặc kép)", None),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường", None),
    ("found character '\\t' that cannot start any token", "có ký tự Tab", None),
    ("found undefined alias", "giá trị bắt đầu bằng '*' bị hiểu là bí danh YAML", _QUOTE_HINT),
    ("expected <block end>, but found '<block sequence start>'", "mục danh sách '- ' thụt lề không thẳng hàng với các mục trên", "thụt lề mọi mục '- ' của cùng một danh sách bằng cùng số dấu cách."),
    ("expected <block end>, but found '-'", "thụt lề của danh sách không thẳng hàng", None),
    ("found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)", None),
    ("found unknown escape character", "có ký tự thoát '\\' không hợp lệ trong ngoặc kép", "trong ngoặc kép viết '\\\\' cho một dấu '\\', hoặc dùng ngoặc đơn '...'."),
    ("expected ',' or ']'", "danh sách viết trong '[...]' thiếu dấu ']' đóng", "đóng danh sách bằng ']' trên cùng dòng, hoặc viết mỗi mục một dòng bắt đầu bằng '- '."),
    ("expected ',' or '}'", "nhóm viết trong '{...}' thiếu dấu '}' đóng", _QUOTE_HINT),
    ("could not determine a constructor for the tag", "giá trị bắt đầu bằng '!' bị hiểu là thẻ YAML", _QUOTE_HINT),
    ("found duplicate anchor", "giá trị bắt đầu bằng '&' bị hiểu là nhãn YAML", _QUOTE_HINT),
    ("found unhashable key", "tên trường là một danh sách hoặc nhóm (viết trong '[...]' hoặc '{...}', hay sau '? ')", "tên trường chỉ là chữ: viết 'tên_trường: giá trị'; giá trị có '[', '{' hoặc '?' ở đầu đặt trong ngoặc kép."),
    ("exceeded maximum nesting depth", _TOO_DEEP[0], _TOO_DEEP[1]),
    ("but found another document", "có nhiều hơn một phần YAML (dòng '---' hoặc '...' ở giữa)", "xóa dòng '---' hoặc '...' thừa."),
)
_RESERVED_START = re.compile(r"found character '([%@`])' that cannot start any token")


def _problem(problem: str) -> tuple[str, str]:
    for english, vietnamese, hint in _PROBLEMS:
        if problem.startswith(english):
            return vietnamese, hint or _GENERIC_HINT
    if m := _RESERVED_START.match(problem):
        return f"giá trị không được bắt đầu bằng '{m.group(1)}' nếu không đặt trong ngoặc kép", _QUOTE_HINT
    if problem.startswith("expected <block end>"):
        return "thụt lề không thẳng hàng", _GENERIC_HINT
    if problem.startswith("unacceptable character"):
        return "có ký tự điều khiển không nhìn thấy được", "xóa ký tự đó."
    # Never PyYAML's English: what it found wrong is told by the line.
    return "cú pháp YAML không hợp lệ ở dòng này", _GENERIC_HINT


_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[A-Za-z_][A-Za-z0-9_]*\s*:\s+)?(["'])(.*)$""")
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*\s*:(.*)$")


def _unclosed_quote(lines: list[str], upto: int) -> int | None:
    """The last line before ``upto`` whose value opens a quote it does not close."""
    for index in range(min(upto, len(lines) - 1), -1, -1):
        m = _OPENS_QUOTE.match(lines[index])
        if not m:
            continue
        quote, rest = m.group(1), m.group(2)
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return index
    return None


def _syntax_error(exc: yaml.YAMLError, lines: list[str]) -> tuple[int, str, str]:
    """-> (0-based line, what is wrong, how to fix it) for a YAML error,
    pointing at the line the author has to change when that can be told."""
    if isinstance(exc, yaml.reader.ReaderError):
        text = "\n".join(lines)
        return text[: exc.position].count("\n"), *_problem("unacceptable character")
    if isinstance(exc, yaml.constructor.ConstructorError) and not (exc.problem or "").startswith("found unhashable key"):
        # a tag's value that cannot be built (!!binary of text, !!int of letters)
        mark = exc.problem_mark or exc.context_mark
        return (mark.line if mark else 0), *_problem("could not determine a constructor for the tag")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line if mark else 0
    problem = (getattr(exc, "problem", None) or getattr(exc, "context", None) or "cú pháp không hợp lệ").strip()
    context = (getattr(exc, "context", None) or "").strip()
    if problem.startswith("exceeded maximum nesting depth"):
        return line, *_TOO_DEEP
    if context.startswith("while scanning an alias"):
        return line, *_problem("found undefined alias")
    if context.startswith("while scanning an anchor"):
        return line, *_problem("found duplicate anchor")
    if context.startswith("while scanning a tag"):
        return line, *_problem("could not determine a constructor for the tag")
    if problem.startswith("could not find expected ':'") and getattr(exc, "context_mark", None):
        start = exc.context_mark.line
        if start < len(lines) and re.match(r"\s*-[^\s-]", lines[start]):
            return start, "mục danh sách thiếu dấu cách sau '-'", "viết '- ' (gạch ngang rồi một dấu cách) ở đầu mỗi mục."
        return start, "thiếu dấu ':' sau tên trường", "viết 'tên_trường: giá trị'."
    # A quote left open swallows the lines after it; the error shows up where
    # the text ends or where a later quote closes it by accident.
    if context.startswith("while scanning a quoted scalar") or problem.startswith(("found unexpected end of stream", "expected <block end>, but found '<scalar>'")):
        opened = _unclosed_quote(lines, line)
        if opened is not None:
            return (
                opened,
                "ngoặc kép mở ở dòng này không được đóng",
                "thêm dấu ngoặc kép đóng ở cuối giá trị; ngoặc kép bên trong giá trị viết thành ngoặc đơn '...' hoặc “...”.",
            )
    if problem.startswith("mapping values are not allowed here") and 0 < line < len(lines):
        previous = next((i for i in range(line - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
        if previous is not None:
            prev = lines[previous]
            here = len(lines[line]) - len(lines[line].lstrip(" "))
            if ":" not in prev and here == 0 and re.match(r"[A-Za-z_][A-Za-z0-9_]*(\s|$)", prev):
                return previous, "thiếu dấu ':' sau tên trường", "viết 'tên_trường: giá trị'."
            m = _KEY_LINE.match(prev)
            if m and m.group(2).strip() and here > len(m.group(1)):
                return (
                    line,
                    "dòng này thụt lề sâu hơn trường ở dòng trên, mà trường đó đã có giá trị",
                    "bỏ bớt dấu cách đầu dòng cho thẳng hàng với các trường khác.",
                )
    return line, *_problem(problem)


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


_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_iso_date(value: object, path: Path_, lines: dict, file: str, report: Report) -> date | None:
    if value is None or isinstance(value, (list, dict)):
        return None  # a list or a group is a type error, reported by validate()
    line = line_of(lines, path, 1)
    match = _DATE_RE.match(str(value))
    if not match:
        report.error(
            "ngày-không-hợp-lệ",
            f'{_field(path)}: "{value}" không phải ngày dạng NĂM-THÁNG-NGÀY.',
            Source(file, line),
            "viết ví dụ 2022-12-22 cho ngày 22/12/2022, hoặc null nếu văn bản không ghi ngày.",
        )
        return None
    year, month, day = (int(g) for g in match.groups())
    if year == 0:
        report.error(
            "ngày-không-hợp-lệ",
            f'{_field(path)}: "{value}" có năm 0000, không tồn tại.',
            Source(file, line),
            "kiểm tra lại năm trong văn bản gốc; nếu văn bản không ghi ngày, viết null và nêu lý do.",
        )
        return None
    if not 1 <= month <= 12:
        report.error(
            "ngày-không-hợp-lệ",
            f'{_field(path)}: "{value}" có tháng {month:02d}; tháng chỉ từ 01 đến 12.',
            Source(file, line),
            "viết theo thứ tự NĂM-THÁNG-NGÀY: ngày 1/12/2023 là 2023-12-01 (có thể đã đảo ngày và tháng).",
        )
        return None
    try:
        return date(year, month, day)
    except ValueError:
        report.error(
            "ngày-không-hợp-lệ",
            f'{_field(path)}: ngày {day:02d}/{month:02d}/{year} không tồn tại.',
            Source(file, line),
            "kiểm tra lại ngày và tháng trong văn bản gốc.",
        )
        return None


def validate(data: dict, lines: dict, file: str, first_line: int, report: Report) -> bool:
    """Check ``data`` against the plan schema; report every problem in Vietnamese."""
    validator = jsonschema.Draft202012Validator(plan_schema())
    ok = True
    for error in sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        ok = False
        path = tuple(error.absolute_path)
        if path and path[-1] == "date" and (error.validator == "pattern" or (error.validator == "type" and not isinstance(error.instance, (list, dict)))):
            continue  # parse_iso_date reports dates, "20221222" and the impossible ones too
        if error.validator in ("additionalProperties", "unevaluatedProperties"):
            _unknown_fields(error, path, lines, file, first_line, report)
            continue
        line = line_of(lines, path, first_line)
        code, message, hint = _describe(error, path, data, getattr(lines, "raw", {}))
        report.error(code, message, Source(file, line), hint)
    return ok


def _allowed_fields(path: Path_) -> list[str]:
    schema = plan_schema()
    if not path:
        return list(schema["properties"])
    if path[0] in ("bases", "supersedes") and len(path) == 2:
        fields = list(schema["$defs"]["documentFields"]["properties"])
        return fields + ["relation"] if path[0] == "bases" else fields
    if len(path) == 1 and path[0] in schema["properties"]:
        return list(schema["properties"][path[0]].get("properties", {}))
    return []


def _unknown_fields(error, path: Path_, lines: dict, file: str, first_line: int, report: Report) -> None:
    """One message per unknown field, on its own line, with the field it
    was probably meant to be."""
    if not isinstance(error.instance, dict):
        return
    allowed = _allowed_fields(path)
    evaluated = set(allowed) if error.validator == "unevaluatedProperties" else set(error.schema.get("properties", {}))
    for name in error.instance:
        if name in evaluated:
            continue
        line = line_of(lines, path + (name,), first_line)
        if path and path[0] == "supersedes" and name == "relation":
            hint = "văn bản được thay thế không có relation; xóa dòng này."
        elif guess := difflib.get_close_matches(name, allowed, n=1, cutoff=0.7):
            hint = f'có phải "{guess[0]}"? Nếu không, xóa dòng này (xem danh sách trường trong Hướng dẫn soạn thảo).'
        else:
            hint = "kiểm tra chính tả tên trường (xem danh sách trường trong Hướng dẫn soạn thảo) hoặc xóa dòng đó."
        report.error("trường-lạ", f'{_field(path)}: có trường không được hỗ trợ "{name}".', Source(file, line), hint)


def _describe(error: jsonschema.ValidationError, path: Path_, data: dict, raw: dict | None = None) -> tuple[str, str, str]:
    kind = error.validator
    where = _field(path)
    written = (raw or {}).get(path)
    if written is not None and not isinstance(error.instance, (str, list, dict)) and error.instance is not None:
        # as the author wrote it: 012 (YAML 1.1 reads it as 10), 1e3, yes
        error.instance = _Written(written)
    if kind == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else "?"
        target = _field(path + (name,))
        if name in ("number_note", "date_note"):
            what = "số" if name == "number_note" else "ngày"
            return (
                "thiếu-trường",
                f"thiếu trường {target}: khi văn bản không ghi {what} phải nói lý do.",
                f'thêm dòng {name}: "không ghi trong văn bản".',
            )
        return ("thiếu-trường", f"thiếu trường bắt buộc {target}.", f"thêm dòng '{name}: ...' vào phần đầu tệp.")
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " hoặc ".join(_TYPE_NAMES.get(t, t) for t in expected)
        return (
            "sai-kiểu",
            f"{where}: giá trị {_show(error.instance)} phải là {wanted}.",
            "sửa giá trị theo mẫu trong Hướng dẫn soạn thảo (chuỗi có dấu ':' đặt trong ngoặc kép).",
        )
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        return (
            "giá-trị-không-hợp-lệ",
            f"{where}: giá trị {_show(error.instance)} không hợp lệ.",
            f"chọn một trong: {choices}.",
        )
    if kind == "pattern":
        if path and path[-1] == "id" and any(_invisible(ch) for ch in str(error.instance)):
            return (
                "id-không-hợp-lệ",
                f'{where}: "{visible(error.instance)}" có ký tự không nhìn thấy {invisible_names(error.instance)}.',
                "xóa id rồi gõ lại bằng bàn phím: chỉ chữ thường không dấu, chữ số và dấu gạch nối "
                "(ký tự này thường lẫn vào khi sao chép từ Word hoặc trang web).",
            )
        if path and path[-1] == "id":
            return (
                "id-không-hợp-lệ",
                f"{where}: {_show(error.instance)} phải gồm chữ thường không dấu, chữ số và dấu gạch nối.",
                "ví dụ: di-linh-90-kh-hu.",
            )
        return (
            "ngày-không-hợp-lệ",
            f'{where}: "{error.instance}" không phải ngày dạng NĂM-THÁNG-NGÀY.',
            "viết ví dụ 2022-12-22 cho ngày 22/12/2022, hoặc null nếu văn bản không ghi ngày.",
        )
    if kind == "minLength":
        return ("giá-trị-rỗng", f"{where}: không được để trống.", "điền giá trị, hoặc null nếu trường cho phép.")
    if kind == "anyOf":
        return ("thiếu-trường", f"{where}: cần ít nhất số hiệu (document) hoặc tên (title) của văn bản.", "thêm dòng document: hoặc title:.")
    return ("giá-trị-không-hợp-lệ", f"{where}: {error.message}", "xem Hướng dẫn soạn thảo.")


class _Written(str):
    """A number or true/false as the author typed it, shown without quotes."""


def _show(value: object) -> str:
    if isinstance(value, _Written):
        return str.__str__(value)
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, dict)):
        return "danh sách" if isinstance(value, list) else "nhóm trường"
    return str(value)
