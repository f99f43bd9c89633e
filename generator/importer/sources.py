"""Reading a plan as it arrives: the bytes of a .txt/.md, a .docx or a .pdf
-> the text the importer converts.  Every failure is an :class:`ImportFailed`
with a Vietnamese message naming the file and saying how to fix it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

SUPPORTED = (".txt", ".md", ".docx")


class ImportFailed(Exception):
    """The file cannot be imported (unsupported type, unreadable encoding)."""


def read_source(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ImportFailed(f"{path}: không nhập được tệp {suffix or 'không có đuôi'}; chỉ nhận .txt, .md, .docx.")
    if suffix == ".docx":
        try:
            from docx.opc.exceptions import PackageNotFoundError
        except ImportError:  # python-docx is a dependency; a broken install should say so
            raise ImportFailed(f"{path}: cần gói python-docx để đọc tệp .docx (pip install python-docx).") from None
        from .docx import read_docx

        try:
            return read_docx(path)
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:  # damaged, or not really .docx
            raise ImportFailed(f"{path}: không đọc được tệp Word ({exc.__class__.__name__}); mở bằng Word và lưu lại dạng .docx.") from None
    data = path.read_bytes()
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
