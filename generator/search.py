"""Builds the Pagefind index of a built site, in shards (runs the pagefind binary).

Pagefind has no incremental mode, so the index is cut into shards, each its
own Pagefind bundle under ``site/pagefind/<shard>/``: the plans of each year
(``ke-hoach-2024``, by the plan's "Năm" filter) and one shard of every other
page (``chung``: bodies, documents, lists).  The browser merges them with
Pagefind's ``mergeIndex`` (pages/assets/search.js), reading the list of
shards from ``pagefind/shards.js``.  Years, because a change is nearly always
a recent plan (the old years' shards stay as they are) and because the search
can start with the recent years and load the older ones on demand.

Each shard is cached outside the site (``.kehoach-cache/search/`` next to
it), keyed by the digest of its pages' HTML, the Pagefind version and the
options: a rebuild re-indexes only the shards whose pages changed, and a
shard from the cache is byte-identical to a fresh one (search_stable.py
makes Pagefind's output canonical).  Pagefind's peak memory is that of the
largest shard: shards are indexed one after another.

The file:// copy of the index is made by bundle.py.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.kehoach")

# Not indexed as text. Pagefind still reads filters and metadata from these
# elements; only their words stay out of excerpts ("Cơ quanBan Tổ chức...").
# Material's "¶" heading permalinks would otherwise end every title.
EXCLUDED_SELECTORS = (
    "[data-pagefind-filter][hidden]",
    "[data-pagefind-meta][hidden]",
    "a.headerlink",
    "a.kh-permalink",  # the copyable "#" of numbered items (pages.py)
    ".kh-print-meta",
)

# Text that another page holds, indexed once, where it was written: each duty
# is in its plan page, each citing sentence in the citing plan.  A body page
# repeated every duty it holds and a document page every sentence citing it,
# which doubled the posting lists of common words (the bytes of a first
# query) and Pagefind's time and memory.  Those pages stay results for their
# names, numbers and filters ("Cơ quan được giao" narrows to a body's plans).
# The timeline is not indexed (no data-pagefind-body); its table is listed so
# that it stays out if it ever is.
DUPLICATED_SELECTORS = (
    "table.kh-duties",
    "table.kh-timeline",
    "ul.kh-mentions",
)

PRIMARY = "chung"  # the shard that is always searched, and carries pagefind.js and its WebAssembly
SHARDS_SCRIPT = "shards.js"  # pagefind/shards.js: the list of shards, a classic script (file:// allows it)
OTHER_PLANS = "ke-hoach-khac"  # plans without a year

# The recent years' plans are searched at once, up to this many plans; older
# years when the search asks for them (search.js).  "đảng viên" fetches about
# 1.5 KB per plan searched (docs/performance.md).
EAGER_PLANS = 800

# What a shard needs at search time; the primary also carries the JS and WebAssembly.
_SHARD_FILES = re.compile(r"^(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|(index|filter|fragment)/[^/]+)$")
_PRIMARY_FILES = re.compile(r"^(pagefind\.js|pagefind-worker\.js|wasm\.[^/]+\.pagefind)$")

_CACHE_FORMAT = "kehoach-search-shard 1"
_BODY = re.compile(rb"data-pagefind-body")
_PLAN = re.compile(rb'class="kh-plan" data-pagefind-body')
_YEAR = re.compile(rb'data-pagefind-filter="nam" hidden>(\d{4})<')


@dataclass
class Shard:
    name: str
    pages: list[str] = field(default_factory=list)  # site-relative paths, sorted
    key: str = ""
    reused: bool = False
    seconds: float = 0.0


@dataclass
class IndexReport:
    shards: list[Shard]
    seconds: float

    @property
    def indexed(self) -> list[str]:
        return [s.name for s in self.shards if not s.reused]


def pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    for package in ("pagefind_bin", "pagefind"):
        try:
            return version(package)
        except PackageNotFoundError:
            continue
    return "unknown"


def pagefind_options() -> list[str]:
    options = ["--force-language", "vi", "--quiet"]
    # Result URLs keep "index.html": a directory URL does not open its index from file://.
    options.append("--keep-index-url")
    for selector in EXCLUDED_SELECTORS + DUPLICATED_SELECTORS:
        options += ["--exclude-selectors", selector]
    return options


def pagefind_command(site_dir: Path, output: Path | None = None) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), *pagefind_options()]
    if output is not None:
        command += ["--output-path", str(output)]
    return command


def default_cache(site_dir: Path) -> Path:
    """``.kehoach-cache/search/`` next to the site (the project root for ``site/``)."""
    return Path(site_dir).resolve().parent / ".kehoach-cache" / "search"


def shard_of(html: bytes) -> str:
    """The shard of an indexed page: a plan by its year, anything else in the primary."""
    if not _PLAN.search(html):
        return PRIMARY
    year = _YEAR.search(html)
    return f"ke-hoach-{year.group(1).decode()}" if year else OTHER_PLANS


def plan_shards(site_dir: Path) -> dict[str, Shard]:
    """The site's indexed pages by shard, each shard keyed by what it is made of."""
    site_dir = Path(site_dir)
    pages = []
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir).as_posix()
        if rel.split("/", 1)[0] == "pagefind":
            continue
        pages.append((rel, path.read_bytes()))
    pages.sort()
    # Pagefind indexes only pages with data-pagefind-body when any page has it.
    if any(_BODY.search(html) for _, html in pages):
        pages = [(rel, html) for rel, html in pages if _BODY.search(html)]
    shards: dict[str, Shard] = {}
    digests: dict[str, hashlib._Hash] = {}
    settings = json.dumps([_CACHE_FORMAT, pagefind_version(), pagefind_options()]).encode()
    for rel, html in pages:
        name = shard_of(html)
        shard = shards.setdefault(name, Shard(name))
        shard.pages.append(rel)
        digest = digests.get(name)
        if digest is None:
            digest = digests[name] = hashlib.sha256(settings + b"\0" + name.encode())
        digest.update(b"\0%d\0%s\0" % (len(html), rel.encode()))
        digest.update(html)
    for name, shard in shards.items():
        shard.key = digests[name].hexdigest()
    return dict(sorted(shards.items()))


def search_order(shards) -> list[str]:
    """The primary, then the plans by year, newest first, then plans without a year."""
    years = sorted((name for name in shards if name.startswith("ke-hoach-") and name != OTHER_PLANS), reverse=True)
    return [name for name in (PRIMARY, *years, OTHER_PLANS) if name in shards]


def read_shards(pagefind_dir: Path) -> dict:
    """What ``pagefind/shards.js`` says (for bundle.py and the tests)."""
    text = (Path(pagefind_dir) / SHARDS_SCRIPT).read_text(encoding="utf-8")
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def index_site(site_dir: Path, cache_dir: Path | None = None) -> IndexReport:
    """Write ``site_dir/pagefind/``: one Pagefind bundle per shard and ``shards.js``.

    ``cache_dir`` defaults to :func:`default_cache`; shards whose pages did not
    change are copied from it instead of being indexed again.
    """
    started = time.perf_counter()
    site_dir = Path(site_dir)
    cache = Path(cache_dir) if cache_dir is not None else default_cache(site_dir)
    shards = plan_shards(site_dir)
    if not shards:  # nothing to index: an empty primary, so that the search still loads
        shards = {PRIMARY: Shard(PRIMARY, key=hashlib.sha256(_CACHE_FORMAT.encode() + b" empty").hexdigest())}
    # The first shard searched carries pagefind.js and its WebAssembly: "chung", unless a site has only plans.
    primary = search_order(shards)[0]
    shards[primary].key = hashlib.sha256(f"{shards[primary].key} primary".encode()).hexdigest()
    out = site_dir / "pagefind"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    cache.mkdir(parents=True, exist_ok=True)
    for shard in shards.values():
        t0 = time.perf_counter()
        cached = cache / shard.name
        if _cached_key(cached) == shard.key:
            shard.reused = True
        else:
            _index_shard(site_dir, shard, cache, primary=shard.name == primary)
        # Links, not copies (thousands of small files): nothing writes to a file
        # of the index once made; a new index replaces the cache's folder.
        shutil.copytree(cached / "bundle", out / shard.name, copy_function=_link_or_copy)
        shard.seconds = time.perf_counter() - t0
    known = set(shards)
    for stale in cache.iterdir():
        if stale.is_dir() and stale.name not in known and not stale.name.startswith("."):
            shutil.rmtree(stale, ignore_errors=True)
    (out / SHARDS_SCRIPT).write_text(shards_script(out, shards, primary), encoding="utf-8")
    report = IndexReport(list(shards.values()), time.perf_counter() - started)
    log.info(
        "Đã lập chỉ mục tìm kiếm Pagefind: %d phần, %d lập lại (%s), %d lấy từ bộ đệm %s.",
        len(shards), len(report.indexed), ", ".join(report.indexed) or "không phần nào",
        len(shards) - len(report.indexed), cache,
    )
    return report


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _cached_key(cached: Path) -> str | None:
    try:
        return (cached / "key").read_text(encoding="ascii").strip()
    except OSError:
        return None


def _index_shard(site_dir: Path, shard: Shard, cache: Path, primary: bool) -> None:
    """Index the shard's pages alone (a tree of links to them) into ``cache/<name>/``."""
    from .search_stable import stabilize

    work = cache / f".work-{os.getpid()}-{shard.name}"
    if work.exists():
        shutil.rmtree(work)
    pages = work / "site"
    for rel in shard.pages:
        target = pages / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / rel, target)
        except OSError:  # another file system, or links refused: copy
            shutil.copyfile(site_dir / rel, target)
    bundle = work / "bundle"
    if not shard.pages:  # a site with nothing to index: one page without text (Pagefind refuses none)
        pages.mkdir(parents=True, exist_ok=True)
        (pages / "index.html").write_text('<html lang="vi"><body><p data-pagefind-body> </p></body></html>', encoding="utf-8")
    with open(work / "pagefind.log", "wb") as output:  # a file, not a pipe: Pagefind may write more than a pipe holds
        result = subprocess.run(pagefind_command(pages, bundle.resolve()), stdout=output, stderr=subprocess.STDOUT, check=False)
    if result.returncode != 0:
        text = (work / "pagefind.log").read_text(encoding="utf-8", errors="replace")
        shutil.rmtree(work, ignore_errors=True)
        raise RuntimeError(f"Pagefind không lập được chỉ mục tìm kiếm (phần {shard.name}):\n{text}")
    stabilize(bundle)  # the same pages give the same index bytes
    keep = _PRIMARY_FILES if primary else None
    for path in sorted(bundle.rglob("*"), reverse=True):
        rel = path.relative_to(bundle).as_posix()
        if path.is_file() and not (_SHARD_FILES.match(rel) or (keep and keep.match(rel))):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    (work / "key").write_text(shard.key, encoding="ascii")
    shutil.rmtree(work / "site")
    (work / "pagefind.log").unlink()
    target = cache / shard.name
    if target.exists():
        shutil.rmtree(target)
    os.replace(work, target)


def shards_script(pagefind_dir: Path, shards: dict[str, Shard], primary: str) -> str:
    """``pagefind/shards.js``: which shards there are, in search order;
    ``eager`` ones are searched from the first query."""
    version = json.loads((pagefind_dir / primary / "pagefind-entry.json").read_text(encoding="utf-8"))["version"]
    listed, counted = [], 0
    for name in search_order(shards):
        pages = len(shards[name].pages)
        eager = name == primary or name == PRIMARY or counted == 0 or counted + pages <= EAGER_PLANS
        if name != PRIMARY:
            counted += pages
        entry = {"name": name, "pages": pages, "eager": eager}
        if name.startswith("ke-hoach-") and name != OTHER_PLANS:
            entry["year"] = name.rsplit("-", 1)[1]
        listed.append(entry)
    data = {"version": version, "primary": primary, "shards": listed}
    return (
        "/* The shards of the Pagefind index (generator/search.py), merged by assets/search.js. */\n"
        f"window.kehoachSearchShards = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"
    )
