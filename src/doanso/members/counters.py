"""Which subtree counters members feed, and how to rebuild or recount them."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count

from doanso.members.models import Member
from doanso.org import counters
from doanso.org.models import SubtreeCounter, Unit

# dimension name -> the member fields whose values make its key
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "status": ("status",),
    "gender_status": ("gender", "status"),
    "occupation_status": ("occupation", "status"),
    "birthyear_status": ("birth_year", "status"),  # age bands and members reaching 30
    "admitted_year": ("admitted_year",),  # new admissions per year
}
COUNTED_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f for fields in DIMENSIONS.values() for f in fields))


def _s(value) -> str:
    return "" if value is None else str(value)


def key(values: dict, fields: tuple[str, ...]) -> str:
    return "|".join(_s(values[f]) for f in fields)


def keys_for(values: dict) -> list[tuple[str, str]]:
    return [(dim, key(values, fields)) for dim, fields in DIMENSIONS.items()]


def values_of(member) -> dict:
    return {f: getattr(member, f) for f in COUNTED_FIELDS}


def record(changes: Iterable[tuple[str, dict, int]]) -> None:
    """Apply (branch path, member field values, +1/-1) changes to the subtree counters."""
    counters.apply(
        counters.expand(
            (path, dim, key, sign) for path, values, sign in changes for dim, key in keys_for(values)
        )
    )


def recount(unit: Unit) -> dict[tuple[str, str], int]:
    """Recount one unit's subtree from member rows (the counters must equal this)."""
    lo, hi = unit.subtree_range
    out: dict[tuple[str, str], int] = {}
    for dim, fields in DIMENSIONS.items():
        rows = (
            Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi)
            .values(*fields)
            .annotate(n=Count("id"))
        )
        for r in rows:
            k = (dim, key(r, fields))
            out[k] = out.get(k, 0) + r["n"]
    return out


def stored(unit: Unit) -> dict[tuple[str, str], int]:
    qs = SubtreeCounter.objects.filter(unit=unit, dim__in=list(DIMENSIONS), n__gt=0)
    return {(dim, key): n for dim, key, n in qs.values_list("dim", "key", "n")}


def rebuild_all() -> None:
    """Recompute the member counters from member rows with set-based SQL (after bulk loads):
    members grouped per branch and key, rolled up the tree by `org.counters.rebuild`."""
    member_t, unit_t = Member._meta.db_table, Unit._meta.db_table
    with transaction.atomic():
        for dim, fields in DIMENSIONS.items():
            key_sql = " || '|' || ".join(f"COALESCE(CAST(m.{f} AS VARCHAR(32)), '')" for f in fields)
            counters.rebuild(
                dim,
                f"SELECT u.path AS path, {key_sql} AS k, COUNT(*) AS n "
                f"FROM {member_t} m JOIN {unit_t} u ON u.id = m.branch_id GROUP BY u.path, {key_sql}",
            )


def rebuild_events() -> None:
    """Recompute the yearly event counters (approved ratings, nominations) from their rows."""
    from doanso.members.models import BatchStatus, MemberRating, Nomination

    with transaction.atomic():
        SubtreeCounter.objects.filter(dim__startswith="rating_").delete()
        SubtreeCounter.objects.filter(dim__startswith="nomination_").delete()
        items = []
        rows = (
            MemberRating.objects.filter(batch__status=BatchStatus.APPROVED)
            .values_list("batch__branch__path", "year", "level")
            .annotate(n=Count("id"))
        )
        items += [(p, f"rating_{y}", lv, n) for p, y, lv, n in rows]
        rows = Nomination.objects.values_list("branch__path", "year").annotate(n=Count("id"))
        items += [(p, f"nomination_{y}", "nominated", n) for p, y, n in rows]
        rows = (
            Nomination.objects.filter(outcome="admitted")
            .values_list("branch__path", "year")
            .annotate(n=Count("id"))
        )
        items += [(p, f"nomination_{y}", "admitted", n) for p, y, n in rows]
        counters.apply(counters.expand(items))
