"""data/tasks.json: one record per line, keys sorted, and valid JSON, with
the day its states are computed for."""

from __future__ import annotations

import json
from datetime import date

from generator.exports import task_records, tasks_json
from tests.unit.test_exports import corpus


def test_one_record_per_line_with_sorted_keys(tmp_path):
    c = corpus(tmp_path)
    text = tasks_json(c)
    lines = text.splitlines()
    records = task_records(c)
    assert lines[0] == '{"as_of": "2026-11-23", "tasks": [' and lines[-1] == "]}" and text.endswith("]}\n")
    assert len(lines) == len(records) + 2
    for line, record in zip(lines[1:-1], records):
        assert json.loads(line.removesuffix(",")) == record
        assert line.removesuffix(",") == json.dumps(record, ensure_ascii=False, sort_keys=True)
    assert json.loads(text) == {"as_of": "2026-11-23", "tasks": records}
    assert "Tổ chức" in text  # UTF-8, not \\u escapes


def test_no_duties_is_an_empty_list(tmp_path):
    class Empty:
        tasks = ()
        agencies = {}

        def today(self):
            return date(2026, 11, 23)

    assert json.loads(tasks_json(Empty())) == {"as_of": "2026-11-23", "tasks": []}
