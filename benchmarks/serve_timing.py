"""Time `kehoach serve` on a large project: the first build, then the time
from saving an edit of one plan to the served page showing it (twice).

    python benchmarks/synth.py --plans 1000 --out /tmp/p1k
    cp mkdocs.yml /tmp/p1k/project/    # and pages/, overrides/ if changed since
    python benchmarks/serve_timing.py /tmp/p1k/project [--full]

The edited plan is restored at the end; serve's log goes to /tmp/serve-*.log.
"""
import os, socket, subprocess, sys, time, urllib.request
from pathlib import Path
project = Path(sys.argv[1]); full = "--full" in sys.argv
plan = sorted((project / "content").glob("*.md"))[len(list((project / "content").glob("*.md"))) // 2]
original = plan.read_text(encoding="utf-8")
with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
url = f"http://127.0.0.1:{port}/ke-hoach/{plan.stem}.html"
env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEHOACH_BUILD_DATE": "2026-11-23"}
cmd = [sys.executable, "-m", "generator.cli", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"] + (["--full"] if full else [])
log = open(f"/tmp/serve-{'full' if full else 'dirty'}.log", "w")
t0 = time.monotonic()
p = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=log)
def get():
    with urllib.request.urlopen(url, timeout=600) as r:
        return r.read().decode()
try:
    while True:
        try:
            get(); break
        except OSError:
            time.sleep(0.5)
    print(f"{'full' if full else 'dirty'}: first build served after {time.monotonic() - t0:.1f} s", flush=True)
    for n in range(2):
        words = f"Câu thử số {n} để đo thời gian xem trước"
        text = plan.read_text(encoding="utf-8")
        i = text.index("\n## ")
        j = text.index("\n\n", i + 4) + 2
        plan.write_text(text[:j] + words + ".\n\n" + text[j:], encoding="utf-8")
        t1 = time.monotonic()
        while words not in get():
            time.sleep(0.2)
        print(f"  edit {n + 1}: shown after {time.monotonic() - t1:.1f} s", flush=True)
        time.sleep(3)
finally:
    plan.write_text(original, encoding="utf-8")
    p.terminate(); p.wait(30)
