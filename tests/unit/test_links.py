import pytest

from generator.links import relative


@pytest.mark.parametrize(
    "origin,target,expected",
    [
        ("co-quan/binh-dinh/ban-to-chuc.md", "ke-hoach/p.md#muc-iv-khoan-1-gach-2", "../../ke-hoach/p.html#muc-iv-khoan-1-gach-2"),
        ("moc-thoi-gian.md", "co-quan/lam-dong/ban-to-chuc.md", "co-quan/lam-dong/ban-to-chuc.html"),
        ("ke-hoach/p.md", "data/lich/tat-ca.ics", "../data/lich/tat-ca.ics"),
        ("index.md", "ke-hoach/p.md", "ke-hoach/p.html"),
    ],
)
def test_relative_links_point_at_html_pages(origin, target, expected):
    assert relative(origin, target) == expected
