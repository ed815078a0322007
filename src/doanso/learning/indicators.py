"""The learning indicators of the plans catalogue, read from subtree counters (a handful of rows
whatever the subtree size). Ratios: numerator and denominator are both subtree totals, divided last.
Registered from `LearningConfig.ready()`; the catalogue rows are made `computed` by this app's
migration 0002.
"""

from doanso.core.calendar.periods import Period
from doanso.learning import credits
from doanso.learning.models import CourseKind
from doanso.org.api import counters
from doanso.plans.indicators import Value, computed

PARTICIPATION = "TL_DV_THI_TT"


def _active(unit) -> int:
    return counters.read(unit, "status").get("active", 0)


@computed("LLCT_DV_MOI")
def new_members_studied_llct(unit, period: Period) -> Value:
    """Đoàn viên kết nạp mới trong năm đã hoàn thành khoá lý luận chính trị / kết nạp mới trong năm."""
    year = period.anchor.year
    admitted = counters.read(unit, "admitted_year").get(str(year), 0)
    return Value(credits.count(unit, CourseKind.LLCT, year, new_only=True), admitted)


@computed("HT_NQ_CBDV")
def members_studied_resolutions(unit, period: Period) -> Value:
    """Đoàn viên đã hoàn thành khoá học tập nghị quyết trong năm / đoàn viên đang sinh hoạt."""
    return Value(credits.count(unit, CourseKind.RESOLUTION, period.anchor.year), _active(unit))


@computed(PARTICIPATION)
def members_in_contests(unit, period: Period) -> Value:
    """Đoàn viên đã dự thi trực tuyến (nộp bài ít nhất một lượt) trong năm / đoàn viên đang sinh hoạt."""
    return Value(credits.count(unit, "contest", period.anchor.year), _active(unit))
