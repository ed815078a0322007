"""Numeric targets: the quantities a plan commits the Union to reach.

A number is a target unless the grammar around it says otherwise: it is a date, a
document or section number, an anniversary ("kỷ niệm 92 năm"), an age, a label
("khối 12", "Sinh viên 5 tốt", "Hội nghị Trung ương 4"), a frequency ("02 năm/lần",
handled as a recurring rule), part of a name in quotes, an address ("62 Bà Triệu"),
or a past result ("đã tổ chức 120 hoạt động", a section about last year's results).
In documents that are not plans (reports, news, notices) a number must also stand
next to a commitment word (phấn đấu, chỉ tiêu, mục tiêu, ít nhất, đảm bảo …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    BULLETS,
    CAP_UNITS,
    CLASSIFIERS,
    COMMITMENT,
    EVERY,
    FUTURE_COMMITMENT,
    LEAD_MARK,
    MONEY,
    PAST_MARK,
    PAST_RESULT,
    PERIOD_NAMES,
    PERIOD_WORDS,
    STRIVE,
    STRONG_COMMITMENT,
    TIME_UNITS,
)
from .numbers import NUMBER, QUANTITY_RE, scaled_value, word_number

__all__ = ["TargetContext", "find_targets", "PLAN_KINDS"]

PLAN_KINDS = {"ke_hoach", "chuong_trinh", "ket_luan", "huong_dan", "quy_che"}

_L = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_WORD_RE = re.compile(r"[\w%]+(?:[-–][\w]+)?")

_PAST_YEAR_RE = re.compile(r"\bnăm\s+(\d{4})\b", re.I)

# words after which a number is a name or label, not a quantity
_LABEL_BEFORE = {
    "khối",
    "lớp",
    "quận",
    "phường",
    "huyện",
    "ấp",
    "khu",
    "tổ",
    "cụm",
    "số",
    "điều",
    "khoản",
    "điểm",
    "mục",
    "phần",
    "chương",
    "trang",
    "lục",
    "đường",
    "hẻm",
    "ngõ",
    "lô",
    "tầng",
    "phòng",
    "thứ",
    "khóa",
    "khoá",
    "kỳ",
    "đợt",
    "lần",
    "đoạn",
    "tuần",
    "tháng",
    "quý",
    "năm",
    "ngày",
    "covid",
    "nghiệp",
    "nhóm",
    "bảng",
    "biểu",
    "mẫu",
    "kênh",
    "hạng",
    "bậc",
    "loại",
    "tập",
    "mã",
    "hotline",
    "thoại",
    "sđt",
    "email",
    "fax",
    "tel",
    "đt",
    "ương",
    "sinh",
    "cả",
    "các",
    "những",
    "theo",
    "gồm",
    "cứ",
    "top",
    "phiên",
    "vòng",
}
# words after a number that make it a slogan or label ("5 tốt", "3 không", "4 khóa XIII")
_SLOGAN_AFTER = {
    "tốt",
    "không",
    "có",
    "sẵn",
    "chủ",
    "trách",
    "liên",
    "đảm",
    "đồng",
    "điều",
    "xây",
    "chống",
    "giảm",
    "an",
    "sạch",
    "xanh",
    "đẹp",
    "nhất",
    "cùng",
    "tự",
    "dám",
    "biết",
    "nên",
    "tăng",
    "khóa",
    "khoá",
    "tuổi",
    "xin",
    "hóa",
    "hoá",
    "chữ",
    "sao",
    "mặt",
    "trụ",
    "mũi",
    "nhà",
    "cấp",
}
_TIME_FOLLOW_STOP = {
    "kỷ",  # "hướng tới 40 năm kỷ niệm …": an anniversary
    "ngày",
    "năm",
    "tháng",
    "thành",
    "thực",
    "được",
    "của",
    "qua",
    "tới",
    "trước",
    "sau",
    "liên",
    "để",
    "về",
    "kể",
    "trở",
    "nay",
    "học",
    "công",
    "tham",
    "hoạt",
    "và",
    "với",
    "tại",
    "trong",
    "là",
    "đầu",
    "cuối",
    "tiếp",
    "gần",
    "đây",
    "một",
    "lần",
    "sinh",
    "mất",
    "xây",
    "triển",
    "đổi",
    "chiến",
    "phong",
    "truyền",
    "thống",
    "ra",
    "đời",
    "nhiệm",
    "đi",
    "hình",
    "kết",
    "tuổi",
}
_FUNCTION_WORDS = {
    "được",
    "có",
    "và",
    "của",
    "cho",
    "trong",
    "tại",
    "với",
    "là",
    "tham",
    "trên",
    "đạt",
    "để",
    "từ",
    "về",
    "thì",
    "mà",
    "các",
    "những",
    "này",
    "đó",
    "hoặc",
    "hay",
    "đến",
    "tới",
    "thuộc",
    "khi",
    "đã",
}
_COMPARATORS = [
    (
        re.compile(
            r"(?:không\s+ít\s+hơn|không\s+dưới|ít\s+nhất(?:\s+là)?|tối\s+thiểu(?:\s+là)?|từ)\s*$", re.I
        ),
        ">=",
    ),
    (re.compile(r"(?:không\s+quá|không\s+vượt\s+quá|tối\s+đa(?:\s+là)?)\s*$", re.I), "<="),
    (re.compile(r"(?:trên|hơn|vượt|vượt\s+trên|cao\s+hơn)\s*$", re.I), ">"),
    (re.compile(r"(?:dưới|chưa\s+đến|thấp\s+hơn)\s*$", re.I), "<"),
    (re.compile(r"(?:khoảng|gần|xấp\s+xỉ)\s*$", re.I), "~"),
]
_PER_BEFORE = re.compile(rf"{EVERY}\s+({PERIOD_WORDS})(?!\s*/)", re.I)
_PER_AFTER = re.compile(rf"^[^,;.()]{{0,25}}?/\s*({PERIOD_WORDS})\b", re.I)
_EACH = re.compile(
    r"\bmỗi\s+((?!ngày|tuần|tháng|quý|năm)[^\s,;:]+(?:\s*,\s*[^\s,;:]+)?(?:\s+[^\s,;:]+)?)", re.I
)
_PERIOD_NEAR = re.compile(
    r"(?:đến|trong|vào|tới|hết|cuối)\s+(?:năm\s+(?P<y>\d{4})|giai\s+đoạn\s+\d{4}\s*[-–]\s*(?P<g>\d{4}))", re.I
)
_RANGE_AFTER = re.compile(r"^\s*(?:[-–]|đến|tới)\s*(?P<num>\d{1,3}(?:[.,]\d+)?)\s*(?P<pct>%)?")
# "25–35 đoàn viên", "115.000 - 120.000 đơn vị máu", "từ 200 đến 300": one target, both bounds
_COUNT_RANGE_AFTER = re.compile(
    rf"^\s*(?:[-–]|đến|tới)\s*(?P<num>{NUMBER})(?![\d/])(?P<scale>\s*(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w))?(?!\s*%)"
)
_AT_LEAST_AFTER = re.compile(r"^[^,;.()]{0,40}?\btrở\s+lên\b", re.I)
_AT_MOST_AFTER = re.compile(r"^[^,;.()]{0,40}?\btrở\s+xuống\b", re.I)
# numbers written as words after a cue ("ít nhất một mô hình", "từ một đến hai công trình")
_NUMBER_WORDS = r"một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười"
_WORD_AFTER_CUE = (
    rf"\b(?:ít\s+nhất|tối\s+thiểu|từ|đến|thêm(?:\s+được)?)\s+(?P<w>{_NUMBER_WORDS})"
    r"(?=\s+(?!số\b|trong\b|cách\b|lần\b|kỳ\b|đợt\b|buổi\b|phần\b|nửa\b|vài\b|thời\b|mặt\b|khi\b|chút\b|năm\b)"
    r"[a-zđà-ỹ])"
)
_WORD_NUMBER = re.compile(
    _WORD_AFTER_CUE
    + r"|(?<=\s)(?P<w2>hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)(?=\s+[a-zđà-ỹ][^,;.\d]{0,30}\btrở\s+lên\b)",
    re.I,
)
# The same without the "hai … trở lên" branch, for the many sentences with no "trở lên" (where that
# branch cannot match): trying it at every word of the sentence was the larger part of the cost.
_WORD_NUMBER_AFTER_CUE = re.compile(_WORD_AFTER_CUE, re.I)
_AT_LEAST_WORDS = re.compile(r"trở\s+lên", re.I)
# "trồng một triệu cây xanh", "hai nghìn suất quà": a number word before a scale word is a number
_WORD_BEFORE_SCALE = re.compile(rf"(?<![\w])(?P<w>{_NUMBER_WORDS})(?=\s+(?:triệu|nghìn|ngàn)(?!\w))", re.I)
# "mỗi đoàn viên có một việc làm": a count per member written as a word
_EACH_HAS_WORD = re.compile(
    rf"\bmỗi\s+[^,;.\d]{{1,40}}?\s(?:có|thực\s+hiện|đăng\s+ký)\s+(?P<w>{_NUMBER_WORDS})(?=\s+[a-zđà-ỹ])", re.I
)
_STATISTIC = re.compile(r"\bbình\s+quân\b", re.I)
# a sentence that opens on a tally ("Theo thống kê đến tháng 6, …", "Tính đến nay, …", "Đến nay, …")
# counts what has been done
_TALLY_OPENING = re.compile(
    r"^\W*(?:theo\s+(?:thống\s+kê|số\s+liệu)|tính\s+(?:đến|tới)|(?:cho\s+)?(?:đến|tới)\s+nay)\b", re.I
)
# "thành lập ít nhất 01 đội hình": a minimum of things is aimed at, not a count of the document's parts
_AT_LEAST_BEFORE = re.compile(r"(?:ít\s+nhất|tối\s+thiểu)\s*$", re.I)
# "đạt 106% chỉ tiêu", "vượt kế hoạch": a result measured against a target, no commitment
_MEASURED = re.compile(
    r"\b(?:đạt|vượt|bằng)\s+(?:[\d.,]+\s*%?\s*)?(?:so\s+với\s+)?(?:chỉ\s+tiêu|kế\s+hoạch)", re.I
)
# "vắng quá 3 buổi … sẽ bị xóa tên": the bar of a penalty, not an aim
_PENALTY_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:thì\s+)?(?:sẽ\s+)?bị\s+(?:xóa|xoá|kỷ\s+luật|trừ|khiển\s+trách|cảnh\s+cáo|đình\s+chỉ|loại|"
    r"đưa\s+ra\s+khỏi|hủy|huỷ)",
    re.I,
)
# what a news item reports as done when nothing commits to it
_DEED_BEFORE = re.compile(
    r"\b(?:huy\s+động|thu\s+gom|trao(?:\s+tặng)?|tặng|kết\s+nạp|trồng|tập\s+huấn\s+cho|tổ\s+chức\s+cho|"
    r"tiếp\s+nhận|quyên\s+góp|dọn|thu\s+dọn|sửa\s+chữa|xây\s+dựng|khám|cấp\s+phát|hỗ\s+trợ)\b"
    r"[^,;:.]{0,40}$",
    re.I,
)
FORWARD_WORDS = re.compile(
    r"\b(?:sẽ|dự\s+kiến|kế\s+hoạch|phấn\s+đấu|chuẩn\s+bị|sắp|(?:thời\s+gian|năm|tuần|tháng)\s+tới)\b",
    re.I,
)
_FORECAST_BEFORE = re.compile(r"\b(?:hy|hi)\s+vọng\b", re.I)
_HINT_WORDS = ("nhất", "thiểu", "từ", "đến", "thêm", "trở")  # every branch of the hint holds one
_WORD_NUMBER_HINT = re.compile(r"ít\s+nhất|tối\s+thiểu|\btừ\s|\bđến\s|\bthêm\s|trở\s+lên", re.I)
# what a number that is not a target is, for `results` and the review's explanations
RESULT, AMOUNT, COUNT, THRESHOLD = "result", "amount", "count", "threshold"
# a number after these in a report or news item is a result ("xây dựng được 9.381", "đạt 94%")
_RESULT_CUE_BEFORE = re.compile(
    r"(?:\bđược|\bđạt|\bchiếm|\bthu\s+hút|\bthu\s+được|\bgồm\s+có|\bđã\s+có|\btổng\s+cộng|"
    r"\bnâng\s+tổng\s+số(?:\s+[^\W\d]+){0,3}?\s+lên)"
    r"\s*(?:hơn|gần|trên|khoảng|xấp\s+xỉ|tổng\s+cộng)?\s*$",
    re.I,
)
# "Đại hội thông qua nghị quyết … với một số chỉ tiêu chủ yếu …", "Đại hội đề ra các chỉ tiêu: …": the
# numbers a congress or resolution adopts are its targets, even in a news report of the congress
_ADOPTED_TARGETS_BEFORE = re.compile(
    r"\b(?:thông\s+qua|đề\s+ra|xác\s+định|đặt\s+ra)\s+(?:nghị\s+quyết\b[^.;:]{0,80}?\s)?"
    r"(?:với\s+)?(?:các|một\s+số|những|\d+)?\s*(?:chỉ\s+tiêu|mục\s+tiêu)\b",
    re.I,
)
# "dự kiến thu hút 5.000 người", "sẽ thu được 2.000 đơn vị": a result word after a forecast or
# a promise counts what is expected, so the number is aimed at, not reached
_FORECAST_CUE_BEFORE = re.compile(
    r"\b(?:dự\s+kiến|sẽ|phấn\s+đấu|mong\s+muốn|kỳ\s+vọng)\s+(?:\S+\s+){0,2}?"
    r"(?:thu\s+hút|thu\s+được|đạt|được|gồm\s+có)\s*(?:hơn|gần|trên|khoảng|xấp\s+xỉ)?\s*$",
    re.I,
)
# "… phấn đấu: 100% cán bộ …; xây dựng được 02 công trình; … đạt 15 đơn vị máu": the items of a list a
# commitment opens, in the same sentence, are aimed at even after a result word
# ("… với các nội dung trọng tâm: phấn đấu …; …; vận động … đạt 100% chỉ tiêu giao": the list opened by
# a colon and a commitment word)
_COMMITTED_LIST_BEFORE = re.compile(
    rf"\b(?:{STRIVE}|chỉ\s+tiêu|mục\s+tiêu)\b[^.:;!?]{{0,60}}:|:[ \t]*[-–]?[ \t]*{STRIVE}\b", re.I
)
# places and parts of the document itself: "tại 75 xã", "3 vòng", "10 chương trình công tác"
_WHERE_BEFORE = re.compile(
    r"(?:\btại|\bở|\bđến\s+từ|\btrên\s+địa\s+bàn|\bđịa\s+bàn\s+có|\bthuộc)\s*(?:hơn|gần|trên|khoảng)?\s*$",
    re.I,
)
_THINGS_AFTER = re.compile(
    r"^\s*(?:chương\s+trình|phong\s+trào|chiến\s+dịch|đợt\s+(?:hoạt\s+động|cao\s+điểm)|đội\s+hình|vòng|chặng|giai\s+đoạn|khu\s+vực|tỉnh|thành\s+phố|"
    r"tỉnh\s+thành|nội\s+dung|tiêu\s+chí|câu\s+hỏi|câu\s+tự\s+luận|đoàn\s+công\s+tác|huyện\s+nghèo|"
    # "bài thi trắc nghiệm 25 câu", "khung năng lực 6 bậc", "trong 5 lĩnh vực": the size of a test, a
    # scale or a list of fields, not something to reach
    r"câu(?!\s+lạc)|bậc|lĩnh\s+vực|"
    r"bài\s+(?:học\s+)?lý\s+luận)\b",
    re.I,
)
# scoring in regulations: points given, taken away or required
_POINTS_AFTER = re.compile(r"^\s*điểm\b", re.I)
_PENALTY_BEFORE = re.compile(r"\b(?:trừ|cộng|thưởng|bị|được)\s*(?:thêm\s*)?$", re.I)
# money that is a rate, a fee, a price or a prize, never something to reach
_RATE_CONTEXT = re.compile(
    r"\b(?:mức|phí|giá|trị\s+giá|giải\s+(?:nhất|nhì|ba)|đóng|nộp|thu|số\s+dư|tiền)\b", re.I
)
_RAISE_MONEY = re.compile(rf"\b(?:{STRIVE}|vận\s+động|huy\s+động|quyên\s+góp|chỉ\s+tiêu)\b", re.I)
_RECURRING_AFTER = re.compile(r"^\s*(?:lần|số|kỳ|đợt|buổi|bản tin)\s*/", re.I)
# the gap from one item of a list to the next: its noun, a name in quotes, then ", " or " và "
_NEXT_ITEM_GAP = re.compile(r"[^,;:.!?\d]{0,80}?(?:,[ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+)")
# no label across a clause break; a comma parts a label from its number too ("đến cuối nhiệm kỳ, 80%
# phụ nữ", "cuối năm, 90% chi hội"), and so does an opening bracket ("06 đoạn đường (1,5 km)" measures
# the road, it names none)
_CLAUSE_BREAK_BEFORE = re.compile(r"[;:,(][ \t]*$")
# a quoted title right after the number (quotes, like dates, are masked with \x1f before the rules run)
_QUOTED_AFTER = re.compile(r"[ \t]*\x1f")


def _quoted_after(sentence: str, masked: str, end: int) -> bool:
    """Whether a quotation (not a masked date or reference) follows the number ending at `end`."""
    m = _QUOTED_AFTER.match(masked, end)
    return bool(m) and len(sentence) == len(masked) and sentence[m.end() - 1] in '“"«'


_CLOCK_BEFORE = re.compile(r"\d{1,2}\s*(?:giờ|h|g)\s*$", re.I)
_DASH_CELL_BEFORE = re.compile(r"\s[—–-]\s*$")
_ALLOCATION = re.compile(r"\bphân\s+(?:bổ|công|chia)\b[^:.;]{0,40}:", re.I)
# what a unit has now, counted: "hiện có 18 cơ sở hội", "toàn huyện hiện nay có 26 cơ sở"
_EXISTING_BEFORE = re.compile(
    r"\bhiện\s+(?:nay\s+)?(?:đang\s+)?(?:có|gồm)\s*(?:hơn|gần|trên|khoảng|tổng\s+số)?\s*$", re.I
)
# who took part in an event told in the text: "với sự tham gia của hơn 40 cán bộ"
_PARTICIPATION_BEFORE = re.compile(
    r"\bsự\s+tham\s+gia\s+(?:tích\s+cực\s+)?của\s*(?:hơn|gần|trên|khoảng|đông\s+đảo)?\s*$", re.I
)
# "…, với 36 đoàn viên thanh niên tham gia": who took part, told after the event like "với sự tham gia của …"
_WITH_BEFORE = re.compile(r"\bvới\s*(?:hơn|gần|trên|khoảng)?\s*$", re.I)
_TAKE_PART_AFTER = re.compile(r"^[^,;:.()\d]{0,60}?\b(?:cùng\s+)?tham\s+gia\s*(?:[.;,]|$)", re.I)
# the places work is directed to ("ưu tiên 30 xã đặc biệt khó khăn", "đặc biệt là 248 xã biên giới")
_DIRECTED_TO_BEFORE = re.compile(
    r"\b(?:hướng\s+(?:mạnh\s+)?về|tập\s+trung\s+(?:vào|ở|tại|cho)|ưu\s+tiên(?:\s+cho)?|đặc\s+biệt(?:\s+là)?|"
    r"nhất\s+là)\s*(?:(?:các|tại|ở)\s+)?$",
    re.I,
)
_PLACE_AFTER = re.compile(r"^\s*(?:xã|phường|thị\s+trấn|thôn|bản|ấp|huyện|tỉnh|địa\s+bàn|vùng)\b", re.I)
# who a congress gathers: "gần 150 đại biểu đại diện hơn 900 đảng viên" counts people, aims at nothing
_DELEGATES_AFTER = re.compile(r"^\s*đại\s+biểu(?:\s+chính\s+thức)?\b", re.I)
_REPRESENTED_BEFORE = re.compile(r"\bđại\s+diện\s+(?:cho\s+)?(?:hơn|gần|trên|khoảng)?\s*$", re.I)
# "Hội đồng có ít nhất là 9 thành viên", "mỗi đội gồm 5 thành viên": the make-up of a body
_MAKE_UP_BEFORE = re.compile(r"\b(?:gồm|có\s+(?:ít\s+nhất|tối\s+thiểu|tối\s+đa)(?:\s+là)?)\s*$", re.I)
# "Mô hình có 30 thành viên tham gia", "1 đội tuyển (6 thành viên)": the size of a group, when the
# sentence does not tell it as done ("đã thành lập 02 CLB: 01 CLB … có 12 thành viên" reports a result)
_SIZE_BEFORE = re.compile(r"(?:\bcó|\()[ \t]*(?:khoảng|hơn|gần|trên)?[ \t]*$", re.I)
_PEOPLE_AFTER = re.compile(
    r"^\s*(?:hội\s+viên|đoàn\s+viên|đảng\s+viên|đội\s+viên|thanh\s+niên|cán\s+bộ|phụ\s+nữ|nông\s+dân|"
    r"cựu\s+chiến\s+binh|sinh\s+viên|học\s+sinh|người)\b",
    re.I,
)
# "bầu BCH 05 đồng chí (01 bí thư; 01 phó bí thư; 03 ủy viên)": the posts of an elected body, counted
_POSTS_AFTER = re.compile(
    r"^\s*(?:phó\s+)?(?:bí\s+thư|chủ\s+tịch|chủ\s+nhiệm|ủy\s+viên|uỷ\s+viên|đồng\s+chí|thường\s+trực)\b", re.I
)
# "… 350 sinh viên đạt danh hiệu cấp trường, 29 sinh viên đạt cấp tỉnh": in news, who won a title
_WON_AFTER = re.compile(
    r"^[^,;:.()\d]{0,40}?\b(?:đạt|được\s+(?:trao|tặng|công\s+nhận|tuyên\s+dương|khen\s+thưởng|vinh\s+danh))\s+"
    r"(?:danh\s+hiệu|giải|cấp|huy\s+chương|bằng\s+khen|giấy\s+khen|giải\s+thưởng)",
    re.I,
)
# "Đại diện 9 chi hội trực thuộc": the units a meeting gathered
_UNITS_AFTER = re.compile(
    r"^\s*(?:chi\s+hội|chi\s+đoàn|chi\s+đội|liên\s+đội|cơ\s+sở|đơn\s+vị|tổ\s+hội)\b",
    re.I,
)
_MEMBERS_AFTER = re.compile(r"^\s*(?:thành\s+viên|ủy\s+viên|uỷ\s+viên)\b(?!\s+mới)", re.I)
# "… xác lập các chỉ tiêu: … tổ chức 10 chương trình …": things counted inside a list of targets
_TARGETS_COLON_BEFORE = re.compile(r"\bchỉ\s+tiêu\b[^.:;]{0,40}:", re.I)
_ACTIVITIES_AFTER = re.compile(r"^\s*(?:chương\s+trình|đội\s+hình|đợt\s+(?:hoạt\s+động|cao\s+điểm))\b", re.I)
# a number that counts the items of the plan itself ("15 chỉ tiêu", "3 nhóm giải pháp")
_COUNT_OF_ITEMS = re.compile(
    r"^\s*(?:chỉ\s+tiêu|mục\s+tiêu|nhiệm\s+vụ|giải\s+pháp|nhóm\s+(?:giải\s+pháp|nhiệm\s+vụ|chỉ\s+tiêu|nội\s+dung)|"
    r"hệ\s+thống\s+chỉ\s+tiêu|"
    r"nội\s+dung\s+(?:trọng\s+tâm|chính)|khâu\s+đột\s+phá|đột\s+phá)\b",
    re.I,
)
_ACHIEVED_AFTER = re.compile(r"^\s*(?:%\s*)?(?:so\s+với\s+)?(?:chỉ\s+tiêu|kế\s+hoạch)\b", re.I)
# "thu về 321 đơn vị máu, vượt chỉ tiêu kế hoạch đề ra": the next clause measures the number against
# its target, so the number is what was reached
_ACHIEVED_LATER = re.compile(
    r"[^;.:!?]{0,60}?,[ \t]*(?:và[ \t]+)?"
    r"(?:vượt[ \t]+(?:mức[ \t]+)?(?:[\d.,]+[ \t]*%[ \t]*)?|đạt[ \t]+[\d.,]+[ \t]*%[ \t]*)"
    r"(?:so[ \t]+với[ \t]+)?(?:chỉ[ \t]+tiêu|kế[ \t]+hoạch|mục[ \t]+tiêu)\b",
    re.I,
)
# "2) Số lượng: 100 suất.", "- Số lượng tuyển: 50 tình nguyện viên": an item of a notice that states how
# many places are offered or sought, a quota even in a notice that commits to nothing else
_QUANTITY_LABEL_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?:[-–+•*]|\(?\w{1,3}[.)])?[ \t]*số[ \t]+lượng"
    r"(?:[ \t]+(?:tuyển|tuyển[ \t]+chọn|tiếp[ \t]+nhận|học[ \t]+bổng|suất|tình[ \t]+nguyện[ \t]+viên))?"
    r"[ \t]*:[ \t]*(?:dự[ \t]+kiến[ \t]+|khoảng[ \t]+)?$",
    re.I,
)
# a label names the number right after it ("khối 12", "tổ 3"); across a comma the word ends a list item
_AFTER_COMMA = re.compile(r"[^\W\d_],[ \t]*$")
# "các chi hội đăng ký giúp 5 hộ nghèo", "đăng ký trồng ít nhất 200 cây": a registered pledge, aimed at
_PLEDGE_BEFORE = re.compile(
    r"\bđăng\s+ký\s+(?:giúp(?:\s+đỡ)?|hỗ\s+trợ|nhận\s+(?:đỡ\s+đầu|giúp\s+đỡ|hỗ\s+trợ)|thực\s+hiện|trồng|"
    r"xây\s+dựng|đóng\s+góp|ủng\s+hộ|tặng|hiến|kết\s+nạp|vận\s+động)\s*(?:mới\s*)?(?:ít\s+nhất|tối\s+thiểu|từ)?\s*$",
    re.I,
)
# "giai đoạn 2021 - ", "nhiệm kỳ 2022–": the second year of a span, even when the span is misprinted
_YEAR_SPAN_END_BEFORE = re.compile(
    r"\b(?:giai\s+đoạn|nhiệm\s+kỳ|năm|niên\s+khóa|khóa)\s+(?:19|20)\d\d\s*[-–]\s*$", re.I
)
# "tiếp nhận 172 đơn vị máu, vượt 22 đơn vị so chỉ tiêu đề ra": the excess is counted in units of its
# own, so both the number reached and the excess are results
_EXCEEDED_BY_LATER = re.compile(
    r"[^;.:!?]{0,60}?,[ \t]*(?:và[ \t]+)?vượt[ \t]+(?:hơn[ \t]+)?[\d.,]+(?:[ \t]+[^\W\d]+){1,3}?[ \t]+"
    r"so(?:[ \t]+với)?[ \t]+(?:(?:với|các|những)[ \t]+)?(?:chỉ[ \t]+tiêu|kế[ \t]+hoạch|mục[ \t]+tiêu)\b",
    re.I,
)
# "hiện thu được 688 đơn vị máu, đạt 122,2% kế hoạch năm": what was collected, so the share after it
# is reached, even when the sentence opens on the plan ("Theo kế hoạch năm 2024, …")
_GOT_BEFORE = re.compile(r"\b(?:thu|tiếp\s+nhận|vận\s+động|quyên\s+góp)\s+được\b[^.;:]*$", re.I)
_EXCEEDED_BY_AFTER = re.compile(
    r"^(?:[ \t]+[^\W\d]+){1,3}?[ \t]+so(?:[ \t]+với)?[ \t]+(?:chỉ[ \t]+tiêu|kế[ \t]+hoạch|mục[ \t]+tiêu)\b",
    re.I,
)
_EXCESS_BEFORE = re.compile(r"\bvượt\s*(?:hơn\s*)?$", re.I)
# "… 32 chi đội và nhi đồng đều tham gia": "đều" takes the whole of a set that exists, so the
# number counts it
_ALL_OF_AFTER = re.compile(r"^[^,;:.()\d]{0,40}?[ \t]đều[ \t]", re.I)
# "chia làm 04 đợt", "được phân bổ cho 24 cơ quan": the parts a whole is split into, or the units
# it is handed to, are counted, not aimed at
_SPLIT_BEFORE = re.compile(
    r"\b(?:chia[ \t]+(?:làm|thành|ra)|phân[ \t]+(?:bổ|chia|công|giao)[ \t]+(?:cho|về|tới|đến))[ \t]*$", re.I
)
_COMPARED_AFTER = re.compile(r"^\s*(?:lần\s+)?so\s+với\b", re.I)
_CONDITION_AFTER = re.compile(r"^[^,;.]{0,40}?\btrở\s+lên\s+(?:thì\s+)?(?:mới\s+)?(?:được|sẽ\s+được)\b", re.I)
_CONDITION_BEFORE = re.compile(r"(?:^|[\s,(])(?:nếu|trường\s+hợp|chưa\s+đủ)\b", re.I)
# "sau 1 tháng phát động", "còn hơn 1 tuần nữa", "trong 3 ngày": how long, not how many
_DURATION_BEFORE = re.compile(
    r"(?:\b(?:sau|trong|suốt)(?:\s+thời\s+gian)?|\bcòn|\bmất|\bkéo\s+dài|\bqua|\bchỉ\s+sau|\bthời\s+gian\s*:)"
    r"\s*(?:hơn|gần|khoảng|chưa\s+đầy|đúng)?\s*$",
    re.I,
)
_SPAN_UNIT_AFTER = re.compile(r"^\s*(?:buổi|ngày|tuần|tháng|giờ|tiếng|phút)(?![\w/])", re.I)
# ("kết thúc nhận bài trước 1 tháng so với quy định": a shift in time, not a quantity)
_DURATION_AFTER = re.compile(
    r"^\s*(?:ngày|tuần|tháng|quý|năm|giờ|phút)\s+(?:nữa|liền|liên\s+tục|qua|so\s+với)\b", re.I
)
# "có đến hơn 8.000 sinh viên …", "lên tới 2.000 lượt": "as many as", news stressing a number reached
_AS_MANY_AS_BEFORE = re.compile(r"\b(?:có|lên)\s+(?:đến|tới)\s+(?:hơn|gần|trên|khoảng|gần\s+như)?\s*$", re.I)
# "trên 600 sinh viên đã đăng ký tham gia": who signed up or took part, a fact already counted
_PAST_AFTER = re.compile(r"^[^,;:.()\d]{0,80}?\b(?:đã|vừa)\s+(?!qua\b)", re.I)
# … and when the number opens the sentence, its subject may list several groups with commas
_PAST_AFTER_SUBJECT = re.compile(r"^[^;:.()\d]{0,140}?\b(?:đã|vừa)\s+(?!qua\b)", re.I)
_PARTICIPANTS_AFTER = re.compile(
    r"^[^,;:.()\d]{0,80}?\b(?:đăng\s+ký\s+tham\s+gia|đăng\s+ký\s+dự|tham\s+dự|có\s+mặt|về\s+dự)\b", re.I
)
# "… cơ sở có tỷ lệ tập hợp dưới 50% …", "100% chi hội đạt tỷ lệ tập hợp trên 80%": a rate a unit has
# or reaches, bounded, sorts units into a kind; the bound is a bar, not an aim
_RATE_BAR_BEFORE = re.compile(
    r"\b(?:có|đạt)\s+tỷ\s+lệ\s+[^,;:.\d%]{0,40}?\b(?:dưới|trên|không\s+quá|chưa\s+đến|từ)\s*$", re.I
)
# ("Hội phấn đấu có tỷ lệ tập hợp trên 70%": the rate itself is what is aimed at)
_AIMED_RATE_BEFORE = re.compile(rf"(?:{STRIVE}|mục\s+tiêu|chỉ\s+tiêu)(?:\s+[^\W\d]+){{0,2}}\s*$", re.I)
_CRITERION_BEFORE = re.compile(
    r"\b(?:có|đạt|được|thành\s+lập(?:\s+được)?|tham\s+gia|hoàn\s+thành)\s+"
    r"(?:ít\s+nhất|tối\s+thiểu|từ)\s*$",
    re.I,
)


# "03 chi hội … ký kết giao ước thi đua": the units that sign, counted
_SIGNERS_AFTER = re.compile(
    r"^[^,;:.()\d]{0,40}?\b(?:cùng\s+)?ký(?:\s+kết)?\s+(?:giao\s+ước|cam\s+kết|biên\s+bản|chương\s+trình\s+phối\s+hợp)",
    re.I,
)
# "Thực hiện sáng kiến … trồng 1 tỷ cây xanh, …": a figure inside the programme a sentence cites
_CITED_PROGRAMME = re.compile(
    r"(?:^|[.;:!?]\s|\n)\s*(?:[-–+•*]\s*)?(?:thực\s+hiện|hưởng\s+ứng|triển\s+khai|tiếp\s+nối)\s+"
    r"(?:sáng\s+kiến|chủ\s+trương|lời\s+kêu\s+gọi|đề\s+án|chương\s+trình|cuộc\s+vận\s+động)\b[^,;:.\n]*$",
    re.I,
)


def _news_count(masked: str, pos: int, after: str) -> bool:
    """In news, a number that counts the units that sign a pledge ("03 chi hội … ký kết giao ước") or
    belongs to a cited programme ("Thực hiện sáng kiến … trồng 1 tỷ cây xanh, …") is told, not aimed at."""
    if "ký" in after.lower() and _SIGNERS_AFTER.match(after):
        return True
    window = masked[max(0, pos - 200) : pos].lower()
    if not any(w in window for w in ("thực hiện", "hưởng ứng", "triển khai", "tiếp nối")):
        return False
    return bool(_CITED_PROGRAMME.search(masked, max(0, pos - 200), pos))


# the gap between two numbers of one told list: a separator (at most one ";"), a few words, no other
# number and no "trong đó", which opens a break-down of the told number
_AND = re.compile(r"\bvà\b", re.I)
_BREAKDOWN = re.compile(r"\b(?:trong\s+đó|bao\s+gồm|gồm|chia\s+ra)\b", re.I)


def _told_list_goes_on(masked: str, told_end: int, pos: int) -> bool:
    """News: "… tặng hơn 1.500 phần quà; 3.000 bộ quần áo; hiến hơn 650 đơn vị máu": the items after
    a number told as a result, in the same sentence and list, are told too."""
    if told_end < 0 or pos - told_end > 110:
        return False
    gap = masked[told_end:pos]
    if gap.count(";") > 1 or any(c.isdigit() or c in ":.!?\n" for c in gap):
        return False
    return (";" in gap or "," in gap or _AND.search(gap) is not None) and _BREAKDOWN.search(gap) is None


def _commits(masked: str, sentence: str, pos: int) -> bool:
    """Whether a news or notice sentence commits to the number at `pos`. "mỗi" alone commits only
    a quota it leads to ("mỗi đội viên nộp 2 kg"), not a description ("15 đội, mỗi đội 3 thành
    viên") or the worth of each item ("30 suất, mỗi suất trị giá 1 triệu đồng")."""
    words = [
        m
        for m in COMMITMENT.finditer(sentence)
        if not _ACHIEVED_AGAINST.search(sentence, max(0, m.start() - 40), m.start())
        and not (m.start() > pos and _REGISTERED.fullmatch(m.group(0)))
    ]
    if not words:
        return False
    for m in words:
        if not m.group(0).lower().startswith("mỗi"):
            return True
        if m.start() > pos:
            continue
        between = masked[m.end() : pos]
        if "," in between or ";" in between:
            continue
        if re.search(r"\S+\s+\S+", between.strip()) and not _EACH_WORTH.match(between):
            return True
    return False


_EACH_WORTH = re.compile(r"^\s*\S+(?:\s+\S+)?\s+(?:trị\s+giá|gồm|có\s+giá|khoảng)\s*$", re.I)
# "đạt gần 113% kế hoạch", "đạt và vượt 15/20 chỉ tiêu", "vượt 9,5% chỉ tiêu": the plan a result is
# measured against, which commits to nothing in a report
_ACHIEVED_AGAINST = re.compile(
    r"\b(?:đạt|vượt|hoàn\s+thành)(?:\s+và\s+vượt)?\s+(?:mức\s+)?(?:gần|hơn|trên|khoảng)?\s*"
    r"(?:\d[\d.,/]*\s*%?\s*(?:so\s+với\s+)?(?:chỉ\s+tiêu\s+)?)?$",
    re.I,
)
# "10.470 hộ hội viên đăng ký danh hiệu": those who registered, counted after the fact
_REGISTERED = re.compile(r"đăng\s+ký", re.I)


def _same_list(gap: str) -> bool:
    """After "tại 93 huyện …", the next number is one more place when it opens the next item
    ("; 217 xã", "và 5 vùng") or stays in the same clause, and nothing commits to it; "…; Khám,
    chữa bệnh cho 200.000 người" is a new task."""
    if COMMITMENT.search(gap):
        return False
    if not re.search(r"[;:]", gap):
        return True
    return not re.sub(r"\b(?:và|hoặc)\b", "", re.split(r"[;,]", gap)[-1]).strip()


def _past_sentence(masked: str, pos: int) -> bool:
    """A past-tense marker earlier in the sentence with no commitment word between it and `pos`."""
    marks = list(PAST_MARK.finditer(masked, 0, pos))
    return bool(marks) and not STRONG_COMMITMENT.search(masked, marks[-1].end(), pos)


def _is_criterion(masked: str, s: int, matches: list, index: int) -> bool:
    """A count after a percentage in the same clause ("100% X có ít nhất 1 Y") is the bar the
    percentage is measured against, unless it is a quantity per period or per unit ("mỗi tuần")."""
    if not _CRITERION_BEFORE.search(masked[max(0, s - 40) : s]):
        return False
    for prev in reversed(matches[:index]):
        between = masked[prev.end() : s]
        if ";" in between or ". " in between:
            return False
        if prev.group("pct"):
            return not re.search(r"\b(?:mỗi|hằng|hàng)\b", between, re.I)
    return False


_IN_QUOTA_SLOGAN = re.compile(
    r"[“\"«]\s*mỗi\s+(?:đoàn\s+viên|đội\s+viên|hội\s+viên|thanh\s+niên|học\s+sinh|sinh\s+viên)[^\d”\"»]{0,60}$",
    re.I,
)
_FEE_AFTER = re.compile(r"^\s*(?:học\s+phí|kinh\s+phí|đoàn\s+phí|hội\s+phí|lệ\s+phí|phí|giá|tiền)\b", re.I)
_SELECTED_BEFORE = re.compile(r"\b(?:chọn|tuyển\s+chọn|lựa\s+chọn)\s+(?:ra\s+)?(?:lấy\s+)?$", re.I)
_FORECAST_WORD = re.compile(r"\bdự\s+kiến\b[^,;.]{0,40}$", re.I)
_SUPERSEDED_AFTER = re.compile(r"^[^;.]{0,60}?,?\s*(?:nhưng|song)\b[^;.]{0,60}?\b(?:đã|vượt)\b", re.I)
_LABEL_LIST_GAP = re.compile(r"\s*(?:,|và|,\s*và|&)\s*")
_TRAILING = re.compile(r"[\s,;:.\-–và]+$")
_LEADING = re.compile(r"^[\s,;:.\-–)]+")


@dataclass
class TargetContext:
    """What the surrounding document says about the numbers in a sentence."""

    plan_kind: str = "ke_hoach"
    default_period: str | None = None
    section_period: str | None = None
    target_block: bool = False
    historical_section: bool = False
    funding_section: bool = False
    first_year: int | None = None  # years before this one are the past
    past_paragraph: bool = False  # a paragraph that reports results ("Trong nhiệm kỳ qua, …")
    review: bool = False  # the paragraph reviews results: only a future commitment makes a target
    criteria_section: bool = False  # "Khen thưởng", "Tiêu chuẩn", "Điều kiện": numbers are bars
    extra: dict = field(default_factory=dict)


def _words_before(text: str, pos: int, n: int = 3) -> list[str]:
    return _WORD_RE.findall(text[max(0, pos - 60) : pos])[-n:]


def _clause_start(text: str, pos: int) -> int:
    cut = max(text.rfind(";", 0, pos), text.rfind(":", 0, pos), text.rfind(". ", 0, pos))
    return cut + 1


_FIRST_LETTER = re.compile(r"[^\W\d_]")


def _first_letter(text: str) -> int:
    m = _FIRST_LETTER.search(text, LEAD_MARK.match(text).end())
    return m.start() if m else len(text)


def _is_sentence_start(text: str, pos: int) -> bool:
    """No letter before `pos` except a leading list marker: the number opens the sentence."""
    return pos <= _first_letter(text[: pos + 1]) if pos < len(text) else _first_letter(text) >= pos


def _trim(text: str, limit: int = 160) -> str:
    text = _LEADING.sub("", text)
    text = _TRAILING.sub("", text).strip()
    if text.count(")") > text.count("("):
        text = text[: text.rfind(")")].rstrip(" ,;")
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > 40 else limit].rstrip(" ,;") + "…"
    return text


def _words_as_digits(masked: str) -> str:
    """ "ít nhất một mô hình" → "ít nhất 1    mô hình": the same length, so spans stay right."""
    if "mỗi" in masked.lower() and _EACH_HAS_WORD.search(masked):
        masked = _EACH_HAS_WORD.sub(_as_digits, masked)
    if ("triệu" in masked or "nghìn" in masked or "ngàn" in masked) and _WORD_BEFORE_SCALE.search(masked):
        masked = _WORD_BEFORE_SCALE.sub(_as_digits, masked)
    # a cheap look for the hint's words first: the case-blind scan of every sentence cost ~20 ms
    # on a 50-page plan, and eight sentences in nine have none of them
    low = masked.lower()
    if not any(w in low for w in _HINT_WORDS) or not _WORD_NUMBER_HINT.search(masked):
        return masked
    if _AT_LEAST_WORDS.search(masked):
        return _WORD_NUMBER.sub(_as_digits, masked)
    # Without "trở lên" a number word can only follow a cue, and every cue starts where the hint
    # matches: trying the pattern there alone gives what a scan of every position gives.
    parts, last = [], 0
    for hint in _WORD_NUMBER_HINT.finditer(masked):
        if hint.start() < last:
            continue
        m = _WORD_NUMBER_AFTER_CUE.match(masked, hint.start())
        if m:
            parts += [masked[last : m.start()], _as_digits(m)]
            last = m.end()
    return "".join(parts) + masked[last:] if parts else masked


def _as_digits(m: re.Match) -> str:
    name = "w" if m.group("w") or "w2" not in m.re.groupindex else "w2"
    word = m.group(name)
    head = m.string[m.start() : m.start(name)]
    return head + str(word_number(word)).rjust(len(word))


def find_targets(
    sentence: str, masked: str, ctx: TargetContext, mentions: list[dict] | None = None
) -> list[dict]:
    """Targets in one sentence. `masked` is the sentence with dates, references and quotes blanked.

    Numbers that are quantities but not targets are classified into `mentions` (when given) as
    results, amounts of money, counts of things or thresholds — the classification step of issue
    13; only targets are returned. Long because it is one ordered cascade of the reader's target
    rules; splitting it would hide the order they apply in."""
    hits: list[dict] = []
    masked = _words_as_digits(masked)
    matches = list(QUANTITY_RE.finditer(masked))

    told = [-1]  # where the last number read as a result ends, for the rest of its list

    def classify(kind: str, s: int, e: int, value, percent: bool) -> None:
        if kind == RESULT:
            told[0] = e
        if mentions is not None:
            mentions.append({"class": kind, "value": value, "percent": percent, "start": s, "end": e})

    suppressed_list = False
    label_list = False  # the numbers after "khối 3" in "khối 3, 4, 5" are labels too
    skip_until = -1
    where_scope = False  # a "tại …" list of places runs to the end of the sentence
    existing_scope = False  # and a "hiện có …" list of what exists
    at_least_scope = False  # "ít nhất 1 chương trình “…”, 1 chương trình “…”": the minimum runs on
    for index, m in enumerate(matches):
        s, e = m.start(), m.end()
        if s < skip_until:
            continue
        number = m.group("num")
        percent = bool(m.group("pct"))
        before = masked[max(0, s - 60) : s]
        after = masked[e : e + 80]
        prev_words = _words_before(masked, s)
        if _CLAUSE_BREAK_BEFORE.search(before):
            prev_words = []  # "… cấp huyện; 271 công trình": no label across a clause break
        prev = prev_words[-1].lower() if prev_words else ""
        next_words = _WORD_RE.findall(after[:40])
        nxt = next_words[0] if next_words else ""

        # list markers "(1).", "1." and "2.1." at the start of the sentence
        if _is_sentence_start(masked, s) and re.match(r"^\s*\)?\s*[.)]", after) and not percent:
            continue
        if re.search(r"[+x×*]\s*$", before) or re.match(r"^\s*[+x×]\s*\d", after):
            continue
        if re.match(r"^\s*[-–/]\s*[A-ZĐ]", after) or re.match(r"^[.,]\d", masked[e : e + 2]):
            continue
        if (
            not percent
            and len(number) == 4
            and _YEAR_SPAN_END_BEFORE.search(before)
            and number[:2] in ("19", "20")
        ):
            continue  # "giai đoạn 2021 - 2020" (a slip for 2030), "nhiệm kỳ 2022-2017": a span's end year
        if (percent and masked[e : e + 1] == "0") or masked[e : e + 2].lstrip()[:1] == "‰":
            continue  # "giảm tỷ suất sinh thô 0,30%0/năm", "0,3‰": a per-mille rate, left out
        if not percent and _SPAN_UNIT_AFTER.match(after) and _DURATION_BEFORE.search(before):
            continue  # "tổ chức trong 1 buổi", "diễn ra trong 3 ngày": a duration
        if percent and _FEE_AFTER.match(after):
            classify(AMOUNT, s, e, scaled_value(number, m.group("scale") or ""), percent)
            continue  # "hoàn thành tối thiểu 65% học phí": a share of money to pay, not an aim
        if not percent and "chọn" in before.lower() and _SELECTED_BEFORE.search(before):
            classify(COUNT, s, e, scaled_value(number, m.group("scale") or ""), percent)
            continue  # "Ban Giám khảo chọn ra 12 công trình xuất sắc nhất": how many will win
        if (
            "dự" in before.lower()
            and _FORECAST_WORD.search(before)
            and _SUPERSEDED_AFTER.match(masked[e : e + 120])
        ):
            continue  # "Dự kiến tiếp nhận 300 đơn vị máu, nhưng … đã tiếp nhận 700": a forecast overtaken
        if _RECURRING_AFTER.match(after):
            continue  # "01 lần/năm", "1 số/quý": a recurring rule, not a target
        if re.match(r"^\s*(?:[-–]\s*\d{1,3}\s*)?(?:lần|buổi|kỳ|đợt)\b", after) and re.search(
            r"\b(?:định\s+kỳ|mỗi|hằng|hàng)\b", masked[_clause_start(masked, s) : s], re.I
        ):
            continue  # "họp mỗi tháng 01 lần": a frequency
        # labels: "khối 12", "Hội nghị Trung ương 4", "lần thứ 2"
        prev_end = matches[index - 1].end() if index else 0
        gap = masked[prev_end:s]
        # "Đoàn khoa SP — Tuần thứ ba của tháng — 15 sinh viên": a row of a table of quotas, its
        # cells split by spaced dashes; the word before the dash labels nothing
        allocation_row = bool(ctx.extra.get("allocation_row"))
        dash_cell = allocation_row and bool(_DASH_CELL_BEFORE.search(masked, 0, s))
        if (
            prev in _LABEL_BEFORE
            and not (prev == "các" and percent)
            and not dash_cell
            and not _AFTER_COMMA.search(before)  # "… nghề nghiệp, 6 chi hội": the comma parts them
        ):
            every = len(prev_words) > 1 and prev_words[-2].lower() in {"mỗi", "hằng", "hàng"}
            if not (prev in TIME_UNITS and every):
                if prev in {"cả", "các", "những", "theo", "gồm", "cứ"}:
                    suppressed_list = True
                label_list = prev not in TIME_UNITS
                continue
        if label_list and not percent and index and _LABEL_LIST_GAP.fullmatch(gap):
            continue  # "Khối 3, 4, 5 thi …": the rest of the labelled list
        label_list = False
        if (
            _capitalised_label(masked, s)
            and not (
                (_ALLOCATION.search(masked, 0, s) or allocation_row)
                and re.match(r"\s+[^\W\d_A-ZĐ]", masked[e:])
            )
            and not (
                # "khoa Luật 40 sinh viên": people counted after a capitalised name, a quota, not a label
                not percent and _PEOPLE_AFTER.match(after) and not re.fullmatch(r"(?:19|20)\d\d", number)
            )
        ):
            continue  # ("khoa Luật 40 sinh viên" in a "Phân bổ …:" list is a quota, not a name)
        if (
            suppressed_list
            and index
            and ";" not in gap
            and len(gap) < 80
            and re.search(r"(?:,|\bvà)\s*$", gap)
        ):
            continue
        suppressed_list = False

        value = scaled_value(number, m.group("scale") or "")
        scale = (m.group("scale") or "").strip()
        unit: str | None = None
        max_value = None
        if percent:
            rng = _RANGE_AFTER.match(after)
            if rng and rng.group("pct") and scaled_value(rng.group("num"), "") > value:
                # "95% đến 100% chi hội", "95%-100% thanh niên": one target with both bounds
                max_value = scaled_value(rng.group("num"), "")
                e = e + rng.end()
                after = masked[e : e + 80]
                skip_until = e
                next_words = _WORD_RE.findall(after[:40])
                nxt = next_words[0] if next_words else ""
        if not percent:
            rng = _RANGE_AFTER.match(after)
            if rng and rng.group("pct"):
                percent = True
                max_value = scaled_value(rng.group("num"), "")
                e = e + rng.end()
                after = masked[e : e + 80]
                skip_until = e
                next_words = _WORD_RE.findall(after[:40])
                nxt = next_words[0] if next_words else ""
        if not percent:
            rng = _COUNT_RANGE_AFTER.match(after)
            if rng and not (
                re.fullmatch(r"(?:19|20)\d\d", number) and re.fullmatch(r"(?:19|20)\d\d", rng.group("num"))
            ):
                high = scaled_value(rng.group("num"), rng.group("scale") or scale)
                if high > value:
                    max_value = high
                    e = e + rng.end()
                    after = masked[e : e + 80]
                    skip_until = e
                    next_words = _WORD_RE.findall(after[:40])
                    nxt = next_words[0] if next_words else ""
        if not percent:
            money = MONEY.match(after)
            if money:
                word = money.group(1).lower()
                unit = "USD" if word == "usd" else "đồng"
                if word.startswith(("triệu", "tỷ")):
                    value = scaled_value(number, " " + word.split()[0])
                e += money.end()
                after = masked[e : e + 80]
                clause_text = masked[_clause_start(masked, s) : e + 20]
                if (
                    _RATE_CONTEXT.search(clause_text)
                    or re.match(r"^\s*/", after)
                    or not (_RAISE_MONEY.search(clause_text) or ctx.target_block)
                ):
                    classify(AMOUNT, s, e, value, False)
                    continue  # "2.000 đồng/tháng", "giải nhất trị giá 7 triệu đồng": money, not a target
            elif scale:
                unit = None
            elif _quoted_after(sentence, masked, e) and not re.fullmatch(r"(?:19|20)\d\d", number):
                pass  # "300 “Sinh viên 5 tốt” cấp trường": the quoted title is what is counted
            else:
                if not nxt:
                    continue
                if nxt.lower() == "phút" and _CLOCK_BEFORE.search(before):
                    continue  # "16 giờ 20 phút": a time of day
                if nxt.lower() in TIME_UNITS:
                    follow = next_words[1] if len(next_words) > 1 else ""
                    if _DURATION_BEFORE.search(before) or _DURATION_AFTER.match(after):
                        continue  # "sau 1 tháng phát động", "còn 1 tuần nữa": a duration
                    if re.match(r"^\s*\w+\s*/", after) or "kỷ niệm" in before.lower():
                        continue
                    if not follow or not follow[:1].islower() or follow.lower() in _TIME_FOLLOW_STOP:
                        continue
                if nxt.lower() in _SLOGAN_AFTER and not (
                    nxt.lower() == "nhà"
                    and re.match(r"^\s*nhà\s+(?:nhân|tình|khăn|văn|ở|bán|đại)", after, re.I)
                ):
                    continue
                if not nxt[:1].islower() and nxt not in CAP_UNITS:
                    continue
                if not re.match(r"^\s+\S|^(?:km|kg|ha|m2|m²)\b", after):
                    continue
                # a bare year is not a quantity
                if re.fullmatch(r"(19|20)\d\d", number) and nxt.lower() in _FUNCTION_WORDS:
                    continue
                if nxt.lower() in _FUNCTION_WORDS:
                    continue
            if "kỷ niệm" in before.lower()[-30:]:
                continue
        # past results and non-commitments
        clause = masked[_clause_start(masked, s) : s]
        # “Mỗi đoàn viên, thanh niên trồng 01 cây xanh”: a movement's per-member quota, aimed at
        # even when the news says the movement was launched ("đã phát động …")
        window = masked[max(0, s - 90) : s]
        quota = ("“" in window or '"' in window or "«" in window) and bool(_IN_QUOTA_SLOGAN.search(window))
        if _FORECAST_BEFORE.search(clause):
            continue  # "hy vọng sẽ sản xuất được 1.300 đơn vị": a hope, not a commitment
        # "Phân bổ lực lượng: Đoàn khoa A 100 sinh viên; …; tổng cộng 630 sinh viên": quotas handed out
        allocation = "phân" in masked[:s].lower() and bool(_ALLOCATION.search(masked, 0, s))
        # the sentence so far announces what a congress or resolution adopts ("… thông qua nghị
        # quyết … với một số chỉ tiêu chủ yếu …"): its numbers are aimed at, like a quota
        adopted = "tiêu" in masked[:s] and bool(_ADOPTED_TARGETS_BEFORE.search(masked, 0, s))
        quota = (
            quota
            or adopted
            or ("lượng" in before.lower() and _QUANTITY_LABEL_BEFORE.search(before) is not None)
            or ("ký" in before.lower() and _PLEDGE_BEFORE.search(before) is not None)
        )
        if (
            ctx.plan_kind not in PLAN_KINDS
            and not quota
            and ("đến" in before or "tới" in before)
            and _AS_MANY_AS_BEFORE.search(before) is not None
            and not STRONG_COMMITMENT.search(clause)
        ):
            classify(RESULT, s, e, value, percent)
            continue  # news: "nhưng có đến hơn 8.000 sinh viên đăng ký": a count told with emphasis
        past = list(PAST_RESULT.finditer(clause))
        if past and not quota and not STRONG_COMMITMENT.search(clause, past[-1].end()):
            classify(RESULT, s, e, value, percent)
            continue  # "… đã triển khai …" (a quota after the past, "định mức là 2 kg", is aimed at)
        subject_first = not re.sub(
            r"(?:gần|trên|hơn|khoảng|có|với)\s*", "", clause.rsplit(",", 1)[-1].lower()
        ).strip(" -–+•")
        past_after = _PAST_AFTER_SUBJECT if subject_first else _PAST_AFTER
        if past_after.match(masked[e : e + 160]) and not quota and not STRONG_COMMITMENT.search(clause):
            classify(RESULT, s, e, value, percent)
            continue  # "trên 600 sinh viên đã đăng ký tham gia": a number already reached
        if (
            ctx.plan_kind not in PLAN_KINDS
            and _PARTICIPANTS_AFTER.match(after)
            and not STRONG_COMMITMENT.search(clause)
            and not ctx.target_block
        ):
            classify(COUNT, s, e, value, percent)
            continue  # "700 đoàn viên đăng ký tham gia": who signed up, not an aim
        if ctx.criteria_section and not STRONG_COMMITMENT.search(clause):
            classify(THRESHOLD, s, e, value, percent)
            continue  # "Khen thưởng: … đạt trên 10kg": the bar for an award, not an aim
        if (
            not percent
            and not STRONG_COMMITMENT.search(clause)
            and (_EXISTING_BEFORE.search(before) or (existing_scope and _same_list(masked[prev_end:s])))
        ):
            existing_scope = True
            classify(COUNT, s, e, value, percent)
            continue  # "huyện hiện có 18 cơ sở hội, 91 chi hội và 25 tổ hội": what exists, not an aim
        existing_scope = False
        if (
            (
                _PARTICIPATION_BEFORE.search(before)
                or (
                    not percent
                    and ("với" in before or "Với" in before)
                    and _WITH_BEFORE.search(before)
                    and _TAKE_PART_AFTER.match(after)
                )
            )
            and not FUTURE_COMMITMENT.search(sentence)
            and not STRONG_COMMITMENT.search(clause)
        ):
            classify(RESULT, s, e, value, percent)
            continue  # "… ra quân …, với sự tham gia của hơn 40 cán bộ": who took part in the event
        if _COUNT_OF_ITEMS.match(after) and not percent:
            classify(COUNT, s, e, value, percent)
            continue  # "đề ra 15 chỉ tiêu", "5 nhiệm vụ trọng tâm": how many items, not a quantity
        if (
            not percent
            and not STRONG_COMMITMENT.search(clause)
            and (
                _DELEGATES_AFTER.match(after)
                or (
                    _REPRESENTED_BEFORE.search(before)
                    and (_PEOPLE_AFTER.match(after) or _UNITS_AFTER.match(after))
                )
                or (_MAKE_UP_BEFORE.search(before) and _MEMBERS_AFTER.match(after))
                or (
                    _SIZE_BEFORE.search(before)
                    and _MEMBERS_AFTER.match(after)
                    and not PAST_MARK.search(masked)
                    and not _past_sentence(masked, s)
                )
            )
        ):
            classify(COUNT, s, e, value, percent)
            continue  # delegates, the members they stand for, the make-up of a council
        if (
            not percent
            and ctx.plan_kind not in PLAN_KINDS
            and not ctx.target_block
            and _news_count(masked, s, after)
        ):
            classify(COUNT, s, e, value, percent)
            continue  # news: who signs, the figure of a cited programme
        if not percent and _POSTS_AFTER.match(after):
            classify(COUNT, s, e, value, percent)
            continue  # "bầu BCH 05 đồng chí (01 bí thư; 03 ủy viên)": posts of a body, even after "đề ra …"
        if (
            not percent
            and ctx.plan_kind not in PLAN_KINDS
            and not ctx.target_block
            and not quota
            and _WON_AFTER.match(after)
            and not STRONG_COMMITMENT.search(clause)
            and not FORWARD_WORDS.search(sentence)
        ):
            classify(RESULT, s, e, value, percent)
            continue  # news: "350 sinh viên đạt danh hiệu cấp trường", who won, not who should
        at_least = bool(_AT_LEAST_BEFORE.search(before)) or (
            at_least_scope and _NEXT_ITEM_GAP.fullmatch(masked, prev_end, s) is not None
        )
        at_least_scope = at_least
        if not percent and _PLACE_AFTER.match(after) and _DIRECTED_TO_BEFORE.search(before):
            classify(COUNT, s, e, value, percent)
            continue  # "hướng mạnh về cơ sở, đặc biệt 248 xã biên giới": where the work goes, not how much
        if not percent and (
            (
                _THINGS_AFTER.match(after)
                and not at_least
                and not (_ACTIVITIES_AFTER.match(after) and _TARGETS_COLON_BEFORE.search(masked[:s]))
            )
            or _WHERE_BEFORE.search(before)
        ):
            where_scope = where_scope or bool(_WHERE_BEFORE.search(before))
            classify(COUNT, s, e, value, percent)
            continue  # "triển khai tại 75 xã", "cuộc thi gồm 3 vòng": where and what, not how much
        if where_scope and not percent and _same_list(masked[prev_end:s]):
            classify(COUNT, s, e, value, percent)
            continue  # "tại 93 huyện …; 217 xã …; địa bàn có 16 dân tộc": the rest of the list of places
        if (
            (
                _ACHIEVED_AFTER.match(after)
                # "… phấn đấu mỗi chi hội …; vận động quỹ đạt 100% chỉ tiêu giao": a share of a quota aimed at
                and not (
                    STRONG_COMMITMENT.search(masked, 0, s)
                    and not PAST_MARK.search(masked, 0, e)
                    and not _GOT_BEFORE.search(before)
                )
            )
            or (_EXCEEDED_BY_AFTER.match(after) and _EXCESS_BEFORE.search(before))
        ) and not adopted:
            classify(RESULT, s, e, value, percent)
            continue  # "vượt 231,3% chỉ tiêu": a result measured against a target
        if (
            "," in masked[e : e + 70]
            and (_ACHIEVED_LATER.match(masked, e, e + 140) or _EXCEEDED_BY_LATER.match(masked, e, e + 140))
            and not adopted
            and not STRONG_COMMITMENT.search(clause)
        ):
            classify(RESULT, s, e, value, percent)
            continue  # "thu về 321 đơn vị máu, vượt chỉ tiêu kế hoạch": reached, then measured
        if not percent and (_SPLIT_BEFORE.search(before) or _ALL_OF_AFTER.match(after)):
            classify(COUNT, s, e, value, percent)
            continue  # "chia làm 04 đợt", "phân bổ cho 24 cơ quan", "32 chi đội … đều tham gia"
        if (
            ctx.plan_kind not in PLAN_KINDS
            and _RESULT_CUE_BEFORE.search(before)
            and not STRONG_COMMITMENT.search(clause)
            and not _FORECAST_CUE_BEFORE.search(before)
            and not adopted
            and not (_AT_LEAST_AFTER.match(after) and not _past_sentence(masked, s))
            and not ctx.target_block
            and not allocation
            and not (":" in masked[:s] and _COMMITTED_LIST_BEFORE.search(masked, 0, s))
        ):
            classify(RESULT, s, e, value, percent)
            continue  # news and reports: "xây dựng được 9.381 nhà", "chiếm 53,4%"
        if (
            ctx.plan_kind not in PLAN_KINDS
            and _STATISTIC.search(clause)
            and not FUTURE_COMMITMENT.search(clause)
            and not adopted
            and max_value is None  # "tăng bình quân từ 3 – 5%/năm": a range is aimed at, not measured
        ):
            classify(RESULT, s, e, value, percent)
            continue  # "bình quân hằng năm … tăng 4,3%": a statistic of the past
        if (
            ctx.plan_kind not in PLAN_KINDS
            and not ctx.target_block
            and not adopted
            and not quota
            and _TALLY_OPENING.match(sentence)
            and not FUTURE_COMMITMENT.search(sentence)
            and not FORWARD_WORDS.search(sentence)
        ):
            classify(RESULT, s, e, value, percent)
            continue  # "Theo thống kê đến tháng 6, cả nước thành lập 3.739 đội hình": a tally so far
        if (
            _COMPARED_AFTER.match(after)
            and re.search(r"\b(?:tăng|giảm)\s*(?:thêm\s*)?$", before, re.I)
            and not COMMITMENT.search(clause)
        ):
            continue  # "(tăng 78,3% so với năm 2020)": a change already measured
        if _POINTS_AFTER.match(after) and (
            ctx.plan_kind == "quy_che" or _PENALTY_BEFORE.search(before) or _AT_LEAST_AFTER.match(after)
        ):
            classify(THRESHOLD, s, e, value, percent)
            continue  # "bị trừ 5 điểm", "đạt từ 90 điểm trở lên": a regulation's scoring, not a target
        cond = _CONDITION_AFTER.match(after)
        if cond and percent and not re.search(r"\b(?:thì|mới)\b", cond.group(0), re.I):
            cond = None  # "95% số hội viên trở lên được quán triệt": a minimum share, passive "được"
        if cond or _CONDITION_BEFORE.search(clause) or _PENALTY_AFTER.match(after):
            classify(THRESHOLD, s, e, value, percent)
            continue  # "đơn vị có ít nhất 3 đoàn viên trở lên được thành lập chi đoàn": a condition
        bar = _RATE_BAR_BEFORE.search(before) if percent and "tỷ lệ" in before.lower() else None
        if bar and not _AIMED_RATE_BEFORE.search(before, 0, bar.start()):
            classify(THRESHOLD, s, e, value, percent)
            continue  # "cơ sở có tỷ lệ tập hợp dưới 50%", "chi hội đạt tỷ lệ … trên 80%": the bar of a kind
        if not percent and _is_criterion(masked, s, matches, index):
            classify(THRESHOLD, s, e, value, percent)
            continue  # "100% đội viên đạt ít nhất 3 chuyên hiệu": 3 is the bar, 100% the target
        if _past_sentence(masked, s) and not ctx.target_block and not quota:
            classify(RESULT, s, e, value, percent)
            continue
        if (
            ctx.past_paragraph
            and not quota
            and not (FUTURE_COMMITMENT if ctx.review else STRONG_COMMITMENT).search(sentence)
        ):
            classify(RESULT, s, e, value, percent)
            continue
        if ctx.first_year:
            years = [int(y) for y in _PAST_YEAR_RE.findall(sentence[_clause_start(masked, s) : s])]
            if years and max(years) < ctx.first_year and not COMMITMENT.search(clause):
                continue
        if ctx.historical_section and not COMMITMENT.search(_MEASURED.sub(" ", sentence)):
            classify(RESULT, s, e, value, percent)
            continue
        if ctx.funding_section and not COMMITMENT.search(sentence):
            continue
        if (
            ctx.plan_kind not in PLAN_KINDS
            and not ctx.target_block
            and not quota
            and not allocation
            and not _commits(masked, sentence, s)
        ):
            if (
                ctx.plan_kind == "other"
                and _DEED_BEFORE.search(clause)
                and not FORWARD_WORDS.search(sentence)
                and not re.match(rf"\s*[{BULLETS}]", sentence)
            ):  # a list item under "… thực hiện các phần việc:" is announced, not told
                classify(RESULT, s, e, value, percent)  # news: "huy động 40 đoàn viên", "trao 30 suất quà"
            elif _told_list_goes_on(masked, told[0], s) and not FORWARD_WORDS.search(sentence):
                classify(RESULT, s, e, value, percent)  # "tặng hơn 1.500 phần quà; 3.000 bộ quần áo; …"
            continue

        # unit and subject
        end_of_subject = len(masked)
        following = [o.start() for o in matches[index + 1 :] if o.start() >= e]
        if following:
            end_of_subject = following[0]
        semi = masked.find(";", e)
        if semi != -1:
            end_of_subject = min(end_of_subject, semi)
        subject = _trim(sentence[e:end_of_subject])
        if unit is None and not percent and not scale:
            unit = _unit(subject)
        if len(subject) < 3:
            prev_end = matches[index - 1].end() if index else 0
            head = sentence[max(_clause_start(masked, s), prev_end) : s]
            head = re.sub(
                r"(?:đạt|là|trên|ít nhất|tối thiểu|từ|khoảng|hơn)\s*$", "", head.strip(), flags=re.I
            )
            subject = _trim(head)
        comparator = "="
        for pattern, op in _COMPARATORS:
            if pattern.search(before):
                comparator = op
                break
        if comparator == "=" and _AT_LEAST_AFTER.match(masked[e : e + 60]):
            comparator = ">="  # "hai gia đình trở lên"
        elif comparator == "=" and _AT_MOST_AFTER.match(masked[e : e + 60]):
            comparator = "<="
        if max_value is not None:
            direction = "range"
        else:
            direction = {">=": "min", ">": "min", "<=": "max", "<": "max"}.get(comparator, "exact")

        per = None
        pm = _PER_AFTER.match(after)
        if pm:
            per = PERIOD_NAMES[pm.group(1).lower()]
        else:
            clause_start = max(masked.rfind(";", 0, s) + 1, 0)
            found = list(_PER_BEFORE.finditer(masked, clause_start, s))
            if found:
                per = PERIOD_NAMES[found[-1].group(1).lower()]
        each = None
        em = list(_EACH.finditer(masked, max(masked.rfind(";", 0, s) + 1, 0), s))
        if em:
            each = em[-1].group(1).strip()

        hit = {
            "value": value,
            "percent": percent,
            "unit": unit,
            "subject": subject,
            "period": _period_for(masked, sentence, s, e, matches, index, ctx),
            "comparator": comparator,
            "start": s,
            "end": e,
        }
        hit["direction"] = direction
        if max_value is not None:
            hit["max"] = max_value  # kept for readers of the issue-6 schema
            hit["value_max"] = max_value
        if per:
            hit["per"] = per
        if each:
            hit["each"] = each
        hits.append(hit)
    return hits


_LAST_WORD = re.compile(r"([^\W\d_]\w*)[^\w]*$")
_VERB_CAPS = {"Phấn", "Phân", "Phần", "Đạt", "Có", "Trên", "Giới", "Tổ", "Hỗ", "Trao", "Vận", "Thu", "Tặng"}


def _capitalised_label(masked: str, pos: int) -> bool:
    """A number right after a capitalised word inside a clause is part of a name ("Olympic 2024")."""
    window = masked[max(0, pos - 40) : pos]
    m = _LAST_WORD.search(window)
    if not m or window[m.end(1) :].strip() or not m.group(1)[:1].isupper():
        return False
    if m.group(1) in _VERB_CAPS:
        return False
    word_start = pos - len(window) + m.start(1)
    return not _is_sentence_start(masked, word_start) and bool(
        re.search(r"[^\W\d_]", masked[_clause_start(masked, word_start) : word_start])
    )


def _unit(subject: str) -> str | None:
    words = subject.split()
    if not words:
        return None
    first = words[0].strip(",;:.()").lower()
    if first in CLASSIFIERS or len(words) == 1:
        return first or None
    second = words[1].strip(",;:.()")
    if not second or not second[:1].islower() or second.lower() in _FUNCTION_WORDS or words[0].endswith(","):
        return first
    return f"{first} {second.lower()}"


def _period_for(
    masked: str, sentence: str, s: int, e: int, matches: list, index: int, ctx: TargetContext
) -> str | None:
    nxt = matches[index + 1].start() if index + 1 < len(matches) else len(sentence)
    m = _PERIOD_NEAR.search(sentence, e, nxt)
    if m:
        return m.group("y") or m.group("g")
    found = list(_PERIOD_NEAR.finditer(sentence, _clause_start(masked, s), s))
    if found:
        return found[-1].group("y") or found[-1].group("g")
    return ctx.section_period or ctx.default_period
