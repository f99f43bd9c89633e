"""What `kehoach build` keeps between builds, beside the site
(``.kehoach-cache/build-site/`` for ``site/``; the search shards are in
``.kehoach-cache/search/``, see search.py).

Two things, each reused only when it can be shown to be what a clean build
would make:

* **plans read** (``plans/``): one file per plan, named by a digest of the
  generator, the plan file's bytes, the project root and the registry
  (agencies.yml and content/de-xuat/*, the only other inputs of reading a
  plan).  A plan whose file did not change is unpickled, not read again.
* **pages rendered** (``pages.pickle``): for every generated page of the last
  build, a digest of its source, the files its Markdown asked MkDocs for (and
  whether each existed: a link to a deleted plan renders differently) and the
  size, time and inode of its HTML in the site.  A page whose source, lookups
  and HTML file are unchanged, built with the same generator, configuration,
  theme overrides, static pages and navigation, is hard-linked from the
  current site into the new one instead of rendered.

Everything else — a page that warned, one whose HTML was touched, the data
files, the static pages, the search index — is made again.  ``--full`` reads
nothing from here (and writes it afresh).  The page records are written
beside the old ones and put in place only after the new site is (``commit``),
so they always describe the site that is there.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

FORMAT = b"kehoach-build-cache 1"


def cache_folder(site: Path) -> Path:
    """``site``'s cache: in the hidden ``.kehoach-cache/`` beside it, one folder a site."""
    return site.parent / ".kehoach-cache" / f"build-{site.name}"


def _digest(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def tree_digest(folder: Path | None) -> bytes:
    """Names and bytes of every file under ``folder`` (None or missing: nothing)."""
    h = hashlib.blake2b(digest_size=16)
    if folder is not None and Path(folder).is_dir():
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
                h.update(_digest(path.read_bytes()))
    return h.digest()


_VERSION: bytes | None = None


def generator_version() -> bytes:
    """The generator's own sources, Python's version and every installed
    package's version (MkDocs, Material, Markdown, PyYAML, jsonschema ...)."""
    global _VERSION
    if _VERSION is None:
        from importlib.metadata import distributions

        installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
        _VERSION = _digest(FORMAT, sys.version.encode(), tree_digest(Path(__file__).resolve().parent), "\n".join(installed).encode())
    return _VERSION


@contextmanager
def _no_collection():
    """Unpickling builds thousands of objects per plan; the collector would walk them again and again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


class PlanStore:
    """Plans read by earlier builds, one pickle a plan (the store of ``load.enable_cache``)."""

    def __init__(self, folder: Path, *, read: bool = True):
        self.folder = folder
        self.read = read
        self.used: set[str] = set()
        self.hits = self.misses = 0

    def _name(self, key: str, stamp: tuple) -> str:
        return _digest(generator_version(), key.encode("utf-8", "surrogateescape"), repr(stamp).encode()).hex() + ".pickle"

    def get(self, key: str, stamp: tuple):
        name = self._name(key, stamp)
        try:
            if not self.read:
                raise FileNotFoundError
            with open(self.folder / name, "rb") as handle, _no_collection():
                stored_key, stored_stamp = pickle.load(handle)
                entry = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            self.misses += 1
            return None
        if stored_key != key or stored_stamp != stamp:
            self.misses += 1
            return None
        self.used.add(name)
        self.hits += 1
        return (stamp, *entry)

    def put(self, key: str, stamp: tuple, entry: tuple, data: bytes | None = None) -> None:
        """``data``: ``entry`` already pickled (a worker process did it)."""
        name = self._name(key, stamp)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            head = pickle.dumps((key, stamp), protocol=pickle.HIGHEST_PROTOCOL)
            _write_atomically(self.folder / name, head + (data if data is not None else pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)))
        except OSError:
            return  # a cache that cannot be written costs the next build time, not this one its result
        self.used.add(name)

    def prune(self) -> None:
        """Forget plans this build did not read (deleted, edited, or read by another generator)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                path.unlink(missing_ok=True)


class BuildCache:
    """The cache of one site, for one `kehoach build` (see the module's docstring)."""

    def __init__(self, folder: Path, site: Path, *, full: bool = False):
        self.folder = folder
        self.site = site  # the site now in place, whose pages may be reused
        self.full = full
        self.plans = PlanStore(folder / "plans", read=not full)
        self._pages = folder / "pages.pickle"
        self._pending = folder / "pages.pickle.new"

    def render_key(self, config) -> bytes:
        """What every page's HTML depends on besides its own source and lookups."""
        theme_dir = getattr(config.theme, "custom_dir", None)
        return _digest(
            generator_version(),
            Path(config.config_file_path).read_bytes(),
            tree_digest(Path(theme_dir) if theme_dir else None),
            tree_digest(Path(config.docs_dir)),
            str(config.use_directory_urls).encode(),
        )

    def previous_pages(self, render_key: bytes) -> tuple[bytes | None, dict]:
        """(navigation key, {src_uri: record}) of the last build, if it was made the same way."""
        if self.full:
            return None, {}
        try:
            with open(self._pages, "rb") as handle, _no_collection():
                stored = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None, {}
        if not isinstance(stored, dict) or stored.get("key") != render_key:
            return None, {}
        return stored.get("nav"), stored.get("pages", {})

    def stage_pages(self, render_key: bytes, nav_key: bytes, pages: dict) -> None:
        """Records of the pages just built; in force after ``commit``."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps({"key": render_key, "nav": nav_key, "pages": pages}, protocol=pickle.HIGHEST_PROTOCOL)
            _write_atomically(self._pending, data)
        except OSError:
            self._pending.unlink(missing_ok=True)

    def commit(self) -> None:
        """The new site is in place: its records replace the old site's."""
        if self._pending.exists():
            os.replace(self._pending, self._pages)
        else:
            self._pages.unlink(missing_ok=True)  # nothing known about the new site
        self.plans.prune()

    def discard(self) -> None:
        """The build failed: the old site stays, and so do its records."""
        self._pending.unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def html_stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def link_or_copy(old: Path, new: Path) -> None:
    """``new`` becomes another name of ``old`` (or a copy where links are not possible).
    Nothing writes to it afterwards: a page rendered again is a new file."""
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old, new)
    except OSError:
        shutil.copy2(old, new)


def nav_key(nav) -> bytes:
    """The navigation every page shows: titles, files and URLs, in order."""

    def walk(items) -> list:
        out = []
        for item in items:
            children = getattr(item, "children", None)
            file = getattr(item, "file", None)
            out.append((type(item).__name__, str(item.title), getattr(file, "src_uri", None), getattr(item, "url", None),
                        walk(children) if children else None))
        return out

    return _digest(repr(walk(nav.items)).encode("utf-8", "surrogateescape"))
