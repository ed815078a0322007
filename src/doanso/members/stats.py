"""Computed member indicators over a subtree and year, read from subtree counters (a few rows).

Also the registry's contribution to other apps: `INDICATORS` names each computed indicator
(code → function(unit, year) → number) for `plans` to register when it exists.
"""

from django.utils import timezone

from doanso.members import charter
from doanso.org.models import SubtreeCounter, Unit

AGE_BANDS = (
    ("duoi_16", 0, 15),
    ("16_18", 16, 18),
    ("19_22", 19, 22),
    ("23_25", 23, 25),
    ("26_30", 26, 30),
    ("tren_30", 31, 200),
)
LEVELS = ("htxs", "htt", "ht", "kht")


def _band(age: int) -> str:
    for name, lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return name
    return "tren_30"


def _read(unit: Unit, year: int) -> dict[str, dict[str, int]]:
    dims = [
        "status",
        "gender_status",
        "occupation_status",
        "birthyear_status",
        "admitted_year",
        f"rating_{year}",
        f"nomination_{year}",
    ]
    out: dict[str, dict[str, int]] = {d: {} for d in dims}
    for dim, key, n in SubtreeCounter.objects.filter(unit=unit, dim__in=dims, n__gt=0).values_list(
        "dim", "key", "n"
    ):
        out[dim][key] = n
    return out


def _active(d: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, n in d.items():
        head, _, status = key.rpartition("|")
        if status == "active":
            out[head] = out.get(head, 0) + n
    return out


def rating_summary(levels: dict[str, int], year: int) -> dict:
    rated = sum(levels.values())
    return {
        "year": year,
        "levels": {lv: levels.get(lv, 0) for lv in LEVELS},
        "rated": rated,
        "excellent_share": round(levels.get("htxs", 0) / rated, 4) if rated else None,
    }


def indicators(unit: Unit, year: int | None = None) -> dict:
    year = year or timezone.localdate().year
    c = _read(unit, year)
    by_status = dict(c["status"])
    active = by_status.get("active", 0)
    ages: dict[str, int] = {name: 0 for name, _, _ in AGE_BANDS}
    by_year = _active(c["birthyear_status"])
    for by, n in by_year.items():
        if by.isdigit() and int(by):
            ages[_band(year - int(by))] += n
    nominations = c[f"nomination_{year}"]
    return {
        "unit": unit.code,
        "year": year,
        "members": active,
        "by_status": by_status,
        "by_gender": _active(c["gender_status"]),
        "by_occupation": _active(c["occupation_status"]),
        "by_age_band": ages,
        "new_admissions": c["admitted_year"].get(str(year), 0),
        "rating": rating_summary(c[f"rating_{year}"], year),
        "nominated": nominations.get("nominated", 0),
        "admitted_to_party": nominations.get("admitted", 0),
        "reaching_30": by_year.get(str(year - charter.MATURITY_YEARS), 0),
    }


def _value(key: str):
    def f(unit: Unit, year: int):
        v = indicators(unit, year)
        for part in key.split("."):
            v = v[part]
        return v or 0

    return f


INDICATORS = {
    "members.active": _value("members"),
    "members.new_admissions": _value("new_admissions"),
    "members.rated_excellent_share": _value("rating.excellent_share"),
    "members.nominated_to_party": _value("nominated"),
    "members.admitted_to_party": _value("admitted_to_party"),
    "members.reaching_30": _value("reaching_30"),
}
