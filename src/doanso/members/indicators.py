"""The member indicators of the plans catalogue, computed from the subtree counters this app keeps.

Registered with `core.computed` (the registry `plans.indicators` shows) when the app is ready.
Each function takes the calendar year the period falls in (its middle day: an ISO week around New
Year counts for the year most of its days are in).
"""

from doanso.core.calendar.periods import Period
from doanso.core.computed import Computer, Value, computed
from doanso.members.stats import INDICATORS, indicators
from doanso.org import counters


def _status_counts(unit) -> dict[str, int]:
    return counters.read(unit, "status")


@computed("DV_TONG")
def members_active(unit, period: Period) -> Value:
    """Đoàn viên đang sinh hoạt (current count)."""
    return Value(_status_counts(unit).get("active", 0))


@computed("DV_TRUONG_THANH")
def members_matured(unit, period: Period) -> Value:
    """Đoàn viên trưởng thành Đoàn (current count)."""
    return Value(_status_counts(unit).get("matured", 0))


@computed("TL_DV_SINH_HOAT")
def share_active(unit, period: Period) -> Value:
    """Tỷ lệ đoàn viên đang sinh hoạt trên tổng số hồ sơ."""
    counts = _status_counts(unit)
    return Value(counts.get("active", 0), sum(counts.values()))


def _figures(unit, period: Period) -> dict:
    return indicators(unit, period.anchor.year)


def _count(key: str) -> Computer:
    """A computed indicator that is one of `stats.INDICATORS` (a count)."""

    def compute_it(unit, period: Period) -> Value:
        return Value(INDICATORS[key](unit, period.anchor.year) or 0)

    compute_it.__name__ = f"members_{key.rpartition('.')[2]}"
    return compute_it


# plans catalogue code → stats.INDICATORS key (catalogue rows: plans migration 0003)
COUNTS = {
    "DV_KET_NAP_MOI_HS": "members.new_admissions",
    "DV_UU_TU_HS": "members.nominated_to_party",
    "DV_UU_TU_VAO_DANG_HS": "members.admitted_to_party",
    "DV_DU_30_HS": "members.reaching_30",
}
for _code, _key in COUNTS.items():
    computed(_code)(_count(_key))


@computed("TL_DV_HTXSNV_HS")
def share_rated_excellent(unit, period: Period) -> Value:
    """Tỷ lệ đoàn viên xếp loại hoàn thành xuất sắc nhiệm vụ: rated excellent / rated (approved
    ratings of the year), summed over the subtree before dividing."""
    rating = _figures(unit, period)["rating"]
    return Value(rating["levels"]["htxs"], rating["rated"])


@computed("TL_DV_UU_TU_VAO_DANG_HS")
def share_nominees_admitted(unit, period: Period) -> Value:
    """Tỷ lệ đoàn viên ưu tú được kết nạp Đảng trên số được giới thiệu trong năm."""
    f = _figures(unit, period)
    return Value(f["admitted_to_party"], f["nominated"])


@computed("DV_CHUYEN_DI_HS")
def members_transferred(unit, period: Period) -> Value:
    """Hồ sơ đã chuyển sinh hoạt ra ngoài (current count)."""
    return Value(_figures(unit, period)["by_status"].get("transferred", 0))


@computed("DV_RA_KHOI_HS")
def members_removed(unit, period: Period) -> Value:
    """Hồ sơ đã ra khỏi Đoàn (current count)."""
    return Value(_figures(unit, period)["by_status"].get("removed", 0))
