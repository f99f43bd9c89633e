"""The preview's cache of plans read: a rebuild re-reads only what changed."""

from __future__ import annotations

import multiprocessing
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


def _with_bad_plans(project: Path) -> None:
    shutil.copytree(ROOT / "content", project / "content")
    (project / "content" / "hong.md").write_text("---\nid: hong\n---\n\nKhông có gì.\n", encoding="utf-8")
    (project / "content" / "trung.md").write_text((ROOT / "content" / "di-linh-90-kh-hu.md").read_text(encoding="utf-8"), encoding="utf-8")


def test_plans_read_in_worker_processes_are_the_serial_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "_CACHE", {})
    monkeypatch.setattr(load, "_CACHING", False)
    _with_bad_plans(tmp_path)
    monkeypatch.setenv("KEHOACH_WORKERS", "1")
    serial, serial_report = _read(tmp_path)
    monkeypatch.setenv("KEHOACH_WORKERS", "2")
    monkeypatch.setattr(load, "POOL_MIN", 1)
    monkeypatch.setattr(load, "_parse_many", _spy(load._parse_many))
    # A thread left by an earlier test (a server, a browser driver) makes the
    # guard refuse to fork, rightly; this test is about what the workers return.
    monkeypatch.setattr(load, "_pool_context", lambda: multiprocessing.get_context("fork"))
    parallel, parallel_report = _read(tmp_path)
    assert _spy.pickles, "the plans came from worker processes"
    assert list(parallel) == list(serial) and all(parallel[k] == serial[k] for k in serial)
    assert [str(d) for d in parallel_report.diagnostics] == [str(d) for d in serial_report.diagnostics]
    assert serial_report.errors  # the bad plan and the duplicate id, in the same order
    assert parallel_report.notes == serial_report.notes


def _spy(parse_many):
    _spy.pickles = 0

    def spying(*args):
        for entry, data in parse_many(*args):
            _spy.pickles += data is not None
            yield entry, data

    return spying


def test_plans_kept_on_disk_between_builds(tmp_path, monkeypatch):
    from generator.build_cache import PlanStore

    monkeypatch.setattr(load, "_CACHE", {})
    monkeypatch.setattr(load, "_CACHING", False)
    _with_bad_plans(tmp_path)
    store = PlanStore(tmp_path / "cache" / "plans")
    load.enable_cache(store)
    first, report1 = _read(tmp_path)
    load.disable_cache()  # a new process: nothing in memory
    assert store.misses == 6 and store.hits == 0

    reading = []
    monkeypatch.setattr(load, "load_plan", lambda path, *a: reading.append(path.name) or None)
    store = PlanStore(tmp_path / "cache" / "plans")
    load.enable_cache(store)
    second, report2 = _read(tmp_path)
    load.disable_cache()
    assert reading == [] and store.hits == 6
    assert list(second) == list(first) and all(second[k] == first[k] for k in first)
    assert [str(d) for d in report2.diagnostics] == [str(d) for d in report1.diagnostics]

    # an edited plan is read again, the others are not; a store that may not be read reads every plan
    path = tmp_path / "content" / "di-linh-90-kh-hu.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load.enable_cache(PlanStore(tmp_path / "cache" / "plans"))
    _read(tmp_path)
    load.disable_cache()
    assert reading == ["di-linh-90-kh-hu.md"]
    reading.clear()
    load.enable_cache(PlanStore(tmp_path / "cache" / "plans", read=False))
    _read(tmp_path)
    load.disable_cache()
    assert len(reading) == 6
