"""The duties of the four seeds match the reviewed fixtures exactly, and every
block of a duty part is accounted for (a duty, or a reason in the report)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator.pipeline import build_corpus_with_report
from tests.conftest import ROOT

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "duties").glob("*.yml"))


@pytest.fixture(scope="module")
def built():
    corpus, report, unplaced = build_corpus_with_report(ROOT, ROOT / "content")
    return corpus, report, unplaced


def _strip_label(text: str) -> str:
    # the fixture's text_start leaves out the item number and a "Body:" label
    text = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.)\s*", "", text)
    return text


def records(corpus, plan_id):
    out = []
    for task in corpus.tasks:
        if task.plan != plan_id:
            continue
        for a in task.assignees:
            out.append((task.anchor, a.agency, a.role, _strip_label(task.text), task.deadline.phrase or None, task.via))
    return out


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_duties_match_the_reviewed_fixture(fixture, built):
    corpus, _, unplaced = built
    data = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    got = records(corpus, data["plan"])
    expected = data["duties"]
    assert len(got) == len(expected)
    for (anchor, agency, role, text, deadline, via), want in zip(got, expected):
        assert (anchor, agency, role, deadline, via) == (want["anchor"], want["agency"], want["role"], want["deadline"], want["via"])
        label_free = re.sub(r"^[^:]{0,120}?:\s*(?=\S)", "", text) if not text.startswith(want["text_start"]) else text
        assert label_free.startswith(want["text_start"]), (anchor, text[:80], want["text_start"])
    assert sorted(u.anchor for u in unplaced if u.plan == data["plan"]) == sorted(n["anchor"] for n in data.get("no_duty") or [])


def test_conservation_every_duty_part_block_is_placed_or_reported(built):
    corpus, _, unplaced = built
    from generator.duties import DUTY_PART

    placed = {(t.plan, t.anchor) for t in corpus.tasks}
    reported = {(u.plan, u.anchor) for u in unplaced}
    for plan in corpus.plans:
        for part in plan.body:
            if part.kind != "part" or not DUTY_PART.search(part.text):
                continue
            for node in part.walk():
                if node.kind in ("paragraph", "bullet") or (node.kind == "item" and not node.heading):
                    assert (plan.id, node.anchor) in placed | reported, (plan.id, node.anchor)


def test_seed_001_ban_to_chuc_gets_the_referenced_items(built):
    corpus, _, _ = built
    items = [
        (t.anchor.rsplit("-diem-", 1)[-1].replace("-", "."), t.deadline.phrase)
        for t in corpus.tasks
        if t.plan == "binh-phuoc-kh-thuc-hien-38-kl-tw" and t.via and any(a.agency == "binh-phuoc/ban-to-chuc" for a in t.assignees)
    ]
    assert items == [
        ("2.2", "thực hiện thường xuyên"),
        ("3.1", "thực hiện từ quý II năm 2019"),
        ("3.2", "thực hiện thường xuyên"),
        ("3.3", "thực hiện theo hướng dẫn của BTCTW, UBKTTW về tiêu chí, quy trình đưa đảng viên không còn đủ tư cách ra khỏi Đảng"),
        ("4.1", "Thực hiện thường xuyên"),
        ("4.2", "thực hiện theo lộ trình tại Quyết định số 999 – QĐ/TU, Kế hoạch số 158 – KH/TU của Tỉnh ủy"),
        ("5.1", "thực hiện thường xuyên"),
        ("5.2", "thực hiện thường xuyên"),
        ("5.3", "thực hiện thường xuyên"),
    ]


def test_seed_000_heading_7_narrowing(built):
    corpus, _, _ = built
    by_anchor = {}
    for t in corpus.tasks:
        if t.plan == "binh-dinh-kh-thuc-hien-21-nq-tw":
            by_anchor.setdefault(t.anchor, []).extend(a.agency.split("/")[1] for a in t.assignees)
    assert by_anchor["muc-iv-khoan-7-gach-1"] == ["dang-doan-mttq"]
    assert len(by_anchor["muc-iv-khoan-7-gach-2"]) == 5
    assert "dang-doan-mttq" not in by_anchor["muc-iv-khoan-7-gach-2"]
