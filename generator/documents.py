"""The registry of documents cited but not published here (content/documents.yml).

Plans cite resolutions, programmes and rules that are not in content/: the
registry says what is known about them (type, issuer, date, title) and how
they relate (what each implements, replaces, is replaced by).  Every fact in
it must come from a plan's own text; a document nobody wrote about stays
unnamed rather than guessed.

Keys are the identity of :func:`generator.citations.document_key`:
``"trung-uong/21-NQ/TW"``, ``"lam-dong/42-CTr/TU"``.  In ``implements``,
``replaces`` and ``replaced_by`` an item is either such a key or the id of a
plan in content/ (a plan that shows no number has no key).

Like the other registries it is read with line numbers and every problem is
reported before the build stops.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import frontmatter as fm
from . import vocabulary
from .citations import CENTRAL, document_key, find_citations, scope_of, symbol_of
from .diagnostics import Report
from .encoding import read_text
from .model import DocRef, Organisation, Source

FIELDS = ("key", "type", "number", "issuer", "date", "title", "implements", "replaces", "replaced_by")
LISTS = ("implements", "replaces", "replaced_by")
# Types a registered document may have: the site's labels and every type the
# citation reader can tell from the words before a number.
TYPES = tuple(sorted(vocabulary.BY_SLUG))

_HINT = "xem mẫu ở đầu tệp content/documents.yml."


@dataclass(frozen=True, slots=True)
class KnownDocument:
    """A document outside content/ whose facts the registry records."""

    key: str  # "lam-dong/42-CTr/TU"
    symbol: str  # "42-CTr/TU"
    scope: str  # "lam-dong": the organisation whose series the number belongs to
    type: str | None  # "chuong-trinh-hanh-dong"
    issuer: str | None
    date: date | None
    title: str | None
    implements: tuple[str, ...]  # keys or plan ids
    replaces: tuple[str, ...]
    replaced_by: tuple[str, ...]
    source: Source


def parse_symbol(symbol: str) -> DocRef | None:
    """The DocRef of a canonical number ("42-CTr/TU"), or None when the text
    is not exactly one document number."""
    text = symbol.strip()
    found = find_citations(text)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text):
        return None
    return found[0].ref


def split_key(key: str) -> tuple[str, str] | None:
    """``"lam-dong/42-CTr/TU"`` -> ``("lam-dong", "42-CTr/TU")``."""
    scope, sep, symbol = key.partition("/")
    if not sep or not scope or not symbol:
        return None
    return scope, symbol


def load_documents(registry: Path, rel: str, organisations: dict[str, Organisation], report: Report) -> dict[str, KnownDocument]:
    """The registry by key; a missing file is an empty registry."""
    if not registry.exists():
        return {}
    text = read_text(registry, rel, report)  # size, special files, encoding, control characters, as for plans
    if text is None:
        return {}
    data, lines = fm.parse_front_matter(text, rel, 1, report, what="danh mục văn bản (YAML)")
    documents: dict[str, KnownDocument] = {}
    if data is None:
        return documents
    items = data.get("documents")
    if not isinstance(items, list):
        report.error(
            "danh-mục",
            "tệp phải có trường documents là danh sách văn bản.",
            Source(rel, fm.line_of(lines, ("documents",), 1)),
            _HINT,
        )
        return documents
    for i, item in enumerate(items):
        document = _document(item, ("documents", i), lines, rel, organisations, report)
        if document is None:
            continue
        if document.key in documents:
            first = documents[document.key].source
            report.error(
                "trùng-id",
                f'văn bản "{document.key}" được khai báo hai lần (lần đầu ở dòng {first.line}).',
                document.source,
                "gộp hai khai báo thành một.",
            )
            continue
        documents[document.key] = document
    return documents


def _document(item, path: tuple, lines: dict, rel: str, organisations: dict[str, Organisation], report: Report) -> KnownDocument | None:
    line = fm.line_of(lines, path, 1)
    where = Source(rel, line)
    if not isinstance(item, dict):
        report.error("danh-mục", "mỗi văn bản phải là nhóm trường (key, type, date ...).", where, _HINT)
        return None
    ok = True
    for name in item:
        if name not in FIELDS:
            guess = difflib.get_close_matches(str(name), FIELDS, n=1)
            report.error(
                "trường-lạ",
                f'văn bản có trường không được hỗ trợ "{name}".',
                Source(rel, fm.line_of(lines, path + (name,), line)),
                f'có phải "{guess[0]}"?' if guess else f"các trường được dùng: {', '.join(FIELDS)}.",
            )
            ok = False
    key = item.get("key")
    key_line = Source(rel, fm.line_of(lines, path + ("key",), line))
    if not isinstance(key, str) or not key.strip():
        report.error("thiếu-trường", "thiếu trường key (mã văn bản, ví dụ trung-uong/21-NQ/TW).", where, "thêm dòng key: <tổ chức>/<số và ký hiệu>.")
        return None
    parsed = _parse_key(key.strip(), key_line, organisations, report)
    if parsed is None:
        return None
    scope, ref = parsed
    symbol = symbol_of(ref)
    number = item.get("number")
    if number is not None and (not isinstance(number, str) or parse_symbol(number) != ref):
        report.error(
            "số-hiệu-không-khớp",
            f'number "{number}" không khớp số và ký hiệu trong key "{key}".',
            Source(rel, fm.line_of(lines, path + ("number",), line)),
            f'viết number: "{symbol}" hoặc bỏ trường number.',
        )
        ok = False
    doc_type = item.get("type")
    if doc_type is not None and doc_type not in TYPES:
        guess = difflib.get_close_matches(str(doc_type), TYPES, n=1)
        report.error(
            "giá-trị-không-hợp-lệ",
            f'type "{doc_type}" không phải loại văn bản đã biết.',
            Source(rel, fm.line_of(lines, path + ("type",), line)),
            f'có phải "{guess[0]}"?' if guess else f"chọn một trong: {', '.join(TYPES)}.",
        )
        ok = False
    texts = {}
    for name in ("issuer", "title"):
        value = item.get(name)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            report.error(
                "sai-kiểu",
                f"{name} của văn bản {key} phải là chuỗi văn bản không rỗng.",
                Source(rel, fm.line_of(lines, path + (name,), line)),
                "viết giá trị trong ngoặc kép, hoặc bỏ trường nếu văn bản không nói.",
            )
            ok = False
            value = None
        texts[name] = value.strip() if isinstance(value, str) else None
    before = len(report.errors)
    when = fm.parse_iso_date(item.get("date"), path + ("date",), lines, rel, report)
    ok = ok and len(report.errors) == before
    relations = {}
    for name in LISTS:
        value = item.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            report.error(
                "sai-kiểu",
                f"{name} của văn bản {key} phải là danh sách mã văn bản hoặc id kế hoạch.",
                Source(rel, fm.line_of(lines, path + (name,), line)),
                f'ví dụ: {name}: ["trung-uong/21-NQ/TW"].',
            )
            ok = False
            value = []
        relations[name] = tuple(v.strip() for v in value)
    if not ok:
        return None
    return KnownDocument(
        key=document_key(ref, scope),
        symbol=symbol,
        scope=scope,
        type=doc_type,
        issuer=texts["issuer"],
        date=when,
        title=texts["title"],
        implements=relations["implements"],
        replaces=relations["replaces"],
        replaced_by=relations["replaced_by"],
        source=where,
    )


def _parse_key(key: str, where: Source, organisations: dict[str, Organisation], report: Report) -> tuple[str, DocRef] | None:
    parts = split_key(key)
    ref = parse_symbol(parts[1]) if parts else None
    if parts is None or ref is None:
        report.error(
            "khóa-văn-bản",
            f'key "{key}" phải có dạng <tổ chức>/<số và ký hiệu>, ví dụ trung-uong/21-NQ/TW.',
            where,
            "viết số và ký hiệu như trong văn bản, không có chữ \"Số\", không có khoảng trắng quanh dấu gạch.",
        )
        return None
    scope = parts[0]
    if not organisations:
        # content/agencies.yml is missing or unreadable, and reported once:
        # no key can be checked against it (not one error per key).
        return scope, ref
    if scope != CENTRAL and scope not in organisations:
        guess = difflib.get_close_matches(scope, [CENTRAL, *organisations], n=1)
        report.error(
            "tổ-chức-không-rõ",
            f'tổ chức "{scope}" trong key "{key}" không có trong danh mục content/agencies.yml.',
            where,
            f'có phải "{guess[0]}"?' if guess else "thêm tổ chức vào content/agencies.yml hoặc sửa key.",
        )
        return None
    # The key's organisation must be the one the number's own series belongs
    # to: "binh-phuoc/21-NQ/TW" names a document that cannot exist.
    expected = scope_of(ref, scope, organisations)
    if expected != scope:
        report.error(
            "khóa-văn-bản",
            f'số "{parts[1]}" thuộc hệ thống văn bản của "{expected}", không phải của "{scope}".',
            where,
            f"viết key: {document_key(ref, expected)}.",
        )
        return None
    if symbol_of(ref) != parts[1]:
        report.error(
            "khóa-văn-bản",
            f'số và ký hiệu trong key "{key}" chưa viết theo dạng chuẩn.',
            where,
            f"viết key: {document_key(ref, scope)}.",
        )
        return None
    return scope, ref
