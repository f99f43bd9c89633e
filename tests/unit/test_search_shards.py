"""The sharded search index and its cache, on a small site indexed by the real
Pagefind: which shard a page goes to, an unchanged shard is not indexed again,
a changed one is, and the result from the cache equals a fresh index byte for byte."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import search
from generator.search import index_site, shard_of


def _plan(title: str, year: str | None, text: str) -> str:
    year_html = f'<span data-pagefind-filter="nam" hidden>{year}</span>' if year else ""
    return (
        '<html lang="vi"><body><div class="kh-plan" data-pagefind-body>'
        f'<span data-pagefind-meta="loai_trang" hidden>Kế hoạch</span>{year_html}'
        f'<span data-pagefind-filter="to_chuc" hidden>Tỉnh ủy {title}</span>'
        f'<h1 data-pagefind-meta="title">{title}</h1><p id="d1">{text}</p></div></body></html>'
    )


_BODY = (
    '<html lang="vi"><body><div data-pagefind-body><span data-pagefind-meta="loai_trang" hidden>Cơ quan</span>'
    '<h1>Ban Tổ chức</h1><p>Ban Tổ chức Tỉnh ủy.</p></div></body></html>'
)


def _site(root: Path) -> Path:
    pages = {
        "index.html": "<html lang=vi><body><p>Trang chủ, không được lập chỉ mục.</p></body></html>",
        "co-quan/ban-to-chuc.html": _BODY,
        "ke-hoach/a.html": _plan("Kế hoạch A", "2024", "Kết nạp đảng viên mới năm 2024."),
        "ke-hoach/b.html": _plan("Kế hoạch B", "2024", "Học tập nghị quyết."),
        "ke-hoach/c.html": _plan("Kế hoạch C", "2019", "Kết nạp đảng viên năm 2019."),
        "ke-hoach/d.html": _plan("Kế hoạch D", None, "Kế hoạch không ghi ngày."),
    }
    for rel, html in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(html, encoding="utf-8")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("html", "shard"),
    [
        (_plan("A", "2024", "x"), "ke-hoach-2024"),
        (_plan("A", "2015", "x"), "ke-hoach-2015"),
        (_plan("A", None, "x"), "ke-hoach-khac"),
        (_BODY, "chung"),
        ('<div class="kh-cited" data-pagefind-body><span data-pagefind-filter="nam" hidden>2022</span></div>', "chung"),
    ],
)
def test_shard_of(html, shard):
    assert shard_of(html.encode()) == shard


def test_each_shard_is_a_bundle_and_shards_js_lists_them(tmp_path):
    site = _site(tmp_path / "site")
    report = index_site(site, cache_dir=tmp_path / "cache")
    assert {s.name: s.pages for s in report.shards} == {
        "chung": ["co-quan/ban-to-chuc.html"],
        "ke-hoach-2019": ["ke-hoach/c.html"],
        "ke-hoach-2024": ["ke-hoach/a.html", "ke-hoach/b.html"],
        "ke-hoach-khac": ["ke-hoach/d.html"],
    }
    out = site / "pagefind"
    assert sorted(p.name for p in out.iterdir()) == ["chung", "ke-hoach-2019", "ke-hoach-2024", "ke-hoach-khac", "shards.js"]
    # Only the primary carries Pagefind's JS and WebAssembly; no shard carries the UI bundles.
    assert (out / "chung" / "pagefind.js").is_file() and list((out / "chung").glob("wasm.*.pagefind"))
    assert not (out / "ke-hoach-2024" / "pagefind.js").exists() and not list(out.rglob("pagefind-ui*"))
    for shard in report.shards:
        entry = json.loads((out / shard.name / "pagefind-entry.json").read_text())
        assert entry["languages"]["vi"]["page_count"] == len(shard.pages)
    listed = json.loads(re.search(r"window.kehoachSearchShards = (\{.*\});", (out / "shards.js").read_text()).group(1))
    assert [(s["name"], s["eager"]) for s in listed["shards"]] == [
        ("chung", True), ("ke-hoach-2024", True), ("ke-hoach-2019", True), ("ke-hoach-khac", True)
    ]
    assert listed["primary"] == "chung" and listed["version"].startswith("1.5.")


def test_older_years_are_lazy_past_the_eager_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "EAGER_PLANS", 2)
    site = _site(tmp_path / "site")
    index_site(site, cache_dir=tmp_path / "cache")
    listed = json.loads(re.search(r"= (\{.*\});", (site / "pagefind" / "shards.js").read_text()).group(1))
    assert [(s["name"], s["eager"]) for s in listed["shards"]] == [
        ("chung", True), ("ke-hoach-2024", True), ("ke-hoach-2019", False), ("ke-hoach-khac", False)
    ]


def test_an_unchanged_shard_is_not_indexed_again_and_the_cache_equals_a_fresh_index(tmp_path, monkeypatch):
    site = _site(tmp_path / "site")
    cache = tmp_path / "cache"
    first = index_site(site, cache_dir=cache)
    assert sorted(first.indexed) == ["chung", "ke-hoach-2019", "ke-hoach-2024", "ke-hoach-khac"]

    runs = []
    real_run = search.subprocess.run
    monkeypatch.setattr(search.subprocess, "run", lambda *a, **k: runs.append(a[0]) or real_run(*a, **k))
    again = index_site(site, cache_dir=cache)
    assert again.indexed == [] and runs == []

    # An edited 2019 plan: only its shard is indexed again.
    (site / "ke-hoach" / "c.html").write_text(_plan("Kế hoạch C", "2019", "Kết nạp đảng viên, sửa lại."), encoding="utf-8")
    edited = index_site(site, cache_dir=cache)
    assert edited.indexed == ["ke-hoach-2019"] and len(runs) == 1
    from_cache = _files(site / "pagefind")

    fresh = index_site(site, cache_dir=tmp_path / "fresh-cache")
    assert sorted(fresh.indexed) == ["chung", "ke-hoach-2019", "ke-hoach-2024", "ke-hoach-khac"]
    assert _files(site / "pagefind") == from_cache   # byte for byte

    # A plan moved to another year: both shards change; a shard that is gone leaves the cache.
    (site / "ke-hoach" / "d.html").write_text(_plan("Kế hoạch D", "2024", "Nay có ngày."), encoding="utf-8")
    moved = index_site(site, cache_dir=cache)
    assert sorted(moved.indexed) == ["ke-hoach-2024"]
    assert not (site / "pagefind" / "ke-hoach-khac").exists() and not (cache / "ke-hoach-khac").exists()


def test_another_pagefind_version_or_option_indexes_everything_again(tmp_path, monkeypatch):
    site = _site(tmp_path / "site")
    cache = tmp_path / "cache"
    index_site(site, cache_dir=cache)
    monkeypatch.setattr(search, "pagefind_version", lambda: "1.5.99")
    assert len(index_site(site, cache_dir=cache).indexed) == 4
    monkeypatch.setattr(search, "DUPLICATED_SELECTORS", (*search.DUPLICATED_SELECTORS, "p.kh-new"))
    assert len(index_site(site, cache_dir=cache).indexed) == 4
    assert len(index_site(site, cache_dir=cache).indexed) == 0


def test_the_default_cache_is_next_to_the_site(tmp_path):
    site = _site(tmp_path / "project" / "site")
    index_site(site)
    assert (tmp_path / "project" / ".kehoach-cache" / "search" / "chung" / "key").is_file()
    assert not list((tmp_path / "project" / ".kehoach-cache" / "search").glob(".work-*"))
