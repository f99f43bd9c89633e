"""The "rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm" audit.

Party and state offices ask every assigned task to be clear on five counts
("5 rõ").  Four of them can be read from what the build already knows of a
plan's duties:

* **rõ người** (a named doer): a paragraph of an assigning part that names no
  body (``duties.Unplaced``, lead-ins excepted) has no doer;
* **rõ thời gian** (a deadline): a duty whose deadline kind is ``none`` or
  ``unknown`` has none;
* **rõ trách nhiệm** (one body answers for it): a duty shared by two bodies or
  more, none of them "chủ trì", has no lead;
* **rõ sản phẩm** (a product): a duty whose text names none of the products of
  :data:`PRODUCTS` (a report, a plan, a conference, a draft ...) has none.

**Rõ việc** is the duty's text itself, shown word for word: it is not scored.

The audit describes the plan as it was issued.  The clerk who typed it in
cannot "fix" a missing deadline without changing the document, so the
findings are a panel on the plan page, a site-wide ranking and notes of
``kehoach check`` (``report.notes``), never warnings: ``check --strict``
keeps failing only on what the content's author can and should correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import labels
from .links import plan_md, relative
from .model import Corpus, Plan, Task
from .paging import DEFAULT_PAGE_ROWS, page_md, pager
from .render import esc, vn_int
from .text import sort_key
from .vocabulary import DOC_TYPES

AUDIT_PAGE = "kiem-tra/ro-viec.md"
PANEL_ID = "ra-soat-5-ro"

# What a duty's work yields, as Vietnamese administrative writing names it:
# the documents a body drafts, issues or submits, the meetings and events it
# holds, what it publishes.  A mention is not a product of the duty when it
# names a document that exists already (see products()): one cited by its
# number or as "này" ("Kế hoạch số 15-KH/TU", "Quy định 144", "Kế hoạch
# này"), one the duty follows ("theo hướng dẫn của ...", "triển khai thực
# hiện tốt các quy định"), one named by its capitalised title in mid-sentence
# ("đã nêu trong Nghị quyết"), a body ("Sở Kế hoạch và Đầu tư") -- unless the
# clause makes it ("xây dựng, triển khai kế hoạch", "Xây dựng Đề án ...").
# Document types of generator/vocabulary.py that no body of a province makes
# (and "luật" is also the last syllable of "pháp luật").
_NOT_MADE = {"nghi-dinh", "thong-tu", "thong-tu-lien-tich", "luat"}
PRODUCT_GROUPS: dict[str, tuple[str, ...]] = {
    "văn bản": tuple(t.name.lower() for t in DOC_TYPES if t.slug not in _NOT_MADE) + (
        "văn bản", "dự thảo", "biên bản", "dự án", "đề tài", "đề cương", "phương án", "quy trình",
        "tài liệu", "cẩm nang", "sổ tay", "bộ tiêu chí", "bộ chỉ số", "danh mục", "danh sách", "cơ sở dữ liệu",
    ),
    "hội nghị, sự kiện": (
        "hội nghị", "hội thảo", "tọa đàm", "diễn đàn", "cuộc thi", "hội thi", "hội chợ", "triển lãm",
        "lớp tập huấn", "lớp bồi dưỡng", "lớp học tập", "lớp đào tạo", "tập huấn", "sơ kết", "tổng kết",
    ),
    "ấn phẩm, tin bài": ("chuyên đề", "chuyên mục", "chuyên trang", "ấn phẩm", "bản tin", "phóng sự", "tin, bài", "tin bài", "bài viết", "đăng tin"),
}
PRODUCTS: tuple[str, ...] = tuple(w for words in PRODUCT_GROUPS.values() for w in words)
_DOCUMENTS = frozenset(PRODUCT_GROUPS["văn bản"])  # what a duty may follow or cite; an event it holds
# Besides the nouns: a column of the plan's table that names the product
# ("Sản phẩm: Lớp bồi dưỡng", "Kết quả/sản phẩm: Biên bản kiểm tra"), and the
# verbs whose object is a document ("ban hành tiêu chí ...", "... trình Ủy ban
# nhân dân tỉnh": a submission).
PRODUCT_MARKS = ("Sản phẩm: …", "ban hành …", "trình (cấp trên) …")

# matched against the lower-cased text (an alternation under re.I is several times slower)
_PRODUCT = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(PRODUCTS, key=len, reverse=True)) + r")(?!\w)"
)
_MARK = re.compile(
    r"(?:kết quả\s*/\s*)?sản phẩm(?:\s+đầu ra)?\s*:\s*\w"
    r"|(?<!\w)(?<!đã )(?<!được )(?<!mới )(?<!vừa )ban hành\s+\w"
    r"|(?<!\w)trình\s+(?:Ủy ban|UBND|Ban|Thường trực|Hội đồng|HĐND|Chủ tịch|Giám đốc|cấp có thẩm quyền|cấp ủy|Tỉnh ủy|Huyện ủy|Thành ủy|Bộ|Thủ tướng|Chính phủ)",
    re.I,
)
_FILLER = r"(?:(?:tốt|nghiêm|nghiêm túc|có hiệu quả|hiệu quả|đầy đủ|kịp thời|đúng|các|những|nội dung|việc)\s+)*"
# A mention right after these is a document the duty follows ...
_FOLLOWED = re.compile(r"(?:theo|thực hiện|triển khai|quán triệt|học tập|căn cứ|của|tại|trong|với|sau|vào)\s+" + _FILLER + "$", re.I)
# ... or a body's name; and right before these, a cited document.
_BODY_BEFORE = re.compile(r"(?:Sở|Bộ|Phòng|Vụ|Cục|Ban|Tiểu ban|Trung tâm|Văn phòng)\s+$")
_CITED_AFTER = re.compile(r"^\s*(?:số\b|\d+\s*[-–/]|này\b|nói trên\b|và Đầu tư\b)", re.I)
_NUMBER_AFTER = re.compile(r"^\s*\d")
# What makes the mention a product despite the above: "xây dựng, triển khai kế hoạch".
_MAKING = re.compile(r"(?:xây dựng|ban hành|soạn thảo|lập|sửa đổi|bổ sung|hoàn thiện|cụ thể hóa|cụ thể hoá)\b[^.;:]*$", re.I)
# Where a sentence or an item starts: a capitalised word there is not a title.
_STARTS = re.compile(r"(?:^|[.;:!?)\]*\"“]|^\s*(?:[\dIVXLC]+(?:\.\d+)*\.?|[a-zđ]\)|\(\d+\)|[-–+•]))\s*$")
_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+và\s+|\s*,\s*và\s+|\s*/\s*)$")


def products(text: str | None) -> list[str]:
    """The products a duty's text names, as written ("báo cáo", "Hội nghị", "Sản phẩm: B")."""
    if not text:
        return []
    return _marks(text) + list(_made(text))


def names_product(text: str | None) -> bool:
    """``products(text) != []``, stopping at the first one."""
    return bool(text) and (bool(_marks(text)) or next(_made(text), None) is not None)


_MARK_HINTS = ("sản phẩm", "ban hành", "trình")  # words every _MARK match holds: most texts skip the regex


def _marks(text: str) -> list[str]:
    low = text.lower()
    if not any(hint in low for hint in _MARK_HINTS):
        return []
    return [m.group(0) for m in _MARK.finditer(text)]


def _made(text: str):
    """The product nouns of ``text`` that the duty makes, in order."""
    previous_end, previous_made = None, True
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): positions would drift
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for m in _PRODUCT.finditer(low):
        word = text[m.start() : m.end()]
        document = " ".join(m.group(0).split()) in _DOCUMENTS
        before, after = text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 12]
        cited = _CITED_AFTER.match(after) is not None
        if previous_end is not None and _LIST_GAP.match(text[previous_end : m.start()]):
            made = previous_made  # "theo quy định, hướng dẫn của ...": the list shares its verb
        elif cited or _BODY_BEFORE.search(before) or (word[0].isupper() and _NUMBER_AFTER.match(after)):
            made = False
        elif not document:
            made = True  # a meeting, a publication: held or published, never followed
        elif word[0].isupper() and not _STARTS.search(before):
            made = _MAKING.search(before) is not None  # a title in mid-sentence: made only when the clause makes it
        else:
            made = not _FOLLOWED.search(before) or _MAKING.search(before) is not None
        if cited and document:
            made = False  # "tổ chức quán triệt, thực hiện Nghị quyết, Kế hoạch số 12-KH/TU"
        previous_end, previous_made = m.end(), made
        if made:
            yield word


# --- one plan ---------------------------------------------------------------------

# The checks, in the order of the slogan; rõ việc is the text itself.
# code -> (the count's name, what a finding misses, what the findings are)
CHECKS = {
    "nguoi": ("Rõ người", "người", "đoạn chưa nêu cơ quan thực hiện"),
    "thoi-gian": ("Rõ thời gian", "thời gian", "nhiệm vụ chưa ghi thời hạn"),
    "trach-nhiem": ("Rõ trách nhiệm", "trách nhiệm", "nhiệm vụ giao nhiều cơ quan nhưng không nêu cơ quan chủ trì"),
    "san-pham": ("Rõ sản phẩm", "sản phẩm", "nhiệm vụ chưa nêu sản phẩm (báo cáo, kế hoạch, hội nghị …)"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One paragraph or duty that misses something: where, what it says."""

    anchor: str
    text: str
    source: object  # model.Source


@dataclass(slots=True)
class PlanAudit:
    plan: Plan
    duties: int = 0  # duties read from the plan's text
    clear: int = 0  # of them, those clear on every count
    gaps: dict[str, list[Finding]] = field(default_factory=lambda: {code: [] for code in CHECKS})

    @property
    def total(self) -> int:
        """What is judged: the duties, and the paragraphs with no doer."""
        return self.duties + len(self.gaps["nguoi"])

    @property
    def missing(self) -> int:
        return sum(len(found) for found in self.gaps.values())

    @property
    def share(self) -> float:
        return self.clear / self.total if self.total else 1.0


def task_gaps(task: Task) -> list[str]:
    """The checks a duty fails (its doer is named: it is a duty)."""
    out = []
    if task.deadline.kind in ("none", "unknown"):
        out.append("thoi-gian")
    bodies = {a.agency for a in task.assignees}
    if len(bodies) >= 2 and not any(a.role == "lead" for a in task.assignees):
        out.append("trach-nhiem")
    if not names_product(labels.duty_text(task.text)) and not names_product(labels.duty_text(task.context)):
        out.append("san-pham")
    return out


def _snippet(text: str, limit: int = 110) -> str:
    text = " ".join(labels.duty_text(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def audit_plans(corpus: Corpus) -> dict[str, PlanAudit]:
    """plan id -> its audit, for every plan of the corpus (in corpus order)."""
    audits = {plan.id: PlanAudit(plan) for plan in corpus.plans}
    for task in corpus.tasks:
        audit = audits.get(task.plan)
        if audit is None:
            continue
        audit.duties += 1
        gaps = task_gaps(task)
        if not gaps:
            audit.clear += 1
        for code in gaps:
            audit.gaps[code].append(Finding(task.anchor, _snippet(task.text), task.source))
    texts: dict[str, dict[str, str]] = {}
    for item in corpus.unplaced:
        audit = audits.get(item.plan)
        if audit is None or item.reason.startswith("câu dẫn"):
            continue  # a lead-in: the bullets after it carry the duties
        if item.plan not in texts:
            texts[item.plan] = {node.anchor: node.text for node in audit.plan.walk()}
        audit.gaps["nguoi"].append(Finding(item.anchor, _snippet(texts[item.plan].get(item.anchor, "")), item.source))
    return audits


# --- the plan page's panel ----------------------------------------------------------


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def audit_panel(audit: PlanAudit, here: str) -> str:
    """The plan page's panel: per check, how many miss it, each listed with
    a link to its paragraph.  Nothing for a plan with no duty part."""
    if not audit.total:
        return ""
    rows = []
    for code, (title, _, what) in CHECKS.items():
        found = audit.gaps[code]
        if not found:
            value = '<span class="kh-audit-ok">Đạt</span>'
        else:
            items = "".join(f'<li><a href="#{esc(f.anchor)}">{esc(f.text)}</a></li>' for f in found)
            value = (
                f'<details><summary><span class="kh-audit-gap">{vn_int(len(found))}</span> {esc(what)}</summary>'
                f'<ol class="kh-audit-list">{items}</ol></details>'
            )
        rows.append(f'<tr data-check="{code}"><th scope="row">{esc(title)}</th><td>{value}</td></tr>')
    ranking = relative(here, AUDIT_PAGE)
    summary = (
        f"{vn_int(audit.clear)}/{vn_int(audit.total)} nhiệm vụ rõ đủ các mặt ({_percent(audit.share)}). "
        f'<a href="{esc(ranking)}">So sánh với các văn bản khác</a>.'
    )
    return (
        f'<table class="kh-panel kh-audit" id="{PANEL_ID}" data-pagefind-ignore>\n'
        "<caption>Rà soát “5 rõ”: rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm</caption>\n"
        f'<tbody><tr><td colspan="2" class="kh-audit-summary">{summary}</td></tr>{"".join(rows)}</tbody>\n'
        "</table>\n"
    )


# --- the site-wide page -------------------------------------------------------------


def _ranked(audits: dict[str, PlanAudit]) -> list[PlanAudit]:
    """Plans with duties, the least clear first."""
    judged = [a for a in audits.values() if a.total]
    return sorted(judged, key=lambda a: (a.share, -a.missing, sort_key(a.plan.title), a.plan.id))


def _row(rank: int, audit: PlanAudit, here: str) -> str:
    from .pages import plan_short_title

    plan = audit.plan
    href = relative(here, plan_md(plan.id) + "#" + PANEL_ID)
    cells = "".join(
        f'<td data-label="Chưa rõ {esc(word)}" data-sort="{len(audit.gaps[code]):06d}">{vn_int(len(audit.gaps[code])) if audit.gaps[code] else "–"}</td>'
        for code, (_, word, _) in CHECKS.items()
    )
    return (
        f'<tr><td data-label="Hạng" data-sort="{rank:06d}">{rank}</td>'
        f'<td data-label="Văn bản"><a href="{esc(href)}">{esc(plan_short_title(plan))}</a>'
        f'<br><span class="kh-audit-title">{esc(_snippet(plan.title, 140))}</span></td>'
        f'<td data-label="Nhiệm vụ" data-sort="{audit.total:06d}">{vn_int(audit.total)}</td>'
        f'<td data-label="Rõ đủ" data-sort="{round(audit.share * 1000):06d}">{_percent(audit.share)}</td>'
        f"{cells}</tr>"
    )


_HEAD = (
    "<thead><tr><th data-sort-key>Hạng</th><th>Văn bản</th><th data-sort-key>Nhiệm vụ</th><th data-sort-key>Rõ đủ</th>"
    + "".join(f"<th data-sort-key>Chưa rõ {esc(word)}</th>" for _, word, _ in CHECKS.values())
    + "</tr></thead>"
)


def audit_pages(corpus: Corpus, audits: dict[str, PlanAudit] | None = None, page_rows: int = DEFAULT_PAGE_ROWS) -> dict[str, str]:
    """kiem-tra/ro-viec.md (and its further pages past ``page_rows`` plans):
    every plan with duties, ranked by the share of its duties clear on every count."""
    from .pages import _html_head

    audits = audit_plans(corpus) if audits is None else audits
    ranked = _ranked(audits)
    total = sum(a.total for a in ranked)
    clear = sum(a.clear for a in ranked)
    counts = {code: sum(len(a.gaps[code]) for a in ranked) for code in CHECKS}
    paths = [page_md(AUDIT_PAGE, n + 1) for n in range(max(1, -(-len(ranked) // page_rows)))]
    figures = "".join(f"<li>{vn_int(counts[code])} {esc(what)}</li>" for code, (_, _, what) in CHECKS.items())
    intro = (
        f'<p class="kh-lead">{vn_int(len(ranked))} văn bản có phần giao nhiệm vụ, {vn_int(total)} nhiệm vụ; '
        f"{vn_int(clear)} nhiệm vụ ({_percent(clear / total if total else 1.0)}) rõ người, rõ thời gian, rõ trách nhiệm và rõ sản phẩm. "
        "Văn bản có tỷ lệ rõ đủ thấp nhất đứng đầu; bấm tiêu đề cột để sắp xếp lại.</p>\n"
        f'<ul class="kh-audit-figures">{figures}</ul>\n'
        '<details class="kh-audit-how"><summary>Cách rà soát</summary>'
        "<p><b>Rõ người</b>: đoạn trong phần giao nhiệm vụ không nêu cơ quan nào trong danh mục. "
        "<b>Rõ thời gian</b>: nhiệm vụ không ghi thời hạn (hoặc thời hạn không đọc được). "
        "<b>Rõ trách nhiệm</b>: nhiệm vụ giao từ hai cơ quan trở lên mà không cơ quan nào chủ trì. "
        "<b>Rõ sản phẩm</b>: nội dung nhiệm vụ không nêu sản phẩm nào trong danh mục: "
        + esc("; ".join(f"{group}: {', '.join(words)}" for group, words in PRODUCT_GROUPS.items()))
        + " (trừ khi đó là văn bản được trích dẫn hay làm theo, như “Kế hoạch số …”, “theo hướng dẫn của …”). "
        "<b>Rõ việc</b>: nội dung nhiệm vụ được giữ nguyên văn trên trang văn bản, không chấm điểm. "
        "Kết quả mô tả văn bản như được ban hành; lệnh <code>kehoach check</code> liệt kê từng đoạn kèm tệp và dòng.</p></details>\n"
    )
    pages = {}
    for n, path in enumerate(paths):
        chunk = ranked[n * page_rows : (n + 1) * page_rows]
        nav = pager(path, paths, n)
        rows = "".join(_row(n * page_rows + i + 1, a, path) for i, a in enumerate(chunk))
        part = f" (trang {n + 1}/{len(paths)})" if len(paths) > 1 else ""
        pages[path] = (
            _html_head(f"Rà soát “5 rõ”{part}", "[navigation, toc]")
            + '<div data-pagefind-ignore>\n'
            "<h1>Rà soát “5 rõ” của các văn bản</h1>\n"
            + intro
            + nav
            + f'<table class="kh-table kh-sortable kh-audit-ranking">{_HEAD}<tbody>{rows}</tbody></table>\n'
            + nav
            + "</div>\n"
        )
    return pages


# --- kehoach check ------------------------------------------------------------------


def audit_notes(corpus: Corpus, audits: dict[str, PlanAudit] | None = None) -> list[str]:
    """Lines for ``kehoach check``: one per duty that misses something
    (``file:line: ghi chú[5-rõ]: ...``), then one summary per plan.  A
    paragraph with no doer is already a warning (đoạn-không-giao) and is only
    counted here."""
    audits = audit_plans(corpus) if audits is None else audits
    lines: list[tuple] = []
    for audit in audits.values():
        if not audit.total:
            continue
        by_duty: dict[tuple, list[str]] = {}
        for code in ("thoi-gian", "trach-nhiem", "san-pham"):
            for f in audit.gaps[code]:
                by_duty.setdefault((f.source.file, f.source.line, f.anchor, f.text), []).append(CHECKS[code][1])
        for (file, line, _, text), missing in by_duty.items():
            lines.append((file, line, f"{file}:{line}: ghi chú[5-rõ]: nhiệm vụ chưa rõ {', '.join(missing)}: “{text}”"))
        plan = audit.plan
        figures = ", ".join(f"{len(audit.gaps[c])} {CHECKS[c][2]}" for c in CHECKS if audit.gaps[c])
        lines.append((
            plan.source.file, 0,
            f"{plan.source}: ghi chú[5-rõ]: {audit.clear}/{audit.total} nhiệm vụ rõ đủ các mặt"
            + (f"; {figures}." if figures else "."),
        ))
    return [text for *_, text in sorted(lines, key=lambda x: (x[0], x[1]))]
