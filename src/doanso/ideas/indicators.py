"""Plan indicators computed from ideas (registered with core.computed when the app is ready).

YT_SANG_KIEN counts ideas of the subtree that reached "hỗ trợ" (or later) in the period's months;
YT_TRIEN_KHAI those that reached "triển khai". An idea counts in the month it first got there.
"""

from doanso.core.calendar.periods import Period
from doanso.core.computed import Value, computed
from doanso.ideas import counters


@computed("YT_SANG_KIEN")
def ideas_supported(unit, period: Period) -> Value:
    """Ý tưởng, sáng kiến được hỗ trợ triển khai."""
    return Value(counters.total(unit, counters.SUPPORTED, period))


@computed("YT_TRIEN_KHAI")
def ideas_implemented(unit, period: Period) -> Value:
    """Ý tưởng, sáng kiến được triển khai."""
    return Value(counters.total(unit, counters.IMPLEMENTED, period))
