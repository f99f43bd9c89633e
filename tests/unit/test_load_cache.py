"""The preview's cache of plans read: a rebuild re-reads only what changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import load
from generator.diagnostics import Report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cached(monkeypatch):
    monkeypatch.setattr(load, "_CACHE", {})
    monkeypatch.setattr(load, "_CACHING", True)


def _read(project: Path):
    report = Report()
    plans, _ = load.load_corpus(project / "content", project, report)
    return {p.id: p for p in plans}, report


def test_unchanged_plans_are_not_read_again(tmp_path, cached):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    first, report1 = _read(tmp_path)
    second, report2 = _read(tmp_path)
    assert first.keys() == second.keys() and all(first[k] is second[k] for k in first)
    assert [str(d) for d in report1.diagnostics] == [str(d) for d in report2.diagnostics]

    path = tmp_path / "content" / "di-linh-90-kh-hu.md"
    text = path.read_text(encoding="utf-8")
    # same size, same second: the cache compares contents, not times
    before = path.stat()
    path.write_text(text.replace("Thực hiện Chương trình", "Thực hiện chương trình", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    third, _ = _read(tmp_path)
    assert third["di-linh-90-kh-hu"] is not first["di-linh-90-kh-hu"]
    assert all(third[k] is first[k] for k in first if k != "di-linh-90-kh-hu")
    # a changed registry reads every plan again (names resolve against it)
    registry = tmp_path / "content" / "agencies.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    fourth, _ = _read(tmp_path)
    assert all(fourth[k] is not third[k] for k in third)


def test_a_plan_with_errors_reports_them_on_every_build(tmp_path, cached):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "content" / "hong.md").write_text("---\nid: hong\n---\n\nKhông có gì.\n", encoding="utf-8")
    _, report1 = _read(tmp_path)
    _, report2 = _read(tmp_path)
    assert report1.errors and [str(d) for d in report1.errors] == [str(d) for d in report2.errors]


def test_no_cache_outside_serve(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "_CACHE", {})
    monkeypatch.setattr(load, "_CACHING", False)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    first, _ = _read(tmp_path)
    second, _ = _read(tmp_path)
    assert load._CACHE == {} and all(first[k] is not second[k] for k in first)
