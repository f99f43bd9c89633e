"""``kehoach``: build, check and preview the site.

``build`` renders into a fresh directory next to the target and swaps it in
only when everything succeeded, so a failed build never leaves a half-written
site where a good one was.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from .pipeline import build_corpus


def _project_root(config_file: str) -> Path:
    return Path(config_file).resolve().parent


@click.group(help="Tạo trang tra cứu kế hoạch từ thư mục content/.")
def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@main.command(help="Kiểm tra nội dung, không xây dựng trang.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("--content", "content_dir", default="content", show_default=True)
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
def check(config_file: str, content_dir: str, strict: bool) -> None:
    root = _project_root(config_file)
    _, report = build_corpus(root, (root / content_dir).resolve(), strict=strict)
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
@click.option("--build-date", default=None, help="Ngày cập nhật hiển thị trên trang (YYYY-MM-DD).")
@click.option(
    "--audience",
    type=click.Choice(["cong-khai", "noi-bo", "mat"]),
    default=None,
    help="Mức truy cập cao nhất được đưa vào trang (mặc định noi-bo).",
)
def build(config_file: str, site_dir: str | None, strict: bool, build_date: str | None, audience: str | None) -> None:
    target = _build_site(config_file, site_dir, strict=strict, build_date=build_date, audience=audience)
    click.echo(f"Đã xây dựng trang vào {target}. Mở {target / 'index.html'} bằng trình duyệt.", err=True)


def _build_site(config_file: str, site_dir: str | None, *, strict: bool, build_date: str | None, audience: str | None) -> Path:
    """Build into site_dir (default: mkdocs.yml's), swapped in only on success; exit 1 on failure."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    if build_date:
        os.environ["KEHOACH_BUILD_DATE"] = build_date
    if audience:
        os.environ["KEHOACH_AUDIENCE"] = audience
    config = load_config(config_file, strict=strict or None)
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in list(target.parent.glob(f".{target.name}.new-*")) + list(target.parent.glob(f".{target.name}.old-*")):
        shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    config.site_dir = str(staging)
    try:
        mkdocs_build(config)
    except (Abort, MkDocsException, RuntimeError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        click.echo(f"Xây dựng thất bại; trang cũ ở {target} được giữ nguyên. {exc}", err=True)
        sys.exit(1)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    publish(staging, target)
    return target


@main.command(help="Xây dựng trang rồi đóng gói thành một tệp .zip: giải nén, nhấp đúp index.html là xem và tìm kiếm được, không cần mạng.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True)
@click.option("-o", "--output", default="kehoach-site.zip", show_default=True, help="Tệp .zip cần ghi.")
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@click.option("--build-date", default=None, help="Ngày cập nhật hiển thị trên trang và ghi trong tệp .zip (YYYY-MM-DD; mặc định hôm nay).")
@click.option(
    "--audience",
    type=click.Choice(["cong-khai", "noi-bo", "mat"]),
    default=None,
    help="Mức truy cập cao nhất được đưa vào bản đóng gói (mặc định noi-bo).",
)
def bundle(config_file: str, output: str, strict: bool, build_date: str | None, audience: str | None) -> None:
    from datetime import date

    from .bundle import BundleError, make_bundle

    # One date for the pages and the zip, fixed before the build starts.
    day = build_date or os.environ.get("KEHOACH_BUILD_DATE") or date.today().isoformat()
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
    # tells MkDocs which generated pages did (plugin.on_files).
    mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True, build_type=None if full else "dirty")


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


if __name__ == "__main__":
    main()
