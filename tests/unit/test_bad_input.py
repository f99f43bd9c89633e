"""Bad input, one case at a time, through ``kehoach check``.

Every case states the exact Vietnamese messages (file, line, what is wrong,
how to fix it) and the outcome: an error makes ``kehoach check`` exit 1; a
warning lets it exit 0 but makes ``kehoach check --strict`` exit 1; a good
file gives no message at all.

Legacy encodings are produced here with converters written from the
published code tables (TCVN 5712:1993 VN3 for TCVN3/ABC, the VNI Windows
table, Python's cp1258 codec), independently of ``generator/encoding.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import encoding
from generator.cli import main
from generator.diagnostics import Report
from generator.encoding import MAX_FILE_BYTES
from generator.load import load_corpus
from tests.conftest import ROOT

GOOD = """\
---
id: ke-hoach-mau
type: ke-hoach
number: "12-KH/TU"
date: 2023-03-15
organisation: lam-dong
issuer: Ban Thường vụ Tỉnh ủy
title: Về tăng cường công tác kiểm tra, giám sát
signer:
  name: Nguyễn Văn A
  title: BÍ THƯ
  on_behalf: "T/M BAN THƯỜNG VỤ"
recipients:
  - Lưu Văn phòng Tỉnh ủy.
---

## I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao chất lượng công tác kiểm tra.

## II. NHIỆM VỤ CỤ THỂ

### 1. Ban Tổ chức Tỉnh ủy

- Chủ trì hướng dẫn quy trình (quý I/2024).
"""

# Checks that live outside the loader (pipeline, citation index, documents
# registry) are applied; these stay as named hooks for marks on future cases.
NEEDS_PIPELINE_PATCH = ()
NEEDS_CITATION_PATCH = ()
NEEDS_DOCUMENTS_PATCH = ()

F = "content/ke-hoach-mau.md"
YAML_HINT = (
    "kiểm tra dấu hai chấm sau tên trường, thụt lề bằng dấu cách (không dùng Tab) "
    "và đặt giá trị có dấu ':' hoặc '#' trong ngoặc kép."
)
QUOTE_HINT = 'đặt cả giá trị trong ngoặc kép, ví dụ: title: "...".'
DATE_FORMAT_HINT = "viết ví dụ 2022-12-22 cho ngày 22/12/2022, hoặc null nếu văn bản không ghi ngày."
TYPE_HINT = "sửa giá trị theo mẫu trong Hướng dẫn soạn thảo (chuỗi có dấu ':' đặt trong ngoặc kép)."
FIELD_HINT = "kiểm tra chính tả tên trường (xem danh sách trường trong Hướng dẫn soạn thảo) hoặc xóa dòng đó."
CONTROL_HINT = (
    "xóa ký tự đó (thường lẫn vào khi dán từ Word hoặc PDF); trong Notepad++ chọn View → Show Symbol → "
    "Show All Characters để thấy nó."
)
BINARY_HINT = (
    "chỉ đặt tệp văn bản thuần .md trong content/; nếu đây là văn bản gốc, chép nội dung sang một tệp .md "
    "theo Hướng dẫn soạn thảo."
)
SKIPPED = "tệp không phải .md bị bỏ qua."


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- legacy code tables (for the characters Vietnamese uses) -------------------------

# TCVN3 (ABC), TCVN 5712:1993 table VN3: one byte per lower-case letter; the
# capitals with a tone are typed in the ".VnTimeH" fonts with the same bytes.
_TCVN3 = dict(
    zip(
        "ăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĂÂÊÔƠƯĐ",
        b"\xa8\xa9\xaa\xab\xac\xad\xae\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xc6\xc7\xc8\xc9\xca\xcb"
        b"\xcc\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xdc\xdd\xde\xdf\xe1\xe2\xe3\xe4\xe5\xe6"
        b"\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd"
        b"\xfe\xa1\xa2\xa3\xa4\xa5\xa6\xa7",
    )
)


def to_tcvn3(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ord(ch))
        else:
            out.append(_TCVN3[ch] if ch in _TCVN3 else _TCVN3[ch.lower()])
    return bytes(out)


# VNI Windows: the base letter, then one byte for its marks (lower, upper case).
_TONE_ORDER = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
_VNI_MARKS = {
    "": ((None, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF), (None, 0xD9, 0xD8, 0xDB, 0xD5, 0xCF)),
    "\u0302": ((0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4), (0xC2, 0xC1, 0xC0, 0xC5, 0xC3, 0xC4)),  # â ê ô
    "\u0306": ((0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB), (0xCA, 0xC9, 0xC8, 0xDA, 0xDC, 0xCB)),  # ă
}
_VNI_LETTERS = {"ơ": 0xF4, "Ơ": 0xD4, "ư": 0xF6, "Ư": 0xD6, "đ": 0xF1, "Đ": 0xD1}
_VNI_I = {"i": (0xED, 0xEC, 0xE6, 0xF3, 0xF2), "I": (0xCD, 0xCC, 0xC6, 0xD3, 0xD2)}  # í ì ỉ ĩ ị
_VNI_Y_DOT = {"y": 0xEE, "Y": 0xCE}  # ỵ


def to_vni(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ord(ch))
            continue
        if ch in _VNI_LETTERS:
            out.append(_VNI_LETTERS[ch])
            continue
        base, *marks = unicodedata.normalize("NFD", ch)
        tone = next((m for m in marks if m in _TONE_ORDER[1:]), "")
        shape = next((m for m in marks if m in ("\u0302", "\u0306")), "")
        if "\u031b" in marks:  # ơ ư with a tone: the letter byte, then the tone
            out.append(_VNI_LETTERS[unicodedata.normalize("NFC", base + "\u031b")])
            shape = ""
        elif base in _VNI_I:
            out.append(_VNI_I[base][_TONE_ORDER.index(tone) - 1])
            continue
        elif base in _VNI_Y_DOT and tone == "\u0323":
            out.append(_VNI_Y_DOT[base])
            continue
        else:
            out.append(ord(base))
        out.append(_VNI_MARKS[shape][base.isupper()][_TONE_ORDER.index(tone)])
    return bytes(out)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word wrote it: letters with their own marks
    precomposed where the table has them, tone marks as combining bytes."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = next(c for c in decomposed if c in _TONE_ORDER[1:])
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def test_converters_reproduce_the_examples_of_the_author_guide():
    # pages/huong-dan/soan-thao.md shows "Hà Nội" in the two font families.
    assert to_tcvn3("Hà Nội").decode("latin-1") == "Hµ Néi"
    assert to_vni("Hà Nội").decode("cp1252") == "Haø Noäi"
    assert to_tcvn3("Kế hoạch").decode("latin-1") == "KÕ ho¹ch"
    assert to_vni("Kế hoạch").decode("cp1252") == "Keá hoaïch"
    assert to_vni("Đảng ủy Quyết định nghị") == b"\xd1a\xfbng u\xfby Quye\xe1t \xf1\xf2nh ngh\xf2"


@pytest.mark.parametrize("convert,name", [(to_tcvn3, encoding.TCVN3), (to_vni, encoding.VNI), (to_cp1258, encoding.CP1258)])
def test_detect_and_decode_each_legacy_table(convert, name):
    data = convert(GOOD)
    assert encoding.detect_legacy_encoding(data) == name
    # TCVN3 has no codes for capitals with a tone: they come back lower case.
    meant = "".join(ch if ch.isascii() or ch in _TCVN3 else ch.lower() for ch in GOOD) if name == encoding.TCVN3 else GOOD
    assert encoding.decode(data, name) == meant


def test_utf8_and_foreign_text_are_not_called_legacy():
    assert encoding.detect_legacy_encoding(GOOD.encode("utf-8")) is None
    assert encoding.detect_legacy_encoding("Le café naïve à Noël, Müller".encode("latin-1")) is None
    assert encoding.find_mojibake(GOOD) is None
    assert encoding.find_mojibake("Café naïve, Noël, Müller, São Paulo, 25 m², 30 °C, «Kế hoạch»") is None


# --- running kehoach check -------------------------------------------------------------


@dataclass
class Case:
    id: str
    files: dict  # path under content/ -> str (UTF-8) | bytes | callable(Path) making it
    expected: list  # exact messages, in the order check prints them; "{tmp}" is the project folder
    outcome: str  # "error" | "warning" | "ok"
    registry: str | None = "default"  # agencies.yml text; None: no registry
    marks: tuple = field(default_factory=tuple)


def write(project: Path, files: dict, registry: str | None) -> None:
    content = project / "content"
    content.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if registry == "default":
        shutil.copy(ROOT / "content" / "agencies.yml", content / "agencies.yml")
    elif registry is not None:
        (content / "agencies.yml").write_text(registry, encoding="utf-8")
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(data):
            data(path)
        elif isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")


DIAGNOSTIC = re.compile(r"^(?:.+?:\d+: )?(?:lỗi|cảnh báo)\[")


def check(project: Path, *options: str):
    result = CliRunner().invoke(main, ["check", *options, "-f", str(project / "mkdocs.yml")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert any(line.startswith("Tổng cộng: ") for line in lines)
    return [line for line in lines if DIAGNOSTIC.match(line)], result.exit_code


def assert_outcome(project: Path, expected: list, outcome: str) -> None:
    messages, code = check(project)
    assert messages == [m.replace("{tmp}", str(project)) for m in expected]
    if outcome == "error":
        assert code == 1
    elif outcome == "warning":
        assert code == 0
        assert check(project, "--strict")[1] == 1
    else:
        assert (code, messages) == (0, [])
        assert check(project, "--strict")[1] == 0


CASES: list[Case] = []


def case(id, files, expected, outcome, **kw):
    if isinstance(files, str | bytes):
        files = {"ke-hoach-mau.md": files}
    CASES.append(Case(id, files, expected, outcome, **kw))



def yaml_error(line: int, problem: str, hint: str = YAML_HINT) -> str:
    return f"{F}:{line}: lỗi[cú-pháp-yaml]: phần đầu tệp (YAML) không đọc được: {problem}. Cách sửa: {hint}"


UNCLOSED = "ngoặc kép mở ở dòng này không được đóng"
UNCLOSED_HINT = "thêm dấu ngoặc kép đóng ở cuối giá trị; ngoặc kép bên trong giá trị viết thành ngoặc đơn '...' hoặc “...”."
LIST_HINT = "thụt lề mọi mục '- ' của cùng một danh sách bằng cùng số dấu cách."


# --- broken YAML ------------------------------------------------------------------------

case("yaml-tab-indentation", edit("  name: Nguyễn Văn A", "\tname: Nguyễn Văn A"), [yaml_error(10, "có ký tự Tab")], "error")
case(
    "yaml-unclosed-double-quote-at-end",
    edit("  - Lưu Văn phòng Tỉnh ủy.", '  - "Lưu Văn phòng Tỉnh ủy.'),
    [yaml_error(14, UNCLOSED, UNCLOSED_HINT)],
    "error",
)
case(
    # the quote runs on until the one of on_behalf, four lines below
    "yaml-unclosed-quote-closed-by-a-later-one",
    edit("title: Về tăng cường", 'title: "Về tăng cường'),
    [yaml_error(8, UNCLOSED, UNCLOSED_HINT)],
    "error",
)
case("yaml-unclosed-single-quote", edit("issuer: Ban", "issuer: 'Ban"), [yaml_error(7, UNCLOSED, UNCLOSED_HINT)], "error")
case(
    "yaml-list-item-less-indented",
    edit("  - Lưu Văn phòng Tỉnh ủy.", "  - Thường trực Tỉnh ủy,\n - Lưu Văn phòng Tỉnh ủy."),
    [yaml_error(15, "mục danh sách '- ' thụt lề không thẳng hàng với các mục trên", LIST_HINT)],
    "error",
)
case(
    # YAML itself accepts this and silently makes one item of two
    "yaml-list-item-more-indented-merges",
    edit("  - Lưu Văn phòng Tỉnh ủy.", "  - Thường trực Tỉnh ủy,\n    - Lưu Văn phòng Tỉnh ủy."),
    [
        f"{F}:15: lỗi[cú-pháp-yaml]: mục danh sách '- ' ở dòng này thụt lề sâu hơn mục ở dòng 14 nên bị nối vào mục đó thành "
        f'"Thường trực Tỉnh ủy, - Lưu Văn phòng Tỉnh ủy.". Cách sửa: {LIST_HINT}'
    ],
    "error",
)
case(
    "yaml-colon-in-value",
    edit("title: Về", "title: Kế hoạch: Về"),
    [yaml_error(8, "có dấu ':' ở chỗ không được phép (thường do giá trị chứa ':' mà không đặt trong ngoặc kép)")],
    "error",
)
case(
    "yaml-stray-dashes-between-fields",
    edit("title: Về", "---\ntitle: Về"),
    [
        f"{F}:8: lỗi[dòng-ba-gạch-thừa]: dòng '---' này đóng phần đầu tệp quá sớm: sau nó vẫn còn các trường, đến dòng '---' ở dòng 16. "
        "Cách sửa: xóa dòng '---' ở dòng 8; phần đầu tệp chỉ có hai dòng '---': dòng 1 và dòng đóng sau trường cuối cùng."
    ],
    "error",
)
case("yaml-missing-colon", edit("issuer: Ban", "issuer Ban"), [yaml_error(7, "thiếu dấu ':' sau tên trường", "viết 'tên_trường: giá trị'.")], "error")
case(
    "yaml-field-name-without-colon",
    edit("issuer: Ban", "access\nissuer: Ban"),
    [yaml_error(7, "thiếu dấu ':' sau tên trường", "viết 'tên_trường: giá trị'.")],
    "error",
)
case(
    "yaml-list-item-without-space",
    edit("  - Lưu Văn phòng Tỉnh ủy.", "  - Thường trực Tỉnh ủy,\n  -Lưu Văn phòng Tỉnh ủy."),
    [yaml_error(15, "mục danh sách thiếu dấu cách sau '-'", "viết '- ' (gạch ngang rồi một dấu cách) ở đầu mỗi mục.")],
    "error",
)
case(
    "yaml-field-indented-under-a-value",
    edit("issuer: Ban", "  issuer: Ban"),
    [
        yaml_error(
            7,
            "dòng này thụt lề sâu hơn trường ở dòng trên, mà trường đó đã có giá trị",
            "bỏ bớt dấu cách đầu dòng cho thẳng hàng với các trường khác.",
        )
    ],
    "error",
)
case(
    "yaml-unclosed-flow-list",
    edit("recipients:\n  - Lưu Văn phòng Tỉnh ủy.", 'recipients: ["Lưu Văn phòng Tỉnh ủy."\nsource: null'),
    [
        yaml_error(
            14,
            "danh sách viết trong '[...]' thiếu dấu ']' đóng",
            "đóng danh sách bằng ']' trên cùng dòng, hoặc viết mỗi mục một dòng bắt đầu bằng '- '.",
        )
    ],
    "error",
)
case(
    "yaml-value-starts-with-star",
    edit("title: Về tăng cường", "title: *Về tăng cường*"),
    [yaml_error(8, "giá trị bắt đầu bằng '*' bị hiểu là bí danh YAML", QUOTE_HINT)],
    "error",
)
case(
    "yaml-value-starts-with-at",
    edit("title: Về", "title: @Về"),
    [yaml_error(8, "giá trị không được bắt đầu bằng '@' nếu không đặt trong ngoặc kép", QUOTE_HINT)],
    "error",
)
case("yaml-value-starts-with-bang", edit("title: Về", "title: !Về"), [yaml_error(8, "giá trị bắt đầu bằng '!' bị hiểu là thẻ YAML", QUOTE_HINT)], "error")
case(
    "yaml-bad-escape-in-quotes",
    edit("title: Về tăng cường công tác kiểm tra, giám sát", 'title: "Về công tác kiểm tra tại C:\\Tai lieu"'),
    [yaml_error(8, "có ký tự thoát '\\' không hợp lệ trong ngoặc kép", "trong ngoặc kép viết '\\\\' cho một dấu '\\', hoặc dùng ngoặc đơn '...'.")],
    "error",
)

# --- wrong types ------------------------------------------------------------------------


def type_error(line: int, field: str, value: str, wanted: str) -> str:
    return f"{F}:{line}: lỗi[sai-kiểu]: {field}: giá trị {value} phải là {wanted}. Cách sửa: {TYPE_HINT}"


STRING_OR_NULL = "chuỗi văn bản hoặc null (để trống)"
GROUP = "nhóm trường (các dòng thụt lề bên dưới)"
LIST = "danh sách (mỗi dòng bắt đầu bằng '- ')"

case("number-as-list", edit('number: "12-KH/TU"', 'number:\n  - "12-KH/TU"'), [type_error(4, "number (số và ký hiệu)", "danh sách", STRING_OR_NULL)], "error")
case("number-unquoted-integer", edit('number: "12-KH/TU"', "number: 12"), [type_error(4, "number (số và ký hiệu)", "12", STRING_OR_NULL)], "error")
case(
    # one message, not a type error and a date error for the same mistake
    "date-as-number",
    edit("date: 2023-03-15", "date: 20230315"),
    [f'{F}:5: lỗi[ngày-không-hợp-lệ]: date (ngày ban hành): "20230315" không phải ngày dạng NĂM-THÁNG-NGÀY. Cách sửa: {DATE_FORMAT_HINT}'],
    "error",
)
case("date-as-list", edit("date: 2023-03-15", "date: [2023, 3, 15]"), [type_error(5, "date (ngày ban hành)", "danh sách", STRING_OR_NULL)], "error")
case(
    "signer-as-string",
    edit('signer:\n  name: Nguyễn Văn A\n  title: BÍ THƯ\n  on_behalf: "T/M BAN THƯỜNG VỤ"', "signer: Nguyễn Văn A"),
    [type_error(9, "signer (người ký)", '"Nguyễn Văn A"', GROUP)],
    "error",
)
case(
    "recipients-as-mapping",
    edit("  - Lưu Văn phòng Tỉnh ủy.", "  luu: Văn phòng Tỉnh ủy."),
    [type_error(13, "recipients (nơi nhận)", "nhóm trường", LIST)],
    "error",
)
case("bases-item-as-string", edit("signer:", 'bases:\n  - "21-NQ/TW"\nsigner:'), [type_error(10, "bases[0] — căn cứ thứ 1", '"21-NQ/TW"', GROUP)], "error")
case(
    "title-empty",
    edit("title: Về tăng cường công tác kiểm tra, giám sát", 'title: ""'),
    [f"{F}:8: lỗi[giá-trị-rỗng]: title (trích yếu): không được để trống. Cách sửa: điền giá trị, hoặc null nếu trường cho phép."],
    "error",
)
case("title-left-blank", edit("title: Về tăng cường công tác kiểm tra, giám sát", "title:"), [type_error(8, "title (trích yếu)", "null", "chuỗi văn bản")], "error")

# --- impossible dates -----------------------------------------------------------------

NO_SUCH_DAY = "Cách sửa: kiểm tra lại ngày và tháng trong văn bản gốc."
MONTH_HINT = "Cách sửa: viết theo thứ tự NĂM-THÁNG-NGÀY: ngày 1/12/2023 là 2023-12-01 (có thể đã đảo ngày và tháng)."

case("date-31-february", edit("date: 2023-03-15", "date: 2023-02-31"), [f"{F}:5: lỗi[ngày-không-hợp-lệ]: date (ngày ban hành): ngày 31/02/2023 không tồn tại. {NO_SUCH_DAY}"], "error")
case("date-month-13", edit("date: 2023-03-15", "date: 2023-13-01"), [f'{F}:5: lỗi[ngày-không-hợp-lệ]: date (ngày ban hành): "2023-13-01" có tháng 13; tháng chỉ từ 01 đến 12. {MONTH_HINT}'], "error")
case("date-month-00", edit("date: 2023-03-15", "date: 2023-00-10"), [f'{F}:5: lỗi[ngày-không-hợp-lệ]: date (ngày ban hành): "2023-00-10" có tháng 00; tháng chỉ từ 01 đến 12. {MONTH_HINT}'], "error")
case(
    "date-year-0000",
    edit("date: 2023-03-15", "date: 0000-01-01"),
    [
        f'{F}:5: lỗi[ngày-không-hợp-lệ]: date (ngày ban hành): "0000-01-01" có năm 0000, không tồn tại. '
        "Cách sửa: kiểm tra lại năm trong văn bản gốc; nếu văn bản không ghi ngày, viết null và nêu lý do."
    ],
    "error",
)
case(
    "received-date-impossible",
    edit("signer:", 'received:\n  office: Sở Nội vụ\n  number: "121"\n  date: 2023-02-29\nsigner:'),
    [f"{F}:12: lỗi[ngày-không-hợp-lệ]: received.date — date (ngày đến trên dấu ĐẾN): ngày 29/02/2023 không tồn tại. {NO_SUCH_DAY}"],
    "error",
)
case(
    "bases-date-impossible",
    edit("signer:", 'bases:\n  - document: "21-NQ/TW"\n    relation: implements\n    date: 2022-06-31\nsigner:'),
    [f"{F}:12: lỗi[ngày-không-hợp-lệ]: bases[0].date — date (ngày của văn bản căn cứ): ngày 31/06/2022 không tồn tại. {NO_SUCH_DAY}"],
    "error",
)
case(
    "supersedes-date-in-vietnamese-order",
    edit("signer:", 'supersedes:\n  - document: "45-KH/TU"\n    date: "20/12/2011"\nsigner:'),
    [
        f'{F}:11: lỗi[ngày-không-hợp-lệ]: supersedes[0].date — date (ngày của văn bản được thay thế): "20/12/2011" không phải ngày '
        f"dạng NĂM-THÁNG-NGÀY. Cách sửa: {DATE_FORMAT_HINT}"
    ],
    "error",
)

# --- ids --------------------------------------------------------------------------------

ID_HINT = "Cách sửa: ví dụ: di-linh-90-kh-hu."
INVISIBLE_HINT = (
    "Cách sửa: xóa id rồi gõ lại bằng bàn phím: chỉ chữ thường không dấu, chữ số và dấu gạch nối "
    "(ký tự này thường lẫn vào khi sao chép từ Word hoặc trang web)."
)

case(
    "duplicate-id-in-two-files",
    {"ke-hoach-mau.md": GOOD, "lam-dong/ke-hoach-mau.md": GOOD},
    ['content/lam-dong/ke-hoach-mau.md:2: lỗi[trùng-id]: id "ke-hoach-mau" đã được dùng ở content/ke-hoach-mau.md. Cách sửa: đặt một id khác cho một trong hai kế hoạch.'],
    "error",
)
# Ids are lower-case ASCII, so two ids differing only in case or diacritics cannot both be valid.
case(
    "id-with-capitals",
    edit("id: ke-hoach-mau", "id: Ke-Hoach-Mau"),
    [f'{F}:2: lỗi[id-không-hợp-lệ]: id (mã định danh): "Ke-Hoach-Mau" phải gồm chữ thường không dấu, chữ số và dấu gạch nối. {ID_HINT}'],
    "error",
)
case(
    "id-with-diacritics",
    edit("id: ke-hoach-mau", "id: kế-hoạch-mẫu"),
    [f'{F}:2: lỗi[id-không-hợp-lệ]: id (mã định danh): "kế-hoạch-mẫu" phải gồm chữ thường không dấu, chữ số và dấu gạch nối. {ID_HINT}'],
    "error",
)
case(
    "id-with-zero-width-space",
    edit("id: ke-hoach-mau", "id: ke-hoach\u200b-mau"),
    [f'{F}:2: lỗi[id-không-hợp-lệ]: id (mã định danh): "ke-hoach<U+200B>-mau" có ký tự không nhìn thấy U+200B (dấu cách độ rộng 0). {INVISIBLE_HINT}'],
    "error",
)
case(
    "id-with-no-break-space",
    edit("id: ke-hoach-mau", "id: ke-hoach-mau\u00a0"),
    [f'{F}:2: lỗi[id-không-hợp-lệ]: id (mã định danh): "ke-hoach-mau<U+00A0>" có ký tự không nhìn thấy U+00A0 (dấu cách không ngắt dòng). {INVISIBLE_HINT}'],
    "error",
)
case(
    "id-differs-from-file-name",
    {"kh-12.md": GOOD},
    [
        'content/kh-12.md:2: cảnh báo[id-khác-tên-tệp]: id "ke-hoach-mau" khác tên tệp "kh-12.md"; trang của kế hoạch sẽ là '
        'ke-hoach/ke-hoach-mau.html. Cách sửa: đổi tên tệp thành ke-hoach-mau.md, hoặc sửa id thành "kh-12" nếu kế hoạch chưa '
        "công bố (đổi id làm hỏng liên kết đã có)."
    ],
    "warning",
)
case(
    "id-differs-from-a-file-name-that-is-no-id",
    {"Kế hoạch 12.md": GOOD},
    [
        'content/Kế hoạch 12.md:2: cảnh báo[id-khác-tên-tệp]: id "ke-hoach-mau" khác tên tệp "Kế hoạch 12.md"; trang của kế hoạch '
        "sẽ là ke-hoach/ke-hoach-mau.html. Cách sửa: đổi tên tệp thành ke-hoach-mau.md."
    ],
    "warning",
)

# --- organisations and bodies -------------------------------------------------------------

UNPLACED_BY_MARKUP = (
    f"{F}:25: cảnh báo[đoạn-không-giao]: đoạn trong phần giao nhiệm vụ không nêu cơ quan nào trong danh mục (đánh dấu giao việc "
    "không nêu được cơ quan nào trong danh mục); nhiệm vụ này không có trên trang cơ quan nào. Cách sửa: thêm tên cơ quan vào "
    "content/agencies.yml, hoặc đánh dấu <!-- giao: Tên cơ quan --> / <!-- giao: - --> ở cuối đoạn."
)

case(
    "unknown-organisation-did-you-mean",
    edit("organisation: lam-dong", "organisation: lam-dnog"),
    [f'{F}:6: lỗi[tổ-chức-không-rõ]: tổ chức "lam-dnog" không có trong danh mục content/agencies.yml. Cách sửa: có phải "lam-dong"?'],
    "error",
)
case(
    "unknown-organisation-no-suggestion",
    edit("organisation: lam-dong", "organisation: ha-noi"),
    [f'{F}:6: lỗi[tổ-chức-không-rõ]: tổ chức "ha-noi" không có trong danh mục content/agencies.yml. Cách sửa: thêm tổ chức vào content/agencies.yml hoặc sửa mã.'],
    "error",
)
case(
    "organisation-with-zero-width-space",
    edit("organisation: lam-dong", "organisation: lam-dong\u200b"),
    [f'{F}:6: lỗi[tổ-chức-không-rõ]: tổ chức "lam-dong<U+200B>" không có trong danh mục content/agencies.yml. Cách sửa: có phải "lam-dong"?'],
    "error",
)
case(
    "markup-unknown-body-did-you-mean",
    edit("(quý I/2024).", "(quý I/2024). <!-- giao: Ban Tổ chúc Tỉnh ủy (chủ trì) -->"),
    [
        f'{F}:25: lỗi[cơ-quan-không-rõ]: "Ban Tổ chúc Tỉnh ủy" trong đánh dấu giao việc không có trong danh mục cơ quan. '
        'Cách sửa: có phải "Ban Tổ chức Tỉnh ủy"?',
        UNPLACED_BY_MARKUP,
    ],
    "error",
)
case(
    "markup-unknown-body-no-suggestion",
    edit("(quý I/2024).", "(quý I/2024). <!-- giao: Sở Giao thông vận tải -->"),
    [
        f'{F}:25: lỗi[cơ-quan-không-rõ]: "Sở Giao thông vận tải" trong đánh dấu giao việc không có trong danh mục cơ quan. '
        "Cách sửa: thêm cơ quan vào content/agencies.yml hoặc sửa tên.",
        UNPLACED_BY_MARKUP,
    ],
    "error",
)
case(
    "heading-names-unknown-body",
    edit("### 1. Ban Tổ chức Tỉnh ủy", "### 1. Ban Tổ chức Tỉnh ủyy"),
    [
        f'{F}:23: cảnh báo[cơ-quan-không-rõ]: "Ban Tổ chức Tỉnh ủyy" ở vị trí cơ quan được giao nhưng không có trong danh mục cơ quan. '
        'Cách sửa: có phải "Ban Tổ chức Tỉnh ủy"? Nếu đúng, thêm tên này vào aliases.',
        f"{F}:25: cảnh báo[đoạn-không-giao]: đoạn trong phần giao nhiệm vụ không nêu cơ quan nào trong danh mục (không tìm thấy cơ "
        "quan được giao); nhiệm vụ này không có trên trang cơ quan nào. Cách sửa: thêm tên cơ quan vào content/agencies.yml, hoặc "
        "đánh dấu <!-- giao: Tên cơ quan --> / <!-- giao: - --> ở cuối đoạn.",
    ],
    "warning",
)
case(
    "deadline-unreadable",
    edit("(quý I/2024)", "(quý V/2024)"),
    [
        f'{F}:25: cảnh báo[hạn-chót]: không đọc được thời hạn "quý V/2024"; thời hạn được giữ nguyên văn trên trang. Cách sửa: viết '
        "theo một mẫu trong Hướng dẫn soạn thảo (ví dụ: quý I/2024, trước 31/3/2024, thường xuyên), hoặc thêm <!-- hạn: ... -->."
    ],
    "warning",
)
case(
    "dangling-in-plan-reference",
    GOOD + "\n### 2. Ủy ban Kiểm tra Tỉnh ủy\n\n- Chủ trì thực hiện các nội dung tại khoản 9, Mục II của Kế hoạch (năm 2024).\n",
    [
        f"{F}:29: cảnh báo[tham-chiếu-treo]: đoạn này giao các nội dung tại khoản 9 Mục II nhưng kế hoạch không có mục đó. "
        "Cách sửa: kiểm tra số mục, khoản, điểm trong câu dẫn chiếu."
    ],
    "warning",
)


def plan(id: str, number: str, implements: str) -> str:
    return edit("id: ke-hoach-mau", f"id: {id}", edit('number: "12-KH/TU"', f'number: "{number}"', edit("signer:", f'bases:\n  - document: "{implements}"\n    relation: implements\n    type: ke-hoach\nsigner:')))


case(
    "circular-implements",
    {"kh-a.md": plan("kh-a", "1-KH/TU", "2-KH/TU"), "kh-b.md": plan("kh-b", "2-KH/TU", "1-KH/TU")},
    [
        "content/kh-a.md:10: cảnh báo[vòng-thực-hiện]: kh-a thực hiện kh-b, kh-b lại thực hiện kh-a: một văn bản không thể "
        "thực hiện chính nó (trực tiếp hay qua văn bản khác), nên cả vòng không có chỗ trong cây thực hiện. Cách sửa: kiểm tra "
        "relation trong bases: văn bản thực hiện được ban hành sau văn bản nó thực hiện; văn bản chỉ được viện dẫn ghi relation: relies-on."
    ],
    "warning",
    marks=NEEDS_CITATION_PATCH,
)

# --- encodings ---------------------------------------------------------------------------


def legacy_error(line: int, table: str, hint: str) -> str:
    return f"{F}:{line}: lỗi[mã-hóa]: tệp không ở mã UTF-8: tệp có vẻ dùng bảng mã {table}. Cách sửa: {hint}"


def unikey(source: str) -> str:
    return (
        f"chuyển mã bằng Unikey (Bảng mã nguồn: {source}, Bảng mã đích: Unicode) rồi lưu tệp với mã UTF-8; "
        'xem mục "Tệp phải ở mã UTF-8" trong Hướng dẫn soạn thảo.'
    )


def garbled(line: int, word: str, more: int, table: str, meant: str, source: str) -> str:
    others = f" (và {more} chữ khác)" if more else ""
    return (
        f'{F}:{line}: cảnh báo[bảng-mã-cũ]: chữ "{word}"{others} có vẻ là chữ gõ bằng bảng mã {table} bị chuyển sai sang Unicode '
        f'("{word}" là "{meant}"); trang sẽ hiện chữ lỗi. Cách sửa: chép đoạn chữ lỗi, chuyển mã bằng Unikey (Bảng mã nguồn: '
        f"{source}, Bảng mã đích: Unicode) rồi dán lại."
    )


TCVN3_TABLE = "TCVN3 (ABC) (của các phông .VnTime, .VnArial)"
VNI_TABLE = "VNI Windows (của các phông VNI-Times, VNI-Helve)"

# Line 7 is the first line with a letter outside ASCII ("issuer: Ban Thường vụ").
case(
    "windows-1258-file",
    to_cp1258(GOOD),
    [
        legacy_error(
            7,
            "Windows-1258",
            "mở lại tệp với bảng mã Windows-1258 (Visual Studio Code: Reopen with Encoding → Vietnamese (Windows 1258); "
            "Notepad++: Encoding → Character sets → Vietnamese → Windows-1258) rồi lưu lại với mã UTF-8.",
        )
    ],
    "error",
)
case("tcvn3-file", to_tcvn3(GOOD), [legacy_error(7, TCVN3_TABLE, unikey("TCVN3 (ABC)"))], "error")
case("vni-file", to_vni(GOOD), [legacy_error(7, VNI_TABLE, unikey("VNI Windows"))], "error")
ASCII_GOOD = "".join(c for c in unicodedata.normalize("NFD", GOOD) if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
case(
    # Latin-1 French is not Vietnamese in any table: the general message
    "unknown-8-bit-file",
    edit("title: Ve tang cuong cong tac kiem tra, giam sat", "title: Café à la française, Noël", ASCII_GOOD).encode("latin-1"),
    [
        f"{F}:8: lỗi[mã-hóa]: tệp không ở mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI). Cách sửa: mở tệp bằng trình soạn thảo "
        "và lưu lại với mã hóa UTF-8 (hoặc chuyển mã bằng Unikey)."
    ],
    "error",
)
case(
    "utf-16-file",
    GOOD.encode("utf-16"),
    [
        f'{F}:1: lỗi[mã-hóa]: tệp ở mã UTF-16 (Notepad gọi là "Unicode"), không phải UTF-8. Cách sửa: lưu lại tệp với mã UTF-8 '
        "(Notepad: File → Save As, ô Encoding chọn UTF-8)."
    ],
    "error",
)
case(
    "utf-8-with-tcvn3-mojibake",
    edit("1. Nâng cao chất lượng công tác kiểm tra.", "1. " + to_tcvn3("Nâng cao chất lượng công tác kiểm tra.").decode("latin-1")),
    [garbled(19, "N©ng", 4, TCVN3_TABLE, "Nâng", "TCVN3 (ABC)")],
    "warning",
)
case(
    "utf-8-with-vni-mojibake",
    edit("title: Về tăng cường công tác kiểm tra, giám sát", "title: " + to_vni("Về tăng cường công tác kiểm tra, giám sát").decode("cp1252")),
    [garbled(8, "Veà", 4, VNI_TABLE, "Về", "VNI Windows")],
    "warning",
)
case(
    # "Kõ" is a well-formed syllable as it stands; "ho¹ch" is not, and is TCVN3 "hoạch"
    "utf-8-with-kõ-ho¹ch",
    GOOD + "\nKõ ho¹ch này thay thế Kế hoạch cũ.\n",
    [garbled(27, "ho¹ch", 0, TCVN3_TABLE, "hoạch", "TCVN3 (ABC)")],
    "warning",
)
case("bom", "\ufeff" + GOOD, [], "ok")
case("crlf", GOOD.replace("\n", "\r\n"), [], "ok")
case(
    "mixed-line-endings-keep-line-numbers",
    edit("date: 2023-03-15", "date: 2023-02-30").replace("\n", "\r\n", 2).replace("type: ke-hoach\n", "type: ke-hoach\r"),
    [f"{F}:5: lỗi[ngày-không-hợp-lệ]: date (ngày ban hành): ngày 30/02/2023 không tồn tại. {NO_SUCH_DAY}"],
    "error",
)
case("nfd-text", unicodedata.normalize("NFD", GOOD), [], "ok")

# --- files and folders ---------------------------------------------------------------------

EMPTY = f"{F}:1: lỗi[tệp-rỗng]: tệp rỗng. Cách sửa: xóa tệp hoặc điền nội dung kế hoạch."


def binary(kind: str) -> list[str]:
    return [f"{F}:1: lỗi[tệp-nhị-phân]: tệp không phải văn bản mà là {kind}. Cách sửa: {BINARY_HINT}"]


def outside_link(path: Path) -> None:
    target = path.parent.parent / "ngoai.md"
    target.write_text(GOOD, encoding="utf-8")
    path.symlink_to(target)


case("empty-file", b"", [EMPTY], "error")
case("whitespace-only-file", " \n\t\n  \r\n", [EMPTY], "error")
case(
    "front-matter-only",
    GOOD.split("\n\n## I.")[0] + "\n",
    [
        f"{F}:15: cảnh báo[thiếu-nội-dung]: kế hoạch không có nội dung: sau dòng '---' đóng phần đầu tệp không có gì. "
        "Cách sửa: dán toàn văn kế hoạch vào sau dòng này (xem mục 3 của Hướng dẫn soạn thảo)."
    ],
    "warning",
)
case("png-named-md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89", binary("ảnh PNG"), "error")
case("pdf-named-md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", binary("tệp PDF"), "error")
case("docx-named-md", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml", binary("tệp nén ZIP (tệp Word .docx, Excel .xlsx cũng là dạng này)"), "error")
case(
    "symlink-outside-content",
    {"ke-hoach-mau.md": outside_link},
    [f"{F}:1: lỗi[liên-kết-ngoài]: tệp là liên kết tới {{tmp}}/ngoai.md nằm ngoài thư mục content/. Cách sửa: sao chép tệp vào content/ thay vì tạo liên kết."],
    "error",
)
case("symlink-inside-content", {"lam-dong/ke-hoach-mau.md": GOOD, "ke-hoach-mau.md": lambda p: p.symlink_to("lam-dong/ke-hoach-mau.md")}, [], "ok")
case(
    "broken-symlink",
    {"ke-hoach-mau.md": lambda p: p.symlink_to("da-xoa.md")},
    [f'{F}:1: lỗi[không-đọc-được]: tệp là liên kết tới "da-xoa.md" nhưng tệp đó không tồn tại. Cách sửa: xóa liên kết, hoặc sao chép tệp thật vào content/.'],
    "error",
)
case(
    "directory-named-md",
    {"ke-hoach-mau.md": GOOD, "thu-muc.md": lambda p: p.mkdir()},
    [
        "content/thu-muc.md:1: cảnh báo[tệp-bị-bỏ-qua]: đây là một thư mục có tên như tệp kế hoạch; thư mục bị bỏ qua (các tệp .md "
        "bên trong vẫn được đọc). Cách sửa: đổi tên thư mục (bỏ đuôi .md)."
    ],
    "warning",
)
case(
    "stray-docx",
    {"ke-hoach-mau.md": GOOD, "ban-goc.docx": b"PK\x03\x04"},
    [f"content/ban-goc.docx:1: cảnh báo[tệp-bị-bỏ-qua]: {SKIPPED} Cách sửa: văn bản gốc để ngoài content/; chép nội dung sang một tệp .md theo Hướng dẫn soạn thảo."],
    "warning",
)
case(
    "upper-case-extension",
    {"ke-hoach-mau.MD": GOOD},
    [f"content/ke-hoach-mau.MD:1: cảnh báo[tệp-bị-bỏ-qua]: {SKIPPED} Cách sửa: nếu đây là một kế hoạch, đổi tên tệp thành ke-hoach-mau.md (đuôi .md viết thường)."],
    "warning",
)
case(
    "stray-text-file",
    {"ke-hoach-mau.md": GOOD, "ghi-chu.txt": "Ghi chú."},
    [f"content/ghi-chu.txt:1: cảnh báo[tệp-bị-bỏ-qua]: {SKIPPED} Cách sửa: nếu đây là một kế hoạch, đổi tên tệp thành ghi-chu.md (đuôi .md viết thường)."],
    "warning",
)
case(
    # Finder's .DS_Store and an editor's lock file (a dangling link) are not the author's
    "hidden-files-are-ignored",
    {"ke-hoach-mau.md": GOOD, ".DS_Store": b"\x00\x00\x00\x01Bud1", ".#ke-hoach-mau.md": lambda p: p.symlink_to("root@may.12345")},
    [],
    "ok",
)

# --- body ------------------------------------------------------------------------------

LEVEL_HINT = "Cách sửa: dùng ## cho mục (I, II ...), ### cho khoản (1, 2 ...), #### cho điểm (1.1, 1.2 ...), không bỏ cấp; nếu văn bản gốc không có cấp ở giữa, đổi"


def control(line: int, name: str, column: int) -> str:
    return (
        f"{F}:{line}: lỗi[ký-tự-điều-khiển]: dòng có ký tự điều khiển {name} ở cột {column}; ký tự này không nhìn thấy được và "
        f"không được phép trong văn bản. Cách sửa: {CONTROL_HINT}"
    )


case(
    "heading-level-jump",
    edit("### 1. Ban Tổ chức Tỉnh ủy", "#### 1.1. Ban Tổ chức Tỉnh ủy"),
    [f'{F}:23: cảnh báo[nhảy-cấp-tiêu-đề]: tiêu đề cấp 4 (####) "1.1. Ban Tổ chức Tỉnh ủy" nằm ngay sau tiêu đề cấp 2 (##), thiếu cấp 3 (###). {LEVEL_HINT} #### thành ###.'],
    "warning",
)
case(
    "first-heading-is-level-3",
    edit("## I. MỤC ĐÍCH", "### Căn cứ ban hành\n\nThực hiện chỉ đạo của Tỉnh ủy.\n\n## I. MỤC ĐÍCH"),
    [f'{F}:17: cảnh báo[nhảy-cấp-tiêu-đề]: tiêu đề cấp 3 (###) "Căn cứ ban hành" đứng trước mọi tiêu đề cấp 2 (##). {LEVEL_HINT} ### thành ##.'],
    "warning",
)
case(
    "text-before-the-first-part",
    edit("## I. MỤC ĐÍCH", "Thực hiện chỉ đạo của Tỉnh ủy, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:\n\n## I. MỤC ĐÍCH"),
    [],
    "ok",
)
case(
    "duplicate-numbering",
    edit("## II. NHIỆM VỤ", "2. Nâng cao chất lượng giám sát.\n\n2. Tăng cường kỷ luật đảng.\n\n## II. NHIỆM VỤ"),
    [
        f"{F}:23: cảnh báo[đánh-số-trùng]: Mục 2. có số thứ tự trùng với một mục trước; liên kết của nó là #muc-i-khoan-2-2. "
        "Cách sửa: nếu văn bản gốc đánh số trùng thì giữ nguyên; nếu do nhập liệu, sửa số thứ tự."
    ],
    "warning",
)
case("control-character-in-body", edit("1. Nâng cao chất", "1. Nâng\x0b cao chất"), [control(19, "U+000B (tab dọc)", 8)], "error")
case("control-character-in-front-matter", edit("title: Về tăng", "title: Về\x07 tăng"), [control(8, "U+0007 (chuông)", 10)], "error")
case("nul-character-in-text", edit("1. Nâng cao chất", "1. Nâng cao\x00 chất"), [control(19, "U+0000 (NUL)", 12)], "error")
case("form-feed-from-pdf", edit("## II. NHIỆM VỤ", "\x0c\n## II. NHIỆM VỤ"), [control(21, "U+000C (ngắt trang)", 1)], "error")
case(
    "c1-control-characters",
    edit("1. Nâng cao chất", "1. N\u0085âng\u0096 cao chất"),
    [f"{F}:19: lỗi[ký-tự-điều-khiển]: dòng có ký tự điều khiển U+0085 ở cột 5 và 1 ký tự như vậy nữa; ký tự này không nhìn thấy được và không được phép trong văn bản. Cách sửa: {CONTROL_HINT}"],
    "error",
)
case(
    "extremely-long-line",
    edit("1. Nâng cao chất lượng công tác kiểm tra.", "1. Nâng cao chất lượng công tác kiểm tra" + ", kiểm tra" * 20_000 + "."),
    [],
    "ok",
)
case(
    "extremely-long-duty-line",
    edit("- Chủ trì hướng dẫn quy trình", "- Chủ trì hướng dẫn quy trình" + ", kiểm tra" * 20_000),
    [],
    "ok",
)
case(
    "unknown-field-did-you-mean",
    edit("issuer:", "editorial_note: Nối các dòng bị ngắt.\nissuer:"),
    [
        f'{F}:7: lỗi[trường-lạ]: phần đầu tệp: có trường không được hỗ trợ "editorial_note". Cách sửa: có phải "editorial_notes"? '
        "Nếu không, xóa dòng này (xem danh sách trường trong Hướng dẫn soạn thảo)."
    ],
    "error",
)
case(
    "unknown-field-no-suggestion",
    edit("issuer:", "tac_gia: Văn phòng\nissuer:"),
    [f'{F}:7: lỗi[trường-lạ]: phần đầu tệp: có trường không được hỗ trợ "tac_gia". Cách sửa: {FIELD_HINT}'],
    "error",
)
case(
    "relation-in-supersedes",
    edit("signer:", 'supersedes:\n  - document: "45-KH/TU"\n    relation: implements\nsigner:'),
    [
        f'{F}:11: lỗi[trường-lạ]: supersedes[0] — văn bản được thay thế thứ 1: có trường không được hỗ trợ "relation". '
        "Cách sửa: văn bản được thay thế không có relation; xóa dòng này."
    ],
    "error",
)

# --- the registry ----------------------------------------------------------------------

REGISTRY = (ROOT / "content" / "agencies.yml").read_text(encoding="utf-8")
case(
    "missing-agencies-yml",
    GOOD,
    ["content/agencies.yml:1: lỗi[thiếu-danh-mục]: không tìm thấy danh mục tổ chức, cơ quan. Cách sửa: tạo content/agencies.yml (xem Hướng dẫn soạn thảo)."],
    "error",
    registry=None,
    marks=NEEDS_PIPELINE_PATCH,
)
case(
    "broken-agencies-yml",
    GOOD,
    [f"content/agencies.yml:21: lỗi[cú-pháp-yaml]: danh mục (YAML) không đọc được: có ký tự Tab. Cách sửa: {YAML_HINT}"],
    "error",
    registry=REGISTRY.replace("  - id: lam-dong\n", "  - id: lam-dong\n\t", 1),
    marks=NEEDS_PIPELINE_PATCH,
)
case(
    "agencies-yml-in-tcvn3",
    GOOD,
    ["content/agencies.yml:3: lỗi[mã-hóa]: tệp không ở mã UTF-8: tệp có vẻ dùng bảng mã TCVN3 (ABC) (của các phông .VnTime, .VnArial). Cách sửa: " + unikey("TCVN3 (ABC)")],
    "error",
    registry="",  # written by the test below
    marks=NEEDS_PIPELINE_PATCH,
)
case(
    "documents-yml-in-vni",
    {"ke-hoach-mau.md": GOOD, "documents.yml": to_vni("documents:\n  - key: trung-uong/21-NQ/TW\n    title: Về tăng cường củng cố tổ chức cơ sở đảng\n")},
    ["content/documents.yml:3: lỗi[mã-hóa]: tệp không ở mã UTF-8: tệp có vẻ dùng bảng mã VNI Windows (của các phông VNI-Times, VNI-Helve). Cách sửa: " + unikey("VNI Windows")],
    "error",
    marks=NEEDS_DOCUMENTS_PATCH,
)
case(
    "body-registered-twice",
    GOOD,
    ['content/agencies.yml:60: lỗi[trùng-id]: cơ quan "trung-uong/bo-chinh-tri" được khai báo hai lần (lần đầu ở content/agencies.yml:54). Cách sửa: giữ một khai báo, gộp các tên gọi khác vào aliases.'],
    "error",
    registry=REGISTRY.replace("bodies:\n  trung-uong:\n", "bodies:\n  trung-uong:\n    - id: bo-chinh-tri\n      name: Bộ Chính trị Trung ương\n", 1),
)


# --- reliability, round two (issue 16) -----------------------------------------------------

BOMB = "".join(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9 if i else ['"lol"'] * 9) + "]\n" for i in range(9))
LAM_DONG_BODIES = "  lam-dong:\n    - id: ban-to-chuc\n"
case("yaml-alias-bomb-in-front-matter", edit("signer:", "x_bomb:\n  " + BOMB.replace("\n", "\n  ").rstrip() + "\nsigner:"), [
        'content/ke-hoach-mau.md:11: lỗi[cú-pháp-yaml]: phần đầu tệp (YAML) không đọc được: có bí danh YAML "*a" (giá trị lấy lại từ nhãn &a); bí danh không được dùng. Cách sửa: viết đầy đủ giá trị ở mỗi chỗ cần; nếu giá trị bắt đầu bằng \'*\' hoặc \'&\', đặt cả giá trị trong ngoặc kép.',
    ], "error")
case("yaml-alias-bomb-in-agencies-yml", GOOD, [
        'content/agencies.yml:598: lỗi[cú-pháp-yaml]: danh mục (YAML) không đọc được: có bí danh YAML "*a" (giá trị lấy lại từ nhãn &a); bí danh không được dùng. Cách sửa: viết đầy đủ giá trị ở mỗi chỗ cần; nếu giá trị bắt đầu bằng \'*\' hoặc \'&\', đặt cả giá trị trong ngoặc kép.',
    ], "error", registry=REGISTRY + "x_bomb:\n  " + BOMB.replace("\n", "\n  ").rstrip() + "\n")
case("yaml-alias-bomb-in-documents-yml", {"ke-hoach-mau.md": GOOD, "documents.yml": "documents: []\n" + BOMB}, [
        'content/documents.yml:3: lỗi[cú-pháp-yaml]: danh mục văn bản (YAML) không đọc được: có bí danh YAML "*a" (giá trị lấy lại từ nhãn &a); bí danh không được dùng. Cách sửa: viết đầy đủ giá trị ở mỗi chỗ cần; nếu giá trị bắt đầu bằng \'*\' hoặc \'&\', đặt cả giá trị trong ngoặc kép.',
    ], "error")
case("yaml-alias-in-proposed-registry", {"ke-hoach-mau.md": GOOD, "de-xuat/ke-hoach-mau.yml": "organisations: &o []\nbodies:\n  lam-dong: *o\n"}, [
        'content/de-xuat/ke-hoach-mau.yml:1: cảnh báo[chưa-duyệt]: danh mục đề xuất (cơ quan, tổ chức mà danh mục chưa có, do kehoach import ghi cho kế hoạch ke-hoach-mau) chưa được duyệt. Cách sửa: kiểm tra tên, cấp và tổ chức cha của từng mục, rồi chạy: kehoach accept ke-hoach-mau (chuyển các mục vào content/agencies.yml).',
        'content/de-xuat/ke-hoach-mau.yml:3: lỗi[cú-pháp-yaml]: danh mục (YAML) không đọc được: có bí danh YAML "*o" (giá trị lấy lại từ nhãn &o); bí danh không được dùng. Cách sửa: viết đầy đủ giá trị ở mỗi chỗ cần; nếu giá trị bắt đầu bằng \'*\' hoặc \'&\', đặt cả giá trị trong ngoặc kép.',
    ], "error")
case("yaml-explicit-tag", edit("title: Về tăng cường", "title: !!binary Về tăng cường"), [
        'content/ke-hoach-mau.md:8: lỗi[cú-pháp-yaml]: phần đầu tệp (YAML) không đọc được: giá trị bắt đầu bằng \'!\' bị hiểu là thẻ YAML. Cách sửa: đặt cả giá trị trong ngoặc kép, ví dụ: title: "...".',
    ], "error")
case("yaml-unhashable-key", edit("issuer:", "? [a, b]\n: c\nissuer:"), [
        "content/ke-hoach-mau.md:7: lỗi[cú-pháp-yaml]: phần đầu tệp (YAML) không đọc được: tên trường là một danh sách hoặc nhóm (viết trong '[...]' hoặc '{...}', hay sau '? '). Cách sửa: tên trường chỉ là chữ: viết 'tên_trường: giá trị'; giá trị có '[', '{' hoặc '?' ở đầu đặt trong ngoặc kép.",
    ], "error")
case("yaml-nested-too-deep", edit("title: Về tăng cường công tác kiểm tra, giám sát", "title: " + "[" * 40 + "]" * 40), [
        "content/ke-hoach-mau.md:2: lỗi[cú-pháp-yaml]: phần đầu tệp (YAML) không đọc được: các nhóm, danh sách lồng nhau quá 32 cấp. Cách sửa: viết mỗi trường một dòng 'tên_trường: giá trị' theo mẫu; kiểm tra các dấu '[' và '{' thừa.",
    ], "error")
case("number-with-leading-zero", edit('number: "12-KH/TU"', "number: 012"), [
        "content/ke-hoach-mau.md:4: lỗi[sai-kiểu]: number (số và ký hiệu): giá trị 012 phải là chuỗi văn bản hoặc null (để trống). Cách sửa: sửa giá trị theo mẫu trong Hướng dẫn soạn thảo (chuỗi có dấu ':' đặt trong ngoặc kép).",
    ], "error")
case("reference-link-to-script", GOOD + "\nXem hướng dẫn [tại đây][hd].\n\n[hd]: javascript:alert(document.cookie)\n", [
        'content/ke-hoach-mau.md:29: cảnh báo[liên-kết-bị-chặn]: liên kết tới "javascript:alert(document.cookie)" bị chặn: liên kết chỉ được trỏ tới http://, https://, mailto: hoặc một trang trong trang này. Cách sửa: xóa liên kết, hoặc thay bằng địa chỉ http:// hay https://.',
    ], "warning")
case("inline-link-to-data-url", GOOD + "\nXem [tại đây](data:text/html;base64,PHNjcmlwdD4=).\n", [
        'content/ke-hoach-mau.md:27: cảnh báo[liên-kết-bị-chặn]: liên kết tới "data:text/html;base64,PHNjcmlwdD4=" bị chặn: liên kết chỉ được trỏ tới http://, https://, mailto: hoặc một trang trong trang này. Cách sửa: xóa liên kết, hoặc thay bằng địa chỉ http:// hay https://.',
    ], "warning")
case("image-from-another-host", GOOD + "\nẢnh ![x](http://example.com/pixel.gif) ở đây.\n", [
        'content/ke-hoach-mau.md:27: cảnh báo[ảnh-bị-chặn]: ảnh "http://example.com/pixel.gif" không thuộc trang này: trình duyệt của người đọc sẽ tải nó từ máy chủ khác. Cách sửa: xóa ảnh, hoặc đặt tệp ảnh vào thư mục pages/ và viết đường dẫn tương đối: ![mô tả](anh/ten-anh.png).',
    ], "warning")
case("image-protocol-relative", GOOD + "\nẢnh ![x](//example.com/pixel.gif) ở đây.\n", [
        'content/ke-hoach-mau.md:27: cảnh báo[ảnh-bị-chặn]: ảnh "//example.com/pixel.gif" không thuộc trang này: trình duyệt của người đọc sẽ tải nó từ máy chủ khác. Cách sửa: xóa ảnh, hoặc đặt tệp ảnh vào thư mục pages/ và viết đường dẫn tương đối: ![mô tả](anh/ten-anh.png).',
    ], "warning")
case("image-by-reference", GOOD + "\nẢnh ![x][anh].\n\n[anh]: anh/a.png\n", [
        'content/ke-hoach-mau.md:27: cảnh báo[ảnh-bị-chặn]: ảnh viết dạng tham chiếu ![...][...] không được hỗ trợ: không kiểm tra được ảnh lấy từ đâu. Cách sửa: viết ảnh dạng ![mô tả](anh/ten-anh.png) với đường dẫn tương đối trong trang, hoặc xóa ảnh.',
    ], "warning")
case("image-from-the-site", GOOD + "\nẢnh ![sơ đồ](anh/so-do.png).\n", [], "ok")
case("unclosed-duty-markup", edit("- Chủ trì hướng dẫn quy trình (quý I/2024).", "- Chủ trì hướng dẫn quy trình (quý I/2024). <!-- giao: Ban Tổ chức Tỉnh ủy\n\n- Phối hợp kiểm tra (quý II/2024)."), [
        'content/ke-hoach-mau.md:25: lỗi[đánh-dấu-không-đóng]: đánh dấu giao việc "<!--" mở ở dòng này không được đóng bằng "-->" trước khi hết đoạn: các đoạn sau nó bị gộp vào đoạn này và nhiệm vụ của chúng mất. Cách sửa: thêm "-->" ở cuối đánh dấu, trên cùng dòng với đoạn: <!-- giao: Tên cơ quan -->.',
    ], "error")
case("unclosed-comment-to-the-end", edit("## II. NHIỆM VỤ", "<!-- ghi chú của người soạn\n\n## II. NHIỆM VỤ"), [
        'content/ke-hoach-mau.md:21: lỗi[đánh-dấu-không-đóng]: chú thích HTML "<!--" mở ở dòng này không được đóng bằng "-->": mọi dòng sau nó đến hết tệp bị bỏ khỏi trang. Cách sửa: thêm "-->" ở cuối chú thích; đánh dấu giao việc viết trên cùng dòng với đoạn: <!-- giao: Tên cơ quan -->.',
    ], "error")
case("duplicate-footnote", GOOD + "\nTheo quy định[^1].\n\n[^1]: Quy định số 1.\n\n[^1]: Quy định số 2.\n", [
        'content/ke-hoach-mau.md:31: lỗi[chú-thích-trùng]: chú thích [^1] được định nghĩa hai lần (lần đầu ở dòng 29); trang chỉ giữ được một. Cách sửa: đánh số lại chú thích cho khớp văn bản gốc, hoặc xóa định nghĩa thừa.',
    ], "error")
case("right-to-left-override-in-text", edit("1. Nâng cao chất", "1. Nâng\u202e cao chất"), [
        'content/ke-hoach-mau.md:19: lỗi[ký-tự-điều-khiển]: dòng có ký tự điều khiển U+202E (ép chiều phải-trái, đảo ngược chữ) ở cột 8; ký tự này không nhìn thấy được và không được phép trong văn bản. Cách sửa: xóa ký tự đó (thường lẫn vào khi dán từ Word hoặc PDF); trong Notepad++ chọn View → Show Symbol → Show All Characters để thấy nó.',
    ], "error")
case("byte-order-mark-inside-text", edit("1. Nâng cao chất", "1. Nâng\ufeff cao chất"), [
        'content/ke-hoach-mau.md:19: lỗi[ký-tự-điều-khiển]: dòng có ký tự điều khiển U+FEFF (dấu BOM giữa văn bản) ở cột 8; ký tự này không nhìn thấy được và không được phép trong văn bản. Cách sửa: xóa ký tự đó (thường lẫn vào khi dán từ Word hoặc PDF); trong Notepad++ chọn View → Show Symbol → Show All Characters để thấy nó.',
    ], "error")
case("plan-implements-itself", edit("signer:", 'bases:\n  - document: "12-KH/TU"\n    relation: implements\nsigner:'), [
        'content/ke-hoach-mau.md:10: lỗi[tự-thực-hiện]: kế hoạch thực hiện (hoặc căn cứ vào) chính nó: bases[0] có số "12-KH/TU", trùng số của kế hoạch (number: "12-KH/TU"). Cách sửa: sửa số văn bản trong bases/supersedes theo văn bản gốc, hoặc sửa number của kế hoạch.',
    ], "error")
case("id-of-299-characters", {"ke-hoach-mau.md": edit("id: ke-hoach-mau", "id: " + "-".join(["ke-hoach"] * 33) + "-mau12")}, [
        'content/ke-hoach-mau.md:2: lỗi[id-quá-dài]: id của kế hoạch dài 302 ký tự, vượt giới hạn 120 ký tự (id đặt tên cho tệp của trang, mà tên tệp có giới hạn độ dài). Cách sửa: rút gọn id: tên tổ chức, số và ký hiệu là đủ, ví dụ lam-dong-12-kh-tu.',
    ], "error")
case("utf-32-file", GOOD.encode("utf-32"), [
        'content/ke-hoach-mau.md:1: lỗi[mã-hóa]: tệp ở mã UTF-32, không phải UTF-8. Cách sửa: lưu lại tệp với mã UTF-8 (trong trình soạn thảo: File → Save As, chọn mã UTF-8).',
    ], "error")
case("fifo-named-md", {"ke-hoach-mau.md": GOOD, "treo.md": lambda p: os.mkfifo(p)}, [
        'content/treo.md:1: cảnh báo[tệp-bị-bỏ-qua]: đây là ống dẫn (FIFO), không phải tệp văn bản; bị bỏ qua. Cách sửa: xóa nó khỏi content/ (kế hoạch và danh mục là tệp văn bản thường).',
    ], "warning")
case("symlink-loop", {"ke-hoach-mau.md": GOOD, "vong.md": lambda p: p.symlink_to("vong.md")}, [
        'content/vong.md:1: lỗi[không-đọc-được]: không đọc được tệp: tệp là liên kết vòng (liên kết trỏ về chính nó, hoặc các liên kết trỏ vòng qua nhau). Cách sửa: sao chép lại tệp vào content/.',
    ], "error")
case("folder-link-back-to-content", {"ke-hoach-mau.md": GOOD, "lam-dong/ca-thu-muc": lambda p: p.symlink_to("..")}, [], "ok")
case("file-name-not-utf-8", {"ke-hoach-mau.md": GOOD, os.fsdecode(b"k\xe9-hoach.md"): GOOD.replace("ke-hoach-mau", "khac")}, [
        'content/k\\xE9-hoach.md:1: lỗi[tên-tệp]: tên tệp không phải chữ UTF-8 (hệ điều hành lưu tên bằng bảng mã khác); tệp không được đọc. Cách sửa: đổi tên tệp, chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối, ví dụ ke-hoach-12.md.',
    ], "error")
case("file-name-with-newline", {"ke-hoach-mau.md": GOOD, "ke\nhoach.md": GOOD.replace("id: ke-hoach-mau", "id: khac")}, [
        'content/ke<U+000A>hoach.md:1: lỗi[tên-tệp]: tên tệp có ký tự xuống dòng hoặc ký tự điều khiển; tệp không được đọc. Cách sửa: đổi tên tệp, chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối, ví dụ ke-hoach-12.md.',
    ], "error")
case("alias-empty", GOOD, [
        'content/agencies.yml:60: lỗi[giá-trị-rỗng]: tên gọi thứ 2 trong aliases của "trung-uong/bo-chinh-tri" để trống: một tên rỗng khớp với mọi chỗ trong văn bản. Cách sửa: xóa dòng đó, hoặc viết tên gọi khác của cơ quan.',
    ], "error", registry=REGISTRY.replace('      aliases: ["BCT"]', '      aliases: ["BCT", ""]', 1))
case("aliases-as-one-string", GOOD, [
        'content/agencies.yml:60: lỗi[sai-kiểu]: aliases của "trung-uong/bo-chinh-tri" phải là danh sách (mỗi tên một dòng \'- \'), không phải một chuỗi. Cách sửa: viết mỗi tên gọi khác trên một dòng "- Tên" dưới aliases:, hoặc trong ngoặc vuông: aliases: ["Tỉnh ủy", "BCH"].',
    ], "error", registry=REGISTRY.replace('      aliases: ["BCT"]', '      aliases: "BCT, Bộ CT"', 1))
case("alias-on-two-bodies", GOOD, [
        'content/agencies.yml:58: lỗi[tên-trùng]: tên "BCHTW" của "trung-uong/bo-chinh-tri" đã là tên của "trung-uong/ban-chap-hanh" (ở content/agencies.yml:54): một tên chỉ được chỉ một cơ quan. Cách sửa: xóa tên đó khỏi một trong hai cơ quan; nếu hai mục là một cơ quan, gộp chúng làm một.',
    ], "error", registry=REGISTRY.replace('      aliases: ["BCT"]', '      aliases: ["BCT", "BCHTW"]', 1))
case("body-name-as-list", GOOD, [
        'content/agencies.yml:59: lỗi[sai-kiểu]: name của "trung-uong/bo-chinh-tri" phải là một chuỗi văn bản, không phải danh sách. Cách sửa: viết một tên trên dòng name:, các tên gọi khác ghi ở aliases (mỗi tên một dòng \'- \').',
    ], "error", registry=REGISTRY.replace("      name: Bộ Chính trị\n", "      name: [Bộ Chính trị, BCT]\n", 1))
case("body-name-with-zero-width-space", GOOD, [
        'content/agencies.yml:59: lỗi[ký-tự-không-nhìn-thấy]: tên "Bộ Chính<U+200B> trị" của "trung-uong/bo-chinh-tri" có ký tự không nhìn thấy U+200B (dấu cách độ rộng 0); tên này không bao giờ khớp với văn bản. Cách sửa: xóa tên rồi gõ lại bằng bàn phím (ký tự này thường lẫn vào khi sao chép từ Word hoặc trang web).',
    ], "error", registry=REGISTRY.replace("      name: Bộ Chính trị\n", "      name: Bộ Chính\u200b trị\n", 1))
case("organisation-name-as-list", GOOD, [
        'content/agencies.yml:16: lỗi[sai-kiểu]: name của tổ chức phải là một chuỗi văn bản, không phải danh sách. Cách sửa: viết một giá trị trên cùng dòng, ví dụ name: Tỉnh ủy Lâm Đồng; tên gọi khác của cơ quan ghi ở aliases.',
    ], "error", registry=REGISTRY.replace("    name: Tỉnh ủy Bình Phước\n", "    name: [Tỉnh ủy Bình Phước, TU]\n", 1))
case("parent-cycle", GOOD, [
        'content/agencies.yml:10: lỗi[vòng-tổ-chức-cha]: tổ chức cha đi thành vòng: binh-dinh → binh-phuoc → binh-dinh; các tổ chức trong vòng không có chỗ trong cây tổ chức của trang chủ. Cách sửa: sửa trường parent: tổ chức cấp trên không thể là con của tổ chức cấp dưới của nó.',
    ], "error", registry=REGISTRY.replace("    name: Tỉnh ủy Bình Định\n    level: province\n    parent: trung-uong", "    name: Tỉnh ủy Bình Định\n    level: province\n    parent: binh-phuoc", 1).replace("    name: Tỉnh ủy Bình Phước\n    level: province\n    parent: trung-uong", "    name: Tỉnh ủy Bình Phước\n    level: province\n    parent: binh-dinh", 1))
case(
    "documents-yml-with-unreadable-agencies-yml",
    {"ke-hoach-mau.md": GOOD, "documents.yml": "documents:\n" + "".join(f"  - key: lam-dong/{n}-KH/TU\n    title: Kế hoạch {n}\n" for n in range(1, 6))},
    [
        "content/agencies.yml:21: lỗi[cú-pháp-yaml]: danh mục (YAML) không đọc được: có ký tự Tab. Cách sửa: kiểm tra dấu hai chấm sau tên trường, thụt lề bằng dấu cách (không dùng Tab) và đặt giá trị có dấu ':' hoặc '#' trong ngoặc kép.",
    ],
    "error",
    registry=REGISTRY.replace("  - id: lam-dong\n", "  - id: lam-dong\n\t", 1),
)


@pytest.mark.parametrize("c", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_bad_input(tmp_path, c):
    project = tmp_path / "du-an"
    write(project, c.files, c.registry)
    if c.id == "agencies-yml-in-tcvn3":
        (project / "content" / "agencies.yml").write_bytes(to_tcvn3(REGISTRY))
    assert_outcome(project, c.expected, c.outcome)


# --- cases that need more than one check run ---------------------------------------------


def project_with(tmp_path: Path, files: dict, registry: str | None = "default") -> Path:
    project = tmp_path / "du-an"
    write(project, files, registry)
    return project


def padded(size: int) -> bytes:
    """GOOD with an opening paragraph of ASCII words making the file ``size`` bytes."""
    head, tail = GOOD.encode("utf-8").split(b"## I.", 1)
    filler = size - len(head) - len(tail) - len(b"## I.") - 2
    words = (b"kiem tra " * (filler // 9 + 1))[:filler]
    return head + words + b"\n\n## I." + tail


def test_file_size_limit(tmp_path):
    at_limit = project_with(tmp_path / "a", {"ke-hoach-mau.md": padded(MAX_FILE_BYTES)})
    assert (at_limit / "content" / "ke-hoach-mau.md").stat().st_size == MAX_FILE_BYTES
    assert_outcome(at_limit, [], "ok")
    over = project_with(tmp_path / "b", {"ke-hoach-mau.md": padded(MAX_FILE_BYTES + 1)})
    assert_outcome(
        over,
        [
            f"{F}:1: lỗi[tệp-quá-lớn]: tệp dài 5.242.881 byte, vượt giới hạn 5.242.880 byte (5 MB) của một kế hoạch. Cách sửa: "
            "kiểm tra xem tệp có bị dán nhầm nội dung khác không; tách phụ lục lớn thành tệp riêng."
        ],
        "error",
    )


UNREADABLE = [
    f"{F}:1: lỗi[không-đọc-được]: không đọc được tệp: không có quyền đọc. Cách sửa: cấp quyền đọc cho tệp (ví dụ chmod a+r) "
    "hoặc sao chép lại tệp vào content/."
]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode; see the simulated case below")
def test_file_without_read_permission(tmp_path):
    project = project_with(tmp_path, {"ke-hoach-mau.md": GOOD})
    path = project / "content" / "ke-hoach-mau.md"
    path.chmod(0)
    try:
        assert_outcome(project, UNREADABLE, "error")
    finally:
        path.chmod(0o644)


def test_file_without_read_permission_simulated(tmp_path, monkeypatch):
    """The same message when reading is refused, also where the tests run as root."""
    project = project_with(tmp_path, {"ke-hoach-mau.md": GOOD, "khac.md": edit("id: ke-hoach-mau", "id: khac")})
    real = Path.read_bytes

    def refuse(self):
        if self.name == "ke-hoach-mau.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert_outcome(project, UNREADABLE, "error")


def test_five_problems_in_one_file_give_five_messages(tmp_path):
    text = edit("type: ke-hoach", "type: kehoach")
    text = edit("date: 2023-03-15", "date: 2023-02-30", text)
    text = edit("organisation: lam-dong", "organisation: lam-dnog", text)
    text = edit("issuer:", "tac_gia: Văn phòng\nissuer:", text)
    text = edit("1. Nâng cao", "1. Nâng\x0b cao", text)
    assert_outcome(
        project_with(tmp_path, {"ke-hoach-mau.md": text}),
        [
            f'{F}:3: lỗi[giá-trị-không-hợp-lệ]: type (loại văn bản): giá trị "kehoach" không hợp lệ. Cách sửa: chọn một trong: '
            "ke-hoach, chuong-trinh-hanh-dong, nghi-quyet, ket-luan, chi-thi, quy-dinh, quyet-dinh, huong-dan, thong-bao, cong-van, "
            "bao-cao, de-an.",
            f"{F}:5: lỗi[ngày-không-hợp-lệ]: date (ngày ban hành): ngày 30/02/2023 không tồn tại. {NO_SUCH_DAY}",
            f'{F}:6: lỗi[tổ-chức-không-rõ]: tổ chức "lam-dnog" không có trong danh mục content/agencies.yml. Cách sửa: có phải "lam-dong"?',
            f'{F}:7: lỗi[trường-lạ]: phần đầu tệp: có trường không được hỗ trợ "tac_gia". Cách sửa: {FIELD_HINT}',
            control(20, "U+000B (tab dọc)", 8),
        ],
        "error",
    )


def test_a_broken_file_does_not_hide_the_others(tmp_path):
    project = project_with(
        tmp_path,
        {"a.md": b"\x89PNG\r\n\x1a\n\x00\x00", "ke-hoach-mau.md": edit("date: 2023-03-15", "date: 2023-13-01"), "z.md": to_vni(GOOD)},
    )
    messages, code = check(project)
    assert [m.split(": ", 2)[:2] for m in messages] == [
        ["content/a.md:1", "lỗi[tệp-nhị-phân]"],
        ["content/ke-hoach-mau.md:5", "lỗi[ngày-không-hợp-lệ]"],
        ["content/z.md:7", "lỗi[mã-hóa]"],
    ]
    assert code == 1


def test_nfd_text_becomes_nfc_on_the_page(tmp_path):
    from generator.links import plan_md
    from generator.pipeline import build_corpus, emit_site

    project = project_with(tmp_path, {"ke-hoach-mau.md": unicodedata.normalize("NFD", GOOD)})
    corpus, report = build_corpus(project, (project / "content").resolve())
    assert report.diagnostics == []
    (plan,) = corpus.plans
    assert plan.title == "Về tăng cường công tác kiểm tra, giám sát"
    assert unicodedata.is_normalized("NFC", plan.issuer) and [a.agency for t in corpus.tasks for a in t.assignees] == ["lam-dong/ban-to-chuc"]
    page = emit_site(corpus)[plan_md("ke-hoach-mau")]
    assert unicodedata.is_normalized("NFC", page)
    assert "Nâng cao chất lượng công tác kiểm tra." in page


@pytest.mark.parametrize(
    "registry,expected",
    [
        (None, ["content/agencies.yml:1: lỗi[thiếu-danh-mục]"]),
        (REGISTRY.replace("  - id: lam-dong\n", "  - id: lam-dong\n\t", 1), ["content/agencies.yml:21: lỗi[cú-pháp-yaml]"]),
        (to_tcvn3(REGISTRY), ["content/agencies.yml:3: lỗi[mã-hóa]"]),
    ],
    ids=["missing", "broken", "tcvn3"],
)
def test_an_unusable_registry_is_one_error_not_one_per_plan(tmp_path, registry, expected):
    """The loader's part of the registry cases above (which also need the pipeline patch)."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "ke-hoach-mau.md").write_text(GOOD, encoding="utf-8")
    if isinstance(registry, bytes):
        (content / "agencies.yml").write_bytes(registry)
    elif registry is not None:
        (content / "agencies.yml").write_text(registry, encoding="utf-8")
    report = Report()
    plans, organisations = load_corpus(content, tmp_path, report)
    assert [": ".join(str(d).split(": ", 2)[:2]) for d in report.diagnostics] == expected
    assert [p.id for p in plans] == ["ke-hoach-mau"] and organisations == {}


# --- the syllable test behind the encoding checks ----------------------------------------


@pytest.mark.parametrize(
    "word,syllable",
    [
        ("hoạch", True),
        ("Quyết", True),
        ("NGHIÊNG", True),
        ("khuỷu", True),
        ("giữ", True),
        ("người", True),
        ("Kõ", True),  # shaped like a syllable, though no word: never called garbled
        ("ho¹ch", False),  # TCVN3 "hoạch" read as Latin-1
        ("Keá", False),  # VNI "Kế" read as Windows-1252
        ("hoaïch", False),
        ("chiÒ", False),  # Windows-1258 "chỉ" read as Latin-1
        ("hóạ", False),  # two tones
        ("ḿ", False),  # a tone on a consonant
        ("café", False),
        ("xyz", False),
    ],
)
def test_is_syllable(word, syllable):
    assert encoding.is_syllable(word) is syllable


def test_find_mojibake_names_table_word_and_line():
    text = "Dòng một.\n" + to_vni("Quyết định của Ban Thường vụ").decode("cp1252") + "\n"
    assert encoding.find_mojibake(text) == encoding.Mojibake(encoding.VNI, "Quyeát", "Quyết", 2, 5)


def test_every_code_here_is_in_the_author_guide_table():
    """The authors' table of codes (pages/huong-dan/soan-thao.md) lists every code this suite expects."""
    guide = (ROOT / "pages" / "huong-dan" / "soan-thao.md").read_text(encoding="utf-8")
    table = set(re.findall(r"^\| `([^`]+)`", guide.split("### Bảng mã lỗi", 1)[1], re.M))
    codes = {m for c in CASES for message in c.expected for m in re.findall(r"(?:lỗi|cảnh báo)\[([^\]]+)\]", message)}
    assert len(codes) >= 25
    assert codes - table == set()
