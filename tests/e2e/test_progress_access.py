"""Access levels apply to progress: the record of a duty in a `mat` plan never
reaches a lower-audience build (no page, export, calendar, search index or
dashboard says anything of it), and neither the build nor `kehoach check`
calls it orphaned.  A real build with the CLI, MkDocs and Pagefind, every file
of the site searched (compressed ones decompressed)."""

from __future__ import annotations

import json

from generator.pipeline import build_corpus
from generator.progress import duty_id
from tests.conftest import run_kehoach
from tests.e2e.test_hardening import HOSTILE_PLAN, PAYLOAD, _decoded, _tree, make_project

SECRET_RESULT = "KETQUAMATQZV đã xong"
SECRET_EVIDENCE = "Báo cáo số 99-BC/MATQZV ngày 01/3/2024"
INNER_RESULT = "KETQUANOIBOQZV đã xong"
ORPHAN = "NV-00000000"


def _project(tmp_path):
    project = make_project(tmp_path)
    secret = HOSTILE_PLAN.replace(PAYLOAD, "").replace("id: doc-hai", "id: ke-hoach-mat-tien-do")
    secret = secret.replace("number: '99-KH/TU'", "number: '66-KH/TU'\naccess: mat").replace("Tiêu đề ", "Tiêu đề MAUMATQZV ")
    (project / "content" / "ke-hoach-mat-tien-do.md").write_text(secret, encoding="utf-8")
    # the duty ids, as a clerk copies them from the pages of a build that shows everything
    corpus, _ = build_corpus(project, project / "content", audience="mat")
    secret_task = next(t for t in corpus.tasks if t.plan == "ke-hoach-mat-tien-do")
    inner_task = next(t for t in corpus.tasks if corpus.plan(t.plan).access != "mat" and t.deadline.due)
    ids = {"secret": duty_id(secret_task, secret_task.assignees[0].agency), "inner": duty_id(inner_task, inner_task.assignees[0].agency)}
    (project / "content" / "tien-do").mkdir()
    (project / "content" / "tien-do" / "bao-cao.yml").write_text(
        f"""\
progress:
  - duty: {ids["secret"]}
    plan: ke-hoach-mat-tien-do
    reports:
      - date: 2024-03-01
        status: hoan-thanh
        result: "{SECRET_RESULT}"
        evidence: "{SECRET_EVIDENCE}"
  - duty: {ids["inner"]}
    reports:
      - date: {inner_task.deadline.due.isoformat()}
        status: hoan-thanh
        result: "{INNER_RESULT}"
        evidence: "Báo cáo số 12-BC/NOIBOQZV"
  - duty: {ORPHAN}
    reports:
      - date: 2024-03-01
        status: dang-thuc-hien
""",
        encoding="utf-8",
    )
    return project, ids


def test_a_secret_plans_progress_never_reaches_a_lower_audience(tmp_path):
    project, ids = _project(tmp_path)
    out = tmp_path / "site"
    result = run_kehoach("build", "-f", str(project / "mkdocs.yml"), "--site-dir", str(out), "--audience", "noi-bo", "--build-date", "2026-11-23")
    assert result.returncode == 0, result.stderr
    tree = _tree(out)
    assert any(name.startswith("pagefind/") for name in tree) and "data/tasks.json" in tree and "data/lich/tat-ca.ics" in tree
    for marker in (ids["secret"], SECRET_RESULT.split()[0], "99-BC/MATQZV", "MAUMATQZV", "ke-hoach-mat-tien-do"):
        hits = [name for name, data in tree.items() if marker.encode() in _decoded(data)]
        assert hits == [], f"{marker} leaked into {hits}"
    # the same greps find the record of a plan this audience sees (so they would find a leak):
    # in the exports and the calendar
    for name in ("data/tasks.json", "data/tasks.csv", "data/lich/tat-ca.ics"):
        assert INNER_RESULT.split()[0].encode() in tree[name], name
    assert ids["inner"].encode() in tree["data/tasks.json"]
    records = json.loads(tree["data/tasks.json"])["tasks"]
    assert {r["id"]: r["state"]["code"] for r in records}[ids["inner"]] == "hoan-thanh-dung-han"
    # what the build reads at this audience: the secret record is left out without a word
    # (a message naming it would tell what that plan assigns); only the real orphan is one
    corpus, report = build_corpus(project, project / "content", audience="noi-bo")
    assert ids["secret"] not in corpus.progress and ids["inner"] in corpus.progress
    orphans = [str(d) for d in report.diagnostics if d.code == "tiến-độ-mồ-côi"]
    assert len(orphans) == 1 and ORPHAN in orphans[0]
    assert not [str(d) for d in report.diagnostics if ids["secret"] in str(d)]


def test_check_does_not_call_a_secret_plans_progress_orphaned(tmp_path):
    project, ids = _project(tmp_path)
    result = run_kehoach("check", "-f", str(project / "mkdocs.yml"))
    assert result.returncode == 0, result.stderr
    orphans = [line for line in result.stderr.splitlines() if "tiến-độ-mồ-côi" in line]
    assert len(orphans) == 1 and ORPHAN in orphans[0]
    assert ids["secret"] not in result.stderr
