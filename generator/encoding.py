"""File bytes -> checked text, and Vietnamese in the legacy 8-bit code tables.

:func:`read_text` is how every file of content/ is read: size, binary files,
UTF-16, UTF-8 with a BOM, line ends, NFC, control characters, and text in a
legacy table, each reported in Vietnamese with its line.

Before Unicode, Vietnamese was typed in TCVN3 (ABC; the .VnTime, .VnArial
fonts), VNI Windows (the VNI-Times fonts) or Windows-1258.  Plans still arrive
that way: a file that is not UTF-8 at all, or a UTF-8 file whose text went
through a wrong conversion and reads "KÕ ho¹ch" (TCVN3) or "Keá hoaïch" (VNI)
for "Kế hoạch".

Both are recognised the same way: decode the suspicious words with each table
and count those that come out as well-formed Vietnamese syllables.  The
right table turns nearly every word into a syllable; the wrong ones produce
symbols ("¹"), stray marks or impossible vowel clusters.  Legacy bytes are
never turned into page text: a file in a legacy table is refused with the
table's name, and a garbled word is only quoted with the word it stands for.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diagnostics import Report
from .model import Source

MAX_FILE_BYTES = 5 * 1024 * 1024

TCVN3 = "TCVN3 (ABC)"
VNI = "VNI Windows"
CP1258 = "Windows-1258"

# How the encodings are called where authors meet them.
FONTS = {TCVN3: "các phông .VnTime, .VnArial", VNI: "các phông VNI-Times, VNI-Helve", CP1258: None}
UNIKEY = {TCVN3: "TCVN3 (ABC)", VNI: "VNI Windows", CP1258: "Vietnamese locale CP 1258"}

# TCVN 5712:1993, bytes 0x80-0xFF (as glibc's TCVN5712-1).  The ABC fonts
# (VN3) use the lower-case positions and 0xA1-0xAE; capitals with a tone are
# typed with the same codes in the capital-only ".VnTimeH" fonts.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ"
)
_TCVN3 = {0x80 + i: ch for i, ch in enumerate(_TCVN3_HIGH)}

# VNI Windows writes a letter as its base letter followed by one byte for
# the marks ("ế" = "e" + 0xE1); ơ, ư, đ and the i-vowels are single bytes.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI = {
    # lower case
    0xF9: _ACUTE, 0xF8: _GRAVE, 0xFB: _HOOK, 0xF5: _TILDE, 0xEF: _DOT,
    0xE2: _CIRC, 0xE1: _CIRC + _ACUTE, 0xE0: _CIRC + _GRAVE, 0xE5: _CIRC + _HOOK, 0xE3: _CIRC + _TILDE, 0xE4: _CIRC + _DOT,
    0xEA: _BREVE, 0xE9: _BREVE + _ACUTE, 0xE8: _BREVE + _GRAVE, 0xFA: _BREVE + _HOOK, 0xFC: _BREVE + _TILDE, 0xEB: _BREVE + _DOT,
    0xF4: "ơ", 0xF6: "ư", 0xF1: "đ", 0xED: "í", 0xEC: "ì", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ",
    # capitals
    0xD9: _ACUTE, 0xD8: _GRAVE, 0xDB: _HOOK, 0xD5: _TILDE, 0xCF: _DOT,
    0xC2: _CIRC, 0xC1: _CIRC + _ACUTE, 0xC0: _CIRC + _GRAVE, 0xC5: _CIRC + _HOOK, 0xC3: _CIRC + _TILDE, 0xC4: _CIRC + _DOT,
    0xCA: _BREVE, 0xC9: _BREVE + _ACUTE, 0xC8: _BREVE + _GRAVE, 0xDA: _BREVE + _HOOK, 0xDC: _BREVE + _TILDE, 0xCB: _BREVE + _DOT,
    0xD4: "Ơ", 0xD6: "Ư", 0xD1: "Đ", 0xCD: "Í", 0xCC: "Ì", 0xC6: "Ỉ", 0xD3: "Ĩ", 0xD2: "Ị", 0xCE: "Ỵ",
}


def decode(data: bytes, encoding: str) -> str:
    """``data`` read with a legacy table, as NFC text; unknown bytes become U+FFFD."""
    if encoding == CP1258:
        text = data.decode("cp1258", errors="replace")
    else:
        table = _TCVN3 if encoding == TCVN3 else _VNI
        text = "".join(chr(b) if b < 0x80 else table.get(b, "\ufffd") for b in data)
    return unicodedata.normalize("NFC", text)


# --- what a Vietnamese syllable looks like ----------------------------------------

_TONES = set(_ACUTE + _GRAVE + _HOOK + _TILDE + _DOT)
_VOWELS = set("aăâeêioôơuưy")
_INITIAL = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])"
_NUCLEUS = "|".join(
    sorted(
        """a ă â e ê i o ô ơ u ư y
        ai ao au ay âu ây eo êu ia iu iê oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê
        iêu yêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu""".split(),
        key=len,
        reverse=True,
    )
)
_SYLLABLE = re.compile(rf"{_INITIAL}?(?:{_NUCLEUS})(?:ch|nh|ng|[cmnpt])?")


@lru_cache(maxsize=65536)  # words repeat: a plan has a few thousand distinct ones
def is_syllable(word: str) -> bool:
    """True when ``word`` is shaped like one Vietnamese syllable ("hoạch", "Quyết")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = 0
    previous = ""
    for ch in decomposed:
        if ch in _TONES:
            tones += 1
            if unicodedata.normalize("NFC", previous)[-1:] not in _VOWELS:
                return False  # a tone mark on a consonant: a stray mark byte
        else:
            previous = previous + ch if unicodedata.combining(ch) else ch
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return bool(_SYLLABLE.fullmatch(base))


# --- files that are not UTF-8 -------------------------------------------------------

_RAW_WORD = re.compile(rb"[A-Za-z\x80-\xff]+")


def detect_legacy_encoding(data: bytes) -> str | None:
    """The legacy table ``data`` is most likely written in, or None.

    Only words with a byte above 0x7F count: those are the ones the tables
    disagree on.  The best table must make at least three of them, and half
    of them, syllables, and clearly more than the next best: Vietnamese text
    in its own table comes out nearly whole, in another one mostly broken.
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    words = Counter(w for w in _RAW_WORD.findall(data) if max(w) >= 0x80)
    if not words:
        return None
    scores = {name: sum(n for w, n in words.items() if is_syllable(decode(w, name))) for name in (TCVN3, VNI, CP1258)}
    best, second = sorted(scores.values(), reverse=True)[:2]
    if best < 3 or best * 2 < words.total() or best * 2 < second * 3:
        return None
    return max(scores, key=lambda name: scores[name])


# --- UTF-8 files holding legacy text read as Latin-1 --------------------------------

# A word as it may look after a wrong conversion: letters, combining marks and
# the Latin-1 symbols legacy bytes turn into ("ho¹ch", "M\xadêng", "Keá").
_TEXT_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00ff\u0300-\u036f])+")


@dataclass(frozen=True, slots=True)
class Mojibake:
    """Legacy-encoded text that was read as Latin-1 and saved as UTF-8."""

    encoding: str  # TCVN3, VNI or CP1258
    word: str  # the first garbled word, as it is in the file: "ho¹ch"
    meant: str  # what it reads as in ``encoding``: "hoạch"
    line: int  # 1-based line of ``word``
    count: int  # how many garbled words the text holds


def _as_bytes(word: str) -> bytes | None:
    """The bytes a Latin-1/Windows-1252 reading turned into ``word``, if any."""
    try:
        return word.encode("cp1252")
    except UnicodeEncodeError:
        pass
    if max(word) > "\u00ff":
        return None
    return word.encode("latin-1")  # 0x80-0x9F read as C1 controls


_TABLES = (TCVN3, VNI, CP1258)
_ASCII_LETTER = re.compile("[A-Za-z]")


@lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[tuple[str, str], ...]:
    """(table, syllable) for each legacy table in which ``word`` is the
    garbled form of a syllable; () for every ordinary word."""
    if word.isascii() or not _ASCII_LETTER.search(word):
        return ()
    raw = _as_bytes(word)
    if raw is None or is_syllable(word):
        return ()  # letters no legacy byte turns into ("hoạch"), or Vietnamese as it stands
    return tuple((name, meant) for name in _TABLES if is_syllable(meant := decode(raw, name)))


# The only words _readings() can find anything in are made of letters a
# Latin-1 or Windows-1252 reading produces (ASCII, U+00A1-U+00FF and the
# letters Windows-1252 puts at 0x80-0x9F), at least one of them not ASCII.
# Such a word is a whole run of those letters (the characters round a word
# are none of them), so the runs holding a non-ASCII one are all there is to
# check.  A run that is only part of a word ("ho" of "hoạch") costs a look-up
# at most: if it had a reading, the full scan below would decide.  Unicode
# Vietnamese has a few hundred such runs per plan ("các", "có"): finding them
# costs a third of reading every word.
_LATIN = "\u00a1-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
_LATIN_WORD = re.compile(f"[A-Za-z{_LATIN}]*[{_LATIN}][A-Za-z{_LATIN}]*")


def find_mojibake(text: str) -> Mojibake | None:
    """The first word of ``text`` that is legacy text read as Latin-1, if any.

    A word counts when it is not a syllable as written but becomes one in a
    legacy table ("ho¹ch" -> TCVN3 "hoạch", "Keá" -> VNI "Kế").  Words that are
    Vietnamese as they stand ("Kõ" could be either) never count.
    """
    if not any(_readings(word) for word in set(_LATIN_WORD.findall(text))):
        return None  # the common case; the scan below finds the first word, line and count
    first: dict[str, tuple[str, str, int]] = {}
    counts = dict.fromkeys(_TABLES, 0)
    for line_no, line in enumerate(text.split("\n"), start=1):
        if line.isascii():
            continue
        for m in _TEXT_WORD.finditer(line):
            for name, meant in _readings(m.group(0)):
                counts[name] += 1
                first.setdefault(name, (m.group(0), meant, line_no))
    name = max(counts, key=lambda n: counts[n])
    if not counts[name]:
        return None
    word, meant, line_no = first[name]
    return Mojibake(name, word, meant, line_no, counts[name])


# --- reading a file ------------------------------------------------------------------


def _bytes(n: int) -> str:
    return f"{n:,}".replace(",", ".") + " byte"


# What a ".md" file really is when it starts with these bytes.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF87a", "ảnh GIF"),
    (b"GIF89a", "ảnh GIF"),
    (b"%PDF-", "tệp PDF"),
    (b"PK\x03\x04", "tệp nén ZIP (tệp Word .docx, Excel .xlsx cũng là dạng này)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tệp Word .doc hoặc Excel .xls"),
    (b"{\\rtf", "tệp RTF của Word"),
)


def _utf32(data: bytes) -> bool:
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return True
    head = data[: 4096 - 4096 % 4]
    # Text in UTF-32 has two zero bytes in every four (characters stay below U+10000).
    quarter = len(head) // 4
    zero = [head[i::4].count(0) * 10 >= quarter * 9 for i in range(4)]
    return quarter >= 4 and ((zero[2] and zero[3]) or (zero[0] and zero[1]))


def _utf16(data: bytes) -> bool:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:4096]
    # ASCII-heavy text in UTF-16 has a zero in every other byte.
    return len(head) >= 16 and max(head[0::2].count(0), head[1::2].count(0)) * 10 >= len(head) * 4


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    head = data[:8192]
    zeros = head.count(0)
    if zeros > 8 or zeros * 100 > len(head):
        return "tệp nhị phân (có byte 0)"
    return None


# Control characters other than tab and line feed (carriage returns are line
# ends and are normalised first), DEL, the C1 controls, the two
# noncharacters YAML refuses, a byte-order mark inside the text and the
# direction controls that make text show in another order than it is read
# ("Trojan source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "chuông", 0x08: "xóa lùi", 0x0B: "tab dọc", 0x0C: "ngắt trang", 0x1B: "ESC", 0x7F: "DEL",
    0xFEFF: "dấu BOM giữa văn bản", 0x200E: "dấu chiều trái-phải", 0x200F: "dấu chiều phải-trái",
    0x202A: "mở chiều trái-phải", 0x202B: "mở chiều phải-trái", 0x202C: "đóng chiều chữ",
    0x202D: "ép chiều trái-phải", 0x202E: "ép chiều phải-trái, đảo ngược chữ",
    0x2066: "mở cô lập trái-phải", 0x2067: "mở cô lập phải-trái", 0x2068: "mở cô lập", 0x2069: "đóng cô lập",
}


def _control_characters(text: str, rel: str, report: Report) -> str:
    """Report every line holding a control character; blank them out so the
    rest of the file can still be checked."""
    if not _CONTROL.search(text):
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        found = list(_CONTROL.finditer(line))
        if not found:
            continue
        first = found[0]
        code = ord(first.group(0))
        name = f"U+{code:04X}" + (f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else "")
        more = f" và {len(found) - 1} ký tự như vậy nữa" if len(found) > 1 else ""
        report.error(
            "ký-tự-điều-khiển",
            f"dòng có ký tự điều khiển {name} ở cột {first.start() + 1}{more}; ký tự này không nhìn thấy được và không được phép trong văn bản.",
            Source(rel, index + 1),
            "xóa ký tự đó (thường lẫn vào khi dán từ Word hoặc PDF); trong Notepad++ chọn View → Show Symbol → "
            "Show All Characters để thấy nó.",
        )
        lines[index] = _CONTROL.sub(" ", line)
    return "\n".join(lines)


def _legacy_hint(name: str) -> str:
    if name == CP1258:
        return (
            "mở lại tệp với bảng mã Windows-1258 (Visual Studio Code: Reopen with Encoding → Vietnamese (Windows 1258); "
            "Notepad++: Encoding → Character sets → Vietnamese → Windows-1258) rồi lưu lại với mã UTF-8."
        )
    return (
        f"chuyển mã bằng Unikey (Bảng mã nguồn: {UNIKEY[name]}, Bảng mã đích: Unicode) rồi lưu tệp với mã UTF-8; "
        'xem mục "Tệp phải ở mã UTF-8" trong Hướng dẫn soạn thảo.'
    )


def _table(name: str) -> str:
    fonts = FONTS.get(name)
    return f"bảng mã {name}" + (f" (của {fonts})" if fonts else "")


def decode_text(data: bytes, rel: str, report: Report) -> str | None:
    """File bytes -> NFC text with LF line ends, or None after reporting why not."""
    source = Source(rel, 1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        report.error("tệp-rỗng", "tệp rỗng.", source, "xóa tệp hoặc điền nội dung kế hoạch.")
        return None
    if _utf32(data):
        report.error(
            "mã-hóa",
            "tệp ở mã UTF-32, không phải UTF-8.",
            source,
            "lưu lại tệp với mã UTF-8 (trong trình soạn thảo: File → Save As, chọn mã UTF-8).",
        )
        return None
    if _utf16(data):
        report.error(
            "mã-hóa",
            'tệp ở mã UTF-16 (Notepad gọi là "Unicode"), không phải UTF-8.',
            source,
            "lưu lại tệp với mã UTF-8 (Notepad: File → Save As, ô Encoding chọn UTF-8).",
        )
        return None
    kind = _binary_kind(data)
    if kind is not None:
        report.error(
            "tệp-nhị-phân",
            f"tệp không phải văn bản mà là {kind}.",
            source,
            "chỉ đặt tệp văn bản thuần .md trong content/; nếu đây là văn bản gốc, chép nội dung sang một tệp .md "
            "theo Hướng dẫn soạn thảo.",
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        legacy = detect_legacy_encoding(data)
        if legacy is None:
            report.error(
                "mã-hóa",
                "tệp không ở mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI).",
                Source(rel, line),
                "mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8 (hoặc chuyển mã bằng Unikey).",
            )
        else:
            report.error("mã-hóa", f"tệp không ở mã UTF-8: tệp có vẻ dùng {_table(legacy)}.", Source(rel, line), _legacy_hint(legacy))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _control_characters(text, rel, report)
    garbled = find_mojibake(text)
    if garbled is not None:
        others = f" (và {garbled.count - 1} chữ khác)" if garbled.count > 1 else ""
        report.warning(
            "bảng-mã-cũ",
            f'chữ "{garbled.word}"{others} có vẻ là chữ gõ bằng {_table(garbled.encoding)} bị chuyển sai sang Unicode '
            f'("{garbled.word}" là "{garbled.meant}"); trang sẽ hiện chữ lỗi.',
            Source(rel, garbled.line),
            f"chép đoạn chữ lỗi, chuyển mã bằng Unikey (Bảng mã nguồn: {UNIKEY[garbled.encoding]}, "
            "Bảng mã đích: Unicode) rồi dán lại.",
        )
    return text


# What the system says when a file cannot be read, as the people who build say it.
_OS_ERRORS = {
    errno.ELOOP: "tệp là liên kết vòng (liên kết trỏ về chính nó, hoặc các liên kết trỏ vòng qua nhau)",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EISDIR: "đây là một thư mục",
    errno.EIO: "lỗi đọc đĩa",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
}


def os_error(exc: OSError) -> str:
    """An OSError in Vietnamese (never the system's English)."""
    return _OS_ERRORS.get(exc.errno, f"lỗi hệ thống (mã {errno.errorcode.get(exc.errno, exc.errno)})")


def special_file(path: Path) -> str | None:
    """What ``path`` is when it is neither a regular file nor a folder (a
    FIFO would make reading it wait forever), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "ống dẫn (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "tệp thiết bị"


def read_text(path: Path, rel: str, report: Report) -> str | None:
    """The file at ``path`` (``rel`` in messages) as NFC text with LF line
    ends, or None after reporting why not."""
    kind = special_file(path)
    if kind is not None:
        report.error(
            "không-đọc-được",
            f"đây là {kind}, không phải tệp văn bản; đọc nó có thể phải chờ mãi.",
            Source(rel, 1),
            "xóa nó khỏi content/ và đặt vào đó tệp văn bản thật.",
        )
        return None
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.error(
                "tệp-quá-lớn",
                f"tệp dài {_bytes(size)}, vượt giới hạn {_bytes(MAX_FILE_BYTES)} (5 MB) của một kế hoạch.",
                Source(rel, 1),
                "kiểm tra xem tệp có bị dán nhầm nội dung khác không; tách phụ lục lớn thành tệp riêng.",
            )
            return None
        data = path.read_bytes()
    except PermissionError:
        report.error(
            "không-đọc-được",
            "không đọc được tệp: không có quyền đọc.",
            Source(rel, 1),
            "cấp quyền đọc cho tệp (ví dụ chmod a+r) hoặc sao chép lại tệp vào content/.",
        )
        return None
    except FileNotFoundError:
        target = os.readlink(path) if path.is_symlink() else path.name
        report.error(
            "không-đọc-được",
            f'tệp là liên kết tới "{target}" nhưng tệp đó không tồn tại.',
            Source(rel, 1),
            "xóa liên kết, hoặc sao chép tệp thật vào content/.",
        )
        return None
    except OSError as exc:
        report.error("không-đọc-được", f"không đọc được tệp: {os_error(exc)}.", Source(rel, 1), "sao chép lại tệp vào content/.")
        return None
    return decode_text(data, rel, report)
