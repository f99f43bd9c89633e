"""`kehoach serve`: editing one plan re-renders only the pages that show it.

Drives MkDocs' real dirty build twice with one plugin object, as `serve`
does (the plugin has on_startup, so MkDocs keeps it between rebuilds), and
then the real `kehoach serve` command over HTTP.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.e2e.test_hardening import make_project

PLAN = "content/di-linh-90-kh-hu.md"
OLD = "Ban Tổ chức Huyện ủy"
NEW_WORDS = "Thử nghiệm xem trước tức thì"


def _edit(project: Path) -> None:
    path = project / PLAN
    text = path.read_text(encoding="utf-8")
    marker = "\n## I."
    assert marker in text
    # a new sentence in the first numbered part: the plan page changes, the lists of duties need not
    head, tail = text.split(marker, 1)
    body_start = tail.index("\n\n") + 2
    tail = tail[:body_start] + f"{NEW_WORDS}.\n\n" + tail[body_start:]
    path.write_text(head + marker + tail, encoding="utf-8")


def test_dirty_rebuild_renders_only_changed_pages(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator import load

    # serve's cache of plans read (enabled by on_startup below) stays in this test
    monkeypatch.setattr(load, "_CACHE", {})
    monkeypatch.setattr(load, "_CACHING", False)

    project = make_project(tmp_path)
    site = tmp_path / "site"
    os.environ["KEHOACH_BUILD_DATE"] = "2026-11-23"
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
        index_before = {p: p.stat().st_mtime_ns for p in (site / "pagefind").rglob("*")}
        assert len(before) > 100 and index_before
        time.sleep(0.05)
        _edit(project)
        # serve loads the configuration again for each rebuild and keeps the plugin
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        build(config, dirty=True)
    finally:
        del os.environ["KEHOACH_BUILD_DATE"]
    changed = sorted(p.relative_to(site).as_posix() for p, t in before.items() if p.stat().st_mtime_ns != t)
    assert "ke-hoach/di-linh-90-kh-hu.html" in changed
    assert NEW_WORDS in (site / "ke-hoach/di-linh-90-kh-hu.html").read_text(encoding="utf-8")
    # the other plans, the bodies and the documents were not rendered again
    assert len(changed) < len(before) // 10, changed
    assert not any(p.startswith("ke-hoach/") and "di-linh-90" not in p for p in changed), changed
    # the search index of the first build is kept, not rebuilt
    assert {p: p.stat().st_mtime_ns for p in (site / "pagefind").rglob("*")} == index_before


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_shows_an_edit(tmp_path):
    project = make_project(tmp_path)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEHOACH_BUILD_DATE": "2026-11-23"}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/ke-hoach/di-linh-90-kh-hu.html"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                page = _get(url)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.5)
        assert NEW_WORDS not in page
        _edit(project)
        deadline = time.monotonic() + 120
        while NEW_WORDS not in page:
            assert time.monotonic() < deadline, "the edit never showed"
            time.sleep(0.5)
            page = _get(url)
        assert "kehoachSearchShards" in _get(f"http://127.0.0.1:{port}/pagefind/shards.js")  # search still there
        assert '"page_count"' in _get(f"http://127.0.0.1:{port}/pagefind/chung/pagefind-entry.json")
    finally:
        server.terminate()
        server.wait(timeout=20)
