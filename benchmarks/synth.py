"""Synthetic corpus for the scale benchmark: N plans of a tree of organisations.

    python benchmarks/synth.py --plans 1000 --out /tmp/kehoach-bench/1000

writes ``<out>/project/`` -- a copy of the repository's ``mkdocs.yml``,
``pages/`` and ``overrides/`` plus a generated ``content/`` (``agencies.yml``,
``documents.yml`` and N plans) -- that ``kehoach build`` builds with zero
errors, and ``<out>/manifest.json`` (counts, the busiest body, the queries the
browser benchmark types).

What the corpus looks like (docs/content-format.md is the format):

* organisations: Trung ương -> 10 provinces -> 3 districts each (6 for the big
  province, Thanh Hóa) and one Đảng ủy Khối each: 54 issuers, about 930
  registered bodies (bodies, classes of bodies, office-holders) in
  ``agencies.yml``;
* plans: 1 % central, 14 % provincial, 10 % khối, 75 % district; half of them
  in the big province's subtree, so that "Ban Tổ chức Tỉnh ủy" of Thanh Hóa
  is assigned (as lead or as "phối hợp với") in about half of all plans;
* each plan is about 27 KB of Vietnamese on average (the body aims at a
  lognormal size, median 21 KB, 12-60 KB; front matter comes on top), with
  the parts real plans have: purposes (skipped by the duty reader), targets, tasks and
  solutions (``###`` khoản, ``####`` điểm, bullets, numbered running
  paragraphs), sometimes a "quán triệt" part, the duty part (headings naming
  one or several registered bodies with bullets under them, "X chủ trì, phối
  hợp với Y ...", "X: Chủ trì ...", "(1) ... (2) ..." enumerations, "Giao X
  ...", in-plan references "các nội dung tại điểm 2.2 khoản 2, khoản 3 Mục
  III"), "Tổ chức thực hiện", footnotes and sometimes a closing text after
  ``***`` ("Kế hoạch này thay thế ...");
* deadlines of every class generator/deadlines.py reads (once, from,
  recurring, conditional, target, "X và/hoặc Y" combinations) and, rarely
  (0.3 %), a phrase it cannot read ("trong nhiệm kỳ"), as real plans have;
* citations: party numbers (``21-NQ/TW``, ``42-CTr/TU``, ``137-KH/HU``,
  ``12-HD/BTCTW``, ``05-QĐi/TU``) and state numbers (``215/KH-UBND``,
  ``80/2021/NĐ-CP``); documents in the corpus (a district plan implements its
  province's programme, which implements a central resolution), registered in
  ``documents.yml``, and unregistered; every mention of a document gives the
  same date and type, so the build reports no conflicts;
* ~85 % cong-khai, ~15 % noi-bo (the default audience builds all of them).

Everything is drawn from one ``random.Random`` per purpose, seeded from
``--seed`` and N: the same arguments give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# --- organisations and bodies -----------------------------------------------------

# (id, name, [(district id, name, code)]); the first province is the big one.
PROVINCES = [
    ("thanh-hoa", "Thanh Hóa", [("tho-xuan", "Thọ Xuân", "HU"), ("nong-cong", "Nông Cống", "HU"), ("hoang-hoa", "Hoằng Hóa", "HU"),
                                ("quang-xuong", "Quảng Xương", "HU"), ("sam-son", "Sầm Sơn", "ThU"), ("bim-son", "Bỉm Sơn", "TXU")]),
    ("nghe-an", "Nghệ An", [("do-luong", "Đô Lương", "HU"), ("nam-dan", "Nam Đàn", "HU"), ("cua-lo", "Cửa Lò", "TXU")]),
    ("ha-tinh", "Hà Tĩnh", [("can-loc", "Can Lộc", "HU"), ("huong-son", "Hương Sơn", "HU"), ("hong-linh", "Hồng Lĩnh", "TXU")]),
    ("quang-nam", "Quảng Nam", [("duy-xuyen", "Duy Xuyên", "HU"), ("thang-binh", "Thăng Bình", "HU"), ("dien-ban", "Điện Bàn", "TXU")]),
    ("binh-dinh", "Bình Định", [("phu-cat", "Phù Cát", "HU"), ("tay-son", "Tây Sơn", "HU"), ("an-nhon", "An Nhơn", "TXU")]),
    ("dak-lak", "Đắk Lắk", [("krong-pac", "Krông Pắc", "HU"), ("cu-mgar", "Cư M'gar", "HU"), ("buon-ma-thuot", "Buôn Ma Thuột", "ThU")]),
    ("lam-dong", "Lâm Đồng", [("di-linh", "Di Linh", "HU"), ("duc-trong", "Đức Trọng", "HU"), ("bao-loc", "Bảo Lộc", "ThU")]),
    ("dong-nai", "Đồng Nai", [("trang-bom", "Trảng Bom", "HU"), ("long-thanh", "Long Thành", "HU"), ("long-khanh", "Long Khánh", "ThU")]),
    ("an-giang", "An Giang", [("cho-moi", "Chợ Mới", "HU"), ("phu-tan", "Phú Tân", "HU"), ("chau-doc", "Châu Đốc", "ThU")]),
    ("ca-mau", "Cà Mau", [("nam-can", "Năm Căn", "HU"), ("tran-van-thoi", "Trần Văn Thời", "HU"), ("dam-doi", "Đầm Dơi", "HU")]),
]
BIG_PROVINCE = PROVINCES[0][0]
# Where the big province's Ban Tổ chức sits in every plan of its subtree.
BUSY_BODY = f"{BIG_PROVINCE}/ban-to-chuc"

PLACE_TW = "Hà Nội"

DISTRICT_UNITS = {  # code -> (party committee, local word)
    "HU": ("Huyện ủy", "huyện"),
    "ThU": ("Thành ủy", "thành phố"),
    "TXU": ("Thị ủy", "thị xã"),
}


@dataclass
class Body:
    id: str
    name: str
    aliases: list[str]
    kind: str = "body"
    duty: bool = True  # may head a section of the duty part


@dataclass
class Org:
    id: str
    name: str
    level: str  # central | province | district | khoi
    parent: str | None
    codes: list[str]
    unit: str  # "Tỉnh ủy", "Huyện ủy", "Đảng ủy Khối", "Trung ương"
    local: str  # "tỉnh", "huyện", "thành phố", "thị xã", "Khối"
    place: str  # "Thanh Hóa"
    province: str | None = None
    bodies: list[Body] = field(default_factory=list)

    def body(self, body_id: str) -> Body:
        return next(b for b in self.bodies if b.id == body_id)


def _central() -> Org:
    org = Org("trung-uong", "Trung ương", "central", None, ["TW", "VPTW"], "Trung ương", "Trung ương", "")
    org.bodies = [
        Body("ban-chap-hanh", "Ban Chấp hành Trung ương Đảng", ["Ban Chấp hành Trung ương", "BCHTW"], duty=False),
        Body("bo-chinh-tri", "Bộ Chính trị", ["BCT"], duty=False),
        Body("ban-bi-thu", "Ban Bí thư", ["Ban Bí thư Trung ương Đảng"], duty=False),
        Body("ban-to-chuc", "Ban Tổ chức Trung ương", ["BTCTW", "Ban Tổ chức TW"]),
        Body("uy-ban-kiem-tra", "Ủy ban Kiểm tra Trung ương", ["UBKTTW", "Ủy ban Kiểm tra TW"]),
        Body("ban-tuyen-giao", "Ban Tuyên giáo Trung ương", ["BTGTW", "Ban Tuyên giáo TW"]),
        Body("ban-dan-van", "Ban Dân vận Trung ương", ["BDVTW"]),
        Body("ban-noi-chinh", "Ban Nội chính Trung ương", ["BNCTW"]),
        Body("ban-kinh-te", "Ban Kinh tế Trung ương", ["BKTTW"]),
        Body("van-phong", "Văn phòng Trung ương Đảng", ["VPTW", "Văn phòng Trung ương"]),
        Body("hoc-vien-ctqg", "Học viện Chính trị quốc gia Hồ Chí Minh", ["Học viện Chính trị quốc gia"]),
        Body("cac-tinh-uy", "Các tỉnh ủy, thành ủy trực thuộc Trung ương", ["Các tỉnh ủy, thành ủy"], "class"),
        Body("cac-ban-dang-tw", "Các ban đảng Trung ương", ["Các ban đảng, đảng ủy trực thuộc Trung ương"], "class"),
        Body("cac-dang-doan-tw", "Các đảng đoàn, ban cán sự đảng trực thuộc Trung ương", [], "class"),
    ]
    return org


def _province(pid: str, place: str) -> Org:
    org = Org(pid, f"Tỉnh ủy {place}", "province", "trung-uong", ["TU"], "Tỉnh ủy", "tỉnh", place, province=pid)
    org.bodies = [
        Body("ban-chap-hanh", "Ban Chấp hành Đảng bộ tỉnh", ["Tỉnh ủy", f"Tỉnh ủy {place}", "BCH Đảng bộ tỉnh"], duty=False),
        Body("ban-thuong-vu", "Ban Thường vụ Tỉnh ủy", ["BTVTU", "BTV Tỉnh ủy", "Thường vụ Tỉnh ủy"]),
        Body("thuong-truc", "Thường trực Tỉnh ủy", ["TTTU"], duty=False),
        Body("ban-to-chuc", "Ban Tổ chức Tỉnh ủy", ["BTCTU", "Ban Tổ chức TU"]),
        Body("ban-tuyen-giao", "Ban Tuyên giáo Tỉnh ủy", ["BTGTU", "Ban Tuyên giáo TU"]),
        Body("uy-ban-kiem-tra", "Ủy ban Kiểm tra Tỉnh ủy", ["UBKTTU", "UBKT Tỉnh ủy"]),
        Body("ban-dan-van", "Ban Dân vận Tỉnh ủy", ["BDVTU"]),
        Body("ban-noi-chinh", "Ban Nội chính Tỉnh ủy", ["BNCTU"]),
        Body("van-phong", "Văn phòng Tỉnh ủy", ["VPTU"]),
        Body("truong-chinh-tri", f"Trường Chính trị tỉnh {place}", ["Trường Chính trị tỉnh"]),
        Body("dang-doan-hdnd", "Đảng đoàn Hội đồng nhân dân tỉnh", ["Đảng đoàn HĐND tỉnh"]),
        Body("ban-can-su-dang-ubnd", "Ban cán sự đảng Ủy ban nhân dân tỉnh", ["Ban cán sự đảng UBND tỉnh", "BCSĐ UBND tỉnh"]),
        Body("ubmttq", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ["Ủy ban MTTQ Việt Nam tỉnh", "MTTQ tỉnh"]),
        Body("dang-doan-mttq", "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ["Đảng đoàn MTTQ tỉnh"]),
        Body("tinh-doan", "Ban Thường vụ Tỉnh đoàn", ["Tỉnh đoàn", "BTV Tỉnh đoàn"]),
        Body("dang-doan-hoi-lhpn", "Đảng đoàn Hội Liên hiệp Phụ nữ tỉnh", ["Hội Liên hiệp Phụ nữ tỉnh"]),
        Body("dang-doan-hoi-nong-dan", "Đảng đoàn Hội Nông dân tỉnh", ["Hội Nông dân tỉnh"]),
        Body("dang-doan-hoi-ccb", "Đảng đoàn Hội Cựu chiến binh tỉnh", ["Hội Cựu chiến binh tỉnh"]),
        Body("dang-doan-ldld", "Đảng đoàn Liên đoàn Lao động tỉnh", ["Liên đoàn Lao động tỉnh"]),
        Body("cac-huyen-uy", "Các huyện ủy, thị ủy, thành ủy và đảng ủy trực thuộc Tỉnh ủy",
             ["Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy"], "class"),
        Body("cac-cap-uy", "Các cấp ủy, tổ chức đảng", ["Cấp ủy các cấp", "Các cấp ủy, tổ chức đảng trong Đảng bộ tỉnh"], "class"),
        Body("cac-ban", "Các ban xây dựng Đảng Tỉnh ủy", ["Các ban của Tỉnh ủy", "Các ban đảng Tỉnh ủy"], "class"),
        Body("uv-btv", "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy", ["Ủy viên Ban Thường vụ Tỉnh ủy", "UVBTVTU"], "persons", duty=False),
        Body("uv-bch", "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh", ["Các đồng chí Tỉnh ủy viên", "Tỉnh ủy viên"], "persons", duty=False),
    ]
    return org


def _district(province: Org, did: str, place: str, code: str) -> Org:
    unit, local = DISTRICT_UNITS[code]
    org = Org(f"{province.id}-{did}", f"{unit} {place}", "district", province.id, [code], unit, local, place, province=province.id)
    org.bodies = [
        Body("ban-chap-hanh", f"Ban Chấp hành Đảng bộ {local}", [unit, f"{unit} {place}"], duty=False),
        Body("ban-thuong-vu", f"Ban Thường vụ {unit}", [f"BTV {unit}", f"Thường vụ {unit}"]),
        Body("thuong-truc", f"Thường trực {unit}", [], duty=False),
        Body("ban-to-chuc", f"Ban Tổ chức {unit}", []),
        Body("ban-tuyen-giao", f"Ban Tuyên giáo {unit}", []),
        Body("uy-ban-kiem-tra", f"Ủy ban Kiểm tra {unit}", [f"UBKT {unit}"]),
        Body("ban-dan-van", f"Ban Dân vận {unit}", []),
        Body("van-phong", f"Văn phòng {unit}", []),
        Body("trung-tam-chinh-tri", f"Trung tâm Chính trị {local}", []),
        Body("tt-hdnd", f"Thường trực Hội đồng nhân dân {local}", [f"Thường trực HĐND {local}"]),
        Body("dang-uy-quan-su", f"Đảng ủy Quân sự {local}", []),
        Body("dang-uy-cong-an", f"Đảng ủy Công an {local}", []),
        Body("ubmttq", f"Ủy ban Mặt trận Tổ quốc Việt Nam {local}", [f"Ủy ban MTTQ Việt Nam {local}", f"MTTQ {local}"]),
        Body("cac-to-chuc-ctxh", f"Các tổ chức chính trị - xã hội {local}", [f"các đoàn thể chính trị - xã hội {local}"], "class"),
        Body("cac-tccs-dang", f"Các tổ chức cơ sở đảng trực thuộc {unit}", ["Các tổ chức cơ sở đảng trực thuộc"], "class"),
        Body("uv-btv", f"Các đồng chí Ủy viên Ban Thường vụ {unit}", [f"Ủy viên Ban Thường vụ {unit}"], "persons", duty=False),
        Body("uv-bch", f"Các đồng chí Ủy viên Ban Chấp hành Đảng bộ {local}", [f"{unit} viên"], "persons", duty=False),
    ]
    return org


def _khoi(province: Org) -> Org:
    place = province.place
    org = Org(f"{province.id}-khoi", f"Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh {place}", "khoi", province.id, ["ĐUK"],
              "Đảng ủy Khối", "Khối", place, province=province.id)
    org.bodies = [
        Body("ban-chap-hanh", "Ban Chấp hành Đảng bộ Khối", ["Đảng ủy Khối"], duty=False),
        Body("ban-thuong-vu", "Ban Thường vụ Đảng ủy Khối", ["BTV Đảng ủy Khối"]),
        Body("thuong-truc", "Thường trực Đảng ủy Khối", [], duty=False),
        Body("ban-to-chuc", "Ban Tổ chức Đảng ủy Khối", []),
        Body("ban-tuyen-giao", "Ban Tuyên giáo Đảng ủy Khối", []),
        Body("uy-ban-kiem-tra", "Ủy ban Kiểm tra Đảng ủy Khối", ["UBKT Đảng ủy Khối"]),
        Body("van-phong", "Văn phòng Đảng ủy Khối", []),
        Body("cac-doan-the", "Các đoàn thể Khối", [], "class"),
        Body("cac-tccs-dang", "Các cấp ủy, tổ chức cơ sở đảng trực thuộc Đảng ủy Khối", ["Các cấp ủy, tổ chức cơ sở đảng trực thuộc"], "class"),
        Body("uv-btv", "Các đồng chí Ủy viên Ban Thường vụ Đảng ủy Khối", [], "persons", duty=False),
        Body("uv-bch", "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ Khối", ["Các đồng chí Đảng ủy viên"], "persons", duty=False),
    ]
    return org


def organisations() -> dict[str, Org]:
    orgs = {"trung-uong": _central()}
    for pid, place, districts in PROVINCES:
        province = _province(pid, place)
        orgs[pid] = province
        khoi = _khoi(province)
        orgs[khoi.id] = khoi
        for did, dplace, code in districts:
            d = _district(province, did, dplace, code)
            orgs[d.id] = d
    return orgs


# --- themes: what the central documents are about -----------------------------------

@dataclass
class Theme:
    title: str  # "về ..."
    topics: list[str]  # titles of khoản in the tasks part
    objects: list[str]  # objects of duty sentences specific to the theme


THEMES = [
    Theme("về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới",
          ["Củng cố, nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng", "Nâng cao chất lượng đội ngũ đảng viên",
           "Đổi mới nội dung, phương thức lãnh đạo của tổ chức cơ sở đảng", "Nâng cao chất lượng sinh hoạt chi bộ",
           "Đẩy mạnh và nâng cao chất lượng công tác kết nạp đảng viên", "Tăng cường công tác quản lý đảng viên"],
          ["chất lượng sinh hoạt chi bộ", "công tác phát triển đảng viên", "mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt”",
           "việc rà soát, sàng lọc, đưa những đảng viên không còn đủ tư cách ra khỏi Đảng", "đội ngũ bí thư chi bộ thôn, tổ dân phố",
           "việc thành lập tổ chức đảng trong doanh nghiệp ngoài nhà nước", "cơ sở dữ liệu tổ chức cơ sở đảng, đảng viên"]),
    Theme("về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị trong giai đoạn mới",
          ["Đổi mới phương thức lãnh đạo của Đảng", "Nâng cao năng lực cầm quyền của Đảng", "Hoàn thiện quy chế làm việc của cấp ủy",
           "Đổi mới phong cách, lề lối làm việc", "Tăng cường mối quan hệ mật thiết giữa Đảng với nhân dân"],
          ["quy chế làm việc của cấp ủy", "việc ban hành và tổ chức thực hiện nghị quyết của cấp ủy", "phong cách, lề lối làm việc của cấp ủy",
           "cơ chế kiểm soát quyền lực trong công tác cán bộ", "việc thực hiện nguyên tắc tập trung dân chủ", "chế độ trách nhiệm của người đứng đầu"]),
    Theme("về nông nghiệp, nông dân, nông thôn đến năm 2030, tầm nhìn đến năm 2045",
          ["Phát triển nông nghiệp sinh thái, nông thôn hiện đại", "Nâng cao đời sống vật chất, tinh thần của nông dân",
           "Xây dựng nông thôn mới nâng cao, kiểu mẫu", "Phát triển kinh tế hợp tác, hợp tác xã"],
          ["chương trình mỗi xã một sản phẩm", "việc xây dựng nông thôn mới nâng cao, kiểu mẫu", "chuỗi liên kết sản xuất, tiêu thụ nông sản",
           "việc ứng dụng công nghệ cao trong sản xuất nông nghiệp", "công tác đào tạo nghề cho lao động nông thôn", "hoạt động của Hội Nông dân các cấp"]),
    Theme("về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
          ["Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Trách nhiệm nêu gương của cán bộ, đảng viên",
           "Xây dựng văn hóa công vụ", "Nhân rộng điển hình tiên tiến"],
          ["việc học tập chuyên đề hằng năm", "trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu",
           "việc xây dựng và nhân rộng các mô hình, điển hình tiên tiến", "việc đăng ký làm theo của cán bộ, đảng viên"]),
    Theme("về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới",
          ["Bảo vệ nền tảng tư tưởng của Đảng", "Đấu tranh phản bác các quan điểm sai trái, thù địch", "Nâng cao chất lượng công tác tuyên truyền"],
          ["hoạt động của Ban Chỉ đạo 35", "lực lượng cộng tác viên dư luận xã hội", "việc định hướng thông tin trên mạng xã hội",
           "công tác nắm bắt tình hình tư tưởng của cán bộ, đảng viên và nhân dân", "chất lượng thông tin nội bộ"]),
    Theme("về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
          ["Chuyển đổi số trong cơ quan đảng", "Phát triển hạ tầng số", "Phát triển nguồn nhân lực số", "Bảo đảm an toàn, an ninh mạng"],
          ["việc số hóa hồ sơ đảng viên", "phần mềm quản lý văn bản và hồ sơ công việc", "hệ thống thông tin báo cáo của cấp ủy",
           "kỹ năng số cho cán bộ, đảng viên", "việc bảo đảm an toàn thông tin mạng trong các cơ quan đảng"]),
    Theme("về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước phồn vinh, hạnh phúc",
          ["Phát huy sức mạnh khối đại đoàn kết toàn dân tộc", "Đổi mới nội dung, phương thức hoạt động của Mặt trận",
           "Thực hiện dân chủ ở cơ sở"],
          ["cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”", "vai trò giám sát và phản biện xã hội của Mặt trận",
           "việc thực hiện dân chủ ở cơ sở", "công tác vận động đồng bào dân tộc thiểu số, đồng bào có đạo"]),
    Theme("về công tác phòng, chống tham nhũng, tiêu cực trong tình hình mới",
          ["Phòng ngừa tham nhũng, tiêu cực", "Phát hiện, xử lý tham nhũng, tiêu cực", "Kiểm soát tài sản, thu nhập"],
          ["việc kê khai, kiểm soát tài sản, thu nhập", "công tác thanh tra, kiểm tra, giám sát", "việc xử lý đơn thư khiếu nại, tố cáo",
           "việc thu hồi tài sản tham nhũng", "cơ chế phòng ngừa xung đột lợi ích"]),
    Theme("về công tác cán bộ và xây dựng đội ngũ cán bộ các cấp đủ phẩm chất, năng lực, uy tín",
          ["Công tác quy hoạch cán bộ", "Đào tạo, bồi dưỡng cán bộ", "Đánh giá cán bộ", "Luân chuyển cán bộ"],
          ["công tác quy hoạch cán bộ lãnh đạo, quản lý", "việc đánh giá cán bộ theo kết quả, sản phẩm cụ thể", "việc luân chuyển cán bộ",
           "chính sách thu hút, trọng dụng nhân tài", "việc khuyến khích và bảo vệ cán bộ năng động, sáng tạo"]),
    Theme("về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức đáp ứng yêu cầu phát triển đất nước nhanh và bền vững",
          ["Xây dựng đội ngũ trí thức", "Tạo môi trường cho trí thức cống hiến", "Phát huy vai trò của Liên hiệp các hội khoa học và kỹ thuật"],
          ["chính sách đãi ngộ đội ngũ trí thức", "hoạt động tư vấn, phản biện và giám định xã hội", "việc kết nạp đảng viên là trí thức"]),
]

# --- words ------------------------------------------------------------------------

VERBS = [
    "Tăng cường", "Đẩy mạnh", "Tiếp tục thực hiện", "Nâng cao chất lượng", "Đổi mới", "Kiện toàn", "Rà soát, bổ sung", "Tổ chức quán triệt",
    "Triển khai thực hiện", "Chỉ đạo thực hiện", "Hướng dẫn thực hiện", "Kiểm tra, giám sát", "Tham mưu xây dựng", "Xây dựng và ban hành",
    "Củng cố", "Phát huy", "Thực hiện nghiêm", "Quan tâm", "Chú trọng", "Nghiên cứu, đề xuất", "Tổng hợp, đánh giá", "Đôn đốc",
    "Theo dõi", "Cụ thể hóa", "Sơ kết, tổng kết", "Đánh giá", "Bồi dưỡng", "Tuyên truyền", "Hoàn thiện", "Phối hợp tổ chức",
    "Thường xuyên kiểm tra", "Chủ động nắm tình hình về", "Kịp thời chấn chỉnh", "Đa dạng hóa", "Số hóa", "Thí điểm",
]
OBJECTS = [
    "công tác xây dựng Đảng và hệ thống chính trị", "năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng", "chất lượng đội ngũ đảng viên",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng", "chế độ sinh hoạt chi bộ, sinh hoạt cấp ủy", "công tác quản lý đảng viên",
    "đội ngũ cấp ủy viên cơ sở", "công tác đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên hằng năm", "quy chế làm việc của cấp ủy",
    "công tác quy hoạch, đào tạo, bồi dưỡng cán bộ", "công tác tuyên truyền, giáo dục chính trị, tư tưởng", "công tác phòng, chống tham nhũng, tiêu cực",
    "công tác dân vận của cơ quan nhà nước", "chính sách hỗ trợ hoạt động của tổ chức cơ sở đảng", "công tác bảo vệ chính trị nội bộ",
    "việc giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú", "công tác văn phòng cấp ủy", "công tác thi đua, khen thưởng",
    "ứng dụng công nghệ thông tin trong công tác Đảng", "việc thu, nộp, quản lý và sử dụng đảng phí", "công tác lưu trữ hồ sơ đảng viên",
    "sinh hoạt chuyên đề của chi bộ", "hoạt động của các tổ chức chính trị - xã hội", "công tác giải quyết khiếu nại, tố cáo",
    "công tác thông tin, báo cáo định kỳ", "việc thực hiện quy chế dân chủ ở cơ sở", "trách nhiệm của người đứng đầu cấp ủy",
    "việc cải cách thủ tục hành chính", "phong trào thi đua yêu nước", "đời sống vật chất, tinh thần của nhân dân",
]
COMPLEMENTS = [
    "gắn với thực hiện nhiệm vụ chính trị của địa phương, cơ quan, đơn vị", "bảo đảm thực chất, hiệu quả, tránh hình thức",
    "theo đúng quy định của Điều lệ Đảng", "phù hợp với tình hình thực tiễn của địa phương", "đáp ứng yêu cầu nhiệm vụ trong giai đoạn mới",
    "nhất là ở vùng đồng bào dân tộc thiểu số, vùng có đông đồng bào tôn giáo", "trên địa bàn {place}", "trong toàn Đảng bộ {local}",
    "đối với các chi bộ thôn, tổ dân phố", "kịp thời phát hiện, xử lý những vi phạm", "làm cơ sở cho việc đánh giá, xếp loại cuối năm",
    "khắc phục tình trạng nể nang, né tránh", "gắn với trách nhiệm của người đứng đầu", "theo hướng lượng hóa bằng sản phẩm cụ thể",
    "tạo chuyển biến rõ nét về nhận thức và hành động", "góp phần xây dựng Đảng bộ {local} trong sạch, vững mạnh",
    "tại các xã {communes}", "ở các đảng bộ {communes}", "bảo đảm đồng bộ, liên thông", "không để xảy ra điểm nóng",
    "với sự tham gia của cả hệ thống chính trị", "bằng nhiều hình thức phù hợp, hiệu quả",
]
PURPOSES = [
    "Quán triệt sâu sắc, đầy đủ mục tiêu, quan điểm, nhiệm vụ và giải pháp", "Tạo sự thống nhất cao về nhận thức và hành động trong toàn Đảng bộ",
    "Xác định rõ nhiệm vụ, giải pháp và trách nhiệm của từng cấp ủy, tổ chức đảng, cơ quan, đơn vị",
    "Cụ thể hóa và tổ chức thực hiện có hiệu quả", "Nâng cao vai trò, trách nhiệm của cấp ủy, tổ chức đảng và người đứng đầu",
]
SYLLABLES = ["Tân", "Hòa", "Bình", "Phú", "An", "Thạnh", "Lợi", "Xuân", "Hưng", "Đông", "Tây", "Nam", "Bắc", "Trung", "Thuận", "Phước",
             "Long", "Mỹ", "Hiệp", "Thành", "Quang", "Minh", "Đức", "Thịnh", "Lộc", "Sơn", "Hải", "Vĩnh", "Yên", "Ninh", "Cát", "Lâm",
             "Khánh", "Tiến", "Hợp", "Định", "Thọ", "Phong", "Kim", "Ngọc", "Đại", "Quảng", "Hoằng", "Triệu", "Nghĩa", "Tường", "Dương"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Mai", "Trịnh"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Công", "Đình", "Quốc"]
GIVEN = ["Tuấn", "Hùng", "Dũng", "Hà", "Lan", "Sơn", "Hải", "Bình", "Hòa", "Thắng", "Long", "Nam", "Phong", "Trung", "Thủy", "Hương",
         "Quân", "Vinh", "Tâm", "Khánh", "Cường", "Hiếu", "Nghĩa", "Phúc", "Thành", "Trí", "Yến", "Oanh"]

# Deadline phrases by class; {y} is a year near the plan's, {y1} the next one.
DEADLINES = {
    "once": ["quý I/{y}", "quý II/{y}", "Quý III/{y}", "quý IV năm {y}", "Quí IV-{y}", "hoàn thành trong tháng {m}/{y}", "trước {d}/{m}/{y}",
             "hoàn thành trước 31/3/{y}", "6 tháng đầu năm {y}", "trong năm {y}", "năm {y}", "trước tháng {m}/{y}", "tháng {m}/{y}",
             "Quý IV/{y} - Quý II/{y1}", "giai đoạn {y} - {y4}", "trong quý II năm {y}", "chậm nhất tháng {m}/{y}"],
    "from": ["thực hiện từ năm {y}", "*thực hiện từ quý II năm {y}*", "từ năm {y}, có đánh giá hàng năm",
             "thực hiện từ năm {y}, đánh giá kết quả thực hiện hàng năm", "từ năm {y} và các năm tiếp theo", "từ quý III/{y}"],
    "recurring": ["thường xuyên", "thực hiện thường xuyên", "*thực hiện thường xuyên*", "hằng năm", "hàng năm", "định kỳ 6 tháng",
                  "hằng quý", "trước ngày 15 hằng tháng", "định kỳ hằng năm", "liên tục", "hằng tháng"],
    "conditional": ["khi có hướng dẫn của Trung ương, của Tỉnh ủy", "sau khi có quy định, hướng dẫn của Trung ương",
                    "khi có cơ chế của Trung ương", "khi có quy định, hướng dẫn của Trung ương, Tỉnh ủy", "khi có yêu cầu",
                    "thực hiện theo hướng dẫn của Ban Tổ chức Trung ương", "thực hiện theo lộ trình của Trung ương", "đột xuất"],
    "target": ["phấn đấu đến năm {y4}", "đến năm 2030", "phấn đấu đến năm 2025 đạt trên 90%"],
    "both": ["thực hiện thường xuyên và khi có văn bản của Trung ương", "Định kỳ hàng năm hoặc khi có yêu cầu"],
    "unknown": ["trong nhiệm kỳ"],
}
DEADLINE_WEIGHTS = [("once", 30), ("from", 10), ("recurring", 30), ("conditional", 17), ("target", 6), ("both", 6.7), ("unknown", 0.3)]

# Documents outside the corpus that central plans implement and everyone may cite:
# (number, type, date, issuer, theme index or None, title when not a theme).
CENTRAL_DOCS = [
    ("21-NQ/TW", "nghi-quyet", date(2022, 6, 16), "Ban Chấp hành Trung ương Đảng (khóa XIII)", 0, None),
    ("28-NQ/TW", "nghi-quyet", date(2022, 11, 17), "Ban Chấp hành Trung ương Đảng (khóa XIII)", 1, None),
    ("19-NQ/TW", "nghi-quyet", date(2022, 6, 16), "Ban Chấp hành Trung ương Đảng (khóa XIII)", 2, None),
    ("05-CT/TW", "chi-thi", date(2016, 5, 15), "Bộ Chính trị", 3, None),
    ("35-NQ/TW", "nghi-quyet", date(2018, 10, 22), "Bộ Chính trị", 4, None),
    ("57-NQ/TW", "nghi-quyet", date(2024, 12, 22), "Bộ Chính trị", 5, None),
    ("43-NQ/TW", "nghi-quyet", date(2023, 11, 24), "Ban Chấp hành Trung ương Đảng (khóa XIII)", 6, None),
    ("50-CT/TW", "chi-thi", date(2015, 10, 7), "Ban Bí thư", 7, None),
    ("26-NQ/TW", "nghi-quyet", date(2018, 5, 19), "Ban Chấp hành Trung ương Đảng (khóa XII)", 8, None),
    ("45-NQ/TW", "nghi-quyet", date(2023, 11, 24), "Ban Chấp hành Trung ương Đảng (khóa XIII)", 9, None),
    ("21-KL/TW", "ket-luan", date(2021, 10, 25), "Ban Chấp hành Trung ương Đảng (khóa XIII)", None,
     "về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, đẩy lùi, xử lý nghiêm cán bộ, đảng viên suy thoái"),
    ("28-CT/TW", "chi-thi", date(2019, 1, 21), "Ban Bí thư", None,
     "về nâng cao chất lượng kết nạp đảng viên và rà soát, sàng lọc, đưa những đảng viên không còn đủ tư cách ra khỏi Đảng"),
    ("144-QĐ/TW", "quy-dinh", date(2024, 5, 9), "Bộ Chính trị", None, "về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới"),
    ("132-QĐ/TW", "quy-dinh", date(2023, 10, 27), "Bộ Chính trị", None, "về việc kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị"),
    ("12-HD/BTCTW", "huong-dan", date(2022, 12, 30), "Ban Tổ chức Trung ương", None, "về một số vấn đề cụ thể thi hành Điều lệ Đảng"),
    ("80/2021/NĐ-CP", "nghi-dinh", date(2021, 8, 26), "Chính phủ", None, "quy định chi tiết và hướng dẫn thi hành một số điều"),
]


@dataclass
class Doc:
    key: str
    number: str
    type: str
    date: date
    issuer: str  # as citations write it
    title: str
    theme: int
    plan: str | None = None  # plan id when the document is in the corpus
    implements: str | None = None  # key
    implements_of: str | None = None  # key of the grandparent (relied on)

    @property
    def label(self) -> str:
        return f"{TYPE_WORDS[self.type]} số {self.number}"


TYPE_WORDS = {
    "ke-hoach": "Kế hoạch", "chuong-trinh-hanh-dong": "Chương trình hành động", "nghi-quyet": "Nghị quyết", "ket-luan": "Kết luận",
    "chi-thi": "Chỉ thị", "quy-dinh": "Quy định", "quyet-dinh": "Quyết định", "huong-dan": "Hướng dẫn", "nghi-dinh": "Nghị định",
}


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def vn(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def cite(doc: Doc, *, with_issuer: bool = True) -> str:
    issuer = f" của {doc.issuer}" if with_issuer else ""
    return f"{doc.label}, ngày {vn(doc.date)}{issuer}"


# --- the plans ----------------------------------------------------------------------

@dataclass
class PlanSpec:
    id: str
    org: Org
    number: str
    type: str
    date: date
    issuer: str
    parent: Doc  # implements
    theme: int
    access: str
    doc: Doc | None = None  # this plan as a citable document
    supersedes: Doc | None = None
    earlier: list = field(default_factory=list)  # earlier plans of the same org (Doc)


def allocate(n: int, orgs: dict[str, Org]) -> dict[str, int]:
    """Plans per organisation: 1 % central, 14 % provinces, 10 % khối, 75 %
    districts; half of each share (bar the central one) in the big province."""
    weights: dict[str, float] = {"trung-uong": 0.01}
    shares = {"province": 0.14, "khoi": 0.10, "district": 0.75}
    for level, share in shares.items():
        big = [o for o in orgs.values() if o.level == level and o.province == BIG_PROVINCE]
        rest = [o for o in orgs.values() if o.level == level and o.province != BIG_PROVINCE]
        for o in big:
            weights[o.id] = share * 0.5 / len(big)
        for o in rest:
            weights[o.id] = share * 0.5 / len(rest)
    raw = {k: w * n for k, w in weights.items()}
    counts = {k: int(math.floor(v)) for k, v in raw.items()}
    left = n - sum(counts.values())
    for k in sorted(raw, key=lambda k: (-(raw[k] - counts[k]), k))[:left]:
        counts[k] += 1
    return counts


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def plan_specs(n: int, orgs: dict[str, Org], seed: int) -> tuple[list[PlanSpec], dict[str, Doc]]:
    rng = random.Random(f"specs-{seed}-{n}")
    counts = allocate(n, orgs)
    docs: dict[str, Doc] = {}
    central_docs = []
    for number, type_, when, issuer, theme, title in CENTRAL_DOCS:
        doc = Doc(f"trung-uong/{number}", number, type_, when, issuer, title or THEMES[theme].title, theme if theme is not None else 0)
        docs[doc.key] = doc
        if theme is not None:
            central_docs.append(doc)
    # Provincial programmes outside the corpus (registered), numbered below the corpus's.
    province_external: dict[str, list[Doc]] = {}
    for pid, place, _ in PROVINCES:
        out = []
        for i, parent in enumerate(rng.sample(central_docs, 4)):
            when = parent.date + timedelta(days=rng.randint(30, 120))
            number = f"{10 + 7 * i + rng.randint(0, 5)}-CTr/TU"
            doc = Doc(f"{pid}/{number}", number, "chuong-trinh-hanh-dong", when, f"Tỉnh ủy {place}",
                      f"thực hiện {parent.label} {THEMES[parent.theme].title}", parent.theme, implements=parent.key)
            docs[doc.key] = doc
            out.append(doc)
        province_external[pid] = out

    specs: list[PlanSpec] = []
    numbers: dict[str, int] = {}

    def number_for(org: Org, code: str) -> str:
        if org.id not in numbers:
            numbers[org.id] = rng.randint(100, 400)
        numbers[org.id] += rng.randint(1, 4)
        return f"{numbers[org.id]}-{code}/{org.codes[0]}"

    # Before commit 719f087 kehoach's implementation-tree order could not
    # compare a plan with a registered document of the same organisation
    # issued the same day (a TypeError in citation_index._node_order); the
    # corpus avoids that tie so that it builds, identically, on older commits.
    external_days = {(d.key.split("/", 1)[0], d.date) for ds in province_external.values() for d in ds}

    def make(org: Org, drafts: list[tuple[date, Doc, str, str, str]]) -> list[PlanSpec]:
        out = []
        earlier: list[Doc] = []
        for when, parent, type_, code, issuer in sorted(drafts, key=lambda d: (d[0], d[1].key)):
            while (org.id, when) in external_days:
                when += timedelta(days=1)
            number = number_for(org, code)
            pid = f"{org.id}-{number.split('/')[0].lower()}-{org.codes[0].lower().replace('đ', 'd')}"
            access = "noi-bo" if rng.random() < 0.15 else "cong-khai"
            spec = PlanSpec(pid, org, number, type_, when, issuer, parent, parent.theme, access)
            title = f"thực hiện {parent.label}, ngày {vn(parent.date)} của {parent.issuer} {THEMES[parent.theme].title}"
            doc = Doc(f"{org.id}/{number}", number, type_, when, issuer, title, parent.theme, plan=pid, implements=parent.key)
            docs[doc.key] = doc
            spec.doc = doc
            spec.earlier = list(earlier[-6:])
            if earlier and rng.random() < 0.05:
                spec.supersedes = rng.choice(earlier)
            earlier.append(doc)
            out.append(spec)
        return out

    # Central plans implement central resolutions.
    central = orgs["trung-uong"]
    drafts = []
    for _ in range(counts["trung-uong"]):
        parent = rng.choice(central_docs)
        drafts.append((parent.date + timedelta(days=rng.randint(20, 90)), parent, "ke-hoach", "KH", rng.choice(["Bộ Chính trị", "Ban Bí thư"])))
    central_specs = make(central, drafts)
    specs += central_specs
    central_targets = central_docs + [s.doc for s in central_specs]

    by_province: dict[str, list[Doc]] = {}
    for pid, place, _ in PROVINCES:
        org = orgs[pid]
        drafts = []
        for _ in range(counts[pid]):
            parent = rng.choice(central_targets)
            kind = rng.random() < 0.5
            drafts.append((parent.date + timedelta(days=rng.randint(20, 150)), parent,
                           "chuong-trinh-hanh-dong" if kind else "ke-hoach", "CTr" if kind else "KH",
                           rng.choice([f"Tỉnh ủy {place}", f"Ban Thường vụ Tỉnh ủy {place}"])))
        made = make(org, drafts)
        specs += made
        by_province[pid] = [s.doc for s in made]

    for org in orgs.values():
        if org.level not in ("district", "khoi"):
            continue
        corpus_parents = by_province[org.province]
        drafts = []
        for _ in range(counts[org.id]):
            if corpus_parents and rng.random() < 0.8:
                parent = rng.choice(corpus_parents)
            else:
                parent = rng.choice(province_external[org.province])
            issuer = rng.choice([org.name, f"Ban Thường vụ {org.unit}" if org.level == "district" else "Ban Thường vụ Đảng ủy Khối"])
            drafts.append((parent.date + timedelta(days=rng.randint(10, 120)), parent, "ke-hoach", "KH", issuer))
        specs += make(org, drafts)
    return specs, docs


# --- text ---------------------------------------------------------------------------

class Writer:
    """Writes one plan's Markdown."""

    def __init__(self, spec: PlanSpec, orgs: dict[str, Org], docs: dict[str, Doc], state_docs: dict, seed: int):
        self.spec = spec
        self.org = spec.org
        self.orgs = orgs
        self.docs = docs
        self.state_docs = state_docs
        self.rng = random.Random(f"plan-{seed}-{spec.id}")
        self.theme = THEMES[spec.theme]
        org = spec.org
        self.local = {"province": f"tỉnh {org.place}", "district": f"{org.local} {org.place}", "khoi": "Khối", "central": "toàn quốc"}[org.level]
        self.communes = [f"{self.rng.choice(SYLLABLES)} {self.rng.choice(SYLLABLES)}" for _ in range(8)]
        self.footnotes: list[str] = []
        self.year = spec.date.year
        self.duty_bodies = [b for b in org.bodies if b.duty]
        self.province = orgs[org.province] if org.province else None

    # -- words
    def fill(self, text: str) -> str:
        rng = self.rng
        if "{communes}" in text:
            text = text.replace("{communes}", ", ".join(rng.sample(self.communes, rng.randint(2, 4))))
        return text.replace("{place}", self.local).replace("{local}", self.local)

    def clause(self, objects=None) -> str:
        rng = self.rng
        obj = rng.choice(objects or (self.theme.objects + OBJECTS))
        out = f"{rng.choice(VERBS)} {obj}"
        if rng.random() < 0.7:
            out += ", " + self.fill(rng.choice(COMPLEMENTS))
        return out

    def sentence(self) -> str:
        rng = self.rng
        parts = [self.clause() for _ in range(rng.choice((1, 2, 2, 3)))]
        text = "; ".join(lower_first(p) if i else p for i, p in enumerate(parts))
        if rng.random() < 0.12:
            text += f", phấn đấu hằng năm có trên {rng.randint(70, 98)}% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ"
        if rng.random() < 0.08:
            text += f" theo {self.cite_other()}"
        return text

    def paragraph(self, n: int | None = None) -> str:
        n = n or self.rng.randint(2, 4)
        return ". ".join(self.sentence() for _ in range(n)) + "."

    def deadline(self, p: float = 0.7) -> str:
        rng = self.rng
        if rng.random() > p:
            return ""
        kinds, weights = zip(*DEADLINE_WEIGHTS)
        kind = rng.choices(kinds, weights)[0]
        y = self.year + rng.randint(0, 2)
        phrase = rng.choice(DEADLINES[kind]).format(y=y, y1=y + 1, y4=y + 4, m=rng.randint(1, 12), d=rng.randint(1, 28))
        return f" ({phrase})"

    def footnote(self) -> str:
        rng = self.rng
        n = len(self.footnotes) + 1
        choice = rng.random()
        if choice < 0.5:
            text = (f"Hiện nay, toàn Đảng bộ {self.local} có {rng.randint(40, 400)} chi bộ thôn, tổ dân phố, trong đó "
                    f"{rng.randint(20, 90)}% chi bộ có chi ủy; {rng.randint(1, 30)} tổ chức cơ sở đảng trong doanh nghiệp ngoài nhà nước.")
        elif choice < 0.8:
            text = f"Theo {self.cite_other()}."
        else:
            text = (f"Năm {self.year - 1}, toàn Đảng bộ kết nạp {rng.randint(50, 2000)} đảng viên mới, đạt {rng.randint(80, 130)}% "
                    f"chỉ tiêu; đưa ra khỏi Đảng {rng.randint(1, 40)} đảng viên không còn đủ tư cách.")
        self.footnotes.append(text)
        return f"[^{n}]"

    # -- citations
    def cite_other(self) -> str:
        """A document other than the bases: a registered central one, an
        earlier plan of the same organisation, or an unregistered state one."""
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            key = rng.choice([d[0] for d in CENTRAL_DOCS])
            return cite(self.docs[f"trung-uong/{key}"])
        if r < 0.7 and self.spec.earlier:
            return cite(rng.choice(self.spec.earlier))
        # A state document of the nearest territory, unregistered, one date per number.
        territory = self.org.province or "trung-uong"
        scope = territory if self.org.level != "district" else self.org.id
        pool = self.state_docs.setdefault(scope, [])
        if len(pool) < 12 or rng.random() < 0.1:
            number = f"{rng.randint(10, 999)}/{rng.choice(['KH', 'QĐ', 'CT'])}-UBND"
            when = date(rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28))
            if all(number != p[0] for p in pool):
                pool.append((number, when))
        number, when = rng.choice(pool)
        word = {"KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị"}[number.split("/")[1].split("-")[0]]
        who = f"Ủy ban nhân dân {self.local}" if self.org.level in ("province", "district") else f"Ủy ban nhân dân tỉnh {self.org.place}"
        return f"{word} số {number} ngày {vn(when)} của {who}"

    # -- bodies
    def name(self, body: Body) -> str:
        return body.name

    def pick_bodies(self, k: int, exclude=()) -> list[Body]:
        pool = [b for b in self.duty_bodies if b.id not in exclude]
        return self.rng.sample(pool, min(k, len(pool)))

    def supporters(self, lead: Body) -> str:
        rng = self.rng
        names = [b.name for b in self.pick_bodies(rng.randint(1, 3), exclude={lead.id})]
        if self.busy_supporter():
            names.insert(0, self.province.body("ban-to-chuc").name)
        if rng.random() < 0.3:
            names.append("các cơ quan liên quan")
        return ", ".join(names)

    def busy_supporter(self) -> bool:
        """District and khối plans work with the province's Ban Tổ chức; in the
        big province almost always (that body's page is the stress case)."""
        if self.org.level not in ("district", "khoi"):
            return False
        p = 0.6 if self.org.province == BIG_PROVINCE else 0.25
        return self.rng.random() < p

    # -- parts
    def duty_bullet(self, *, lead_verb: bool = False, lead: Body | None = None) -> str:
        rng = self.rng
        text = self.clause()
        if lead_verb and lead is not None:
            text = f"Chủ trì, phối hợp với {self.supporters(lead)} {lower_first(text)}"
        if rng.random() < 0.3:
            text += "; " + lower_first(self.clause())
        return text + self.deadline() + "."

    def write(self, target_bytes: int) -> str:
        rng = self.rng
        spec = self.spec
        org = self.org
        out: list[str] = []
        parent = spec.parent
        grand = self.docs.get(parent.implements) if parent.implements else None
        chain = cite(parent)
        if grand is not None:
            chain += f" thực hiện {cite(grand)}"
        out.append(f"Thực hiện {chain} {self.theme.title};")
        out.append(f"{spec.issuer} xây dựng Kế hoạch triển khai thực hiện {parent.label} như sau:")

        romans = iter(["I", "II", "III", "IV", "V", "VI", "VII"])
        out.append(f"## {next(romans)}. MỤC ĐÍCH, YÊU CẦU")
        out.append("### 1. Mục đích")
        out.append(f"{rng.choice(PURPOSES)} của {parent.label}; " + lower_first(self.paragraph(2)))
        out.append("### 2. Yêu cầu")
        for _ in range(rng.randint(2, 4)):
            out.append(f"- {self.sentence()}.")

        if rng.random() < 0.6:
            out.append(f"## {next(romans)}. MỤC TIÊU")
            out.append("### 1. Mục tiêu chung")
            out.append(self.paragraph())
            out.append("### 2. Mục tiêu cụ thể")
            for _ in range(rng.randint(3, 6)):
                out.append(f"- Phấn đấu đến năm {self.year + rng.randint(2, 5)} có {rng.randint(60, 100)}% {rng.choice(self.theme.objects + OBJECTS)} "
                           f"{self.fill(rng.choice(COMPLEMENTS))}{self.footnote() if rng.random() < 0.1 else ''}.")

        if rng.random() < 0.3:
            out.append(f"## {next(romans)}. CÔNG TÁC QUÁN TRIỆT, TUYÊN TRUYỀN")
            tuyen_giao = next((b for b in self.duty_bodies if b.id == "ban-tuyen-giao"), self.duty_bodies[0])
            cap_uy = next((b for b in org.bodies if b.kind == "class"), None)
            out.append(f"1. {tuyen_giao.name} chủ trì, phối hợp với {self.supporters(tuyen_giao)} tổ chức quán triệt, tuyên truyền {parent.label} "
                       f"đến cán bộ, đảng viên và nhân dân{self.deadline(1.0)}.")
            if cap_uy is not None:
                out.append(f"2. {cap_uy.name} tổ chức học tập, quán triệt {parent.label} và Kế hoạch này gắn với {rng.choice(OBJECTS)}{self.deadline(1.0)}.")

        # Tasks and solutions: the part the duty references point into.
        tasks_roman = next(romans)
        out.append(f"## {tasks_roman}. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
        structure: dict[int, list[int]] = {}
        topics = rng.sample(self.theme.topics, len(self.theme.topics))
        khoan = 0
        duty_budget = target_bytes * 0.35  # bytes left for the duty part
        while sum(len(x) + 2 for x in out) < target_bytes - duty_budget or khoan < 3:
            khoan += 1
            topic = topics[(khoan - 1) % len(topics)] if khoan <= len(topics) else f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
            out.append(f"### {khoan}. {topic}")
            points = []
            if rng.random() < 0.75:
                for j in range(1, rng.randint(2, 4) + 1):
                    points.append(j)
                    out.append(f"#### {khoan}.{j}. {rng.choice(VERBS)} {rng.choice(self.theme.objects + OBJECTS)}")
                    if rng.random() < 0.5:
                        for _ in range(rng.randint(2, 4)):
                            note = self.footnote() if rng.random() < 0.05 else ""
                            out.append(f"- {self.sentence()}{note}{self.deadline(0.2)}.")
                    else:
                        out.append(self.paragraph())
            else:
                for j in range(1, rng.randint(2, 3) + 1):
                    out.append(f"{khoan}.{j}. {self.paragraph()}")
                    points.append(-j)  # running paragraphs: not a heading, still a điểm
            structure[khoan] = points

        # The duty part.
        out.append(f"## {next(romans)}. {rng.choice(['NHIỆM VỤ CỤ THỂ', 'PHÂN CÔNG NHIỆM VỤ CỤ THỂ', 'PHÂN CÔNG THỰC HIỆN'])}")
        bodies = self.pick_bodies(rng.randint(6, min(10, len(self.duty_bodies))))
        if org.level == "province" and not any(b.id == "ban-to-chuc" for b in bodies):
            bodies.insert(0, org.body("ban-to-chuc"))
        item = 0
        start = sum(len(x) + 2 for x in out)
        i = 0
        while i < len(bodies) and (sum(len(x) + 2 for x in out) - start < duty_budget or i < 6):
            body = bodies[i]
            i += 1
            item += 1
            form = rng.random()
            if form < 0.5:  # a heading naming the body (or two), bullets under it
                heads = [body]
                if rng.random() < 0.2 and i < len(bodies):
                    heads.append(bodies[i])
                    i += 1
                joined = heads[0].name if len(heads) == 1 else f"{heads[0].name}, {heads[1].name}"
                out.append(f"### {item}. {joined}")
                for k in range(rng.randint(2, 6)):
                    out.append(f"- {self.duty_bullet(lead_verb=(k == 0 and rng.random() < 0.5), lead=heads[0])}")
            elif form < 0.7:  # "X chủ trì, phối hợp với Y ..."
                out.append(f"{item}. {body.name} chủ trì, phối hợp với {self.supporters(body)} "
                           f"{lower_first(self.clause())}{self.deadline()}.")
            elif form < 0.8:  # "X: Chủ trì ..." with a reference into the tasks part
                refs = self.reference(structure, tasks_roman)
                out.append(f"{item}. {body.name}: Chủ trì, phối hợp với {self.supporters(body)} tham mưu triển khai {refs}{self.deadline()}.")
            elif form < 0.9:  # an enumeration
                n = rng.randint(2, 5)
                parts = "; ".join(f"({k}) {self.clause()}{self.deadline(0.8)}" for k in range(1, n + 1))
                out.append(f"{item}. {body.name}: {parts}.")
            else:  # "Giao X ..."
                out.append(f"{item}. Giao {body.name} {lower_first(self.clause())}{self.deadline()}.")

        out.append(f"## {next(romans)}. TỔ CHỨC THỰC HIỆN")
        cap_uy = next((b for b in org.bodies if b.kind == "class"), self.duty_bodies[0])
        out.append(f"1. {cap_uy.name} căn cứ Kế hoạch này xây dựng kế hoạch cụ thể, tổ chức thực hiện nghiêm túc, hiệu quả{self.deadline(1.0)}.")
        lead = org.body("ban-to-chuc") if any(b.id == "ban-to-chuc" for b in org.bodies) else self.duty_bodies[0]
        out.append(f"2. {lead.name} chủ trì, phối hợp với {self.supporters(lead)} theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; "
                   f"định kỳ tổng hợp, báo cáo kết quả{self.deadline(1.0)}.")
        if org.level in ("district", "khoi") and self.busy_supporter():
            btc = self.province.body("ban-to-chuc")
            out.append(f"3. {lead.name} chủ trì, phối hợp với {btc.name} hướng dẫn, kiểm tra việc thực hiện ở cơ sở{self.deadline(1.0)}.")
        if spec.supersedes is not None or rng.random() < 0.2:
            out.append("***")
            if spec.supersedes is not None:
                out.append(f"Kế hoạch này thay thế {cite(spec.supersedes)}.")
            out.append("Kế hoạch này được phổ biến đến các chi bộ để thực hiện.")
        for n, text in enumerate(self.footnotes, 1):
            out.append(f"[^{n}]: {text}")
        return "\n\n".join(out) + "\n"

    def reference(self, structure: dict[int, list[int]], roman: str) -> str:
        """"các nội dung tại điểm 2.2 khoản 2, khoản 3 Mục III" over real labels."""
        rng = self.rng
        with_points = [k for k, pts in structure.items() if any(p > 0 for p in pts)]
        bits = []
        if with_points:
            k = rng.choice(with_points)
            j = rng.choice([p for p in structure[k] if p > 0])
            bits.append(f"điểm {k}.{j} khoản {k}")
        others = [k for k in structure if not bits or not bits[0].endswith(f"khoản {k}")]
        for k in sorted(rng.sample(others, min(len(others), rng.randint(1, 2)))):
            bits.append(f"khoản {k}")
        return f"các nội dung tại {', '.join(bits)} Mục {roman} của Kế hoạch"


def front_matter(spec: PlanSpec, orgs: dict[str, Org], docs: dict[str, Doc], rng: random.Random) -> str:
    org = spec.org
    parent = spec.parent
    grand = docs.get(parent.implements) if parent.implements else None

    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["---", f"id: {spec.id}", f"type: {spec.type}", f"number: {q(spec.number)}",
             f"number_as_printed: {q('Số ' + spec.number.replace('-', ' -', 1))}",
             f"date: {spec.date.isoformat()}", f"place: {q(org.place or PLACE_TW)}", f"organisation: {org.id}",
             f"issuer: {q(spec.issuer)}", f"title: {q(spec.doc.title[0].upper() + spec.doc.title[1:])}"]
    upper = []
    if org.level == "district":
        upper = [f"ĐẢNG BỘ TỈNH {orgs[org.province].place.upper()}", org.name.upper(), "*"]
    elif org.level == "khoi":
        upper = [f"ĐẢNG BỘ TỈNH {orgs[org.province].place.upper()}", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP", "*"]
    elif org.level == "province":
        upper = [f"ĐẢNG BỘ TỈNH {org.place.upper()}", "TỈNH ỦY", "*"]
    else:
        upper = ["BAN CHẤP HÀNH TRUNG ƯƠNG", "*"]
    kind_line = {"ke-hoach": "KẾ HOẠCH", "chuong-trinh-hanh-dong": "CHƯƠNG TRÌNH HÀNH ĐỘNG"}[spec.type]
    lines += ["letterhead:", f"  issuer_lines: {json.dumps(upper, ensure_ascii=False)}", '  motto: "ĐẢNG CỘNG SẢN VIỆT NAM"',
              f"  place_date_line: {q(f'{org.place or PLACE_TW}, ngày {spec.date.day} tháng {spec.date.month} năm {spec.date.year}')}",
              f"  heading_lines: [{q(kind_line)}]"]
    lines.append("bases:")
    for doc, relation in ((parent, "implements"), (grand, "relies-on")):
        if doc is None:
            continue
        lines += [f"  - document: {q(doc.number)}", f"    relation: {relation}", f"    type: {doc.type}",
                  f"    date: {doc.date.isoformat()}", f"    issuer: {q(doc.issuer)}"]
    if spec.supersedes is not None:
        old = spec.supersedes
        lines += ["supersedes:", f"  - document: {q(old.number)}", f"    type: {old.type}", f"    date: {old.date.isoformat()}",
                  f"    issuer: {q(old.issuer)}"]
    title = {"central": "TRƯỞNG BAN", "province": "BÍ THƯ", "district": "BÍ THƯ", "khoi": "BÍ THƯ"}[org.level]
    on_behalf = {"central": "T/M BỘ CHÍNH TRỊ", "province": "T/M TỈNH ỦY", "district": f"T/M {org.unit.upper()}",
                 "khoi": "T/M ĐẢNG ỦY KHỐI"}[org.level]
    lines += ["signer:", f"  on_behalf: {q(on_behalf)}", f"  title: {q(rng.choice([title, 'PHÓ ' + title]))}", f"  name: {q(person(rng))}"]
    recipients = []
    if org.parent:
        recipients.append(f"{orgs[org.parent].name} (b/c),")
    recipients += [f"{b.name}," for b in rng.sample([b for b in org.bodies if b.duty], 4)]
    recipients.append(f"Lưu Văn phòng {org.unit}.")
    lines.append("recipients:")
    lines += [f"  - {q(r)}" for r in recipients]
    lines += [f"access: {spec.access}", f'source: "synthetic/{spec.id}.txt"', "---", ""]
    return "\n".join(lines)


def agencies_yaml(orgs: dict[str, Org]) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = ["# Synthetic registry written by benchmarks/synth.py.", "organisations:"]
    for org in orgs.values():
        out += [f"  - id: {org.id}", f"    name: {q(org.name)}", f"    level: {org.level}",
                f"    parent: {org.parent or 'null'}", f"    codes: {json.dumps(org.codes, ensure_ascii=False)}"]
    out.append("bodies:")
    for org in orgs.values():
        out.append(f"  {org.id}:")
        for b in org.bodies:
            out += [f"    - id: {b.id}", f"      name: {q(b.name)}", f"      aliases: {json.dumps(b.aliases, ensure_ascii=False)}",
                    f"      kind: {b.kind}"]
    return "\n".join(out) + "\n"


def documents_yaml(docs: dict[str, Doc]) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = ["# Synthetic registry written by benchmarks/synth.py.", "documents:"]
    for doc in docs.values():
        if doc.plan is not None:
            continue
        out += [f"  - key: {q(doc.key)}", f"    type: {doc.type}", f"    number: {q(doc.number)}", f"    issuer: {q(doc.issuer)}",
                f"    date: {doc.date.isoformat()}", f"    title: {q(doc.title)}"]
        if doc.implements:
            out.append(f"    implements: [{q(doc.implements)}]")
    return "\n".join(out) + "\n"


def copy_project(project: Path, source: Path = REPO) -> None:
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("pages", "overrides"):
        if (project / name).exists():
            shutil.rmtree(project / name)
        shutil.copytree(source / name, project / name)


def generate(n: int, out: Path, seed: int = 1, source: Path = REPO) -> dict:
    """Write out/project (mkdocs.yml, pages/, overrides/ copied from ``source``,
    content/) and out/manifest.json."""
    orgs = organisations()
    specs, docs = plan_specs(n, orgs, seed)
    project = out / "project"
    content = project / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    copy_project(project, source)
    (content / "agencies.yml").write_text(agencies_yaml(orgs), encoding="utf-8")
    (content / "documents.yml").write_text(documents_yaml(docs), encoding="utf-8")
    sizes = random.Random(f"sizes-{seed}-{n}")
    state_docs: dict = {}
    total = 0
    for spec in specs:
        target = int(min(60_000, max(12_000, sizes.lognormvariate(math.log(21_000), 0.35))))
        writer = Writer(spec, orgs, docs, state_docs, seed)
        text = front_matter(spec, orgs, docs, random.Random(f"fm-{seed}-{spec.id}")) + "\n" + writer.write(target)
        data = text.encode("utf-8")
        total += len(data)
        (content / f"{spec.id}.md").write_bytes(data)
    big = orgs[BIG_PROVINCE]
    rare = next((s.number for s in specs if s.org.level == "province" and s.org.id != BIG_PROVINCE), specs[-1].number)
    manifest = {
        "plans": len(specs),
        "seed": seed,
        "organisations": len(orgs),
        "bodies": sum(len(o.bodies) for o in orgs.values()),
        "content_bytes": total,
        "mean_plan_bytes": round(total / max(1, len(specs))),
        "busy_body": BUSY_BODY,
        "busy_body_name": f"{big.body('ban-to-chuc').name} ({big.name})",
        "rare_query": rare,
        "common_query": "đảng viên",
        "project": str(project),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    manifest = generate(args.plans, args.out, args.seed)
    print(json.dumps(manifest, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
