"""Scale benchmark of ``kehoach build`` on synthetic corpora.

    python benchmarks/run.py --sizes 1000 2000
    python benchmarks/run.py --sizes 200 --profile        # + cProfile of the pipeline

For each N it generates a corpus (benchmarks/synth.py) and measures:

* pipeline: ``build_corpus_with_report`` + ``emit_site`` in a fresh process
  (load -> parse -> link -> emit, no rendering), and its peak RSS;
* the real ``kehoach build`` (generator.cli, same arguments as the command) in
  a fresh process, instrumented from outside the package: time in the plugin's
  ``on_files`` (the pipeline inside MkDocs), MkDocs rendering (from the end of
  ``on_files`` to ``on_post_build``), Pagefind (``generator.search.index_site``),
  total wall time; peak RSS of the Python process (ru_maxrss), Pagefind's own
  peak (RUSAGE_CHILDREN around the subprocess) and the sampled peak of the
  whole process tree (sum of VmRSS of the build and its children, every
  0.2 s); output size;
* plain MkDocs: the pages emit_site produced, written to a docs_dir with
  ``pages/``, built by ``mkdocs build`` with the same mkdocs.yml minus the
  kehoach plugin -> the generator's overhead ratio;
* incremental ``kehoach build`` (the cache of the build above): nothing
  changed, one edited plan, one added plan, one registry change, each timed
  like the real build, with the pages kept and the plans read from the cache;
* the plans read in one process and in a pool of workers (the pipeline alone
  with ``KEHOACH_WORKERS=1``);
* in headless Chromium (/usr/bin/chromium through Playwright, site served on
  127.0.0.1): bytes of /pagefind/ responses for a first query typed into the
  site's search field (a rare document number and "đảng viên"), and the load
  time of the largest body page and of the timeline page.

Results are appended to ``<work>/results.jsonl`` and printed as Markdown
tables.  Machine facts (nproc, CPU model, memory, load average) are printed
and recorded with each run.  Nothing in the repository is modified.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
BUILD_DATE = "2026-11-23"
TARGETS = {
    "overhead": 0.15,  # generator adds at most 15 % to plain MkDocs
    "total_10k_s": 360,  # 10,000 plans end to end in 6 minutes
    "peak_bytes": 2 * 1024**3,  # 2 GiB
    "rare_bytes": 350 * 1000,
    "common_bytes": 1500 * 1000,
    "body_page_bytes": 1000 * 1000,
}


# --- small helpers ------------------------------------------------------------------


def machine() -> dict:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "nproc_cmd": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
            "cpu": model, "memory": mem, "python": sys.version.split()[0], "loadavg": os.getloadavg()}


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except OSError:
            pass
    return out


class Sampler(threading.Thread):
    """Peak of the summed RSS of a process tree, and the load average, sampled."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_kib = 0
        self.loads: list[float] = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.peak_kib = max(self.peak_kib, sum(rss_kib(p) for p in descendants(self.pid)))
            self.loads.append(os.getloadavg()[0])
            self.stop.wait(self.every)


SNAPSHOT: Path | None = None  # set by main(): the copy of generator/ etc. that is measured


def snapshot(dest: Path, tries: int = 20) -> dict:
    """Copy generator/, pages/, overrides/ and mkdocs.yml of the working tree
    to ``dest`` and measure that copy: others edit generator/ while a long
    benchmark runs.  Retries while the copy does not import (an edit in
    flight)."""
    import hashlib

    for attempt in range(tries):
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for name in ("generator", "pages", "overrides"):
            shutil.copytree(REPO / name, dest / name, ignore=ignore)
        shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
        check = subprocess.run([PYTHON, "-c", "import generator.pipeline, generator.plugin, generator.cli"], cwd=dest,
                               env={**os.environ, "PYTHONPATH": str(dest)}, capture_output=True, text=True)
        if check.returncode == 0:
            break
        print(f"   snapshot does not import yet (attempt {attempt + 1}): {check.stderr.strip().splitlines()[-1]}", flush=True)
        time.sleep(30)
    else:
        raise SystemExit("the working tree's generator/ does not import; giving up")
    digest = hashlib.sha256()
    for path in sorted(dest.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(dest).as_posix().encode() + b"\0" + path.read_bytes())
    git = lambda *a: subprocess.run(["git", *a], cwd=REPO, capture_output=True, text=True).stdout.strip()  # noqa: E731
    return {"path": str(dest), "sha256": digest.hexdigest()[:16], "head": git("rev-parse", "--short", "HEAD"),
            "dirty": git("status", "--short", "--", "generator", "pages", "overrides", "mkdocs.yml").splitlines(),
            "taken": time.strftime("%Y-%m-%d %H:%M:%S")}


def run_measured(cmd: list[str], cwd: Path, env: dict | None = None, log: Path | None = None) -> dict:
    """Run ``cmd``; wall time, tree peak RSS (sampled), load average during."""
    path = f"{SNAPSHOT}{os.pathsep}{REPO}" if SNAPSHOT else str(REPO)
    extra = {"KEHOACH_BENCH_SRC": str(SNAPSHOT)} if SNAPSHOT else {}
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path, **extra, **(env or {})}
    before = os.getloadavg()
    out = open(log, "w") if log else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    sampler = Sampler(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)  # the child's own rusage (and of the children it waited for)
    proc.returncode = rc = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    if log:
        out.close()
    loads = sampler.loads or [before[0]]
    return {"rc": rc, "wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "maxrss_bytes": usage.ru_maxrss * 1024,
            "tree_peak_bytes": sampler.peak_kib * 1024, "load_before": before,
            "load_mean": sum(loads) / len(loads), "load_max": max(loads)}


def du(path: Path) -> tuple[int, int]:
    total = files = 0
    for p in path.rglob("*"):
        if p.is_file():
            total += p.stat().st_size
            files += 1
    return total, files


def fmt_s(s: float | None) -> str:
    if s is None:
        return "–"
    return f"{s:.1f} s" if s < 100 else f"{s / 60:.1f} min"


def fmt_b(b: float | None) -> str:
    if b is None:
        return "–"
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if b >= size:
            return f"{b / size:.1f} {unit}"
    return f"{int(b)} B"


# --- child: the pipeline alone --------------------------------------------------------


def child_pipeline(args) -> None:
    from datetime import date

    if args.patched:
        from benchmarks import patches

        patches.apply()
    from generator.pipeline import build_corpus_with_report, byte_pieces, iter_site

    project = Path(args.project).resolve()
    profile = None
    if args.profile:
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    c0 = time.process_time()
    t0 = time.perf_counter()
    corpus, report, _ = build_corpus_with_report(project, project / "content", build_date=date.fromisoformat(BUILD_DATE), audience="noi-bo")
    t1, c1 = time.perf_counter(), time.process_time()
    # The pages one at a time, as the plugin takes them (iter_site), and
    # written to disk as they come when plain MkDocs needs them (the plugin
    # writes them too).
    docs = Path(args.docs_dir) if args.docs_dir else None
    pending = project / "emitted.tmp"
    if pending.exists():
        shutil.rmtree(pending)
    sizes = []
    for path, content in iter_site(corpus):
        data = b"".join(byte_pieces(content))  # large exports come in pieces
        sizes.append((len(data), path))
        if docs is not None:
            target = pending / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    t2, c2 = time.perf_counter(), time.process_time()
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    sizes.sort(reverse=True)
    import generator

    result = {
        "generator": generator.__file__,
        "load_link_s": t1 - t0,
        "emit_s": t2 - t1,
        "pipeline_s": t2 - t0,
        "load_link_cpu_s": c1 - c0,
        "emit_cpu_s": c2 - c1,
        "pipeline_cpu_s": c2 - c0,
        "maxrss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "plans": len(corpus.plans),
        "tasks": len(corpus.tasks),
        "agencies": len(corpus.agencies),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "emitted_files": len(sizes),
        "emitted_bytes": sum(s for s, _ in sizes),
        "largest_emitted": sizes[:8],
        "emitted_by_section": _by_section(sizes),
    }
    if docs is not None:
        if docs.exists():
            shutil.rmtree(docs)
        shutil.copytree(project / "pages", docs)
        shutil.copytree(pending, docs, dirs_exist_ok=True)
        shutil.rmtree(pending)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False))


def _by_section(sizes: list[tuple[int, str]]) -> dict[str, list[int]]:
    """Bytes and files of the emitted site by what they are (plan pages, body pages ...)."""
    names = {"ke-hoach": "plan pages", "co-quan": "body pages", "van-ban": "document pages", "moc-thoi-gian.md": "timeline",
             "moc-thoi-gian": "timeline", "to-chuc": "home page",
             "index.md": "home page", "data": "data exports + calendars"}
    out: dict[str, list[int]] = {}
    for size, path in sizes:
        head = path.split("/", 1)[0]
        key = names.get(head, head)
        if head == "data" and path.startswith("data/lich/"):
            key = "calendars (.ics)"
        entry = out.setdefault(key, [0, 0])
        entry[0] += size
        entry[1] += 1
    return out


# --- child: the real build, instrumented ---------------------------------------------------


def child_build(args) -> None:
    t_start = time.perf_counter()
    if args.patched:
        from benchmarks import patches

        patches.apply()
    import generator.plugin as plugin
    import generator.search as search

    marks: dict[str, float] = {}
    cpu: dict[str, float] = {}  # time.process_time() of this (single-threaded) Python process at the same marks
    cls = plugin.KehoachPlugin
    original_on_config, original_on_files, original_post = cls.on_config, cls.on_files, cls.on_post_build
    original_corpus, original_index = plugin.build_corpus, search.index_site

    def timed(name, fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            marks[name + "_start"] = time.perf_counter()
            cpu[name + "_start"] = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                marks[name + "_end"] = time.perf_counter()
                cpu[name + "_end"] = time.process_time()

        return wrapper

    def index_site(site_dir):
        marks["python_rss_at_pagefind_bytes"] = rss_kib(os.getpid()) * 1024
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        marks["pagefind_start"] = time.perf_counter()
        try:
            return original_index(site_dir)
        finally:
            marks["pagefind_end"] = time.perf_counter()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            marks["pagefind_maxrss_bytes"] = after.ru_maxrss * 1024
            marks["pagefind_cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    original_link = plugin._Reuse.link_unchanged

    def link_unchanged(self, nav, files, site_dir):
        original_link(self, nav, files, site_dir)
        marks["pages_kept"], marks["pages_generated"] = len(self.linked), len(self.digests)
        marks["plans_from_cache"], marks["plans_read"] = self.cache.plans.hits, self.cache.plans.misses

    plugin._Reuse.link_unchanged = link_unchanged
    cls.on_config = timed("on_config", original_on_config)
    cls.on_files = timed("on_files", original_on_files)
    cls.on_post_build = timed("on_post_build", original_post)
    plugin.build_corpus = timed("build_corpus", original_corpus)
    # emit is not wrapped: the plugin takes pages from the iter_site generator
    # as it writes them; emit time = on_files - build_corpus.
    search.index_site = index_site

    from generator.cli import main

    os.chdir(args.project)
    cli_args = ["build", "-d", args.site, "--build-date", BUILD_DATE, *(["--full"] if args.full else [])]
    marks["imports_done"] = time.perf_counter()
    try:
        main.main(cli_args, standalone_mode=False)
        rc = 0
    except SystemExit as exc:
        rc = exc.code or 0
    t_end = time.perf_counter()
    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    rel = {k: (v - t_start if k.endswith(("_start", "_end", "_done")) else v) for k, v in marks.items()}
    result = {
        "rc": rc,
        "generator": plugin.__file__,
        "total_in_process_s": t_end - t_start,
        "on_files_s": marks.get("on_files_end", 0) - marks.get("on_files_start", 0),
        "build_corpus_s": marks.get("build_corpus_end", 0) - marks.get("build_corpus_start", 0),
        "emit_site_s": (marks.get("on_files_end", 0) - marks.get("on_files_start", 0)) - (marks.get("build_corpus_end", 0) - marks.get("build_corpus_start", 0)),
        "render_s": marks.get("on_post_build_start", 0) - marks.get("on_files_end", 0),
        "before_files_s": marks.get("on_files_start", 0) - t_start,
        "pagefind_s": marks.get("pagefind_end", 0) - marks.get("pagefind_start", 0),
        "after_pagefind_s": t_end - marks.get("pagefind_end", t_end),
        "on_files_cpu_s": cpu.get("on_files_end", 0) - cpu.get("on_files_start", 0),
        "render_cpu_s": cpu.get("on_post_build_start", 0) - cpu.get("on_files_end", 0),
        "python_maxrss_bytes": self_usage.ru_maxrss * 1024,
        "python_cpu_s": self_usage.ru_utime + self_usage.ru_stime,
        "marks": rel,
        **{k: marks[k] for k in ("pagefind_maxrss_bytes", "pagefind_cpu_s", "python_rss_at_pagefind_bytes", "pages_kept", "pages_generated",
                                 "plans_from_cache", "plans_read") if k in marks},
    }
    Path(args.out).write_text(json.dumps(result))
    sys.exit(rc)


# --- browser ---------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _kind(url: str) -> str:
    name = url.rsplit("/", 1)[-1]
    for suffix, kind in ((".pf_fragment", "fragment"), (".pf_index", "index"), (".pf_filter", "filter"), (".pf_meta", "meta")):
        if name.endswith(suffix):
            return kind
    if "wasm" in name:
        return "wasm"
    return "js/json"


def browser_measure(site: Path, queries: list[str], pages: dict[str, str]) -> dict:
    """First-query bytes of /pagefind/ responses, and page load times."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    out: dict = {"queries": {}, "pages": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"])
            for query in queries:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(f"{base}/huong-dan/soan-thao.html", wait_until="load")
                page.wait_for_selector("[data-kh-search]:not([hidden])", timeout=30_000)
                responses = []
                page.on("response", lambda r: responses.append(r) if "/pagefind/" in r.url else None)
                t0 = time.perf_counter()
                page.fill("#kh-search-input", query)
                page.wait_for_function(
                    "q => { const p = document.querySelector('#kh-search-panel'); "
                    "return p && p.getAttribute('data-query') === q && p.getAttribute('aria-busy') === 'false'; }",
                    arg=query, timeout=120_000)
                elapsed = time.perf_counter() - t0
                status = page.inner_text(".kh-search__status")
                by_kind: dict[str, list] = {}
                total = 0
                for r in responses:
                    try:
                        size = len(r.body())
                    except Exception:  # noqa: BLE001 - a body may be gone; fall back to the transfer size
                        size = r.request.sizes().get("responseBodySize", 0)
                    total += size
                    entry = by_kind.setdefault(_kind(r.url), [0, 0])
                    entry[0] += 1
                    entry[1] += size
                out["queries"][query] = {"bytes": total, "requests": len(responses), "by_kind": by_kind,
                                         "seconds": elapsed, "status": status}
                context.close()
            for label, rel in pages.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.set_default_timeout(600_000)
                t0 = time.perf_counter()
                try:
                    page.goto(f"{base}/{rel}", wait_until="load")
                except Exception as exc:  # noqa: BLE001 - a page too big to load is a finding, not a crash
                    out["pages"][label] = {"path": rel, "error": repr(exc)[:200], "wall_s": time.perf_counter() - t0}
                    context.close()
                    continue
                settled = page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))")
                wall = time.perf_counter() - t0
                nav = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0]; "
                                    "return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, size: n.decodedBodySize}; }")
                rows = page.evaluate("() => document.querySelectorAll('tr').length")
                out["pages"][label] = {"path": rel, "load_ms": nav["load"], "dcl_ms": nav["dcl"], "settled_ms": settled,
                                       "wall_s": wall, "html_bytes": nav["size"], "rows": rows}
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


# --- one size ------------------------------------------------------------------------------


def plain_config(project: Path, docs: str) -> Path:
    """mkdocs.yml with ``plugins: []`` (no kehoach, and no default search
    plugin) and ``docs_dir`` set to the emitted pages.  Edited as text: the
    file may hold tags such as ``!!python/name:...`` that a YAML round trip
    would lose."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    out, skipping = [], False
    for line in lines:
        top = line[:1].strip() and not line.startswith("#")
        if top:
            skipping = line.split(":", 1)[0].strip() in ("plugins", "docs_dir")
            if skipping:
                continue
        if skipping and (not line.strip() or line.startswith((" ", "\t", "#"))):
            continue
        out.append(line)
    out += ["docs_dir: " + docs, "plugins: []"]
    path = project / "mkdocs-plain.yml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def largest(site: Path, pattern: str, exclude: tuple[str, ...] = ()) -> tuple[int, str] | None:
    found = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.glob(pattern) if p.name not in exclude]
    return max(found) if found else None


def _pagefind_pages(site: Path) -> int | None:
    try:
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
        return sum(lang.get("page_count", 0) for lang in entry.get("languages", {}).values())
    except (OSError, ValueError):
        return None


def one_size(n: int, args) -> dict:
    from benchmarks import synth

    work = args.work / str(n)
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"n": n, "seed": args.seed, "patched": args.patched, "machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    print(f"\n== N = {n} ({work})", flush=True)
    t0 = time.perf_counter()
    manifest = synth.generate(n, work, args.seed, source=SNAPSHOT or REPO)
    result["synth_s"] = time.perf_counter() - t0
    result["manifest"] = manifest
    project = Path(manifest["project"])
    print(f"   corpus: {manifest['plans']} plans, {fmt_b(manifest['content_bytes'])} ({fmt_b(manifest['mean_plan_bytes'])}/plan), "
          f"{manifest['bodies']} bodies; generated in {fmt_s(result['synth_s'])}", flush=True)
    me = [PYTHON, str(HERE / "run.py")]
    patched = ["--patched"] if args.patched else []

    # 1. pipeline alone (+ the docs_dir for plain MkDocs)
    docs = "plain-docs"
    out = work / "pipeline.json"
    profile = ["--profile", str(work / "pipeline.prof")] if args.profile else []
    docs_dir = [] if args.pipeline_only else ["--docs-dir", str(project / docs)]
    m = run_measured(me + ["_pipeline", "--project", str(project), "--out", str(out), *docs_dir, *profile, *patched],
                     cwd=REPO, log=work / "pipeline.log")
    if m["rc"] != 0:
        raise SystemExit(f"pipeline failed, see {work / 'pipeline.log'}")
    result["pipeline"] = {**json.loads(out.read_text()), "wall_s": m["wall_s"], "cpu_total_s": m["cpu_s"], "load": [m["load_mean"], m["load_max"]]}
    print(f"   pipeline: {fmt_s(result['pipeline']['pipeline_s'])}, CPU {fmt_s(result['pipeline']['pipeline_cpu_s'])} "
          f"(load+link {fmt_s(result['pipeline']['load_link_s'])}, "
          f"emit {fmt_s(result['pipeline']['emit_s'])}), {result['pipeline']['errors']} errors, {result['pipeline']['warnings']} warnings, "
          f"peak {fmt_b(result['pipeline']['maxrss_bytes'])}", flush=True)
    print("   emitted: " + ", ".join(f"{k} {fmt_b(v[0])} ({v[1]})" for k, v in
                                    sorted(result["pipeline"]["emitted_by_section"].items(), key=lambda kv: -kv[1][0])), flush=True)

    if args.pipeline_only:
        if not args.keep:
            shutil.rmtree(project / docs, ignore_errors=True)
            shutil.rmtree(project / "content", ignore_errors=True)
        result["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
        return result

    # 2. the real build
    site = work / "site"
    out = work / "build.json"
    m = run_measured(me + ["_build", "--project", str(project), "--site", str(site), "--out", str(out), "--full", *patched], cwd=project,
                     log=work / "build.log")
    build = json.loads(out.read_text()) if out.exists() else {}
    result["build"] = {**build, "wall_s": m["wall_s"], "cpu_s": m["cpu_s"], "tree_peak_bytes": m["tree_peak_bytes"], "load_before": m["load_before"],
                       "load_mean": m["load_mean"], "load_max": m["load_max"], "rc": m["rc"]}
    if m["rc"] != 0:
        raise SystemExit(f"kehoach build failed (rc {m['rc']}), see {work / 'build.log'}")
    size, files = du(site)
    pf_size, pf_files = du(site / "pagefind")
    result["site"] = {"bytes": size, "files": files, "pagefind_bytes": pf_size, "pagefind_files": pf_files,
                      "largest_html": sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), reverse=True)[:6],
                      "largest_body_page": largest(site, "co-quan/*/**/*.html"),
                      "busy_body_page": (site / f"co-quan/{manifest['busy_body']}.html").stat().st_size
                      if (site / f"co-quan/{manifest['busy_body']}.html").exists() else None,
                      "timeline_bytes": (site / "moc-thoi-gian.html").stat().st_size,
                      # since lists are cut into pages: the largest page of the timeline, and of any list
                      "largest_timeline_page": largest(site, "moc-thoi-gian/**/*.html"),
                      "largest_list_page": max((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")
                                               if not p.relative_to(site).as_posix().startswith("ke-hoach/")),
                      "largest_document_page": largest(site, "van-ban/*.html", ("index.html", "cay-thuc-hien.html")),
                      "home_bytes": (site / "index.html").stat().st_size,
                      "pagefind_pages": _pagefind_pages(site)}
    b = result["build"]
    print(f"   kehoach build: {fmt_s(b['wall_s'])} (CPU {fmt_s(b['cpu_s'])}) = on_files {fmt_s(b['on_files_s'])} + render {fmt_s(b['render_s'])} + "
          f"pagefind {fmt_s(b['pagefind_s'])}; python peak {fmt_b(b['python_maxrss_bytes'])}, pagefind peak "
          f"{fmt_b(b.get('pagefind_maxrss_bytes'))}, tree peak {fmt_b(b['tree_peak_bytes'])}; site {fmt_b(size)} in {files} files "
          f"(pagefind {fmt_b(pf_size)}); load avg {b['load_mean']:.2f}", flush=True)

    # 2b. incremental builds with the cache the build above left, and the plans read by one process
    if not args.skip_incremental:
        result["incremental"] = incremental(project, site, work, me + ["_build", "--project", str(project), "--site", str(site), *patched])
        out = work / "pipeline-serial.json"
        m = run_measured(me + ["_pipeline", "--project", str(project), "--out", str(out), *patched], cwd=REPO,
                         env={"KEHOACH_WORKERS": "1"}, log=work / "pipeline-serial.log")
        if m["rc"] == 0:
            serial = json.loads(out.read_text())
            result["pipeline_serial"] = {**serial, "wall_s": m["wall_s"], "cpu_total_s": m["cpu_s"], "load": [m["load_mean"], m["load_max"]]}
            print(f"   plans read by one process: load+parse+link {fmt_s(serial['load_link_s'])} (CPU {fmt_s(serial['load_link_cpu_s'])}); "
                  f"by {_workers()} workers: {fmt_s(result['pipeline']['load_link_s'])} (parent CPU "
                  f"{fmt_s(result['pipeline']['load_link_cpu_s'])}); load avg {m['load_mean']:.2f}", flush=True)

    # 3. plain MkDocs on the same pages
    if not args.skip_plain:
        config = plain_config(project, docs)
        m = run_measured([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "site-plain")], cwd=project,
                         log=work / "plain.log")
        result["plain"] = {"wall_s": m["wall_s"], "cpu_s": m["cpu_s"], "rc": m["rc"], "tree_peak_bytes": m["tree_peak_bytes"],
                           "maxrss_bytes": m["maxrss_bytes"], "load_mean": m["load_mean"]}
        kehoach_no_search = b["wall_s"] - b["pagefind_s"]
        result["overhead"] = kehoach_no_search / m["wall_s"] - 1 if m["rc"] == 0 else None
        result["overhead_cpu"] = (b["cpu_s"] - b.get("pagefind_cpu_s", 0)) / m["cpu_s"] - 1 if m["rc"] == 0 else None
        print(f"   plain MkDocs: {fmt_s(m['wall_s'])}, CPU {fmt_s(m['cpu_s'])} (rc {m['rc']}); kehoach without Pagefind "
              f"{fmt_s(kehoach_no_search)} -> overhead {result['overhead'] * 100:+.0f} % (by CPU time "
              f"{result['overhead_cpu'] * 100:+.0f} %)" if result["overhead"] is not None else "   plain MkDocs failed", flush=True)
        if not args.keep:
            shutil.rmtree(work / "site-plain", ignore_errors=True)
            shutil.rmtree(project / docs, ignore_errors=True)

    # 4. browser
    if not args.skip_browser:
        pages = {}
        body = result["site"]["largest_body_page"]
        if body:
            pages["largest body page"] = body[1]
        pages["timeline"] = "moc-thoi-gian.html"
        if result["site"].get("largest_timeline_page"):
            pages["largest timeline page"] = result["site"]["largest_timeline_page"][1]
        pages["home"] = "index.html"
        doc = result["site"]["largest_document_page"]
        if doc:
            pages["largest document page"] = doc[1]
        try:
            result["browser"] = browser_measure(site, [manifest["rare_query"], manifest["common_query"]], pages)
            for q, r in result["browser"]["queries"].items():
                print(f"   first query {q!r}: {fmt_b(r['bytes'])} in {r['requests']} requests ({r['status']}), {r['seconds']:.1f} s", flush=True)
            for label, r in result["browser"]["pages"].items():
                if "error" in r:
                    print(f"   {label} {r['path']}: failed after {r['wall_s']:.0f} s: {r['error']}", flush=True)
                    continue
                print(f"   {label} {r['path']}: {fmt_b(r['html_bytes'])}, {r['rows']} rows, load {r['load_ms'] / 1000:.1f} s, "
                      f"settled {r['settled_ms'] / 1000:.1f} s", flush=True)
        except Exception as exc:  # noqa: BLE001 - the build figures stay useful without the browser ones
            result["browser"] = {"error": repr(exc)}
            print(f"   browser measurement failed: {exc!r}", flush=True)
    if not args.keep:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project / "content", ignore_errors=True)
    result["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    return result


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _edit_plan(content: Path) -> str:
    """A new sentence at the start of the middle plan's text: its page changes, and what lists it."""
    plans = sorted(p for p in content.glob("*.md"))
    path = plans[len(plans) // 2]
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("\n## I.", 1)
    path.write_text(head + "\nMột câu mới được thêm vào để đo lần dựng có chọn lọc.\n\n## I." + tail, encoding="utf-8")
    return path.name


def _add_plan(content: Path) -> str:
    """A copy of the middle plan under a new id and number."""
    import re

    plans = sorted(p for p in content.glob("*.md"))
    path = plans[len(plans) // 2]
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: (.+)$", lambda m: f"id: {m.group(1).strip()}-bo-sung", text, count=1)
    text = re.sub(r'(?m)^number: "(\d+)', lambda m: f'number: "9{m.group(1)}', text, count=1)
    new = path.with_name(path.stem + "-bo-sung.md")
    new.write_text(text, encoding="utf-8")
    return new.name


def _change_registry(content: Path) -> str:
    """One organisation renamed in agencies.yml: every plan is read again (names resolve against the registry)."""
    path = content / "agencies.yml"
    text = path.read_text(encoding="utf-8")
    old = 'name: "Huyện ủy Nông Cống"'
    if old not in text:
        old = next(line.strip() for line in text.splitlines() if line.strip().startswith('name: "Huyện ủy '))
    path.write_text(text.replace(old, old.replace("Huyện ủy ", "Huyện ủy huyện ", 1), 1), encoding="utf-8")
    return f"agencies.yml: {old}"


def incremental(project: Path, site: Path, work: Path, build: list[str]) -> dict:
    """`kehoach build` after each change, with the cache of the build before."""
    steps = {"nothing changed": lambda content: "-", "one edited plan": _edit_plan, "one added plan": _add_plan,
             "one registry change": _change_registry}
    out: dict = {}
    for i, (label, change) in enumerate(steps.items()):
        what = change(project / "content")
        result_file = work / f"incremental-{i}.json"
        m = run_measured(build + ["--out", str(result_file)], cwd=project, log=work / f"incremental-{i}.log")
        b = json.loads(result_file.read_text()) if result_file.exists() else {}
        out[label] = {**b, "changed": what, "wall_s": m["wall_s"], "cpu_s": m["cpu_s"], "rc": m["rc"], "load_mean": m["load_mean"],
                      "load_max": m["load_max"], "tree_peak_bytes": m["tree_peak_bytes"]}
        if m["rc"] != 0:
            print(f"   incremental build ({label}) failed, see {work / f'incremental-{i}.log'}", flush=True)
            continue
        print(f"   incremental, {label} ({what}): {fmt_s(m['wall_s'])} (CPU {fmt_s(m['cpu_s'])}) = on_files {fmt_s(b['on_files_s'])} "
              f"(plans {fmt_s(b['build_corpus_s'])}, emit {fmt_s(b['emit_site_s'])}) + render {fmt_s(b['render_s'])} + pagefind "
              f"{fmt_s(b['pagefind_s'])}; pages kept {b.get('pages_kept')}/{b.get('pages_generated')}, plans from the cache "
              f"{b.get('plans_from_cache')}, read {b.get('plans_read')}; load avg {m['load_mean']:.2f}", flush=True)
    return out


def incremental_table(results: list[dict]) -> str:
    """The incremental builds of each size, step by step."""
    lines = ["| N | change | total wall (CPU) | on_files: plans + link / emit | MkDocs render | Pagefind | pages kept | plans read | "
             "vs full build | load avg |", "| --- |" + " --- |" * 9]
    for r in results:
        full = r.get("build", {}).get("wall_s")
        for label, x in r.get("incremental", {}).items():
            if x.get("rc") != 0 or "on_files_s" not in x:
                lines.append(f"| {r['n']} | {label} | failed |" + " |" * 7)
                continue
            share = f"{x['wall_s'] / full * 100:.0f} %" if full else "–"
            lines.append(f"| {r['n']} | {label} | {fmt_s(x['wall_s'])} ({fmt_s(x['cpu_s'])}) | {fmt_s(x['build_corpus_s'])} / "
                         f"{fmt_s(x['emit_site_s'])} | {fmt_s(x['render_s'])} | {fmt_s(x['pagefind_s'])} | {x.get('pages_kept')}/"
                         f"{x.get('pages_generated')} | {x.get('plans_read')} | {share} | {x['load_mean']:.2f} |")
    for r in results:
        serial = r.get("pipeline_serial")
        if serial:
            lines.append("")
            lines.append(f"N = {r['n']}: load + parse + link in one process {fmt_s(serial['load_link_s'])} (CPU "
                         f"{fmt_s(serial['load_link_cpu_s'])}, load avg {serial['load'][0]:.2f}); with the worker pool "
                         f"{fmt_s(r['pipeline']['load_link_s'])} (parent CPU {fmt_s(r['pipeline']['load_link_cpu_s'])}, "
                         f"load avg {r['pipeline']['load'][0]:.2f})")
    return "\n".join(lines)


# --- report -------------------------------------------------------------------------------


def table(results: list[dict]) -> str:
    rows = [
        ("plans", lambda r: str(r["manifest"]["plans"])),
        ("content", lambda r: fmt_b(r["manifest"]["content_bytes"])),
        ("tasks (duties)", lambda r: str(r["pipeline"]["tasks"])),
        ("pipeline alone (load → emit)", lambda r: fmt_s(r["pipeline"]["pipeline_s"])),
        ("– load + parse + link", lambda r: fmt_s(r["pipeline"]["load_link_s"])),
        ("– emit", lambda r: fmt_s(r["pipeline"]["emit_s"])),
        ("build: on_files (pipeline in MkDocs)", lambda r: fmt_s(r["build"]["on_files_s"])),
        ("build: MkDocs render", lambda r: fmt_s(r["build"]["render_s"])),
        ("build: Pagefind", lambda r: fmt_s(r["build"]["pagefind_s"])),
        ("build: total wall", lambda r: fmt_s(r["build"]["wall_s"])),
        ("time per plan (total)", lambda r: f"{r['build']['wall_s'] / r['manifest']['plans'] * 1000:.0f} ms"),
        ("CPU time: pipeline alone", lambda r: fmt_s(r["pipeline"]["pipeline_cpu_s"])),
        ("CPU time: build on_files / render", lambda r: f"{fmt_s(r['build']['on_files_cpu_s'])} / {fmt_s(r['build']['render_cpu_s'])}"),
        ("CPU time: Pagefind", lambda r: fmt_s(r["build"].get("pagefind_cpu_s"))),
        ("CPU time: build total", lambda r: fmt_s(r["build"]["cpu_s"])),
        ("CPU per plan (total)", lambda r: f"{r['build']['cpu_s'] / r['manifest']['plans'] * 1000:.0f} ms"),
        ("plain MkDocs, same pages (wall / CPU)", lambda r: f"{fmt_s(r['plain']['wall_s'])} / {fmt_s(r['plain']['cpu_s'])}"),
        ("overhead vs plain MkDocs (wall / CPU)", lambda r: f"{r['overhead'] * 100:+.0f} % / {r['overhead_cpu'] * 100:+.0f} %"),
        ("peak RSS, Python build", lambda r: fmt_b(r["build"]["python_maxrss_bytes"])),
        ("peak RSS, Pagefind", lambda r: fmt_b(r["build"].get("pagefind_maxrss_bytes"))),
        ("peak RSS, whole tree (sampled)", lambda r: fmt_b(r["build"]["tree_peak_bytes"])),
        ("output size (files)", lambda r: f"{fmt_b(r['site']['bytes'])} ({r['site']['files']})"),
        ("– of which Pagefind", lambda r: fmt_b(r["site"]["pagefind_bytes"])),
        ("pages indexed by Pagefind", lambda r: str(r["site"]["pagefind_pages"])),
        ("timeline page (overview when split)", lambda r: fmt_b(r["site"]["timeline_bytes"])),
        ("largest timeline list page", lambda r: fmt_b(r["site"]["largest_timeline_page"][0]) if r["site"].get("largest_timeline_page") else "–"),
        ("largest page other than a plan", lambda r: f"{fmt_b(r['site']['largest_list_page'][0])} ({r['site']['largest_list_page'][1]})"),
        ("home page", lambda r: fmt_b(r["site"]["home_bytes"])),
        ("largest body page", lambda r: fmt_b(r["site"]["largest_body_page"][0]) if r["site"]["largest_body_page"] else "–"),
        ("largest document page", lambda r: fmt_b(r["site"]["largest_document_page"][0]) if r["site"]["largest_document_page"] else "–"),
        ("first query, rare number", lambda r: _query(r, r["manifest"]["rare_query"])),
        ("first query, “đảng viên”", lambda r: _query(r, r["manifest"]["common_query"])),
        ("largest body page load", lambda r: _page(r, "largest body page")),
        ("timeline page load", lambda r: _page(r, "timeline")),
        ("largest timeline list page load", lambda r: _page(r, "largest timeline page")),
        ("home page load", lambda r: _page(r, "home")),
        ("load average (mean during build)", lambda r: f"{r['build']['load_mean']:.2f}"),
    ]
    head = "| | " + " | ".join(f"N = {r['n']}" for r in results) + " |"
    sep = "| --- |" + " --- |" * len(results)
    lines = [head, sep]
    for label, fn in rows:
        cells = []
        for r in results:
            try:
                cells.append(fn(r))
            except (KeyError, TypeError, IndexError):
                cells.append("–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _query(r, q):
    x = r["browser"]["queries"][q]
    return f"{fmt_b(x['bytes'])} ({x['requests']} req.)"


def _page(r, label):
    x = r["browser"]["pages"][label]
    if "error" in x:
        return f"failed after {x['wall_s']:.0f} s"
    return f"{x['load_ms'] / 1000:.1f} s"


def growth(results: list[dict]) -> str:
    """Time per plan and the exponent between successive sizes (1 = linear)."""
    steps = [("pipeline (wall)", lambda r: r["pipeline"]["pipeline_s"]), ("render (wall)", lambda r: r["build"]["render_s"]),
             ("pagefind (wall)", lambda r: r["build"]["pagefind_s"]), ("total (wall)", lambda r: r["build"]["wall_s"]),
             ("pipeline: load+link (CPU)", lambda r: r["pipeline"]["load_link_cpu_s"]),
             ("pipeline: emit (CPU)", lambda r: r["pipeline"]["emit_cpu_s"]),
             ("render (CPU)", lambda r: r["build"]["render_cpu_s"]), ("pagefind (CPU)", lambda r: r["build"]["pagefind_cpu_s"]),
             ("total (CPU)", lambda r: r["build"]["cpu_s"])]
    lines = ["| step | " + " | ".join(f"ms/plan at {r['n']}" for r in results) + " | exponent (successive sizes) |",
             "| --- |" + " --- |" * (len(results) + 1)]
    for name, fn in steps:
        try:
            per = [fn(r) / r["manifest"]["plans"] * 1000 for r in results]
        except (KeyError, TypeError):
            continue
        exps = []
        for a, b in zip(results, results[1:]):
            try:
                exps.append(f"{math.log(fn(b) / fn(a)) / math.log(b['manifest']['plans'] / a['manifest']['plans']):.2f}")
            except (ValueError, ZeroDivisionError):
                exps.append("–")
        lines.append(f"| {name} | " + " | ".join(f"{p:.0f}" for p in per) + f" | {', '.join(exps) or '–'} |")
    return "\n".join(lines)


def compare_patched(n: int, args) -> bool:
    """Emit the site of one corpus with and without benchmarks/patches.py and
    compare every emitted file: the fixes must not change the output."""
    from benchmarks import synth

    work = args.work / f"compare-{n}"
    manifest = synth.generate(n, work, args.seed, source=SNAPSHOT or REPO)
    project = Path(manifest["project"])
    times = {}
    for flag, name in (([], "as-is"), (["--patched"], "patched")):
        out = work / f"{name}.json"
        m = run_measured([PYTHON, str(HERE / "run.py"), "_pipeline", "--project", str(project), "--out", str(out),
                          "--docs-dir", str(work / name), *flag], cwd=REPO, log=work / f"{name}.log")
        if m["rc"] != 0:
            raise SystemExit(f"pipeline failed, see {work / name}.log")
        times[name] = json.loads(out.read_text())
    a, b = work / "as-is", work / "patched"
    names = sorted({p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()} |
                   {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()})
    differ = [x for x in names if not (a / x).exists() or not (b / x).exists() or (a / x).read_bytes() != (b / x).read_bytes()]
    print(f"compare at N = {n}: {len(names)} files, {len(differ)} differ {differ[:5]}; pipeline "
          f"{fmt_s(times['as-is']['pipeline_s'])} as is, {fmt_s(times['patched']['pipeline_s'])} patched "
          f"(emit {fmt_s(times['as-is']['emit_s'])} -> {fmt_s(times['patched']['emit_s'])}, load+link "
          f"{fmt_s(times['as-is']['load_link_s'])} -> {fmt_s(times['patched']['load_link_s'])})", flush=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return not differ


def _fit(points: list[tuple[float, float]], n: float) -> tuple[float, float]:
    """(proportional to N from the largest size, least-squares a + b*N over
    all sizes) at ``n``.  After the fixes every step grows linearly (see the
    growth table), so these two bracket a plain linear extrapolation."""
    (n_last, t_last) = points[-1]
    proportional = t_last * n / n_last
    if len(points) < 2:
        return proportional, proportional
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return proportional, my + slope * (n - mx)


def extrapolate(results: list[dict], n: int) -> str:
    """10,000 plans from the measured sizes, labelled as an extrapolation."""
    rows = [
        ("pipeline alone, CPU", lambda r: r["pipeline"]["pipeline_cpu_s"], fmt_s),
        ("– emit, CPU", lambda r: r["pipeline"]["emit_cpu_s"], fmt_s),
        ("build: on_files, wall", lambda r: r["build"]["on_files_s"], fmt_s),
        ("build: render, wall", lambda r: r["build"]["render_s"], fmt_s),
        ("build: Pagefind, wall", lambda r: r["build"]["pagefind_s"], fmt_s),
        ("build: total, wall", lambda r: r["build"]["wall_s"], fmt_s),
        ("build: total, CPU", lambda r: r["build"]["cpu_s"], fmt_s),
        ("plain MkDocs, CPU", lambda r: r["plain"]["cpu_s"], fmt_s),
        ("peak RSS, Python build", lambda r: r["build"]["python_maxrss_bytes"], fmt_b),
        ("peak RSS, Pagefind", lambda r: r["build"]["pagefind_maxrss_bytes"], fmt_b),
        ("peak RSS, whole tree", lambda r: r["build"]["tree_peak_bytes"], fmt_b),
        ("output size", lambda r: r["site"]["bytes"], fmt_b),
        ("timeline page", lambda r: r["site"]["timeline_bytes"], fmt_b),
        ("largest body page", lambda r: r["site"]["largest_body_page"][0], fmt_b),
        ("first query “đảng viên”", lambda r: r["browser"]["queries"][r["manifest"]["common_query"]]["bytes"], fmt_b),
    ]
    lines = [f"| EXTRAPOLATED to N = {n} | proportional to N from N = {results[-1]['n']} | a + b·N fitted to N = "
             f"{', '.join(str(r['n']) for r in results)} |",
             "| --- | --- | --- |"]
    for label, fn, fmt in rows:
        try:
            points = [(r["manifest"]["plans"], float(fn(r))) for r in results]
        except (KeyError, TypeError, IndexError):
            continue
        linear, quad = _fit(points, n)
        lines.append(f"| {label} | {fmt(linear)} | {fmt(quad)} |")
    return "\n".join(lines)


def pipeline_table(results: list[dict]) -> str:
    """The pipeline alone at every measured size (including --pipeline-only runs)."""
    rows = [
        ("tasks (duties)", lambda r: str(r["pipeline"]["tasks"])),
        ("wall", lambda r: fmt_s(r["pipeline"]["pipeline_s"])),
        ("CPU: load + parse + link", lambda r: fmt_s(r["pipeline"]["load_link_cpu_s"])),
        ("CPU: emit", lambda r: fmt_s(r["pipeline"]["emit_cpu_s"])),
        ("CPU: total", lambda r: fmt_s(r["pipeline"]["pipeline_cpu_s"])),
        ("CPU per plan", lambda r: f"{r['pipeline']['pipeline_cpu_s'] / r['manifest']['plans'] * 1000:.0f} ms"),
        ("peak RSS", lambda r: fmt_b(r["pipeline"]["maxrss_bytes"])),
        ("emitted bytes", lambda r: fmt_b(r["pipeline"]["emitted_bytes"])),
        ("load average (mean)", lambda r: f"{r['pipeline']['load'][0]:.2f}"),
    ]
    lines = ["| pipeline alone | " + " | ".join(f"N = {r['n']}" for r in results) + " |", "| --- |" + " --- |" * len(results)]
    for label, fn in rows:
        cells = []
        for r in results:
            try:
                cells.append(fn(r))
            except (KeyError, TypeError, IndexError):
                cells.append("–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    exps = []
    for a, b in zip(results, results[1:]):
        try:
            exps.append(f"{math.log(b['pipeline']['pipeline_cpu_s'] / a['pipeline']['pipeline_cpu_s']) / math.log(b['n'] / a['n']):.2f}")
        except (KeyError, ValueError, ZeroDivisionError):
            exps.append("–")
    if exps:
        lines.append("| growth exponent of CPU total (1 = linear) | – | " + " | ".join(exps) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Scale benchmark of kehoach build (see module docstring).")
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("_pipeline")
    p.add_argument("--project", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--docs-dir")
    p.add_argument("--profile")
    p.add_argument("--patched", action="store_true")
    p = sub.add_parser("_build")
    p.add_argument("--project", required=True)
    p.add_argument("--site", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--patched", action="store_true")
    p.add_argument("--full", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kehoach-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-plain", action="store_true", help="do not build the pages with plain MkDocs")
    parser.add_argument("--skip-browser", action="store_true", help="no Chromium measurements")
    parser.add_argument("--skip-incremental", action="store_true", help="no incremental builds after the full one")
    parser.add_argument("--profile", action="store_true", help="cProfile the pipeline run (pipeline.prof in the work dir)")
    parser.add_argument("--patched", action="store_true",
                        help="apply benchmarks/patches.py (proposed fixes, monkeypatched in the benchmark processes only)")
    parser.add_argument("--keep", action="store_true", help="keep the generated content and sites")
    parser.add_argument("--pipeline-only", action="store_true",
                        help="measure only the pipeline (load -> emit), e.g. at a size whose full build does not fit in memory")
    parser.add_argument("--report", type=Path, help="only print the tables of an existing results.jsonl")
    parser.add_argument("--extrapolate", type=int, default=10000, help="size to extrapolate to in the tables (0: none)")
    parser.add_argument("--compare-patched", action="store_true",
                        help="only check that benchmarks/patches.py leaves every emitted file identical (at each size)")
    args = parser.parse_args(argv)
    if args.command == "_pipeline":
        child_pipeline(args)
        return 0
    if args.command == "_build":
        child_build(args)
        return 0
    if args.report:
        results = [json.loads(line) for line in args.report.read_text(encoding="utf-8").splitlines() if line.strip()]
        results = sorted({(r["n"], r.get("patched", False), "build" not in r): r for r in results}.values(),
                         key=lambda r: (r.get("patched", False), "build" not in r, r["n"]))
        for patched in (False, True):
            everything = [r for r in results if r.get("patched", False) == patched]
            subset = [r for r in everything if "build" in r]
            if len(everything) > len(subset):
                print("\n" + pipeline_table(sorted({r["n"]: r for r in everything}.values(), key=lambda r: r["n"])))
            if not subset:
                continue
            print(("\n## with benchmarks/patches.py\n" if patched else "") + "\n" + table(subset))
            if any("incremental" in r for r in subset):
                print("\n" + incremental_table(subset))
            if len(subset) > 1:
                print("\n" + growth(subset))
            if args.extrapolate and subset[-1]["n"] < args.extrapolate:
                print("\n" + extrapolate(subset, args.extrapolate))
        return 0
    global SNAPSHOT
    info = machine()
    print(f"machine: nproc {info['nproc_cmd']}, {info['cpu']}, {info['memory']}, Python {info['python']}, "
          f"load average {' '.join(f'{x:.2f}' for x in info['loadavg'])}", flush=True)
    args.work.mkdir(parents=True, exist_ok=True)
    source = snapshot(args.work / "src")
    SNAPSHOT = Path(source["path"])
    print(f"measuring a snapshot of the working tree: HEAD {source['head']}, {len(source['dirty'])} files changed or new, "
          f"sha256 {source['sha256']}", flush=True)
    if args.compare_patched:
        return 0 if all([compare_patched(n, args) for n in args.sizes]) else 1
    results = []
    for n in args.sizes:
        result = one_size(n, args)
        result["source"] = source
        results.append(result)
        with open(args.work / "results.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(result, ensure_ascii=False, default=str) + "\n")
        if args.profile:
            import pstats

            print(f"\n-- cProfile of the pipeline at N = {n} (cumulative, top 25)")
            pstats.Stats(str(args.work / str(n) / "pipeline.prof")).sort_stats("cumulative").print_stats(25)
    if args.pipeline_only:
        print("\n" + pipeline_table(results))
        return 0
    print("\n" + table(results))
    if any("incremental" in r for r in results):
        print("\n" + incremental_table(results))
    if len(results) > 1:
        print("\n" + growth(results))
    if args.extrapolate and results[-1]["n"] < args.extrapolate:
        print("\n" + extrapolate(results, args.extrapolate))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    if os.environ.get("KEHOACH_BENCH_SRC"):  # children import the snapshot's generator, not the working tree's
        sys.path.insert(0, os.environ["KEHOACH_BENCH_SRC"])
    sys.exit(main())
