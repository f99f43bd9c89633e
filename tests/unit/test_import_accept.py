"""Batch import, provisional entries and `kehoach accept`: a fresh draft
builds with its duties marked "chưa duyệt", `check --strict` fails until the
draft is accepted, and accepting moves its proposals into the registry."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.importer import import_files
from generator.importer.accept import append_entries
from generator.importer.provisional import ProposedBody, ProposedOrganisation
from generator.pipeline import build_corpus_with_report
from tests.conftest import ROOT
from tests.importkit.source import parse_source, to_text

REGISTRY = ROOT / "content" / "agencies.yml"

BAC_NINH = """\
ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC NINH || Độc lập - Tự do - Hạnh phúc
Số: {number}/KH-UBND || Bắc Ninh, ngày 20 tháng 11 năm 2025

KẾ HOẠCH

{title}

Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

Bảo đảm thực hiện đồng bộ, hiệu quả.

II. TỔ CHỨC THỰC HIỆN

1. Sở Nội vụ

- Chủ trì rà soát thủ tục hành chính (hoàn thành trong quý I/2026).

2. Sở Tài chính

- Bố trí kinh phí thực hiện Kế hoạch (thường xuyên).

::: footer
Nơi nhận: || TM. ỦY BAN NHÂN DÂN
- Như trên; || KT. CHỦ TỊCH
- Lưu: VT. || PHÓ CHỦ TỊCH
 || Nguyễn Văn Bình
"""


def _project(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copyfile(REGISTRY, content / "agencies.yml")
    return content


def _sources(tmp_path: Path) -> list[Path]:
    inbox = tmp_path / "den"
    inbox.mkdir()
    out = []
    for number, title in (("141", "Triển khai chuyển đổi số năm 2026"), ("142", "Cải cách hành chính năm 2026")):
        path = inbox / f"kh-{number}.txt"
        path.write_text(to_text(parse_source(BAC_NINH.format(number=number, title=title))), encoding="utf-8")
        out.append(path)
    return out


def test_two_plans_of_a_new_province_share_its_proposals_and_build_at_once(tmp_path):
    content = _project(tmp_path)
    items = import_files(_sources(tmp_path), content)
    assert [i.error for i in items] == [None, None]
    first, second = (i.result for i in items)
    assert first.organisation == second.organisation and first.organisation_new
    assert first.organisation not in yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))["organisations"]
    # the second plan reuses the first one's proposals instead of proposing them again
    assert second.provisional_path is None or not second.proposals.bodies
    corpus, report, _ = build_corpus_with_report(tmp_path, content)
    assert not report.errors, [str(e) for e in report.errors]
    duties = {(corpus.agencies[a.agency].name, a.role, t.plan) for t in corpus.tasks for a in t.assignees}
    assert ("Sở Nội vụ", "assigned", first.plan_id) in duties or ("Sở Nội vụ", "lead", first.plan_id) in duties
    assert any(name == "Sở Tài chính" and plan == second.plan_id for name, _, plan in duties)
    assert all(corpus.unreviewed(t) for t in corpus.tasks)


def test_check_strict_fails_until_accepted_then_passes(tmp_path, monkeypatch):
    content = _project(tmp_path)
    items = import_files(_sources(tmp_path), content)
    runner = CliRunner()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    strict = runner.invoke(main, ["check", "--strict"])
    assert strict.exit_code == 1 and "chưa-duyệt" in strict.output
    ids = [i.result.plan_id for i in items]
    accepted = runner.invoke(main, ["accept", *ids])
    assert accepted.exit_code == 0, accepted.output
    assert not (content / "de-xuat").exists() or not list((content / "de-xuat").glob("*.yml"))
    registry = yaml.safe_load((content / "agencies.yml").read_text(encoding="utf-8"))
    org = items[0].result.organisation
    assert org in {o["id"] for o in registry["organisations"]}
    assert {b["name"] for b in registry["bodies"][org]} >= {"Sở Nội vụ", "Sở Tài chính"}
    # the registry's own comments are kept
    assert (content / "agencies.yml").read_text(encoding="utf-8").startswith(REGISTRY.read_text(encoding="utf-8").split("\n", 1)[0])
    for plan_id in ids:
        assert "reviewed: false" not in (content / f"{plan_id}.md").read_text(encoding="utf-8")
    after = runner.invoke(main, ["check", "--strict"])
    assert "chưa-duyệt" not in after.output
    corpus, report, _ = build_corpus_with_report(tmp_path, content)
    assert corpus.tasks and not any(corpus.unreviewed(t) for t in corpus.tasks)


def test_accept_of_an_unknown_id_says_so(tmp_path):
    content = _project(tmp_path)
    result = CliRunner().invoke(main, ["accept", "khong-co", "--content-dir", str(content)])
    assert result.exit_code == 1 and "không tìm thấy kế hoạch có id “khong-co”" in result.output


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    content = _project(tmp_path)
    good = _sources(tmp_path)
    bad = tmp_path / "den" / "hong.docx"
    bad.write_bytes(b"not a zip at all")
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(tmp_path / "den"), "--content-dir", str(content)])
    assert result.exit_code == 1
    assert "hong.docx" in result.output and "Đã nhập 2/3 tệp" in result.output
    assert len(list(content.glob("*.md"))) == len(good)


def test_append_entries_keeps_the_registry_text_and_adds_to_the_right_lists():
    text = "# đầu\norganisations:\n  - id: a\n    name: A\n    level: province\n    parent: null\n\n# cơ quan\nbodies:\n  a:\n    - id: x\n      name: X\n  b:\n    - id: y\n      name: Y\n"
    out = append_entries(text, [ProposedOrganisation("c", "C", "province", "a")], [ProposedBody("a", "z", "Z"), ProposedBody("c", "w", "W", ["WW"])])
    data = yaml.safe_load(out)
    assert [o["id"] for o in data["organisations"]] == ["a", "c"]
    assert [b["id"] for b in data["bodies"]["a"]] == ["x", "z"]
    assert data["bodies"]["c"] == [{"id": "w", "name": "W", "aliases": ["WW"], "kind": "body"}]
    assert out.startswith("# đầu\n") and "# cơ quan\n" in out


def test_plans_of_two_new_provinces_keep_their_bodies_apart(tmp_path):
    content = _project(tmp_path)
    inbox = tmp_path / "den"
    inbox.mkdir()
    paths = []
    for province, number in (("BẮC NINH", "141"), ("HÀ NAM", "77")):
        text = BAC_NINH.format(number=number, title="Cải cách hành chính năm 2026").replace("BẮC NINH", province).replace("Bắc Ninh", province.title())
        path = inbox / f"{number}.txt"
        path.write_text(to_text(parse_source(text)), encoding="utf-8")
        paths.append(path)
    first, second = (i.result for i in import_files(paths, content))
    assert first.organisation != second.organisation and first.organisation_new and second.organisation_new
    corpus, report, _ = build_corpus_with_report(tmp_path, content)
    assert not report.errors, [str(e) for e in report.errors]
    noi_vu = {a.agency for t in corpus.tasks for a in t.assignees if corpus.agencies[a.agency].name == "Sở Nội vụ"}
    # one "Sở Nội vụ" per province, each under its own organisation
    assert {corpus.agencies[a].organisation for a in noi_vu} == {first.organisation, second.organisation}


KHOI = """\
KẾ HOẠCH

thực hiện chuyển đổi số trong các tổ chức đảng năm 2025

Thực hiện {cited}, Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh ban hành Kế hoạch như sau:

I. NHIỆM VỤ CỤ THỂ

1. Văn phòng Đảng ủy Khối

- Triển khai sổ tay đảng viên điện tử (quý II/2025).

T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn Hùng
"""


def test_a_plan_that_names_no_place_is_never_given_to_an_unrelated_organisation():
    """Only one Khối is registered (Lâm Đồng's). A Khối's plan that names no
    place goes to it only when it cites a document the registry gives to
    Lâm Đồng; otherwise a new organisation is proposed."""
    from generator.importer import convert

    tied = convert(KHOI.format(cited="Chương trình hành động số 42-CTr/TU, ngày 27/10/2022 của Tỉnh ủy"), registry=REGISTRY, source="a.txt")
    assert tied.meta.organisation.id == "lam-dong-khoi-cqt" and not tied.meta.organisation.certain
    loose = convert(KHOI.format(cited="Kế hoạch số 315-KH/TU, ngày 20/9/2024 của Ban Thường vụ Tỉnh ủy"), registry=REGISTRY, source="b.txt")
    assert loose.meta.organisation.new and loose.meta.organisation.id != "lam-dong-khoi-cqt"


def test_the_province_of_a_letterhead_line_the_export_broke():
    from generator.importer import convert

    text = "ĐẢNG BỘ TỈNH QUẢNG NINH\nĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY KHỐI CÁC CƠ\nQUAN TỈNH Hạ Long, ngày 18 tháng 10 năm 2024\n*\nSố 142-KH/ĐUK\n\n" + KHOI.format(cited="Kế hoạch số 315-KH/TU")
    meta = convert(text, registry=REGISTRY, source="c.txt").meta
    assert meta.organisation.new and meta.organisation.name == "Đảng ủy Khối các cơ quan tỉnh Quảng Ninh"


def test_accept_refuses_an_alias_bomb_in_a_proposals_file(tmp_path):
    content = _project(tmp_path)
    (item,) = import_files(_sources(tmp_path)[:1], content)
    proposals = item.result.provisional_path
    before = (content / "agencies.yml").read_text(encoding="utf-8")
    proposals.write_text("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["accept", item.result.plan_id, "--content-dir", str(content)])
    assert result.exit_code == 1 and "bí danh" in result.output
    assert (content / "agencies.yml").read_text(encoding="utf-8") == before
