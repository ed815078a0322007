"""Due rules of report obligations, as RFC 5545 RRULEs (no database), computed with dateutil.

A due rule is stored, exchanged (API, drafts of imported plans) and read from documents as
the value of an RFC 5545 RRULE, with the deadline's wall-clock time in Asia/Ho_Chi_Minh:

    FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0                  thứ Sáu hằng tuần, trước 12h00
    FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0            hằng tháng, trước ngày 25
    FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20;BYHOUR=17;BYMINUTE=0
                                                               hằng quý, ngày 20 tháng cuối quý
    FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30;BYHOUR=17;BYMINUTE=0  hằng năm, trước ngày 30/11
    FREQ=YEARLY;INTERVAL=2;BYMONTH=11;BYMONTHDAY=30;…          02 năm/lần
    DTSTART:20230625T170000 RRULE:FREQ=DAILY;COUNT=1           một lần, trước ngày 25/6/2023

`DueRule.rrule` writes that canonical form; `parse` reads it, and reads a rule the plan
reader found in a document, whose missing parts fall on the end of the period
("FREQ=YEARLY" is due on 31/12, "FREQ=MONTHLY;INTERVAL=3" at the end of each quarter,
"FREQ=WEEKLY" on Friday; 17:00 when no time is given). Days 29–31 of monthly rules fall
back to the month's last day (BYMONTHDAY=28,…,31;BYSETPOS=-1).

Each occurrence is the deadline of the report for one period: the week, month, quarter or
year containing it (for "every N years", the year). A report submitted at or before the
deadline is on time.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil import rrule as dateutil_rrule
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doanso.core.calendar import periods
from doanso.core.calendar.periods import TZ, Period
from doanso.core.errors import UserError

__all__ = ["DueRule", "parse", "from_reader", "WEEKDAYS", "WEEKDAY_NAMES", "DEFAULT_TIME"]

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = [
    _("thứ Hai"),
    _("thứ Ba"),
    _("thứ Tư"),
    _("thứ Năm"),
    _("thứ Sáu"),
    _("thứ Bảy"),
    _("Chủ nhật"),
]
GRAINS = {
    "weekly": periods.WEEK,
    "monthly": periods.MONTH,
    "quarterly": periods.QUARTER,
    "yearly": periods.YEAR,
    "once": periods.DAY,
}
DEFAULT_TIME = time(17, 0)
QUARTER_ENDS = (3, 6, 9, 12)


def _err(message: str) -> UserError:
    return UserError(message, field="due_rule")


@dataclass(frozen=True)
class DueRule:
    freq: str  # weekly | monthly | quarterly | yearly | once
    interval: int = 1
    weekday: int | None = None  # 0 = Monday (weekly)
    day: int | None = None  # day of month (monthly, quarterly, yearly)
    month: int | None = None  # yearly
    at: time = DEFAULT_TIME
    on: date | None = None  # once

    # ---- RFC 5545 form ----------------------------------------------------------------
    @property
    def rrule(self) -> str:
        """The canonical RRULE value (a DTSTART line and an RRULE line for a one-off)."""
        at = f"BYHOUR={self.at.hour};BYMINUTE={self.at.minute}"
        if self.freq == "once":
            stamp = datetime.combine(self.on, self.at).strftime("%Y%m%dT%H%M%S")
            return f"DTSTART:{stamp}\nRRULE:FREQ=DAILY;COUNT=1"
        parts = ["FREQ=" + {"quarterly": "MONTHLY"}.get(self.freq, self.freq.upper())]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.freq == "weekly":
            parts.append(f"BYDAY={WEEKDAYS[self.weekday]}")
        else:
            if self.freq == "quarterly":
                parts.append("BYMONTH=" + ",".join(map(str, QUARTER_ENDS)))
            elif self.freq == "yearly":
                parts.append(f"BYMONTH={self.month}")
            parts.append(_monthday(self.day, self.freq))
        return ";".join(parts + [at])

    @property
    def text(self) -> str:
        """What is stored on the obligation: the RRULE."""
        return self.rrule

    @classmethod
    def once_on(cls, on: date, at: time | None = None) -> "DueRule":
        return cls("once", at=at or DEFAULT_TIME, on=on)

    @property
    def grain(self) -> str:
        """The grain of the periods reported on (a week, a month…)."""
        return GRAINS[self.freq]

    def describe(self) -> str:
        """In the active language; Vietnamese: "Hằng tuần, trước 12:00 thứ Sáu"."""
        t = self.at.strftime("%H:%M")
        if self.freq == "once":
            return gettext("Một lần, trước %(t)s ngày %(d)s") % {
                "t": t,
                "d": f"{self.on.day:02d}/{self.on.month:02d}/{self.on.year}",
            }
        n = f"{self.interval:02d}"
        if self.freq == "weekly":
            head = gettext("Hằng tuần") if self.interval == 1 else gettext("%(n)s tuần/lần") % {"n": n}
            return gettext("%(head)s, trước %(t)s %(wd)s") % {
                "head": head,
                "t": t,
                "wd": WEEKDAY_NAMES[self.weekday],
            }
        if self.freq == "monthly":
            head = gettext("Hằng tháng") if self.interval == 1 else gettext("%(n)s tháng/lần") % {"n": n}
            return gettext("%(head)s, trước %(t)s ngày %(d)s") % {"head": head, "t": t, "d": self.day}
        if self.freq == "quarterly":
            return gettext("Hằng quý, trước %(t)s ngày %(d)s tháng cuối quý") % {"t": t, "d": self.day}
        head = gettext("Hằng năm") if self.interval == 1 else gettext("%(n)s năm/lần") % {"n": n}
        return gettext("%(head)s, trước %(t)s ngày %(dm)s") % {
            "head": head,
            "t": t,
            "dm": f"{self.day:02d}/{self.month:02d}",
        }

    # ---- occurrences --------------------------------------------------------------
    def _rrule(self, dtstart: datetime, until: datetime) -> dateutil_rrule.rrule:
        """The rule as dateutil reads its RRULE text, over [dtstart, until]."""
        return dateutil_rrule.rrulestr(self.rrule, dtstart=dtstart).replace(until=until)

    def deadlines(self, first: date, last: date) -> list[datetime]:
        """Every deadline falling on a day from `first` to `last` (Vietnam time), in order.

        Intervals above one count from the start of the first year/month/week of the range.
        """
        if self.freq == "once":
            return [self.deadline_on(self.on)] if first <= self.on <= last else []
        base = {"weekly": first - timedelta(days=first.weekday()), "yearly": date(first.year, 1, 1)}.get(
            self.freq, date(first.year, first.month, 1)
        )
        start = datetime.combine(base, time.min)
        until = datetime.combine(last, time.max)
        return [d.replace(tzinfo=TZ) for d in self._rrule(start, until) if d.date() >= first]

    def deadline_on(self, d: date) -> datetime:
        return datetime.combine(d, self.at, TZ)

    def occurrences(self, first: date, last: date) -> list[tuple[Period, datetime]]:
        """(reported period, deadline) for every deadline from `first` to `last`."""
        return [(self.period_for_deadline(dl), dl) for dl in self.deadlines(first, last)]

    def period_for_deadline(self, deadline: datetime) -> Period:
        d = deadline.astimezone(TZ).date()
        if self.freq == "once":
            return Period.day(d)
        return Period.containing(d, self.grain)

    def deadline_for(self, period: Period) -> datetime | None:
        """The deadline of the report for `period`; None when the rule has none in it."""
        if period.grain != self.grain:
            return None
        found = self.deadlines(period.start, period.end)
        return found[0] if found else None

    def check_fires(self, first: date, last: date) -> None:
        """Refuse a rule that has no deadline between `first` and `last`."""
        if not self.deadlines(first, last):
            raise _err(
                gettext(
                    "Quy tắc hạn nộp “%(rule)s” không có hạn nộp nào trong thời gian của kế hoạch "
                    "(%(first)s–%(last)s)."
                )
                % {"rule": self.describe(), "first": f"{first:%d/%m/%Y}", "last": f"{last:%d/%m/%Y}"}
            )


def _monthday(day: int, freq: str) -> str:
    # Day 29–31 falls back to the month's last day in shorter months (not for a yearly date:
    # 29/2 is then due in leap years only, and 30/2 never, which `parse` refuses).
    if freq != "yearly" and day > 28:
        return "BYMONTHDAY=" + ",".join(map(str, range(28, day + 1))) + ";BYSETPOS=-1"
    return f"BYMONTHDAY={day}"


# ---- reading ------------------------------------------------------------------------
_FREQS = {"WEEKLY", "MONTHLY", "YEARLY"}
_KNOWN = {"FREQ", "INTERVAL", "COUNT", "BYDAY", "BYMONTH", "BYMONTHDAY", "BYSETPOS", "BYHOUR", "BYMINUTE"}


def _invalid(raw: str) -> UserError:
    return _err(
        gettext(
            "Quy tắc hạn nộp “%(rule)s” không hợp lệ; cần một RRULE (RFC 5545), ví dụ: "
            "“FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0”, “FREQ=MONTHLY;BYMONTHDAY=25”, "
            "“FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30”."
        )
        % {"rule": raw}
    )


def _ints(value: str) -> list[int]:
    return [int(v) for v in value.split(",")]


def _from_rrule(raw: str) -> DueRule:
    """Read an RRULE (with an optional "RRULE:" prefix, or DTSTART + RRULE for a one-off)."""
    text = raw.upper()
    start = None
    m = re.match(r"DTSTART(?:;[^:\s]*)?:(\d{8}T\d{4,6})Z?\s+(?:RRULE:)?(.*)$", text, re.S)
    if m:
        start, text = m[1], m[2]
    text = text.removeprefix("RRULE:").strip()
    try:
        dateutil_rrule.rrulestr(text, dtstart=datetime(2000, 1, 1))  # dateutil's own check of the syntax
        parts = dict(p.split("=", 1) for p in text.split(";"))
    except (ValueError, TypeError):
        raise _invalid(raw) from None
    if set(parts) - _KNOWN:
        raise _invalid(raw)
    freq = parts.get("FREQ", "")
    try:
        interval = int(parts.get("INTERVAL", "1"))
        at = time(int(parts.get("BYHOUR", DEFAULT_TIME.hour)), int(parts.get("BYMINUTE", 0)))
        if start:
            if freq != "DAILY" or parts.get("COUNT", "1") != "1":
                raise ValueError
            stamp = datetime.strptime(start[:13], "%Y%m%dT%H%M")
            return DueRule.once_on(stamp.date(), stamp.time())
        if freq not in _FREQS or interval < 1 or "COUNT" in parts:
            raise ValueError
        days = _ints(parts["BYMONTHDAY"]) if "BYMONTHDAY" in parts else []
        day = 31 if days == [-1] else max(days) if days else None
        months = _ints(parts["BYMONTH"]) if "BYMONTH" in parts else []
        if freq == "WEEKLY":
            wd = parts.get("BYDAY", "FR")
            return DueRule("weekly", interval, weekday=WEEKDAYS.index(wd), at=at)
        if freq == "MONTHLY":
            # "hằng quý" as the reader writes it: every third month, no day
            if tuple(months) == QUARTER_ENDS or (not months and not days and interval == 3):
                return DueRule("quarterly", day=day or 31, at=at)
            if months:
                raise ValueError
            return DueRule("monthly", interval, day=day or 31, at=at)
        if len(months) > 1:
            raise ValueError
        return DueRule("yearly", interval, day=day or 31, month=months[0] if months else 12, at=at)
    except (ValueError, KeyError):
        raise _invalid(raw) from None


def parse(text: str) -> DueRule:
    """Read a due rule (an RRULE; see the module's docstring); a Vietnamese UserError (field
    "due_rule") when malformed or when it can never fall due."""
    raw = " ".join((text or "").split())
    if not raw.upper().startswith(("FREQ=", "RRULE:", "DTSTART")):
        raise _invalid(raw)
    rule = _from_rrule(raw)
    if rule.day is not None and not 1 <= rule.day <= 31:
        raise _invalid(raw)
    if rule.month is not None and not 1 <= rule.month <= 12:
        raise _invalid(raw)
    # A yearly date that exists in no year (e.g. 30/2) never fires.
    if rule.freq != "once" and not rule.deadlines(date(2000, 1, 1), date(2003, 12, 31)):
        raise _err(
            gettext("Quy tắc hạn nộp “%(rule)s” không bao giờ đến hạn (ngày %(d)s không có thật).")
            % {"rule": raw, "d": f"{rule.day}/{rule.month}"}
        )
    return rule


def from_reader(rule: str) -> str:
    """The canonical due rule for an RRULE the plan reader found in a document; "" when it names
    no deadline a report can have (a daily rule, say)."""
    try:
        return parse(rule).rrule if rule else ""
    except UserError:
        return ""
