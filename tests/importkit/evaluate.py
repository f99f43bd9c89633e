"""Measure ``kehoach import`` on the fixture corpus (tests/fixtures/import/corpus/).

Each case is ``<case>.src.txt`` (the fixture source format, source.py) and
``<case>.expected.yml``: what a careful clerk lists from the plan.  For one
input form (``txt``, ``portal``, ``docx``, ``pdf``) :func:`evaluate` makes
every case's input file, imports all of them in one batch into a temporary
project holding the repository's registry, builds that project and compares
what the build read with the clerk's lists:

* duties as (body, role, text) pairs of ``corpus.tasks``: a pair matches an
  expected one when the body names agree (``match_key`` normalisation, an
  alias of the agency, or the same name with the plan's place name added or
  left out: "Sở Nội vụ" / "Sở Nội vụ tỉnh Hà Tĩnh") and the duty text starts
  with the clerk's first words (labels, emphasis and punctuation ignored).
  Precision, recall and F1 are pooled over the form's pairs and given per
  case; role and deadline (kind, due, and start when the clerk gives one)
  are judged on the matched pairs;
* metadata per plan: number, date, issuer (the issue's figure is the share
  of plans with all three right), title, signer, and type and supersedes
  where the clerk gives them;
* the organisation: the right registry id, or a new organisation of the
  right name (plans of one new organisation must share it); a plan filed
  under an existing organisation that is not the clerk's one nor its
  ancestor/descendant is counted apart as *unrelated*, the worst error.

The expected file (YAML)::

    type: ke-hoach                      # optional
    number: "141/KH-UBND"               # canonical, or null
    date: 2025-11-20                    # or null
    issuer: "Ủy ban nhân dân tỉnh"      # as the document names itself
    organisation: lam-dong              # a registry id, or
    #   new: {name: "Ủy ban nhân dân tỉnh Hà Tĩnh", level: province, parent: trung-uong}
    supersedes: ["45-KH/TU"]            # optional: what the plan replaces ([] = nothing)
    title: "Triển khai ..."             # the trích yếu
    signer: {on_behalf: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name: "Nguyễn Văn A"}
    duties:
      - {body: "Sở Nội vụ", role: lead, text: "Chủ trì, phối hợp với Sở Tài chính rà soát",
         deadline: {kind: once, due: 2026-03-31}}
      # optional: also: ["other opening"]   another text the same duty may carry
      #           optional: true            a reading a clerk may or may not list:
      #                                     counted neither way

The signer is compared as the words of on_behalf + title together (where a
two-line "TM. ... / KT. ..." block splits is a convention) and the name.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.agencies import match_key
from generator.numbering import BULLET, LEADING_LABEL
from generator.text import normalize
from tests.importkit.source import parse_source, to_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "import" / "corpus"
FORMS = ("txt", "portal", "docx", "pdf")  # "word-pdf" (benchmark only): the Word file printed by LibreOffice
# form -> (module, maker, suffix of the file it writes)
MAKERS = {"portal": ("tests.importkit.portal", "make_portal", ".txt"), "docx": ("tests.importkit.docx", "make_docx", ".docx"), "pdf": ("tests.importkit.pdf", "make_pdf", ".pdf"),
          "scan": ("tests.importkit.scan", "make_scan", ".pdf")}
TEXT_WORDS = 12  # at most this many of the clerk's words are compared
ROLES = ("lead", "support", "assigned")
KINDS = ("once", "from", "recurring", "conditional", "target", "none")


class MakerMissing(RuntimeError):
    """The maker of an input form is not written yet."""


HOLDOUT = CORPUS.parent / "holdout"  # plans written without reading the importer's code (see its README)


def cases(names: list[str] | None = None, folder: Path | None = None) -> list[Path]:
    """The corpus' cases (their ``.src.txt``), all or the ``names`` given;
    ``folder``: another set of cases (``HOLDOUT``)."""
    folder = folder or CORPUS
    found = sorted(folder.glob("*.src.txt"))
    if names:
        wanted = set(names)
        found = [p for p in found if case_name(p) in wanted]
        missing = wanted - {case_name(p) for p in found}
        if missing:
            raise ValueError(f"không có ca nào tên {', '.join(sorted(missing))} trong {folder}")
    return found


def case_name(src: Path) -> str:
    return src.name.removesuffix(".src.txt")


# --- the clerk's lists -----------------------------------------------------------------


@dataclass(frozen=True)
class Duty:
    body: str
    role: str
    text: str
    kind: str
    due: dt.date | None
    start: dt.date | None = None
    also: tuple[str, ...] = ()
    optional: bool = False

    def show(self) -> str:
        due = f" {self.due.isoformat()}" if self.due else ""
        return f"{self.body} [{self.role}] “{self.text}” ({self.kind}{due})"


@dataclass
class Expected:
    case: str
    type: str | None
    number: str | None
    date: dt.date | None
    issuer: str
    organisation: str | None  # a registry id
    new_organisation: dict | None  # {name, level, parent}
    title: str
    signer: dict
    duties: list[Duty]
    supersedes: list[str] | None = None  # numbers of the documents replaced, when the clerk says


def _date(value, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: ngày “{value}” không đúng dạng YYYY-MM-DD") from None


def load_expected(src: Path) -> Expected:
    path = src.with_name(case_name(src) + ".expected.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    org = data["organisation"]
    duties = []
    for i, d in enumerate(data.get("duties") or []):
        where = f"{path.name}, nhiệm vụ thứ {i + 1}"
        deadline = d.get("deadline") or {"kind": "none"}
        if d["role"] not in ROLES or deadline["kind"] not in KINDS:
            raise ValueError(f"{where}: role phải là {ROLES}, deadline.kind phải là {KINDS}")
        also = d.get("also") or ()
        duties.append(Duty(d["body"], d["role"], d["text"], deadline["kind"], _date(deadline.get("due"), where), _date(deadline.get("start"), where), tuple([also] if isinstance(also, str) else also), bool(d.get("optional"))))
    return Expected(
        case=case_name(src),
        type=data.get("type"),
        number=data.get("number"),
        date=_date(data.get("date"), path.name),
        issuer=data.get("issuer") or "",
        organisation=org if isinstance(org, str) else None,
        new_organisation=org.get("new") if isinstance(org, dict) else None,
        title=data.get("title") or "",
        signer=data.get("signer") or {},
        duties=duties,
        supersedes=data.get("supersedes"),
    )


# --- comparison keys ------------------------------------------------------------------

# Abbreviations every office writes for the same words (the others, "Sở
# KH&CN", must come through the agency's aliases).
_ABBREVIATIONS = ((re.compile(r"\bUBND\b"), "Ủy ban nhân dân"), (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân"), (re.compile(r"\bMTTQ\b"), "Mặt trận Tổ quốc"))
_PLACE = re.compile(r"(?:tỉnh ủy|huyện ủy|thành ủy|thị ủy|tỉnh|huyện|thành phố|thị xã|quận)\s+(?P<place>[^,;()]+)$", re.I)


def place_of(organisation_name: str | None) -> str | None:
    """ "Ủy ban nhân dân tỉnh Hà Tĩnh" -> "Hà Tĩnh"; "Trung ương" -> None."""
    m = _PLACE.search(normalize(organisation_name or "").strip())
    return m.group("place").strip() if m else None


def name_key(name: str) -> str:
    text = normalize(name)
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    text = re.sub(r"\s*[-–]\s*", " - ", text.replace("*", ""))
    return match_key(" ".join(text.split())).strip(" .,;:")


def name_keys(name: str, place: str | None) -> set[str]:
    """The name's key, and the key without the place name at its end."""
    key = name_key(name)
    keys = {key}
    if place:
        p = name_key(place)
        for lead in ("tỉnh ", "huyện ", "thành phố ", "thị xã ", ""):
            if key.endswith(" " + lead + p):
                keys.add(key[: -len(" " + lead + p)].strip())
    return keys


def words(text: str) -> list[str]:
    """A duty text reduced to its words: no label, emphasis, footnote mark."""
    text = normalize(text)
    text = re.sub(r"\[\^[^\]]*\]", "", text).replace("*", "").replace("`", "")
    for _ in range(3):
        stripped = LEADING_LABEL.sub("", text, count=1)
        m = BULLET.match(stripped.strip())
        stripped = m.group("rest") if m else stripped
        if stripped == text:
            break
        text = stripped
    return re.findall(r"\w+", match_key(text))


def text_matches(clerk: str, got_words: list[str]) -> bool:
    want = words(clerk)[:TEXT_WORDS]
    return bool(want) and got_words[: len(want)] == want


def _title_words(text: str) -> list[str]:
    w = words(text or "")
    if w[:2] == ["v", "v"]:
        w = w[2:]
    elif w[:2] == ["về", "việc"]:
        w = w[2:]
    return w


# --- results --------------------------------------------------------------------------


@dataclass(frozen=True)
class Got:
    """One (body, task) pair the build read."""

    names: tuple[str, ...]  # agency name, then aliases
    role: str
    words: tuple[str, ...]
    text: str
    kind: str
    due: dt.date | None
    start: dt.date | None
    anchor: str

    def show(self) -> str:
        due = f" {self.due.isoformat()}" if self.due else ""
        return f"{self.names[0]} [{self.role}] “{' '.join(self.text.split()[:10])}” ({self.kind}{due}) #{self.anchor}"


@dataclass
class CaseResult:
    case: str
    plan_id: str | None = None
    failure: str | None = None  # the import or build refused the plan (a message)
    build_errors: list[str] = field(default_factory=list)
    expected: int = 0
    got: int = 0
    matched: int = 0
    role_right: int = 0
    deadline_right: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong_role: list[str] = field(default_factory=list)
    wrong_deadline: list[str] = field(default_factory=list)
    metadata: dict[str, tuple[bool, object, object]] = field(default_factory=dict)  # field -> (right, want, got)
    organisation: str = "wrong"  # "right" | "wrong" | "unrelated"
    organisation_note: str = ""

    @property
    def precision(self) -> float:
        return self.matched / self.got if self.got else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def core_metadata(self) -> bool:
        return all(self.metadata.get(k, (False,))[0] for k in ("number", "date", "issuer"))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


@dataclass
class Figures:
    form: str
    cases: list[CaseResult]

    def _sum(self, attr: str) -> int:
        return sum(getattr(c, attr) for c in self.cases)

    @property
    def precision(self) -> float:
        return _share(self._sum("matched"), self._sum("got"))

    @property
    def recall(self) -> float:
        return _share(self._sum("matched"), self._sum("expected"))

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def role(self) -> float:
        return _share(self._sum("role_right"), self._sum("matched"))

    @property
    def deadline(self) -> float:
        return _share(self._sum("deadline_right"), self._sum("matched"))

    def field(self, name: str) -> float:
        """Share of plans with metadata field ``name`` right."""
        return _share(sum(c.metadata.get(name, (False,))[0] for c in self.cases), len(self.cases))

    @property
    def metadata(self) -> float:
        """The issue's figure: number, date and issuer all right."""
        return _share(sum(c.core_metadata for c in self.cases), len(self.cases))

    @property
    def organisation(self) -> float:
        return _share(sum(c.organisation == "right" for c in self.cases), len(self.cases))

    @property
    def unrelated(self) -> list[str]:
        return [c.case for c in self.cases if c.organisation == "unrelated"]

    def row(self) -> dict[str, object]:
        return {
            "form": self.form, "plans": len(self.cases), "expected": self._sum("expected"), "got": self._sum("got"),
            "P": self.precision, "R": self.recall, "F1": self.f1, "role": self.role, "deadline": self.deadline,
            "meta": self.metadata, "number": self.field("number"), "date": self.field("date"), "issuer": self.field("issuer"),
            "title": self.field("title"), "signer": self.field("signer"), "org": self.organisation, "unrelated": len(self.unrelated),
        }

    def table(self, per_case: bool = True) -> str:
        """The figures as a text table: the form, then (``per_case``) each case."""
        head = f"{'':34} {'exp':>4} {'got':>4} {'P':>5} {'R':>5} {'F1':>5} {'role':>5} {'ddl':>5}  meta  no  da  is  ti  si  org"
        lines = [f"form {self.form}", head]
        r = self.row()
        lines.append(
            f"{'ALL (' + str(len(self.cases)) + ' plans)':34} {r['expected']:>4} {r['got']:>4} {r['P']:5.2f} {r['R']:5.2f} {r['F1']:5.2f} {r['role']:5.2f} {r['deadline']:5.2f}  "
            f"{r['meta']:4.2f} {r['number']:.2f} {r['date']:.2f} {r['issuer']:.2f} {r['title']:.2f} {r['signer']:.2f} {r['org']:.2f} unrelated={r['unrelated']}"
        )
        if per_case:
            mark = lambda c, k: "ok" if c.metadata.get(k, (False,))[0] else "--"  # noqa: E731
            for c in self.cases:
                role = _share(c.role_right, c.matched)
                ddl = _share(c.deadline_right, c.matched)
                note = f"  ! {c.failure}" if c.failure else ""
                lines.append(
                    f"  {c.case:32} {c.expected:>4} {c.got:>4} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f} {role:5.2f} {ddl:5.2f}  "
                    f"{'ok' if c.core_metadata else '--':>4}  {mark(c, 'number')}  {mark(c, 'date')}  {mark(c, 'issuer')}  {mark(c, 'title')}  {mark(c, 'signer')}  {c.organisation}{note}"
                )
        return "\n".join(lines)

    def misses(self) -> str:
        """What each case missed, added, and got wrong."""
        out = []
        for c in self.cases:
            parts = []
            if c.failure:
                parts.append(f"    không nhập được: {c.failure}")
            parts += [f"    lỗi dựng: {e}" for e in c.build_errors[:5]]
            parts += [f"    thiếu: {m}" for m in c.missed]
            parts += [f"    thừa:  {m}" for m in c.extra]
            parts += [f"    vai trò: {m}" for m in c.wrong_role]
            parts += [f"    hạn:   {m}" for m in c.wrong_deadline]
            parts += [f"    {k}: cần {want!r}, được {got!r}" for k, (ok, want, got) in c.metadata.items() if not ok]
            if c.organisation != "right":
                parts.append(f"    tổ chức ({c.organisation}): {c.organisation_note}")
            if parts:
                out.append(f"  {c.case} ({c.plan_id or 'không có bản nháp'}):")
                out += parts
        return "\n".join([f"form {self.form}: chỗ sai"] + out) if out else f"form {self.form}: không có chỗ sai"


# --- making the input files and importing them ----------------------------------------------


def maker_available(form: str) -> bool:
    if form == "txt":
        return True
    if form == "word-pdf":  # a Word file printed to PDF by LibreOffice: benchmark only, when soffice is there
        return shutil.which("soffice") is not None and maker_available("docx")
    module, name, _ = MAKERS[form]
    try:
        return hasattr(importlib.import_module(module), name)
    except ModuleNotFoundError as e:
        if e.name == module:
            return False
        raise


def make_input(src: Path, form: str, out_dir: Path) -> Path:
    """Write the case ``src`` in ``form`` into ``out_dir``; -> the file."""
    source = parse_source(src.read_text(encoding="utf-8"))
    name = case_name(src)
    out_dir.mkdir(parents=True, exist_ok=True)
    if form == "txt":
        path = out_dir / f"{name}.txt"
        path.write_text(to_text(source), encoding="utf-8")
        return path
    if form == "word-pdf":
        if not maker_available(form):
            raise MakerMissing("soffice (LibreOffice) không có: chưa tạo được dạng word-pdf")
        docx = make_input(src, "docx", out_dir / "word")
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)], check=True, capture_output=True, timeout=300)
        return out_dir / f"{name}.pdf"
    if form not in MAKERS:
        raise ValueError(f"dạng “{form}” không có; chọn một trong {', '.join(FORMS)}")
    module, maker, suffix = MAKERS[form]
    if not maker_available(form):
        raise MakerMissing(f"{module.replace('.', '/')}.py ({maker}) chưa có: chưa tạo được dạng {form}")
    make = getattr(importlib.import_module(module), maker)
    path = out_dir / f"{name}{suffix}"
    if form == "portal":
        path.write_text(make(source), encoding="utf-8")
    else:
        make(source, path)
    return path


def import_batch(files: list[Path], content_dir: Path) -> dict[Path, object]:
    """Import ``files`` together into ``content_dir``: file -> ImportResult,
    or the message of why it was refused.  The one place that calls the
    importer (a batch API may replace this loop)."""
    from generator.importer import ImportFailed, import_file

    out: dict[Path, object] = {}
    for path in files:
        try:
            out[path] = import_file(path, content_dir)
        except ImportFailed as e:
            out[path] = str(e)
    return out


def project(tmp: Path) -> Path:
    """A temporary project with the repository's registries; -> content dir."""
    content = tmp / "content"
    content.mkdir(parents=True, exist_ok=True)
    for name in ("agencies.yml", "documents.yml"):
        if (ROOT / "content" / name).exists():
            shutil.copyfile(ROOT / "content" / name, content / name)
    return content


def _registry_ids() -> set[str]:
    data = yaml.safe_load((ROOT / "content" / "agencies.yml").read_text(encoding="utf-8"))
    return {o["id"] for o in data.get("organisations") or []}


def _registry_parents() -> dict[str, str | None]:
    data = yaml.safe_load((ROOT / "content" / "agencies.yml").read_text(encoding="utf-8"))
    return {o["id"]: o.get("parent") for o in data.get("organisations") or []}


def evaluate(cases: list[Path], form: str, tmp: Path) -> Figures:
    """Import ``cases`` (``<case>.src.txt`` paths) in ``form`` as one batch
    into a project under ``tmp``, build it, and compare with the expected
    files.  Raises :class:`MakerMissing` when the form's maker is absent."""
    from generator.pipeline import build_corpus_with_report

    tmp = Path(tmp)
    content = project(tmp)
    inputs = {src: make_input(src, form, tmp / "inputs") for src in cases}
    imported = import_batch(list(inputs.values()), content)
    corpus, report, _ = build_corpus_with_report(tmp, content)
    expected = {src: load_expected(src) for src in cases}
    results = []
    for src in cases:
        result = CaseResult(case_name(src))
        outcome = imported[inputs[src]]
        if isinstance(outcome, str):
            result.failure = outcome
        else:
            result.plan_id = outcome.plan_id
            rel = f"content/{outcome.plan_id}.md"
            result.build_errors = [f"{d.source.line}: {d.message}" for d in report.errors if d.source and d.source.file == rel]
            if outcome.plan_id not in corpus.plans_by_id:
                result.failure = "bản nháp không dựng được: " + "; ".join(result.build_errors[:3])
        _compare(result, expected[src], corpus)
        results.append(result)
    _shared_organisations(results, expected, corpus)
    return Figures(form, results)


def _got_pairs(corpus, plan_id: str) -> list[Got]:
    out = []
    for task in corpus.tasks:
        if task.plan != plan_id:
            continue
        w = tuple(words(task.text))
        for a in task.assignees:
            agency = corpus.agencies.get(a.agency)
            names = (agency.name, *agency.aliases) if agency else (a.agency,)
            d = task.deadline
            out.append(Got(names, a.role, w, task.text, d.kind, d.due, d.start, task.anchor))
    return out


def _deadline_right(want: Duty, got: Got) -> bool:
    if want.kind != got.kind or want.due != got.due:
        return False
    return want.start is None or want.start == got.start


def _compare(result: CaseResult, want: Expected, corpus) -> None:
    plan = corpus.plans_by_id.get(result.plan_id) if result.plan_id and not result.failure else None
    org_name = want.new_organisation["name"] if want.new_organisation else (corpus.organisations[want.organisation].name if want.organisation in corpus.organisations else None)
    place = place_of(org_name)
    got = _got_pairs(corpus, result.plan_id) if plan else []
    got_keys = [set().union(*(name_keys(n, place) for n in g.names)) for g in got]
    taken = [False] * len(got)
    required = [d for d in want.duties if not d.optional]
    optional = [d for d in want.duties if d.optional]
    optional_hits = 0
    for duty in required + optional:
        keys = name_keys(duty.body, place)
        texts = (duty.text, *duty.also)
        candidates = [i for i, g in enumerate(got) if not taken[i] and keys & got_keys[i] and any(text_matches(t, list(g.words)) for t in texts)]
        if not candidates:
            if not duty.optional:
                result.missed.append(duty.show())
            continue
        # of several readings of the same duty, the one that agrees most
        best = max(candidates, key=lambda i: (got[i].role == duty.role, _deadline_right(duty, got[i])))
        taken[best] = True
        if duty.optional:
            optional_hits += 1
            continue
        result.matched += 1
        g = got[best]
        if g.role == duty.role:
            result.role_right += 1
        else:
            result.wrong_role.append(f"{duty.show()}: đọc được {g.role}")
        if _deadline_right(duty, g):
            result.deadline_right += 1
        else:
            due = g.due.isoformat() if g.due else None
            result.wrong_deadline.append(f"{duty.show()}: đọc được {g.kind} {due}" + (f" từ {g.start.isoformat()}" if g.start and duty.start else ""))
    result.expected = len(required)
    result.got = len(got) - optional_hits
    result.extra = [g.show() for g, t in zip(got, taken) if not t]
    _compare_metadata(result, want, plan, place)
    _compare_organisation(result, want, plan, corpus)


def _compare_metadata(result: CaseResult, want: Expected, plan, place: str | None) -> None:
    if plan is None:
        for k in ("number", "date", "issuer", "title", "signer") + (("type",) if want.type else ()) + (("supersedes",) if want.supersedes is not None else ()):
            result.metadata[k] = (False, getattr(want, k), None)
        return
    number = normalize(plan.number) if plan.number else None
    result.metadata["number"] = ((normalize(want.number) if want.number else None) == number, want.number, plan.number)
    result.metadata["date"] = (want.date == plan.date, want.date, plan.date)
    issuer_ok = bool(name_keys(want.issuer, place) & name_keys(plan.issuer or "", place))
    result.metadata["issuer"] = (issuer_ok, want.issuer, plan.issuer)
    result.metadata["title"] = (_title_words(want.title) == _title_words(plan.title), want.title, plan.title)
    s = want.signer
    want_sign = words(f"{s.get('on_behalf') or ''} {s.get('title') or ''}")
    got_sign = words(f"{plan.signer.on_behalf or ''} {plan.signer.title or ''}")
    name_ok = name_key(s.get("name") or "") == name_key(plan.signer.name or "")
    result.metadata["signer"] = (want_sign == got_sign and name_ok, s, {"on_behalf": plan.signer.on_behalf, "title": plan.signer.title, "name": plan.signer.name})
    if want.type:
        result.metadata["type"] = (want.type == plan.type, want.type, plan.type)
    if want.supersedes is not None:
        replaced = sorted(normalize(b.document) for b in plan.supersedes if b.document)
        result.metadata["supersedes"] = (sorted(normalize(n) for n in want.supersedes) == replaced, want.supersedes, replaced)


def _ancestors(org_id: str | None, parents: dict[str, str | None]) -> list[str]:
    out = []
    while org_id and org_id not in out:
        out.append(org_id)
        org_id = parents.get(org_id)
    return out


def _compare_organisation(result: CaseResult, want: Expected, plan, corpus) -> None:
    if plan is None:
        result.organisation, result.organisation_note = "wrong", "không có bản nháp dựng được"
        return
    registry = _registry_ids()
    parents = _registry_parents()
    got_id = plan.organisation
    got = corpus.organisations.get(got_id)
    got_name = got.name if got else got_id
    if want.organisation:
        if got_id == want.organisation:
            result.organisation = "right"
            return
        related = {o for o in _ancestors(want.organisation, parents) if o != "trung-uong"}
        related |= {o for o in registry if want.organisation in _ancestors(o, parents)}
        unrelated = got_id in registry and got_id not in related
        result.organisation = "unrelated" if unrelated else "wrong"
        result.organisation_note = f"cần {want.organisation}, được {got_id} ({got_name})"
        return
    new = want.new_organisation
    if got_id not in registry:
        right = name_key(got_name) == name_key(new["name"])
        result.organisation = "right" if right else "wrong"
        extra = ""
        if got and (got.level != new.get("level") or (new.get("parent") in registry and got.parent != new.get("parent"))):
            extra = f"; cấp/tổ chức cha: cần {new.get('level')}/{new.get('parent')}, được {got.level}/{got.parent}"
        if not right or extra:
            result.organisation_note = f"cần tổ chức mới “{new['name']}”, được {got_id} (“{got_name}”){extra}"
        return
    parent = new.get("parent")
    related = {o for o in _ancestors(parent, parents) if o != "trung-uong"} if parent in registry else set()
    result.organisation = "wrong" if got_id in related else "unrelated"
    result.organisation_note = f"cần tổ chức mới “{new['name']}”, được tổ chức có sẵn {got_id} ({got_name})"


def _shared_organisations(results: list[CaseResult], expected: dict[Path, Expected], corpus) -> None:
    """Plans of one new organisation must be filed under one organisation."""
    groups: dict[str, list[CaseResult]] = {}
    for (src, want), result in zip(expected.items(), results):
        if want.new_organisation:
            groups.setdefault(name_key(want.new_organisation["name"]), []).append(result)
    for members in groups.values():
        ids = {corpus.plans_by_id[r.plan_id].organisation for r in members if r.plan_id in corpus.plans_by_id}
        if len(members) > 1 and len(ids) > 1:
            for r in members:
                if r.organisation == "right":
                    r.organisation = "wrong"
                    r.organisation_note = f"các kế hoạch của cùng một tổ chức mới được xếp vào {len(ids)} tổ chức khác nhau: {', '.join(sorted(ids))}"
