"""Property-based fuzzing of ``kehoach check`` and ``kehoach build``.

Hypothesis writes random front matter (valid fields with hostile values,
and raw YAML lines), random bodies (headings, numbered items, bullets,
duty mark-up, comments, links, images, footnotes) and random registries
(organisations with parents, bodies with names and aliases of every type),
and asserts what a clerk may rely on whatever they type:

- ``check`` and ``build`` exit 0, or exit 1 with at least one
  ``file:line: lỗi[...]`` message; every message line has that form; never
  a traceback;
- ``content/`` is byte-identical after both;
- a failed build leaves the previous site as it was; a good one publishes
  a site with its home page;
- each run finishes within a bound of time and the process within a bound
  of memory (generous bounds: they catch hangs and alias bombs, not slowness).

In the suite it runs a few examples; ``KEHOACH_FUZZ_EXAMPLES=5000`` (with
``--hypothesis-seed``) runs a long campaign.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import resource
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.conftest import ROOT

EXAMPLES = int(os.environ.get("KEHOACH_FUZZ_EXAMPLES", "0"))
TALLY = os.environ.get("KEHOACH_FUZZ_LOG")  # a file that gets one line per example run (long campaigns)
SECONDS_PER_RUN = 120  # a hang, not a slow run
MAX_RSS_KIB = 3 * 1024 * 1024  # 3 GiB: an alias bomb grew past 6 GiB

DIAGNOSTIC = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+): (?:lỗi|cảnh báo)\[[^\]]+\]: ")
NOTE = re.compile(r"^[^\n]+?:\d+: ghi chú: ")

# --- text --------------------------------------------------------------------------

_SPECIAL = list(":#-*&!|>'\"[]{}%@`?,\\\t\u00a0\u200b\ufeff\u202e\u0301") + ["<!--", "-->", "](", "![", "[^1]", "\n"]
_WORDS = [
    "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy", "Tỉnh ủy", "chủ trì", "phối hợp",
    "quý I/2024", "trước 31/3/2024", "thường xuyên", "12-KH/TU", "21-NQ/TW", "Kế hoạch", "thực hiện", "javascript:alert(1)",
    "http://example.com/p.gif", "//host/p.gif", "null", "true", "012", "1e3", "~", "yes", "---", "...", "*a", "&a",
]
text = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_SPECIAL), st.text(max_size=6)), max_size=8).map(" ".join)
scalar = st.one_of(text, st.integers(-10**6, 10**6), st.booleans(), st.none(), st.sampled_from(["2023-03-15", "2023-02-30", "20230315", "0000-01-01"]))
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["name", "title", "document", "date", "x"]), inner, max_size=3)), max_leaves=6)


def _yaml_value(v) -> str:
    """A value written as a clerk might: plain, quoted, flow."""
    if isinstance(v, str):
        return v if not v.startswith(" ") else f'"{v}"'
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(_yaml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_yaml_value(x)}" for k, x in v.items()) + "}"
    return str(v)


GOOD_FIELDS = {
    "id": "ke-hoach-mau",
    "type": "ke-hoach",
    "number": '"12-KH/TU"',
    "date": "2023-03-15",
    "organisation": "lam-dong",
    "issuer": "Ban Thường vụ Tỉnh ủy",
    "title": "Về tăng cường công tác kiểm tra",
    "signer": "{name: Nguyễn Văn A, title: BÍ THƯ}",
    "recipients": "[Lưu Văn phòng Tỉnh ủy.]",
}
FIELDS = [*GOOD_FIELDS, "access", "signer", "recipients", "bases", "supersedes", "reviewed", "editorial_notes", "x_field"]


@st.composite
def front_matter(draw) -> str:
    fields = dict(GOOD_FIELDS)
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=4)):
        fields[name] = _yaml_value(draw(value))
    lines = [f"{k}: {v}" for k, v in fields.items()]
    for _ in range(draw(st.integers(0, 2))):  # raw lines: indentation, stray marks
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["  ", "- ", "", "\t"])) + draw(text))
    return "\n".join(lines)


block = st.one_of(
    st.builds(lambda t: f"## I. {t}", text),
    st.builds(lambda t: f"### 1. {t}", text),
    st.builds(lambda t: f"1.{t}", text),
    st.builds(lambda t: f"- {t}", text),
    st.builds(lambda t, who: f"- {t} <!-- giao: {who}", text, st.sampled_from(_WORDS)),
    st.builds(lambda t, who: f"- {t} <!-- giao: {who} -->", text, st.sampled_from(_WORDS)),
    st.builds(lambda t: f"[^1]: {t}", text),
    st.builds(lambda t, u: f"{t} [x]({u}) ![y]({u}) [z][r]\n\n[r]: {u}", text, st.sampled_from(_WORDS)),
    st.just("***"),
    text,
)
body = st.lists(block, max_size=8).map("\n\n".join)


@st.composite
def registry(draw) -> str:
    org_ids = ["trung-uong", "lam-dong", "di-linh"]
    lines = ["organisations:"]
    for i, org in enumerate(org_ids):
        parent = draw(st.sampled_from([None, *org_ids, "khong-co"])) if i else None
        name = draw(st.one_of(st.just(f"Tổ chức {i}"), value))
        lines += [f"  - id: {org}", f"    name: {_yaml_value(name)}", "    level: province"]
        if parent:
            lines.append(f"    parent: {parent}")
    lines.append("bodies:")
    for org in draw(st.lists(st.sampled_from(org_ids), max_size=3, unique=True)):
        lines.append(f"  {org}:")
        for j in range(draw(st.integers(0, 3))):
            name = draw(st.one_of(st.sampled_from(_WORDS), value))
            aliases = draw(st.one_of(st.none(), st.lists(st.one_of(st.sampled_from(_WORDS), value), max_size=3), text))
            lines += [f"    - id: co-quan-{j}", f"      name: {_yaml_value(name)}"]
            if aliases is not None:
                lines.append(f"      aliases: {_yaml_value(aliases)}")
    return "\n".join(lines) + "\n"


# --- running ------------------------------------------------------------------------


class Hang(Exception):
    pass


@contextmanager
def bounded(seconds: int):
    def alarm(signum, frame):
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def digest(folder: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    if folder.exists():
        for path in sorted(folder.rglob("*")):
            h.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))
            if path.is_file() and not path.is_symlink():
                h.update(path.read_bytes())
    return h.hexdigest()


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def run(project: Path, *args: str):
    """-> (exit code, what the person building reads: stderr and MkDocs' log)."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        with bounded(SECONDS_PER_RUN):
            result = CliRunner().invoke(main, [*args, "-f", str(project / "mkdocs.yml")])
    finally:
        logger.removeHandler(collect)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr[-2000:])
    assert "Traceback" not in result.output
    return result.exit_code, "\n".join([*collect.lines, result.stderr])


def assert_messages(code: int, stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if DIAGNOSTIC.match(line) or "lỗi[" in line or "cảnh báo[" in line]
    for line in lines:
        assert DIAGNOSTIC.match(line) or NOTE.match(line), f"not file:line: {line!r}"
    if code == 1:
        assert any(": lỗi[" in line for line in lines) or "lỗi: " in stderr, stderr[-2000:]


@pytest.fixture(scope="module")
def project():
    """One project, a site built once from the good plan; each example writes its own content/."""
    folder = Path(tempfile.mkdtemp(prefix="kehoach-fuzz-"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("      content_dir: content", "      content_dir: content\n      search: false", 1)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "pages", folder / "pages")
    if (ROOT / "overrides").exists():
        shutil.copytree(ROOT / "overrides", folder / "overrides")
    write_content(folder, "\n".join(f"{k}: {v}" for k, v in GOOD_FIELDS.items()), "## I. MỤC ĐÍCH\n\n1. Nâng cao chất lượng.", None)
    code, said = run(folder, "build", "--build-date", "2026-01-02")
    assert code == 0, said[-3000:]
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def write_content(project: Path, head: str, text: str, agencies: str | None) -> None:
    content = project / "content"
    shutil.rmtree(content, ignore_errors=True)
    content.mkdir()
    (content / "agencies.yml").write_text(agencies if agencies is not None else (ROOT / "content" / "agencies.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (content / "ke-hoach-mau.md").write_text(f"---\n{head}\n---\n\n{text}\n", encoding="utf-8")


def check_invariants(project: Path, head: str, text: str, agencies: str | None, build: bool) -> None:
    write_content(project, head, text, agencies)
    before = digest(project / "content")
    code, said = run(project, "check")
    assert_messages(code, said)
    assert digest(project / "content") == before
    if build:
        site = project / "site"
        previous = digest(site)
        code, said = run(project, "build", "--build-date", "2026-01-02")
        assert_messages(code, said)
        assert digest(project / "content") == before
        if code == 0:
            assert (site / "index.html").is_file()
        else:
            assert digest(site) == previous, "a failed build changed the previous site"
        assert not list(project.glob(".site.new-*")) and not list(project.glob(".site.old-*"))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < MAX_RSS_KIB
    if TALLY:
        with open(TALLY, "a", encoding="utf-8") as tally:
            tally.write(f"{'build' if build else 'check'} {code if build else ''}\n")


_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large], database=None)


@settings(max_examples=EXAMPLES or 30, **_COMMON)
@given(head=front_matter(), text=body, agencies=st.one_of(st.none(), registry()))
def test_check_answers_every_input_with_messages(project, head, text, agencies):
    check_invariants(project, head, text, agencies, build=False)


# A build takes a second or two: shrinking a failure would take many minutes.
@settings(max_examples=max(EXAMPLES // 10, 3), phases=(Phase.explicit, Phase.reuse, Phase.generate), **_COMMON)
@given(head=front_matter(), text=body, agencies=st.one_of(st.none(), registry()))
def test_build_keeps_content_and_the_previous_site(project, head, text, agencies):
    check_invariants(project, head, text, agencies, build=True)
