"""Vietnamese words the site shows for codes used in content and data."""

import re

from . import vocabulary

ACCESS = {"cong-khai": "Công khai", "noi-bo": "Nội bộ", "mat": "Mật"}

ROLES = {"lead": "Chủ trì", "support": "Phối hợp", "assigned": "Thực hiện"}


def doc_type(code: str | None) -> str:
    """ "Kế hoạch" for "ke-hoach" (generator/vocabulary.py)."""
    return vocabulary.name(code)


# What a spreadsheet or a printed list says for a deadline's kind.
DEADLINE_KINDS = {
    "once": "Có hạn cụ thể",
    "from": "Bắt đầu từ",
    "recurring": "Thường xuyên, định kỳ",
    "conditional": "Khi có điều kiện",
    "target": "Mục tiêu đến",
    "none": "Không ghi thời hạn",
    "unknown": "Thời hạn chưa đọc được",
}

# Levels of a plan's numbering as legal Vietnamese names them (DOMAIN.md §3).
LEVEL_WORDS = {1: "Mục", 2: "khoản", 3: "điểm", 4: "tiết"}

_FOOTNOTE_MARK = re.compile(r"\s*\[\^[^\]\s]+\]")


def duty_text(text: str | None) -> str:
    """A duty's text as a list or an export shows it: without the plan's raw
    footnote marks ("[^3]"); the note itself stays on the plan page."""
    if not text:
        return ""
    return _FOOTNOTE_MARK.sub("", text)


def plan_places(plan) -> dict[str, str]:
    """Where each node of ``plan`` sits, as a clerk cites it: anchor ->
    "Mục IV, khoản 1, điểm 1.2" ("Phần mở đầu" before the first part,
    "Phần kết" after the body)."""
    out: dict[str, str] = {}

    def visit(node, chain: tuple[str, ...]) -> None:
        if node.level in LEVEL_WORDS and node.label:
            chain = chain + (f"{LEVEL_WORDS[node.level]} {node.label}",)
        if chain:
            out[node.anchor] = ", ".join(chain)
        elif node.anchor.startswith("mo-dau"):
            out[node.anchor] = "Phần mở đầu"
        elif node.anchor.startswith("ket-"):
            out[node.anchor] = "Phần kết"
        for child in node.children:
            visit(child, chain)

    for node in plan.body:
        visit(node, ())
    return out


def issuer_label(issuer: str, organisation: str | None) -> str:
    """One spelling of an issuer, whether a plan writes "Ban Thường vụ Tỉnh
    ủy Bình Phước" or "Ban Thường vụ Tỉnh ủy" of Tỉnh ủy Bình Phước: the
    issuer completed by its organisation's name."""
    from .text import comparable

    if not organisation or comparable(organisation) in comparable(issuer):
        return issuer
    words, org_words = issuer.split(), organisation.split()
    # "… Tỉnh ủy" + "Tỉnh ủy Bình Phước": the issuer ends where the organisation's name begins
    for n in range(min(len(words), len(org_words) - 1), 0, -1):
        if comparable(" ".join(words[-n:])) == comparable(" ".join(org_words[:n])):
            return " ".join(words + org_words[n:])
    return f"{issuer} ({organisation})"
