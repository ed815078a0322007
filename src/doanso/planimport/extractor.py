"""Plan extraction: a Vietnamese plan document in, a structured draft out.

`extract(text)` returns the JSON-ready dict described in issue 6: metadata, the
section tree, every numeric target, every deadline and every recurring obligation,
each with the 1-based source line it was read from. Pure Python, no database: the
web review screen, the API and the command line all call this one function.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from .confidence import deadline_confidence, recurring_confidence, target_confidence
from .dates import DateContext, DateMatch, find_dates, find_time, merge_windows
from .lexicon import (
    CELEBRATED_DAYS,
    COMMITMENT,
    COMMITMENT_OVER_LIST,
    DUTY_VERB,
    FORWARD,
    FUTURE_COMMITMENT,
    LEAD_MARK,
    LIST_ITEM,
    LIST_MARK,
    PAST_MARK,
    PAST_PARAGRAPH,
    RESULT_CONTEXT,
    STRIVE,
)
from .recurrence import WEEKDAYS, find_rules
from .structure import (
    SectionBuilder,
    find_references,
    parse_heading,
    read_metadata,
)
from .targets import PLAN_KINDS, RESULT, TargetContext, find_targets
from .text import Paragraph, read_document, to_paragraphs

__all__ = ["extract", "extract_file"]

_QUOTES = re.compile(r"“[^”\n]{0,300}”|\"[^\"\n]{0,300}\"|«[^»\n]{0,300}»|‘[^’\n]{0,120}’")
# a movement named by its per-member quota: “Mỗi đoàn viên, thanh niên trồng thêm 01 cây xanh”
_QUOTA_SLOGAN = re.compile(
    r"[“\"«]\s*mỗi\s+(?:đoàn\s+viên|đội\s+viên|hội\s+viên|thanh\s+niên|học\s+sinh|sinh\s+viên)[^\d”\"»]{0,60}\d",
    re.I,
)
_HAS_DIGIT = re.compile(r"\d|sáu tháng", re.IGNORECASE)
_HAS_QUOTE = re.compile(r"[“\"«‘]")
_URLS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://\S+|www\.\S+")
_PHONE = re.compile(r"(?=0)(?<!\d)0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?!\d)")
_RECIPIENTS = re.compile(r"^(?:Nơi\s+nhận|NƠI\s+NHẬN)\s*:?", re.IGNORECASE)
_SIGNATURE = re.compile(r"^(?:TM|KT|TL|TUQ)\.\s")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\-+“\"(\w])")
_ABBREV = re.compile(r"(?<!\w)(?:TP|Tp|tp|TS|ThS|PGS|GS|BS|Th|đ/c|Đ/c|St|v\.v|Q|P|TT|H|X)\.$")

_HISTORICAL_SECTION = re.compile(
    r"kết\s+quả|tình\s+hình|đánh\s+giá|thực\s+trạng|những\s+mặt|tồn\s+tại|hạn\s+chế|nguyên\s+nhân|bài\s+học",
    re.I,
)
_FORWARD_SECTION = re.compile(r"phương\s+hướng|nhiệm\s+vụ|giải\s+pháp|chỉ\s+tiêu|mục\s+tiêu|kế\s+hoạch", re.I)
_TARGET_SECTION = re.compile(r"chỉ\s+tiêu|mục\s+tiêu", re.I)
_AHEAD_SECTION = re.compile(r"^\W*(?:[IVX]+|\d+|[A-ZĐ])?[.)]?\s*phương\s+hướng", re.I)
_FUNDING_SECTION = re.compile(r"kinh\s+phí|tài\s+chính|ngân\s+sách", re.I)
_WORDS = re.compile(r"\w+")
# "– Thời gian: 17g30 ngày 06/01/2017": a labelled time line, due in any genre
_TIME_LABEL = re.compile(
    r"^\s*(?:thời\s+gian|thời\s+hạn|hạn\s+nộp)[^:.;]{0,30}:\s*(?:\d{1,2}\s*(?:h|g|giờ)\s*\d{0,2}\s*(?:phút)?\s*,?\s*)?"
    r"(?:(?:sáng|chiều|tối)\s+)?(?:(?:từ|vào)\s+)?(?:ngày\s*)?$",
    re.I,
)
# "Thông báo nhanh kết quả Đại hội …": a news item about what was done
_INVITATION = re.compile(r"\b(?:thư|giấy)\s+mời\b|\b(?:thân|kính|trân\s+trọng)\s+mời\b", re.I)
# an hour written just before the day ("21g ngày 19/05/2015", "16 giờ 20 phút ngày 24/10"): an appointment
_CLOCK_BEFORE_DATE = re.compile(
    r"\b\d{1,2}\s*(?:h|g|giờ)\s*(?:\d{2}\s*(?:phút\s*)?)?,?\s*(?:\([^)]{0,12}\)\s*)?(?:ngày\s*)?$", re.I
)
_TIME_LABEL_LINE = re.compile(r"\s*(?:thời\s+gian|thời\s+hạn|hạn\s+nộp|địa\s+điểm)[^:.;]{0,30}:", re.I)
# "Các thành viên thống nhất … mỗi thành viên đóng góp mỗi tháng …": a rule agreed at the meeting told
_AGREED = re.compile(r"\b(?:thống\s+nhất|thỏa\s+thuận|thoả\s+thuận|cam\s+kết|giao\s+ước)\b", re.I)
# "tổ chức sơ kết hằng năm": a review the text sets as a recurring duty is not a review of results told
# (one held once, "tổ chức hội nghị sơ kết giữa nhiệm kỳ", still is)
_REVIEW_AHEAD = re.compile(
    r"\b(?:tổng|sơ)[ \t]+kết[ \t]+(?:(?:hằng|hàng|mỗi)[ \t]+(?:năm|quý|tháng|học[ \t]+kỳ)|định[ \t]+kỳ)\b",
    re.I,
)
_RESULTS_TITLE = re.compile(r"\bkết\s+quả\b", re.I)
_YEAR_OPENS = re.compile(r"\s*(?:trong\s+)?(?:năm\s*)?", re.I)
_ALLOCATION_INTRO = re.compile(r"\bphân\s+(?:bổ|công|chia)\b", re.I)
_WEEK_ROW_BEFORE = re.compile(r"\s*tuần\s+(?:[IVX]{1,4}|\d{1,2})\s*[(:–-]?\s*$", re.I)
_SCHOOL_YEAR = re.compile(r"năm\s+học\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", re.I)
_STAMP = re.compile(r"\b\d{1,2}/\d{1,2}/((?:19|20)\d\d)\b")
# sections whose numbers are the bar for a title or an award, not aims
_CRITERIA_SECTION = re.compile(r"khen\s+thưởng|tiêu\s+chuẩn|điều\s+kiện|cơ\s+cấu\s+giải", re.I)
# "Trong nhiệm kỳ 2021 – 2026, …" in a news item of 2021: a term ahead, what follows is aimed at
_FUTURE_TERM = re.compile(
    r"(?:nhiệm\s+kỳ|giai\s+đoạn)\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?!\s+(?:vừa\s+)?qua)", re.I
)
_PAST_TERM_OPENS = re.compile(
    r"^\W{0,3}(?:trong\s+)?(?:nhiệm\s+kỳ|giai\s+đoạn)\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\s*,", re.I
)
_SECTION_YEAR = re.compile(r"(?:đến|năm|giai\s+đoạn\s+\d{4}\s*[-–])\s*(?:năm\s+)?(\d{4})", re.I)

_EVENT_BEFORE = re.compile(
    r"(?:kỷ\s+niệm|ngày\s+sinh|ngày\s+mất|thành\s+lập|ngày\s+truyền\s+thống|dịp|chiến\s+thắng|giải\s+phóng|"
    r"quốc\s+khánh|ngày\s+lễ|lễ\s+kỷ)[^()]{0,40}$",
    re.I,
)
_REF_BEFORE = re.compile(r"(?:\d+\s*[-–/]\s*[A-ZĐ][\w/\-–.]*|\bsố\s+\d+\S*)\s*,?\s*(?:ban\s+hành\s+)?$")
_YEAR_DEADLINE_BEFORE = re.compile(
    r"(?:\bvào|\btrong|\bhoàn\s+thành(?:\s+(?:trong|vào))?|\btrước|\bchậm\s+nhất|\()\s*(?:\w+\s+)?$", re.I
)
_NOT_YEAR_DEADLINE_BEFORE = re.compile(
    r"(?:\btừ|\bbắt\s+đầu|\bđến|\btới|\bhết|\bsau|\bgiai\s+đoạn)\s*$", re.I
)
_BEFORE_WORDS = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+(?:là|đến|vào))?|hạn\s+chót|hạn\s+cuối|hạn\s+nộp|không\s+quá|"
    r"(?:từ\s+(?:hôm\s+)?nay\s+)?(?:đến|tới)\s+hết|"
    r"(?:từ\s+(?:hôm\s+)?nay|thời\s+gian\s+nhận\s+bài(?:\s+(?:dự\s+)?thi)?\s*:?)\s+đến|"
    r"\bhạn(?:\s+[^\W\d]+){0,4}\s*:)"
    r"(?:\s+\d{1,2}\s*(?:h|g|giờ)\s*\d{0,2}(?:\s*phút)?\s*,?)?(?:\s*(?:thứ\s+\w+|chủ\s+nhật)\s*,?)?"
    r"\s*(?:ngày|hạn)?\s*$",
    re.I,
)
# "áp dụng mức đoàn phí mới bắt đầu từ ngày 1-1-2011": the day a rule takes effect, even in news
_EFFECTIVE_BEFORE = re.compile(
    r"\b(?:áp\s+dụng|bắt\s+đầu|có\s+hiệu\s+lực|thi\s+hành)(?:\s+[^\W\d]+){0,2}?\s+(?:kể\s+)?từ\s+(?:ngày\s+)?$"
    # "thứ hai hàng tuần, kể từ 30-11-2009": the day a weekly or monthly duty starts
    r"|\b(?:hằng|hàng|mỗi)\s+(?:tuần|tháng|quý|năm)\s*,?\s*(?:bắt\s+đầu\s+)?kể\s+từ\s+(?:ngày\s+)?$",
    re.I,
)
# "tổng hợp nộp về Liên đội … vào ngày 24/02": when a submission is due
_HANDED_IN_BEFORE = re.compile(r"\b(?:nộp|gửi)\s+(?:về\s+)?[^.;:]{0,60}?\bvào\s+(?:ngày\s+)?$", re.I)
# "thực hiện kế hoạch tổ chức hoạt động hè": a plan cited, not a date announced as ahead
_PLAN_CITED = re.compile(r"\b(?:thực\s+hiện|theo|căn\s+cứ|triển\s+khai)\s+(?:các\s+)?kế\s+hoạch\b", re.I)
# "nhiệm vụ … trong năm 2013": the year the work is done in, a period
# ("Xây dựng (trong năm 2023) …" keeps the year as the task's due time)
# "đạt 90% vào năm 2025", "xuống dưới 10% (nội thành), 5% (ngoại thành) vào năm 2025": a year right after
# a figure is the horizon of that indicator, not a due date for a task
_FIGURE_HORIZON_BEFORE = re.compile(
    r"\d(?:[.,]\d+)?\s*(?:%|phần\s+trăm)\s*(?:\([^()]{0,60}\)\s*)?(?:vào|trong|đến|tới)(?:\s+năm)?\s*$", re.I
)
_IN_YEAR_BEFORE = re.compile(r"(?<!\()(?<!\(\s)\btrong\s+(?:năm\s+)?$", re.I)
_FROM_WORDS = re.compile(r"(?:từ|bắt\s+đầu(?:\s+từ)?|kể\s+từ)\s*(?:ngày)?\s*$", re.I)
_DANGLING = re.compile(
    r"\s*(?:\(\s*[,;]?\s*|,|\b(?:(?:vào|trước|lúc|từ)\s+\d{1,2}\s*(?:h|giờ)\s*\d{0,2}(?:\s*phút)?|"
    r"vào|trước|từ|trong|đến|tới|chậm nhất(?: là| đến| vào)?|dự kiến vào|dự kiến|ngày|lúc|hạn chót|"
    r"vào dịp|nhân dịp|bắt đầu từ|bắt đầu)\s*)$",
    re.I,
)
_RESULT_BEFORE = re.compile(r"\b(?:vượt|đạt|hoàn\s+thành)\s+(?:\S+\s+){0,2}$", re.I)
_TARGETS_ANNOUNCED = re.compile(r"\b(?:chỉ\s+tiêu|mục\s+tiêu)\b", re.I)
_INTRO_END = re.compile(r":\s*[-–]?\s*$")
_YEAR_FRAME_AFTER = re.compile(
    rf"^\s*,\s*(?:{STRIVE}\s+)?(?:có\s+|đạt\s+)?(?:trên\s+|ít\s+nhất\s+)?(?!(?:19|20)\d\d\b)\d"
)
_TILL_END_BEFORE = re.compile(r"(?<!\w)(?:đến|tới)[ \t]+hết[ \t]*$", re.I)
_AFTER_WORDS = re.compile(r"\bsau\s+(?:ngày\s+)?$", re.I)
# "nếu gửi muộn sau ngày 20/5 thì …": a deadline phrased as the consequence of missing it
_CONDITIONAL_BEFORE = re.compile(
    r"\b(?:nếu|trường\s+hợp)\b[^.;]{0,60}\b(?:muộn|chậm|quá\s+hạn)?\s*sau\s+(?:ngày\s+)?$", re.I
)
_WITHIN_NEXT = re.compile(r"(?:\bhoàn\s+thành(?:\s+(?:trong|vào|trước))?|\bvào)\s*$", re.I)
# "hoàn thành các công trình trong quý III/2025": the due time of the task it closes
_WITHIN_BEFORE = re.compile(
    r"(?:\bhoàn\s+thành(?:(?:\s+[^\W\d]+){0,6}?\s+(?:trong|vào|trước))?|\bvào)\s*$", re.I
)
# news: "Đại hội … dự kiến diễn ra vào giữa tháng 7/2024": the month an event is held in, a neutral window
_HELD_IN_PERIOD_BEFORE = re.compile(
    r"\b(?:diễn\s+ra|tổ\s+chức|khai\s+mạc|khai\s+giảng|ra\s+quân|tiến\s+hành|kết\s+thúc)\s+(?:dự\s+kiến\s+)?"
    r"(?:vào|trong)\s*$",
    re.I,
)
# two or more days written together ("ngày 26 và 27/3", "các ngày 24, 25, 26 và 27/2"): the days an
# event lasts, neutral unless something is due by them
_DAY_WITH_NEXT_AFTER = re.compile(
    r"\s*(?:,\s*\d{1,2}\s*)*(?:và|&|,)\s*(?:ngày\s+)?\d{1,2}\b(?!\s*(?:giờ|h\b|g\b))", re.I
)
_DAY_WITH_PREVIOUS_BEFORE = re.compile(r"(?<![\w/.:])\d{1,2}\s*(?:và|&|,)\s*(?:ngày\s+)?$", re.I)
_STRICT_BEFORE = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+(?:là|đến|vào))?|hạn\s+chót|hạn\s+cuối|không\s+quá)\s*$", re.I
)
# "1/3 Đoàn phí", "2/3 x 24.000": a fraction, not a day
_FRACTION_AFTER = re.compile(r"^\s*(?:x|×|\*|số\b|tổng\b|(?:đoàn|hội|kinh)\s+phí)", re.I)
_PERIOD_KINDS = ("month", "quarter", "half")
_AVERAGE = re.compile(r"\bbình\s+quân\b", re.I)
# an activity named after its weekday ("Ngày thứ bảy văn minh", "Ngày Chủ nhật xanh"), not a dated day
_NAMED_WEEKDAY = re.compile(
    r"\bngày\s+(thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)(?!\s*[,(]?\s*(?:ngày\s+)?\d)\s+[^\W\d]",
    re.I,
)
# a paragraph of a news item that tells what happened at the event ("Sau lễ khởi động, …",
# "Tại chương trình, …", "Dịp này, …"): its numbers are what was done there
_NARRATION_OPENS = re.compile(
    r"^\W{0,3}(?:sau\s+(?:lễ|buổi|hội\s+nghị|phần)\b|(?:cũng\s+)?tại\s+(?:lễ|buổi|chương\s+trình|hội\s+nghị|"
    r"đại\s+hội|ngày\s+hội)\b|(?:nhân\s+)?dịp\s+này\b|trong\s+(?:buổi|chương\s+trình)\b)",
    re.I,
)
# documents that carry no duties of their own: only dates written as due dates count
NEWSLIKE_KINDS = {"other", "quyet_dinh", "nghi_quyet"}
_STRENGTH = {"before": "before", "on": "on", "during": "during", "from": "from", "conditional": "conditional"}
# the header of a table column of due dates: "Ngày chậm nhất phải hoàn thành", "Thời hạn hoàn
# thành", "Hạn hoàn thành"
_DUE_COLUMN_HEADER = re.compile(
    r"^\s*(?:ngày|thời\s+hạn|hạn|thời\s+gian)\s+(?:chậm\s+nhất\s+(?:phải\s+)?)?hoàn\s+thành\s*$",
    re.I | re.M,
)
# a cell that is only a date, its weekday in brackets at most: "07/02/2021 (chủ Nhật)"
_DATE_CELL = re.compile(
    r"\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\s*(?:\((?:thứ\s+\w+|chủ\s+nhật)\))?\s*", re.I
)
# "ngày 22/1 tới, tại …", "vào ngày 15/3 sắp tới": a day announced as ahead of the news
_AHEAD_AFTER = re.compile(r"^\s*(?:sắp\s+tới|tới\s+đây|tới)(?![\w/])", re.I)
# "Đại hội … diễn ra vào ngày 30/12 tại Hà Nội", "Kết quả được công bố trên … vào ngày 31/12/2023": the
# day an event is held or a result made public, announced
_HELD_ON_BEFORE = re.compile(
    r"\b(?:diễn\s+ra|(?:được\s+)?tổ\s+chức|được\s+công\s+bố|khai\s+mạc|bế\s+mạc|kết\s+thúc)\b"
    r"(?:[^.;:!?\d]{0,120}?\bvào)?[ \t]+(?:(?:sáng|chiều|tối|trưa)[ \t]+)?(?:ngày[ \t]*)?$",
    re.I,
)
# … said with the event as the sentence's subject ("Đó là mục tiêu … đưa ra tại Đại hội … diễn ra ngày
# 9-11" looks back at it), and not as just done ("vừa bế mạc vào sáng 9/3")
_EVENT_SUBJECT = re.compile(
    # "Theo chương trình, Đại hội kết thúc vào ngày …": the programme said ahead of the event
    r"^\W{0,3}(?:theo\s+(?:chương\s+trình|kế\s+hoạch|dự\s+kiến)\s*,\s*)?"
    r"(?:đại\s+hội|hội\s+nghị|hội\s+thi|hội\s+thao|lễ|chương\s+trình|cuộc\s+thi|ngày\s+hội|"
    r"kết\s+quả|giải|buổi|liên\s+hoan|diễn\s+đàn|lớp|trại|đêm|vòng|hoạt\s+động)\b",
    re.I,
)
# "dự kiến tổ chức vào ngày …", "sẽ tiếp tục diễn ra …, kéo dài đến ngày …": a day set ahead for an event
_SCHEDULED_ON_BEFORE = re.compile(
    r"\b(?:dự\s+kiến|sẽ)\b[^.;:!?\d]{0,60}?\b(?:tổ\s+chức|diễn\s+ra|khai\s+mạc|bế\s+mạc|kết\s+thúc|kéo\s+dài)"
    r"\s+(?:vào|đến|tới)\s+(?:(?:sáng|chiều|tối|trưa)\s+)?(?:ngày\s*)?$",
    re.I,
)
_JUST_DONE = re.compile(r"\b(?:đã|vừa)\b", re.I)
# "Giai đoạn đề cử (17/07/2023 – 31/10/2023)", "Vòng sơ khảo (từ 1/3 đến 15/3):": the window of a
# stage of a schedule, named at the head of its line
_STAGE_BEFORE = re.compile(
    r"^\W{0,3}(?:giai[ \t]+đoạn|vòng|đợt|bước|chặng)\b[^()\d\n]{0,60}\([ \t]*(?:từ[ \t]+)?(?:ngày[ \t]+)?$",
    re.I,
)
_PLACE_DATE_LINE = re.compile(r"^[^\d,]{2,40},?\s*ngày\s+\d", re.I)
_AHEAD_OPENS = re.compile(
    r"^\W{0,3}(?:trong\s+)?(?:thời\s+gian|năm|nhiệm\s+kỳ|giai\s+đoạn)\s+tới\b|^\W{0,3}(?:sắp\s+tới|tới\s+đây)\b",
    re.I,
)
_LEAD_DATE = re.compile(
    r"^\W{0,3}(?:\([^)]{1,20}\)\s*[-–]\s*)?(?:(?:sáng|chiều|tối|trưa)\s+)?(?:ngày\s*)?"
    r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*((?:19|20)\d\d))?\s*,",
    re.I,
)


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_YEAR_IN_TEXT = re.compile(r"(?<![\d/.\-])(?:19|20)\d{2}(?![\d/])")
_DATED_PARENS = re.compile(r"\([^()]*\d{1,2}/\d{1,2}/\d{4}[^()]*\)")


def extract_file(path: str | Path) -> dict:
    """Read a .txt/.md/.docx/.pdf file and extract it (raises `text.ReadError`)."""
    result = extract(read_document(path))
    result["source"] = Path(path).name
    return result


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        for i in range(max(s, 0), min(e, len(chars))):
            if not chars[i].isspace():
                chars[i] = "\x1f"
    return "".join(chars)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start()
        if _ABBREV.search(text, max(start, end - 6), end):
            continue
        if end - start <= 12 and re.fullmatch(r"\s*(?:\(?\d+(?:\.\d+)*\)?|[IVX]+)\.", text[start:end]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind(";", 0, pos) + 1
    end = text.find(";", pos)
    return start, (end if end != -1 else len(text))


def _clean_what(text: str) -> str:
    text = LIST_MARK.sub("", text)
    text = re.sub(r"^[\s,;]*(?:và|hoặc|còn)\s+", "", text)
    text = _DATED_PARENS.sub("", text)
    text = re.sub(r"[\x1f]+", "", text)
    text = re.sub(r"\(\s*[,;]?\s*\)", "", text)
    text = re.sub(r"\s{2,}", " ", text)
    for _ in range(4):
        # the dangling words sit at the end and are short (< 40 characters once spaces are single):
        # matching them against the tail alone spares a scan of the whole clause from each position
        text = text.rstrip(" .;:-–")
        text = (text[:-80] + _DANGLING.sub("", text[-80:])).strip()
    text = text.strip(" ,;:.-–")
    if text.count("(") < text.count(")") and text.endswith(")"):
        text = text[:-1].rstrip()
    if len(text) > 220:
        cut = text.rfind(" ", 0, 220)
        text = text[: cut if cut > 60 else 220].rstrip(" ,;") + "…"
    return text


class _Extraction:
    def __init__(self, text: str) -> None:
        self.paragraphs: list[Paragraph] = to_paragraphs(text)
        self.meta = read_metadata(self.paragraphs)
        meta = self.meta
        self.doc_date = date.fromisoformat(meta.date) if meta.date else None
        period = meta.period
        self.single_year = int(period["start"]) if period and period["start"] == period["end"] else None
        self.dctx = DateContext(year=self.single_year, doc_date=self.doc_date)
        if self.dctx.year is None and self.doc_date is None and period:
            self.dctx.year = None
            self.fallback_year = int(period["start"])
        else:
            self.fallback_year = None
        if period:
            self.default_period = period["end"]
        elif self.doc_date:
            self.default_period = str(self.doc_date.year)
        else:
            self.default_period = None
        if period:
            self.first_year = int(period["start"])
        elif self.doc_date:
            self.first_year = self.doc_date.year
        else:
            self.first_year = None
        # a news item's time stamp ("THỨ SÁU, 02/04/2021 18:33") dates it when no issue date does
        self._stamp_year: int | None = None
        self._stamp_date: date | None = None
        for p in self.paragraphs[:6]:
            stamp = _STAMP.search(p.text)
            if stamp and len(p.text) < 60:
                self._stamp_year = int(stamp.group(1))
                found = find_dates(stamp.group(0))
                self._stamp_date = found[0].date if found else None
                break
        # the one year a text names anywhere ("Chiến dịch … năm 2014" … "Từ ngày 7/7 đến 20/7")
        years = set(_YEAR_IN_TEXT.findall(text))
        self._only_year = int(years.pop()) if len(years) == 1 else None
        # "Sổ liên đội năm học 2022-2023" then "Tuần I (1/9→7/9)": the one school year a text names
        school_years = {int(a) for a, b in _SCHOOL_YEAR.findall(text) if int(b) == int(a) + 1}
        self._school_year = (
            school_years.pop() if len(school_years) == 1 else _current_school_year(school_years)
        )
        if self._school_year is not None and self._only_year in (self._school_year, self._school_year + 1):
            # "năm học 2024-2025" is the only year named: "đến hết ngày 5/4" is in its second year
            self._only_year = None
        # "Bình chọn … tiêu biểu 2015" then "(tăng … so với năm 2014) … (dự kiến ngày 9/3)": a news
        # item without a date is told in the one year its headline names
        title_years = set(_YEAR_IN_TEXT.findall(meta.title or "")) if meta.kind in NEWSLIKE_KINDS else set()
        self._title_year = int(title_years.pop()) if len(title_years) == 1 else None
        # a news lead "Ngày 27/12, tại Hà Nội, …" tells when the story happened: a window without a
        # year that ended before it is narrated, not due
        self._lead_date: date | None = None
        lead_year = self._stamp_year or self._only_year
        for p in self.paragraphs[:4]:
            lead = _LEAD_DATE.match(p.text)
            if lead and (lead.group(3) or lead_year):
                self._lead_date = _valid_day(
                    int(lead.group(3) or lead_year), int(lead.group(2)), int(lead.group(1))
                )
                break
        self.targets: list[dict] = []
        self.deadlines: list[dict] = []
        self.events: list[dict] = []
        self.recurring: list[dict] = []
        self.results: list[dict] = []
        self.periods: list[dict] = []
        self.references: list[dict] = []
        self._review = False  # a news item or report that reviews what was done
        self._results_news = False
        self._announced = False  # the last paragraph announced something to come
        # "THƯ MỜI … Thân mời các bạn về dự": an invitation's time is nobody's duty
        self._invitation = bool(_INVITATION.search(text[:400]))
        # a schedule laid out as a table with a "latest day" column ("Ngày chậm nhất phải hoàn
        # thành", "Thời hạn hoàn thành"): a date standing alone as a cell is that row's due date
        self._due_column = bool(_DUE_COLUMN_HEADER.search(text))
        self._ref_keys: set = set()
        self.sections = SectionBuilder()
        self._ctx_key: tuple = ()
        self._ctx: TargetContext | None = None
        self._commit_scope = False  # news: a paragraph announced targets, later ones carry them
        self._paragraph_count = 0
        self._time_list = False  # inside the list under a bare "Thời gian thực hiện:" label
        self._list_scope = False  # a "…phấn đấu:" line, its list items carry the commitment
        self._allocation_list = False  # that line hands out quotas ("mỗi Đoàn khoa phân công …:")

    # ------------------------------------------------------------------ run
    @property
    def doc_is_review(self) -> bool:
        return self._review

    def run(self) -> dict:
        meta = self.meta
        # "Thông báo nhanh kết quả Đại hội …": the news tells what was held, its windows are past
        self._results_news = bool(
            meta.kind == "other" and meta.title and _RESULTS_TITLE.search(meta.title)
        ) and not FUTURE_COMMITMENT.search(meta.title)
        if meta.title and RESULT_CONTEXT.search(meta.title) and not FUTURE_COMMITMENT.search(meta.title):
            self._review = True  # "7/10 chỉ tiêu … hoàn thành xuất sắc": a review of results
        for p in self.paragraphs[: meta.body_start]:
            if meta.heading_index is not None and p is self.paragraphs[meta.heading_index]:
                continue
            if (
                meta.kind == "other"
                and p.text == meta.title
                and (len(p.text) >= 160 or meta.body_start >= len(self.paragraphs))
            ):
                self._paragraph(p)  # a news item without a headline, a one-line note: the text itself
                continue
            self._collect_references(p.text)
        in_recipients = False
        pending = None
        for p in self.paragraphs[meta.body_start :]:
            text = p.text
            if _RECIPIENTS.match(text):
                in_recipients = True
                continue
            if in_recipients:
                if text.startswith(("-", "+", "•")) or len(text) < 80 and not parse_heading(text):
                    continue
                in_recipients = False
            heading = parse_heading(text)
            if heading and not heading.long:
                node = self.sections.add(heading, p.line)
                pending = node if node is not None and not node.title else None
            elif pending is not None and text.isupper() and len(text) < 200:
                pending.title = text  # "PHẦN I" on one line, its title on the next
                pending = None
                continue
            else:
                pending = None
            if _SIGNATURE.match(text) or (text.isupper() and len(text) < 60 and not heading):
                continue
            self._paragraph(p)
        return {
            "kind": meta.kind,
            "number": meta.number,
            "symbol": meta.symbol,
            "issuer": meta.issuer,
            "place": meta.place,
            "date": meta.date,
            "title": meta.title,
            "period": meta.period,
            "sections": [n.as_dict() for n in self.sections.roots],
            "targets": self.targets,
            "deadlines": self.deadlines,
            "recurring": self.recurring,
            "results": self.results,
            "periods": self.periods,
            "references": self.references,
            "events": self.events,
            "genre": _genre(meta.kind, self.doc_is_review),
        }

    # ------------------------------------------------------------------ context
    def _target_context(self) -> TargetContext:
        key = tuple(id(n) for n in self.sections.path)
        if key == self._ctx_key and self._ctx is not None:
            return self._ctx
        self._ctx_key = key
        self._ctx = self._build_target_context()
        return self._ctx

    def _build_target_context(self) -> TargetContext:
        titles = [n.title for n in self.sections.path]
        ctx = TargetContext(
            plan_kind=self.meta.kind,
            default_period=self.default_period,
            first_year=self.first_year,
        )
        for title in reversed(titles):
            m = list(_SECTION_YEAR.finditer(title))
            if m and (_TARGET_SECTION.search(title) or not _HISTORICAL_SECTION.search(title)):
                ctx.section_period = m[-1].group(1)
                break
        # "II. PHƯƠNG HƯỚNG NĂM 2025" of a report holds its aims as a "CHỈ TIÊU" section does
        ctx.target_block = any(_TARGET_SECTION.search(t) or _AHEAD_SECTION.search(t) for t in titles)
        ctx.historical_section = any(
            _HISTORICAL_SECTION.search(t) and not _FORWARD_SECTION.search(t) for t in titles
        )
        ctx.funding_section = any(_FUNDING_SECTION.search(t) for t in titles)
        ctx.criteria_section = any(_CRITERIA_SECTION.search(t) for t in titles)
        return ctx

    def _collect_references(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for s, e, ref in find_references(text, self.dctx):
            spans.append((s, e))
            key = (ref["number"], ref["kind"])
            if key in self._ref_keys or ref["number"] == self.meta.number:
                continue
            # "Quyết định 311" after "Quyết định số 311/QĐ-TTg": the same document
            short = ref["number"].split("-")[0].split("/")[0]
            if any(k[1] == ref["kind"] and k[0].split("-")[0].split("/")[0] == short for k in self._ref_keys):
                continue
            self._ref_keys.add(key)
            self.references.append(ref)
        return spans

    # ------------------------------------------------------------------ paragraph
    def _paragraph(self, p: Paragraph) -> None:
        text = p.text
        # "Lễ tuyên dương … sẽ được diễn ra …" then "– Thời gian: 17g30 ngày 06/01/2017": the labelled
        # time of something announced as coming is due; an invitation's time is not a duty
        if not _TIME_LABEL_LINE.match(LIST_MARK.sub("", text)):
            self._announced = bool(FORWARD.search(_QUOTES.sub("", text)))
        self._paragraph_count += 1
        stripped = LIST_MARK.sub("", text)
        if _TIME_LABEL_LINE.match(stripped) and not stripped.split(":", 1)[1].strip():
            self._time_list = True  # "Thời gian thực hiện:" then its list of times
        elif not LIST_ITEM.match(text):
            self._time_list = False
        quote_spans = (
            [m.span() for m in _QUOTES.finditer(text) if not _QUOTA_SLOGAN.match(m.group(0))]
            if _HAS_QUOTE.search(text)
            else []
        )
        other_spans = []
        if "@" in text or "http" in text or "www" in text:
            other_spans += [m.span() for m in _URLS.finditer(text)]
        if "0" in text:
            other_spans += [m.span() for m in _PHONE.finditer(text)]
        ref_spans = self._collect_references(text)
        dates = (
            merge_windows(text, find_dates(text, self._date_context(text))) if _HAS_DIGIT.search(text) else []
        )
        date_spans = [(d.start, d.end) for d in dates]
        quote_masked = _mask(text, quote_spans + other_spans)
        masked = _mask(text, quote_spans + other_spans + ref_spans + date_spans)
        tctx = self._target_context()
        scope_from, past_paragraph = self._scope(text, quote_masked)
        if past_paragraph:
            tctx = replace(
                tctx, past_paragraph=True, review=self._review or bool(RESULT_CONTEXT.search(quote_masked))
            )
        ahead_from: int | None = None
        for s, e in _sentences(text):
            sentence = text[s:e]
            sent_masked = masked[s:e]
            if (
                ahead_from is None
                and self.meta.kind not in PLAN_KINDS
                and _AHEAD_OPENS.match(sentence)
                and COMMITMENT.search(sent_masked)
            ):
                # "… thành tích đạt được trong thời gian qua. Thời gian tới, Hội cần đẩy mạnh …;
                # Duy trì …, giúp 95% PN nghèo.": the rest of the paragraph is the work ahead
                ahead_from = s
                tctx = replace(tctx, past_paragraph=False)
            in_scope = (scope_from is not None and s >= scope_from) or (
                ahead_from is not None and s > ahead_from
            )
            sctx = replace(tctx, target_block=True) if in_scope and not tctx.target_block else tctx
            if in_scope and self._allocation_list and LIST_ITEM.match(text):
                sctx = replace(sctx, extra={**sctx.extra, "allocation_row": True})
            mentions: list[dict] = []
            hits = find_targets(sentence, sent_masked, sctx, mentions)
            for hit in hits:
                self._add_target(p, s, sentence, hit, sctx)
            for mention in mentions:
                if mention["class"] == RESULT:
                    self._add_result(p, s, sentence, mention)
            rule_spans = self._recurring(p, s, sentence, quote_masked[s:e], hits, past_paragraph)
            for d in dates:
                if s <= d.start < e:
                    self._date(p, text, s, e, d, ref_spans, rule_spans, quote_spans, dates, in_scope)

    def _scope(self, text: str, masked: str) -> tuple[int | None, bool]:
        """For documents that are not plans (news, notices): from which offset of this paragraph
        numbers and dates carry a commitment, and whether the paragraph reports the past."""
        if self.meta.kind in PLAN_KINDS:
            return None, False
        is_item = bool(LIST_ITEM.match(text))
        if self._list_scope and not is_item:
            self._list_scope = False
            self._allocation_list = False
        reviewing = (
            bool(RESULT_CONTEXT.search(masked))
            and not FUTURE_COMMITMENT.search(masked)
            and not _REVIEW_AHEAD.search(masked)
        )
        if reviewing and self._paragraph_count <= 3:
            self._review = True  # "Ngày 13-4, Tỉnh đoàn tổ chức tổng kết Tháng Thanh niên …"
        ahead = self._future_term(masked)
        past = ahead is None and (
            bool(PAST_PARAGRAPH.match(text))
            or bool(_NARRATION_OPENS.match(text) and not FUTURE_COMMITMENT.search(masked))
            or reviewing
            or (self._review and not FUTURE_COMMITMENT.search(masked))
            or self._past_term(masked)
        )
        scope_from: int | None = 0 if (self._list_scope or self._commit_scope) and not past else None
        if ahead is not None and scope_from is None:
            scope_from = 0  # the term opens the paragraph
        if _INTRO_END.search(text) and (
            COMMITMENT_OVER_LIST.search(text) or _ALLOCATION_INTRO.search(masked)
        ):
            # "… xác định mục tiêu trọng tâm là: –" and its list; "mỗi Đoàn khoa phân công … :" and
            # its rows of quotas per unit
            self._list_scope = True
            self._allocation_list = bool(_ALLOCATION_INTRO.search(masked))
        elif past or (PAST_MARK.search(masked) and not COMMITMENT_OVER_LIST.search(masked)):
            self._commit_scope = False
        elif _TARGETS_ANNOUNCED.search(masked) and COMMITMENT_OVER_LIST.search(masked):
            m = _TARGETS_ANNOUNCED.search(masked)
            if not _RESULT_BEFORE.search(masked, max(0, m.start() - 30), m.start()):
                self._commit_scope = True  # "… năm 2017 sẽ thực hiện nhiều chỉ tiêu quan trọng."
        if scope_from is None and not past:
            # "… thiếu nhi Hà Tĩnh phấn đấu thực hiện các phần việc: - Toàn tỉnh … - 100% …"
            for m in COMMITMENT_OVER_LIST.finditer(masked):
                if _RESULT_BEFORE.search(masked, max(0, m.start() - 30), m.start()):
                    continue  # "vượt chỉ tiêu": a result
                colon = masked.find(":", m.end(), m.end() + 120)
                lead = masked[m.end() : colon]
                if colon != -1 and colon < len(masked) - 1 and not re.search(r"[.!?]\s|\bđã\b", lead):
                    scope_from = colon + 1
                    break
        return scope_from, past

    def _past_term(self, masked: str) -> bool:
        """A paragraph that opens with a term already over ("Nhiệm kỳ 2020 - 2025, phong trào … với hơn
        15.000 lượt sinh viên tham gia" in a news item of 2025) and commits to nothing tells results."""
        now = (self.doc_date.year if self.doc_date else None) or self._stamp_year or self.first_year
        if now is None:
            return False
        m = _PAST_TERM_OPENS.match(masked)
        if not m or int(m.group(2)) > now or int(m.group(1)) >= now:
            return False
        return not FUTURE_COMMITMENT.search(masked)

    def _future_term(self, masked: str) -> int | None:
        """A paragraph that opens with a term still ahead ("Trong nhiệm kỳ 2021 – 2026, …" in a news
        item of 2021) and tells no past in it: what follows is aimed at, even in a review."""
        now = self.doc_date.year if self.doc_date else self._stamp_year
        if now is None:
            return None
        m = _FUTURE_TERM.search(masked, 0, 60)
        if not m or int(m.group(1)) < now or int(m.group(2)) <= now:
            return None
        if LEAD_MARK.match(masked).end() + 12 < m.start() or PAST_MARK.search(masked, m.end()):
            return None
        return m.start()

    def _date_context(self, text: str) -> DateContext:
        if self.fallback_year is None:
            if self.dctx.year is None and self.dctx.doc_date is None:
                # no year anywhere in the metadata: "Hè 2016 sẽ diễn ra từ 1/6 đến 31/8" — the one
                # year the paragraph names dates the days it gives without one
                years = set(_YEAR_IN_TEXT.findall(text))
                if len(years) == 1:
                    return DateContext(year=int(years.pop()), doc_date=None)
                title_year = self._title_year
                if len(years) > 1 and title_year and str(title_year) in years and not self._stamp_date:
                    return DateContext(year=title_year, doc_date=None)
                if not years and self._stamp_date:
                    # "THỨ TƯ, 10/08/2022" then "chậm nhất đến ngày 19.8": the stamp dates the days
                    return DateContext(year=None, doc_date=self._stamp_date)
                if not years and self._only_year:
                    return DateContext(year=self._only_year, doc_date=None)
                if not years and self._school_year:
                    return DateContext(year=None, doc_date=None, school_year=self._school_year)
            return self.dctx
        if self.fallback_year == self._school_year:
            # a plan for "năm học 2023-2024": "15/1" is in January 2024
            return DateContext(year=None, doc_date=None, school_year=self._school_year)
        return DateContext(year=self.fallback_year, doc_date=None)

    def _add_target(self, p: Paragraph, offset: int, sentence: str, hit: dict, ctx: TargetContext) -> None:
        start, end = hit.pop("start"), hit.pop("end")
        line = p.line_at(offset + start)
        if self.meta.kind not in PLAN_KINDS and self._restated(hit, line):
            return  # a news lead that restates a target of its body: one target
        hit["text"] = LIST_MARK.sub("", sentence).strip()
        hit["line"] = line
        hit["span"] = [offset + start, offset + end]
        hit["class"] = "target"
        hit["confidence"] = target_confidence(hit, ctx, self.meta.kind)
        self.targets.append(hit)

    def _restated(self, hit: dict, line: int) -> bool:
        """Whether a news item already gave this target in another paragraph (its headline or lead);
        two alike targets of one line ("giúp 2 hộ … thoát nghèo, 2 hộ … thoát cận nghèo") are two."""
        subject = (hit.get("subject") or "").lower()
        words = set(_WORDS.findall(subject))
        # "Phấn đấu hiến 1.005 đơn vị máu" (headline) then "1.005 đơn vị máu là chỉ tiêu …" (body):
        # one count of the same thing, named by the same head noun, is one target told twice
        # (a row of a list that ends on the counted noun, "— 25 sinh viên", says too little to tell)
        head = _WORDS.findall(subject)
        if not hit["percent"] and hit["value"] >= 10 and len(head) >= 3:
            for t in self.targets:
                if t["line"] == line:
                    continue
                other = _WORDS.findall((t.get("subject") or "").lower())
                if (
                    t["value"] == hit["value"]
                    and not t["percent"]
                    and t.get("value_max") == hit.get("value_max")
                    and len(other) >= 3
                    and other[:2] == head[:2]
                ):
                    return True
        if len(words) < 3:
            return False
        for t in self.targets:
            if t["line"] == line:
                continue
            if (t["value"], t["percent"], t.get("value_max")) != (
                hit["value"],
                hit["percent"],
                hit.get("value_max"),
            ):
                continue
            other = set(_WORDS.findall((t.get("subject") or "").lower()))
            if len(words & other) >= 0.7 * max(len(words), len(other)):
                return True
        return False

    def _add_result(self, p: Paragraph, offset: int, sentence: str, mention: dict) -> None:
        """A number already achieved: review can turn it into a report value."""
        start, end = mention["start"], mention["end"]
        self.results.append(
            {
                "value": mention["value"],
                "percent": mention["percent"],
                "class": "result",
                "text": LIST_MARK.sub("", sentence).strip(),
                "line": p.line_at(offset + start),
                "span": [offset + start, offset + end],
                "confidence": 0.6,
            }
        )

    def _recurring(
        self, p: Paragraph, offset: int, sentence: str, masked: str, hits: list[dict], past: bool = False
    ) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        seen: set[tuple[int, str]] = set()
        added: list[tuple[int, object, dict]] = []
        for rm in find_rules(masked):
            spans.append((offset + rm.start, offset + rm.end))
            if past and not _AGREED.search(masked, 0, rm.start):
                continue  # "Trong nhiệm kỳ qua … Hằng năm, tổ chức …": a past practice, not a duty
                # (what a meeting agreed on, "thống nhất … mỗi tháng đóng góp …", binds from now on)
            c_start, c_end = _clause_bounds(sentence, rm.start)
            if (
                rm.per_period
                and self.meta.kind in NEWSLIKE_KINDS
                and not DUTY_VERB.search(sentence, c_start, c_end)
            ):
                continue  # "Mỗi ngày, khu tập kết lại thêm nhiều túi giấy": narration, nobody's duty
            if rm.per_period and _AVERAGE.search(sentence, c_start, c_end):
                continue  # "bình quân hằng năm … tăng 4,3%": a yearly average, not a yearly duty
            if rm.per_period and any(
                h.get("per") and c_start <= h["span"][0] - offset < c_end and h["span"][0] - offset > rm.start
                for h in hits
            ):
                continue  # "mỗi tuần có ít nhất 02 bài viết": a per-week target, not a duty of its own
            if rm.per_period == "tuần" and rm.byday is None:
                named = _NAMED_WEEKDAY.search(sentence, c_start, rm.start)
                if named:  # "“Ngày thứ bảy văn minh” được duy trì hàng tuần": the day the name gives
                    rm.byday = WEEKDAYS.get(re.sub(r"\s+", " ", named.group(1).lower()).replace("thứ ", ""))
            in_parens = masked[: rm.start].rfind("(") > masked[: rm.start].rfind(")")
            key = (c_start, rm.rule)
            if (
                self._time_list
                and any(r["rule"] == rm.rule for r in self.recurring)
                and len(_WORDS.findall(LIST_MARK.sub("", sentence[c_start : rm.start]))) < 2
            ):
                continue  # "Thời gian thực hiện: - Tất cả các thứ Hai đầu tuần": the duty above, timed
                # (an item with a subject of its own, "+ Chi đoàn trích nộp … 1 tháng 1 lần", is a duty)
            if key in seen and not in_parens:
                continue  # "định kỳ hằng năm … tối thiểu 01 lần/năm": one duty written twice
            seen.add(key)
            clause = sentence[c_start:c_end]
            what = clause[: rm.start - c_start] + " " + clause[rm.end - c_start :]
            item = {
                "rule": rm.rule,
                "what": _clean_what(_mask(what, [m.span() for m in re.finditer(r"\x1f+", what)])),
                "text": LIST_MARK.sub("", sentence).strip(),
                "line": p.line_at(offset + rm.start),
                "span": [offset + rm.start, offset + rm.end],
            }
            item.update({k: v for k, v in rm.extra.items()})
            item["class"] = "recurring"
            item["confidence"] = recurring_confidence(rm, self.meta.kind)
            start_year = re.search(r"(?:bắt\s+đầu\s+)?từ\s+năm\s+(\d{4})", sentence[rm.end :], re.I)
            if start_year:
                item["start"] = start_year.group(1)
            self.recurring.append(item)
            added.append((c_start, rm, item))
        for c_start, rm, item in added:
            if rm.per_period and any(c == c_start and o.extra.get("step") for c, o, _ in added):
                self.recurring.remove(item)  # "hằng năm … theo từng quý": the year frames a quarterly duty
                continue
            if rm.per_period and any(
                c == c_start
                and o is not rm
                and o.freq == rm.freq
                and o.interval == rm.interval
                and o.rule != rm.rule
                for c, o, _ in added
            ):
                self.recurring.remove(item)  # "mỗi tháng … vào ngày 05 hằng tháng": keep the precise rule
        return spans

    def _date(
        self,
        p: Paragraph,
        text: str,
        s: int,
        e: int,
        d: DateMatch,
        ref_spans: list[tuple[int, int]],
        rule_spans: list[tuple[int, int]],
        quote_spans: list[tuple[int, int]],
        dates: list[DateMatch],
        in_scope: bool = False,
    ) -> None:
        """Long because it is one ordered cascade of the reader's deadline rules; issue 13 re-tunes the
        reader on a blind set, and splitting it first would hide what changes."""
        if d.kind == "span" or d.date is None:
            return
        if any(rs <= d.start < re_ for rs, re_ in ref_spans + rule_spans):
            return
        if any(rs <= d.start < re_ for rs, re_ in quote_spans):
            return
        before = text[max(s, d.start - 60) : d.start]
        after = text[d.end : d.end + 30]
        if re.match(r"\s*,?\s*của\b", after) or _REF_BEFORE.search(before):
            return  # the date of a cited document
        if d.kind == "day" and not d.year_explicit and _FRACTION_AFTER.match(after):
            return  # "1/3 Đoàn phí": a fraction
        conditional = False
        if _AFTER_WORDS.search(before):
            if not _CONDITIONAL_BEFORE.search(text[max(s, d.start - 100) : d.start]):
                return  # "hoàn thành sau ngày 15/10": a condition, not a due date
            conditional = True  # "nếu gửi muộn sau ngày 20/5 thì …": the deadline is 20/5
        if d.kind == "year" and _YEAR_FRAME_AFTER.match(after):
            return  # "Trong năm 2021, 100% cán bộ …": the period of the targets that follow
        if d.kind == "year" and _FIGURE_HORIZON_BEFORE.search(before):
            return  # "đạt 90% vào năm 2025 và 95% vào năm 2030": the year an indicator is measured in
        if (
            d.kind == "year"
            and re.match(r"\s*,", after)
            and _YEAR_OPENS.fullmatch(LIST_MARK.sub("", text[s : d.start]))
        ):
            self.periods.append(
                {
                    "period": d.period,
                    "start": d.date.isoformat(),
                    "end": (d.end_date or d.date).isoformat(),
                    "what": _clean_what(text[d.end : e]),
                    "line": p.line_at(d.start),
                    "span": [d.start, d.end],
                }
            )
            return  # "Trong năm 2019, … sẽ tổ chức đại hội": the year of the work, a period
        if self.doc_date and d.date == self.doc_date and _PLACE_DATE_LINE.match(text):
            return  # "Hà Nội, ngày 25 tháng 8 năm 2021": the issue date
        clause_start, clause_end = _clause_bounds(text, d.start)
        clause_start = max(clause_start, s)
        clause_end = min(clause_end, e)
        in_clause_before = text[max(clause_start, d.start - 60) : d.start]
        # "26/3/1931 – 26/3/2022" is an anniversary; "từ ngày 28-12-2025 đến 16-2-2026" is a window
        # across the new year: less than a year long and not the same day of the year
        anniversary = (
            d.kind == "range"
            and d.date.year != d.end_date.year
            and (
                (d.end_date - d.date).days > 366
                or (d.date.day, d.date.month) == (d.end_date.day, d.end_date.month)
                or d.end_date < d.date
            )
        )
        paren = text.rfind("(", clause_start, d.start)
        if paren > text.rfind(")", clause_start, d.start) and _EVENT_BEFORE.search(
            text[max(s, paren - 80) : paren]
        ):
            anniversary = True  # "kỷ niệm 91 năm ngày thành lập Đoàn (26/3/1931 - 26/3/2022)"
        if (
            self.meta.kind in NEWSLIKE_KINDS
            and d.kind == "day"
            and (d.date.day, d.date.month) in CELEBRATED_DAYS
            and not _BEFORE_WORDS.search(before)
            and not in_scope
            and not _CLOCK_BEFORE_DATE.search(before)
            and not (self._due_column and _DATE_CELL.fullmatch(text[s:e]))
            # "Hội nghị dự kiến tổ chức vào ngày 26/3", "sẽ … kéo dài đến ngày 1-5": a day set ahead for
            # an event to be held or to run until, not the feast it falls on
            and not (
                ("kiến" in in_clause_before or "sẽ" in in_clause_before)
                and _SCHEDULED_ON_BEFORE.search(in_clause_before)
            )
        ):
            anniversary = True  # "hướng tới ngày 26/3": the day celebrated, not a due date
        if (
            self.meta.kind in NEWSLIKE_KINDS
            and d.kind == "day"
            and not _BEFORE_WORDS.search(before)
            and (
                (_DAY_WITH_NEXT_AFTER.match(after) and re.fullmatch(r"\d{1,2}", text[d.start : d.end]))
                or _DAY_WITH_PREVIOUS_BEFORE.search(before)
            )
        ):
            anniversary = True  # news: "hai ngày 26 và 27/3", "các ngày 24, 25, 26 và 27/2": an event's days
        if anniversary or (
            # "trong dịp Tết Nguyên đán, ngày 22/1 tới, …": a day announced as ahead is not the feast
            _EVENT_BEFORE.search(in_clause_before)
            and not (d.kind == "day" and "," in in_clause_before and _AHEAD_AFTER.match(after))
        ):
            self.events.append(
                {"date": d.date.isoformat(), "text": text[d.start : d.end], "line": p.line_at(d.start)}
            )
            return
        text_q = (
            _mask(text, quote_spans) if self.meta.kind in NEWSLIKE_KINDS else text
        )  # “Kế hoạch nhỏ”: a name
        if self.meta.kind in NEWSLIKE_KINDS and ("hoạch" in text_q or "HOẠCH" in text_q or "Hoạch" in text_q):
            text_q = _PLAN_CITED.sub(lambda m: " " * len(m.group(0)), text_q)
        effective = bool(_EFFECTIVE_BEFORE.search(before))
        lead_in = text[max(clause_start, d.start - 100) : d.start]
        handed_in = (
            ("nộp" in lead_in.lower() or "gửi" in lead_in.lower())
            and bool(_HANDED_IN_BEFORE.search(lead_in))
            and not PAST_MARK.search(text[clause_start : d.start])
        )
        held_on = (
            self.meta.kind in NEWSLIKE_KINDS
            and not (self._review or self._results_news)
            and _HELD_ON_BEFORE.search(text, max(clause_start, d.start - 160), d.start) is not None
            and _EVENT_SUBJECT.match(LIST_MARK.sub("", text[s:e])) is not None
            and not _JUST_DONE.search(text, s, e)
        )
        if (
            self.meta.kind in NEWSLIKE_KINDS
            and not (
                conditional
                or effective
                or handed_in
                or in_scope
                or _BEFORE_WORDS.search(before)
                or FORWARD.search(text_q[s : d.start])
                or FORWARD.search(text_q[d.end : clause_end])
                or (_TIME_LABEL.search(LIST_MARK.sub("", text[s : d.start])) and self._announced)
                # "1. Thời gian: từ 18g30 đến 21g ngày 19/05/2015": an hour makes the day an appointment
                or (
                    _TIME_LABEL_LINE.match(LIST_MARK.sub("", text[s : d.start]))
                    and _CLOCK_BEFORE_DATE.search(before)
                    and not self._invitation
                    and not PAST_MARK.search(text[s:e])
                )
                or (
                    d.kind == "range"
                    and not (self._review or self._results_news)
                    and re.search(r"\btừ\b", text[max(s, d.start - 40) : d.start + 4], re.I)
                    and not PAST_MARK.search(text[s:e])
                )
                or d.start > s + len(text[s:e]) - 3
                or (self._due_column and _DATE_CELL.fullmatch(text[s:e]) is not None)
                or (d.kind in ("day", "range") and _AHEAD_AFTER.match(after) is not None)
                or held_on
                or (
                    d.kind == "range"
                    and "(" in before
                    and _STAGE_BEFORE.match(LIST_MARK.sub("", text[s : d.start])) is not None
                    and not PAST_MARK.search(text[s:e])
                )
                # "Tuần I (1/9→7/9): vệ sinh trường lớp": the days of a week row of a schedule
                or (d.kind == "range" and _WEEK_ROW_BEFORE.match(LIST_MARK.sub("", text[s : d.start])))
            )
        ):
            return  # news and unknown documents: only dates written as due dates
        if d.kind == "year":
            if not _YEAR_DEADLINE_BEFORE.search(before) or _NOT_YEAR_DEADLINE_BEFORE.search(before):
                return
            if self.meta.kind in NEWSLIKE_KINDS and not (
                _STRICT_BEFORE.search(before) or _WITHIN_NEXT.search(before) or _BEFORE_WORDS.search(before)
            ):
                return  # news: "các nhiệm vụ đề ra trong năm 2025" names the year of the work
            if self.single_year and d.date.year == self.single_year:
                return
        if self.doc_date and d.year_explicit and d.end_date < self.doc_date:
            return  # a past date in the narrative
        if (
            self.meta.kind in NEWSLIKE_KINDS
            and not d.year_explicit
            and (self._lead_date or self._stamp_date)
            and d.end_date < (self._lead_date or self._stamp_date)
            and not conditional
        ):
            return  # "Ngày 27/12, …" or "Cập nhật: 12/05/2023" then "từ 3/5 đến 7/5": told after it happened
        if self.first_year and d.end_date.year < self.first_year and d.year_explicit:
            return
        relation = "on"
        if conditional:
            relation = "conditional"
        elif _BEFORE_WORDS.search(before) or (self._due_column and _DATE_CELL.fullmatch(text[s:e])):
            relation = "before"
        elif (_FROM_WORDS.search(before) or effective) and d.kind != "range":
            relation = "from"
        elif d.kind in ("range", "week", "month", "quarter", "half", "year"):
            relation = "during"
        if (
            d.kind == "day"
            and relation in ("on", "from")
            and any(
                x.get("start")
                and x["line"] == p.line_at(d.start)
                and d.date.isoformat() in (x["start"], x.get("end"))
                for x in self.deadlines
            )
        ):
            return  # a day of a window already read from this paragraph: the same event
        what = self._what(text, clause_start, clause_end, d, dates)
        strict = bool(_STRICT_BEFORE.search(re.sub(r"\s*(?:ngày|tháng)?\s*$", "", before)))
        # "nhận bài dự thi đến hết tháng 11/2020": due on the month's last day (a window "từ tháng 4 đến
        # hết tháng 8" is one match of kind range and stays the time of the work)
        till_end = d.kind in ("month", "quarter") and _TILL_END_BEFORE.search(before) is not None
        if (
            (d.kind in _PERIOD_KINDS or (d.kind == "year" and _IN_YEAR_BEFORE.search(before)))
            and not strict
            and not till_end
            # "Lễ tổng kết … tổ chức vào tháng 7.2013" (not "vào cuối tháng 7": a part of a month is vague)
            and not (held_on and d.kind == "month" and not d.prefix)
            and (
                not self._labels_task(text, s, d, before)
                or (self.meta.kind in NEWSLIKE_KINDS and _HELD_IN_PERIOD_BEFORE.search(before) is not None)
            )
        ):
            # "kế hoạch công tác tháng 12", "từ tháng 4 … cuối tháng 8": the time of the work
            self.periods.append(
                {
                    "period": d.period,
                    "start": d.date.isoformat(),
                    "end": (d.end_date or d.date).isoformat(),
                    "what": what,
                    "line": p.line_at(d.start),
                    "span": [d.start, d.end],
                }
            )
            return
        item = {
            "date": d.date.isoformat(),
            "time": find_time(text, d.start, d.end),
            "what": what,
            "text": LIST_MARK.sub("", text[s:e]).strip(),
            "line": p.line_at(d.start),
            "relation": relation,
            "span": [d.start, d.end],
        }
        item["strength"] = _STRENGTH[relation]
        if till_end:
            item["date"] = d.end_date.isoformat()
        elif d.end_date and d.end_date != d.date:
            item["end"] = d.end_date.isoformat()
            if d.kind == "range":
                item["start"] = d.date.isoformat()  # a window keeps both ends
        if d.period and d.kind != "day":
            item["period"] = d.period
        if not d.year_explicit:
            item["year_inferred"] = True
        item["class"] = "deadline"
        item["confidence"] = deadline_confidence(item, self.meta.kind)
        if conditional and any(item["date"] in (x["date"], x.get("end")) for x in self.deadlines):
            return  # the same due date restated as a consequence
        if self.meta.kind in NEWSLIKE_KINDS and any(
            (x["date"], x.get("end"), x["relation"]) == (item["date"], item.get("end"), relation)
            for x in self.deadlines
        ):
            return  # news: the headline, the lead and the body restate one due date
        self.deadlines.append(item)

    @staticmethod
    def _labels_task(text: str, s: int, d: DateMatch, before: str) -> bool:
        """A month that heads a task in a timeline ("Tháng 3/2024: tổ chức …", a table cell) or
        closes it ("hoàn thành trong tháng 3") is that task's due time."""
        if _WITHIN_BEFORE.search(before):
            return True
        head = LIST_MARK.sub("", text[s : d.start]).strip(" |(")
        tail = text[d.end : d.end + 3]
        return " | " in text or (len(head) < 3 and bool(re.match(r"^\s*[:\-–)]", tail)))

    def _what(self, text: str, c_start: int, c_end: int, d: DateMatch, others: list[DateMatch]) -> str:
        # several dates in one clause ("sơ kết vào năm 2025 và tổng kết vào năm 2030"): each owns its part
        prior = [o.end for o in others if c_start <= o.end <= d.start and o is not d and o.kind != "span"]
        following = [o.start for o in others if d.end <= o.start < c_end and o is not d and o.kind != "span"]
        if prior:
            segment = text[max(prior) : d.start]
            if len(segment.strip(" ,;.-–")) > 12:
                c_start = max(prior)
        if following and len(text[c_start : d.start].strip(" ,;.-–(")) > 12:
            c_end = d.end  # what follows belongs to the next date
        clause = text[c_start:c_end]
        if " | " in clause:
            cells = [c for c in clause.split(" | ") if c.strip()]
            cells = [c for c in cells if not find_dates(c) and not re.fullmatch(r"\s*\d+\s*", c)] or cells
            return _clean_what(max(cells, key=len))
        rel_s, rel_e = d.start - c_start, d.end - c_start
        head = clause[:rel_s]
        tail = clause[rel_e:]
        # "Ngày 12/3/2024: triển khai kế hoạch" — the date labels what follows
        if re.match(r"^\s*[:\-–]\s*\S", tail) and len(LIST_MARK.sub("", head).strip(" ,:(")) < 12:
            return _clean_what(tail.lstrip(" :-–"))
        if tail.lstrip().startswith(",") and len(head.strip()) < 25:
            return _clean_what(tail.lstrip(" ,"))
        # drop what follows the date inside its parentheses ("(ngày 24/3, mỗi Cụm …)")
        if head.rstrip().endswith("(") or re.search(r"\(\s*(?:ngày|dự kiến|từ|vào)?[^()]*$", head):
            close = tail.find(")")
            tail = tail[close + 1 :] if close != -1 else ""
            head = head[: head.rfind("(")]
        what = head + " " + tail
        return _clean_what(what)


def _current_school_year(school_years: set[int]) -> int | None:
    """Of two school years in a row ("xét học bổng năm học 2018-2019 … kết quả học tập năm học 2017-2018"),
    the later is the one the text is for; the earlier is the record it asks about."""
    if len(school_years) == 2 and max(school_years) - min(school_years) == 1:
        return max(school_years)
    return None


def _genre(kind: str, review: bool) -> str:
    """What sort of document this is, beyond the issue-6 `kind`: plans, notices, regulations,
    decisions, reports (numbers are results) and news."""
    if kind in PLAN_KINDS - {"quy_che"}:
        return "plan"
    return {
        "quy_che": "regulation",
        "thong_bao": "notice",
        "cong_van": "notice",
        "bao_cao": "report",
        "quyet_dinh": "decision",
        "nghi_quyet": "decision",
    }.get(kind, "report" if review else "news")


def extract(text: str) -> dict:
    """Extract metadata, sections, targets, deadlines, recurring duties and references from plan text."""
    return _Extraction(text).run()
