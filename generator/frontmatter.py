"""Reading and validating a plan's YAML front matter, keeping line numbers.

PyYAML's ``safe_load`` loses positions, silently keeps the last of duplicate
keys and turns impossible dates into exceptions; this module composes the
node tree itself so every message can name the line that caused it.
"""

from __future__ import annotations

import json
import re
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


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

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


def _field(path: Path_) -> str:
    names = [str(p) if isinstance(p, int) else p for p in path]
    if not names:
        return "phần đầu tệp"
    last = [p for p in path if not isinstance(p, int)]
    # Friendly names are for top-level fields and the fields of bases/supersedes
    # items; a nested "date" (received.date) is not the plan's date.
    known = len(path) == 1 or (path[0] in ("bases", "supersedes") and last[-1] in ("relation", "document"))
    pretty = _FIELD_NAMES.get(last[-1], last[-1]) if last and known else (last[-1] if last else names[-1])
    dotted = ".".join(f"[{p}]" if isinstance(p, int) else p for p in path).replace(".[", "[")
    return pretty if dotted == last[-1] else f"{dotted} — {pretty}" if last else dotted


def _walk(node: yaml.Node, path: Path_, lines: dict, report: Report, file: str, offset: int) -> None:
    lines[path] = node.start_mark.line + offset
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


def parse_front_matter(text: str, file: str, first_line: int, report: Report) -> tuple[dict | None, dict]:
    """YAML text (starting at ``first_line`` of ``file``) -> (data, path->line)."""
    offset = first_line
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                data = None
            else:
                data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + offset) if mark else first_line
        problem = (exc.problem or exc.context or "cú pháp không hợp lệ").strip()
        report.error(
            "cú-pháp-yaml",
            f"phần đầu tệp (YAML) không đọc được: {_translate_yaml_problem(problem)}.",
            Source(file, line),
            "kiểm tra dấu hai chấm sau tên trường, thụt lề bằng dấu cách (không dùng Tab) "
            "và đặt giá trị có dấu ':' hoặc '#' trong ngoặc kép.",
        )
        return None, {}
    lines: dict = {}
    if node is not None:
        _walk(node, (), lines, report, file, offset)
    if not isinstance(data, dict):
        report.error(
            "front-matter",
            "phần đầu tệp phải là các dòng 'tên_trường: giá trị'.",
            Source(file, first_line),
            "xem mẫu trong Hướng dẫn soạn thảo.",
        )
        return None, lines
    return data, lines


def _translate_yaml_problem(problem: str) -> str:
    table = {
        "mapping values are not allowed here": "có dấu ':' ở chỗ không được phép (thường do giá trị chứa ':' mà không đặt trong ngoặc kép)",
        "could not find expected ':'": "thiếu dấu ':' sau tên trường",
        "found character '\\t' that cannot start any token": "có ký tự Tab",
        "found undefined alias": "có bí danh (*) không xác định",
        "expected <block end>, but found '-'": "thụt lề của danh sách không thẳng hàng",
        "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)",
        "found unknown escape character": "có ký tự thoát '\\' không hợp lệ trong ngoặc kép",
    }
    for english, vietnamese in table.items():
        if problem.startswith(english):
            return vietnamese
    if problem.startswith("expected <block end>"):
        return "thụt lề không thẳng hàng"
    return problem


_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_iso_date(value: object, path: Path_, lines: dict, file: str, report: Report) -> date | None:
    if value is None:
        return None
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
        if error.validator == "pattern" and error.absolute_path and error.absolute_path[-1] == "date":
            continue  # parse_iso_date reports dates, with the impossible ones too
        path = tuple(error.absolute_path)
        line = line_of(lines, path, first_line)
        code, message, hint = _describe(error, path, data)
        report.error(code, message, Source(file, line), hint)
    return ok


def _describe(error: jsonschema.ValidationError, path: Path_, data: dict) -> tuple[str, str, str]:
    kind = error.validator
    where = _field(path)
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
    if kind in ("additionalProperties", "unevaluatedProperties"):
        extra = re.findall(r"'([^']+)'", error.message.split("(")[-1])
        names = ", ".join(f'"{n}"' for n in extra)
        return (
            "trường-lạ",
            f"{where}: có trường không được hỗ trợ {names}.",
            "kiểm tra chính tả tên trường (xem danh sách trường trong Hướng dẫn soạn thảo) hoặc xóa dòng đó.",
        )
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


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, dict)):
        return "danh sách" if isinstance(value, list) else "nhóm trường"
    return str(value)
