"""The sharded search index against the single one, on a site built by run.py.

    python benchmarks/run.py --sizes 1000 --keep --skip-plain --work /tmp/kehoach-bench
    python benchmarks/search_shards.py --site /tmp/kehoach-bench/1000/site

Measures, for generator/search.py's shards:

* indexing: a cold cache (every shard indexed), a warm one (nothing
  changed), and one plan of the newest year edited together with a body page
  (what an edited plan touches: its year's shard and the primary); wall,
  CPU and the largest Pagefind process's peak RSS (``RUSAGE_CHILDREN``);
* first-query bytes in Chromium over http (run.py's measurement) with the
  site's search.js replaced by pages/assets/search.js;
* the offline bundle from file://: time from typing to the first results
  and the page's JS heap (CDP ``Runtime.getHeapUsage``, after a forced GC
  and before), for the pieces loaded on demand (bundle.py) and, with
  ``--single <pagefind dir>`` (the as-built single index, moved aside) and
  ``--single-js``/``--single-bundle`` (search.js and bundle.py of that
  commit), for the former one script holding the whole index.

The site's own ``pagefind/`` ends up as the sharded index.  Results are
printed and appended as one JSON line to ``--out``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import CHROMIUM, browser_measure, du, fmt_b, fmt_s


def _timed_index(site: Path, cache: Path) -> dict:
    from generator.search import index_site

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    report = index_site(site, cache_dir=cache)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall_s": wall,
        "cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "children_maxrss_bytes": after.ru_maxrss * 1024,  # the largest Pagefind run so far in this process
        "indexed": report.indexed,
        "shards": {s.name: {"pages": len(s.pages), "seconds": round(s.seconds, 2), "reused": s.reused} for s in report.shards},
        "load": os.getloadavg()[0],
    }


def _edit_one_plan(site: Path) -> list[str]:
    """Change the text of one plan of the newest year and of one body page."""
    from generator.search import plan_shards

    shards = plan_shards(site)
    newest = sorted(n for n in shards if n.startswith("ke-hoach-2"))[-1]
    edited = []
    for rel in (shards[newest].pages[0], shards["chung"].pages[-1]):
        path = site / rel
        html = path.read_text(encoding="utf-8")
        path.write_text(html.replace("</p>", " Nội dung sửa đổi để đo.</p>", 1), encoding="utf-8")
        edited.append(rel)
    return edited


def _farm(site: Path, target: Path, assets_js: Path, pagefind_files: dict[str, bytes] | Path) -> Path:
    """A copy of the site made of links, with its own assets/search.js and pagefind/."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for child in site.iterdir():
        if child.name not in ("assets", "pagefind"):
            (target / child.name).symlink_to(child, target_is_directory=child.is_dir())
    shutil.copytree(site / "assets", target / "assets")
    shutil.copyfile(assets_js, target / "assets" / "search.js")
    if isinstance(pagefind_files, Path):
        shutil.copytree(pagefind_files, target / "pagefind")
    else:
        for name, data in pagefind_files.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(data)
    return target


def _offline_measure(root: Path, queries: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for query in queries:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto((root / "huong-dan" / "soan-thao.html").as_uri(), wait_until="load")
            page.wait_for_selector("[data-kh-search]:not([hidden])", timeout=30_000)
            cdp = context.new_cdp_session(page)
            cdp.send("HeapProfiler.enable")
            base = cdp.send("Runtime.getHeapUsage")["usedSize"]
            t0 = time.perf_counter()
            page.fill("#kh-search-input", query)
            page.wait_for_function(
                "q => { const p = document.querySelector('#kh-search-panel'); "
                "return p && p.getAttribute('data-query') === q && p.getAttribute('aria-busy') === 'false'; }",
                arg=query, timeout=120_000)
            elapsed = time.perf_counter() - t0
            heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
            cdp.send("HeapProfiler.collectGarbage")
            heap_gc = cdp.send("Runtime.getHeapUsage")["usedSize"]
            scripts = page.evaluate("() => performance.getEntriesByType('resource').filter(r => r.name.includes('/pagefind/')).length")
            out[query] = {"seconds": elapsed, "heap_bytes": heap, "heap_after_gc_bytes": heap_gc, "heap_before_bytes": base,
                          "status": page.inner_text(".kh-search__status"), "pagefind_resources": scripts}
            context.close()
        browser.close()
    return out


def _load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--single", type=Path, help="the single-index pagefind/ directory of the same site, for comparison")
    parser.add_argument("--single-js", type=Path, help="search.js of the single-index commit")
    parser.add_argument("--single-bundle", type=Path, help="bundle.py of the single-index commit")
    parser.add_argument("--out", type=Path, default=Path("/tmp/kehoach-search-shards.jsonl"))
    args = parser.parse_args(argv)
    site = args.site.resolve()
    manifest = json.loads((site.parent / "manifest.json").read_text(encoding="utf-8"))
    queries = [manifest["rare_query"], manifest["common_query"]]
    cache = site.parent / ".kehoach-cache" / "search"
    shutil.rmtree(cache, ignore_errors=True)
    result = {"plans": manifest["plans"], "load_before": os.getloadavg()}

    result["cold"] = _timed_index(site, cache)
    print(f"cold cache: {fmt_s(result['cold']['wall_s'])}, CPU {fmt_s(result['cold']['cpu_s'])}, "
          f"largest Pagefind {fmt_b(result['cold']['children_maxrss_bytes'])}, load {result['cold']['load']:.2f}", flush=True)
    for name, shard in result["cold"]["shards"].items():
        size, files = du(site / "pagefind" / name)
        shard.update(bytes=size, files=files)
        print(f"   {name}: {shard['pages']} pages, {fmt_b(size)} in {files} files, {shard['seconds']} s")
    result["warm"] = _timed_index(site, cache)
    print(f"warm cache, nothing changed: {fmt_s(result['warm']['wall_s'])}", flush=True)
    result["edited_pages"] = _edit_one_plan(site)
    result["edited"] = _timed_index(site, cache)
    print(f"one plan and one body page edited: {fmt_s(result['edited']['wall_s'])}, re-indexed {result['edited']['indexed']}", flush=True)

    shutil.copyfile(ROOT / "pages" / "assets" / "search.js", site / "assets" / "search.js")
    result["browser"] = browser_measure(site, queries, {})
    for query, q in result["browser"]["queries"].items():
        print(f"http, first query {query!r}: {fmt_b(q['bytes'])} in {q['requests']} requests, {q['seconds']:.1f} s ({q['status']})", flush=True)

    from generator.bundle import offline_files

    work = site.parent / "offline-measure"
    new_root = _farm(site, work / "shards", ROOT / "pages" / "assets" / "search.js",
                     {"pagefind/" + p.relative_to(site / "pagefind").as_posix(): p.read_bytes()
                      for p in (site / "pagefind").rglob("*") if p.is_file()} | offline_files(site / "pagefind"))
    result["offline"] = _offline_measure(new_root, queries)
    if args.single and args.single_js and args.single_bundle:
        old = _load_module(args.single_bundle.resolve(), "generator.single_index_bundle")
        old_root = _farm(site, work / "single", args.single_js, args.single.resolve())
        (old_root / "pagefind" / "pagefind-offline.js").write_bytes(old.offline_script(old_root / "pagefind"))
        result["offline_single"] = _offline_measure(old_root, queries)
        result["offline_single_script_bytes"] = (old_root / "pagefind" / "pagefind-offline.js").stat().st_size
    for label in ("offline", "offline_single"):
        for query, q in result.get(label, {}).items():
            print(f"{label}, first query {query!r}: {q['seconds']:.2f} s, heap {fmt_b(q['heap_bytes'])} "
                  f"({fmt_b(q['heap_after_gc_bytes'])} after GC; {fmt_b(q['heap_before_bytes'])} before typing), {q['status']}", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    result["load_after"] = os.getloadavg()
    with open(args.out, "a", encoding="utf-8") as out:
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
