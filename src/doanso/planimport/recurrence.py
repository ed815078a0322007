"""Recurring obligations written in Vietnamese, as RFC 5545 RRULE text.

"trước 12h00 thứ Sáu hằng tuần" → FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0,
"hằng năm" → FREQ=YEARLY, "02 năm/lần" → FREQ=YEARLY;INTERVAL=2,
"định kỳ 1 số/quý" → FREQ=MONTHLY;INTERVAL=3, "trước ngày 30/11 hằng năm" →
FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30, "ngày 25 hằng tháng" → FREQ=MONTHLY;BYMONTHDAY=25.
The rules are plain strings that python-dateutil's `rrulestr` accepts, so the plans
module can expand them into due dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import EVERY
from .numbers import word_number

__all__ = ["RuleMatch", "find_rules", "build_rule", "WEEKDAYS"]

WEEKDAYS = {
    "hai": "MO",
    "2": "MO",
    "ba": "TU",
    "3": "TU",
    "tư": "WE",
    "4": "WE",
    "năm": "TH",
    "5": "TH",
    "sáu": "FR",
    "6": "FR",
    "bảy": "SA",
    "bẩy": "SA",
    "7": "SA",
    "chủ nhật": "SU",
    "cn": "SU",
}

_PERIOD_FREQ = {
    "ngày": ("DAILY", 1),
    "tuần": ("WEEKLY", 1),
    "tháng": ("MONTHLY", 1),
    "quý": ("MONTHLY", 3),
    "năm": ("YEARLY", 1),
    "học kỳ": ("MONTHLY", 6),
    "6 tháng": ("MONTHLY", 6),
    "sáu tháng": ("MONTHLY", 6),
}
_PERIOD = r"(?:ngày|tuần|tháng|quý|năm|học\s+kỳ|6\s+tháng|sáu\s+tháng)"
_COUNT = r"(?:\d{1,3}|một|hai|ba|bốn|sáu|mười)"
_TIME = r"(?:(?P<hour>\d{1,2})\s*(?:h|giờ|g)\s*(?P<minute>\d{2})?\s*(?:phút\s*)?,?\s*)"
_WD = r"(?P<wd>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|CN)"

RULE_RE = re.compile(
    r"(?<!\w)(?=[\dtTvVlLsScCnNhHmMđĐiIbBqQcCdD])(?:"
    + "|".join(
        [
            # tối thứ Năm tuần thứ hai hằng tháng, Chủ nhật cuối cùng của mỗi tháng: a weekday of the month
            r"(?P<nwd>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)\s+(?:(?:của\s+)?tuần\s+(?:thứ\s+)?)?"
            r"(?P<nwk>nhất|một|hai|ba|tư|[1-4]|đầu|đầu\s+tiên|cuối|cuối\s+cùng)\s+"
            rf"(?:(?:{EVERY}|của\s+mỗi|của\s+các|các)\s+)tháng(?![\w/])",
            # thứ 6 tuần cuối tháng, Chủ nhật tuần đầu tháng: "tuần … tháng" names the month's week
            # without "hằng" (a dated "thứ Sáu tuần cuối tháng 3" is a single day)
            # (and without "tuần": "sinh hoạt vào tối thứ Bảy cuối tháng")
            r"(?P<twd>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)\s+(?:(?:của\s+)?tuần\s+)?"
            r"(?P<twk>đầu|đầu\s+tiên|cuối|cuối\s+cùng)\s+(?:của\s+)?tháng(?![\w/])(?!\s*(?:này|\d|[IVX]+\b))",
            # từ thứ Hai đến thứ Sáu hằng tuần: a run of weekdays
            r"(?:từ\s+)?(?P<wr1>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7]))\s*(?:đến|tới|[-–])\s*"
            r"(?P<wr2>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|CN)"
            rf"\s*,?\s*(?:{EVERY}|các)\s+tuần",
            # thứ Hai đầu tuần, các thứ Hai đầu tuần, chào cờ đầu tuần (the Monday flag ceremony)
            r"(?P<mon>(?:(?:tất\s+cả\s+)?các\s+)?thứ\s+(?:hai|2)\s+đầu\s+tuần|(?:chào\s+cờ|dưới\s+cờ)\s+đầu\s+tuần)",
            # thứ 2, thứ 4 (hằng tuần) / các thứ Ba và thứ Năm — several weekdays, never a dated day
            r"(?:(?:vào|các|tất\s+cả\s+các)\s+)*(?:(?:sáng|chiều|tối)\s+)?(?P<wdl>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])"
            r"(?:\s*(?:,|và|&)\s*(?:(?:sáng|chiều|tối)\s+)?(?:(?:thứ\s+)?(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|CN)(?!\w))+)"
            rf"(?:\s*,?\s*(?:{EVERY}|các)\s+tuần)?(?!\s*,?\s*(?:ngày\s+)?\d)",
            # chi hội quý họp một lần, tháng sinh hoạt 1 lần
            rf"(?P<qp>tuần|tháng|quý|năm)\s+(?:họp|sinh\s+hoạt|tổ\s+chức|giao\s+ban)\s+(?P<qn>{_COUNT})\s+lần",
            # trước 12h00 thứ Sáu hằng tuần / vào sáng thứ Hai hàng tuần
            rf"(?:(?:trước|vào|lúc|trong)\s+)?{_TIME}?(?:(?:sáng|chiều|tối)\s+)?(?:(?:các\s+)?ngày\s+)?{_WD}"
            rf"\s*(?:,\s*)?(?:{EVERY}|các)\s+tuần",
            # hằng tuần vào thứ Sáu (trước 12h00)
            rf"{EVERY}\s+tuần\s*,?\s*(?:vào\s+)?(?:(?:sáng|chiều|tối)\s+)?(?:ngày\s+)?"
            r"(?P<wd2>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)"
            r"(?:\s*,?\s*(?:trước|lúc)\s+(?P<hour2>\d{1,2})\s*(?:h|giờ|g)\s*(?P<minute2>\d{2})?)?",
            # trước ngày 30/11 hằng năm
            r"(?:(?:trước|vào|chậm nhất)\s+)?(?:ngày\s+)?"
            rf"(?P<yd>\d{{1,2}})\s*/\s*(?P<ym>\d{{1,2}})\s+{EVERY}\s+năm",
            # trước ngày 25 hằng tháng
            rf"(?:(?:trước|vào|chậm nhất)\s+)?ngày\s+(?P<md>\d{{1,2}})\s+{EVERY}\s+tháng",
            # 02 năm/lần, mỗi năm/lần, 6 tháng/lần, 2 năm một lần
            rf"(?:(?:định\s+kỳ\s+)?(?P<ievery>mỗi|hằng|hàng)\s+|(?:định\s+kỳ\s+)?(?P<iv>{_COUNT})\s*)"
            rf"(?P<iperiod>năm|tháng|tuần|quý|ngày)\s*(?:/\s*|một\s+|1\s+)lần",
            # 01 lần/năm, 4 số/năm, 1 số/quý, 01 số/tuần
            # (a range, "từ 1 đến 2 lần/tháng", "1-2 lần/tuần", is read by its lower bound)
            rf"(?:định\s+kỳ\s+)?(?:(?:tối\s+thiểu|ít\s+nhất)\s+)?"
            rf"(?:(?:từ\s+)?(?P<cmin>{_COUNT})\s*(?:đến|tới|[-–])\s*)?(?P<cn>{_COUNT})\s*(?P<cunit>lần|số|kỳ|đợt|buổi|bản\s+tin)"
            rf"\s*(?:/\s*|trên\s+|mỗi\s+|một\s+)(?P<cperiod>năm|quý|tháng|tuần|ngày)",
            # một năm họp ít nhất hai kỳ, mỗi tháng sinh hoạt 01 lần, mỗi quý tổ chức tối thiểu 01 buổi
            rf"(?P<fe>mỗi|một|hằng|hàng)\s+(?P<fperiod>năm|quý|tháng|tuần)\s+(?:[^\W\d]+\s+){{0,3}}?"
            rf"(?:(?:tối\s+thiểu|ít\s+nhất|duy\s+trì)\s+)?(?P<fn>{_COUNT})(?:\s*[-–]\s*(?P<fmax>\d{{1,3}}))?\s*(?P<funit>lần|kỳ|đợt|buổi)(?![\w/])",
            # định kỳ 6 tháng, định kỳ 3 tháng một lần
            rf"định\s+kỳ\s+(?P<dn>{_COUNT})\s+(?P<dperiod>tháng|tuần|năm|ngày)",
            # hằng năm, hàng tuần, định kỳ hằng quý, mỗi tháng
            rf"(?:định\s+kỳ\s+)?{EVERY}\s+(?P<period>{_PERIOD})(?![\w/])",
            # theo từng quý, định kỳ từng tháng: a duty's step, framed by a year ("hằng năm … theo từng quý")
            rf"(?:theo|định\s+kỳ)\s+từng\s+(?P<tperiod>{_PERIOD})(?![\w/])",
            # đều đặn mỗi tối lúc 19 giờ 30, hằng sáng: a part of every day, so a daily duty
            rf"{EVERY}\s+(?:buổi\s+)?(?P<dpart>sáng|trưa|chiều|tối|đêm)(?![\w/])(?!\s+(?:thứ|chủ\s+nhật|cn\b|ngày\s+\d))"
            r"(?:\s*,?\s*(?:lúc|vào|từ)\s+(?P<dhour>\d{1,2})\s*(?:h|giờ|g)\s*(?P<dminute>\d{2})?)?",
        ]
    )
    + ")",
    re.IGNORECASE,
)
_TRIGGER = re.compile(
    r"hằng|hàng|mỗi|lần|từng|\bkỳ\b|định\s+kỳ|/\s*(?:tuần|tháng|quý|năm|ngày)|đầu\s+tuần|tuần\s+(?:đầu|cuối)|"
    r"thứ\s+\w+\s*(?:,|và|&)\s*(?:thứ\s+)?\w|(?:thứ\s+\w+|chủ\s+nhật)\s+(?:đầu|cuối)\s+tháng",
    re.IGNORECASE,
)

# Every branch of _TRIGGER holds one of these words: a sentence without any cannot hold a rule, and
# the plain substring test is many times cheaper than the case-insensitive search it spares.
_TRIGGER_WORDS = ("hằng", "hàng", "mỗi", "lần", "từng", "kỳ", "/", "tuần", "thứ")

_TIME_BEFORE = re.compile(r"(?:trước|vào|lúc)\s+(\d{1,2})\s*(?:h|giờ|g)\s*(\d{2})?\s*,?\s*$", re.I)


@dataclass
class RuleMatch:
    """A recurrence phrase in text and the rule it stands for."""

    start: int
    end: int
    freq: str
    interval: int = 1
    byday: str | None = None
    bymonth: int | None = None
    bymonthday: int | None = None
    byhour: int | None = None
    byminute: int | None = None
    per_period: str | None = None  # the "mỗi <period>" word when the phrase is a bare "every X"
    extra: dict = field(default_factory=dict)

    @property
    def rule(self) -> str:
        return build_rule(
            self.freq, self.interval, self.byday, self.bymonth, self.bymonthday, self.byhour, self.byminute
        )


def build_rule(
    freq: str,
    interval: int = 1,
    byday: str | None = None,
    bymonth: int | None = None,
    bymonthday: int | None = None,
    byhour: int | None = None,
    byminute: int | None = None,
) -> str:
    """Assemble an RRULE value in a stable order (FREQ first, as RFC 5545 recommends)."""
    parts = [f"FREQ={freq}"]
    if interval and interval != 1:
        parts.append(f"INTERVAL={interval}")
    if bymonth:
        parts.append(f"BYMONTH={bymonth}")
    if bymonthday:
        parts.append(f"BYMONTHDAY={bymonthday}")
    if byday:
        parts.append(f"BYDAY={byday}")
    if byhour is not None:
        parts.append(f"BYHOUR={byhour}")
        parts.append(f"BYMINUTE={byminute or 0}")
    return ";".join(parts)


def _count(token: str) -> int | None:
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    return word_number(token)


def _per_count(count: int, period: str) -> tuple[str, int] | None:
    """N times per period as the nearest RRULE: 4/năm → every 3 months, 2/tháng → every 2 weeks."""
    period = period.lower()
    if count <= 0:
        return None
    if count == 1:
        return _PERIOD_FREQ[period]
    if period == "năm":
        if 12 % count == 0:
            return ("MONTHLY", 12 // count)
        if count == 52:
            return ("WEEKLY", 1)
        return ("YEARLY", 1)
    if period == "quý" and 3 % count == 0:
        return ("MONTHLY", 3 // count)
    if period == "tháng":
        if count in (2, 4):
            return ("WEEKLY", 4 // count)
        return ("MONTHLY", 1)
    if period == "tuần":
        if count == 7:
            return ("DAILY", 1)
        return ("WEEKLY", 1)
    freq, interval = _PERIOD_FREQ[period]
    return freq, interval


_NTH = {
    "nhất": 1,
    "một": 1,
    "1": 1,
    "đầu": 1,
    "đầu tiên": 1,
    "hai": 2,
    "2": 2,
    "ba": 3,
    "3": 3,
    "tư": 4,
    "4": 4,
    "cuối": -1,
    "cuối cùng": -1,
}


def _weekday(token: str) -> str | None:
    token = re.sub(r"\s+", " ", token.lower().strip()).replace("thứ ", "")
    return WEEKDAYS.get(token)


def find_rules(text: str) -> list[RuleMatch]:
    """Recurrence phrases in `text` (the caller masks quoted names such as “Mỗi tuần một câu chuyện đẹp”)."""
    out: list[RuleMatch] = []
    low = text.lower()
    if not any(word in low for word in _TRIGGER_WORDS) or not _TRIGGER.search(text):
        return out
    for m in RULE_RE.finditer(text):
        g = m.groupdict()
        s, e = m.start(), m.end()
        rm: RuleMatch | None = None
        if g["nwd"]:
            day = _weekday(g["nwd"])
            nth = _NTH.get(re.sub(r"\s+", " ", g["nwk"].lower()))
            if day and nth:
                rm = RuleMatch(s, e, "MONTHLY", byday=f"{nth}{day}")
        elif g["twd"]:
            day = _weekday(g["twd"])
            nth = _NTH.get(re.sub(r"\s+", " ", g["twk"].lower()))
            if day and nth:
                rm = RuleMatch(s, e, "MONTHLY", byday=f"{nth}{day}")
        elif g["wr1"]:
            first, last = _weekday(g["wr1"]), _weekday(g["wr2"])
            order = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
            if first and last and order.index(first) < order.index(last):
                rm = RuleMatch(
                    s, e, "WEEKLY", byday=",".join(order[order.index(first) : order.index(last) + 1])
                )
        elif g["mon"]:
            rm = RuleMatch(s, e, "WEEKLY", byday="MO")
        elif g["wdl"]:
            days = [
                _weekday(t)
                for t in re.split(r"\s*(?:,|và|&)\s*", re.sub(r"(?:sáng|chiều|tối)\s+", "", g["wdl"].lower()))
            ]
            days = [d for d in dict.fromkeys(days) if d]
            if days:
                rm = RuleMatch(s, e, "WEEKLY", byday=",".join(days))
        elif g["qp"]:
            n = _count(g["qn"])
            freq, base = _PERIOD_FREQ[g["qp"].lower()]
            if n == 1:
                rm = RuleMatch(s, e, freq, interval=base)
        elif g["wd"]:
            rm = RuleMatch(s, e, "WEEKLY", byday=_weekday(g["wd"]))
            if g["hour"]:
                rm.byhour, rm.byminute = int(g["hour"]), int(g["minute"] or 0)
            else:
                t = _TIME_BEFORE.search(text[max(0, s - 20) : s])
                if t:
                    rm.byhour, rm.byminute = int(t.group(1)), int(t.group(2) or 0)
        elif g["wd2"]:
            rm = RuleMatch(s, e, "WEEKLY", byday=_weekday(g["wd2"]))
            if g["hour2"]:
                rm.byhour, rm.byminute = int(g["hour2"]), int(g["minute2"] or 0)
        elif g["yd"]:
            day, month = int(g["yd"]), int(g["ym"])
            if 1 <= day <= 31 and 1 <= month <= 12:
                rm = RuleMatch(s, e, "YEARLY", bymonth=month, bymonthday=day)
        elif g["md"]:
            day = int(g["md"])
            if 1 <= day <= 31:
                rm = RuleMatch(s, e, "MONTHLY", bymonthday=day)
        elif g["iperiod"]:
            n = 1 if g["ievery"] else _count(g["iv"] or "1")
            freq, base = _PERIOD_FREQ[g["iperiod"].lower()]
            if n:
                rm = RuleMatch(s, e, freq, interval=base * n)
        elif g["cperiod"]:
            n = _count(g["cmin"] or g["cn"])
            conv = _per_count(n, g["cperiod"]) if n else None
            if conv:
                rm = RuleMatch(s, e, conv[0], interval=conv[1])
                rm.extra["times"] = n
                if g["cmin"] and _count(g["cn"]):
                    rm.extra["times_max"] = _count(g["cn"])  # "từ 1 đến 2 lần/tháng"
                rm.extra["per"] = g["cperiod"].lower()
        elif g["fperiod"]:
            n = _count(g["fn"])
            conv = _per_count(n, g["fperiod"]) if n else None
            if conv:
                rm = RuleMatch(s, e, conv[0], interval=conv[1])
                rm.extra["times"] = n
                if g["fmax"]:
                    rm.extra["times_max"] = int(g["fmax"])  # "hằng tháng duy trì 1–3 buổi"
                rm.extra["per"] = g["fperiod"].lower()
        elif g["dperiod"]:
            n = _count(g["dn"])
            freq, base = _PERIOD_FREQ[g["dperiod"].lower()]
            if n:
                rm = RuleMatch(s, e, freq, interval=base * n)
        elif g["period"]:
            period = re.sub(r"\s+", " ", g["period"].lower())
            freq, interval = _PERIOD_FREQ[period]
            rm = RuleMatch(s, e, freq, interval=interval, per_period=period)
        elif g["dpart"]:
            rm = RuleMatch(s, e, "DAILY")
            if g["dhour"] and int(g["dhour"]) < 24:
                rm.byhour = int(g["dhour"])
                rm.byminute = int(g["dminute"]) if g["dminute"] else 0
        elif g["tperiod"]:
            freq, interval = _PERIOD_FREQ[re.sub(r"\s+", " ", g["tperiod"].lower())]
            rm = RuleMatch(s, e, freq, interval=interval)
            rm.extra["step"] = True
        if rm is not None and rm.per_period == "tuần" and rm.byday is None:
            # "Hàng tuần, Đoàn … tổ chức sinh hoạt vào ngày chủ nhật": the weekday later in the clause
            tail = re.split(r"[.;!?\n]", text[e : e + 160], maxsplit=1)[0]
            day = _LATER_WEEKDAY.search(tail)
            if day:
                rm.byday = _weekday(day.group("lwd"))
        if rm is not None:
            out.append(rm)
    return out


# a weekday named later in the clause of a bare "hằng tuần", never a dated day ("thứ Hai, 5/3")
_LATER_WEEKDAY = re.compile(
    r"\bvào\s+(?:các\s+|mỗi\s+)?(?:(?:sáng|chiều|tối)\s+)?(?:ngày\s+)?"
    r"(?P<lwd>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)(?!\s*(?:,\s*)?(?:ngày\s+)?\d)(?!\s*(?:,|và|&)\s*(?:thứ|chủ))",
    re.IGNORECASE,
)
