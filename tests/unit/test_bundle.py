"""make_bundle on a small fake site: deterministic bytes, layout, refusals."""

from __future__ import annotations

import base64
import json
import os
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from generator.bundle import OFFLINE_SCRIPT, BundleError, make_bundle, offline_script

BUILD_DATE = date(2026, 11, 23)

_FILES = {
    "index.html": "<p class=kh-lead>Cập nhật ngày 23/11/2026. 4 văn bản.</p>",
    "ke-hoach/a.html": "<h1>Kế hoạch số 1</h1>",
    "assets/kehoach.css": "body{}",
    "pagefind/pagefind-entry.json": json.dumps({"version": "1.5.2", "languages": {"vi": {"hash": "vi_1", "wasm": None, "page_count": 1}}}),
    "pagefind/pagefind.js": "export const search = () => [];",
    "pagefind/pagefind.vi_1.pf_meta": "META",
    "pagefind/wasm.unknown.pagefind": "WASM",
    "pagefind/index/vi_1.pf_index": "INDEX",
    "pagefind/fragment/vi_2.pf_fragment": "FRAGMENT",
    "pagefind/filter/vi_3.pf_filter": "FILTER",
    "pagefind/pagefind-ui.js": "unused by the bundle's search",
}


def fake_site(root: Path, order=sorted, mtime: int = 0) -> Path:
    for name in order(_FILES):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_FILES[name], encoding="utf-8")
        if mtime:
            os.utime(path, (mtime, mtime))
    return root


def test_two_runs_are_byte_identical(tmp_path):
    # Different folders, file creation order and modification times: same bytes.
    first = make_bundle(fake_site(tmp_path / "a"), tmp_path / "1" / "kehoach-site.zip", BUILD_DATE)
    second = make_bundle(
        fake_site(tmp_path / "b", order=lambda f: sorted(f, reverse=True), mtime=1_000_000_000),
        tmp_path / "2" / "kehoach-site.zip",
        "2026-11-23",
    )
    assert first.read_bytes() == second.read_bytes()
    again = make_bundle(tmp_path / "a", tmp_path / "1" / "kehoach-site.zip", BUILD_DATE)
    assert again.read_bytes() == second.read_bytes()


def test_layout_timestamps_and_modes(tmp_path):
    archive = make_bundle(fake_site(tmp_path / "site"), tmp_path / "kehoach-site.zip", BUILD_DATE)
    with zipfile.ZipFile(archive) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert all(n.startswith("kehoach-site/") for n in names)
        assert "kehoach-site/index.html" in names
        assert f"kehoach-site/{OFFLINE_SCRIPT}" in names
        assert {i.date_time for i in infos} == {(2026, 11, 23, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert z.read("kehoach-site/ke-hoach/a.html").decode() == _FILES["ke-hoach/a.html"]
    assert not list(tmp_path.glob(".kehoach-site.zip.*.partial"))   # no partial file left behind


def test_offline_script_carries_the_index_and_the_module(tmp_path):
    script = offline_script(fake_site(tmp_path / "site") / "pagefind").decode()
    files = json.loads(re.search(r"var FILES = (\{.*?\});", script).group(1))
    assert sorted(files) == [
        "filter/vi_3.pf_filter",
        "fragment/vi_2.pf_fragment",
        "index/vi_1.pf_index",
        "pagefind-entry.json",
        "pagefind.vi_1.pf_meta",
        "wasm.unknown.pagefind",
    ]
    assert base64.b64decode(files["index/vi_1.pf_index"]) == b"INDEX"
    module = json.loads(re.search(r"var MODULE = (\".*?\");", script).group(1))
    assert base64.b64decode(module).decode() == _FILES["pagefind/pagefind.js"]
    assert "window.kehoachPagefindOffline" in script and "noWorker: true" in script


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda site: (site / "index.html").unlink(), "không có index.html"),
        (lambda site: (site / "index.html").write_text("<p>Cập nhật ngày 22/11/2026.</p>"), "không ghi “Cập nhật ngày 23/11/2026”"),
        (lambda site: (site / "pagefind" / "pagefind-entry.json").unlink(), "không có chỉ mục tìm kiếm Pagefind"),
        (
            lambda site: (site / "pagefind" / "pagefind-entry.json").write_text('{"version": "1.6.0", "languages": {}}'),
            "chỉ mục do Pagefind 1.6.0 tạo; bản đóng gói chỉ hỗ trợ Pagefind 1.5.x",
        ),
    ],
)
def test_refuses_what_it_cannot_bundle(tmp_path, change, message):
    site = fake_site(tmp_path / "site")
    change(site)
    with pytest.raises(BundleError, match=re.escape(message)):
        make_bundle(site, tmp_path / "kehoach-site.zip", BUILD_DATE)
    assert not (tmp_path / "kehoach-site.zip").exists()


def test_an_existing_offline_script_in_the_site_is_replaced(tmp_path):
    site = fake_site(tmp_path / "site")
    (site / OFFLINE_SCRIPT).write_text("stale")
    archive = make_bundle(site, tmp_path / "kehoach-site.zip", BUILD_DATE)
    with zipfile.ZipFile(archive) as z:
        assert z.read(f"kehoach-site/{OFFLINE_SCRIPT}") == offline_script(site / "pagefind")
        assert [n for n in z.namelist() if n.endswith(OFFLINE_SCRIPT)] == [f"kehoach-site/{OFFLINE_SCRIPT}"]


def test_error_message_reads_like_a_compiler_diagnostic(tmp_path):
    site = fake_site(tmp_path / "site")
    (site / "index.html").write_text("<p>Cập nhật ngày 22/11/2026.</p>")
    with pytest.raises(BundleError) as caught:
        make_bundle(site, tmp_path / "kehoach-site.zip", BUILD_DATE)
    assert str(caught.value) == (
        f"{site / 'index.html'}: lỗi[đóng-gói]: trang chủ không ghi “Cập nhật ngày 23/11/2026”; "
        "trang được xây dựng với ngày khác ngày đóng gói."
    )
