"""The grammar of Vietnamese body names, for finding doers the registry
does not know yet.

A body name opens with a head noun ("Sở", "Ủy ban", "Ban cán sự đảng",
"các doanh nghiệp", "UBND" ...) and runs on through its qualifiers ("Tài
chính", "nhân dân tỉnh", "Văn hóa, Thông tin và Thể thao") until a verb
("chủ trì", "phối hợp", "tham mưu" ...), a colon, a parenthesis, a clause
end, or a separator before another head ("Sở Tài chính, Kho bạc Nhà nước
tỉnh").  The heads and the stops are the two tables below, :data:`HEADS`
and :data:`STOPS`; everything else here reads text with them.

What is read here, and nothing else: which names a piece of text holds
(:func:`names_in`), the names that open a sentence as its subject
(:func:`leading_names`), the supporters after "phối hợp với"
(:func:`supporters`), whether a name is a body or a class of bodies
(:func:`kind_of`), and which spellings of one plan are one body
(:func:`group_names`: "Sở KH&CN" = "Sở Khoa học và Công nghệ").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..agencies import GENERIC_PARTNERS, match_key
from ..text import squash_spaces


@dataclass(frozen=True)
class Head:
    """A head noun that opens a body name."""

    words: str  # as written, case as printed ("các" heads are lower case)
    kind: str = "body"  # "body" | "class"
    nests: bool = False  # may stand inside another name: "Văn phòng *Ủy ban nhân dân tỉnh*"
    prefix: bool = False  # names a part of the body after it: "*Đảng đoàn* Hội Nông dân tỉnh"
    proper: bool = False  # a body only when a proper name or a level word follows ("Thanh tra tỉnh", not "thanh tra, kiểm tra")


_H = Head
HEADS: tuple[Head, ...] = (
    # state bodies
    _H("Sở"), _H("Ủy ban nhân dân", nests=True), _H("UBND", nests=True), _H("Ủy ban", nests=True), _H("UB", nests=True, proper=True),
    _H("Hội đồng nhân dân", nests=True), _H("HĐND", nests=True), _H("Hội đồng", proper=True),
    _H("Văn phòng", prefix=True), _H("VP", prefix=True, proper=True), _H("Thanh tra", prefix=True, proper=True),
    _H("Công an", nests=True), _H("Cảnh sát", proper=True), _H("Bộ Chỉ huy"), _H("BCH", proper=True), _H("Bộ đội Biên phòng", nests=True),
    _H("Bộ", nests=True, proper=True), _H("Cục"), _H("Chi cục"), _H("Tổng cục"), _H("Kho bạc"), _H("Ngân hàng"),
    _H("Bảo hiểm xã hội"), _H("BHXH"), _H("Tòa án"), _H("Toà án"), _H("Viện kiểm sát"), _H("Viện", proper=True),
    _H("Trung tâm"), _H("Đài"), _H("Báo và Phát thanh"), _H("Báo", proper=True), _H("Trường", proper=True), _H("Học viện"), _H("Bệnh viện"),
    _H("Phòng", proper=True), _H("Ban Quản lý"), _H("Quỹ", proper=True), _H("Hải quan", proper=True), _H("Cảng vụ"),
    _H("Bưu điện"), _H("Điện lực", proper=True), _H("Công ty"), _H("Tổng công ty"), _H("Tập đoàn"),
    _H("Viettel"), _H("VNPT"), _H("MobiFone"), _H("Mobifone"), _H("FPT", proper=True),
    # since the 2025 reform "Thuế tỉnh X" (was Cục Thuế), "Hạt Kiểm lâm", a national park
    _H("Thuế", nests=True, proper=True), _H("Hạt", proper=True), _H("Vườn quốc gia"), _H("Ban Chỉ đạo", proper=True),
    # party bodies
    _H("Ban cán sự đảng", prefix=True), _H("Ban Thường vụ", prefix=True), _H("Ban Chấp hành", prefix=True), _H("Ban Giám đốc", prefix=True),
    _H("Ban"), _H("Đảng ủy", prefix=True, nests=True), _H("Đảng uỷ", prefix=True, nests=True), _H("Đảng đoàn", prefix=True),
    _H("Tỉnh ủy", nests=True), _H("Tỉnh uỷ", nests=True), _H("Huyện ủy", nests=True), _H("Huyện uỷ", nests=True),
    _H("Thành ủy", nests=True), _H("Thị ủy", nests=True), _H("Chi bộ", prefix=True), _H("Thường trực", prefix=True),
    # the Front, mass organisations, associations
    _H("Mặt trận", nests=True), _H("MTTQ", nests=True), _H("Hội", nests=True, proper=True), _H("Hiệp hội"),
    _H("Liên đoàn", nests=True), _H("Liên minh", nests=True), _H("Tỉnh đoàn", nests=True), _H("Huyện đoàn", nests=True),
    _H("Thành đoàn", nests=True), _H("Đoàn", nests=True, proper=True), _H("Công đoàn", prefix=True, proper=True),
    # classes of bodies
    _H("các sở", "class"), _H("các ban", "class"), _H("các ngành", "class"), _H("các cơ quan", "class"), _H("các đơn vị", "class"),
    _H("các doanh nghiệp", "class"), _H("các tổ chức", "class"), _H("các hội", "class"), _H("các đoàn thể", "class"),
    _H("các địa phương", "class"), _H("các huyện", "class"), _H("các xã", "class"), _H("các trường", "class"),
    _H("các ngân hàng", "class"), _H("các cấp ủy", "class"), _H("các cấp uỷ", "class"), _H("các huyện ủy", "class"),
    _H("các đảng ủy", "class"), _H("các chi bộ", "class"), _H("các hợp tác xã", "class"), _H("các nhà mạng", "class"),
    _H("các cơ sở", "class"), _H("các bệnh viện", "class"), _H("các phòng", "class"), _H("các Sở", "class"), _H("các Ban", "class"),
)

# Words that end a name: the verbs a doer is followed by, and the function
# words that start a clause or a complement.  Lower case: "Ban Tổ chức",
# "Ban Chỉ đạo" hold the capitalised nouns.
STOPS: tuple[str, ...] = (
    "chủ trì", "phối hợp", "tham mưu", "thực hiện", "triển khai", "tổ chức", "xây dựng", "rà soát", "có trách nhiệm",
    "chịu trách nhiệm", "căn cứ", "theo dõi", "hướng dẫn", "chỉ đạo", "tiến hành", "nghiên cứu", "tăng cường", "tiếp tục",
    "chủ động", "khẩn trương", "quán triệt", "tuyên truyền", "kiểm tra", "giám sát", "đôn đốc", "tổng hợp", "báo cáo",
    "đề xuất", "yêu cầu", "giao", "đề nghị", "ban hành", "cung cấp", "bố trí", "cân đối", "hỗ trợ", "phát huy", "vận động",
    "lãnh đạo", "cần", "phải", "được", "là", "thường xuyên", "định kỳ", "hằng năm", "hàng năm", "bảo đảm", "đảm bảo",
    "ưu tiên", "nâng cao", "phổ biến", "cập nhật", "biên soạn", "đẩy mạnh", "quản lý", "làm", "phấn đấu", "xem xét",
    "thẩm định", "trình", "tập trung", "đánh giá", "nắm", "bám sát", "duy trì", "phát triển", "tích cực", "nghiêm túc",
    "cụ thể hóa", "cụ thể hoá", "lồng ghép", "sơ kết", "tổng kết", "hoàn thành", "hoàn thiện", "thông báo", "gửi",
    "để", "nhằm", "theo", "về", "trong", "tại", "đối với", "của", "đã", "đang", "sẽ", "khi", "nếu", "cho", "từ", "trước",
    "sau", "gồm", "như", "thì", "mà", "bằng", "qua", "trên", "dưới", "vào", "đến", "hoặc", "với", "cùng", "đồng thời",
    "căn cứ vào", "tùy theo", "có", "năm", "quý", "tháng", "tư vấn", "đưa", "mở", "bồi dưỡng", "phát động", "thành lập",
    "tiếp nhận", "giải quyết", "phát hiện", "xử lý", "ứng dụng", "số hóa", "vận hành", "khai thác", "chuẩn bị", "công bố",
    "cử", "tham gia", "tham dự", "trao đổi", "thống nhất", "tạo điều kiện", "ký kết", "thu thập", "lập", "điều tra",
    "khảo sát", "sắp xếp", "kiện toàn", "bổ sung", "sửa đổi", "thẩm tra", "phê duyệt", "quyết định", "tiếp cận", "nêu",
    "biểu dương", "khen thưởng", "đào tạo", "tập huấn", "nhân rộng", "định hướng", "phản ánh", "đăng tải", "xuất bản",
    # more verbs of administrative writing: where a collective's name ("các sở, ngành") ends
    "xúc tiến", "quảng bá", "thu hút", "huy động", "lựa chọn", "thống kê", "kết nối", "đầu tư", "mua sắm", "bàn giao",
    "điều chỉnh", "thực thi", "giới thiệu", "chuyển giao", "áp dụng", "xác định", "xác minh", "kiểm soát", "ngăn chặn",
    "phòng ngừa", "đấu tranh", "sửa chữa", "nâng cấp", "cải tạo", "bảo vệ", "bảo quản", "lưu trữ", "nhắc nhở", "xử phạt",
    "quyết toán", "phân bổ", "đăng ký", "gia hạn", "thu hồi", "hưởng ứng", "phát sóng", "đưa tin", "học tập", "lắp đặt",
    "thu gom", "cung ứng", "chấp hành", "tuân thủ", "rà soát", "tổ chức thực hiện", "phối kết hợp", "đẩy nhanh",
    "góp phần", "chăm lo", "quan tâm", "theo sát", "nắm bắt", "thẩm định", "tiếp thu", "giải trình", "cam kết",
)

# Plural nouns that continue a collective after a comma or "và":
# "các sở, ban, ngành", "UBND các huyện, thị xã, thành phố".
COLLECTIVE_NOUNS: tuple[str, ...] = (
    "sở", "ban", "ngành", "cơ quan", "đơn vị", "địa phương", "thị xã", "thành phố", "huyện", "xã", "phường", "thị trấn",
    "doanh nghiệp", "tổ chức", "đoàn thể", "hội", "hội đoàn thể", "trường", "ngân hàng", "hợp tác xã", "thị ủy", "thành ủy",
    "đảng ủy", "đảng uỷ", "chi bộ", "mặt trận", "tổ chức chính trị - xã hội", "cơ sở", "bệnh viện", "phòng",
    "đặc khu", "quận", "huyện ủy", "huyện uỷ", "quận ủy", "quận uỷ", "đảng bộ", "khu công nghiệp", "trường học",
)

# Words of a place or level after which a name is complete ("Công an tỉnh").
LEVEL_WORDS: tuple[str, ...] = ("tỉnh", "huyện", "thành phố", "thị xã", "xã", "phường", "thị trấn", "quận", "đặc khu", "Trung ương", "TW")

# Phrases that open with a head's word but are not names.
NOT_NAMES: tuple[str, ...] = (
    "báo cáo", "trường hợp", "hội nghị", "hội thảo", "hội thi", "hội viên", "ban hành", "đoàn kết", "bộ máy", "bộ tiêu chí",
    "bộ phận", "bộ công cụ", "bộ tài liệu", "sở hữu", "hội đồng thi",
)

# "các cơ quan, đơn vị liên quan", "các đơn vị có liên quan": not a body
# unless it is the doer (then a class).
_GENERIC = GENERIC_PARTNERS

# What comes before a subject list: "Giao", "Đề nghị:", "Phân công".
_SUBJECT_PREFIX = re.compile(r"^(?:(?:kính\s+)?đề nghị|giao(?:\s+cho)?|phân công|yêu cầu)\s*:?\s+", re.I)
# "Ủy ban nhân dân tỉnh yêu cầu các Sở ...": the issuer speaks, the object does.
ASKING_VERB = re.compile(r"^\s*(?:yêu cầu|giao(?:\s+cho)?|đề nghị|phân công|chỉ đạo)\s*:?\s+", re.I)
_SUPPORT = re.compile(r"phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+", re.I)
_NOT_A_DOER = re.compile(r"^\s*(?:là|đã|được|có|gồm|ban hành)\b", re.I)


# --- the scanner ----------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:[&\-./][^\W_]+)*")


def clean(text: str) -> str:
    """Emphasis residue out ("**Sở Nội vụ**", "*Đơn vị chủ trì: *Sở ..."),
    glued names apart ("Sở Tài chínhSở Nội vụ" -> "Sở Tài chính; Sở Nội vụ")."""
    text = re.sub(r"[*_]+", " ", text)
    text = _GLUE.sub("; ", text)
    return squash_spaces(text).strip()


def _compile_heads() -> list[tuple[Head, list[str]]]:
    return sorted(((h, [match_key(w) for w in h.words.split()]) for h in HEADS), key=lambda item: -len(item[1]))


_HEADS = _compile_heads()
# the heads by their first word, longest first: a word is looked up, not compared with every head
_HEADS_BY_FIRST: dict[str, list[tuple[Head, list[str]]]] = {}
for _head, _words in _HEADS:
    _HEADS_BY_FIRST.setdefault(_words[0], []).append((_head, _words))
def _by_first(phrases) -> dict[str, list[list[str]]]:
    """Phrases split into words, grouped by their first word, longest first."""
    out: dict[str, list[list[str]]] = {}
    for words in sorted((p.split() for p in phrases), key=len, reverse=True):
        out.setdefault(words[0], []).append(words)
    return out


_STOPS = _by_first(STOPS)
# Duty verbs that open a sentence and are no part of any body's name (unlike
# "Xây dựng", "Kiểm tra", "Tổ chức", "Quản lý", "Phát triển", "Đào tạo",
# "Chỉ đạo" in Sở Xây dựng, Ủy ban Kiểm tra, Ban Tổ chức, Ban Quản lý, Sở
# Nông nghiệp và Phát triển nông thôn, Sở Giáo dục và Đào tạo, Ban Chỉ đạo).
SENTENCE_VERBS: tuple[str, ...] = (
    "chủ trì", "phối hợp", "tham mưu", "thực hiện", "triển khai", "rà soát", "có trách nhiệm", "chịu trách nhiệm",
    "căn cứ", "theo dõi", "hướng dẫn", "tiến hành", "nghiên cứu", "tăng cường", "tiếp tục", "chủ động", "khẩn trương",
    "quán triệt", "tuyên truyền", "giám sát", "đôn đốc", "tổng hợp", "đề xuất", "ban hành", "cung cấp", "bố trí",
    "vận động", "lãnh đạo", "là", "bảo đảm", "đảm bảo", "đẩy mạnh", "tập trung", "nâng cao", "đưa", "tham gia",
    "sơ kết", "tổng kết", "cụ thể hóa", "cụ thể hoá", "xem xét", "thẩm định", "phổ biến", "biên soạn", "hoàn thành",
)
_SENTENCE_VERBS = _by_first(SENTENCE_VERBS)
_COLLECTIVE = _by_first(COLLECTIVE_NOUNS)
_LEVELS = {match_key(w) for w in LEVEL_WORDS}
_NOT_NAMES = _by_first(NOT_NAMES)
_PLACE_UNITS = _by_first(("thành phố", "thị xã", "cấp tỉnh", "cấp huyện"))
_GLUE = re.compile(
    r"(?<=[a-zà-ỹđ])(?=(?:" + "|".join(re.escape(h.words) for h in HEADS if h.words[:1].isupper() and not h.proper) + r")\b)"
)


@dataclass(frozen=True)
class Span:
    """A name found in a text: where, and the head it opens with."""

    start: int
    end: int
    name: str
    head: Head


class _Words:
    """The words of a text with what lies between them."""

    def __init__(self, text: str):
        self.text = text
        self.items = list(_WORD.finditer(text))
        self.keys = [match_key(m.group(0)) for m in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def gap(self, i: int) -> str:
        """What lies before word ``i``."""
        start = self.items[i - 1].end() if i else 0
        return self.text[start : self.items[i].start()]

    def phrase_at(self, i: int, phrases: dict[str, list[list[str]]]) -> int:
        """Length in words of the longest phrase of ``phrases`` (by first word,
        see :func:`_by_first`) at word ``i`` (0: none)."""
        for words in phrases.get(self.keys[i], ()):
            n = len(words)
            if self.keys[i : i + n] == words and all(not self.gap(j).strip() or self.gap(j).strip() in "-–" for j in range(i + 1, i + n)):
                return n
        return 0

    def stop_at(self, i: int, *, inside: bool = False) -> bool:
        """A word the name cannot run into.  ``inside``: the name has words
        after its head already, so a capitalised duty verb there begins the
        next sentence ("3. Sở Tài chính" + "Chủ trì, ..." on one line)."""
        word = self.items[i].group(0)
        if self.keys[i : i + 3] == ["có", "liên", "quan"]:
            return False  # "các cơ quan có liên quan": a partner's name
        if word[:1].islower():
            return self.phrase_at(i, _STOPS) > 0
        return inside and self.phrase_at(i, _SENTENCE_VERBS) > 0

    def head_at(self, i: int) -> tuple[Head, int] | None:
        """The head that opens a name at word ``i``, and its length."""
        word = self.items[i].group(0)
        for head, words in _HEADS_BY_FIRST.get(self.keys[i], ()):
            n = len(words)
            if self.keys[i : i + n] != words:
                continue
            if any(self.gap(j).strip() for j in range(i + 1, i + n)):
                continue
            if head.kind == "body" and not word[:1].isupper():
                continue
            if head.kind == "class" and head.words[:1].islower() and not word[:1].islower() and word != "Các":
                continue
            if self.phrase_at(i, _NOT_NAMES):
                continue
            nxt = i + n
            if head.proper and not self._proper_follows(nxt):
                continue
            return head, n
        return None

    def _proper_follows(self, i: int) -> bool:
        if i >= len(self) or self.gap(i).strip():
            return False
        word = self.items[i].group(0)
        return word[:1].isupper() or self.keys[i] in _LEVELS or self.phrase_at(i, _PLACE_UNITS) > 0

    def level_at(self, i: int) -> bool:
        """A level word as written ("tỉnh", "huyện"; not "Xã hội", "xã hội")."""
        word = self.items[i].group(0)
        return self.keys[i] in _LEVELS and (word[:1].islower() or word.isupper()) and self.keys[i + 1 : i + 2] != ["hội"]

    def complete_at(self, i: int) -> bool:
        """A name can end here: a level word, or a committee ("Huyện ủy", "Tỉnh ủy")."""
        if self.level_at(i):
            return True
        return i >= 1 and self.keys[i] in ("ủy", "uỷ") and self.keys[i - 1] in ("tỉnh", "huyện", "thành", "thị", "quận", "đảng")

    def collective_at(self, i: int) -> bool:
        return self.phrase_at(i, _COLLECTIVE) > 0 and self.items[i].group(0)[:1].islower()


def _scan_name(words: _Words, i: int, head: Head, n: int) -> int:
    """Index of the word after the name that opens at word ``i``."""
    end = i + n
    name_words = n
    collective = head.kind == "class" or "các" in words.keys[i : i + n]
    only_head = True
    limit = min(len(words), i + 24)
    while end < limit:
        gap = words.gap(end).strip()
        if gap and any(c in gap for c in ":;()[].!?\"“”") and gap not in ("-", "–"):
            break
        word = words.items[end].group(0)
        key = words.keys[end]
        if gap == ",":
            if words.keys[end : end + 2] == ["truyền", "hình"] and words.keys[end - 1] == "thanh":
                end += 2  # "Báo và Phát thanh, Truyền hình Lâm Đồng": one body since the 2025 mergers
                name_words += 2
                only_head = False
                continue
            if words.head_at(end) or words.stop_at(end):
                break
            if collective and words.collective_at(end):
                pass
            elif not (word[:1].isupper() and not only_head):
                break
        elif gap in ("-", "–"):
            if words.stop_at(end):
                break
        elif gap:
            break
        elif key in ("và", "cùng") and end + 1 < len(words):
            after = end + 1
            if words.gap(after).strip() or words.head_at(after) or words.stop_at(after):
                break
            nxt = words.items[after].group(0)
            if not ((collective and words.collective_at(after)) or nxt[:1].isupper()):
                break
            end += 1
            continue
        elif key in ("và", "cùng"):
            break
        elif words.stop_at(end, inside=not only_head):
            break
        elif not only_head and words.complete_at(end - 1) and words.phrase_at(end, _STOPS):
            break  # "Trường Chính trị tỉnh | Tổ chức ...": after its level, only a place goes on a name
        elif word[:1].islower() and key not in _LEVELS and key not in ("các", "hội") and words.level_at(end - 1) and not collective:
            break  # "Trung tâm Chính trị huyện | bồi dưỡng ...": a level word completes a name
        elif found := words.head_at(end):
            inner, length = found
            ended = words.keys[end - 1] in _LEVELS
            if not (only_head and (head.prefix or inner.kind == "class")) and not (inner.nests and not ended):
                break  # a new name glued on: "Sở Tài chính Sở Nội vụ"
            if inner.kind == "class" and not collective:
                collective = True
            end += length
            only_head = False
            continue
        elif key == "các":
            collective = True
        end += 1
        name_words += 1
        only_head = False
    # a name does not end on a connector
    while end > i + n and words.keys[end - 1] in ("và", "cùng", "các", "với", "của"):
        end -= 1
    return end


def find_names(text: str) -> list[Span]:
    """Every name in ``text`` (already :func:`clean`), left to right."""
    words = _Words(text)
    spans: list[Span] = []
    i = 0
    while i < len(words):
        found = words.head_at(i)
        if not found:
            i += 1
            continue
        head, n = found
        end = _scan_name(words, i, head, n)
        start, stop = words.items[i].start(), words.items[end - 1].end()
        spans.append(Span(start, stop, squash_spaces(text[start:stop]).strip(" ,-–"), head))
        i = end
    return spans


def is_generic(name: str) -> bool:
    """"các cơ quan, đơn vị liên quan": a partner the plan does not name."""
    return bool(_GENERIC.match(clean(name)))


def kind_of(name: str) -> str:
    """"body", or "class" for a class of bodies ("các sở, ban, ngành",
    "UBND các huyện, thị xã, thành phố", "các doanh nghiệp viễn thông")."""
    key = match_key(clean(name))
    if re.match(r"^(?:các|những|mỗi|từng)\s", key) or re.search(r"\s(?:các|những)\s", key) or is_generic(name):
        return "class"
    return "body"


# --- names in positions ------------------------------------------------------------


def names_in(text: str) -> list[str]:
    """The names a cell, a slot value or a heading holds, in order: "Sở Tài
    chính, Kho bạc Nhà nước tỉnh" -> two; "Sở X tiến hành rà soát ..." -> "Sở X"."""
    return [s.name for s in find_names(clean(text))]


def is_list_of_names(text: str) -> bool:
    """``text`` is nothing but names and separators ("Sở Tài chính:",
    "Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh và các doanh nghiệp")."""
    t = clean(text).strip(" .:;,")
    spans = find_names(t)
    if not spans:
        return False
    position = 0
    for span in spans:
        gap = t[position : span.start].strip(" ,;")
        if gap and match_key(gap) not in ("và", "cùng", "các", "cùng các", "và các"):
            return False
        position = span.end
    return not t[position:].strip(" ,;.")


def leading_names(text: str) -> tuple[list[str], str]:
    """The names that open ``text`` as its subject, after "Giao", "Đề
    nghị:", and what follows them: ("Sở Y tế chủ trì, ...") -> (["Sở Y tế"],
    "chủ trì, ...").  ([], text) when the text does not open with a name."""
    t = clean(text)
    m = _SUBJECT_PREFIX.match(t)
    if m:
        t = t[m.end() :]
    spans = find_names(t)
    names: list[str] = []
    position = 0
    for span in spans:
        gap = t[position : span.start]
        if names and match_key(gap).strip(" ,;") not in ("", "và", "cùng", "và các", "cùng với"):
            break
        if not names and gap.strip(" ,"):
            break
        names.append(span.name)
        position = span.end
    if not names:
        return [], text
    return names, t[position:]


def supporters(text: str) -> list[str]:
    """Names after "phối hợp (chặt chẽ) với", up to the next verb."""
    out: list[str] = []
    t = clean(text)
    for m in _SUPPORT.finditer(t):
        names, _ = leading_names(t[m.end() :])
        out += [n for n in names if n not in out]
    return out


def sentence_doers(text: str) -> tuple[list[str], list[str], bool]:
    """(doers, supporters, asked) of a sentence that opens with names:
    "Sở Y tế chủ trì, phối hợp với Sở Tài chính ..." -> (["Sở Y tế"],
    ["Sở Tài chính"], False); "Ủy ban nhân dân tỉnh yêu cầu các sở, ban,
    ngành ..." -> (["các sở, ban, ngành"], [], True): the subject that asks
    is not a doer."""
    names, rest = leading_names(text)
    if not names or _NOT_A_DOER.match(rest):
        return [], [], False
    asked_already = bool(_SUBJECT_PREFIX.match(clean(text)))  # "Đề nghị X chỉ đạo Y ...": X is the one asked, Y its task's object
    if not asked_already and (m := ASKING_VERB.match(rest)):
        objects, rest = leading_names(rest[m.end() :])
        return objects, supporters(rest), bool(objects)
    return names, supporters(rest), False


# --- one body, several spellings ---------------------------------------------------------


def _letters(word: str) -> str:
    """"KH&CN" -> "KHCN"; the initial of a plain word: "Khoa" -> "K", "đầu" -> "Đ"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    bare = bare.replace("đ", "Đ").replace("Đ", "Đ")
    return bare.upper()


def _is_abbreviation(word: str) -> bool:
    letters = re.sub(r"[&\-.]", "", word)
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _tokens(name: str) -> list[str]:
    words = _WORD.findall(clean(name))
    return [w for w in words if match_key(w) not in ("và",)]


def _initial(word: str) -> str:
    return _letters(word[0])


def _abbreviates(short: str, full: str) -> bool:
    """"Sở KH&CN" abbreviates "Sở Khoa học và Công nghệ"; "UBND tỉnh" abbreviates
    "Ủy ban nhân dân tỉnh": an abbreviation stands for the initials of a run of
    the full name's words, every other word is the same."""
    a, f = _tokens(short), _tokens(full)
    if not any(_is_abbreviation(w) for w in a):
        return False

    def walk(i: int, j: int) -> bool:
        if i == len(a):
            # "Phòng NN&PTNT" and "Phòng Nông nghiệp và Phát triển nông thôn huyện": a level word may end the full name
            return all(match_key(w) in _LEVELS for w in f[j:])
        word = a[i]
        if _is_abbreviation(word):
            letters = _letters(re.sub(r"[&\-.]", "", word))
            # the run of full words whose initials spell the abbreviation
            k, spelled = j, ""
            while k < len(f) and len(spelled) < len(letters):
                part = re.sub(r"[&\-.]", "", f[k])
                spelled += _letters(part) if _is_abbreviation(f[k]) else _initial(f[k])
                k += 1
                if spelled == letters and walk(i + 1, k):
                    return True
            if j < len(f) and match_key(word) == match_key(f[j]) and walk(i + 1, j + 1):
                return True
            return False
        return j < len(f) and match_key(word) == match_key(f[j]) and walk(i + 1, j + 1)

    return walk(0, 0)


def _with_level(short: str, full: str) -> bool:
    """"các sở, ban, ngành" is "các sở, ban, ngành tỉnh": the same name with
    the level word the plan's own level makes implicit."""
    a, f = _same_key(short), _same_key(full)
    return len(a.split()) >= 2 and f.startswith(a + " ") and f[len(a) + 1 :] in _LEVELS


def _same_key(name: str) -> str:
    return squash_spaces(match_key(clean(name))).strip(" .,;:")


_DEFINED = re.compile(r"\(\s*(?:sau đây\s+)?(?:được\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s+)?[“\"]?(?P<short>[^()“”\"]{2,40}?)[”\"]?\s*\)", re.I)


def defined_abbreviations(text: str) -> dict[str, str]:
    """Short names a plan defines: "Sở Lao động - Thương binh và Xã hội (sau
    đây gọi tắt là Sở LĐ-TB&XH)" -> {"Sở LĐ-TB&XH": "Sở Lao động - ..."};
    also "X (Y)" where Y is an abbreviation of X ("Sở Nông nghiệp và Môi
    trường (Sở NN&MT)")."""
    out: dict[str, str] = {}
    spans = find_names(text)
    for m in _DEFINED.finditer(text):
        before = [s for s in spans if s.end <= m.start() and not text[s.end : m.start()].strip()]
        if before:
            out[squash_spaces(m.group("short"))] = before[-1].name
    for m in re.finditer(r"\((?P<short>[^()]{2,30})\)", text):
        before = [s for s in spans if s.end <= m.start() and not text[s.end : m.start()].strip()]
        short = squash_spaces(m.group("short"))
        if before and _abbreviates(short, before[-1].name):
            out.setdefault(short, before[-1].name)
    return out


def group_names(names: list[str]) -> list[list[str]]:
    """Spellings of one plan that name one body, grouped; the first of each
    group is the canonical name (the fullest spelling), the others its
    aliases.  Groups keep the order in which their bodies first appear."""
    spellings: list[str] = []
    seen: set[str] = set()
    for name in names:
        name = clean(name).strip(" .,;:")
        if name and _same_key(name) not in seen:
            seen.add(_same_key(name))
            spellings.append(name)
    parent = list(range(len(spellings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, x in enumerate(spellings):
        for j, y in enumerate(spellings):
            if i < j and (_abbreviates(x, y) or _abbreviates(y, x) or _with_level(x, y) or _with_level(y, x)):
                parent[root(j)] = root(i)
    groups: dict[int, list[str]] = {}
    for i, name in enumerate(spellings):
        groups.setdefault(root(i), []).append(name)
    out = []
    for members in groups.values():
        canonical = max(members, key=lambda n: (-sum(_is_abbreviation(w) for w in _tokens(n)), len(n)))
        out.append([canonical] + [m for m in members if m is not canonical])
    return out
