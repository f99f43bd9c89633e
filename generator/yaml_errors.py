"""What PyYAML's errors mean, in Vietnamese, with the fix: the wording of
every YAML syntax message of front matter, registries and progress files."""

from __future__ import annotations

import re

import yaml

# Deeper than any front matter or registry is written (a registry entry's
# aliases sit at depth 5); the pure-Python parser and the walks of
# yaml_lines.py recurse.
MAX_DEPTH = 32

_TOO_DEEP = (
    f"các nhóm, danh sách lồng nhau quá {MAX_DEPTH} cấp",
    "viết mỗi trường một dòng 'tên_trường: giá trị' theo mẫu; kiểm tra các dấu '[' và '{' thừa.",
)


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
