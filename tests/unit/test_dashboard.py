"""The dashboard's figures, the compact data the browser counts again from,
and the lists behind the numbers (generator/dashboard.py)."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta

import pytest

from generator.dashboard import (
    COMPLETED, OPEN, WINDOW, browser_data, dashboard, figures, follow_duties, follow_list, matches, recent,
)
from generator.followup_links import FOLLOW_PLANS, followup_md
from generator.pipeline import build_corpus, emit_site
from generator.progress import duty_state, record_of
from tests.conftest import ROOT

BUILD = date(2023, 3, 10)


def _progress(keys) -> str:
    late, soon, plain = keys
    return f"""progress:
  - duty: {late}
    reports:
      - {{date: 2022-12-01, status: dang-thuc-hien}}
      - {{date: 2023-03-01, status: hoan-thanh, evidence: "Báo cáo số 15-BC/BTGTU"}}
  - duty: {soon}
    reports:
      - {{date: 2023-02-15, status: dang-thuc-hien}}
  - duty: {plain}
    reports:
      - {{date: 2023-02-20, status: Hoàn thành}}
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = tmp_path_factory.mktemp("dash")
    shutil.copytree(ROOT / "content", root / "content")
    corpus, _ = build_corpus(root, root / "content", build_date=BUILD)
    duties = follow_duties(corpus)
    late = next(d for d in duties if d.task.deadline.due == date(2022, 10, 31))
    soon = next(d for d in duties if d.task.deadline.due == date(2023, 3, 31))
    plain = next(d for d in duties if d.task.deadline.kind == "none" and d.task.plan == late.task.plan)
    (root / "content" / "tien-do").mkdir()
    (root / "content" / "tien-do" / "t.yml").write_text(_progress((late.key, soon.key, plain.key)), encoding="utf-8")
    return root, (late.key, soon.key, plain.key)


def corpus_on(content, day: date):
    root, _ = content
    corpus, report = build_corpus(root, root / "content", build_date=day)
    assert not report.errors
    return corpus


def test_figures_on_the_build_date(content):
    corpus = corpus_on(content, BUILD)
    fig = figures(follow_duties(corpus), BUILD)
    assert (fig.total, fig.done, fig.overdue, fig.soon, fig.recent) == (142, 2, 2, 2, 2)
    assert fig.rate == "1 %"


def test_figures_agree_with_each_duty_state(content):
    for day in (BUILD, date(2023, 4, 5), date(2022, 10, 15)):
        corpus = corpus_on(content, day)
        pairs = [(t, a.agency) for t in corpus.tasks for a in t.assignees if a.agency in corpus.agencies]
        states = [duty_state(t.deadline, record_of(corpus, t, a), day) for t, a in pairs]
        fig = figures(follow_duties(corpus), day)
        assert fig.total == len(pairs)
        assert fig.overdue == sum(s.code == "qua-han" for s in states)
        assert fig.soon == sum(s.code == "sap-den-han" for s in states)
        assert fig.done == sum(s.completed for s in states)
        assert fig.recent == sum(s.completed and 0 <= (day - s.report.date).days <= 30 for s in states)


def _js_count(data: dict[str, str], t: int) -> tuple[int, int, int]:
    """What dashboard.js does with the compact data, for day offset t."""
    def pairs(text):
        for p in text.split():
            k, _, n = p.partition(":")
            yield int(k), int(n or 1)
    overdue = int(data["data-open-before"]) + sum(n for k, n in pairs(data["data-open"]) if k < t)
    soon = sum(n for k, n in pairs(data["data-open"]) if t <= k <= t + 30)
    done = sum(n for k, n in pairs(data["data-done-at"]) if t - 30 <= k <= t)
    return overdue, soon, done


@pytest.mark.parametrize("offset", [0, 1, 21, 26, 60, -30, -200, 365, -365])
def test_the_browser_counts_the_same_from_the_compact_data(content, offset):
    build = corpus_on(content, BUILD)
    data = browser_data(follow_duties(build), BUILD)
    day = BUILD + timedelta(days=offset)
    fig = figures(follow_duties(corpus_on(content, day)), day)
    assert _js_count(data, offset) == (fig.overdue, fig.soon, fig.recent)
    assert (int(data["data-total"]), int(data["data-done"])) == (fig.total, fig.done)


def test_the_compact_data_is_small_and_windowed(content):
    corpus = corpus_on(content, BUILD)
    data = browser_data(follow_duties(corpus), BUILD)
    assert data["data-open"] == "-130:2 21:2"  # the third due 31/10/2022 is completed
    assert data["data-done-at"] == "-18 -9"
    # a due date far in the past is counted once, not by its day
    far = browser_data(follow_duties(corpus), BUILD + timedelta(days=WINDOW + 200))
    assert far["data-open-before"] == "4" and far["data-open"] == ""


def test_follow_order_keeps_each_figure_together(content):
    corpus = corpus_on(content, BUILD)
    duties = follow_duties(corpus)
    groups = [d.group for d in duties]
    assert groups == sorted(groups)
    opened = [d.when for d in duties if d.group == OPEN]
    assert opened == sorted(opened)
    done = [d.when for d in duties if d.group == COMPLETED]
    assert done == sorted(done, reverse=True)
    for day in (BUILD, date(2023, 4, 5)):
        for code in ("qua-han", "sap-den-han", "moi-hoan-thanh"):
            hits = [i for i, d in enumerate(duties) if matches(d, code, day)]
            assert hits == list(range(hits[0], hits[0] + len(hits))) if hits else True, code


def test_a_figure_links_to_the_page_that_holds_its_first_duty(content):
    corpus = corpus_on(content, BUILD)
    duties = follow_duties(corpus)
    listed = follow_list(followup_md(), duties, BUILD, page_rows=2)
    assert listed.paths[:3] == ("theo-doi/tat-ca.md", "theo-doi/tat-ca/trang-2.md", "theo-doi/tat-ca/trang-3.md")
    assert len(listed.paths) == 71
    for code in ("qua-han", "sap-den-han", "moi-hoan-thanh", "da-hoan-thanh"):
        page = listed.first_page[code]
        assert any(matches(d, code, BUILD) for d in listed.pages[page])
        assert not any(matches(d, code, BUILD) for chunk in listed.pages[:page] for d in chunk)
    assert listed.first_page["qua-han"] == 0 and listed.first_page["sap-den-han"] == 1


def test_dashboard_numbers_link_to_their_lists(content):
    corpus = corpus_on(content, BUILD)
    board = dashboard(corpus)
    html = board.html
    cards = dict(re.findall(r'<li class="kh-card kh-card-([a-z-]+)"><a href="([^"]+)"', html))
    assert cards == {
        "qua-han": "theo-doi/tat-ca.html?trang-thai=qua-han",
        "sap-den-han": "theo-doi/tat-ca.html?trang-thai=sap-den-han",
        "moi-hoan-thanh": "theo-doi/tat-ca.html?trang-thai=moi-hoan-thanh",
        "rate": "theo-doi/tat-ca.html?trang-thai=da-hoan-thanh",
    }
    assert 'href="theo-doi/binh-dinh.html?trang-thai=qua-han"' in html
    assert 'href="bao-cao/ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html?trang-thai=moi-hoan-thanh"' in html
    assert sorted(board.pages) == sorted(followup_md(o) for o in (None, "binh-dinh", "binh-phuoc", "lam-dong-di-linh", "lam-dong-khoi-cqt"))
    listed = board.pages["theo-doi/binh-dinh.md"]
    assert listed.count('<tr class="kh-duty"') == 40
    assert 'data-filter="follow" data-param="trang-thai"' in listed
    late, _, plain = content[1]
    row = re.search(rf'<tr class="kh-duty"[^>]*data-id="{late}"[^>]*>', listed).group(0)
    assert 'data-follow="hoan-thanh-tre-han da-hoan-thanh moi-hoan-thanh"' in row and 'data-reported="2023-03-01"' in row


def test_a_large_corpus_keeps_the_home_page_small(content):
    corpus = corpus_on(content, BUILD)
    board = dashboard(corpus, page_rows=2)
    # past page_rows plans the home page shows the most overdue, the rest on theo-doi/van-ban
    assert board.html.count("<tr data-kh-figures") == 4 + 1  # organisations + the plan with overdue duties
    assert f'href="{FOLLOW_PLANS[:-3]}.html"' in board.html
    assert "theo-doi/van-ban/trang-2.md" in board.pages
    assert "?trang-thai=sap-den-han" in board.html and 'href="theo-doi/tat-ca/trang-2.html?trang-thai=sap-den-han"' in board.html


def test_recent_means_the_last_30_days(content):
    corpus = corpus_on(content, BUILD)
    done = [d for d in follow_duties(corpus) if d.group == COMPLETED]
    assert [recent(d, date(2023, 3, 31)) for d in done] == [True, False]  # 30 and 39 days
    assert [recent(d, date(2023, 2, 28)) for d in done] == [False, True]  # a report after the day is not yet


def test_pages_are_byte_identical_between_builds(content):
    one = emit_site(corpus_on(content, BUILD))
    two = emit_site(corpus_on(content, BUILD))
    mine = [p for p in one if p.startswith(("theo-doi/", "bao-cao/")) or p == "index.md"]
    assert len(mine) > 20
    assert all(one[p] == two[p] for p in mine)
