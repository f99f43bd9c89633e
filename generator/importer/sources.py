"""Reading a plan as it arrives: the bytes of a .txt/.md, a .docx or a .pdf
-> the text the importer converts.  Every failure is an :class:`ImportFailed`
with a Vietnamese message naming the file and saying how to fix it.

The kind of a file is told by its first bytes, not by its name: a PDF saved
as ``.txt`` (``%PDF-``) is read as a PDF, a Word file renamed is read as Word
(a zip holding ``word/document.xml``), and text may be UTF-8 or UTF-16.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path
from typing import Callable

SUPPORTED = (".txt", ".md", ".docx", ".pdf")

Progress = Callable[[int, int], None]


class ImportFailed(Exception):
    """The file cannot be imported (unsupported type, unreadable encoding)."""


def read_plan(path: Path, progress: Progress | None = None, notes: list[str] | None = None, ocr: dict[int, int] | None = None) -> tuple[str, bool]:
    """(text, one block per line): the text of the plan, and whether each
    line of it is a block already (a Word or PDF file, read by layout), so
    that lines are never re-joined as those of a text export are.

    ``progress(done, total)`` is called per page of a PDF; ``notes``
    receives what the review report should say of the file itself; ``ocr``
    the lines read by OCR from a scan (line -> page), the only ones that
    may be repaired."""
    path = Path(path)
    head = _head(path)
    kind = _kind(path, head)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, progress, notes, ocr), True
    if kind == "docx":
        return _read_docx(path), True
    if kind == "zip" and path.suffix.lower() == ".docx":
        return _read_docx(path), True  # the Word reader tells a spreadsheet or a slide show renamed .docx
    if kind == "zip":
        raise ImportFailed(
            f"{path}: tệp nén (zip) nhưng không phải văn bản Word .docx (có thể là .xlsx, .odt hoặc thư mục nén); "
            "giải nén hoặc mở bằng Word rồi lưu thành .docx, .pdf hay .txt để nhập."
        )
    if kind == "ole":
        if path.suffix.lower() == ".docx":
            return _read_docx(path), True  # a password-protected .docx is an OLE file: the Word reader says so
        raise ImportFailed(
            f"{path}: tệp Word 97-2003 (.doc) chưa đọc được; mở bằng Word, chọn Lưu thành > Word Document (.docx) rồi nhập tệp .docx."
        )
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".md"):
        if suffix in (".pdf", ".docx"):
            shown = "PDF" if suffix == ".pdf" else "Word"
            raise ImportFailed(
                f"{path}: tệp có đuôi {suffix} nhưng nội dung không phải tệp {shown} (thiếu phần đầu của tệp {shown}); "
                f"tệp bị hỏng hoặc bị đổi tên: tải lại tệp gốc rồi nhập lại."
            )
        raise ImportFailed(f"{path}: không nhập được tệp {suffix or 'không có đuôi'}; chỉ nhận {', '.join(SUPPORTED)}.")
    return _read_text(path), False


def read_source(path: Path) -> str:
    """The text of the plan (see :func:`read_plan`, which also says whether
    its lines are blocks)."""
    return read_plan(path)[0]


# --- what a file is ----------------------------------------------------------------


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(1024)
    except IsADirectoryError:
        raise ImportFailed(f"{path}: là một thư mục, không phải tệp; chỉ ra một tệp .txt, .md, .docx hoặc .pdf.") from None
    except FileNotFoundError:
        raise ImportFailed(f"{path}: không có tệp này; kiểm tra lại tên và đường dẫn.") from None
    except OSError as exc:
        raise ImportFailed(f"{path}: không mở được tệp ({exc.strerror or exc.__class__.__name__}).") from None


def _kind(path: Path, head: bytes) -> str:
    """"pdf", "docx", "zip" (another zip), "ole" (.doc) or "text"."""
    if b"%PDF-" in head:  # the header may follow a few bytes of junk
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                return "docx" if "word/document.xml" in z.namelist() else "zip"
        except (zipfile.BadZipFile, OSError):
            return "docx" if path.suffix.lower() == ".docx" else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if path.suffix.lower() == ".docx":
        return "docx"  # not a zip: read_docx says the file is damaged
    return "text"


# --- Word -----------------------------------------------------------------------------


def _read_docx(path: Path) -> str:
    try:
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # python-docx is a dependency; a broken install should say so
        raise ImportFailed(f"{path}: cần gói python-docx để đọc tệp .docx (pip install python-docx).") from None
    from .docx import read_docx

    try:
        return read_docx(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:  # damaged, or not really .docx
        raise ImportFailed(f"{path}: không đọc được tệp Word ({exc.__class__.__name__}); mở bằng Word và lưu lại dạng .docx.") from None


# --- text -----------------------------------------------------------------------------


# A plan of 500 pages holds about 1.5 million characters; past this, a text
# file is not a plan (a database dump, a log) and reading it would take minutes.
MAX_TEXT_BYTES = 8_000_000


def _read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ImportFailed(
            f"{path}: tệp văn bản quá lớn ({size / 1_000_000:.1f} MB; một kế hoạch 500 trang chỉ khoảng 3 MB); "
            "kiểm tra lại tệp, hoặc tách thành từng kế hoạch rồi nhập."
        )
    data = path.read_bytes()
    encoding = _utf16(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise ImportFailed(f"{path}: tệp UTF-16 bị hỏng (số byte lẻ hoặc ký tự không hợp lệ); lưu lại tệp với mã UTF-8 rồi nhập lại.") from None
        text = text.lstrip("\ufeff")
        if not text.strip():
            raise ImportFailed(f"{path}: tệp rỗng.")
        return text
    if not data.strip():
        raise ImportFailed(f"{path}: tệp rỗng.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            f"{path}:{line}: tệp không ở mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI); "
            "mở bằng trình soạn thảo, lưu lại với mã UTF-8 (hoặc chuyển mã bằng Unikey) rồi nhập lại."
        ) from None


def _utf16(data: bytes) -> str | None:
    """"utf-16" for text with a UTF-16 byte-order mark (Notepad's "Unicode"),
    "utf-16-le"/"-be" for text without one (every other byte of its ASCII
    letters is zero)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 16 and sample.count(0) >= 0.15 * len(sample):  # UTF-8 text has no zero bytes
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 10 * even:
            return "utf-16-le"
        if even > 10 * odd:
            return "utf-16-be"
    return None
