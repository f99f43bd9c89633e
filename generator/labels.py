"""Vietnamese words the site shows for codes used in content and data."""

DOC_TYPES = {
    "ke-hoach": "Kế hoạch",
    "chuong-trinh-hanh-dong": "Chương trình hành động",
    "nghi-quyet": "Nghị quyết",
    "ket-luan": "Kết luận",
    "chi-thi": "Chỉ thị",
    "quy-dinh": "Quy định",
    "quyet-dinh": "Quyết định",
    "huong-dan": "Hướng dẫn",
    "thong-bao": "Thông báo",
    "cong-van": "Công văn",
    "bao-cao": "Báo cáo",
    "de-an": "Đề án",
    "nghi-dinh": "Nghị định",
    "thong-tu": "Thông tư",
}

ORG_LEVELS = {
    "central": "Trung ương",
    "province": "Cấp tỉnh",
    "district": "Cấp huyện",
    "khoi": "Đảng bộ khối",
}

ACCESS = {"cong-khai": "Công khai", "noi-bo": "Nội bộ", "mat": "Mật"}

ROLES = {"lead": "Chủ trì", "support": "Phối hợp", "assigned": "Thực hiện"}


def doc_type(code: str | None) -> str:
    return DOC_TYPES.get(code or "", code or "Văn bản")
