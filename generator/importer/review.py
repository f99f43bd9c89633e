"""What a person must check in a draft: fields that could not be read,
guesses (organisation, title repair, footnote links), bodies the registry
does not know, suspicious citations -- each with its line in the draft."""

from __future__ import annotations

from dataclasses import dataclass

from .. import vocabulary
from ..citations import find_citations, symbol_of
from . import frontmatter as fm
from .report import Finding
from .structure import Out
from .text import Footnote, Line, Stamp, leftover_superscripts


@dataclass
class Layout:
    """A converted plan and where each of its parts landed in the draft."""

    meta: fm.Meta
    outs: list[Out]
    body_at: list[int]  # draft line of each Out
    key_at: dict[str, int]  # front matter key -> index among the YAML lines
    footnotes: list[Footnote]
    note_at: dict[str, int]  # footnote key -> draft line of its definition
    unknown_lines: list[Line]  # header and footer lines that fit no field
    stamp: Stamp | None
    furniture: list[Line]
    other_tables: list[int]
    raw: str
    markdown: str


def review(x: Layout) -> list[Finding]:
    meta, outs, body_at, footnotes, note_at, stamp, furniture = x.meta, x.outs, x.body_at, x.footnotes, x.note_at, x.stamp, x.furniture
    findings: list[Finding] = []

    def at_key(key: str) -> int | None:
        return x.key_at[key] + 2 if key in x.key_at else None  # after the opening "---"

    def line_of_source(source_line: int) -> int | None:
        best = None
        for out, at in zip(outs, body_at):
            if out.source <= source_line:
                best = at
        return best

    # --- what the reviewer must check -----------------------------------------------------
    if meta.number is None:
        findings.append(Finding("chưa-xác-định", "không tìm thấy số, ký hiệu của văn bản (dòng “Số ...” ở đầu văn bản); bản nháp ghi “không ghi trong văn bản”.", at_key("number"), "điền số nếu bản gốc có."))
    if meta.date is None:
        findings.append(Finding("chưa-xác-định", "không tìm thấy ngày ban hành (dòng “..., ngày ... tháng ... năm ...”).", at_key("date"), "điền ngày nếu bản gốc có."))
    if not meta.type_from:
        findings.append(Finding("chưa-xác-định", "không thấy dòng tên loại văn bản (KẾ HOẠCH, CHƯƠNG TRÌNH HÀNH ĐỘNG ...); tạm coi là kế hoạch.", at_key("type")))
    if not meta.issuer_from:
        findings.append(Finding("chưa-xác-định", "không xác định được cơ quan ban hành; tạm lấy theo tên tổ chức.", at_key("issuer")))
    elif not meta.issuer_from.startswith(("câu", "tiêu đề")):  # the preamble's words and the letterhead are the document's own
        findings.append(Finding("chưa-xác-định", f"cơ quan ban hành “{meta.issuer}” đọc từ {meta.issuer_from}.", at_key("issuer"), "kiểm tra cách viết."))
    if not meta.title:
        findings.append(Finding("chưa-xác-định", "không tìm thấy trích yếu (dòng dưới tên loại văn bản).", at_key("title")))
    if meta.signer_name is None:
        findings.append(Finding("chưa-xác-định", "không tìm thấy tên người ký.", at_key("signer.name"), "điền tên nếu bản gốc có."))
    if meta.signer_on_behalf is None and meta.signer_title is None:
        findings.append(Finding("chưa-xác-định", "không tìm thấy khối chữ ký (T/M ..., TM. ..., chức vụ).", at_key("signer")))
    if not meta.recipients:
        findings.append(Finding("chưa-xác-định", "không tìm thấy danh sách nơi nhận.", at_key("recipients")))
    if not meta.bases:
        findings.append(Finding("chưa-xác-định", "không tìm thấy văn bản căn cứ (“Thực hiện/Căn cứ ... số ...”).", at_key("title")))
    org = meta.organisation
    if org is None:
        findings.append(Finding("tổ-chức", "danh mục content/agencies.yml chưa có tổ chức nào, nên bản nháp chưa gắn được tổ chức ban hành và sẽ không dựng được.", at_key("organisation"), "tạo danh mục tổ chức (xem Hướng dẫn soạn thảo)."))
    elif org.new:
        findings.append(Finding("tổ-chức", f"tổ chức ban hành “{org.name}”: {org.how}.", at_key("organisation"), "kiểm tra tên, cấp và tổ chức cha trong tệp đề xuất."))
    elif not org.certain:
        findings.append(Finding("tổ-chức", f"tổ chức ban hành được đoán là “{org.name}”: {org.how}.", at_key("organisation"), "sửa nếu sai."))
    if meta.title_as_printed:
        findings.append(Finding("tiêu-đề", "trích yếu in trong bản xuất bị mất chữ ở giữa; trích yếu được khôi phục theo câu mở đầu (bản in vẫn được giữ).", at_key("title")))
    if stamp:
        findings.append(Finding("dấu-đến", f"dấu đến “{stamp.as_printed}” (dòng {', '.join(map(str, stamp.lines))} của tệp gốc) là dấu của nơi nhận, không phải số, ngày của văn bản; đã tách ra khỏi nội dung; tên nơi nhận “{meta.received_office}” viết lại từ chữ in hoa.", at_key("received")))
    if furniture:
        shown = ", ".join(f"{l.no} “{l.text}”" for l in furniture[:6]) + (" ..." if len(furniture) > 6 else "")
        findings.append(Finding("dấu-đến", f"bỏ {len(furniture)} dòng số trang, đường kẻ: dòng {shown} của tệp gốc."))
    for note in footnotes:
        if note.mark_line is None:
            findings.append(Finding("chú-thích", f"chú thích {note.key} (“{note.text[:60]}...”) không tìm thấy dấu chú thích trong văn bản; nội dung để cuối bài, chưa gắn vào chỗ nào.", note_at.get(note.key), f"thêm [^{note.key}] vào chỗ của dấu chú thích."))
        else:
            findings.append(Finding("chú-thích", f"chú thích {note.key} (dòng {note.line} của tệp gốc) được gắn vào dấu “{note.mark}” (dòng {note.mark_line} của tệp gốc).", line_of_source(note.mark_line), "kiểm tra vị trí [^%s]." % note.key))
    for out, at in zip(outs, body_at):
        for mark in leftover_superscripts(out.text):
            findings.append(Finding("chú-thích", f"dấu chú thích “{mark}” không có nội dung chú thích đi kèm; giữ nguyên.", at))
    for line in x.unknown_lines:
        findings.append(Finding("dòng-lạ", f"dòng {line.no} của tệp gốc “{line.text}” không xếp được vào phần thông tin văn bản; được chép vào ghi chú biên tập.", at_key("editorial_notes")))
    for line_no in x.other_tables:
        findings.append(Finding("bảng", "bảng không có cột nhiệm vụ và cột cơ quan chủ trì/thực hiện; mỗi hàng được chép thành một đoạn.", line_of_source(line_no), "biên tập lại nếu bảng có giao việc."))
    for out, at in zip(outs, body_at):
        for note in out.notes:  # what the layout reader could not place: a leadless table row, slots without a task
            findings.append(Finding("bảng" if out.row else "không-giao", note + ".", at, "kiểm tra với bản gốc và điền cơ quan vào <!-- giao: ... --> nếu có."))
        if out.assignment is not None and not out.assignment.names and not out.assignment.unnamed and out.assignment.deadline:
            findings.append(Finding("không-giao", "nhiệm vụ có thời hạn nhưng không nêu cơ quan nào.", at, "thêm cơ quan vào <!-- giao: ... --> nếu bản gốc có."))
    findings += citation_findings(outs, body_at, footnotes, note_at, x.raw, x.markdown)

    return findings


def _compatible(words_code: str, code: str) -> bool:
    return words_code == code or {words_code, code} == {"QĐ", "QĐi"}


def citation_findings(outs: list[Out], body_at: list[int], footnotes, note_at, raw: str, markdown: str) -> list[Finding]:
    """Mentions whose words contradict their code ("Nghị quyết số 21-KL/TW"),
    one document cited with two dates, and numbers lost on the way.  The same
    number with another code is another document ("Nghị quyết số 18" and
    "Kết luận số 18"), not a conflict."""
    findings: list[Finding] = []
    mentions = []
    for out, at in zip(outs, body_at):
        for c in find_citations(out.text):
            mentions.append((c, at))
    for note in footnotes:
        for c in find_citations(note.text):
            mentions.append((c, note_at.get(note.key)))
    by_document: dict[str, list] = {}
    for c, at in mentions:
        ref = c.ref
        by_document.setdefault(symbol_of(ref), []).append((c, at))
        expected = vocabulary.CODE_OF.get(c.doc_type or "")
        if expected and ref.type_code and not _compatible(expected, ref.type_code):
            others = sorted({symbol_of(o.ref) for o, _ in mentions if o.ref.number == ref.number and o.ref.issuer_code == ref.issuer_code and o.ref.type_code == expected})
            also = f"; các chỗ khác ghi {', '.join(others)}" if others else ""
            findings.append(Finding("trích-dẫn", f"“{c.raw}”: chữ trước số nói là {c.doc_type} nhưng ký hiệu là {ref.type_code}{also}.", at, "kiểm tra với bản gốc; nếu bản gốc in sai, giữ nguyên và ghi vào ghi chú biên tập."))
    for symbol, group in by_document.items():
        dates = {c.date for c, _ in group if c.date}
        if len(dates) > 1:
            at = next(at for c, at in group if c.date)
            shown = ", ".join(sorted(d.strftime("%d/%m/%Y") for d in dates))
            findings.append(Finding("trích-dẫn", f"số {symbol} được nhắc với nhiều ngày khác nhau: {shown}.", at))
    lost = {symbol_of(c.ref) for c in find_citations(raw)} - {symbol_of(c.ref) for c in find_citations(markdown)}
    for symbol in sorted(lost):
        findings.append(Finding("trích-dẫn", f"số hiệu “{symbol}” có trong tệp nguồn nhưng không còn trong bản nháp.", None, "kiểm tra phần bị bỏ (dấu đến, trang trí trang)."))
    return findings



def merge_citation_findings(findings: list[Finding]) -> list[Finding]:
    """One citation point per draft line: the build's message when it has
    one (it knows the registry of documents), else the importer's, joined."""
    out: list[Finding] = []
    by_line: dict[int | None, list[Finding]] = {}
    for f in findings:
        if f.code == "trích-dẫn" and f.line is not None:
            by_line.setdefault(f.line, []).append(f)
        else:
            out.append(f)
    for line, group in by_line.items():
        from_build = [f for f in group if f.origin == "build"]
        chosen = from_build or group
        out.append(Finding("trích-dẫn", " ".join(dict.fromkeys(f.message for f in chosen)), line, chosen[0].hint))
    return out


