"""Data exports at stable paths: data/tasks.json and data/tasks.csv.

One record per (duty, body).  The CSV is UTF-8 with a BOM so that Excel shows
Vietnamese correctly.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Iterator

from .links import html_path, plan_md
from .model import Corpus

FIELDS = ["plan", "agency", "agency_name", "role", "text", "deadline_phrase", "deadline_kind", "due", "start", "url", "source_file", "source_line", "reviewed"]


def task_records(corpus: Corpus) -> list[dict]:
    return list(iter_task_records(corpus))


def iter_task_records(corpus: Corpus) -> Iterator[dict]:
    for task in corpus.tasks:
        for assignment in task.assignees:
            agency = corpus.agencies.get(assignment.agency)
            d = task.deadline
            yield (
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
                    "reviewed": not corpus.unreviewed(task, assignment.agency),
                }
            )


def tasks_json(corpus: Corpus) -> str:
    return "".join(tasks_json_pieces(corpus))


def tasks_json_pieces(corpus: Corpus) -> Iterator[str]:
    """``{"tasks": [...]}`` with one record per line, keys sorted: readable,
    a changed duty is a changed line, and json's C encoder writes it (with
    ``indent`` json falls back to its pure-Python encoder, 3x slower).
    Yielded a line at a time: the file is never whole in memory."""
    return json_lines("tasks", iter_task_records(corpus))


def json_lines(key: str | None, records: Iterable) -> Iterator[str]:
    """A JSON array (in an object under ``key``, if given) of one record per line."""
    yield ('{"%s": [' % key) if key else "["
    first = True
    for record in records:
        yield ("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False, sort_keys=True)
        first = False
    yield ("" if first else "\n") + ("]}\n" if key else "]\n")


def tasks_csv(corpus: Corpus) -> bytes:
    return b"".join(tasks_csv_pieces(corpus))


def tasks_csv_pieces(corpus: Corpus, rows_per_piece: int = 2000) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    yield "\ufeff".encode()
    for n, r in enumerate(iter_task_records(corpus), 1):
        d = r["deadline"]
        writer.writerow([r["plan"], r["agency"], r["agency_name"], r["role"], r["text"], d["phrase"], d["kind"], d["due"] or "", d["start"] or "", r["url"], r["source"]["file"], r["source"]["line"], "yes" if r["reviewed"] else "no"])
        if n % rows_per_piece == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
