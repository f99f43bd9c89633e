"""``kehoach import``: a plan as exported (.txt, .md, .docx) -> a draft
``content/<id>.md`` and a review report ``content/<id>.review.txt``.

The draft follows docs/content-format.md and builds as it is: what the
importer cannot read is left as written, proposed, or marked, and listed in
the report with its line in the draft.  Stages, each a plain function:

    source -> lines (text.py, docx.py)
           -> stamp, page furniture, footnotes taken out (text.py)
           -> header | body | footer (header.py)
           -> blocks (text.py) -> Markdown body (structure.py, assignments.py)
           -> front matter (frontmatter.py)
           -> checks (review.py), a trial build of the draft alone (pipeline.py)
           -> report (report.py)
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..agencies import Resolver, load_agencies
from ..diagnostics import Report
from ..load import load_organisations
from ..model import Diagnostic, Source
from . import frontmatter as fm
from .header import caps_to_name, read_footer, read_header, split_regions
from .report import Finding, Proposal, render_report
from .review import Layout, merge_citation_findings, review
from .sources import SUPPORTED, ImportFailed, read_source
from .structure import render_body
from .text import drop_furniture, join_blocks, plain, prepare_lines, take_footnotes, take_stamp

__all__ = ["import_file", "convert", "ImportResult", "Draft", "DraftExists", "ImportFailed", "REPORT_SUFFIX"]

REPORT_SUFFIX = ".review.txt"  # not .md: content/*.md are read as plans


class DraftExists(ImportFailed, FileExistsError):
    """content/<id>.md exists and overwriting was not asked for."""


@dataclass
class Draft:
    """A converted plan, not yet written."""

    id: str
    markdown: str
    meta: fm.Meta
    findings: list[Finding] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    plan_id: str
    draft_path: Path
    report_path: Path
    markdown: str
    report: str
    findings: list[Finding]
    diagnostics: list[Diagnostic]
    proposals: list[Proposal]
    tasks: int
    written: bool


def _registry(registry: Path):
    report = Report()
    root = registry.parent
    organisations = load_organisations(registry, root, report) if registry.exists() else {}
    agencies = load_agencies(registry, registry.name, organisations, report) if registry.exists() else {}
    return organisations, agencies


# --- conversion -------------------------------------------------------------------------


def convert(raw: str, *, registry: Path, source: str, paragraphs: bool = False) -> Draft:
    """Source text -> a draft plan.  ``paragraphs``: one line per paragraph
    (a .docx read by docx.py), so lines are never re-joined as a PDF's are."""
    organisations, agencies = _registry(registry)
    notes: list[str] = [f"Bản nháp do kehoach import tạo từ {source}; cần người biên tập đối chiếu với văn bản gốc."]

    raw, had_front_matter = _without_front_matter(raw)
    if had_front_matter:
        pending_notes = ["Tệp nguồn có sẵn phần front matter (---); phần đó bị bỏ qua, thông tin được đọc lại từ văn bản."]
    else:
        pending_notes = []
    lines, double = prepare_lines(raw, False if paragraphs else None)
    lines, stamp = take_stamp(lines)
    header_lines, body_lines, footer_lines = split_regions(lines)
    body_lines, furniture = drop_furniture(body_lines)
    body_lines, footnotes = take_footnotes(body_lines, double)
    blocks = join_blocks(body_lines, double)
    header = read_header(header_lines)
    footer = read_footer(footer_lines)
    if double:
        notes.append("Nối các dòng bị ngắt khi xuất từ PDF (mỗi dòng kèm một dòng trống); bỏ khoảng trắng đầu dòng do ngắt trang.")
    elif not paragraphs:
        notes.append("Nối các dòng, đoạn bị ngắt khi xuất văn bản.")
    else:
        notes.append("Đọc từ tệp Word: mỗi đoạn một khối; đánh số tự động, chữ đậm/nghiêng, chú thích và bảng được chuyển sang Markdown.")

    preamble = []
    for block in blocks:
        text = plain(block.text)
        if block.kind != "text" or re.match(r"^(?:[IVXLC]+\s*[.\-–:)]|\d{1,2}[.)]\s|PHỤ LỤC)", text):
            break
        preamble.append(block.text)

    meta = fm.Meta(source=source)
    meta.number, meta.number_as_printed = fm.read_number(header.number_line)
    meta.date, meta.place = header.date, header.place
    meta.type, meta.type_from = fm.read_type(header, meta.number)
    meta.issuer, meta.issuer_from = fm.read_issuer(preamble, header, footer)
    printed_title = " ".join(header.title_lines).strip()
    printed_title = re.sub(r"\s+", " ", printed_title)
    meta.title, meta.title_as_printed = fm.repair_title(printed_title, preamble[0] if preamble else None)
    meta.signer_on_behalf, meta.signer_title, meta.signer_name = footer.on_behalf, footer.title, footer.name
    meta.recipients, meta.recipients_note = footer.recipients, footer.recipients_note
    meta.sign_first = footer.sign_first
    letterhead = {}
    if header.issuer_lines:
        letterhead["issuer_lines"] = header.issuer_lines
    if header.motto:
        letterhead["motto"] = header.motto
    if header.place_date_line:
        letterhead["place_date_line"] = header.place_date_line
    if header.heading_lines:
        letterhead["heading_lines"] = header.heading_lines
    meta.letterhead = letterhead
    if stamp:
        meta.received = stamp
        meta.received_office = caps_to_name(stamp.office) if stamp.office else None
        meta.received_date = _short_date(stamp.date)
        notes.append(f"Dấu “ĐẾN” của nơi nhận ({stamp.as_printed}) chuyển vào received; đó không phải số, ngày của văn bản.")

    full_text = "\n".join(l.text for l in lines)
    meta.organisation = fm.choose_organisation(organisations, header, meta.issuer, meta.number, full_text, meta.received_office, agencies)
    org_id = meta.organisation.id if meta.organisation else ""
    resolver = Resolver(org_id, organisations, agencies)

    rendered = render_body(blocks, footnotes, resolver)
    outs = rendered.outs
    meta.bases = fm.read_bases(meta.title, preamble)
    closing = [o.text for o in outs if o.kind == "paragraph" and not o.level]
    meta.supersedes = fm.read_supersedes(closing)
    if footnotes:
        notes.append(f"{len(footnotes)} chú thích xen trong văn bản chuyển thành chú thích Markdown [^1]…; câu bị chú thích chen ngang được nối lại.")
    if meta.title_as_printed:
        notes.append("Khối trích yếu trong bản xuất bị lỗi; trích yếu (title) được khôi phục theo câu mở đầu, nguyên văn giữ ở title_as_printed.")
    for line in header.unknown + footer.unknown:
        notes.append(f"Dòng không xếp được vào phần thông tin (dòng {line.no} của tệp nguồn): “{line.text}”.")
    meta.editorial_notes = notes + pending_notes
    meta.id = fm.plan_id(meta)

    # --- the draft text, and where each thing landed --------------------------------
    yaml_lines, key_at = fm.write_front_matter(meta)
    out_lines = ["---", *yaml_lines, "---", ""]
    body_at: list[int] = []
    for out in outs:
        body_at.append(len(out_lines) + 1)
        out_lines += [out.line(), ""]
    note_at: dict[str, int] = {}
    for note in footnotes:
        note_at[note.key] = len(out_lines) + 1
        out_lines += [f"[^{note.key}]: {note.text}", ""]
    markdown = "\n".join(out_lines).rstrip("\n") + "\n"

    layout = Layout(meta, outs, body_at, key_at, footnotes, note_at, header.unknown + footer.unknown, stamp, furniture, rendered.other_tables, resolver, raw, markdown)
    findings, proposals = review(layout)
    org = meta.organisation
    summary = [
        f"Tổ chức: {org.id} ({org.name}) — {'khớp' if org.certain else 'đề xuất'}: {org.how}." if org else "Tổ chức: chưa xác định.",
        f"Văn bản: {meta.type}, số {meta.number or 'không ghi'}, ngày {meta.date.isoformat() if meta.date else 'không ghi'}; cơ quan ban hành: {meta.issuer or 'chưa rõ'}.",
        f"Nội dung: {sum(o.kind == 'part' for o in outs)} mục, {sum(o.kind == 'heading' for o in outs)} tiêu đề khoản/điểm, "
        f"{sum(o.kind == 'paragraph' for o in outs)} đoạn, {sum(o.kind == 'bullet' for o in outs)} gạch đầu dòng, {len(footnotes)} chú thích, "
        f"{rendered.tables} bảng nhiệm vụ, {rendered.slot_items} mục giao việc theo ô (đơn vị chủ trì/phối hợp/thời gian).",
    ]
    return Draft(meta.id, markdown, meta, findings, proposals, summary)


def _without_front_matter(raw: str) -> tuple[str, bool]:
    """A Markdown file may already carry front matter: it is not plan text."""
    m = re.match(r"^\ufeff?---[ \t]*\r?\n.*?\r?\n---[ \t]*\r?\n", raw, re.S)
    if not m or not re.search(r"^\w+:", m.group(0)[3:], re.M):
        return raw, False
    return raw[m.end():], True


def _short_date(text: str | None) -> date | None:
    if not text:
        return None
    m = re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$", text)
    if not m:
        return None
    year = int(m.group(3))
    year += 2000 if year < 100 else 0
    try:
        return date(year, int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


# --- writing ----------------------------------------------------------------------


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _trial_build(markdown: str, plan_id: str, registry: Path, shown: str):
    """Build the draft alone with the registry; diagnostics point at ``shown``."""
    from ..pipeline import build_corpus_with_report

    with tempfile.TemporaryDirectory(prefix="kehoach-import-") as tmp:
        root = Path(tmp)
        content = root / "content"
        content.mkdir()
        if registry.exists():
            shutil.copyfile(registry, content / "agencies.yml")
        (content / f"{plan_id}.md").write_text(markdown, encoding="utf-8")
        corpus, report, _ = build_corpus_with_report(root, content)
    draft_rel = f"content/{plan_id}.md"
    diagnostics = []
    for d in report.sorted():
        if d.source and d.source.file == draft_rel:
            d = replace(d, source=Source(shown, d.source.line))
        diagnostics.append(d)
    return corpus, diagnostics


_FROM_BUILD = {"đoạn-không-giao": "không-giao", "cơ-quan-không-rõ": "cơ-quan-mới", "hạn-chót": "hạn-chót", "trích-dẫn-mâu-thuẫn": "trích-dẫn"}


def import_file(path, content_dir, registry=None, overwrite: bool = False) -> ImportResult:
    """Import one plan: write ``content_dir/<id>.md`` and ``<id>.review.txt``.

    ``registry`` is content/agencies.yml (default: the one in
    ``content_dir``).  Raises :class:`DraftExists` when the draft exists and
    ``overwrite`` is false, :class:`ImportFailed` when the file cannot be read.
    """
    path, content_dir = Path(path), Path(content_dir)
    registry = Path(registry) if registry else content_dir / "agencies.yml"
    raw = read_source(path)
    source = _source_name(path, content_dir)
    draft = convert(raw, registry=registry, source=source, paragraphs=path.suffix.lower() == ".docx")
    draft_path = content_dir / f"{draft.id}.md"
    report_path = content_dir / f"{draft.id}{REPORT_SUFFIX}"
    if draft_path.exists() and not overwrite:
        raise DraftExists(f"{_display(draft_path)} đã có; không ghi đè. Dùng --overwrite để thay, hoặc đổi tên tệp cũ.")
    shown = _display(draft_path)
    corpus, diagnostics = _trial_build(draft.markdown, draft.id, registry, shown)
    findings = list(draft.findings)
    rest = []
    for d in diagnostics:
        code = _FROM_BUILD.get(d.code)
        if code and d.source and d.source.file == shown:
            findings.append(Finding(code, d.message, d.source.line, d.hint, origin="build"))
        else:
            rest.append(d)
    findings = merge_citation_findings(findings)
    tasks = sum(1 for t in corpus.tasks if t.plan == draft.id)
    summary = draft.summary + [f"Nhiệm vụ đọc được khi dựng thử: {tasks}."]
    report = render_report(draft=shown, source=source, summary=summary, findings=findings, diagnostics=rest, proposals=draft.proposals)
    content_dir.mkdir(parents=True, exist_ok=True)
    draft_path.write_text(draft.markdown, encoding="utf-8")
    report_path.write_text(report, encoding="utf-8")
    return ImportResult(draft.id, draft_path, report_path, draft.markdown, report, findings, diagnostics, draft.proposals, tasks, True)


def _source_name(path: Path, content_dir: Path) -> str:
    root = content_dir.resolve().parent
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name
