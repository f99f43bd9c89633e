"""What clerks type into the search field, and the page each means.

Each query lists the pages any one of which must be among its first three
results (a content phrase: the plans that hold it; a body's name: its page;
a number: the document's page; a person or an organisation: their plans).
This set is for tuning; the acceptance check also runs queries held back."""

from __future__ import annotations

BD = "ke-hoach/binh-dinh-kh-thuc-hien-21-nq-tw.html"
BP = "ke-hoach/binh-phuoc-kh-thuc-hien-38-kl-tw.html"
DL = "ke-hoach/di-linh-90-kh-hu.html"
KH = "ke-hoach/dang-uy-khoi-lam-dong-kh-thuc-hien-42-ctr-tu.html"
PLANS = (BD, BP, DL, KH)


def body(path: str) -> str:
    return f"co-quan/{path}.html"


def document(path: str) -> str:
    return f"van-ban/{path}.html"


QUERIES: list[tuple[str, tuple[str, ...]]] = [
    # phrases of plan text, with and without diacritics
    ("chi bộ", PLANS),
    ("chi bo", PLANS),
    ("đảng viên", PLANS),
    ("dang bo", PLANS),
    ("phát triển đảng viên", PLANS),
    ("kết nạp đảng viên", PLANS),
    ("tổ chức cơ sở đảng", PLANS),
    ("bí thư chi bộ", PLANS),
    ("sinh hoạt chi bộ", PLANS + (document("binh-phuoc-03-hd-tu"),)),
    ("doanh nghiệp tư nhân", PLANS),
    ("danh gia xep loai chat luong", PLANS),
    ("Quỹ tín dụng", (DL,)),
    ("so noi vu", (BD,)),  # the receiving office's stamp
    # organisations and issuers: their plans
    ("Huyện ủy Di Linh", (DL,)),
    ("huyen uy di linh", (DL,)),
    ("Tỉnh ủy Bình Phước", (BP,)),
    ("tinh uy binh dinh", (BD,)),
    ("Ban Thường vụ Tỉnh ủy Bình Định", (BD,)),
    ("Đảng ủy Khối các cơ quan tỉnh Lâm Đồng", (KH,)),
    ("dang uy khoi cac co quan tinh", (KH,)),
    ("Bình Phước", (BP,)),
    # signers: the plans they signed
    ("Hồ Quốc Dũng", (BD,)),
    ("tran tue hien", (BP,)),
    ("Phạm Thanh Quan", (KH,)),
    ("dinh van tuan", (DL,)),
    # bodies by name: their page
    ("Ban Tổ chức", (body("binh-phuoc/ban-to-chuc"), body("binh-dinh/ban-to-chuc"), body("lam-dong-di-linh/ban-to-chuc"))),
    ("Ban Tổ chức Huyện ủy", (body("lam-dong-di-linh/ban-to-chuc"),)),
    ("ban tuyen giao tinh uy", (body("binh-dinh/ban-tuyen-giao"), body("binh-phuoc/ban-tuyen-giao"))),
    ("Ủy ban Kiểm tra Đảng ủy Khối", (body("lam-dong-khoi-cqt/uy-ban-kiem-tra"),)),
    ("uỷ ban kiểm tra huyện uỷ", (body("lam-dong-di-linh/uy-ban-kiem-tra"),)),
    ("Văn phòng Huyện ủy", (body("lam-dong-di-linh/van-phong"),)),
    ("Ban Dân vận Tỉnh ủy", (body("binh-phuoc/ban-dan-van"),)),
    ("Đảng đoàn Hội Liên hiệp Phụ nữ tỉnh", (body("binh-dinh/dang-doan-hoi-lhpn"),)),
    ("dang doan lien doan lao dong tinh", (body("binh-dinh/dang-doan-ldld"),)),
    ("Trung tâm Chính trị huyện", (body("lam-dong-di-linh/trung-tam-chinh-tri"),)),
    ("Ban Thường vụ Tỉnh đoàn", (body("binh-dinh/tinh-doan"),)),
    ("Ban cán sự đảng Ủy ban nhân dân tỉnh", (body("binh-dinh/ban-can-su-dang-ubnd"), body("binh-phuoc/ban-can-su-dang-ubnd"))),
    ("Thường trực Đảng ủy Khối", (body("lam-dong-khoi-cqt/thuong-truc"),)),
    ("dang uy quan su huyen", (body("lam-dong-di-linh/dang-uy-quan-su"),)),
    ("thuong truc hoi dong nhan dan huyen", (body("lam-dong-di-linh/thuong-truc-hdnd"),)),
    ("trung tam van hoa thong tin", (body("lam-dong-di-linh/trung-tam-vhttt"),)),
    # document numbers: the document's page (a plan of content/: the plan)
    ("21-NQ/TW", (document("trung-uong-21-nq-tw"),)),
    ("38-KL/TW", (document("trung-uong-38-kl-tw"),)),
    ("ket luan 38", (document("trung-uong-38-kl-tw"),)),
    ("42-CTr/TU", (document("lam-dong-42-ctr-tu"),)),
    ("Chỉ thị 28-CT/TW", (document("trung-uong-28-ct-tw"),)),
    ("101-QĐ/TW", (document("trung-uong-101-qd-tw"),)),
    ("Nghị quyết 22-NQ/TW", (document("trung-uong-22-nq-tw"),)),
    ("90-KH/HU", (DL,)),
]
