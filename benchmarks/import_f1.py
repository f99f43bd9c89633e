"""``kehoach import`` measured on the fixture corpus: the figures of the import
issue (duties P/R/F1, role, deadline, metadata, organisation) per input
form and per case, as a table.

    .venv/bin/python benchmarks/import_f1.py                    # every form whose maker exists
    .venv/bin/python benchmarks/import_f1.py --form txt --show-misses
    .venv/bin/python benchmarks/import_f1.py --case quang-tri-thanh-nien --show-misses
    .venv/bin/python benchmarks/import_f1.py --seeds           # the four seeds against content/

A form whose maker (tests/importkit/portal.py, docx.py, pdf.py) does not
exist yet is skipped here, with a line saying so (the tests fail instead).
The seeds mode imports tests/fixtures/seeds/ in one batch and compares each
draft's duties with the curated plan of content/ (the comparison of
tests/unit/test_importer.py: (anchor, agency, role) and (agency, role, six
words) F1).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.importkit.evaluate import FORMS, HOLDOUT, ROOT, cases, evaluate, import_batch, maker_available, project  # noqa: E402


def miss_kinds(figures) -> Counter:
    """The misses of a form counted by kind, to show where the gaps are."""
    kinds: Counter = Counter()
    for c in figures.cases:
        if c.failure:
            kinds["plan not imported"] += 1
        kinds["duty missed"] += len(c.missed)
        kinds["duty extra"] += len(c.extra)
        kinds["role wrong"] += len(c.wrong_role)
        for w in c.wrong_deadline:
            kinds["deadline read as " + w.rsplit("đọc được ", 1)[-1].split()[0]] += 1
        for k, (ok, _, _) in c.metadata.items():
            if not ok:
                kinds[f"{k} wrong"] += 1
        if c.organisation != "right":
            kinds[f"organisation {c.organisation}"] += 1
    return Counter({k: v for k, v in kinds.items() if v})


def corpus_mode(forms: list[str], names: list[str] | None, show_misses: bool, folder: Path | None = None) -> None:
    selected = cases(names, folder)
    for form in forms:
        if not maker_available(form):
            print(f"form {form}: skipped, its maker is not written yet\n")
            continue
        with tempfile.TemporaryDirectory(prefix=f"kehoach-f1-{form}-") as tmp:
            figures = evaluate(selected, form, Path(tmp))
        print(figures.table())
        print("  most common misses: " + ", ".join(f"{k} {v}" for k, v in miss_kinds(figures).most_common(8)))
        if show_misses:
            print(figures.misses())
        print()


def seeds_mode() -> None:
    from generator.pipeline import build_corpus_with_report
    from tests.fidelity import SEED_FILES, SEEDS
    from tests.unit.test_importer import _f1, _records

    with tempfile.TemporaryDirectory(prefix="kehoach-f1-seeds-") as tmp:
        tmp = Path(tmp)
        content = project(tmp / "drafts")
        imported = import_batch([SEEDS / s for s in SEED_FILES], content)
        drafts, _, _ = build_corpus_with_report(tmp / "drafts", content)
        print(f"{'seed':28} {'(anchor, agency, role)':>26} {'(agency, role, 6 words)':>26}")
        for seed, curated in SEED_FILES.items():
            result = imported[SEEDS / seed]
            if isinstance(result, str):
                print(f"{seed:28} not imported: {result}")
                continue
            ref_content = project(tmp / f"curated-{seed}")
            (ref_content / curated).write_text((ROOT / "content" / curated).read_text(encoding="utf-8"), encoding="utf-8")
            reference, _, _ = build_corpus_with_report(ref_content.parent, ref_content)
            mine = SimpleNamespace(tasks=[t for t in drafts.tasks if t.plan == result.plan_id])
            p, r, f = _f1(_records(mine), _records(reference))
            tp, tr, tf = _f1(_records(mine, by_text=True), _records(reference, by_text=True))
            print(f"{seed:28} P {p:.2f} R {r:.2f} F1 {f:.2f}      P {tp:.2f} R {tr:.2f} F1 {tf:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--form", choices=[*FORMS, "word-pdf", "scan", "all"], default="all", help="input form (default: every form whose maker exists)")
    parser.add_argument("--case", action="append", help="a case of tests/fixtures/import/corpus (repeatable; default: all)")
    parser.add_argument("--show-misses", action="store_true", help="list what each case missed, added and got wrong")
    parser.add_argument("--seeds", action="store_true", help="the four seeds against the curated plans of content/")
    parser.add_argument("--holdout", action="store_true", help="the hold-out plans (tests/fixtures/import/holdout) instead of the corpus")
    args = parser.parse_args(argv)
    if args.seeds:
        seeds_mode()
        return 0
    try:
        corpus_mode(list(FORMS) if args.form == "all" else [args.form], args.case, args.show_misses, HOLDOUT if args.holdout else None)
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
