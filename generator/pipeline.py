"""The one composition of the stages: load -> parse -> link -> emit.

Nothing here imports MkDocs; ``plugin.py`` adapts it to MkDocs and
``cli.py`` runs it for ``kehoach check``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterator

from . import labels
from .agencies import load_registry_agencies
from .audit import audit_pages, audit_panel, audit_plans
from .agency_pages import INDEX as AGENCY_INDEX
from .agency_pages import agency_data_path, agency_index, agency_pages, duties_by_agency, filter_labels
from .citation_index import basis_href, build_citation_index, linkify
from .document_pages import citation_pages
from .tree_pages import tree_snippet
from .dashboard import dashboard
from .diagnostics import Report
from .followup_links import plan_report_md, report_link
from .followup_reports import report_pages
from .documents import load_documents
from .duties import extract_duties
from .calendars import calendar_pieces
from .exports import agency_csv, agency_records, agency_xlsx, tasks_csv_pieces, tasks_json_pieces
from .links import agency_md, plan_md, relative
from . import frontmatter as fm
from .load import load_corpus, provisional_files, registry_files
from .model import Corpus, Node, Source
from .pages import DATA_PAGE, data_page, home_pages, plan_page
from .paging import DEFAULT_PAGE_ROWS
from .progress import attach, check_unique, duty_id, load_progress
from .progress_pages import id_html, progress_panel
from .render import esc
from .text import sort_key
from .timeline import timeline_pages


ACCESS_RANK = {"cong-khai": 0, "noi-bo": 1, "mat": 2}
DEFAULT_AUDIENCE = "noi-bo"


def build_corpus(root: Path, content_dir: Path, *, build_date: date | None = None, audience: str | None = None, strict: bool = False) -> tuple[Corpus, Report]:
    """Read and link everything; the Report holds every problem found."""
    corpus, report, _ = build_corpus_with_report(root, content_dir, build_date=build_date, audience=audience, strict=strict)
    return corpus, report


def for_audience(plans: list, audience: str | None) -> tuple[list, int]:
    """Plans a reader of ``audience`` may see, and how many were left out.

    Filtering happens before linking, so a left-out plan reaches no page,
    index, export, calendar or search entry; other plans' citations of it
    show only its number."""
    if audience is None:
        return plans, 0
    limit = ACCESS_RANK[audience]
    kept = [p for p in plans if ACCESS_RANK.get(p.access, 2) <= limit]
    return kept, len(plans) - len(kept)


def build_corpus_with_report(root: Path, content_dir: Path, *, build_date: date | None = None, audience: str | None = None, strict: bool = False):
    report = Report()
    every_plan, organisations = load_corpus(content_dir, root, report)
    plans, left_out = for_audience(every_plan, audience)
    hidden = [p for p in every_plan if p not in plans] if left_out else []
    if left_out:
        report.notes.append(f"{left_out} văn bản có mức truy cập cao hơn \"{audience}\" không được đưa vào trang.")
    agencies = {}
    # No organisations: content/agencies.yml is missing or unreadable and has been
    # reported once; reading duties against an empty registry would only add a
    # warning for every duty of every plan.
    if organisations:
        hidden_ids = {p.id for p in hidden}
        # a left-out plan's proposals are not read: the bodies only it names would show
        files = [(path, provisional) for path, provisional in registry_files(content_dir) if not (provisional and path.stem in hidden_ids)]
        agencies = load_registry_agencies(files, root, organisations, report)
    _report_unreviewed(plans, content_dir, root, report)
    tasks, unplaced = extract_duties(plans, organisations, agencies, report) if organisations else ([], [])
    secret = []
    if hidden and organisations:
        # A body whose only duties are in left-out plans gets no page, calendar or
        # filter value: its existence would tell what those plans assign.
        secret, _ = extract_duties(hidden, organisations, agencies, Report())
        shown = {a.agency for t in tasks for a in t.assignees}
        for agency_id in {a.agency for t in secret for a in t.assignees} - shown:
            agencies.pop(agency_id, None)
    for item in unplaced:
        if item.reason.startswith("câu dẫn"):
            # an expected outcome, listed for the record rather than warned about
            report.notes.append(f"{item.source}: ghi chú: đoạn không mang nhiệm vụ riêng ({item.reason}).")
            continue
        report.warning(
            "đoạn-không-giao",
            f"đoạn trong phần giao nhiệm vụ không nêu cơ quan nào trong danh mục ({item.reason}); nhiệm vụ này không có trên trang cơ quan nào.",
            item.source,
            "thêm tên cơ quan vào content/agencies.yml, hoặc đánh dấu <!-- giao: Tên cơ quan --> / <!-- giao: - --> ở cuối đoạn.",
        )
    for task in tasks:
        if task.deadline.kind == "unknown":
            report.warning(
                "hạn-chót",
                f'không đọc được thời hạn "{task.deadline.phrase}"; thời hạn được giữ nguyên văn trên trang.',
                task.source,
                "viết theo một mẫu trong Hướng dẫn soạn thảo (ví dụ: quý I/2024, trước 31/3/2024, thường xuyên), hoặc thêm <!-- hạn: ... -->.",
            )
    check_unique(tasks, report)
    records = attach(load_progress(content_dir, root, report), tasks, secret, agencies, report)
    documents_file = content_dir / "documents.yml"
    documents_rel = documents_file.resolve().relative_to(root.resolve()).as_posix() if documents_file.resolve().is_relative_to(root.resolve()) else str(documents_file)
    documents = load_documents(documents_file, documents_rel, organisations, report)
    citations = build_citation_index(plans, organisations, documents, report, strict=strict)
    corpus = Corpus(plans=tuple(plans), organisations=organisations, agencies=agencies, tasks=tuple(tasks), build_date=build_date, citations=citations, progress=records, unplaced=tuple(unplaced))
    return corpus, report, unplaced


def _report_unreviewed(plans, content_dir: Path, root: Path, report: Report) -> None:
    """Drafts and proposed bodies build (their duties show, marked "chưa
    duyệt"), but each is a warning, so `check --strict` fails until a person
    has reviewed them."""
    for plan in plans:
        if not plan.reviewed:
            report.warning(
                "chưa-duyệt",
                "bản nháp do kehoach import tạo, chưa được duyệt; nhiệm vụ của nó hiện trên trang với nhãn “chưa duyệt”.",
                Source(plan.source.file, fm.line_of(plan.lines, ("reviewed",), 2)),
                f"đối chiếu với văn bản gốc theo báo cáo {plan.id}.review.txt, sửa nếu cần, rồi chạy: kehoach accept {plan.id}",
            )
    for path in provisional_files(content_dir):
        resolved = path.resolve()
        rel = resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else str(path)
        report.warning(
            "chưa-duyệt",
            f"danh mục đề xuất (cơ quan, tổ chức mà danh mục chưa có, do kehoach import ghi cho kế hoạch {path.stem}) chưa được duyệt.",
            Source(rel, 1),
            f"kiểm tra tên, cấp và tổ chức cha của từng mục, rồi chạy: kehoach accept {path.stem} (chuyển các mục vào content/agencies.yml).",
        )


def _assignee_extras(corpus: Corpus, plan_id: str, tasks=None):
    """``tasks``: the plan's own duties (emit_site groups them once; walking
    every duty of the corpus for every plan was O(plans x duties))."""
    here = plan_md(plan_id)
    by_anchor: dict[str, list] = {}
    for task in corpus.tasks if tasks is None else tasks:
        if task.plan == plan_id:
            by_anchor.setdefault(task.anchor, []).append(task)

    def extras(node: Node) -> str:
        tasks = by_anchor.get(node.anchor)
        if not tasks:
            return ""
        seen: dict[str, str] = {}
        ids: dict[str, list[str]] = {}
        for task in tasks:
            for a in task.assignees:
                seen.setdefault(a.agency, a.role)
                ids.setdefault(a.agency, []).append(duty_id(task, a.agency))
        links = []
        for agency_id, role in seen.items():
            agency = corpus.agencies.get(agency_id)
            if agency is None:
                continue
            href = relative(here, agency_md(agency_id))
            links.append(
                f'<a class="kh-assignee kh-role-{role}" href="{esc(href)}">{esc(agency.name)}</a> <span class="kh-role">({labels.ROLES[role].lower()})</span>'
                + "".join(" " + id_html(key) for key in dict.fromkeys(ids[agency_id]))
            )
        return f'<span class="kh-assignees" data-pagefind-ignore>Giao: {", ".join(links)}</span>' if links else ""

    return extras


def emit_site(corpus: Corpus, *, base_url: str | None = None, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str | bytes]:
    """Every generated page and data file, keyed by its path in the site."""
    return {path: _whole(content) for path, content in iter_site(corpus, base_url=base_url, page_rows=page_rows)}


def _whole(content):
    """A file iter_site gives in pieces (a large export), joined."""
    if isinstance(content, (str, bytes)):
        return content
    pieces = list(content)
    return b"".join(pieces) if pieces and isinstance(pieces[0], bytes) else "".join(pieces)


def byte_pieces(content) -> Iterator[bytes]:
    """The bytes of a file iter_site gives, piece by piece (a large export
    comes as an iterable of pieces and is never whole in memory)."""
    for piece in (content,) if isinstance(content, (str, bytes)) else content:
        yield piece.encode("utf-8") if isinstance(piece, str) else piece


def iter_site(corpus: Corpus, *, base_url: str | None = None, page_rows: int = DEFAULT_PAGE_ROWS) -> Iterator[tuple[str, str | bytes]]:
    """Every generated page and data file as (site path, content), one at a
    time, so that a caller writing them out never holds the whole site.
    Lists longer than ``page_rows`` rows are cut into pages (paging.py)."""
    board = dashboard(corpus, page_rows)
    yield from home_pages(corpus, page_rows, board.html).items()
    yield from board.pages.items()
    del board
    index = corpus.citations
    tasks_by_plan: dict[str, list] = {}
    for task in corpus.tasks:
        tasks_by_plan.setdefault(task.plan, []).append(task)
    labels_of = filter_labels(corpus)
    audits = audit_plans(corpus)
    reported = {task.plan for task in corpus.tasks if any(a.agency in corpus.agencies for a in task.assignees)}
    for plan in corpus.plans:
        here = plan_md(plan.id)
        held = {a.agency for t in tasks_by_plan.get(plan.id, ()) for a in t.assignees if a.agency in labels_of}
        yield here, plan_page(
            plan,
            corpus,
            extras=_assignee_extras(corpus, plan.id, tasks_by_plan.get(plan.id, ())),
            link_for=lambda doc, plan=plan, here=here: basis_href(plan, doc, here, index),
            linkify=lambda text, plan=plan, here=here: linkify(text, plan, here, index),
            after_panel=progress_panel(plan, corpus, tasks_by_plan.get(plan.id, ()), here)
            + (report_link(plan_report_md(plan.id), here, "văn bản này") if plan.id in reported else "")
            + audit_panel(audits[plan.id], here) + tree_snippet(plan, here, index),
            assigned=tuple(sorted({labels_of[a] for a in held}, key=sort_key)),
        )
    del tasks_by_plan
    yield from citation_pages(index, page_rows).items()
    duties = duties_by_agency(corpus)
    yield AGENCY_INDEX, agency_index(corpus, duties)
    for agency in corpus.agencies.values():
        held = duties.get(agency.id, [])
        yield from agency_pages(agency, held, corpus, page_rows, labels_of[agency.id]).items()
        if held:
            # the body's own list, offered on its page
            records = agency_records(corpus, agency.id, list(dict.fromkeys(task for task, _ in held)))
            yield agency_data_path(agency.id, "csv"), agency_csv(corpus, records)
            yield agency_data_path(agency.id, "xlsx"), agency_xlsx(corpus, records, f"Nhiệm vụ: {labels_of[agency.id]}")
    del duties
    yield DATA_PAGE, data_page(corpus)
    yield from audit_pages(corpus, audits, page_rows).items()
    del audits
    yield from timeline_pages(corpus, page_rows).items()
    yield from report_pages(corpus, page_rows)
    # The large data files come in pieces (a file of 100 MB at 10,000 plans is never whole in memory).
    yield from calendar_pieces(corpus, base_url).items()
    yield "data/tasks.json", tasks_json_pieces(corpus)
    yield "data/tasks.csv", tasks_csv_pieces(corpus)
