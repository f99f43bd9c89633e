"""What the search index would cost if it left out duplicated text.

    python benchmarks/run.py --sizes 1000 --keep --skip-plain --work /tmp/kehoach-bench
    python benchmarks/pagefind_variants.py --site /tmp/kehoach-bench/1000/site

Re-indexes one built site with Pagefind several times, each time with more
``--exclude-selectors`` than generator/search.py uses, and measures for each
variant: Pagefind's wall and CPU time and peak RSS, the index size and page
count, and the bytes a first query fetches in Chromium (the same measurement
as run.py).  The site's own ``pagefind/`` is replaced by each variant in turn
and by the as-built index at the end.

Variants (cumulative):

* ``as built``: generator/search.py's command;
* ``no duty tables on body pages``: a body page repeats the text of every duty
  it holds, which the plan page already has (``table.kh-duties``);
* ``+ no mention lists on document pages``: a document page repeats every
  sentence that cites it (``ul.kh-mentions``);
* ``+ document pages without text``: the document page is still a result for
  its number and title (its ``h1`` and panel) but holds no other text.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.run import _pagefind_pages, browser_measure, du, fmt_b, fmt_s  # noqa: E402

VARIANTS = [
    ("as built", []),
    ("no duty tables on body pages", ["table.kh-duties"]),
    ("+ no mention lists on document pages", ["table.kh-duties", "ul.kh-mentions"]),
    ("+ document pages without text", ["table.kh-duties", "ul.kh-mentions", ".kh-cited h2", ".kh-cited .kh-lead", ".kh-cited ul",
                                       ".kh-cited h3"]),
]


def index(site: Path, extra: list[str]) -> dict:
    from generator.search import pagefind_command

    shutil.rmtree(site / "pagefind", ignore_errors=True)
    command = pagefind_command(site)
    for selector in extra:
        command += ["--exclude-selectors", selector]
    log = site.parent / "pagefind-variant.log"
    with open(log, "wb") as out:  # a file, not a pipe: Pagefind may write more than a pipe holds
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"pagefind failed: {log.read_text(errors='replace')[:500]}")
    size, files = du(site / "pagefind")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "maxrss_bytes": usage.ru_maxrss * 1024,
            "bytes": size, "files": files, "pages": _pagefind_pages(site)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--queries", nargs="+", help="default: the rare query of the run's manifest.json and “đảng viên”")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    queries = args.queries
    if not queries:
        manifest = json.loads((site.parent / "manifest.json").read_text(encoding="utf-8"))
        queries = [manifest["rare_query"], manifest["common_query"]]
    results = []
    for name, extra in VARIANTS:
        r = index(site, extra)
        r["queries"] = browser_measure(site, queries, {})["queries"]
        r["name"] = name
        results.append(r)
        print(f"{name}: Pagefind {fmt_s(r['wall_s'])} (CPU {fmt_s(r['cpu_s'])}), peak {fmt_b(r['maxrss_bytes'])}, index {fmt_b(r['bytes'])} "
              f"({r['files']} files, {r['pages']} pages); " + "; ".join(f"{q!r} {fmt_b(v['bytes'])}" for q, v in r["queries"].items()), flush=True)
    index(site, [])  # leave the site as built
    print("\n| variant | Pagefind wall / CPU | Pagefind peak RSS | index | " + " | ".join(f"first query “{q}”" for q in queries) + " |")
    print("| --- | --- | --- | --- |" + " --- |" * len(queries))
    for r in results:
        cells = " | ".join(f"{fmt_b(r['queries'][q]['bytes'])} (index {fmt_b(r['queries'][q]['by_kind'].get('index', [0, 0])[1])})" for q in queries)
        print(f"| {r['name']} | {fmt_s(r['wall_s'])} / {fmt_s(r['cpu_s'])} | {fmt_b(r['maxrss_bytes'])} | {fmt_b(r['bytes'])} | {cells} |")
    (site.parent / "pagefind-variants.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
