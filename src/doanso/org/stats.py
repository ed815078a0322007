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
        "units": Unit.objects.subtree(unit).filter(active=True).count(),
        "by_status": by_status,
        "by_gender": by_gender,
        "by_gender_status": {k: v for k, v in sorted(by_gs.items())},
    }


def member_counts(units: list[Unit]) -> dict[int, int]:
    """Active members of each unit's subtree, in one query for a whole list of units."""
    from doanso.org.models import SubtreeCounter

    rows = SubtreeCounter.objects.filter(unit__in=units, dim="status", key="active").values_list("unit_id", "n")
    return dict(rows)


def unit_counts(units: list[Unit]) -> dict[int, int]:
    """Active units in each unit's subtree (one indexed range count per unit)."""
    return {u.pk: Unit.objects.subtree(u).filter(active=True).count() for u in units}
