"""Make Pagefind's filter and metadata indexes deterministic.

Pagefind 1.5 writes each filter's values in hash-map order, so two indexing
runs of the same site give different filter files, different hashed names,
a different metadata file and a different pagefind-entry.json (upstream
issue #638 fixed this for fragments only).  This step rewrites those files
in a canonical order — filter values sorted, filters sorted by name — and
names them by a hash of their content, so the same site gives the same bytes.

The files are gzip'd CBOR behind Pagefind's "pagefind_dcd" signature; only
their order changes, never their meaning.  Tied to Pagefind 1.5.x (pinned).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path}: không phải tệp chỉ mục Pagefind")
    return cbor2.loads(raw[len(SIGNATURE) :])


def _encode(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _hashed(language: str, data: bytes, digits: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"


def stabilize(bundle: Path) -> None:
    """Rewrite ``bundle`` (a site's pagefind/ directory) in canonical order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, old_hash in meta[3]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            content = _read(old_path)
            content[1] = sorted(content[1], key=lambda value: value[0])  # [value, [page numbers]]
            data = _encode(content)
            new_hash = _hashed(language, data, 7)
            old_path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        data = _encode(meta)
        new_meta = _hashed(language, data, 10)
        meta_path.unlink()
        (bundle / f"pagefind.{new_meta}.pf_meta").write_bytes(data)
        info["hash"] = new_meta
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
