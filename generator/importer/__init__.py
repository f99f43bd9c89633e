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

import bisect
import copy
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .. import labels
from ..agencies import Resolver, load_registry_agencies, match_key
from ..diagnostics import Report
from ..frontmatter import parse_front_matter
from ..load import PROVISIONAL_DIR, load_organisations, registry_files
from ..model import Diagnostic, Source
from ..numbering import ANNEX, read_label, read_part
from ..text import slugify
from . import frontmatter as fm
from . import portal
from .header import caps_to_name, read_footer, read_header, split_regions
from .ocr import registered_names, repair_blocks
from .bodies import defined_abbreviations, group_names, kind_of
from .provisional import Proposals, ProposedBody, ProposedOrganisation, as_registry, propose_bodies, provisional_yaml
from .report import Finding, duty_lines, render_report
from .review import Layout, merge_citation_findings, review
from .sources import SUPPORTED, ImportFailed, read_plan
from .structure import render_body
from .text import drop_furniture, join_blocks, plain, prepare_lines, take_footnotes, take_stamp

__all__ = ["import_file", "import_files", "expand_inputs", "BatchItem", "convert", "ImportResult", "Draft", "DraftExists", "ImportFailed", "REPORT_SUFFIX"]

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
    proposals: Proposals = field(default_factory=Proposals)
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
    proposals: Proposals
    tasks: int
    written: bool
    number: str | None = None
    organisation: str = ""
    organisation_new: bool = False
    provisional_path: Path | None = None


def _registry(registry: Path, exclude: str | None = None):
    """Organisations and bodies of ``registry`` (content/agencies.yml) and of
    the proposals already in content/de-xuat/ (but the one of plan ``exclude``,
    which a re-import replaces): plans imported one after another share the
    bodies and the new organisation the first one proposed."""
    report = Report()
    root = registry.parent
    if not registry.exists():
        return {}, {}
    files = [(p, provisional) for p, provisional in registry_files(root) if p.stem != exclude or not provisional]
    organisations = load_organisations(registry, root, report, [p for p, provisional in files if provisional])
    agencies = load_registry_agencies(files, root, organisations, report)
    return organisations, agencies


# --- conversion -------------------------------------------------------------------------


def convert(raw: str, *, registry: Path, source: str, paragraphs: bool = False, exclude: str | None = None, ocr: dict[int, int] | None = None) -> Draft:
    """Source text -> a draft plan.  ``paragraphs``: one line per paragraph
    (a .docx read by docx.py), so lines are never re-joined as a PDF's are;
    ``ocr``: the lines read by OCR (line -> page), whose misread body names
    are repaired (ocr.py)."""
    organisations, agencies = _registry(registry, exclude)
    notes: list[str] = [f"Bản nháp do kehoach import tạo từ {source}; cần người biên tập đối chiếu với văn bản gốc."]

    raw, had_front_matter = _without_front_matter(raw)
    if not paragraphs:
        raw = portal.normalise(raw)  # a web portal's tables, cell per line, and its broken emphasis
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
        label = read_label(text)
        if block.kind != "text" or read_part(text) or ANNEX.match(text) or (label is not None and label.kind == "item"):
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
    meta.organisation = fm.choose_organisation(organisations, header, meta.issuer, meta.number, full_text, meta.received_office, agencies, documents=_document_keys(registry))
    if meta.organisation is None and organisations:
        meta.organisation = _unknown_organisation(meta, organisations)
    org = meta.organisation
    org_id = org.id if org else ""
    proposals = Proposals()
    if org is not None and org.new and org.id not in organisations:  # a provisional one of an earlier plan is reused
        proposals.organisation = ProposedOrganisation(org.id, org.name, org.level, org.parent)
    # Read once against the registry; the bodies it does not know become
    # proposals; read again with them, so the duty markup names them.
    base_blocks, base_footnotes = blocks, list(footnotes)
    registry_orgs, registry_agencies = as_registry(proposals, "", organisations, agencies)
    repaired = repair_blocks(base_blocks, ocr, registered_names(org_id, registry_orgs, registry_agencies)) if ocr and org_id else []
    rendered = render_body(copy.deepcopy(base_blocks), list(base_footnotes), Resolver(org_id, registry_orgs, registry_agencies))
    defined = defined_abbreviations(" ".join(b.text for b in base_blocks if b.text))
    proposals.bodies = _proposed_bodies(rendered, org_id, registry_agencies, defined) if org_id else []
    registry_orgs, registry_agencies = as_registry(proposals, "", organisations, agencies)
    resolver = Resolver(org_id, registry_orgs, registry_agencies)
    footnotes = list(base_footnotes)
    rendered = render_body(base_blocks, footnotes, resolver)
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
    _mark_unreviewed(yaml_lines, key_at)
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
    draft_line = _draft_lines(outs, body_at)
    for body in proposals.bodies:  # where each proposed body is named, in the draft
        body.lines = sorted({draft_line(line) for line in body.lines} - {None})

    layout = Layout(meta, outs, body_at, key_at, footnotes, note_at, header.unknown + footer.unknown, stamp, furniture, rendered.other_tables, raw, markdown)
    findings = review(layout) + [Finding("dòng-lạ", note) for note in repaired]
    summary = _summary(meta, outs, footnotes, rendered)
    return Draft(meta.id, markdown, meta, findings, proposals, summary)


def _document_keys(registry: Path) -> set[str]:
    """Keys of content/documents.yml ("lam-dong/42-CTr/TU"): which
    organisation's series a cited number belongs to.  Read with the build's
    YAML reader (aliases refused); a broken file gives none (the build reports it)."""
    path = registry.parent / "documents.yml"
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError):
        return set()
    data, _ = parse_front_matter(text, path.name, 1, Report()) if text else (None, {})
    items = data.get("documents") if isinstance(data, dict) else None
    return {str(d["key"]) for d in items or [] if isinstance(d, dict) and d.get("key")}


def _unknown_organisation(meta: fm.Meta, organisations) -> fm.OrgChoice:
    """No letterhead, issuer or number says who issued the plan: a new
    organisation all the same (a draft filed under none would not build),
    named by the issuer if there is one, which the report asks to check."""
    name = meta.issuer or "Tổ chức chưa xác định"
    ident = base = slugify(meta.issuer)[:40].strip("-") or "chua-xac-dinh"
    n = 2
    while ident in organisations:
        ident, n = f"{base}-{n}", n + 1
    central = next((o.id for o in organisations.values() if o.level == "central"), None)
    return fm.OrgChoice(ident, name, "văn bản không cho biết tổ chức ban hành", False, True, "province", central)


def _draft_lines(outs, body_at: list[int]):
    """source line -> the draft line of the last block that starts at or before it."""
    pairs = sorted(zip((out.source for out in outs), body_at))
    sources = [source for source, _ in pairs]

    def draft_line(source_line: int) -> int | None:
        index = bisect.bisect_right(sources, source_line) - 1
        return pairs[index][1] if index >= 0 else None

    return draft_line


def _summary(meta: fm.Meta, outs, footnotes, rendered) -> list[str]:
    """What was read, in the clerk's words."""
    org = meta.organisation
    number = f"số {meta.number}" if meta.number else "không ghi số"
    when = f"ngày {meta.date.day:02d}/{meta.date.month:02d}/{meta.date.year}" if meta.date else "không ghi ngày"
    if org is None:
        filed = "chưa xác định"
    elif org.new:
        filed = f"{org.name} — tổ chức mới, chưa có trong danh mục, được đề xuất thêm"
    elif org.certain:
        filed = f"{org.name} — đã có trong danh mục"
    else:
        filed = f"{org.name} — đoán ({org.how}); cần kiểm tra"
    signer = ", ".join(x for x in (meta.signer_on_behalf, meta.signer_title, meta.signer_name) if x) or "không đọc được"
    return [
        f"Văn bản: {labels.doc_type(meta.type)} {number}, {when}, của {meta.issuer or 'cơ quan chưa rõ'}.",
        f"Trích yếu: {meta.title or 'không đọc được'}",
        f"Tổ chức ban hành: {filed}.",
        f"Người ký: {signer}.",
        f"Nội dung: {sum(o.kind == 'part' for o in outs)} mục, {sum(o.kind == 'heading' for o in outs)} tiêu đề khoản, điểm, "
        f"{sum(o.kind == 'paragraph' for o in outs)} đoạn, {sum(o.kind == 'bullet' for o in outs)} gạch đầu dòng, {len(footnotes)} chú thích, "
        f"{rendered.tables} bảng nhiệm vụ, {rendered.slot_items} mục giao việc theo ô (đơn vị chủ trì, phối hợp, thời gian).",
    ]


def _mark_unreviewed(yaml_lines: list[str], key_at: dict[str, int]) -> None:
    """``reviewed: false`` after ``access``: a draft until `kehoach accept`."""
    at = key_at.get("access", len(yaml_lines) - 1) + 1
    yaml_lines.insert(at, "reviewed: false  # bản nháp: kehoach accept <id> sau khi đối chiếu với văn bản gốc")
    for key, index in key_at.items():
        if index >= at:
            key_at[key] = index + 1
    key_at["reviewed"] = at


def _proposed_bodies(rendered, org_id: str, agencies: dict, defined: dict[str, str]) -> list[ProposedBody]:
    """The bodies named in doer positions that the registry does not know,
    one per group of spellings of the same body; a short name the plan
    defines ("(sau đây gọi tắt là Sở LĐ-TB&XH)") goes with its full name."""
    lines: dict[str, list[int]] = {}
    for name, line in rendered.unknown_names:
        name = name.strip()
        if name:
            lines.setdefault(name, []).append(line)
    known = {match_key(n) for n in lines}
    fulls = [full for short, full in defined.items() if match_key(short) in known and match_key(full) not in known]
    groups = group_names(list(lines) + fulls)
    kinds = {group[0]: kind_of(group[0]) for group in groups if group}
    return propose_bodies(groups, kinds, lines, org_id, set(agencies))


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


def _trial_build(markdown: str, plan_id: str, registry: Path, shown: str, provisional: str | None):
    """Build the draft with the registry and every proposal (its own
    ``provisional`` text included); diagnostics point at ``shown``."""
    from ..pipeline import build_corpus_with_report

    with tempfile.TemporaryDirectory(prefix="kehoach-import-") as tmp:
        root = Path(tmp)
        content = root / "content"
        content.mkdir()
        if registry.exists():
            shutil.copyfile(registry, content / "agencies.yml")
        for path, is_provisional in registry_files(registry.parent):
            if is_provisional and path.stem != plan_id:
                (content / PROVISIONAL_DIR).mkdir(exist_ok=True)
                shutil.copyfile(path, content / PROVISIONAL_DIR / path.name)
        if provisional:
            (content / PROVISIONAL_DIR).mkdir(exist_ok=True)
            (content / PROVISIONAL_DIR / f"{plan_id}.yml").write_text(provisional, encoding="utf-8")
        (content / f"{plan_id}.md").write_text(markdown, encoding="utf-8")
        corpus, report, _ = build_corpus_with_report(root, content)
    draft_rel = f"content/{plan_id}.md"
    diagnostics = []
    for d in report.sorted():
        if d.code == "chưa-duyệt":
            continue  # every draft is one; the report says so in its own words
        if d.source and d.source.file == draft_rel:
            d = replace(d, source=Source(shown, d.source.line))
        diagnostics.append(d)
    return corpus, diagnostics


_FROM_BUILD = {"đoạn-không-giao": "không-giao", "cơ-quan-không-rõ": "cơ-quan-mới", "hạn-chót": "hạn-chót", "trích-dẫn-mâu-thuẫn": "trích-dẫn"}


def import_file(path, content_dir, registry=None, overwrite: bool = False, progress=None) -> ImportResult:
    """Import one plan: write ``content_dir/<id>.md``, ``<id>.review.txt`` and,
    when it names bodies or an organisation the registry does not know,
    ``content_dir/de-xuat/<id>.yml``.

    ``registry`` is content/agencies.yml (default: the one in
    ``content_dir``).  Raises :class:`DraftExists` when the draft exists and
    ``overwrite`` is false, :class:`ImportFailed` when the file cannot be
    read.  Nothing is written unless everything could be prepared.
    """
    path, content_dir = Path(path), Path(content_dir)
    registry = Path(registry) if registry else content_dir / "agencies.yml"
    file_notes: list[str] = []
    ocr_lines: dict[int, int] = {}
    raw, one_per_line = read_plan(path, progress, file_notes, ocr_lines)
    source = _source_name(path, content_dir)
    draft = convert(raw, registry=registry, source=source, paragraphs=one_per_line, ocr=ocr_lines)
    draft_path = content_dir / f"{draft.id}.md"
    report_path = content_dir / f"{draft.id}{REPORT_SUFFIX}"
    provisional_path = content_dir / PROVISIONAL_DIR / f"{draft.id}.yml"
    if draft_path.exists() and not overwrite:
        raise DraftExists(f"{_display(draft_path)} đã có; không ghi đè. Dùng --overwrite để thay, hoặc đổi tên tệp cũ.")
    if provisional_path.exists():
        # a re-import replaces its own proposals: read without them
        draft = convert(raw, registry=registry, source=source, paragraphs=one_per_line, exclude=draft.id, ocr=ocr_lines)
    shown = _display(draft_path)
    provisional = provisional_yaml(draft.proposals, draft.id, source) if draft.proposals else None
    corpus, diagnostics = _trial_build(draft.markdown, draft.id, registry, shown, provisional)
    findings = list(draft.findings) + [Finding("dòng-lạ", note) for note in file_notes]
    rest = []
    for d in diagnostics:
        code = _FROM_BUILD.get(d.code)
        if code and d.source and d.source.file == shown:
            findings.append(Finding(code, d.message, d.source.line, d.hint, origin="build"))
        else:
            rest.append(d)
    findings = merge_citation_findings(findings)
    tasks = [t for t in corpus.tasks if t.plan == draft.id]
    report = render_report(
        draft=shown, source=source, summary=draft.summary, findings=findings, diagnostics=rest,
        duties=duty_lines(tasks, corpus, draft.markdown), proposals=draft.proposals,
        proposals_file=_display(provisional_path) if provisional else None, plan_id=draft.id,
        parent_names={o.id: o.name for o in corpus.organisations.values()},
    )
    content_dir.mkdir(parents=True, exist_ok=True)
    writes = [(draft_path, draft.markdown), (report_path, report)]
    if provisional:
        writes.insert(0, (provisional_path, provisional))
    _write_all(writes, remove=[] if provisional else [provisional_path])
    org = draft.meta.organisation
    return ImportResult(
        draft.id, draft_path, report_path, draft.markdown, report, findings, diagnostics, draft.proposals, len(tasks), True,
        number=draft.meta.number, organisation=org.id if org else "", organisation_new=bool(org and org.new),
        provisional_path=provisional_path if provisional else None,
    )


def _write_all(writes: list[tuple[Path, str]], remove: list[Path]) -> None:
    """Write every file next to its place first, then rename them in: a
    failure leaves the old files as they were, not half of the new ones."""
    staged = []
    try:
        for target, text in writes:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            staged.append((Path(tmp), target))
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise ImportFailed(f"không ghi được {exc.filename}: {exc.strerror}; kiểm tra quyền ghi và chỗ trống trên ổ đĩa.") from None
    for tmp, target in staged:
        os.replace(tmp, target)
    for path in remove:
        path.unlink(missing_ok=True)


@dataclass
class BatchItem:
    path: Path
    result: ImportResult | None = None
    error: str | None = None


def import_files(paths, content_dir, *, overwrite: bool = False, progress=None, pages=None) -> list[BatchItem]:
    """Import many plans one after another (each sees the proposals of the
    ones before it, so two plans of one new province share its entries);
    a file that fails is reported and the others go on.  ``progress(path)``
    after each file; ``pages(path, done, total)`` while a PDF is read."""
    out: list[BatchItem] = []
    for path in paths:
        on_page = (lambda done, total, path=path: pages(Path(path), done, total)) if pages else None
        try:
            out.append(BatchItem(Path(path), import_file(path, content_dir, overwrite=overwrite, progress=on_page)))
        except ImportFailed as exc:
            out.append(BatchItem(Path(path), error=str(exc)))
        if progress:
            progress(Path(path))
    return out


def expand_inputs(paths) -> list[Path]:
    """Files as given, and the importable files of folders (sorted, hidden ones left out)."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            out.append(path)
    return out


def _source_name(path: Path, content_dir: Path) -> str:
    root = content_dir.resolve().parent
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name
