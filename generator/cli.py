"""``kehoach``: build, check and preview the site.

``build`` renders into a fresh directory next to the target and swaps it in
only when everything succeeded, so a failed build never leaves a half-written
site where a good one was.  It refuses a target that is, holds or sits inside
the project's own files (``-d content`` would replace every plan), holds a
lock beside the target while it works (two builds at once would delete each
other's staging folder), and puts back a site a killed build left in
``.site.old-*``.

Every message is Vietnamese, click's own ("No such option", "Invalid
value", "Missing argument") included: see ``_speak_vietnamese``.
"""

from __future__ import annotations

import errno
import gettext
import logging
import os
import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from .pipeline import build_corpus

# --- click's own messages, in Vietnamese ------------------------------------------------

# Click words its messages through gettext, with no Vietnamese catalogue (and
# a catalogue would depend on the locale of the machine).  Its modules bound
# ``_`` and ``ngettext`` at import; they are pointed at these tables.
_CLICK_MESSAGES = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "No such option {name!r}.": "không có tùy chọn {name!r}.",
    "No such option: {name}": "không có tùy chọn {name}.",
    "No such command {name!r}.": "không có lệnh {name!r}.",
    "Missing command.": "thiếu tên lệnh.",
    "Invalid value: {message}": "giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "giá trị của {param_hint} không hợp lệ: {message}",
    "Missing argument": "thiếu đối số",
    "Missing option": "thiếu tùy chọn",
    "Missing parameter": "thiếu tham số",
    "Missing {param_type}": "thiếu {param_type}",
    "Missing parameter: {param_name}": "thiếu tham số: {param_name}",
    "Option {name!r} does not take a value.": "tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "đối số {name!r} nhận {nargs} giá trị.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{name} {filename!r} does not exist.": "không tìm thấy {filename!r}.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, cần một thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, cần một tệp.",
    "{name} {filename!r} is not readable.": "không có quyền đọc {filename!r}.",
    "{name} {filename!r} is not writable.": "không có quyền ghi {filename!r}.",
    "{name} {filename!r} is not executable.": "không có quyền chạy {filename!r}.",
    "Could not open file {filename!r}: {message}": "không mở được tệp {filename!r}: {message}",
    "Aborted!": "Đã dừng.",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "integer": "số nguyên",
    "float": "số thực",
    "boolean": "true/false",
    "text": "chữ",
    "unknown error": "lỗi không rõ",
}
_CLICK_PLURALS = {
    "Got unexpected extra argument ({args})": "có đối số thừa ({args})",
    "Did you mean {possibility}?": "Có phải {possibility}?",
    "Option {name!r} requires an argument.": "tùy chọn {name!r} cần một giá trị.",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "Takes {nargs} values but 1 was given.": "cần {nargs} giá trị nhưng chỉ có {len}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{len_type} values are required, but {len_value} was given.": "cần {len_type} giá trị, nhưng có {len_value}.",
}
_CLICK_PLURALS_MANY = {
    "Got unexpected extra argument ({args})": "có các đối số thừa ({args})",
    "Did you mean {possibility}?": "(Có phải một trong: {possibilities}?)",
    "Option {name!r} requires an argument.": "tùy chọn {name!r} cần {nargs} giá trị.",
    "{value!r} is not {choice}.": "{value!r} không phải một trong {choices}.",
    "Takes {nargs} values but 1 was given.": "cần {nargs} giá trị nhưng có {len}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng nào trong {formats}.",
    "{len_type} values are required, but {len_value} was given.": "cần {len_type} giá trị, nhưng có {len_value}.",
}


def _vi(message: str) -> str:
    return _CLICK_MESSAGES.get(message, message)


def _vi_plural(singular: str, plural: str, n: int) -> str:
    table = _CLICK_PLURALS if n == 1 else _CLICK_PLURALS_MANY
    return table.get(singular, singular if n == 1 else plural)


def _speak_vietnamese() -> None:
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _vi
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = _vi_plural


_speak_vietnamese()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kehoach")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(chưa cài đặt)"


def _project_root(config_file: str) -> Path:
    return Path(config_file).resolve().parent


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _valid_date(value: str) -> date | None:
    if not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _date_option(ctx, param, value: str | None) -> str | None:
    if value is None or _valid_date(value) is not None:
        return value
    raise click.BadParameter(f'"{value}" không phải một ngày có thật viết dạng NĂM-THÁNG-NGÀY, ví dụ 2026-01-31.', ctx, param)


def _fail(message: str) -> None:
    click.echo(f"lỗi: {message}", err=True)
    sys.exit(1)


@click.group(help="Tạo trang tra cứu kế hoạch từ thư mục content/.", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="kehoach", message="%(prog)s, phiên bản %(version)s", help="Hiện phiên bản rồi thoát.")
def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _log_to_stderr()


class _Stderr(logging.StreamHandler):
    """Warnings and errors of MkDocs and the plugin, as they are, on the
    current stderr.  Without a handler of its own, Python's last-resort
    handler would print them only while no other handler (the incremental
    build's warning counter) is attached to the "mkdocs" logger."""

    def __init__(self):
        super().__init__()
        self.setLevel(logging.WARNING)
        self.setFormatter(logging.Formatter("%(message)s"))

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        logger.addHandler(_Stderr())


@main.command(help="Kiểm tra nội dung, không xây dựng trang.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("--content", "content_dir", default="content", show_default=True)
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
def check(config_file: str, content_dir: str, strict: bool) -> None:
    root = _project_root(config_file)
    corpus, report = build_corpus(root, (root / content_dir).resolve(), strict=strict)
    from .audit import audit_notes

    # the "5 rõ" audit describes the plans as issued: notes, never warnings (--strict is unaffected)
    report.notes.extend(audit_notes(corpus))
    for diagnostic in report.sorted():
        click.echo(str(diagnostic), err=True)
    for note in report.notes:
        click.echo(note, err=True)
    click.echo(report.summary(), err=True)
    failed = bool(report.errors) or (strict and bool(report.warnings))
    sys.exit(1 if failed else 0)


@main.command(help="Xây dựng trang vào thư mục site/ (chỉ thay thế khi thành công).")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("-d", "--site-dir", default=None, help="Thư mục đích (mặc định: site_dir trong mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@click.option("--build-date", default=None, callback=_date_option, help="Ngày cập nhật hiển thị trên trang (YYYY-MM-DD).")
@click.option(
    "--audience",
    type=click.Choice(["cong-khai", "noi-bo", "mat"]),
    default=None,
    help="Mức truy cập cao nhất được đưa vào trang (mặc định noi-bo).",
)
@click.option(
    "--full",
    is_flag=True,
    help="Dựng lại toàn bộ, không dùng bộ nhớ đệm của lần dựng trước (.kehoach-cache/ bên cạnh thư mục đích). "
    "Mặc định chỉ đọc lại kế hoạch đã sửa và chỉ dựng lại trang thay đổi; kết quả như nhau.",
)
def build(config_file: str, site_dir: str | None, strict: bool, build_date: str | None, audience: str | None, full: bool) -> None:
    target = _build_site(config_file, site_dir, strict=strict, build_date=build_date, audience=audience, cache=True, full=full)
    # Pagefind loads its index with fetch(), which browsers refuse for file://.
    click.echo(
        f"Đã xây dựng trang vào {target}. Tìm kiếm chỉ chạy khi trang được mở qua máy chủ web, không chạy khi mở tệp "
        f"trực tiếp từ đĩa: xem thử bằng python -m http.server -d {target} rồi mở http://localhost:8000/, đưa thư mục "
        "lên máy chủ web của cơ quan, hoặc đóng gói bằng kehoach bundle để mở từ đĩa.",
        err=True,
    )


def _check_build_date(config) -> None:
    """Every source of the build date, before the build (a bad one would stop it with a traceback)."""
    plugin = config.plugins.get("kehoach")
    sources = [("KEHOACH_BUILD_DATE", os.environ.get("KEHOACH_BUILD_DATE"))]
    if plugin is not None:
        sources.insert(0, (f"{config.config_file_path}: build_date", plugin.config.build_date))
    for where, value in sources:
        if value and _valid_date(str(value)) is None:
            _fail(f'{where}: "{value}" không phải một ngày có thật viết dạng NĂM-THÁNG-NGÀY, ví dụ 2026-01-31.')


def _check_target(target: Path, config) -> None:
    """Refuse a site folder whose replacement would delete the project's own files."""
    from .plugin import unsafe_site_dir

    plugin = config.plugins.get("kehoach")
    content = plugin.config.content_dir if plugin is not None else "content"
    problem = unsafe_site_dir(target, Path(config.config_file_path), content, Path(config.docs_dir))
    if problem:
        _fail(f"không xây dựng trang vào {target}: {problem}")


@contextmanager
def _build_lock(target: Path, busy: str = "một lần xây dựng khác", clash: str = "hai lần xây dựng cùng lúc sẽ xóa thư mục tạm của nhau"):
    """One build at a time for one target: a lock file beside it, naming
    the process that holds it.  The lock goes with the process, however it ends.
    ``busy`` and ``clash`` word the message for another holder (progress import locks content/tien-do)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    path = target.parent / f".{target.name}.lock"
    for _ in range(3):
        handle = open(path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                handle.close()
                raise
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            _fail(
                f"{busy} (tiến trình {holder}) đang ghi vào {target}. Chờ nó xong rồi chạy lại; "
                f"{clash} (tệp khóa: {path})."
            )
        try:
            same = os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()  # the build before removed the file between our open and our lock: take the new one
    else:
        _fail(f"không giữ được tệp khóa {path}; chạy lại lệnh.")
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        path.unlink(missing_ok=True)  # while still locked: a build that opened it before sees another file and retries
        handle.close()


def _recover(target: Path) -> None:
    """A build killed between the two renames of publish() left the site in
    .<name>.old-*: put it back before anything is cleaned up."""
    if target.exists():
        return
    left = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if left and (left[-1] / "index.html").is_file():
        left[-1].rename(target)
        click.echo(f"Đã khôi phục trang cũ vào {target} (lần xây dựng trước bị dừng giữa chừng khi thay trang).", err=True)


def _build_site(config_file: str, site_dir: str | None, *, strict: bool, build_date: str | None, audience: str | None,
                cache: bool = False, full: bool = False) -> Path:
    """Build into site_dir (default: mkdocs.yml's), swapped in only on success; exit 1 on failure.

    ``cache``: keep what this build read and rendered beside the target, and
    reuse what the last build kept (``build_cache.py``) unless ``full``."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    if build_date:
        os.environ["KEHOACH_BUILD_DATE"] = build_date
    if audience:
        os.environ["KEHOACH_AUDIENCE"] = audience
    if not Path(config_file).is_file():
        _fail(f"không tìm thấy tệp cấu hình {config_file}; chạy lệnh trong thư mục dự án, hoặc chỉ tệp bằng -f.")
    try:
        config = load_config(config_file, strict=strict or None)
    except (Abort, ConfigurationError, MkDocsException) as exc:
        _fail(f"tệp cấu hình {config_file} có lỗi (xem thông báo ở trên). {exc}")
    _check_build_date(config)
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir).resolve()
    _check_target(target, config)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from .encoding import os_error

        _fail(f"không tạo được thư mục {target.parent}: {os_error(exc)}.")
    with _build_lock(target):
        _recover(target)
        for stale in list(target.parent.glob(f".{target.name}.new-*")) + list(target.parent.glob(f".{target.name}.old-*")):
            shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed; no other build runs (the lock)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        config.site_dir = str(staging)
        kept = _attach_cache(config, target, full) if cache else None
        try:
            # dirty: MkDocs skips the pages the plugin marked unchanged (staging starts empty)
            mkdocs_build(config, dirty=kept is not None)
        except (Abort, MkDocsException, RuntimeError):
            if kept is not None:
                kept.discard()
            shutil.rmtree(staging, ignore_errors=True)
            kept = f"trang cũ ở {target} được giữ nguyên" if (target / "index.html").exists() else f"chưa có trang nào ở {target}"
            # MkDocs has logged what went wrong; its own words ("Aborted with a BuildError!") add nothing.
            click.echo(f"Xây dựng thất bại (xem các thông báo ở trên); {kept}.", err=True)
            sys.exit(1)
        except BaseException:
            if kept is not None:
                kept.discard()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        publish(staging, target)
        if kept is not None:
            kept.commit()
    return target


def _attach_cache(config, target: Path, full: bool):
    """Give the plugin the cache of ``target`` (None without the plugin)."""
    from .build_cache import BuildCache, cache_folder

    plugin = config.plugins.get("kehoach")
    if plugin is None:
        return None
    plugin.build_cache = cache = BuildCache(cache_folder(target), target, full=full)
    logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)
    return cache


@main.command(help="Xây dựng trang rồi đóng gói thành một tệp .zip: giải nén, nhấp đúp index.html là xem và tìm kiếm được, không cần mạng.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("-o", "--output", default=None, help="Tệp .zip cần ghi (mặc định dist/kehoach-site.zip trong thư mục dự án).")
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@click.option("--build-date", default=None, callback=_date_option, help="Ngày cập nhật hiển thị trên trang và ghi trong tệp .zip (YYYY-MM-DD; mặc định hôm nay).")
@click.option(
    "--audience",
    type=click.Choice(["cong-khai", "noi-bo", "mat"]),
    default=None,
    help="Mức truy cập cao nhất được đưa vào bản đóng gói (mặc định noi-bo).",
)
def bundle(config_file: str, output: str | None, strict: bool, build_date: str | None, audience: str | None) -> None:
    from .bundle import BundleError, check_output, make_bundle

    # One date for the pages and the zip, fixed before the build starts.
    day = build_date or os.environ.get("KEHOACH_BUILD_DATE") or date.today().isoformat()
    if _valid_date(day) is None:
        _fail(f'KEHOACH_BUILD_DATE: "{day}" không phải một ngày có thật viết dạng NĂM-THÁNG-NGÀY, ví dụ 2026-01-31.')
    # Beside the build folders, never loose in the project (dist/ is ignored by git).
    output = output or str(_project_root(config_file) / "dist" / "kehoach-site.zip")
    try:
        check_output(Path(output))  # before a build of minutes, not after
    except BundleError as exc:
        _fail(str(exc))
    with tempfile.TemporaryDirectory(prefix=".kehoach-bundle-") as work:
        site = _build_site(config_file, str(Path(work) / "site"), strict=strict, build_date=day, audience=audience)
        try:
            archive = make_bundle(site, Path(output), day)
        except BundleError as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
    size = archive.stat().st_size / 1_000_000
    click.echo(f"Đã đóng gói trang vào {archive} ({size:.1f} MB). Giải nén rồi mở index.html bằng trình duyệt.", err=True)


def publish(staging: Path, target: Path) -> None:
    """Swap a finished build into place with two renames."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@main.command(help="Xem trước trang, tự tải lại khi sửa nội dung.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.option(
    "--full",
    is_flag=True,
    help="Mỗi lần sửa dựng lại toàn bộ trang và chỉ mục tìm kiếm (chậm). Mặc định chỉ dựng lại các trang thay đổi; chỉ mục tìm kiếm giữ từ lần dựng đầu.",
)
def serve(config_file: str, dev_addr: str, full: bool) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    # A dirty build re-renders only the pages whose source changed; the plugin
    # tells MkDocs which generated pages did (plugin.on_files), so MkDocs'
    # warning about dirty builds (in English, on every rebuild) does not apply.
    logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)
    mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True, build_type=None if full else "dirty")


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return "'dirty' build" not in record.getMessage()


@main.command(
    "import",
    help="Nhập kế hoạch từ tệp .txt, .md, .docx, .pdf (nhiều tệp, hoặc cả thư mục): ghi bản nháp content/<id>.md, "
    "báo cáo cần xem lại <id>.review.txt và, nếu văn bản nêu cơ quan chưa có trong danh mục, đề xuất content/de-xuat/<id>.yml.",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--content-dir", default="content", show_default=True, type=click.Path(file_okay=False, path_type=Path), help="Thư mục ghi bản nháp; danh mục cơ quan là agencies.yml trong đó.")
@click.option("--overwrite", is_flag=True, help="Ghi đè bản nháp (và báo cáo, đề xuất) đã có.")
@click.option("--quiet", is_flag=True, help="Không in báo cáo của từng tệp, chỉ in bảng tổng hợp.")
def import_(files: tuple[Path, ...], content_dir: Path, overwrite: bool, quiet: bool) -> None:
    from .importer import expand_inputs, import_files

    paths = expand_inputs(files)
    if not paths:
        click.echo("lỗi: không có tệp .txt, .md, .docx, .pdf nào để nhập trong " + ", ".join(map(str, files)) + ".", err=True)
        sys.exit(1)
    with click.progressbar(length=len(paths), label="Nhập văn bản", file=sys.stderr, show_pos=True,
                           item_show_func=lambda shown: shown or "") as bar:

        def on_page(path: Path, done: int, total: int) -> None:
            if total >= 20 and (done == total or done % 5 == 0):  # a long PDF: say how far it is
                bar.current_item = f"{path.name}: trang {done}/{total}"
                bar.render_progress()

        items = import_files(paths, content_dir, overwrite=overwrite, progress=lambda p: bar.update(1, p.name), pages=on_page)
    failed = 0
    for item in items:
        if item.error:
            failed += 1
            click.echo(f"lỗi: {item.error}", err=True)
        elif not quiet and len(items) == 1:
            click.echo(item.result.report)
    click.echo(_summary_table(items), err=True)
    sys.exit(1 if failed else 0)


def _summary_table(items) -> str:
    rows = [("Tệp", "Bản nháp (id)", "Số hiệu", "Tổ chức", "Nhiệm vụ", "Cần xem lại")]
    for item in items:
        if item.error:
            rows.append((item.path.name, "— không nhập được —", "", "", "", ""))
            continue
        r = item.result
        org = f"{r.organisation} ({'mới, đề xuất' if r.organisation_new else 'đã có'})" if r.organisation else "chưa rõ"
        rows.append((item.path.name, r.plan_id, r.number or "không ghi", org, str(r.tasks), str(len(r.findings))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    ok = sum(1 for i in items if not i.error)
    lines.append(f"Đã nhập {ok}/{len(items)} tệp" + (f"; {len(items) - ok} tệp lỗi (xem thông báo ở trên)." if ok < len(items) else ".")
                 + " Xem báo cáo <id>.review.txt cạnh mỗi bản nháp; duyệt xong: kehoach accept <id>.")
    return "\n".join(lines)


@main.command(help="Duyệt bản nháp đã đối chiếu: bỏ nhãn “chưa duyệt” và chuyển các cơ quan, tổ chức đề xuất của nó (content/de-xuat/<id>.yml) vào content/agencies.yml.")
@click.argument("plan_ids", nargs=-1, required=True)
@click.option("--content-dir", default="content", show_default=True, type=click.Path(file_okay=False, path_type=Path))
def accept(plan_ids: tuple[str, ...], content_dir: Path) -> None:
    from .importer.accept import accept as accept_plan
    from .importer.sources import ImportFailed

    failed = 0
    for plan_id in plan_ids:
        try:
            for line in accept_plan(content_dir, plan_id):
                click.echo(line, err=True)
        except ImportFailed as exc:
            failed += 1
            click.echo(f"lỗi: {exc}", err=True)
    sys.exit(1 if failed else 0)


# --- progress: the Excel round trip (generator/progress_xlsx.py, progress_write.py) -----------


@main.group(help="Theo dõi tiến độ: xuất sổ Excel cho từng cơ quan điền báo cáo, rồi nhập lại vào content/tien-do/.")
def progress() -> None:
    pass


@progress.command("export", help="Xuất mỗi cơ quan một tệp <tổ-chức>--<cơ-quan>.xlsx: các nhiệm vụ của cơ quan và báo cáo mới nhất, để điền tiếp.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("--content", "content_dir", default="content", show_default=True)
@click.option("-o", "--output", default=None, help="Thư mục ghi các tệp (mặc định dist/tien-do trong thư mục dự án).")
@click.option("--body", "bodies", multiple=True, help="Chỉ xuất cơ quan này (mã cơ quan, ví dụ binh-dinh/ban-tuyen-giao); ghi nhiều lần được.")
@click.option(
    "--audience",
    type=click.Choice(["cong-khai", "noi-bo", "mat"]),
    default="noi-bo",
    show_default=True,
    help="Mức truy cập cao nhất của các văn bản có nhiệm vụ trong tệp (như khi xây dựng trang).",
)
@click.option("--build-date", default=None, callback=_date_option, help="Ngày xuất ghi trong tệp (YYYY-MM-DD; mặc định hôm nay).")
@click.option("--overwrite", is_flag=True, help="Ghi đè tệp đã có (kể cả tệp đã điền mà chưa nhập).")
def progress_export(config_file: str, content_dir: str, output: str | None, bodies: tuple[str, ...], audience: str, build_date: str | None, overwrite: bool) -> None:
    from difflib import get_close_matches

    from .progress_write import write_atomic
    from .progress_xlsx import body_workbook, duty_rows, workbook_name

    root = _project_root(config_file)
    content = (root / content_dir).resolve()
    out_dir = Path(output).resolve() if output else root / "dist" / "tien-do"
    problem = _unsafe_output(out_dir, root, content, config_file)
    if problem:
        _fail(f"không ghi tệp vào {out_dir}: {problem}")
    day = _valid_date(build_date) if build_date else date.today()
    corpus, report = build_corpus(root, content, build_date=day, audience=audience)
    _content_errors(report)
    rows = duty_rows(corpus)
    wanted = sorted(rows, key=lambda a: (a.split("/")[0], _name_key(corpus, a)))
    if bodies:
        unknown = [b for b in bodies if b.replace("--", "/") not in rows]
        for b in unknown:
            guess = get_close_matches(b.replace("--", "/"), list(rows), n=3)
            why = "không có trong danh mục" if b.replace("--", "/") not in corpus.agencies else "không có nhiệm vụ nào trong các văn bản ở mức truy cập này"
            click.echo(f"lỗi: cơ quan “{b}” {why}." + (f" Có phải: {', '.join(guess)}?" if guess else ""), err=True)
        if unknown:
            sys.exit(1)
        keep = {b.replace("--", "/") for b in bodies}
        wanted = [a for a in wanted if a in keep]
    if not wanted:
        _fail("nội dung không có nhiệm vụ nào của cơ quan nào để xuất.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from .encoding import os_error

        _fail(f"không tạo được thư mục {out_dir}: {os_error(exc)}.")
    table = [("Cơ quan", "Tệp", "Nhiệm vụ", "Đã có báo cáo")]
    refused = []
    with click.progressbar(wanted, label="Xuất sổ tiến độ", file=sys.stderr, show_pos=True, item_show_func=lambda a: a or "") as bar:
        for agency_id in bar:
            path = out_dir / workbook_name(agency_id)
            data = body_workbook(corpus, agency_id, rows[agency_id], day=day, audience=audience)
            if path.exists() and not overwrite and path.read_bytes() != data:
                refused.append(path)
                continue
            write_atomic(path, data)
            reported = sum(1 for r in rows[agency_id] if r.id in corpus.progress)
            table.append((corpus.agencies[agency_id].name, path.name, str(len(rows[agency_id])), str(reported)))
    for path in refused:
        click.echo(f"lỗi: đã có tệp {path} (có thể đã được điền mà chưa nhập); không ghi đè. Nhập nó trước (kehoach progress import {path}), "
                   "hoặc xuất lại với --overwrite.", err=True)
    click.echo(_table(table), err=True)
    click.echo(f"Đã xuất {len(table) - 1} tệp vào {out_dir}" + (f"; {len(refused)} tệp không ghi đè." if refused else ".")
               + " Gửi mỗi cơ quan tệp của mình; điền xong, nhập lại: kehoach progress import <tệp>.xlsx", err=True)
    sys.exit(1 if refused else 0)


def _name_key(corpus, agency_id: str):
    from .text import sort_key

    return sort_key(corpus.agencies[agency_id].name)


def _unsafe_output(out_dir: Path, root: Path, content: Path, config_file: str) -> str | None:
    """Workbooks never go into content/ (they would sit among the plans) nor
    into the pages folder (they would be published, secret duties and all)."""
    docs = root / "pages"
    try:
        match = re.search(r"^docs_dir:\s*(\S+)", Path(config_file).read_text(encoding="utf-8"), re.M)
        if match:
            docs = root / match.group(1).strip("'\"")
    except OSError:
        pass
    real = Path(os.path.realpath(out_dir))
    for path, what in ((content, "thư mục nội dung content/"), (docs, "thư mục trang tĩnh (docs_dir), sẽ được đăng lên trang")):
        path = Path(os.path.realpath(path))
        if real == path or real.is_relative_to(path):
            return f"thư mục này nằm trong {what} ({path}). Chọn thư mục khác, ví dụ -o dist/tien-do."
    if real.exists() and not real.is_dir():
        return "đó là một tệp, không phải thư mục."
    return None


def _content_errors(report) -> None:
    if report.errors:
        click.echo(
            f"cảnh báo: nội dung đang có {len(report.errors)} lỗi (xem kehoach check); nhiệm vụ của các đoạn lỗi có thể thiếu trong tệp.",
            err=True,
        )


def _table(rows) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


@progress.command("import", help="Nhập các tệp .xlsx đã điền (hoặc cả thư mục) vào content/tien-do/<tổ-chức>--<cơ-quan>.yml; báo cáo đã có không ghi lại.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("--content", "content_dir", default="content", show_default=True)
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra, không ghi gì.")
def progress_import(files: tuple[Path, ...], config_file: str, content_dir: str, dry_run: bool) -> None:
    from .diagnostics import Report
    from .progress_write import merged_text, progress_path, report_key, write_atomic
    from .progress_xlsx import duty_rows, read_workbook

    root = _project_root(config_file)
    content = (root / content_dir).resolve()
    if not (content / "agencies.yml").is_file():
        _fail(f"không thấy {content / 'agencies.yml'}: chạy lệnh trong thư mục dự án, hoặc chỉ thư mục nội dung bằng --content.")
    paths = []
    for item in files:
        if item.is_dir():
            paths.extend(sorted(p for p in item.iterdir() if p.suffix.lower() in (".xlsx", ".xls") and not p.name.startswith("~$")))
        else:
            paths.append(item)
    if not paths:
        _fail("không có tệp .xlsx nào để nhập trong " + ", ".join(map(str, files)) + ".")
    lock_dir = content / "tien-do"
    with _build_lock(lock_dir, busy="một lần nhập tiến độ khác", clash="hai lần nhập cùng lúc sẽ ghi đè báo cáo của nhau"):
        # Every duty of every plan (audience mat): a row of a secret plan's duty is a duty, not an unknown id.
        corpus, built = build_corpus(root, content, audience="mat")
        _content_errors(built)
        rows = duty_rows(corpus)
        duties = {row.id: row for held in rows.values() for row in held}
        order = _content_order(corpus, duties)
        kept = {duty: {report_key(r) for r in record.reports} for duty, record in corpus.progress.items()}
        today = date.today()
        pending: dict[str, list] = {}
        summary = [("Tệp", "Cơ quan", "Dòng", "Báo cáo mới", "Không đổi", "Lỗi", "Cảnh báo")]
        failed = False
        with click.progressbar(paths, label="Nhập sổ tiến độ", file=sys.stderr, show_pos=True, item_show_func=lambda p: p.name if p else "") as bar:
            books = [read_workbook(p, str(p), duties, today) for p in bar]
        for book in books:
            new = 0
            unchanged = book.unchanged
            for r in book.reports:
                key = report_key(r)
                if key in kept.setdefault(r.duty, set()):
                    unchanged += 1
                    continue
                kept[r.duty].add(key)
                pending.setdefault(book.agency, []).append(r)
                new += 1
            for d in book.report.diagnostics:
                click.echo(str(d), err=True)
            failed = failed or bool(book.report.errors)
            summary.append((Path(book.file).name, book.agency or "—", str(book.rows), str(new), str(unchanged),
                            str(len(book.report.errors)), str(len(book.report.warnings))))
        written = []
        for agency_id in sorted(pending):
            path = progress_path(content, agency_id)
            rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            broken = [d for d in built.errors if d.source and d.source.file == rel]
            about = {r.duty: (duties[r.duty].task.plan, agency_id, duties[r.duty].text) for r in pending[agency_id]}
            agency = corpus.agencies.get(agency_id)
            text = None if broken else merged_text(path, rel, pending[agency_id], about, order, f"{agency.name if agency else agency_id} ({agency_id})")
            if text is None:
                failed = True
                click.echo(f"{rel}: lỗi[tệp-tiến-độ]: tệp đang có lỗi nên {len(pending[agency_id])} báo cáo mới của {agency_id} chưa được ghi. "
                           f"Cách sửa: chạy kehoach check, sửa tệp rồi nhập lại.", err=True)
                continue
            if not dry_run and (not path.exists() or path.read_text(encoding="utf-8") != text):
                write_atomic(path, text)
            written.append((rel, len(pending[agency_id])))
    click.echo(_table(summary), err=True)
    verb = "Sẽ ghi" if dry_run else "Đã ghi"
    added = sum(n for _, n in written)
    click.echo((f"{verb} {added} báo cáo mới vào " + ", ".join(rel for rel, _ in written) + "." if written else "Không có báo cáo mới nào.")
               + (" Có lỗi: các dòng nêu ở trên chưa được nhập; sửa tệp Excel rồi nhập lại (các dòng đã nhập không bị ghi lại)." if failed else ""), err=True)
    sys.exit(1 if failed else 0)


def _content_order(corpus, duties) -> dict[str, int]:
    """Each duty's place in the content: plans in order, duties as written."""
    position = {task.id: n for n, task in enumerate(corpus.tasks)}
    return {key: n for n, key in enumerate(sorted(duties, key=lambda k: (position[duties[k].task.id], duties[k].agency)))}


if __name__ == "__main__":
    main()
