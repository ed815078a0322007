"""The computed indicators of this app (registered with `plans.indicators` when the app is ready).

- `GUONG_DIEN_HINH`: honours (tuyên dương, khen thưởng) whose deciding document falls in the period,
  of people and groups of the unit's subtree — from the monthly subtree counters (≤ 12 rows a year);
  a period shorter than a month (a week, a day) counts the honours of its days by one indexed range
  query on (home path, document date).
- `TL_DV_TU_DANH_GIA_HM`, `TL_DV_XAC_NHAN_HM`: members of the subtree who submitted / whose branch
  confirmed their self-assessment of the period's year, over the subtree's active members (from
  `members.api`); numerator and denominator are both subtree sums, divided once.
"""

from datetime import date

from doanso.core.calendar.periods import Period
from doanso.exemplars import counters
from doanso.exemplars.models import Honour
from doanso.members import api as members
from doanso.org.tree import subtree_range
from doanso.plans.indicators import Value, computed


def _months(start: date, end: date) -> list[date]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _whole_months(period: Period) -> bool:
    last = _months(period.end, period.end)[0]
    nxt = date(last.year + 1, 1, 1) if last.month == 12 else date(last.year, last.month + 1, 1)
    return period.start.day == 1 and (nxt - period.end).days == 1


def honours_in(unit, period: Period) -> int:
    if _whole_months(period):
        keys = [counters.honours_key(m) for m in _months(period.start, period.end)]
        return sum(counters.read(unit, keys).values())
    lo, hi = subtree_range(unit.path)
    return Honour.objects.filter(
        home_path__gte=lo, home_path__lt=hi, doc_date__gte=period.start, doc_date__lte=period.end
    ).count()


@computed("GUONG_DIEN_HINH")
def exemplars_honoured(unit, period: Period) -> Value:
    """Gương điển hình tiên tiến được tuyên dương (honours in the period, subtree)."""
    return Value(honours_in(unit, period))


def _share(unit, period: Period, key: str) -> Value:
    year = period.anchor.year
    n = counters.read(unit, [key]).get(key, 0)
    return Value(n, members.INDICATORS["members.active"](unit, year) or 0)


@computed("TL_DV_TU_DANH_GIA_HM")
def share_self_assessed(unit, period: Period) -> Value:
    """Tỷ lệ đoàn viên tự đánh giá theo tiêu chí giá trị hình mẫu (năm của kỳ)."""
    return _share(unit, period, counters.assessed_key(period.anchor.year))


@computed("TL_DV_XAC_NHAN_HM")
def share_confirmed(unit, period: Period) -> Value:
    """Tỷ lệ đoàn viên được chi đoàn xác nhận bản tự đánh giá (năm của kỳ)."""
    return _share(unit, period, counters.confirmed_key(period.anchor.year))
