"""Stage 1: read content/ -> Plan objects and the organisation registry.

Reads every ``content/**/*.md`` (sorted, so builds are deterministic), checks
that each is a readable UTF-8 text file of sane size, checks the front
matter, parses the body, and collects every problem into the Report before
anyone decides to stop.  A problem that makes a file unreadable stops that
file only; every other file is still checked.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Iterator

from . import frontmatter as fm
from .diagnostics import Report
from .encoding import os_error, read_text, special_file
from .model import Basis, Letterhead, Organisation, Plan, Received, Signer, Source
from .structure import parse_body

# Files of content/ that are not plans and are read by their own stage.
REGISTRIES = ("agencies.yml", "documents.yml")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# An id names files of the site (ke-hoach/<id>.html, co-quan/<org>/<id>.html,
# de-xuat/<id>.yml); a file name has at most 255 bytes.
MAX_ID = 120


def id_too_long(value: object, what: str, source: Source, report: Report) -> bool:
    """Report an id longer than MAX_ID; True when it is."""
    if not isinstance(value, str) or len(value) <= MAX_ID:
        return False
    report.error(
        "id-quá-dài",
        f"id {what} dài {len(value)} ký tự, vượt giới hạn {MAX_ID} ký tự (id đặt tên cho tệp của trang, mà tên tệp có giới hạn độ dài).",
        source,
        "rút gọn id: tên tổ chức, số và ký hiệu là đủ, ví dụ lam-dong-12-kh-tu.",
    )
    return True


def shown_path(text: str) -> str:
    """A path as a message can show it on one line: bytes that are no UTF-8
    as \\xNN, line breaks and other invisible characters as <U+000A>."""
    out = []
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            out.append(f"\\x{ord(ch) - 0xDC00:02X}")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    return "".join(out)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.resolve()).as_posix()
    except ValueError:
        try:
            return Path(os.path.realpath(path)).relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


# --- the registry of organisations ---------------------------------------------------


# Bodies and organisations that `kehoach import` proposed and nobody has
# reviewed yet: content/de-xuat/<plan id>.yml, the same shape as agencies.yml.
# The build reads them (a fresh draft's duties reach the body pages at once,
# marked "chưa duyệt"); `kehoach accept` moves them into agencies.yml.
PROVISIONAL_DIR = "de-xuat"
PROGRESS_DIR = "tien-do"  # progress records: generator.progress


def provisional_files(content_dir: Path) -> list[Path]:
    folder = content_dir / PROVISIONAL_DIR
    return sorted(p for p in folder.glob("*.yml") if not p.name.startswith(".")) if folder.is_dir() else []


def registry_files(content_dir: Path) -> list[tuple[Path, bool]]:
    """(file, provisional) of every file the registry of bodies is read from."""
    return [(content_dir / "agencies.yml", False), *((p, True) for p in provisional_files(content_dir))]


def _read_organisations(registry: Path, root: Path, report: Report, provisional: bool, into: dict[str, Organisation]) -> bool:
    """Add the organisations of one registry file to ``into``; False when
    the file cannot be read at all."""
    rel = _rel(registry, root)
    text = read_text(registry, rel, report)
    if text is None:
        return False
    data, lines = fm.parse_front_matter(text, rel, 1, report, what="danh mục (YAML)")
    if data is None:
        return False
    items = data.get("organisations") or []
    if not isinstance(items, list):
        report.error("danh-mục", "organisations phải là danh sách (mỗi tổ chức bắt đầu bằng '- id: ...').", Source(rel, fm.line_of(lines, ("organisations",), 1)), "xem mẫu trong Hướng dẫn soạn thảo.")
        return False
    for i, item in enumerate(items):
        line = fm.line_of(lines, ("organisations", i), 1)
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            report.error("danh-mục", "mỗi tổ chức cần có id và name.", Source(rel, line), "xem mẫu trong content/agencies.yml.")
            continue
        if not _organisation_fields(item, ("organisations", i), lines, rel, report):
            if not isinstance(item["id"], str) or item["id"] in into:
                continue
            item = {"id": item["id"], "name": item["id"]}  # reported; kept so that its bodies raise no second error
        if item["id"] in into:
            first = into[item["id"]].source
            report.error("trùng-id", f'tổ chức "{item["id"]}" được khai báo hai lần (lần đầu ở {first}).', Source(rel, line), "giữ một khai báo.")
            continue
        into[item["id"]] = Organisation(
            id=item["id"],
            name=item["name"],
            level=item.get("level", "province"),
            parent=item.get("parent"),
            source=Source(rel, line),
            provisional=provisional,
        )
    return True


def _organisation_fields(item: dict, path: tuple, lines: dict, rel: str, report: Report) -> bool:
    """id, name and parent of one organisation are text (a list would be
    printed on pages as Python writes it); False after reporting."""
    ok = True
    for name in ("id", "name", "parent", "level"):
        value = item.get(name)
        where = Source(rel, fm.line_of(lines, path + (name,), 1))
        if value is not None and not isinstance(value, str):
            report.error(
                "sai-kiểu",
                f"{name} của tổ chức phải là một chuỗi văn bản, không phải {fm._show(value) if not isinstance(value, (list, dict)) else ('danh sách' if isinstance(value, list) else 'nhóm trường')}.",
                where,
                "viết một giá trị trên cùng dòng, ví dụ name: Tỉnh ủy Lâm Đồng; tên gọi khác của cơ quan ghi ở aliases.",
            )
            ok = False
        elif isinstance(value, str) and any(fm._invisible(ch) for ch in value):
            report.error(
                "ký-tự-không-nhìn-thấy",
                f'{name} "{fm.visible(value)}" của tổ chức có ký tự không nhìn thấy {fm.invisible_names(value)}.',
                where,
                "xóa giá trị rồi gõ lại bằng bàn phím (ký tự này thường lẫn vào khi sao chép từ Word hoặc trang web).",
            )
            ok = False
    return ok and not id_too_long(item.get("id"), f'"{str(item.get("id"))[:40]}…" của tổ chức', Source(rel, fm.line_of(lines, path + ("id",), 1)), report)


def _parent_cycles(organisations: dict[str, Organisation], report: Report) -> None:
    """Organisations whose parents lead back to themselves have no place in
    the tree of the home page: one error per cycle, at its first member."""
    done: set[str] = set()
    for start in sorted(organisations):
        trail: list[str] = []
        current = start
        while current in organisations and current not in done and current not in trail:
            trail.append(current)
            current = organisations[current].parent
        if current in trail:
            cycle = trail[trail.index(current):]
            first = min(cycle, key=lambda o: (organisations[o].source.file, organisations[o].source.line))
            at = cycle.index(first)
            ring = cycle[at:] + cycle[:at] + [first]
            report.error(
                "vòng-tổ-chức-cha",
                f"tổ chức cha đi thành vòng: {' → '.join(ring)}; các tổ chức trong vòng không có chỗ trong cây tổ chức của trang chủ.",
                organisations[first].source,
                "sửa trường parent: tổ chức cấp trên không thể là con của tổ chức cấp dưới của nó.",
            )
        done.update(trail)


def _load_organisations(registry: Path, root: Path, report: Report, provisional: list[Path] | None = None) -> dict[str, Organisation] | None:
    """The organisations of ``registry`` and of the ``provisional`` files, or
    None when the registry cannot be read at all (then plans are not checked
    against it: one error, not one per plan)."""
    rel = _rel(registry, root)
    if not registry.exists():
        report.error("thiếu-danh-mục", "không tìm thấy danh mục tổ chức, cơ quan.", Source(rel, 1), "tạo content/agencies.yml (xem Hướng dẫn soạn thảo).")
        return None
    organisations: dict[str, Organisation] = {}
    if not _read_organisations(registry, root, report, False, organisations):
        return None
    for path in provisional or ():
        _read_organisations(path, root, report, True, organisations)
    for org in organisations.values():
        if org.parent and org.parent not in organisations:
            report.error("tổ-chức-không-rõ", f'tổ chức cha "{org.parent}" của "{org.id}" không có trong danh mục.', org.source, "sửa trường parent.")
    _parent_cycles(organisations, report)
    return organisations


def load_organisations(registry: Path, root: Path, report: Report, provisional: list[Path] | None = None) -> dict[str, Organisation]:
    return _load_organisations(registry, root, report, provisional) or {}


# --- one plan ------------------------------------------------------------------------

_YAML_LINE = re.compile(r"^(?:\s|- |#|[A-Za-z_][A-Za-z0-9_]*\s*:(?:\s|$))")


def split_front_matter(text: str, rel: str, report: Report) -> tuple[str, str, int] | None:
    """-> (yaml text, body text, first body line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.error(
            "thiếu-front-matter",
            "tệp phải bắt đầu bằng dòng '---' rồi đến phần thông tin văn bản (YAML).",
            Source(rel, 1),
            "thêm phần đầu tệp theo mẫu trong Hướng dẫn soạn thảo.",
        )
        return None
    closes = [i for i in range(1, len(lines)) if lines[i].strip() == "---"]
    if not closes:
        report.error(
            "thiếu-front-matter",
            "phần thông tin văn bản mở bằng '---' ở dòng 1 nhưng không có dòng '---' đóng.",
            Source(rel, 1),
            "thêm một dòng '---' sau trường cuối cùng của phần đầu tệp.",
        )
        return None
    close = closes[0]
    yaml_lines = lines[1:close]
    # A stray '---' between fields closes the front matter early; the fields
    # after it would be read as plan text.  Recognise it by YAML lines up to
    # another '---', report it, and read on as if it were not there.
    for later in closes[1:]:
        between = [line for line in lines[close + 1 : later] if line.strip()]
        if not between or not all(_YAML_LINE.match(line) for line in between) or not re.match(r"^[A-Za-z_]", between[0]):
            break
        report.error(
            "dòng-ba-gạch-thừa",
            f"dòng '---' này đóng phần đầu tệp quá sớm: sau nó vẫn còn các trường, đến dòng '---' ở dòng {later + 1}.",
            Source(rel, close + 1),
            f"xóa dòng '---' ở dòng {close + 1}; phần đầu tệp chỉ có hai dòng '---': dòng 1 và dòng đóng sau trường cuối cùng.",
        )
        yaml_lines = yaml_lines + [""] + lines[close + 1 : later]
        close = later
    return "\n".join(yaml_lines), "\n".join(lines[close + 1 :]), close + 2


def _basis(item: dict, relation: str, path: tuple, lines: dict, rel: str, report: Report) -> Basis:
    return Basis(
        document=item.get("document") or "",
        relation=item.get("relation", relation),
        type=item.get("type"),
        date=fm.parse_iso_date(item.get("date"), path + ("date",), lines, rel, report),
        issuer=item.get("issuer"),
        title=item.get("title"),
    )


def load_plan(path: Path, root: Path, organisations: dict[str, Organisation] | None, report: Report) -> Plan | None:
    """One plan, or None when it has errors (all of them reported).

    ``organisations`` is None when the registry could not be read; the
    plan's organisation is then not checked.
    """
    rel = _rel(path, root)
    local = Report()
    text = read_text(path, rel, local)
    if text is None:
        report.extend(local)
        return None
    parts = split_front_matter(text, rel, local)
    if parts is None:
        report.extend(local)
        return None
    yaml_text, body, body_line = parts
    data, lines = fm.parse_front_matter(yaml_text, rel, 2, local)
    if data is not None:
        plan_date, bases, supersedes = _check_front_matter(data, lines, path, rel, organisations, local)
    if not body.strip():
        local.warning(
            "thiếu-nội-dung",
            "kế hoạch không có nội dung: sau dòng '---' đóng phần đầu tệp không có gì.",
            Source(rel, body_line - 1),
            "dán toàn văn kế hoạch vào sau dòng này (xem mục 3 của Hướng dẫn soạn thảo).",
        )
    nodes, footnotes = parse_body(body, rel, body_line, local)
    report.extend(local)
    if data is None or local.errors:
        return None
    signer = data.get("signer") or {}
    return Plan(
        id=data["id"],
        source=Source(rel, 1),
        type=data["type"],
        number=data.get("number"),
        number_note=data.get("number_note"),
        date=plan_date,
        date_note=data.get("date_note"),
        organisation=data.get("organisation"),
        issuer=data["issuer"],
        title=data["title"],
        bases=bases,
        supersedes=supersedes,
        signer=Signer(signer.get("name"), signer.get("title"), signer.get("on_behalf")),
        recipients=tuple(data.get("recipients") or ()),
        body=nodes,
        footnotes=footnotes,
        access=data.get("access", "cong-khai"),
        reviewed=data.get("reviewed", True) is not False,
        number_as_printed=data.get("number_as_printed"),
        title_as_printed=data.get("title_as_printed"),
        letterhead=_letterhead(data.get("letterhead") or {}),
        received=_received(data.get("received")),
        recipients_note=data.get("recipients_note"),
        organisation_name=organisations[data["organisation"]].name if organisations and data.get("organisation") in organisations else None,
        lines=lines,
    )


def _letterhead(head: dict) -> Letterhead:
    return Letterhead(
        issuer_lines=tuple(head.get("issuer_lines") or ()),
        motto=head.get("motto"),
        place_date_line=head.get("place_date_line"),
        heading_lines=tuple(head.get("heading_lines") or ()),
    )


def _received(stamp: dict | None) -> Received | None:
    """The stamp, its date already checked by _check_front_matter."""
    if not stamp:
        return None
    when = stamp.get("date")
    try:
        day = date.fromisoformat(str(when)) if when else None
    except ValueError:
        day = None
    return Received(stamp.get("office"), stamp.get("number"), day, stamp.get("as_printed"))


def _check_front_matter(data: dict, lines: dict, path: Path, rel: str, organisations, report: Report):
    """Every check of the front matter -> (date, bases, supersedes)."""
    fm.validate(_jsonable(data), lines, rel, 2, report)
    plan_date = fm.parse_iso_date(data.get("date"), ("date",), lines, rel, report)
    documents = {}
    for name, relation in (("bases", "relies-on"), ("supersedes", "supersedes")):
        items = data.get(name)
        documents[name] = tuple(
            _basis(item, relation, (name, i), lines, rel, report)
            for i, item in enumerate(items if isinstance(items, list) else [])
            if isinstance(item, dict)
        )
    received = data.get("received")
    if isinstance(received, dict):
        fm.parse_iso_date(received.get("date"), ("received", "date"), lines, rel, report)
    org = data.get("organisation")
    if organisations is not None and isinstance(org, str) and org and org not in organisations:
        guess = difflib.get_close_matches(org, list(organisations), n=1)
        report.error(
            "tổ-chức-không-rõ",
            f'tổ chức "{fm.visible(org)}" không có trong danh mục content/agencies.yml.',
            Source(rel, fm.line_of(lines, ("organisation",), 2)),
            f'có phải "{guess[0]}"?' if guess else "thêm tổ chức vào content/agencies.yml hoặc sửa mã.",
        )
    plan_id = data.get("id")
    id_too_long(plan_id, "của kế hoạch", Source(rel, fm.line_of(lines, ("id",), 2)), report)
    _implements_itself(data, lines, rel, report)
    if isinstance(plan_id, str) and _ID.match(plan_id) and plan_id != path.stem and len(plan_id) <= MAX_ID:
        hint = f"đổi tên tệp thành {plan_id}.md"
        if _ID.match(path.stem):
            hint += f', hoặc sửa id thành "{path.stem}" nếu kế hoạch chưa công bố (đổi id làm hỏng liên kết đã có)'
        report.warning(
            "id-khác-tên-tệp",
            f'id "{plan_id}" khác tên tệp "{path.name}"; trang của kế hoạch sẽ là ke-hoach/{plan_id}.html.',
            Source(rel, fm.line_of(lines, ("id",), 2)),
            hint + ".",
        )
    return plan_date, documents["bases"], documents["supersedes"]


def _same_number(a: str, b: str) -> bool:
    from .documents import parse_symbol

    ref_a, ref_b = parse_symbol(a), parse_symbol(b)
    if ref_a is not None and ref_b is not None:
        return ref_a == ref_b
    return re.sub(r"\s+", "", a).upper() == re.sub(r"\s+", "", b).upper()


def _implements_itself(data: dict, lines: dict, rel: str, report: Report) -> None:
    """A basis (or superseded document) with the plan's own number."""
    number = data.get("number")
    if not isinstance(number, str) or not number.strip():
        return
    for name in ("bases", "supersedes"):
        items = data.get(name)
        for i, item in enumerate(items if isinstance(items, list) else []):
            document = item.get("document") if isinstance(item, dict) else None
            if isinstance(document, str) and document.strip() and _same_number(document, number):
                what = "thực hiện (hoặc căn cứ vào)" if name == "bases" else "thay thế"
                report.error(
                    "tự-thực-hiện",
                    f'kế hoạch {what} chính nó: {name}[{i}] có số "{document}", trùng số của kế hoạch (number: "{number}").',
                    Source(rel, fm.line_of(lines, (name, i, "document"), 2)),
                    "sửa số văn bản trong bases/supersedes theo văn bản gốc, hoặc sửa number của kế hoạch.",
                )


def _jsonable(data):
    if isinstance(data, dict):
        return {str(k): _jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_jsonable(v) for v in data]
    return data


# --- the content folder ----------------------------------------------------------------


def _skipped(path: Path, root: Path, report: Report) -> None:
    rel = shown_path(_rel(path, root))
    suffix = path.suffix.lower()
    if path.is_dir():
        message = "đây là một thư mục có tên như tệp kế hoạch; thư mục bị bỏ qua (các tệp .md bên trong vẫn được đọc)."
        hint = "đổi tên thư mục (bỏ đuôi .md)."
    elif suffix in (".md", ".markdown", ".txt"):
        message = "tệp không phải .md bị bỏ qua."
        hint = f"nếu đây là một kế hoạch, đổi tên tệp thành {path.stem}.md (đuôi .md viết thường)."
    elif suffix in (".doc", ".docx", ".pdf", ".odt", ".rtf"):
        message = "tệp không phải .md bị bỏ qua."
        hint = "văn bản gốc để ngoài content/; chép nội dung sang một tệp .md theo Hướng dẫn soạn thảo."
    else:
        message = "tệp không phải .md bị bỏ qua."
        hint = "chuyển tệp ra ngoài content/ nếu không cần."
    report.warning("tệp-bị-bỏ-qua", message, Source(rel, 1), hint)


def _real(path: Path) -> Path:
    """Where ``path`` leads (Path.resolve() raises on a symlink loop in 3.11)."""
    return Path(os.path.realpath(path))


def _walk(content_dir: Path, root: Path, report: Report) -> list[Path]:
    """Every path under content/ except hidden ones, sorted; a folder that
    cannot be listed is an error (its plans would be missing without a
    word), a folder is entered once (a link back to a folder above would
    loop) and never outside content/."""
    base = _real(content_dir)
    visited = {base}
    found: list[Path] = []
    folders = [content_dir]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                names = [entry.name for entry in entries]
        except OSError as exc:
            rel = shown_path(_rel(folder, root))
            report.error(
                "không-đọc-được",
                f"không đọc được thư mục: {os_error(exc)}; các kế hoạch trong đó không được kiểm tra và không lên trang.",
                Source(rel, 1),
                "cấp quyền đọc và mở thư mục (ví dụ chmod a+rx), hoặc chuyển thư mục ra ngoài content/.",
            )
            continue
        for name in names:
            if name.startswith("."):
                continue
            path = folder / name
            found.append(path)
            try:
                is_dir = path.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                real = _real(path)
                if real not in visited and real.is_relative_to(base):
                    visited.add(real)
                    folders.append(path)
    return sorted(found)


def _bad_name(path: Path, root: Path, report: Report) -> bool:
    """A file name no message could print on one line, or no page could
    carry: bytes that are no UTF-8, a line break or another control character."""
    rel = _rel(path, root)
    if rel == shown_path(rel) or not any(
        "\udc80" <= ch <= "\udcff" or unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in path.name
    ):
        return False
    broken = any("\udc80" <= ch <= "\udcff" for ch in path.name)
    report.error(
        "tên-tệp",
        "tên tệp " + ("không phải chữ UTF-8 (hệ điều hành lưu tên bằng bảng mã khác)" if broken else "có ký tự xuống dòng hoặc ký tự điều khiển")
        + "; tệp không được đọc.",
        Source(shown_path(rel), 1),
        "đổi tên tệp, chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối, ví dụ ke-hoach-12.md.",
    )
    return True


def _plan_files(content_dir: Path, root: Path, report: Report) -> list[Path]:
    """The .md files to read, after reporting what is left out and why.

    Hidden files and folders (".git", ".DS_Store", editor lock files) are
    skipped silently; a symbolic link is read only when it stays inside
    content/, and not twice when it points at a plan read anyway.
    """
    base = _real(content_dir)
    candidates: list[Path] = []
    for path in _walk(content_dir, root, report):
        parts = path.relative_to(content_dir).parts
        if path.is_symlink() and path.exists() and not _real(path).is_relative_to(base):
            report.error(
                "liên-kết-ngoài",
                f"{'thư mục' if path.is_dir() else 'tệp'} là liên kết tới {shown_path(str(_real(path)))} nằm ngoài thư mục content/.",
                Source(shown_path(_rel(path, root)), 1),
                "sao chép tệp vào content/ thay vì tạo liên kết.",
            )
            continue
        if path.is_dir():
            if path.suffix == ".md":
                _skipped(path, root, report)
            continue
        kind = special_file(path)
        if kind is not None:
            report.warning(
                "tệp-bị-bỏ-qua",
                f"đây là {kind}, không phải tệp văn bản; bị bỏ qua.",
                Source(shown_path(_rel(path, root)), 1),
                "xóa nó khỏi content/ (kế hoạch và danh mục là tệp văn bản thường).",
            )
            continue
        if _bad_name(path, root, report):
            continue
        if path.suffix != ".md":
            # registries, and the review reports `kehoach import` writes next to its drafts
            # and the progress records (content/tien-do/, read by generator.progress)
            registry = (len(parts) == 1 and path.name in REGISTRIES) or (
                len(parts) == 2 and (parts[0] == PROVISIONAL_DIR and path.suffix == ".yml" or parts[0] == PROGRESS_DIR and path.suffix in (".yml", ".yaml"))
            )
            if not (registry or path.name.endswith(".review.txt")):
                _skipped(path, root, report)
            continue
        candidates.append(path)
    real = {_real(p) for p in candidates if not p.is_symlink()}
    return [p for p in candidates if not (p.is_symlink() and _real(p) in real)]


# Plans already read, for `kehoach serve` (in this process) and `kehoach
# build` (across builds, through a store on disk: build_cache.PlanStore):
# path -> (stamp, plan, the diagnostics and notes reading it reported).
_CACHE: dict[str, tuple[tuple, Plan | None, list, list]] = {}
_CACHING = False
_STORE = None  # get(key, stamp) -> entry | None; put(key, stamp, entry, its pickle or None): build_cache.PlanStore


def enable_cache(store=None) -> None:
    """Keep every plan read, and read a plan again only when its file (or the
    registry) changed: a preview rebuild after editing one plan re-reads one
    plan.  ``store`` keeps the plans between processes (``kehoach build``);
    without one the cache lives as long as the process (serve)."""
    global _CACHING, _STORE
    _CACHING, _STORE = True, store


def disable_cache() -> None:
    global _CACHING, _STORE
    _CACHING, _STORE = False, None
    _CACHE.clear()


def _stamp(path: Path) -> bytes | None:
    """What a file holds, in 16 bytes (not its mtime: two saves within the
    clock's granularity would look alike)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None


# --- reading the plans, on every core --------------------------------------------------

# Reading and parsing a plan depends on nothing but its file, the project
# root and the registry, so a full build parses plans in worker processes
# (fork: the workers start with the registry already read).  Each worker
# returns the plan pickled; the plans, and the diagnostics in file order,
# are the serial path's.
POOL_MIN = 40  # fewer plans to read than this: not worth starting workers
_POOL_ARGS: tuple = ()


def workers() -> int:
    """Worker processes for reading plans: $KEHOACH_WORKERS, else the cores this process may use."""
    value = os.environ.get("KEHOACH_WORKERS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _parse_one(path: Path, root: Path, organisations) -> tuple[Plan | None, list, list]:
    local = Report()
    plan = load_plan(path, root, organisations, local)
    return plan, local.diagnostics, local.notes


def _parse_in_worker(path: str) -> bytes:
    import pickle

    root, organisations = _POOL_ARGS
    return pickle.dumps(_parse_one(Path(path), root, organisations), protocol=pickle.HIGHEST_PROTOCOL)


def _pool_context():
    """A fork context when workers can start safely: POSIX, and no other
    thread (serve's file watcher, a test's browser) whose locks a fork would copy."""
    import multiprocessing
    import threading

    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _parse_many(paths: list[Path], root: Path, organisations) -> Iterator[tuple[tuple[Plan | None, list, list], bytes | None]]:
    """(plan, diagnostics, notes) of each path, in order, and its pickle when a worker made one."""
    count = min(workers(), len(paths))
    context = _pool_context() if len(paths) >= POOL_MIN and count > 1 else None
    if context is None:
        for path in paths:
            yield _parse_one(path, root, organisations), None
        return
    import gc
    import pickle

    global _POOL_ARGS
    _POOL_ARGS = (root, organisations)
    collecting = gc.isenabled()
    gc.disable()  # unpickling a plan builds thousands of objects: the collector would walk them again and again
    try:
        with context.Pool(count) as pool:
            for data in pool.imap(_parse_in_worker, [str(p) for p in paths], chunksize=4):
                yield pickle.loads(data), data
    finally:
        _POOL_ARGS = ()
        if collecting:
            gc.enable()


def _read_plans(paths: list[Path], root: Path, organisations, registry: tuple) -> list[tuple[Plan | None, list, list]]:
    """(plan, diagnostics, notes) of each path, in order: from the cache
    where the file and the registry are what they were, parsed otherwise."""
    if not _CACHING:
        return [entry for entry, _ in _parse_many(paths, root, organisations)]
    read: list = [None] * len(paths)
    missing: list[int] = []
    stamps: list[tuple] = []
    for i, path in enumerate(paths):
        stamp = (_stamp(path), str(root), registry)
        stamps.append(stamp)
        key = str(path.resolve())
        hit = _CACHE.get(key)
        if (hit is None or hit[0] != stamp) and _STORE is not None and stamp[0] is not None:
            hit = _STORE.get(key, stamp)
            if hit is not None:
                _CACHE[key] = hit
        if hit is not None and stamp[0] is not None and hit[0] == stamp:
            read[i] = hit[1:]
        else:
            missing.append(i)
    for i, (entry, data) in zip(missing, _parse_many([paths[i] for i in missing], root, organisations)):
        key = str(paths[i].resolve())
        _CACHE[key] = (stamps[i], *entry)
        if _STORE is not None and stamps[i][0] is not None:
            _STORE.put(key, stamps[i], entry, data)
        read[i] = entry
    return read


def load_corpus(content_dir: Path, root: Path, report: Report) -> tuple[list[Plan], dict[str, Organisation]]:
    """Every plan in ``content_dir`` and the organisation registry."""
    extra = provisional_files(content_dir)
    organisations = _load_organisations(content_dir / "agencies.yml", root, report, extra)
    registry = tuple(_stamp(p) for p, _ in registry_files(content_dir))
    plans: list[Plan] = []
    by_id: dict[str, Plan] = {}
    for plan, diagnostics, notes in _read_plans(_plan_files(content_dir, root, report), root, organisations, registry):
        report.diagnostics.extend(diagnostics)
        report.notes.extend(notes)
        if plan is None:
            continue
        if plan.id in by_id:
            first = by_id[plan.id]
            report.error(
                "trùng-id",
                f'id "{plan.id}" đã được dùng ở {first.source.file}.',
                Source(plan.source.file, fm.line_of(plan.lines, ("id",), 2)),
                "đặt một id khác cho một trong hai kế hoạch.",
            )
            continue
        by_id[plan.id] = plan
        plans.append(plan)
    return plans, organisations or {}
