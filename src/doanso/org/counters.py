"""Subtree counters: deltas at a unit are added to the unit and every ancestor."""

from collections import Counter
from collections.abc import Iterable

from django.db import connection

from doanso.org.models import SubtreeCounter, Unit
from doanso.org.tree import ancestor_ids

Delta = Counter  # {(unit_id, dim, key): int}


def expand(items: Iterable[tuple[str, str, str, int]]) -> Delta:
    """(unit path, dim, key, delta) → deltas for the unit and all its ancestors."""
    out: Delta = Counter()
    for path, dim, key, d in items:
        for uid in ancestor_ids(path):
            out[(uid, dim, key)] += d
    return out


def apply(deltas: Delta) -> None:
    """Add the deltas with one upsert per batch (PostgreSQL and SQLite ≥ 3.24).

    `n = n + excluded.n` is atomic per row, so concurrent writers cannot lose an update
    and no row locks are taken up front.
    """
    rows = sorted((k, n) for k, n in deltas.items() if n)
    if not rows:
        return
    table = SubtreeCounter._meta.db_table
    with connection.cursor() as cur:
        for i in range(0, len(rows), 500):
            batch = rows[i : i + 500]
            values = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
            params = [x for (uid, dim, key), n in batch for x in (uid, dim, key, n)]
            cur.execute(
                f"INSERT INTO {table} (unit_id, dim, key, n) VALUES {values} "
                f"ON CONFLICT (unit_id, dim, key) DO UPDATE SET n = {table}.n + excluded.n",
                params,
            )


def read(unit: Unit, dim: str) -> dict[str, int]:
    return dict(SubtreeCounter.objects.filter(unit=unit, dim=dim, n__gt=0).values_list("key", "n"))


def move_subtree(unit: Unit, old_path: str, new_parent_path: str) -> None:
    """Carry a subtree's totals from its old ancestors to its new ones."""
    old_anc = ancestor_ids(old_path)[:-1]
    new_anc = ancestor_ids(new_parent_path)
    deltas: Delta = Counter()
    for dim, key, n in SubtreeCounter.objects.filter(unit=unit).values_list("dim", "key", "n"):
        for uid in old_anc:
            deltas[(uid, dim, key)] -= n
        for uid in new_anc:
            deltas[(uid, dim, key)] += n
    apply(deltas)


UNITS = "units"  # dimension: active units of the subtree, keyed by kind


def unit_delta(unit: Unit, sign: int, kind: str | None = None) -> None:
    """A unit became active (+1) or inactive (-1): count it at itself and every ancestor."""
    apply(expand([(unit.path, UNITS, kind or unit.kind, sign)]))


def rebuild(dim: str, source_sql: str, params: list | None = None) -> None:
    """Recompute one dimension from rows with set-based SQL (after bulk loads).

    `source_sql` selects (path, key, n) at the units where things are recorded; the rows
    are grouped once into a temporary table, then summed into each ancestor level by an
    equality join on that level's path prefix.
    """
    from doanso.org.tree import SEGMENT

    unit_t, counter_t = Unit._meta.db_table, SubtreeCounter._meta.db_table
    step = SEGMENT + 1
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {counter_t} WHERE dim = %s", [dim])
        max_depth = Unit.objects.order_by("-depth").values_list("depth", flat=True).first() or 0
        cur.execute("DROP TABLE IF EXISTS doanso_tmp_counts")
        cur.execute(
            f"CREATE TEMPORARY TABLE doanso_tmp_counts AS SELECT path, k, SUM(n) AS n FROM ({source_sql}) s "
            "GROUP BY path, k",
            params or [],
        )
        for d in range(max_depth + 1):
            cur.execute(
                f"""INSERT INTO {counter_t} (unit_id, dim, key, n)
                SELECT a.id, %s, t.k, SUM(t.n) FROM doanso_tmp_counts t
                JOIN {unit_t} a ON a.path = substr(t.path, 1, %s)
                WHERE length(t.path) >= %s
                GROUP BY a.id, t.k""",
                [dim, step * (d + 1), step * (d + 1)],
            )
        cur.execute("DROP TABLE doanso_tmp_counts")


def rebuild_units() -> None:
    rebuild(UNITS, f"SELECT path, kind AS k, 1 AS n FROM {Unit._meta.db_table} WHERE active = %s", [True])
