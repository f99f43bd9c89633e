"""Incremental `kehoach build`: after each kind of change, the site built
with the cache of the last build is byte for byte the site a clean build
(`--full`, into another folder) makes — every file, the search index included.

One project goes through the changes in turn (an edited plan, an added plan,
a deleted plan, a registry change, a configuration change, a page of the
site touched by hand); after each, the incremental build must also have
reused most pages, or it would prove nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BUILD_DATE, run_kehoach
from tests.e2e.test_hardening import make_project

PLAN = "content/di-linh-90-kh-hu.md"
ADDED = "content/di-linh-91-kh-hu.md"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.html")}


def _build(project: Path, *args: str) -> None:
    result = run_kehoach("build", "--build-date", BUILD_DATE, *args, cwd=project)
    assert result.returncode == 0, result.stderr


def _same_as_clean_build(project: Path, tmp_path: Path, name: str) -> dict[str, int]:
    """Build incrementally, then clean into another folder; every file equal.
    -> {page: kept from the site before?}"""
    site = project / "site"
    before = _inodes(site)
    _build(project)
    clean = tmp_path / f"clean-{name}"
    _build(project, "--full", "-d", str(clean))
    ours, theirs = _files(site), _files(clean)
    assert sorted(ours) == sorted(theirs)
    different = [path for path in ours if ours[path] != theirs[path]]
    assert different == [], different
    assert any(path.startswith("pagefind/") for path in ours)
    after = _inodes(site)
    return {path: before.get(path) == ino for path, ino in after.items()}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("incremental")
    project = make_project(tmp)
    _build(project)  # the first build: nothing to reuse
    assert (project / ".kehoach-cache" / "build-site" / "pages.pickle").is_file()
    return project


def _edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edited_plan(project, tmp_path):
    _edit(project, PLAN, "\n## I.", "\nMột câu mới để thử dựng lại có chọn lọc.\n\n## I.")
    kept = _same_as_clean_build(project, tmp_path, "edit")
    assert not kept["ke-hoach/di-linh-90-kh-hu.html"]
    assert kept["ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html"]
    assert sum(kept.values()) > len(kept) * 0.8, "most pages are kept"


def test_added_plan(project, tmp_path):
    text = (project / PLAN).read_text(encoding="utf-8")
    text = text.replace("id: di-linh-90-kh-hu", "id: di-linh-91-kh-hu", 1).replace('number: "90-KH/HU"', 'number: "91-KH/HU"', 1)
    (project / ADDED).write_text(text, encoding="utf-8")
    kept = _same_as_clean_build(project, tmp_path, "add")
    assert "ke-hoach/di-linh-91-kh-hu.html" in kept and not kept["ke-hoach/di-linh-91-kh-hu.html"]
    assert kept["ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html"]


def test_deleted_plan(project, tmp_path):
    (project / ADDED).unlink()
    kept = _same_as_clean_build(project, tmp_path, "delete")
    assert "ke-hoach/di-linh-91-kh-hu.html" not in kept
    assert kept["ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html"]


def test_registry_change(project, tmp_path):
    _edit(project, "content/agencies.yml", "name: Huyện ủy Di Linh", "name: Huyện ủy huyện Di Linh")
    _same_as_clean_build(project, tmp_path, "registry")


def test_configuration_change(project, tmp_path):
    _edit(project, "mkdocs.yml", "site_name: Kế hoạch, chương trình hành động", "site_name: Kế hoạch và chương trình hành động")
    kept = _same_as_clean_build(project, tmp_path, "config")
    assert not any(kept.values()), "a new configuration renders every page again"


def test_a_page_touched_by_hand_is_rendered_again(project, tmp_path):
    page = project / "site" / "ke-hoach" / "binh-dinh-kh-thuc-hien-21-nq-tw.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", "<!-- sửa tay --></body>".encode()))
    kept = _same_as_clean_build(project, tmp_path, "touched")
    assert not kept["ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html"]
    assert sum(kept.values()) > len(kept) * 0.8


def test_full_ignores_the_cache(project, tmp_path):
    before = _inodes(project / "site")
    _build(project, "--full")
    after = _inodes(project / "site")
    assert not any(before.get(path) == ino for path, ino in after.items())
