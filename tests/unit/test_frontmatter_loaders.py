"""Front matter read with libyaml gives what the pure-Python parser gives.

yaml_lines.py reads YAML with libyaml's parser when PyYAML has it and falls
back to the pure-Python one to word an error (or when libyaml is absent, or
for text the two parsers read differently: tabs).  Data, line numbers and
every message must not depend on which parser read the text."""

from __future__ import annotations

import functools
import random

import pytest
import yaml

from generator import frontmatter as fm
from generator import yaml_lines as yl
from generator.diagnostics import Report
from tests.unit.test_frontmatter import CASES, GOOD, diagnostics_for

def needs_libyaml(test):
    """PyYAML's wheels carry libyaml; without it every build reads YAML ten
    times slower: a failure to see, not a skip."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        assert yl._CLoader is not None, "PyYAML was installed without libyaml: pip install --force-reinstall PyYAML (a wheel)"
        return test(*args, **kwargs)

    return run


def _read(text: str, pure: bool, monkeypatch) -> tuple:
    with monkeypatch.context() as m:
        if pure:
            m.setattr(yl, "_CLoader", None)
        report = Report()
        data, lines = fm.parse_front_matter(text, "f.md", 2, report)
        return repr(data), sorted(lines.items(), key=repr), [str(d) for d in report.sorted()]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_front_matter_without_libyaml(tmp_path, monkeypatch, name, text, expected):
    monkeypatch.setattr(yl, "_CLoader", None)
    assert diagnostics_for(tmp_path, text) == expected


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        # libyaml reads a tab inside a plain value as text; PyYAML stops at it
        "id: a\ntitle: Về\tcông tác\n",
        "id: a\nrecipients:\n  -\tA\n",
        # a '- ' item indented deeper joins the item above (plain style: None / "")
        "recipients:\n  - Ban Bí thư,\n    - Lưu Văn phòng.\n",
        'recipients:\n  - "Ban Bí thư,"\n    - Lưu Văn phòng.\n',
        "id: a\nid: b\n",
        "date: 2023-02-30\nbases:\n  - document: 1-KH/TU\n    date: 2023-01-01\n",
        "title: 'a\n  b'\nnote: |\n  x\n   - y\n",
    ],
)
def test_both_parsers_agree(monkeypatch, text):
    assert _read(text, False, monkeypatch) == _read(text, True, monkeypatch)


_PIECES = [
    "\t", " ", "  ", "- ", "-", ":", ": ", "#", '"', "'", "\\", "\\x41", "\\/", "\\N", "\n", "\r\n", "\u2028", "\x85",
    "\ufeff", "\xa0", "&a ", "*a", "!t ", "%", "@", "`", "|", ">-", "[", "]", "{", "}", ",", "? ", "---", "...",
    "2022-01-01", "0x1F", "~", "yes", "<<: ", "\x00", "\x7f", "\n  ", "\n    - ", "\nkey: ", "a: b: c", "Đ",
]


@needs_libyaml
def test_both_parsers_agree_on_damaged_front_matter(monkeypatch):
    seed = GOOD.split("---\n")[1]
    rng = random.Random(5712)
    for _ in range(300):
        text = seed
        for _ in range(rng.randint(1, 3)):
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(_PIECES) + text[at:] if rng.random() < 0.7 else text[:at] + text[at + rng.randint(1, 4) :]
        assert _read(text, False, monkeypatch) == _read(text, True, monkeypatch), text


@needs_libyaml
def test_libyaml_reads_plain_text(monkeypatch):
    """The fast path is taken: the C parser is asked first."""
    calls = []
    real = yl._load_with
    monkeypatch.setattr(yl, "_load_with", lambda cls, text: calls.append(cls) or real(cls, text))
    fm.parse_front_matter("id: a\n", "f.md", 2, Report())
    assert calls == [yl._CLoader]
    assert issubclass(yl._CLoader, yaml.CSafeLoader)
