"""Issue 16 beyond ``kehoach check``: what the CLI does with targets, locks,
killed builds, bad options and outputs; the render's link policy; folders
that cannot be listed.  Exact Vietnamese messages, real outcomes."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import _not_dirty_warning, main
from generator.render import inline
from tests.conftest import ROOT
from tests.unit.test_bad_input import GOOD, REGISTRY, check, project_with


def project(tmp_path: Path) -> Path:
    folder = project_with(tmp_path, {"ke-hoach-mau.md": GOOD})
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config.replace("      content_dir: content", "      content_dir: content\n      search: false", 1), encoding="utf-8")
    shutil.copytree(ROOT / "pages", folder / "pages")
    if (ROOT / "overrides").exists():
        shutil.copytree(ROOT / "overrides", folder / "overrides")
    return folder


def kehoach(folder: Path, *args: str):
    return CliRunner().invoke(main, [*args, "-f", str(folder / "mkdocs.yml")])


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the output folder ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "target,problem",
    [
        ("content", "đó chính là thư mục nội dung content/ (mọi kế hoạch và danh mục) ({c}); xây dựng sẽ thay nó bằng trang và xóa mất nội dung cũ."),
        (".", "đó chính là thư mục dự án ({p}); xây dựng sẽ thay nó bằng trang và xóa mất nội dung cũ."),
        ("pages", "đó chính là thư mục trang tĩnh (docs_dir) ({p}/pages); xây dựng sẽ thay nó bằng trang và xóa mất nội dung cũ."),
        ("..", "thư mục này chứa thư mục dự án ({p}); xây dựng sẽ xóa mất nó."),
        ("content/site", "thư mục này nằm trong thư mục nội dung content/ (mọi kế hoạch và danh mục) ({c}); trang sẽ bị đọc lẫn vào nội dung."),
        ("mkdocs.yml", "đó chính là tệp cấu hình mkdocs.yml ({p}/mkdocs.yml); xây dựng sẽ thay nó bằng trang và xóa mất nội dung cũ."),
    ],
)
def test_build_refuses_a_target_that_would_destroy_the_project(tmp_path, target, problem):
    folder = project(tmp_path)
    before = tree(folder)
    result = kehoach(folder, "build", "-d", str(folder / target))
    assert result.exit_code == 1
    shown = Path(os.path.realpath(folder / target))
    expected = problem.format(p=folder, c=folder / "content") + " Chọn thư mục khác, ví dụ -d site."
    assert result.stderr == f"lỗi: không xây dựng trang vào {shown}: {expected}\n"
    assert tree(folder) == before


def test_site_dir_in_mkdocs_yml_is_checked_too(tmp_path):
    folder = project(tmp_path)
    (folder / "mkdocs.yml").write_text((folder / "mkdocs.yml").read_text(encoding="utf-8") + "\nsite_dir: content\n", encoding="utf-8")
    before = tree(folder / "content")
    result = kehoach(folder, "build")
    assert result.exit_code == 1 and "lỗi: không xây dựng trang vào" in result.stderr and "đó chính là thư mục nội dung content/" in result.stderr
    assert tree(folder / "content") == before


def test_build_refuses_a_folder_of_other_files(tmp_path):
    folder = project(tmp_path)
    other = tmp_path / "tai-lieu"
    other.mkdir()
    (other / "bao-cao.docx").write_bytes(b"PK")
    result = kehoach(folder, "build", "-d", str(other))
    assert result.exit_code == 1
    assert "thư mục đã có và chứa các tệp khác, không phải trang đã xây dựng (không có index.html)" in result.stderr
    assert (other / "bao-cao.docx").read_bytes() == b"PK"


# --- two builds, a killed build --------------------------------------------------------------


def test_a_second_build_waits_for_none_and_says_who_holds_the_lock(tmp_path):
    folder = project(tmp_path)
    site = folder / "site"
    lock = folder / ".site.lock"
    with open(lock, "w", encoding="utf-8") as held:
        held.write("4242\n")
        held.flush()
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another build, as far as this process's open file goes
        result = kehoach(folder, "build", "-d", str(site))
    assert result.exit_code == 1
    assert result.stderr == (
        f"lỗi: một lần xây dựng khác (tiến trình 4242) đang ghi vào {site}. Chờ nó xong rồi chạy lại; hai lần xây dựng "
        f"cùng lúc sẽ xóa thư mục tạm của nhau (tệp khóa: {lock}).\n"
    )
    assert not site.exists()


def test_a_build_leaves_the_staging_of_a_running_build_alone(tmp_path):
    """The stale staging folders are removed only under the lock: a held lock means none is touched."""
    folder = project(tmp_path)
    live = folder / ".site.new-abc"
    live.mkdir()
    (live / "index.html").write_text("đang xây dựng", encoding="utf-8")
    with open(folder / ".site.lock", "w", encoding="utf-8") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert kehoach(folder, "build").exit_code == 1
    assert (live / "index.html").read_text(encoding="utf-8") == "đang xây dựng"


def test_a_site_left_in_old_by_a_killed_publish_is_put_back(tmp_path):
    folder = project(tmp_path)
    old = folder / ".site.old-x1"
    old.mkdir()
    (old / "index.html").write_text("trang cũ", encoding="utf-8")
    (folder / "content" / "ke-hoach-mau.md").write_text(GOOD.replace("date: 2023-03-15", "date: 2023-02-30"), encoding="utf-8")
    result = kehoach(folder, "build")
    assert result.exit_code == 1
    assert f"Đã khôi phục trang cũ vào {folder / 'site'} (lần xây dựng trước bị dừng giữa chừng khi thay trang)." in result.stderr
    assert f"Xây dựng thất bại (xem các thông báo ở trên); trang cũ ở {folder / 'site'} được giữ nguyên." in result.stderr
    assert (folder / "site" / "index.html").read_text(encoding="utf-8") == "trang cũ"
    assert not old.exists()


def test_a_failed_first_build_does_not_claim_an_old_site(tmp_path):
    folder = project(tmp_path)
    (folder / "content" / "ke-hoach-mau.md").write_text(GOOD.replace("date: 2023-03-15", "date: 2023-02-30"), encoding="utf-8")
    result = kehoach(folder, "build")
    assert result.exit_code == 1
    assert f"Xây dựng thất bại (xem các thông báo ở trên); chưa có trang nào ở {folder / 'site'}." in result.stderr


def test_build_says_how_to_get_search_working(tmp_path):
    folder = project(tmp_path)
    result = kehoach(folder, "build", "--build-date", "2026-01-02")
    assert result.exit_code == 0, result.stderr
    site = folder / "site"
    assert result.stderr.splitlines()[-1] == (
        f"Đã xây dựng trang vào {site}. Tìm kiếm chỉ chạy khi trang được mở qua máy chủ web, không chạy khi mở tệp trực tiếp "
        f"từ đĩa: xem thử bằng python -m http.server -d {site} rồi mở http://localhost:8000/, đưa thư mục lên máy chủ web "
        "của cơ quan, hoặc đóng gói bằng kehoach bundle để mở từ đĩa."
    )
    assert "bằng trình duyệt" not in result.stderr


# --- options and click's own messages ----------------------------------------------------------

BAD_DATE = "giá trị của '--build-date' không hợp lệ: \"{v}\" không phải một ngày có thật viết dạng NĂM-THÁNG-NGÀY, ví dụ 2026-01-31."


@pytest.mark.parametrize("command", ["build", "bundle"])
@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "26-1-1", "hôm nay", "2026-1-01"])
def test_bad_build_dates_are_messages(tmp_path, command, value):
    result = CliRunner().invoke(main, [command, "--build-date", value])
    assert result.exit_code == 2 and result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines()[-1] == "Lỗi: " + BAD_DATE.format(v=value)


def test_a_bad_build_date_in_the_environment_is_a_message(tmp_path, monkeypatch):
    folder = project(tmp_path)
    monkeypatch.setenv("KEHOACH_BUILD_DATE", "2026-13-01")
    result = kehoach(folder, "build")
    assert result.exit_code == 1
    assert result.stderr == 'lỗi: KEHOACH_BUILD_DATE: "2026-13-01" không phải một ngày có thật viết dạng NĂM-THÁNG-NGÀY, ví dụ 2026-01-31.\n'


@pytest.mark.parametrize(
    "args,last",
    [
        (["build", "--khong-co"], "Lỗi: không có tùy chọn '--khong-co'."),
        (["check", "--stric"], "Lỗi: không có tùy chọn '--stric'. Có phải '--strict'?"),
        (["build", "--audience", "tat-ca"], "Lỗi: giá trị của '--audience' không hợp lệ: 'tat-ca' không phải một trong 'cong-khai', 'noi-bo', 'mat'."),
        (["accept"], "Lỗi: thiếu đối số 'PLAN_IDS...'."),
        (["import"], "Lỗi: thiếu đối số 'FILES...'."),
        (["import", "khong-co.docx"], "Lỗi: giá trị của 'FILES...' không hợp lệ: không tìm thấy 'khong-co.docx'."),
        (["xay-dung"], "Lỗi: không có lệnh 'xay-dung'."),
        (["build", "-d"], "Lỗi: tùy chọn '-d' cần một giá trị."),
        (["check", "thua"], "Lỗi: có đối số thừa (thua)"),
    ],
)
def test_click_speaks_vietnamese(args, last):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-1] == last
    assert not any(word in result.stderr for word in ("Usage", "Error", "Try ", "No such", "Invalid", "Missing"))
    assert len(lines) == 1 or (lines[0].startswith("Cách dùng: ") and lines[1].startswith("Xem hướng dẫn: "))


def test_help_is_vietnamese():
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "Tùy chọn:" in result.output and "Hiện hướng dẫn này rồi thoát." in result.output and "Show this message" not in result.output


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("kehoach, phiên bản ")


def test_serve_drops_mkdocs_dirty_build_warning():
    warning = logging.LogRecord("mkdocs.commands.build", logging.WARNING, "", 0, "A 'dirty' build is being performed, this will likely lead to inaccurate navigation", (), None)
    other = logging.LogRecord("mkdocs.commands.build", logging.WARNING, "", 0, "Không xây dựng trang vì có lỗi", (), None)
    assert _not_dirty_warning(warning) is False and _not_dirty_warning(other) is True


# --- bundle ----------------------------------------------------------------------------------


def test_bundle_onto_a_folder_is_a_message(tmp_path):
    folder = project(tmp_path)
    (folder / "ra").mkdir()
    result = kehoach(folder, "bundle", "-o", str(folder / "ra"))
    assert result.exit_code == 1
    assert result.stderr == f"lỗi: {folder / 'ra'}: lỗi[đóng-gói]: đây là một thư mục; -o cần tên tệp .zip, ví dụ -o dist/kehoach-site.zip.\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_bundle_into_a_read_only_folder_is_a_message(tmp_path):
    folder = project(tmp_path)
    locked = tmp_path / "chi-doc"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = kehoach(folder, "bundle", "-o", str(locked / "a.zip"))
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr == f"lỗi: {locked / 'a.zip'}: lỗi[đóng-gói]: không có quyền ghi vào thư mục {locked}; chọn nơi ghi khác bằng -o.\n"


def test_bundle_write_failure_is_a_message(tmp_path, monkeypatch):
    """Whatever the system refuses while writing (a read-only disk, a full one), in Vietnamese."""
    import zipfile

    from generator.bundle import BundleError, make_bundle

    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    site = tmp_path / "site"
    (site / "pagefind" / "chung").mkdir(parents=True)
    (site / "index.html").write_text("Cập nhật ngày 02/01/2026", encoding="utf-8")
    (site / "pagefind" / "shards.js").write_text(
        'window.kehoachSearchShards = {"version":"1.5.0","primary":"chung","shards":[{"name":"chung","pages":1,"eager":true}]};\n',
        encoding="utf-8",
    )
    (site / "pagefind" / "chung" / "pagefind-entry.json").write_text('{"version": "1.5.0"}', encoding="utf-8")
    (site / "pagefind" / "chung" / "pagefind.js").write_text("", encoding="utf-8")
    monkeypatch.setattr(zipfile, "ZipFile", refuse)
    with pytest.raises(BundleError) as caught:
        make_bundle(site, tmp_path / "out" / "a.zip", "2026-01-02")
    assert str(caught.value) == f"{tmp_path / 'out' / 'a.zip'}: lỗi[đóng-gói]: không ghi được tệp: lỗi hệ thống (mã EROFS); chọn nơi ghi khác bằng -o."


def test_bundle_default_output_is_in_dist_which_git_ignores():
    from generator import cli

    assert "/dist/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    option = next(p for p in cli.bundle.params if p.name == "output")
    assert option.default is None and "dist/kehoach-site.zip" in option.help


# --- reading content/ ----------------------------------------------------------------------------


def test_an_unreadable_sub_folder_is_an_error(tmp_path, monkeypatch):
    folder = project_with(tmp_path, {"ke-hoach-mau.md": GOOD, "lam-dong/khac.md": GOOD.replace("id: ke-hoach-mau", "id: khac")})
    real = os.scandir

    def refuse(path):
        if Path(path).name == "lam-dong":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    messages, code = check(folder)
    assert code == 1
    assert messages == [
        "content/lam-dong:1: lỗi[không-đọc-được]: không đọc được thư mục: không có quyền đọc; các kế hoạch trong đó không được kiểm tra "
        "và không lên trang. Cách sửa: cấp quyền đọc và mở thư mục (ví dụ chmod a+rx), hoặc chuyển thư mục ra ngoài content/."
    ]


def test_nfd_body_names_are_read_as_nfc(tmp_path):
    from generator.pipeline import build_corpus

    folder = project_with(tmp_path, {"ke-hoach-mau.md": GOOD}, registry=unicodedata.normalize("NFD", REGISTRY))
    corpus, report = build_corpus(folder, (folder / "content").resolve())
    assert report.errors == []
    assert all(unicodedata.is_normalized("NFC", a.name) for a in corpus.agencies.values())
    assert [a.agency for t in corpus.tasks for a in t.assignees] == ["lam-dong/ban-to-chuc"]


# --- the render's policy ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,markdown",
    [
        ("[x](https://a.vn){ onclick=alert(1) }", "[x](https://a.vn)&#123; onclick=alert(1) }"),
        ("[hd]: javascript:alert(1)", "[hd]: #liên-kết-bị-chặn-alert(1)"),
        ("[hd]: JavaScript:alert(1)", "[hd]: #liên-kết-bị-chặn-alert(1)"),
        ("[x]( vbscript:msgbox)", "[x]( #liên-kết-bị-chặn-msgbox)"),
        ("![x](http://e.vn/p.gif)", "\\![x](http://e.vn/p.gif)"),
        ("![x](//e.vn/p.gif)", "\\![x](//e.vn/p.gif)"),
        ("![x](\\\\\\\\e.vn/p.gif)", "\\![x](\\\\\\\\e.vn/p.gif)"),
        ("![x][p]", "\\![x][p]"),
        ("![sơ đồ](anh/so-do.png)", "![sơ đồ](anh/so-do.png)"),
        ("[a](mailto:a@b.vn) [b](https://b.vn) [c](../c.html)", "[a](mailto:a@b.vn) [b](https://b.vn) [c](../c.html)"),
        ("\\![x](//e.vn)", "\\![x](//e.vn)"),  # escaped already: a link, not an image
    ],
)
def test_inline_neutralises_every_script_and_outside_image(text, markdown):
    assert inline(text) == markdown
