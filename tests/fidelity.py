"""Fidelity of the curated plans to the seeds they were made from.

A seed is cut into sentences (line breaks joined); each sentence, compared
after normalisation, must appear in the text it is checked against: the raw
content file (``python -m tests.fidelity``, for curators) or the rendered plan
page (``tests/e2e/test_fidelity.py``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.text import normalize  # noqa: E402

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"  # copies of ../shared/seeds, kept in the repository

# Seeds and the content files curated from them.
SEED_FILES = {
    "000_35026e5ea7ed4fe0.txt": "binh-dinh-kh-thuc-hien-21-nq-tw.md",
    "001_a8459892ed64a80b.txt": "binh-phuoc-kh-thuc-hien-38-kl-tw.md",
    "002_0bb5d7836b360056.txt": "di-linh-90-kh-hu.md",
    "004_366d80ce46f44ef5.txt": "dang-uy-khoi-lam-dong-kh-thuc-hien-42-ctr-tu.md",
}

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"


def canonical(text: str) -> str:
    """Text reduced to what fidelity is judged on: normalised letters, digits
    and punctuation, single spaces, no Markdown emphasis, dashes or bullets."""
    text = normalize(text)
    text = re.sub(r"\[\^[^\]]+\](?!:)", "", text)  # footnote marks sit on the word
    text = re.sub(r"\[\^[^\]]+\]:", " ", text)  # footnote definitions
    text = text.translate({ord(c): None for c in _SUPERSCRIPTS + "*_#`\\"})
    text = re.sub(r"[-–—‐+•]", " ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip()


def seed_sentences(seed_text: str) -> list[str]:
    """Sentences of a seed: lines joined, cut after . ; : ? ! and kept when they
    hold at least one letter."""
    joined = canonical(seed_text)
    parts = re.split(r"(?<=[.;:?!])\s+", joined)
    return [p for p in (s.strip() for s in parts) if re.search(r"\w", p)]


def content_text(md: str) -> str:
    """Every string of a content file, front matter included, in order."""
    body = re.sub(r"^\s*[-*+]\s+", "", md, flags=re.M)  # bullet markers
    body = re.sub(r"^\s*#+\s*", "", body, flags=re.M)  # heading markers
    body = re.sub(r"^\s*\w+:\s*", " ", body, flags=re.M)  # yaml keys
    body = re.sub(r"\{:[^}]*\}", " ", body)
    body = body.replace('"', " ").replace("'", " ")
    return canonical(body)


def missing_sentences(seed_text: str, target_text: str) -> list[str]:
    haystack = canonical(target_text).replace('"', " ").replace("'", " ")
    haystack = re.sub(r"\s+", " ", haystack)
    out = []
    for sentence in seed_sentences(seed_text):
        needle = re.sub(r"\s+", " ", sentence.replace('"', " ").replace("'", " ")).strip()
        if needle not in haystack:
            out.append(sentence)
    return out


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    names = argv or list(SEED_FILES)
    failures = 0
    for seed_name in names:
        seed = (SEEDS / seed_name).read_text(encoding="utf-8")
        content_path = root / "content" / SEED_FILES[seed_name]
        if not content_path.exists():
            print(f"{content_path}: missing")
            failures += 1
            continue
        missing = missing_sentences(seed, content_text(content_path.read_text(encoding="utf-8")))
        total = len(seed_sentences(seed))
        print(f"{seed_name} -> {content_path.name}: {total - len(missing)}/{total} sentences found")
        for sentence in missing:
            print("   MISSING:", sentence[:300])
        failures += len(missing)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
