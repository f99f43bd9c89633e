"""The one vocabulary of document types and the tables derived from it."""

from __future__ import annotations

import re

from generator import labels, vocabulary
from generator.citations import _PARTY_TYPES, _STATE_TYPES, find_citations
from generator.documents import TYPES
from generator.frontmatter import plan_schema
from generator.importer.text import DOC_HEADING
from generator.text import slugify


def test_plan_types_are_the_schema_enum():
    assert [t.slug for t in vocabulary.DOC_TYPES if t.plan] == plan_schema()["properties"]["type"]["enum"]


def test_slugs_are_the_names_slugified_and_unique():
    assert len(vocabulary.BY_SLUG) == len(vocabulary.DOC_TYPES)
    for t in vocabulary.DOC_TYPES:
        assert t.slug == slugify(t.name)


def test_every_code_the_number_patterns_read_has_a_type():
    for code in set(_PARTY_TYPES) | set(_STATE_TYPES):
        assert vocabulary.slug_of_code(code), code


def test_a_code_names_its_first_type():
    assert vocabulary.slug_of_code("CTr") == "chuong-trinh"
    assert vocabulary.slug_of_code("QĐi") == "quy-dinh"
    assert vocabulary.slug_of_code("QĐ") == "quyet-dinh"
    assert vocabulary.slug_of_code("XX") is None


def test_headings_and_codes_become_plan_types_on_import():
    plan_types = {t.slug for t in vocabulary.DOC_TYPES if t.plan}
    assert set(vocabulary.HEADINGS.values()) <= plan_types
    assert set(vocabulary.CODE_PLAN_TYPES.values()) <= plan_types
    assert vocabulary.HEADINGS["CHƯƠNG TRÌNH"] == "chuong-trinh-hanh-dong"
    assert vocabulary.CODE_PLAN_TYPES["CTr"] == "chuong-trinh-hanh-dong"


def test_every_heading_is_read_as_a_heading_and_the_longest_wins():
    for heading in vocabulary.HEADINGS:
        assert DOC_HEADING.match(heading + " về công tác cán bộ")
    assert DOC_HEADING.match("CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện").group() == "CHƯƠNG TRÌNH HÀNH ĐỘNG"
    assert not DOC_HEADING.match("KẾ HOẠCHX")


def test_words_before_a_number_give_the_type():
    for words, slug in vocabulary.WORDS.items():
        code = vocabulary.CODE_OF.get(slug)
        if not code:
            continue
        number = f"12-{code}/TW" if code in _PARTY_TYPES else f"12/2020/{code}-CP"
        (c,) = find_citations(f"thực hiện {words} số {number} ngày 1/2/2020")
        assert c.doc_type == slug, words


def test_names_shown():
    assert labels.doc_type("ke-hoach") == "Kế hoạch"
    assert labels.doc_type("chuong-trinh") == "Chương trình"
    assert labels.doc_type(None) == "Văn bản"
    assert labels.doc_type("la-lung") == "la-lung"
    assert set(TYPES) == set(vocabulary.BY_SLUG) and list(TYPES) == sorted(TYPES)
    assert all(re.fullmatch(r"[a-z-]+", t) for t in TYPES)
