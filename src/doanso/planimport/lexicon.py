"""The plan reader's vocabulary, in one place: commitment words, past-tense markers, list
markers and units of measure (no database, no Django).

Each rule of the reader takes the variant it needs, and every variant is built from the
word lists here, so the rules cannot drift apart. When a plan teaches the reader a new word
(a typo of "phấn đấu", a new unit), add it here once.
"""

from __future__ import annotations

import re

__all__ = [
    "CELEBRATED_DAYS",
    "DUTY_VERB",
    "STRIVE",
    "COMMITMENT",
    "STRONG_COMMITMENT",
    "COMMITMENT_OVER_LIST",
    "FORWARD",
    "PAST_MARK",
    "PAST_RESULT",
    "PAST_PARAGRAPH",
    "RESULT_CONTEXT",
    "FUTURE_COMMITMENT",
    "BULLETS",
    "LIST_START",
    "LIST_MARK",
    "LIST_ITEM",
    "LIST_ITEM_HEAD",
    "LEAD_MARK",
    "EVERY",
    "PERIOD_WORDS",
    "PERIOD_NAMES",
    "TIME_UNITS",
    "CAP_UNITS",
    "CLASSIFIERS",
    "MONEY",
]


def _words(*alternatives: str) -> re.Pattern:
    """Whole words or phrases (each a regex, spaces written as \\s+), case-insensitive."""
    return re.compile("|".join(rf"\b{a}\b" for a in alternatives), re.IGNORECASE)


# ---- commitment -----------------------------------------------------------------------
# "phấn đấu" (strive), and its usual typos: "phân đấu", "phân đầu", "phần đầu", "phấn đẩu"
STRIVE = r"ph[âấầẩa]n\s+đ[ấầâẩa]u"
# the words that make a number a commitment wherever they stand
_STRONG = (STRIVE, r"chỉ\s+tiêu", r"mục\s+tiêu", r"sẽ", r"đề\s+ra", r"quyết\s+tâm", r"định\s+mức")
# Any commitment in a sentence or clause: a number near one of these is a target.
COMMITMENT = _words(
    *_STRONG,
    r"đặt\s+ra",
    r"đảm\s+bảo",
    r"bảo\s+đảm",
    r"ít\s+nhất",
    r"tối\s+thiểu",
    r"cần",
    r"phải",
    r"dự\s+kiến",
    r"mỗi",
    r"đến\s+năm",
    r"hướng\s+tới",
    r"kế\s+hoạch",
    r"nhiệm\s+vụ",
    r"đăng\s+ký",
)
# A commitment strong enough to outweigh a past-tense marker before it in the same sentence
# (with a horizon: "đến năm 2030").
STRONG_COMMITMENT = _words(*_STRONG, r"đến\s+năm")
# A commitment that governs the list after a paragraph's colon ("… phấn đấu thực hiện các phần
# việc: - …"), as news and notices announce targets.
COMMITMENT_OVER_LIST = _words(*_STRONG, r"kế\s+hoạch\s+đề\s+ra", r"nhiệm\s+vụ\s+trọng\s+tâm")
# A date near one of these is a deadline to meet, not a date in the past.
FORWARD = _words(
    r"sẽ",
    r"dự\s+kiến",
    r"kế\s+hoạch(?!\s+nhỏ)",
    r"hoàn\s+thành",
    STRIVE,
    r"hạn",
    r"trước(?!\s+(?:đó|đây|kia)\b)",
    r"chậm\s+nhất",
)

# ---- past tense -----------------------------------------------------------------------
_PAST = (r"đã", r"vừa\s+qua")
# A sentence that reports what was done ("đã", "Theo báo cáo", "nhiệm kỳ qua").
PAST_MARK = _words(*_PAST, r"theo\s+báo\s+cáo", r"(?:nhiệm\s+kỳ|thời\s+gian|giai\s+đoạn)\s+qua")
# A clause that states a result rather than a target ("đạt được", "so với cùng kỳ").
PAST_RESULT = _words(*_PAST, r"đạt\s+được", r"năm\s+qua", r"trước\s+đây", r"so\s+với\s+cùng\s+kỳ")
# A paragraph that opens on the past ("Trong nhiệm kỳ qua, …", "Kết quả …").
PAST_PARAGRAPH = re.compile(
    r"^\W*(?:trong\s+)?(?:(?:nhiệm\s+kỳ|thời\s+gian|giai\s+đoạn|năm|những\s+năm|các\s+năm)\s+(?:vừa\s+)?qua|"
    r"qua\s+\d+\s+năm|kết\s+quả)\b",
    re.IGNORECASE,
)

# A paragraph that reviews what was done (a news report of a review meeting, a report's results):
# its numbers are results unless a strong commitment stands next to them.
RESULT_CONTEXT = re.compile(
    r"\b(?:tổ\s+chức|đã|vừa)\s+(?:\S+\s+){0,2}?(?:tổng|sơ)\s+kết\b|^\W*kết\s+quả\b|"
    r"\bkết\s+quả\s+(?:đạt|tiếp\s+nhận|thu|đợt)\b|\bđạt\s+và\s+vượt\b|\bvượt\s+chỉ\s+tiêu\b|"
    r"\bhoàn\s+thành\s+xuất\s+sắc\b|\bchưa\s+đạt\b",
    re.IGNORECASE,
)
# What still commits a reviewing paragraph to the future ("… năm 2024 phấn đấu …").
FUTURE_COMMITMENT = _words(STRIVE, r"sẽ", r"quyết\s+tâm", r"đến\s+năm", r"dự\s+kiến", r"định\s+mức")

# ---- list markers ---------------------------------------------------------------------
BULLETS = "-+–•"  # dash, plus, en dash, bullet; Markdown's "*" where the rule says so
# A line that starts a new list item, so it cannot continue the sentence above it
# ("- ", "1. ", "1.2) ", "(3)", "a) ", "II. ").
LIST_START = re.compile(rf"^(?:[{BULLETS}]\s|\(?\d+(?:\.\d+)*[.)]\s|\(\d+\)|[a-zđ]\)\s|[IVXLC]+[.)]\s)")
# The marker in front of an item's text, to strip it ("- ", "(1) ", "2.1. ", "a) ").
LIST_MARK = re.compile(rf"^\s*(?:[{BULLETS}]\s*|\(?\d+(?:\.\d+)*\)?\s*[.)]\s*|[a-zđ]\)\s*)")
# A paragraph that is a list item (short numbers only: "12." is an item, "2024." is not).
LIST_ITEM = re.compile(rf"^\s*(?:[{BULLETS}*]|\(?\d{{1,2}}\)|\d{{1,2}}[.)]\s|[a-zđ]\))")
# A list item among the lines under a document's title (any number: the title block is short).
LIST_ITEM_HEAD = re.compile(rf"^(?:[{BULLETS}*]|\(\d+\)|\d+[.)]|[a-zđ]\))\s*")
# Marks before a sentence's first word, whatever they are ("- (2) ", "+ 3. ").
LEAD_MARK = re.compile(r"[\s\-+•(]*(?:\(?\d+\)?\.?\s*)?")

# ---- periods and units of measure -----------------------------------------------------
EVERY = r"(?:hằng|hàng|mỗi)"  # "hằng" and its common spelling "hàng"
PERIOD_WORDS = "ngày|tuần|tháng|quý|năm"  # an alternation: group it where used
PERIOD_NAMES = {"ngày": "day", "tuần": "week", "tháng": "month", "quý": "quarter", "năm": "year"}
# words of time after a number: "3 năm", "45 phút", "thế (kỷ)"
TIME_UNITS = {"năm", "tháng", "tuần", "ngày", "giờ", "phút", "quý", "giây", "thế"}
# capitalised words that may follow a target's number as its unit ("120 Chi đoàn", "50 USD")
CAP_UNITS = {
    "Đoàn",
    "Chi",
    "Hội",
    "Đội",
    "Liên",
    "CLB",
    "Câu",
    "Tổ",
    "VNĐ",
    "VND",
    "USD",
    "Ấp",
    "Xã",
    "Trường",
}
# units of measure and classifiers: the first word of a target's subject that is its unit
# ("85.000 lượt", "1.500 cây", "20 km")
CLASSIFIERS = {
    "lượt",
    "người",
    "em",
    "suất",
    "cây",
    "chiếc",
    "cuốn",
    "quyển",
    "ấp",
    "xã",
    "km",
    "ha",
    "m",
    "m2",
    "m²",
    "kg",
    "tấn",
    "lít",
    "giờ",
    "buổi",
    "lần",
    "đợt",
    "cuộc",
    "con",
    "căn",
    "ngôi",
    "gói",
    "ngày",
    "tuần",
    "tháng",
    "năm",
    "phút",
    "lớp",
    "đội",
    "tổ",
    "trường",
    "nhà",
    "tin",
    "clip",
    "video",
    "phần",
    "bộ",
    "cặp",
    "hộ",
    "môn",
    "phường",
    "điểm",
    "tuyến",
    "chuyến",
    "bản",
    "ô",
    "bức",
    "trạm",
    "đơn",
    "ca",
}
# money after a number
MONEY = re.compile(r"^\s*(đồng|VNĐ|VND|đ|USD|triệu đồng|tỷ đồng)\b", re.IGNORECASE)

# what an organisation does as a duty; in news a recurring phrase needs one ("Hằng năm, Đoàn trường
# tổ chức …"), or it is narration ("Mỗi ngày, khu tập kết lại đầy thêm")
DUTY_VERB = _words(
    r"tổ\s+chức",
    r"duy\s+trì",
    r"thực\s+hiện",
    r"sinh\s+hoạt",
    r"họp",
    r"giao\s+ban",
    r"chào\s+cờ",
    r"trực",
    r"báo\s+cáo",
    r"nộp",
    r"đóng\s+(?:đoàn|hội|đội)\s+phí",
    r"thu\s+(?:đoàn|hội|đội)\s+phí",
    # "mỗi thành viên đóng góp mỗi tháng 1 triệu đồng": a member's regular contribution to a fund
    r"đóng\s+góp",
    r"góp\s+(?:vốn|quỹ|tiền)",
    r"gửi",
    r"cập\s+nhật",
    r"kiểm\s+tra",
    r"ra\s+quân",
    r"phát\s+động",
    r"triển\s+khai",
    r"tuyên\s+truyền",
    r"hiến\s+máu",
    r"đăng\s+tải",
    r"phát\s+hành",
    r"ra\s+mắt",
    r"thăm",
    r"trao",
    r"tặng",
    r"dọn\s+dẹp",
    r"vệ\s+sinh",
    r"lao\s+động",
)

# days the Union, the Hội and the nation celebrate every year (day, month): in news they are
# the day of a celebration, not a due date, unless written as one ("trước ngày 26/3")
CELEBRATED_DAYS = {
    (9, 1),  # Học sinh – Sinh viên
    (3, 2),  # thành lập Đảng
    (27, 2),  # Thầy thuốc Việt Nam
    (8, 3),  # Quốc tế Phụ nữ
    (26, 3),  # thành lập Đoàn
    (30, 4),  # Giải phóng miền Nam
    (1, 5),  # Quốc tế Lao động
    (15, 5),  # thành lập Đội
    (19, 5),  # sinh nhật Bác
    (1, 6),  # Quốc tế Thiếu nhi
    (27, 7),  # Thương binh – Liệt sĩ
    (19, 8),  # Cách mạng tháng Tám
    (2, 9),  # Quốc khánh
    (15, 10),  # Hội LHTN Việt Nam
    (20, 10),  # Phụ nữ Việt Nam
    (20, 11),  # Nhà giáo Việt Nam
    (22, 12),  # Quân đội nhân dân
}
