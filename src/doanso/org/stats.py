"""Subtree statistics read from counters (a handful of rows, whatever the subtree's size)."""

from doanso.org import counters
from doanso.org.models import Unit


def unit_stats(unit: Unit) -> dict:
    by_gs = counters.read(unit, "gender_status")
    by_status: dict[str, int] = {}
    by_gender: dict[str, int] = {}
    for key, n in by_gs.items():
        gender, status = key.split("|")
        by_status[status] = by_status.get(status, 0) + n
        if status == "active":
            by_gender[gender] = by_gender.get(gender, 0) + n
    return {
        "members": by_status.get("active", 0),
        "units": sum(counters.read(unit, counters.UNITS).values()),
        "by_status": by_status,
        "by_gender": by_gender,
        "by_gender_status": {k: v for k, v in sorted(by_gs.items())},
        "rating": latest_rating(unit),
    }


def latest_rating(unit: Unit) -> dict:
    """The most recent approved yearly rating of the subtree: {year, levels, rated, excellent_share}."""
    from doanso.org.models import SubtreeCounter

    rows = SubtreeCounter.objects.filter(unit=unit, dim__startswith="rating_", n__gt=0).values_list(
        "dim", "key", "n"
    )
    by_year: dict[int, dict[str, int]] = {}
    for dim, key, n in rows:
        year = dim.removeprefix("rating_")
        if year.isdigit():
            by_year.setdefault(int(year), {})[key] = n
    if not by_year:
        return {}
    year = max(by_year)
    levels = {lv: by_year[year].get(lv, 0) for lv in ("htxs", "htt", "ht", "kht")}
    rated = sum(levels.values())
    return {
        "year": year,
        "levels": levels,
        "rated": rated,
        "excellent_share": round(levels["htxs"] / rated, 4) if rated else None,
    }


def member_counts(units: list[Unit]) -> dict[int, int]:
    """Active members of each unit's subtree, in one query for a whole list of units."""
    from doanso.org.models import SubtreeCounter

    rows = SubtreeCounter.objects.filter(unit__in=units, dim="status", key="active").values_list(
        "unit_id", "n"
    )
    return dict(rows)


def unit_counts(units: list[Unit]) -> dict[int, int]:
    """Active units in each unit's subtree, in one query for a whole list of units."""
    from django.db.models import Sum

    from doanso.org.models import SubtreeCounter

    rows = (
        SubtreeCounter.objects.filter(unit__in=units, dim=counters.UNITS)
        .values("unit_id")
        .annotate(n=Sum("n"))
        .values_list("unit_id", "n")
    )
    return dict(rows)
