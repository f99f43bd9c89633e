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

from generator.bundle import OFFLINE_SCRIPT, BundleError, make_bundle, offline_files, offline_script

BUILD_DATE = date(2026, 11, 23)

_ENTRY = json.dumps({"version": "1.5.2", "languages": {"vi": {"hash": "vi_1", "wasm": None, "page_count": 1}}})
_FILES = {
    "index.html": "<p class=kh-lead>Cập nhật ngày 23/11/2026. 4 văn bản.</p>",
    "ke-hoach/a.html": "<h1>Kế hoạch số 1</h1>",
    "assets/kehoach.css": "body{}",
    "pagefind/shards.js": 'window.kehoachSearchShards = {"primary":"chung","shards":[]};',
    "pagefind/chung/pagefind-entry.json": _ENTRY,
    "pagefind/chung/pagefind.js": "export const search = () => [];",
    "pagefind/chung/pagefind.vi_1.pf_meta": "META",
    "pagefind/chung/wasm.unknown.pagefind": "WASM",
    "pagefind/chung/index/vi_1.pf_index": "INDEX",
    "pagefind/chung/fragment/vi_2.pf_fragment": "FRAGMENT",
    "pagefind/chung/filter/vi_3.pf_filter": "FILTER",
    "pagefind/ke-hoach-2024/pagefind-entry.json": _ENTRY,
    "pagefind/ke-hoach-2024/pagefind.vi_4.pf_meta": "META 2024",
    "pagefind/ke-hoach-2024/index/vi_5.pf_index": "INDEX 2024",
    "pagefind/chung/pagefind-ui.js": "unused by the bundle's search",
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


def _put(script: bytes) -> tuple[str, bytes]:
    name, data = re.fullmatch(r'kehoachPagefindOffline\.put\(("[^"]+"),"([A-Za-z0-9+/=]*)"\);\n', script.decode()).groups()
    return json.loads(name), base64.b64decode(data)


def test_each_index_file_has_its_own_script_and_the_loader_holds_only_pagefind_js(tmp_path):
    site = fake_site(tmp_path / "site")
    files = offline_files(site / "pagefind")
    scripts = {name: _put(data) for name, data in files.items() if name != OFFLINE_SCRIPT}
    assert sorted(scripts) == [
        "pagefind/chung/filter/vi_3.pf_filter.js",
        "pagefind/chung/fragment/vi_2.pf_fragment.js",
        "pagefind/chung/index/vi_1.pf_index.js",
        "pagefind/chung/pagefind-entry.json.js",
        "pagefind/chung/pagefind.vi_1.pf_meta.js",
        "pagefind/chung/wasm.unknown.pagefind.js",
        "pagefind/ke-hoach-2024/index/vi_5.pf_index.js",
        "pagefind/ke-hoach-2024/pagefind-entry.json.js",
        "pagefind/ke-hoach-2024/pagefind.vi_4.pf_meta.js",
    ]
    for name, (key, data) in scripts.items():
        assert "pagefind/" + key + ".js" == name   # the name the loader asks for
        assert data == _FILES["pagefind/" + key].encode()
    loader = files[OFFLINE_SCRIPT].decode()
    assert loader == offline_script(site / "pagefind").decode()
    module = json.loads(re.search(r"var MODULE = (\".*?\");", loader).group(1))
    assert base64.b64decode(module).decode() == _FILES["pagefind/chung/pagefind.js"]
    assert "window.kehoachPagefindOffline" in loader and "noWorker: true" in loader
    assert "INDEX" not in loader and len(loader) < 4000   # the index is not in the loader


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda site: (site / "index.html").unlink(), "không có index.html"),
        (lambda site: (site / "index.html").write_text("<p>Cập nhật ngày 22/11/2026.</p>"), "không ghi “Cập nhật ngày 23/11/2026”"),
        (lambda site: (site / "pagefind" / "shards.js").unlink(), "không có chỉ mục tìm kiếm Pagefind"),
        (lambda site: (site / "pagefind" / "chung" / "pagefind-entry.json").unlink(), "không có chỉ mục tìm kiếm Pagefind"),
        (
            lambda site: (site / "pagefind" / "ke-hoach-2024" / "pagefind-entry.json").write_text('{"version": "1.6.0", "languages": {}}'),
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
