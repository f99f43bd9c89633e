"""A plan's front matter checked against its schema: field names, dates and
every schema message in Vietnamese, on the line that caused it.  The YAML
itself is read with line numbers by yaml_lines.py, whose reader and line map
are used through this module (``fm.parse_front_matter``, ``fm.line_of``).
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

from .diagnostics import Report
from .model import Source
from .yaml_lines import Lines, Path_, line_of, parse_front_matter  # noqa: F401  (read as fm.*)

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
