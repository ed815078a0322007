"""The registry of computed indicators: values the system already knows from its own records.

It lives in the shared kernel so that every app — members below plans, activities, learning and
outreach above it — registers its indicators from its own module without plans importing any of
them. `plans.indicators` is the public face (it re-exports these names).

Adding a computed source is one decorated function in the app that owns the data:

    @computed("DV_TONG")
    def members(unit, period):
        return Value(counters.read(unit, "status").get("active", 0))

The function gets a unit (its whole subtree counts, merged units included) and a
`periods.Period`, and returns a `Value` (numerator and, for ratios, denominator). It
must read a handful of rows whatever the subtree's size (counters, aggregates). Register from
the app's `AppConfig.ready()` (import the module there).
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


# ---- the records behind a computed value ------------------------------------------------------
# An app that computes an indicator may also say where its records are, so a report pre-filled
# from them can link to them and its exported document can list them (reports sits below the apps
# that own the records and reaches them only through here):
#
#     @behind("TN_LUOT")
#     def volunteer_activities(unit, period) -> Behind: ...


@dataclass(frozen=True)
class Record:
    """One record that makes up a computed value: "Ngày chủ nhật xanh (30/11/2026, Xã A): 12 lượt"."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class Behind:
    """The page listing the records behind a unit's value for a period, and the first of them."""

    url: str
    records: tuple[Record, ...] = ()
    more: int = 0  # how many records were left off


Explainer = Callable[[object, Period], Behind]
BEHIND: dict[str, Explainer] = {}


def behind(code: str) -> Callable[[Explainer], Explainer]:
    def register(fn: Explainer) -> Explainer:
        BEHIND[code] = fn
        return fn

    return register


def explain(code: str, unit, period: Period) -> Behind | None:
    fn = BEHIND.get(code)
    return fn(unit, period) if fn else None
