"""The computed indicators of this app (registered with `plans.indicators` when the app is ready).

- `GUONG_DIEN_HINH`: honours (tuyên dương, khen thưởng) whose deciding document falls in the period,
  of people and groups of the unit's subtree — from the monthly subtree counters (≤ 12 rows a year);
  a period shorter than a month (a week, a day) counts the honours of its days by one indexed range
  query on (home path, document date).
- `TL_DV_TU_DANH_GIA_HM`, `TL_DV_XAC_NHAN_HM`: members of the subtree who submitted / whose branch
  confirmed their self-assessment of the period's year, over the subtree's active members (from
  `members.api`); numerator and denominator are both subtree sums, divided once.
"""

from datetime import timedelta

from doanso.core.calendar.periods import Period, month_starts
from doanso.exemplars import counters
from doanso.exemplars.models import Honour
from doanso.members import api as members
from doanso.org.tree import subtree_range
from doanso.plans.indicators import Value, computed


def _whole_months(period: Period) -> bool:
    """From a month's first day to a month's last: the monthly counters hold it exactly."""
    return period.start.day == 1 and (period.end + timedelta(days=1)).day == 1


def honours_in(unit, period: Period) -> int:
    if _whole_months(period):
        keys = [counters.honours_key(m) for m in month_starts(period.start, period.end)]
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
