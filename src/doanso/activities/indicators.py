"""The computed indicators this app feeds, registered with `plans.indicators.computed`.

Each reads the subtree counters of `activities.counting` (one query whatever the subtree's size):
lượt at volunteer activities (TN_LUOT), verified outputs (CAY_XANH, HIEN_MAU), all lượt, distinct
participants and volunteer hours. Figures a unit added from outside the system count in the
total; `figures()` gives them apart (records vs added) for pages, the API and reports.
"""

from doanso.activities import counting
from doanso.activities.models import ActivityType
from doanso.core.calendar.periods import Period
from doanso.plans.indicators import Value, computed

# New catalogue indicators (rows added by migration 0002 of this app)
NEW = [
    ("HD_LUOT", "Lượt đoàn viên, thanh niên tham gia hoạt động (theo điểm danh)", "lượt"),
    ("HD_NGUOI", "Số đoàn viên, thanh niên tham gia hoạt động (mỗi người tính một lần)", "người"),
    ("HD_GIO_TN", "Số giờ tình nguyện (theo điểm danh)", "giờ"),
]
FLIPPED = ("TN_LUOT", "CAY_XANH", "HIEN_MAU")  # manual → computed (migration 0002)


def _types() -> tuple[list[str], list[str]]:
    rows = list(ActivityType.objects.values_list("code", "volunteer"))
    return [c for c, _ in rows], [c for c, v in rows if v]


def figures(unit, period: Period) -> dict[str, dict]:
    """{code: {"records", "added", "total"}} for the unit's subtree over the period (one query
    for the counters, one for the type list, one for distinct participants)."""
    codes, volunteer = _types()
    keys = [f"l|{c}" for c in codes] + [f"h|{c}" for c in codes]
    keys += [f"o|{c}" for c in ("CAY_XANH", "HIEN_MAU")] + [f"x|{c}" for c in FLIPPED]
    n = counting.read(unit, period, keys)
    rec = {
        "TN_LUOT": sum(n[f"l|{c}"] for c in volunteer),
        "CAY_XANH": n["o|CAY_XANH"],
        "HIEN_MAU": n["o|HIEN_MAU"],
        "HD_LUOT": sum(n[f"l|{c}"] for c in codes),
        "HD_GIO_TN": sum(n[f"h|{c}"] for c in codes) / 10,
    }
    out = {}
    for code, v in rec.items():
        added = n.get(f"x|{code}", 0)
        out[code] = {"records": v, "added": added, "total": v + added}
    return out


def _from_figures(code: str):
    def compute_it(unit, period: Period) -> Value:
        return Value(figures(unit, period)[code]["total"])

    compute_it.__name__ = f"activities_{code.lower()}"
    return compute_it


for _code in ("TN_LUOT", "CAY_XANH", "HIEN_MAU", "HD_LUOT", "HD_GIO_TN"):
    computed(_code)(_from_figures(_code))


@computed("HD_NGUOI")
def distinct_participants(unit, period: Period) -> Value | None:
    """Distinct people (members, or guests by phone) checked in within the period; kept for years,
    quarters and months (None for weeks and days)."""
    n = counting.persons(unit, period)
    return None if n is None else Value(n)


# --- Branch meetings (issue 14 item 8) -----------------------------------------------------------
MEETINGS = "CD_SINH_HOAT"  # catalogue row: migration 0004


@computed(MEETINGS)
def branches_that_met(unit, period: Period) -> Value | None:
    """Share of the subtree's active branches that held their meeting (minutes saved), as
    branch-months met over branches × months: both sums are read from the subtree counters, so the
    province's figure is its branches added up, never an average of its districts' percentages.
    Months, quarters and years (None for weeks and days)."""
    from doanso.core.calendar.periods import MONTH, QUARTER, YEAR
    from doanso.org import counters as org_counters

    if period.grain not in (YEAR, QUARTER, MONTH):
        return None
    met = counting.read(unit, period, [counting.MET])[counting.MET]
    branches = org_counters.read(unit, org_counters.UNITS).get("chi_doan", 0)
    months = len(counting.month_dims(period))
    return Value(met, branches * months)
