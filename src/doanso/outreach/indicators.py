"""The outreach indicators of the plans catalogue, computed from the post subtree counters.

TIN_TOT (tin tốt, câu chuyện đẹp đăng tải): posts of those two kinds published in the period by
the unit's whole subtree. Registered from `AppConfig.ready()`; the catalogue row is switched to
`computed` by this app's migration 0002.
"""

from doanso.core.calendar.periods import Period
from doanso.outreach import counting
from doanso.outreach.compliance import CAU_CHUYEN_DEP, TIN_TOT
from doanso.plans.indicators import Value, computed


@computed("TIN_TOT")
def good_news(unit, period: Period) -> Value:
    """Tin tốt and câu chuyện đẹp the subtree published in the period (a handful of counter rows)."""
    return Value(counting.total(unit.pk, period, (TIN_TOT, CAU_CHUYEN_DEP)))
