"""Computed indicators: values the system already knows (members now; activities, learning later).

Adding a computed source is one decorated function in the app that owns the data:

    @computed("DV_TONG")
    def members(unit, period):
        return Value(counters.read(unit, "status").get("active", 0))

The function gets a unit (its whole subtree counts, merged units included) and a
`periods.Period`, and returns a `Value` (numerator and, for ratios, denominator). It
must read a handful of rows whatever the subtree's size (counters, aggregates).
"""

from collections.abc import Callable
from dataclasses import dataclass

from doanso.core.calendar.periods import Period


@dataclass(frozen=True)
class Value:
    value: float
    denominator: float | None = None

    def result(self, is_ratio: bool) -> float | None:
        if not is_ratio:
            return self.value
        if not self.denominator:
            return None
        return 100.0 * self.value / self.denominator


Computer = Callable[[object, Period], Value]
REGISTRY: dict[str, Computer] = {}


def computed(code: str) -> Callable[[Computer], Computer]:
    def register(fn: Computer) -> Computer:
        REGISTRY[code] = fn
        return fn

    return register


def compute(code: str, unit, period: Period) -> Value | None:
    fn = REGISTRY.get(code)
    return fn(unit, period) if fn else None


# ---- members (read through the subtree counters kept by the members app) -------------


def _status_counts(unit) -> dict[str, int]:
    from doanso.org import counters

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


# ---- members, read through `members.api` (plans never imports members' models) -----------
#
# `members.api.indicators(unit, year)` reads the subtree counters the registry keeps; each
# function below takes the calendar year the period falls in (its middle day: an ISO week
# around New Year counts for the year most of its days are in).


def _member_figures(unit, period: Period) -> dict:
    from doanso.members import api as members_api

    return members_api.indicators(unit, period.anchor.year)


def _member_indicator(key: str) -> Computer:
    """A computed indicator that is one of `members.api.INDICATORS` (a count)."""

    def compute_it(unit, period: Period) -> Value:
        from doanso.members import api as members_api

        return Value(members_api.INDICATORS[key](unit, period.anchor.year) or 0)

    compute_it.__name__ = f"members_{key.rpartition('.')[2]}"
    return compute_it


# plans catalogue code → members.api.INDICATORS key (catalogue rows: migration 0003)
MEMBER_COUNTS = {
    "DV_KET_NAP_MOI_HS": "members.new_admissions",
    "DV_UU_TU_HS": "members.nominated_to_party",
    "DV_UU_TU_VAO_DANG_HS": "members.admitted_to_party",
    "DV_DU_30_HS": "members.reaching_30",
}
for _code, _key in MEMBER_COUNTS.items():
    computed(_code)(_member_indicator(_key))


@computed("TL_DV_HTXSNV_HS")
def share_rated_excellent(unit, period: Period) -> Value:
    """Tỷ lệ đoàn viên xếp loại hoàn thành xuất sắc nhiệm vụ: rated excellent / rated (approved
    ratings of the year), summed over the subtree before dividing."""
    rating = _member_figures(unit, period)["rating"]
    return Value(rating["levels"]["htxs"], rating["rated"])


@computed("TL_DV_UU_TU_VAO_DANG_HS")
def share_nominees_admitted(unit, period: Period) -> Value:
    """Tỷ lệ đoàn viên ưu tú được kết nạp Đảng trên số được giới thiệu trong năm."""
    f = _member_figures(unit, period)
    return Value(f["admitted_to_party"], f["nominated"])


@computed("DV_CHUYEN_DI_HS")
def members_transferred(unit, period: Period) -> Value:
    """Hồ sơ đã chuyển sinh hoạt ra ngoài (current count)."""
    return Value(_member_figures(unit, period)["by_status"].get("transferred", 0))


@computed("DV_RA_KHOI_HS")
def members_removed(unit, period: Period) -> Value:
    """Hồ sơ đã ra khỏi Đoàn (current count)."""
    return Value(_member_figures(unit, period)["by_status"].get("removed", 0))
