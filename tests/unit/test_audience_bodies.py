"""A body whose only duties are in plans above the audience gets no page,
calendar or search filter: its page would tell what those plans assign.
A left-out plan's proposed bodies (content/de-xuat/<id>.yml) are not read."""

from __future__ import annotations

import shutil

from generator.pipeline import build_corpus_with_report, iter_site
from tests.conftest import ROOT

PLAN = """---
id: {id}
type: ke-hoach
number: "{number}-KH/HU"
date: 2023-01-10
organisation: lam-dong-di-linh
issuer: Ban Thường vụ Huyện ủy
title: "thử mức truy cập"
access: {access}
signer: {{name: "Nguyễn Văn An", title: "BÍ THƯ", on_behalf: "T/M BAN THƯỜNG VỤ"}}
recipients: ["Lưu VPHU."]
---

## I. NHIỆM VỤ CỤ THỂ

### 1. {body}

- Rà soát đảng viên (quý I/2023).
"""


def test_a_body_named_only_in_a_secret_plan_has_no_page(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copyfile(ROOT / "content" / "agencies.yml", content / "agencies.yml")
    (content / "cong-khai.md").write_text(PLAN.format(id="cong-khai", number="1", access="cong-khai", body="Ban Tổ chức Huyện ủy"), encoding="utf-8")
    (content / "mat.md").write_text(PLAN.format(id="mat", number="2", access="mat", body="Ban Dân vận Huyện ủy"), encoding="utf-8")
    (content / "de-xuat").mkdir()
    (content / "de-xuat" / "mat.yml").write_text(
        "organisations: []\nbodies:\n  lam-dong-di-linh:\n    - id: ban-bi-mat\n      name: \"Ban Bí mật huyện\"\n      kind: body\n", encoding="utf-8")
    corpus, report, _ = build_corpus_with_report(tmp_path, content, audience="noi-bo")
    assert not report.errors, [str(d) for d in report.errors]
    assert "lam-dong-di-linh/ban-dan-van" not in corpus.agencies
    assert "lam-dong-di-linh/ban-bi-mat" not in corpus.agencies
    assert "lam-dong-di-linh/ban-to-chuc" in corpus.agencies
    pages = dict(iter_site(corpus))
    assert not any("lam-dong-di-linh/ban-dan-van" in path or "lam-dong-di-linh--ban-dan-van" in path for path in pages)
    assert not any("Ban Dân vận Huyện ủy" in text for text in pages.values() if isinstance(text, str))
    # read at the highest level, the body is there
    everything, _, _ = build_corpus_with_report(tmp_path, content, audience="mat")
    assert "lam-dong-di-linh/ban-dan-van" in everything.agencies and "lam-dong-di-linh/ban-bi-mat" in everything.agencies
