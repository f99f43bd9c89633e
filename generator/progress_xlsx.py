"""The Excel round trip of progress: one workbook per body to fill in, and
the filled workbooks read back, cell by cell.

``kehoach progress export`` writes ``<organisation>--<body>.xlsx``: a sheet
"Tiến độ" with one row per duty of the body (what it is, then the latest
report, prefilled so a clerk updates it) and a very hidden, protected sheet
"kehoach" that says which body the workbook belongs to and what was
prefilled in each row.  ``kehoach progress import`` reads it back
(:func:`read_workbook`): every cell it cannot take is a message naming the
file, the sheet and the cell (``ban-to-chuc.xlsx!Tiến độ!G7``); every other
row with data becomes a report.  Writing the reports into content/tien-do/
is progress_write's part.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import labels
from .diagnostics import Report
from .exports import _fixed_zip
from .model import Corpus, ProgressReport, Task
from .progress import STATUSES, duty_id, normal_id, status_code
from .render import vn_date
from .text import comparable

SHEET = "Tiến độ"
MARKER_SHEET = "kehoach"
FORMAT = "kehoach-tien-do"
FORMAT_VERSION = 1

# (header, key, width in characters).  The first six describe the duty, the
# last five are the report a clerk fills in.
COLUMNS = [
    ("Mã nhiệm vụ", "id", 14),
    ("Văn bản", "plan", 22),
    ("Vị trí trong văn bản", "place", 16),
    ("Nhiệm vụ", "text", 50),
    ("Vai trò", "role", 10),
    ("Thời hạn", "deadline", 18),
    ("Trạng thái", "status", 16),
    ("Ngày", "date", 12),
    ("Kết quả", "result", 36),
    ("Văn bản báo cáo", "evidence", 26),
    ("Lý do không thực hiện", "reason", 22),
]
HEADERS = [c[0] for c in COLUMNS]
KEYS = [c[1] for c in COLUMNS]
REPORT_KEYS = ("status", "date", "result", "evidence", "reason")
# A workbook without these columns cannot be read; the others only describe the duty.
REQUIRED = ("id", "text", "status", "date", "result", "evidence", "reason")
_LETTER = {key: chr(ord("A") + i) for i, key in enumerate(KEYS)}
_MARKER_ROWS = 7  # the snapshot table starts after the workbook's own lines


def workbook_name(agency_id: str) -> str:
    """``binh-dinh--ban-tuyen-giao.xlsx``: the body's id, readable as a file name."""
    return agency_id.replace("/", "--") + ".xlsx"


# --- the rows of one body -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DutyRow:
    id: str
    task: Task
    agency: str
    role: str
    plan: str  # "Kế hoạch số 15-KH/TU"
    place: str
    text: str  # as the exports give it: the enumeration's lead-in, then the duty
    deadline: str


def duty_text(task: Task) -> str:
    text = labels.duty_text(task.text)
    context = labels.duty_text(task.context)
    return " ".join((f"{context} {text}" if context else text).split())


def duty_rows(corpus: Corpus) -> dict[str, list[DutyRow]]:
    """Every body's duties, in the order of the plans and of their text."""
    from .pages import plan_short_title

    out: dict[str, list[DutyRow]] = {}
    titles: dict[str, str] = {}
    places: dict[str, dict] = {}
    for task in corpus.tasks:
        if task.plan not in titles:
            plan = corpus.plan(task.plan)
            titles[task.plan] = plan_short_title(plan)
            places[task.plan] = labels.plan_places(plan)
        for a in task.assignees:
            out.setdefault(a.agency, []).append(
                DutyRow(
                    id=duty_id(task, a.agency),
                    task=task,
                    agency=a.agency,
                    role=labels.ROLES.get(a.role, a.role),
                    plan=titles[task.plan],
                    place=places[task.plan].get(task.anchor, ""),
                    text=duty_text(task),
                    deadline=_deadline(task),
                )
            )
    return out


def _deadline(task: Task) -> str:
    d = task.deadline
    if d.kind == "none":
        return "không ghi"
    if d.due and vn_date(d.due) not in d.phrase:
        return f"{d.phrase} (hạn {vn_date(d.due)})"
    return d.phrase


# --- export -----------------------------------------------------------------------


def body_workbook(corpus: Corpus, agency_id: str, rows: list[DutyRow], *, day: date, audience: str) -> bytes:
    """The workbook of one body.  The bytes depend only on the content and ``day``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    agency = corpus.agencies[agency_id]
    organisation = corpus.organisations.get(agency.organisation)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="D9E2F3")
    input_fill = PatternFill("solid", fgColor="FFF9DB")  # the cells a clerk writes in
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in rows:
        latest = corpus.progress[row.id].latest if row.id in corpus.progress else None
        sheet.append(
            [row.id, row.plan, row.place, row.text, row.role, row.deadline]
            + ([STATUSES[latest.status], latest.date, latest.result, latest.evidence, latest.reason] if latest else [None] * 5)
        )
    last = len(rows) + 1
    sheet.row_dimensions[1].height = 30  # "Vị trí trong văn bản" takes two lines
    widths = [c[2] for c in COLUMNS]
    for r, cells in enumerate(sheet.iter_rows(min_row=2, max_row=last), 2):
        lines = 1
        for n, cell in enumerate(cells):
            cell.alignment = wrap
            cell.border = border
            if KEYS[n] in REPORT_KEYS:
                cell.fill = input_fill
            if KEYS[n] == "date":
                cell.number_format = "DD/MM/YYYY"
            if isinstance(cell.value, str):
                lines = max(lines, math.ceil(len(cell.value) / (widths[n] * 1.15)))  # a width holds ~1.15 letters of text
        sheet.row_dimensions[r].height = min(409, 15 * lines)
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[chr(ord("A") + n - 1)].width = width
    # Room below the duties (a second report of a duty is a copied row): the
    # drop-down and the date format reach further down than the rows.
    spare = last + 200
    sheet.column_dimensions[_LETTER["date"]].number_format = "DD/MM/YYYY"
    status_list = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Trạng thái",
        error="Chọn một trong: " + ", ".join(STATUSES.values()) + ".",
        promptTitle="Trạng thái",
        prompt="Chọn trong danh sách.",
    )
    status_list.add(f"{_LETTER['status']}2:{_LETTER['status']}{spare}")
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 1/1/2000
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Ngày",
        error="Ghi ngày báo cáo dạng ngày/tháng/năm, ví dụ 15/10/2022.",
    )
    dates.add(f"{_LETTER['date']}2:{_LETTER['date']}{spare}")
    sheet.add_data_validation(status_list)
    sheet.add_data_validation(dates)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{_LETTER['reason']}{last}"
    # Printable: A4 landscape, as wide as the page, the header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddHeader.center.text = f"Tiến độ thực hiện nhiệm vụ: {agency.name}"
    sheet.oddFooter.left.text = f"Xuất ngày {vn_date(day)}"
    sheet.oddFooter.right.text = "Trang &P/&N"

    marker = book.create_sheet(MARKER_SHEET)
    for line in (
        ("Định dạng", FORMAT, FORMAT_VERSION),
        ("Mã cơ quan", agency_id),
        ("Cơ quan", agency.name),
        ("Tổ chức", organisation.name if organisation else agency.organisation),
        ("Ngày xuất", day.isoformat()),
        ("Mức truy cập", audience),
        ("Mã nhiệm vụ", "Nhiệm vụ", *(h for h, k, _ in COLUMNS if k in REPORT_KEYS)),
    ):
        marker.append(list(line))
    for row in rows:
        latest = corpus.progress[row.id].latest if row.id in corpus.progress else None
        marker.append(
            [row.id, row.text]
            + ([latest.status, latest.date.isoformat(), latest.result, latest.evidence, latest.reason] if latest else [None] * 5)
        )
    marker.sheet_state = "veryHidden"
    marker.protection.sheet = True

    when = datetime(day.year, day.month, day.day)
    book.properties.creator = "kehoach"
    book.properties.title = f"Tiến độ thực hiện nhiệm vụ: {agency.name}"
    book.properties.subject = agency_id
    book.properties.keywords = f"{FORMAT} {agency_id}"
    book.properties.created = book.properties.modified = when
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue(), when)


# --- import -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a message points: ``tệp.xlsx!Tiến độ!G7`` (``line``: the row, for sorting)."""

    file: str
    sheet: str
    cell: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}!{self.sheet}!{self.cell}" if self.cell else (f"{self.file}!{self.sheet}" if self.sheet else self.file)


@dataclass
class Workbook:
    """What one filled workbook says."""

    file: str
    agency: str | None = None
    reports: list[ProgressReport] = field(default_factory=list)  # every valid row's report, in row order
    rows: int = 0  # rows with a duty id
    unchanged: int = 0  # rows as they were prefilled
    report: Report = field(default_factory=Report)


def read_workbook(path: Path, shown: str, duties: dict[str, DutyRow], today: date) -> Workbook:
    """Read one filled workbook.  ``duties``: every duty of the corpus by id
    (built at the highest audience); ``shown``: the file's name in messages."""
    out = Workbook(shown)
    book = _open(path, shown, out.report)
    if book is None:
        return out
    try:
        _read(book, shown, duties, today, out)
    finally:
        book.close()
    return out


_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


def _open(path: Path, shown: str, report: Report):
    from openpyxl import load_workbook

    here = Cell(shown, "", "")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        from .encoding import os_error

        report.error("tệp-excel", f"không đọc được tệp: {os_error(exc)}.", here)
        return None
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: an old .xls, or an .xlsx with a password
        if _ENCRYPTED in path.read_bytes():
            report.error(
                "tệp-excel",
                "tệp có mật khẩu (được mã hóa), không đọc được.",
                here,
                "mở tệp bằng Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu: xóa trống), lưu lại rồi nhập lại.",
            )
        else:
            report.error(
                "tệp-excel",
                "đây là tệp Excel đời cũ (.xls), không phải .xlsx.",
                here,
                "mở bằng Excel hoặc LibreOffice, lưu lại dạng “Excel Workbook (.xlsx)” rồi nhập tệp .xlsx đó.",
            )
        return None
    if not head.startswith(b"PK"):
        report.error(
            "tệp-excel",
            "không phải tệp Excel .xlsx (có thể là tệp khác bị đổi đuôi, hoặc tải về chưa hết).",
            here,
            "nhập đúng tệp .xlsx do kehoach progress export xuất ra và đã điền báo cáo.",
        )
        return None
    try:
        return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, EOFError):
        problem = "tệp .xlsx bị hỏng (không giải nén được)"
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a malformed member
        problem = f"tệp .xlsx bị hỏng hoặc sai định dạng ({type(exc).__name__})"
    report.error("tệp-excel", problem + ".", here, "mở tệp bằng Excel, lưu lại rồi nhập lại; nếu không mở được, xuất lại tệp và điền lại.")
    return None


def _read(book, shown: str, duties: dict[str, DutyRow], today: date, out: Workbook) -> None:
    marker = _marker(book, shown, out.report)
    if marker is None:
        return
    agency, snapshot = marker
    out.agency = agency
    mine = {key: row for key, row in duties.items() if row.agency == agency}
    if not mine:
        out.report.error(
            "dấu-cơ-quan",
            f"tệp ghi là của cơ quan {agency}, nhưng nội dung hiện không có nhiệm vụ nào của cơ quan này.",
            Cell(shown, "", ""),
            "kiểm tra content/agencies.yml và các kế hoạch; xuất lại tệp bằng kehoach progress export.",
        )
        return
    sheets = [s for s in book.worksheets if s.title != MARKER_SHEET and s.sheet_state == "visible" and _is_data_sheet(s)]
    if not sheets:
        out.report.error(
            "tiêu-đề-cột",
            f"không thấy trang tính nào có dòng tiêu đề bắt đầu bằng “{HEADERS[0]}” (trang “{SHEET}” đã bị đổi tên, xóa hoặc sửa tiêu đề).",
            Cell(shown, "", ""),
            f"dòng 1 phải giữ nguyên các tiêu đề: {', '.join(HEADERS)}; xuất lại tệp nếu cần.",
        )
        return
    for sheet in sheets:
        columns = _columns(sheet, shown, out.report)
        if columns is not None:
            for r, values in enumerate(sheet.iter_rows(min_row=2, max_col=sheet.max_column, values_only=True), 2):
                _row(values, r, columns, sheet.title, shown, agency, mine, duties, snapshot, today, out)


def _marker(book, shown: str, report: Report):
    here = Cell(shown, "", "")
    hint = "nhập tệp do kehoach progress export xuất ra (giữ nguyên tệp, không chép các dòng sang sổ khác); xuất lại nếu cần."
    if MARKER_SHEET not in book.sheetnames:
        report.error("dấu-cơ-quan", "không thấy dấu cơ quan của tệp (trang ẩn “kehoach”): không biết tệp là báo cáo của cơ quan nào.", here, hint)
        return None
    sheet = book[MARKER_SHEET]
    lines = {row[0]: row[1:] for row in sheet.iter_rows(max_row=_MARKER_ROWS - 1, max_col=3, values_only=True) if row and row[0]}
    form = lines.get("Định dạng", ())
    agency = lines.get("Mã cơ quan", (None,))[0]
    if not form or form[0] != FORMAT or not isinstance(agency, str):
        report.error("dấu-cơ-quan", "trang ẩn “kehoach” của tệp đã bị sửa: không biết tệp là báo cáo của cơ quan nào.", here, hint)
        return None
    if form[1] != FORMAT_VERSION:
        report.error("dấu-cơ-quan", f"tệp theo mẫu phiên bản {form[1]}, bản kehoach này đọc mẫu phiên bản {FORMAT_VERSION}.", here, "xuất lại tệp bằng bản kehoach đang dùng.")
        return None
    snapshot = {}
    for row in sheet.iter_rows(min_row=_MARKER_ROWS + 1, max_col=7, values_only=True):
        if row and isinstance(row[0], str):
            status, day, result, evidence, reason = row[2:7]
            snapshot[row[0]] = (row[1] or "", (status, _iso(day), result, evidence, reason) if status else None)
    return agency, snapshot


def _iso(value) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _is_data_sheet(sheet) -> bool:
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    return any(isinstance(v, str) and comparable(v.strip()) == comparable(HEADERS[0]) for v in first)


def _columns(sheet, shown: str, report: Report) -> dict[str, int] | None:
    """Header -> column index (0-based), by name: a column moved still reads.
    A missing one is an error for the sheet; an added column with data, a warning."""
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    by_name = {comparable(h): k for h, k in zip(HEADERS, KEYS)}
    found: dict[str, int] = {}
    extra = []
    for i, value in enumerate(first):
        key = by_name.get(comparable(" ".join(str(value).split()))) if value is not None else None
        if key and key not in found:
            found[key] = i
        elif value is not None and str(value).strip():
            extra.append(i)
    missing = [k for k in REQUIRED if k not in found]
    if missing:
        for key in missing:
            col = KEYS.index(key)
            letter = _LETTER[key]
            now = first[col] if col < len(first) else None
            report.error(
                "tiêu-đề-cột",
                f"dòng tiêu đề đã bị sửa: thiếu cột “{HEADERS[col]}”"
                + (f" (ô {letter}1 nay ghi “{now}”)" if now not in (None, "") else f" (ô {letter}1 trống)")
                + f"; không nhập được trang tính “{sheet.title}”.",
                Cell(shown, sheet.title, f"{letter}1", 1),
                f"khôi phục tiêu đề “{HEADERS[col]}” (đúng chính tả) rồi nhập lại; các tiêu đề của mẫu: {', '.join(HEADERS)}.",
            )
        return None
    for i in extra:
        if any(row[i] not in (None, "") for row in sheet.iter_rows(min_row=2, values_only=True) if i < len(row)):
            letter = _column_letter(i)
            report.warning(
                "cột-lạ",
                f"cột {letter} (“{first[i]}”) không có trong mẫu; nội dung của nó không được nhập.",
                Cell(shown, sheet.title, f"{letter}1", 1),
                "ghi kết quả vào cột “Kết quả”, văn bản báo cáo vào cột “Văn bản báo cáo”.",
            )
    return found


def _column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _row(values, r: int, columns: dict[str, int], sheet: str, shown: str, agency: str, mine: dict, duties: dict, snapshot: dict, today: date, out: Workbook) -> None:
    def get(key):
        i = columns.get(key)
        return values[i] if i is not None and i < len(values) else None

    def at(key) -> Cell:
        return Cell(shown, sheet, f"{_column_letter(columns[key])}{r}", r)

    report = out.report
    raw = {k: get(k) for k in KEYS}
    if all(_blank(v) for v in values):
        return
    filled = any(not _blank(raw[k]) for k in REPORT_KEYS)
    text = _text(raw["text"]) or ""
    if _blank(raw["id"]):
        if filled:
            report.error(
                "thiếu-mã",
                "dòng có báo cáo nhưng ô “Mã nhiệm vụ” trống.",
                at("id"),
                _guess_hint(text, mine, "chép lại mã nhiệm vụ của dòng này từ tệp xuất ra"),
            )
        else:
            report.warning("thiếu-mã", "dòng không có mã nhiệm vụ và không có báo cáo; bỏ qua.", at("id"), "xóa dòng này, hoặc ghi mã nhiệm vụ và báo cáo.")
        return
    key = normal_id(str(raw["id"]))
    out.rows += 1
    row = duties.get(key)
    if row is None:
        report.error(
            "mã-nhiệm-vụ",
            f"không có nhiệm vụ nào mang mã “{raw['id']}”" + (" (mã có dạng NV- và 8 ký tự)." if not re.fullmatch(r"NV-[0-9A-Z]{8}", key) else " trong các văn bản hiện có."),
            at("id"),
            _guess_hint(text, mine, "chép đúng mã từ tệp xuất ra; nếu văn bản đã sửa, xuất lại tệp bằng kehoach progress export"),
        )
        return
    if row.agency != agency:
        report.error(
            "khác-cơ-quan",
            f"nhiệm vụ {key} là của cơ quan {row.agency}, không phải của {agency} (cơ quan của tệp này); báo cáo của dòng không được nhập.",
            at("id"),
            f"báo cáo của {row.agency} ghi vào tệp của cơ quan đó ({workbook_name(row.agency)}); "
            + _guess_hint(text, mine, "xóa dòng này khỏi tệp"),
        )
        return
    exported = snapshot.get(key, (row.text, None))
    if text and comparable(text) != comparable(exported[0]) and comparable(text) != comparable(row.text):
        other = _by_text(text, mine)
        report.error(
            "mã-bị-sửa",
            f"mã {key} không khớp nội dung của dòng: ô {at('text').cell} không phải nhiệm vụ mang mã này"
            + (f" mà là nhiệm vụ {other}" if other else "")
            + " (mã hoặc nội dung nhiệm vụ đã bị sửa); báo cáo của dòng không được nhập.",
            at("id"),
            (f"sửa ô {at('id').cell} thành {other}" if other else f"khôi phục mã và nội dung nhiệm vụ như trong tệp xuất ra (mã {key}: “{_short(row.text)}”)")
            + " rồi nhập lại.",
        )
        return
    if not filled:
        if exported[1] is not None:
            report.warning(
                "báo-cáo-bị-xóa",
                f"báo cáo đã có của nhiệm vụ {key} bị xóa trong tệp; báo cáo đã ghi vẫn được giữ nguyên.",
                at("status"),
                "muốn bỏ một báo cáo đã ghi, sửa tệp trong content/tien-do/; muốn báo cáo mới, điền trạng thái và ngày.",
            )
        else:
            out.unchanged += 1
        return
    status = status_code(raw["status"]) if not _blank(raw["status"]) else None
    ok = True
    if _blank(raw["status"]):
        report.error("thiếu-trạng-thái", "dòng có báo cáo nhưng ô “Trạng thái” trống.", at("status"), "chọn một trong: " + ", ".join(STATUSES.values()) + ".")
        ok = False
    elif status is None:
        report.error(
            "trạng-thái",
            f"trạng thái “{_text(raw['status'])}” không có trong danh sách.",
            at("status"),
            "chọn một trong: " + ", ".join(STATUSES.values()) + ".",
        )
        ok = False
    day = None
    if _blank(raw["date"]):
        report.error(
            "thiếu-ngày",
            "báo cáo không có ngày: ô “Ngày” trống.",
            at("date"),
            "ghi ngày báo cáo (ngày của văn bản báo cáo, hoặc ngày cơ quan báo cáo), ví dụ 15/10/2022.",
        )
        ok = False
    else:
        day, problem = read_date(raw["date"])
        if day is not None and day > today:
            day, problem = None, f"ngày {vn_date(day)} ở sau hôm nay ({vn_date(today)}); ngày báo cáo không thể ở tương lai (có thể đã đảo ngày và tháng)"
        if day is None:
            report.error("ngày-không-hợp-lệ", f"{problem}.", at("date"), "ghi ngày dạng ngày/tháng/năm, ví dụ 15/10/2022 (hoặc 2022-10-15).")
            ok = False
    reason = _text(raw["reason"])
    if status == "khong-thuc-hien" and not reason:
        report.error(
            "thiếu-lý-do",
            "báo cáo “Không thực hiện” phải nêu lý do: ô “Lý do không thực hiện” trống.",
            at("reason"),
            "ghi lý do không thực hiện.",
        )
        ok = False
    if not ok:
        return
    result, evidence = _text(raw["result"]), _text(raw["evidence"])
    if exported[1] is not None and (status, day, result, evidence, reason) == tuple(
        _text(v) if i >= 2 else v for i, v in enumerate(exported[1])
    ):
        out.unchanged += 1
        return
    out.reports.append(ProgressReport(key, day, status, result, evidence, reason, at("status")))


def read_date(value) -> tuple[date | None, str]:
    """A report's day: an Excel date, or written 15/10/2022, 15-10-2022, 15.10.2022, 2022-10-15."""
    if isinstance(value, datetime):
        return value.date(), ""
    if isinstance(value, date):
        return value, ""
    if isinstance(value, (int, float)):
        return None, f"“{value}” là một con số, không phải ngày"
    text = " ".join(str(value).split())
    m = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", text)
    if m:
        d, mo, y = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if not m:
            return None, f"“{text}” không phải ngày"
        y, mo, d = (int(g) for g in m.groups())
    try:
        return date(y, mo, d), ""
    except ValueError:
        return None, f"“{text}” không phải ngày có thật" + (f" (tháng {mo} không có)" if not 1 <= mo <= 12 else "")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str | None:
    """A cell as a report's text: spaces squashed (as the progress reader does)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = vn_date(value.date())
    elif isinstance(value, date):
        value = vn_date(value)
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _by_text(text: str, mine: dict[str, DutyRow]) -> str | None:
    """The one duty of the body with this text."""
    want = comparable(text)
    hits = [key for key, row in mine.items() if comparable(row.text) == want]
    return hits[0] if len(hits) == 1 else None


def _guess_hint(text: str, mine: dict[str, DutyRow], otherwise: str) -> str:
    other = _by_text(text, mine) if text else None
    return (f"theo nội dung ở cột “Nhiệm vụ”, mã đúng có lẽ là {other}." if other else otherwise + ".")


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
