"""The hold-out plans (tests/fixtures/import/holdout): written from the
format conventions without reading the importer, and checked by hand.  The
importer was not fitted to them; these floors keep what it reaches there
from slipping (the issue's targets, on real plans: F1 0.85, role 0.95,
deadline 0.90, metadata 0.90)."""

from __future__ import annotations

import pytest

from tests.importkit.evaluate import HOLDOUT, cases, evaluate

FLOORS = {"f1": 0.90, "role": 0.95, "deadline": 0.90, "organisation": 0.90}


@pytest.fixture(scope="module", params=["txt", "portal", "docx", "pdf"])
def figures(request, tmp_path_factory):
    return evaluate(cases(folder=HOLDOUT), request.param, tmp_path_factory.mktemp(request.param))


def test_the_hold_out_plans_import(figures):
    print(figures.table())
    got = {name: getattr(figures, name) for name in FLOORS}
    assert all(got[name] >= floor for name, floor in FLOORS.items()), (got, figures.misses())
    assert figures.unrelated == [], figures.misses()
    # number and date of every plan; the issuer as the clerk writes it in 8 of 10
    assert figures.field("number") == 1.0 and figures.field("date") == 1.0, figures.misses()
    assert figures.field("issuer") >= 0.8, figures.misses()
