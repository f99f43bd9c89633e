"""What progress records cost a build: the synthetic corpus with reports on a
share of its duties against the same corpus without any.

    python benchmarks/progress_overhead.py --plans 1000 --work /tmp/kehoach-progress

Generates the corpus with benchmarks/synth.py, reads it once to list every
body's duty (task and registered body, the ids of ``tasks.json``), and writes
``content/tien-do/*.yml`` -- one file per body, as ``kehoach progress
import`` writes them (generator/progress_write.py) -- with reports on every
other duty (``--share 0.5``): a mix of the four statuses, one to three
dated reports each (the latest gives the status), results, evidence such as
"Báo cáo số 15-BC/BTCTU ngày 15/3/2024" and the reasons "Không thực hiện"
needs.  Then it builds the site end to end (``kehoach build --full``: no
build cache, search index included) alternately without the records (moved
aside) and with them, ``--runs`` times each, and reports wall and CPU time
(the build and the processes it waits for: Pagefind) and their ratio.  The
target of issue 14: at most 10 % more time at 10,000 plans.  Results are
printed and appended as one JSON line to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import BUILD_DATE, PYTHON, run_measured  # noqa: E402
from benchmarks.synth import generate  # noqa: E402


def write_progress(project: Path, share: float, seed: int) -> dict:
    """``content/tien-do/*.yml`` for ``share`` of the duties; counts."""
    from generator.pipeline import build_corpus
    from generator.progress import duty_id
    from generator.progress_write import progress_path, render

    today = date.fromisoformat(BUILD_DATE)
    corpus, _ = build_corpus(project, project / "content", build_date=today)
    duties = sorted(
        ((duty_id(t, a.agency), t, a.agency) for t in corpus.tasks for a in t.assignees if a.agency in corpus.agencies),
        key=lambda d: d[0],
    )
    rng = random.Random(seed)
    chosen = [d for d in duties if rng.random() < share]
    by_body: dict[str, list[dict]] = {}
    reports = 0
    for key, task, agency in chosen:
        n = rng.choice((1, 1, 2, 3))
        start = today - timedelta(days=rng.randrange(60, 1500))
        entries = []
        for k in range(n):
            day = start + timedelta(days=k * rng.randrange(20, 200))
            status = rng.choice(("dang-thuc-hien", "hoan-thanh", "hoan-thanh", "chua-thuc-hien", "khong-thuc-hien")) if k == n - 1 else "dang-thuc-hien"
            report = {"date": min(day, today).isoformat(), "status": status}
            if status != "chua-thuc-hien":
                report["result"] = "Đã tổ chức quán triệt, xây dựng kế hoạch và báo cáo kết quả"
                report["evidence"] = f"Báo cáo số {rng.randrange(1, 300)}-BC/BTCTU ngày {day.day}/{day.month}/{day.year}"
            if status == "khong-thuc-hien":
                report["reason"] = "Trung ương đã điều chỉnh chủ trương"
            entries.append(report)
        reports += n
        by_body.setdefault(agency, []).append({"duty": key, "plan": task.plan, "agency": agency, "reports": entries})
    for agency, entries in by_body.items():
        path = progress_path(project / "content", agency)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(entries, corpus.agencies[agency].name), encoding="utf-8")
    return {"duties": len(duties), "with_progress": len(chosen), "reports": reports, "files": len(by_body)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kehoach-progress"))
    parser.add_argument("--share", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "progress-overhead.jsonl")
    args = parser.parse_args(argv)

    work = args.work / str(args.plans)
    if work.exists():
        shutil.rmtree(work)
    generate(args.plans, work, args.seed)
    project = work / "project"
    counts = write_progress(project, args.share, args.seed)
    print(f"{args.plans} plans: {counts['with_progress']:,} of {counts['duties']:,} duties with "
          f"{counts['reports']:,} reports in {counts['files']} files", flush=True)
    records, aside = project / "content" / "tien-do", work / "tien-do"
    cmd = [PYTHON, "-m", "generator.cli", "build", "-d", str(work / "site"), "--build-date", BUILD_DATE, "--full"]
    runs: dict[str, list[dict]] = {"without": [], "with": []}
    for n in range(args.runs):
        for name in ("without", "with"):
            if name == "without":
                shutil.move(records, aside)
            m = run_measured(cmd, cwd=project, log=work / f"build-{name}-{n}.log")
            if name == "without":
                shutil.move(aside, records)
            if m["rc"] != 0:
                print(f"build {name} failed: see {work}/build-{name}-{n}.log", file=sys.stderr)
                return 1
            runs[name].append(m)
            print(f"  {name:7} run {n + 1}: {m['wall_s']:.1f} s wall, {m['cpu_s']:.1f} s CPU, load {m['load_mean']:.1f}", flush=True)
    median = {name: {k: statistics.median(r[k] for r in rs) for k in ("wall_s", "cpu_s")} for name, rs in runs.items()}
    ratio = {k: median["with"][k] / median["without"][k] for k in ("wall_s", "cpu_s")}
    print(f"with progress / without: wall {ratio['wall_s']:.3f}, CPU {ratio['cpu_s']:.3f} (target <= 1.10)")
    result = {"plans": args.plans, **counts, "runs": runs, "median": median, "ratio": ratio, "nproc": os.cpu_count()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
