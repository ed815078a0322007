"""Due rules of report obligations (no database), computed with dateutil's rrule.

A rule is written as a short text, stored as is on the obligation:

    weekly FR 12:00          báo cáo tuần, trước 12:00 thứ Sáu hằng tuần
    monthly 25               hằng tháng, trước ngày 25 (17:00 unless a time is given)
    quarterly 20             hằng quý, trước ngày 20 của tháng cuối quý
    yearly 30/11             hằng năm, trước ngày 30/11
    every 2 years 30/11      02 năm/lần
    once 2023-06-25          một lần, trước ngày 25/6/2023

Each occurrence is the deadline of the report for one period: the week, month, quarter
or year containing it (for "every N years", the year). A report submitted at or before
the deadline is on time.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil import rrule
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doanso.core.errors import UserError
from doanso.plans import periods
from doanso.plans.periods import TZ, Period

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
FREQS = {
    "weekly": (rrule.WEEKLY, periods.WEEK),
    "monthly": (rrule.MONTHLY, periods.MONTH),
    "quarterly": (rrule.MONTHLY, periods.QUARTER),
    "yearly": (rrule.YEARLY, periods.YEAR),
    "once": (None, periods.DAY),
}
DEFAULT_TIME = time(17, 0)

_RX = re.compile(
    r"^(?:(?P<every>every\s+(?P<n>\d+)\s+(?P<unit>weeks|months|years))|(?P<freq>weekly|monthly|quarterly|yearly|once))"
    r"(?:\s+(?P<arg>\S+))?(?:\s+(?P<time>\d{1,2}:\d{2}))?$",
    re.IGNORECASE,
)


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

    # ---- text form ----------------------------------------------------------------
    @property
    def text(self) -> str:
        t = self.at.strftime("%H:%M")
        if self.freq == "once":
            return f"once {self.on.isoformat()} {t}"
        if self.freq == "weekly":
            head = "weekly" if self.interval == 1 else f"every {self.interval} weeks"
            return f"{head} {WEEKDAYS[self.weekday]} {t}"
        if self.freq == "yearly":
            head = "yearly" if self.interval == 1 else f"every {self.interval} years"
            return f"{head} {self.day}/{self.month} {t}"
        head = self.freq if self.interval == 1 else f"every {self.interval} months"
        return f"{head} {self.day} {t}"

    @property
    def grain(self) -> str:
        """The grain of the periods reported on (a week, a month…)."""
        return FREQS[self.freq][1]

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
    def _rrule(self, dtstart: datetime, until: datetime) -> rrule.rrule:
        kw = {
            "dtstart": dtstart,
            "until": until,
            "byhour": self.at.hour,
            "byminute": self.at.minute,
            "bysecond": 0,
        }
        if self.freq == "weekly":
            return rrule.rrule(rrule.WEEKLY, interval=self.interval, byweekday=self.weekday, **kw)
        # Day 29–31 falls back to the month's last day in shorter months.
        days = (
            {"bymonthday": tuple(range(28, self.day + 1)), "bysetpos": -1}
            if self.day and self.day > 28
            else {"bymonthday": self.day}
        )
        if self.freq == "monthly":
            return rrule.rrule(rrule.MONTHLY, interval=self.interval, **days, **kw)
        if self.freq == "quarterly":
            return rrule.rrule(rrule.MONTHLY, bymonth=(3, 6, 9, 12), **days, **kw)
        return rrule.rrule(
            rrule.YEARLY, interval=self.interval, bymonth=self.month, bymonthday=self.day, **kw
        )

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
        out = []
        for dl in self.deadlines(first, last):
            out.append((self.period_for_deadline(dl), dl))
        return out

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


def _time(text: str | None) -> time:
    if not text:
        return DEFAULT_TIME
    h, m = (int(x) for x in text.split(":"))
    if not (0 <= h < 24 and 0 <= m < 60):
        raise _err(gettext("Giờ “%(t)s” không hợp lệ.") % {"t": text})
    return time(h, m)


def parse(text: str) -> DueRule:
    """Parse a rule's text form; a Vietnamese UserError (field "due_rule") when malformed."""
    raw = " ".join((text or "").split())
    m = _RX.match(raw)
    if not m:
        raise _err(
            gettext(
                "Quy tắc hạn nộp “%(rule)s” không hợp lệ; ví dụ: “weekly FR 12:00”, “monthly 25”, "
                "“quarterly 20”, “yearly 30/11”, “every 2 years 30/11”, “once 2023-06-25”."
            )
            % {"rule": raw}
        )
    at = _time(m["time"])
    arg = m["arg"] or ""
    if m["every"]:
        n = int(m["n"])
        if n < 1:
            raise _err(gettext("Chu kỳ phải từ 1 trở lên."))
        freq = {"weeks": "weekly", "months": "monthly", "years": "yearly"}[m["unit"].lower()]
    else:
        n, freq = 1, m["freq"].lower()
    try:
        if freq == "once":
            return DueRule("once", at=at, on=date.fromisoformat(arg))
        if freq == "weekly":
            wd = WEEKDAYS.index(arg.upper()) if arg else 4
            return DueRule("weekly", n, weekday=wd, at=at)
        if freq in ("monthly", "quarterly"):
            day = int(arg)
            if not 1 <= day <= 31:
                raise ValueError
            return DueRule(freq, n, day=day, at=at)
        d, mo = (int(x) for x in arg.split("/"))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            raise ValueError
        rule = DueRule("yearly", n, day=d, month=mo, at=at)
    except ValueError:
        raise _err(
            gettext("Quy tắc hạn nộp “%(rule)s”: ngày “%(d)s” không hợp lệ.") % {"rule": raw, "d": arg}
        ) from None
    # A yearly date that exists in no year (e.g. 30/2) never fires.
    if not rule.deadlines(date(2000, 1, 1), date(2003, 12, 31)):
        raise _err(
            gettext("Quy tắc hạn nộp “%(rule)s” không bao giờ đến hạn (ngày %(d)s không có thật).")
            % {"rule": raw, "d": arg}
        )
    return rule
