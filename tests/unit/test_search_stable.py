"""Pagefind's filter/meta indexes are rewritten in canonical order without
changing what they say."""

from __future__ import annotations

import gzip
import json
import shutil

import cbor2

from generator.search_stable import SIGNATURE, stabilize


def _read(path):
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE):])


def test_stabilize_sorts_and_renames_but_keeps_the_meaning(site_dir, tmp_path):
    bundle = tmp_path / "pagefind"
    shutil.copytree(site_dir / "pagefind" / "chung", bundle)   # one shard (search.py)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_before = _read(bundle / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta")
    filters_before = {name: {v: pages for v, pages in _read(bundle / "filter" / f"{h}.pf_filter")[1]} for name, h in meta_before[3]}
    stabilize(bundle)
    first = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    stabilize(bundle)  # idempotent
    second = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert first == second
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = _read(bundle / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta")
    assert [name for name, _ in meta[3]] == sorted(name for name, _ in meta[3])
    assert meta[:3] == meta_before[:3] and meta[4:] == meta_before[4:]
    for name, h in meta[3]:
        values = _read(bundle / "filter" / f"{h}.pf_filter")[1]
        assert [v for v, _ in values] == sorted(v for v, _ in values)
        assert {v: pages for v, pages in values} == filters_before[name]
    assert len(list((bundle / "filter").iterdir())) == len(meta[3])
