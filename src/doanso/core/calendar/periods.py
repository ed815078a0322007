"""DHIS2-style period identifiers, in the Asia/Ho_Chi_Minh time zone (no database).

    2024        a year                     2024Q1      a quarter
    2024-03     a month                    2024W10     an ISO-8601 week (Monday–Sunday)
    2024-03-15  a day

A period is a closed range of calendar days [start, end]. Its instants run from
00:00 on `start` to 24:00 on `end`, Vietnam time (UTC+7, no daylight saving).

A finer period *counts toward* a coarser one when its anchor day lies inside it: the
anchor is the middle day (the Thursday of a week, as ISO does for week-years), so every
day, week and month falls in exactly one month, quarter and year. See
docs/decisions/0002-periods.md.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doanso.core import vn
from doanso.core.errors import UserError

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

YEAR, QUARTER, MONTH, WEEK, DAY = "year", "quarter", "month", "week", "day"
# From the coarsest to the finest.
GRAINS = (YEAR, QUARTER, MONTH, WEEK, DAY)
GRAIN_NAMES = {YEAR: _("năm"), QUARTER: _("quý"), MONTH: _("tháng"), WEEK: _("tuần"), DAY: _("ngày")}

_PATTERNS = [
    (DAY, re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    (MONTH, re.compile(r"^(\d{4})-?(\d{2})$")),
    (WEEK, re.compile(r"^(\d{4})W(\d{1,2})$")),
    (QUARTER, re.compile(r"^(\d{4})Q([1-4])$")),
    (YEAR, re.compile(r"^(\d{4})$")),
]


def _bad(text: str) -> UserError:
    return UserError(
        gettext("Kỳ “%(p)s” không hợp lệ; dùng dạng 2024, 2024Q1, 2024-03, 2024W10 hoặc 2024-03-15.")
        % {"p": text},
        field="period",
    )


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    grain: str
    id: str

    # ---- construction -------------------------------------------------------------
    @classmethod
    def year(cls, y: int) -> "Period":
        return cls(date(y, 1, 1), date(y, 12, 31), YEAR, f"{y:04d}")

    @classmethod
    def quarter(cls, y: int, q: int) -> "Period":
        start = date(y, 3 * q - 2, 1)
        end = (date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)) - timedelta(days=1)
        return cls(start, end, QUARTER, f"{y:04d}Q{q}")

    @classmethod
    def month(cls, y: int, m: int) -> "Period":
        start = date(y, m, 1)
        end = (date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)) - timedelta(days=1)
        return cls(start, end, MONTH, f"{y:04d}-{m:02d}")

    @classmethod
    def week(cls, y: int, w: int) -> "Period":
        start = date.fromisocalendar(y, w, 1)
        return cls(start, start + timedelta(days=6), WEEK, f"{y:04d}W{w}")

    @classmethod
    def day(cls, d: date) -> "Period":
        return cls(d, d, DAY, d.isoformat())

    @classmethod
    def containing(cls, d: date, grain: str) -> "Period":
        """The period of the given grain that contains day `d`."""
        if grain == YEAR:
            return cls.year(d.year)
        if grain == QUARTER:
            return cls.quarter(d.year, (d.month - 1) // 3 + 1)
        if grain == MONTH:
            return cls.month(d.year, d.month)
        if grain == WEEK:
            iy, iw, _ = d.isocalendar()
            return cls.week(iy, iw)
        if grain == DAY:
            return cls.day(d)
        raise ValueError(grain)

    # ---- properties ---------------------------------------------------------------
    @property
    def anchor(self) -> date:
        """The middle day; decides which coarser period this one counts toward."""
        return self.start + (self.end - self.start) // 2

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time.min, TZ)

    @property
    def ends_at(self) -> datetime:
        """The first instant after the period (exclusive end)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, TZ)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, other: "Period | date | datetime") -> bool:
        """A day or instant inside this period, or a period that counts toward it."""
        if isinstance(other, Period):
            if GRAINS.index(other.grain) < GRAINS.index(self.grain):
                return False
            return self.start <= other.anchor <= self.end
        if isinstance(other, datetime):
            other = other.astimezone(TZ).date()
        return self.start <= other <= self.end

    def parent(self, grain: str) -> "Period":
        """The coarser period of `grain` this one counts toward."""
        if GRAINS.index(grain) > GRAINS.index(self.grain):
            raise ValueError(f"{grain} is finer than {self.grain}")
        return self.containing(self.anchor, grain)

    def ancestors(self) -> list["Period"]:
        """This period and every coarser period it counts toward (a day also counts toward its week)."""
        out = [self]
        for g in GRAINS[: GRAINS.index(self.grain)]:
            if g == WEEK and self.grain != DAY:
                continue
            out.append(self.parent(g))
        return out

    def children(self, grain: str) -> list["Period"]:
        """The finer periods of `grain` that count toward this one, in order."""
        if GRAINS.index(grain) < GRAINS.index(self.grain):
            raise ValueError(f"{grain} is coarser than {self.grain}")
        if grain == self.grain:
            return [self]
        out, d = [], self.start - timedelta(days=6 if grain == WEEK else 0)
        seen = set()
        while d <= self.end + timedelta(days=6 if grain == WEEK else 0):
            p = self.containing(d, grain)
            if p.id not in seen:
                seen.add(p.id)
                if self.contains(p):
                    out.append(p)
            d = p.end + timedelta(days=1)
        return out

    def next(self) -> "Period":
        return self.containing(self.end + timedelta(days=1), self.grain)

    def previous(self) -> "Period":
        return self.containing(self.start - timedelta(days=1), self.grain)

    @property
    def label(self) -> str:
        """Label in the active language, written by core.vn: "năm 2024", "Quý I/2024", "tháng 3/2024",
        "Tuần 10/2024", "ngày 15/3/2024"."""
        if self.grain == DAY:
            s = self.start
            return gettext("ngày %(d)s/%(m)s/%(y)s") % {"d": s.day, "m": s.month, "y": s.year}
        return vn.format_period(self.id)

    def __str__(self) -> str:
        return self.id


def parse(text: str) -> Period:
    """Parse a period identifier; a Vietnamese UserError (field "period") when malformed."""
    raw = (text or "").strip()
    for grain, rx in _PATTERNS:
        m = rx.match(raw)
        if not m:
            continue
        nums = [int(g) for g in m.groups()]
        try:
            if grain == DAY:
                return Period.day(date(*nums))
            if grain == MONTH:
                return Period.month(*nums)
            if grain == WEEK:
                return Period.week(*nums)
            if grain == QUARTER:
                return Period.quarter(*nums)
            if nums[0] < 1:
                raise ValueError
            return Period.year(nums[0])
        except ValueError:
            raise _bad(raw) from None
    raise _bad(raw)


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except UserError:
        return False
    return True


def span(first: str | Period, last: str | Period, grain: str) -> list[Period]:
    """Every period of `grain` counting toward the range from `first` to `last` (inclusive)."""
    a = first if isinstance(first, Period) else parse(first)
    b = last if isinstance(last, Period) else parse(last)
    out: list[Period] = []
    p = a.containing(a.start, grain)
    if not (a.start <= p.anchor):
        p = p.next()
    while p.anchor <= b.end:
        out.append(p)
        p = p.next()
    return out


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every calendar month from `start`'s month to `end`'s, both included (none when
    `end`'s month comes first): monthly counters cover any range of days, a week across two months
    or a quarter, by these months."""
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def today() -> date:
    return datetime.now(TZ).date()
