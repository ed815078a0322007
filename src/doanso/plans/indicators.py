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

from doanso.plans.periods import Period


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
