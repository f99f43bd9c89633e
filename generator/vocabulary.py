"""The one vocabulary of document types.

Each :class:`DocType` says everything the generator knows about one kind of
document: its slug (the ``type`` of a plan, ``doc_type`` of a citation), its
Vietnamese name, the type code its number carries ("NQ" in 21-NQ/TW), the
words that name it before a number ("Nghị quyết số ..."), how it is printed as
a document's heading ("NGHỊ QUYẾT"), and which plan type a received document
of this kind becomes (a "CHƯƠNG TRÌNH" of a party committee is a chương trình
hành động).  Every other table (citations, documents, labels, importer) is
derived from :data:`DOC_TYPES` here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocType:
    slug: str  # "nghi-quyet"
    name: str  # "Nghị quyết"
    code: str | None  # "NQ"; None for laws (numbered N/YYYY/QH15)
    words: tuple[str, ...]  # named before a number: "Nghị quyết", "Thông báo kết luận"
    heading: str | None  # the heading a document of this type is printed under
    plan_type: str | None  # the plan type a document with this heading or code becomes on import
    plan: bool  # a plan file (content/*.md) may have this type


# Order matters only where a code is carried by two types: the first one listed
# is what the code names ("CTr" -> Chương trình; "QĐ" -> Quyết định).
DOC_TYPES: tuple[DocType, ...] = (
    DocType("ke-hoach", "Kế hoạch", "KH", ("Kế hoạch",), "KẾ HOẠCH", "ke-hoach", True),
    DocType("chuong-trinh", "Chương trình", "CTr", ("Chương trình",), "CHƯƠNG TRÌNH", "chuong-trinh-hanh-dong", False),
    DocType("chuong-trinh-hanh-dong", "Chương trình hành động", "CTr", ("Chương trình hành động",), "CHƯƠNG TRÌNH HÀNH ĐỘNG", "chuong-trinh-hanh-dong", True),
    DocType("nghi-quyet", "Nghị quyết", "NQ", ("Nghị quyết",), "NGHỊ QUYẾT", "nghi-quyet", True),
    DocType("ket-luan", "Kết luận", "KL", ("Kết luận",), "KẾT LUẬN", "ket-luan", True),
    DocType("chi-thi", "Chỉ thị", "CT", ("Chỉ thị",), "CHỈ THỊ", "chi-thi", True),
    # party rules; older ones were numbered QĐ ("Quy định số 101- QĐ/TW")
    DocType("quy-dinh", "Quy định", "QĐi", ("Quy định",), "QUY ĐỊNH", "quy-dinh", True),
    DocType("quyet-dinh", "Quyết định", "QĐ", ("Quyết định",), "QUYẾT ĐỊNH", "quyet-dinh", True),
    DocType("huong-dan", "Hướng dẫn", "HD", ("Hướng dẫn",), "HƯỚNG DẪN", "huong-dan", True),
    DocType("thong-bao", "Thông báo", "TB", ("Thông báo", "Thông báo kết luận"), "THÔNG BÁO", "thong-bao", True),
    DocType("cong-van", "Công văn", "CV", ("Công văn",), "CÔNG VĂN", "cong-van", True),
    DocType("bao-cao", "Báo cáo", "BC", ("Báo cáo",), "BÁO CÁO", "bao-cao", True),
    DocType("de-an", "Đề án", "ĐA", ("Đề án",), "ĐỀ ÁN", "de-an", True),
    DocType("quy-che", "Quy chế", "QC", ("Quy chế",), None, None, False),
    DocType("to-trinh", "Tờ trình", "TTr", ("Tờ trình",), None, None, False),
    DocType("nghi-dinh", "Nghị định", "NĐ", ("Nghị định",), None, None, False),
    DocType("thong-tu", "Thông tư", "TT", ("Thông tư",), None, None, False),
    DocType("thong-tu-lien-tich", "Thông tư liên tịch", "TTLT", ("Thông tư liên tịch",), None, None, False),
    DocType("luat", "Luật", None, ("Luật",), None, None, False),
)

BY_SLUG: dict[str, DocType] = {t.slug: t for t in DOC_TYPES}
BY_CODE: dict[str, DocType] = {}
for _t in DOC_TYPES:
    if _t.code:
        BY_CODE.setdefault(_t.code, _t)
del _t

# slug -> the type code such a document normally carries (the linker warns when
# words and code disagree: "Nghị quyết số 21-KL/TW").
CODE_OF: dict[str, str] = {t.slug: t.code for t in DOC_TYPES if t.code}
# code -> the Vietnamese name of the type the code names.
CODE_NAMES: dict[str, str] = {code: t.name for code, t in BY_CODE.items()}
# words before a number -> slug
WORDS: dict[str, str] = {w: t.slug for t in DOC_TYPES for w in t.words}
# a document's printed heading -> the plan type it becomes on import
HEADINGS: dict[str, str] = {t.heading: t.plan_type for t in DOC_TYPES if t.heading and t.plan_type}
# a type code in a received document's number -> the plan type it becomes on import
CODE_PLAN_TYPES: dict[str, str] = {t.code: t.plan_type for t in DOC_TYPES if t.code and t.plan_type and t.heading}


def name(slug: str | None, default: str = "Văn bản") -> str:
    """ "Nghị quyết" for "nghi-quyet"; an unknown slug is shown as written."""
    if not slug:
        return default
    known = BY_SLUG.get(slug)
    return known.name if known else slug


def slug_of_code(code: str) -> str | None:
    """ "nghi-quyet" for "NQ"."""
    known = BY_CODE.get(code)
    return known.slug if known else None
