"""Hostile content never runs; restricted plans never leak; builds are
reproducible; a killed build leaves the previous site whole."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_kehoach

PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def make_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("content", "pages", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


HOSTILE_PLAN = f"""\
---
id: doc-hai
type: ke-hoach
number: '99-KH/TU{PAYLOAD}'
date: 2023-01-05
organisation: lam-dong
issuer: 'Ban Thường vụ {PAYLOAD}'
title: 'Tiêu đề {PAYLOAD}'
signer:
  name: 'Người ký {PAYLOAD}'
  title: "BÍ THƯ"
  on_behalf: 'T/M {PAYLOAD}'
recipients:
  - 'Nơi nhận {PAYLOAD}'
bases:
  - document: "21-NQ/TW"
    relation: implements
    title: '{PAYLOAD}'
---

## I. NHIỆM VỤ CỤ THỂ

1. Ban Tổ chức Tỉnh ủy chủ trì thực hiện {PAYLOAD} theo [liên kết](javascript:window.__pwned=3) và [tốt](https://example.org) (quý I/2024).

- Đoạn có <iframe src="javascript:window.__pwned=4"></iframe> và <a href="javascript:window.__pwned=5">bấm</a>[^1].

[^1]: Chú thích {PAYLOAD}
"""


@pytest.mark.browser
def test_hostile_content_is_shown_as_text_and_never_runs(tmp_path, browser):
    project = make_project(tmp_path)
    (project / "content" / "doc-hai.md").write_text(HOSTILE_PLAN, encoding="utf-8")
    registry = project / "content" / "agencies.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "  lam-dong:\n", f"  lam-dong:\n    - id: co-quan-doc\n      name: 'Ban Độc {PAYLOAD}'\n      kind: body\n", 1
        ),
        encoding="utf-8",
    )
    result = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--build-date", "2026-11-23")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page_file in site.rglob("*.html"):
        assert _dangerous_markup(page_file.read_text(encoding="utf-8")) == [], page_file
    pages = ["ke-hoach/doc-hai.html", "co-quan/lam-dong/co-quan-doc.html", "co-quan/index.html", "moc-thoi-gian.html", "index.html"]
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in pages:
        page.goto((site / path).as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
    page.goto((site / "ke-hoach" / "doc-hai.html").as_uri())
    # the payload is visible as text
    assert "<script>window.__pwned=1</script>" in page.get_by_role("table", name="Thông tin văn bản").inner_text()
    page.locator("a", has_text="liên kết").first.click()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    context.close()


def _dangerous_markup(html: str) -> list[str]:
    """Event handlers, javascript: URLs, frames and inline scripts that carry the payload."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            if tag in ("iframe", "object", "embed"):
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(f"{tag} {name}")
                if name in ("href", "src", "action") and (value or "").strip().lower().startswith(("javascript:", "data:text/html")):
                    found.append(f"{tag} {name}={value}")
            self.in_script = tag == "script"

        def handle_data(self, data):
            if self.in_script and "__pwned" in data:
                found.append("script")

        def handle_endtag(self, tag):
            self.in_script = False

    Scan().feed(html)
    return found


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _decoded(data: bytes) -> bytes:
    """Bytes as stored, plus their decompressed form when they are gzip/zlib."""
    out = data
    for opener in (gzip.decompress, zlib.decompress):
        try:
            out += opener(data)
        except Exception:
            pass
    return out


def test_lower_audience_leaks_nothing(tmp_path):
    project = make_project(tmp_path)
    secret = HOSTILE_PLAN.replace(PAYLOAD, "").replace("id: doc-hai", "id: ke-hoach-noi-bo")
    secret = secret.replace("number: '99-KH/TU'", "number: '77-KH/TU'\naccess: noi-bo")
    secret = secret.replace("Tiêu đề ", "Tiêu đề MAUBIMATZQX ").replace("chủ trì thực hiện", "chủ trì thực hiện MAUNOIDUNGQWV")
    (project / "content" / "ke-hoach-noi-bo.md").write_text(secret, encoding="utf-8")
    # a public plan cites the restricted one by number
    public = project / "content" / "di-linh-90-kh-hu.md"
    public.write_text(public.read_text(encoding="utf-8").replace("cụ thể như sau:", "cụ thể như sau (xem Kế hoạch số 77-KH/TU):"), encoding="utf-8")
    out = tmp_path / "public-site"
    result = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--site-dir", str(out), "--audience", "cong-khai", "--build-date", "2026-11-23")
    assert result.returncode == 0, result.stderr
    tree = _tree(out)
    assert any(name.startswith("pagefind/") for name in tree)
    for marker in ("MAUBIMATZQX", "MAUNOIDUNGQWV", "ke-hoach-noi-bo"):
        hits = [name for name, data in tree.items() if marker.encode() in _decoded(data)]
        assert hits == [], f"{marker} leaked into {hits}"
    # the number of the restricted plan may appear (a public plan cites it), its content may not
    assert b"77-KH/TU" in tree["ke-hoach/di-linh-90-kh-hu.html"]
    # the same build for the inner audience has it
    inner = tmp_path / "inner-site"
    result = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--site-dir", str(inner), "--audience", "noi-bo", "--build-date", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert (inner / "ke-hoach" / "ke-hoach-noi-bo.html").exists()


def test_two_builds_are_byte_identical(tmp_path):
    project = make_project(tmp_path)
    trees = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--site-dir", str(out), "--build-date", "2026-11-23")
        assert result.returncode == 0, result.stderr
        trees.append(_tree(out))
    assert trees[0].keys() == trees[1].keys()
    # every page, export, calendar, asset and search-index file (Pagefind's
    # filter and metadata indexes, in every shard, are put in canonical order by search_stable.py)
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []
    assert any(n.startswith("pagefind/") and "/filter/" in n for n in trees[0])


def test_a_killed_build_leaves_the_previous_site_whole(tmp_path):
    project = make_project(tmp_path)
    result = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--build-date", "2026-11-23")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    before = _tree(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "-f", str(project / "mkdocs.yml"), "--build-date", "2027-01-01"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(project.glob(".site.new-*/*")):
        time.sleep(0.01)
    assert list(project.glob(".site.new-*")), "the build never started writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _tree(site) == before
    # the next build cleans up after the killed one
    result = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--build-date", "2026-11-23")
    assert result.returncode == 0
    assert not list(project.glob(".site.*"))
