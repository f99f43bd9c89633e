import unicodedata

import pytest

from generator.text import comparable, fold, normalize, slugify, sort_key


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Huyện uỷ", "Huyện ủy"),
        ("UỶ BAN", "ỦY BAN"),
        ("chuyển hoá", "chuyển hóa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("quý", "quý"),  # "qu" is the consonant: the tone stays on y
        ("hoàn thành", "hoàn thành"),  # closed syllable: nothing to move
        (unicodedata.normalize("NFD", "Đảng ủy"), "Đảng ủy"),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected
    assert unicodedata.is_normalized("NFC", normalize(raw))


def test_comparable_ignores_case_form_and_tone_placement():
    assert comparable("Huyện uỷ  Di Linh") == comparable(unicodedata.normalize("NFD", "HUYỆN ỦY DI LINH"))


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Đảng đoàn", "dang-doan"),
        ("Ban Tổ chức Huyện ủy", "ban-to-chuc-huyen-uy"),
        ("42-CTr/TU", "42-ctr-tu"),
        ("QĐi", "qdi"),
    ],
)
def test_slugify_keeps_d_and_is_ascii(raw, expected):
    assert slugify(raw) == expected


def test_fold():
    assert fold("Đảng bộ Huyện uỷ") == "dang bo huyen uy"


def test_vietnamese_alphabetical_order():
    names = ["Ủy ban Kiểm tra", "Đảng đoàn", "Dân vận", "Ăn", "An", "Âm", "Ban Tổ chức", "Ê", "E", "Ơ", "Ô", "O", "Ư", "U"]
    assert sorted(names, key=sort_key) == [
        "An", "Ăn", "Âm", "Ban Tổ chức", "Dân vận", "Đảng đoàn", "E", "Ê", "O", "Ô", "Ơ", "U", "Ủy ban Kiểm tra", "Ư",
    ]


def test_tones_order_after_the_letter():
    assert sorted(["mả", "má", "ma", "mạ", "mà", "mã"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
