"""Data exports at stable paths: data/tasks.json and data/tasks.csv.

One record per (duty, body).  The CSV is UTF-8 with a BOM so that Excel shows
Vietnamese correctly.
"""

from __future__ import annotations

import csv
import io
import json

from .links import html_path, plan_md
from .model import Corpus

FIELDS = ["plan", "agency", "agency_name", "role", "text", "deadline_phrase", "deadline_kind", "due", "start", "url", "source_file", "source_line"]


def task_records(corpus: Corpus) -> list[dict]:
    records = []
    for task in corpus.tasks:
        for assignment in task.assignees:
            agency = corpus.agencies.get(assignment.agency)
            d = task.deadline
            records.append(
                {
                    "plan": task.plan,
                    "agency": assignment.agency,
                    "agency_name": agency.name if agency else assignment.agency,
                    "role": assignment.role,
                    "text": task.text,
                    "context": task.context,
                    "deadline": {
                        "phrase": d.phrase,
                        "kind": d.kind,
                        "due": d.due.isoformat() if d.due else None,
                        "start": d.start.isoformat() if d.start else None,
                        "recurrence": d.recurrence,
                        "condition": d.condition,
                    },
                    "url": html_path(plan_md(task.plan)) + "#" + task.anchor,
                    "via": (html_path(plan_md(task.plan)) + "#" + task.via) if task.via else None,
                    "source": {"file": task.source.file, "line": task.source.line},
                }
            )
    return records


def tasks_json(corpus: Corpus) -> str:
    """``{"tasks": [...]}`` with one record per line, keys sorted: readable,
    a changed duty is a changed line, and json's C encoder writes it (with
    ``indent`` json falls back to its pure-Python encoder, 3x slower)."""
    lines = ",\n".join(json.dumps(record, ensure_ascii=False, sort_keys=True) for record in task_records(corpus))
    return '{"tasks": [\n' + lines + "\n]}\n" if lines else '{"tasks": []}\n'


def tasks_csv(corpus: Corpus) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for r in task_records(corpus):
        d = r["deadline"]
        writer.writerow([r["plan"], r["agency"], r["agency_name"], r["role"], r["text"], d["phrase"], d["kind"], d["due"] or "", d["start"] or "", r["url"], r["source"]["file"], r["source"]["line"]])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
