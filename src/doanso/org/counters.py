"""Subtree counters: deltas at a unit are added to the unit and every ancestor."""

from collections import Counter
from collections.abc import Iterable

from django.db import DataError, connection
from django.utils.translation import gettext

from doanso.core import prepared
from doanso.core.errors import OutOfRange
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
    and no row locks are taken up front. A total that would leave 64 bits is refused with
    OutOfRange (the caller's transaction rolls back): SQLite would silently turn it into a
    float and PostgreSQL would fail with "bigint out of range".
    """
    rows = sorted((k, n) for k, n in deltas.items() if n)
    if not rows:
        return
    if any(abs(n) > COUNTER_MAX for _, n in rows):
        raise overflow()
    with connection.cursor() as cur:
        for i in range(0, len(rows), 500):
            batch = rows[i : i + 500]
            values = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
            params = [x for (uid, dim, key), n in batch for x in (uid, dim, key, n)]
            try:
                cur.execute(upsert_sql(f"VALUES {values}") + " RETURNING n", params)
                totals = [n for (n,) in cur.fetchall()]
            except DataError:  # PostgreSQL: bigint out of range
                raise overflow() from None
            if any(not isinstance(n, int) or abs(n) > COUNTER_MAX for n in totals):  # SQLite: a float
                raise overflow()


def upsert_sql(source: str) -> str:
    """The one statement counters are added with, from `source` (VALUES or a SELECT of unit_id,
    dim, key, n — one row per key); callers embedding it in a larger statement use this too."""
    table = SubtreeCounter._meta.db_table
    return (
        f"INSERT INTO {table} (unit_id, dim, key, n) {source} "
        f"ON CONFLICT (unit_id, dim, key) DO UPDATE SET n = {table}.n + excluded.n"
    )


def values_sql(deltas: Delta) -> tuple[str, list]:
    """PostgreSQL: the deltas as a SELECT of (unit_id, dim, key, n) rows and its four parameters (one
    array per column), for a caller's own statement that feeds `upsert_sql`. Arrays, not a VALUES
    row per key, so the statement's text and parameter count stay the same whatever the depth of
    the tree: psycopg converts it once and PostgreSQL plans it once (`core.prepared`)."""
    rows = sorted(deltas.items())
    sql = "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::bigint[])"
    return sql, [
        [uid for (uid, _, _), _ in rows],
        [d for (_, d, _), _ in rows],
        [k for (_, _, k), _ in rows],
        [n for _, n in rows],
    ]


def execute_one(sql: str, params: list) -> tuple:
    """Run a caller's statement that adds to the counters (through `upsert_sql`) and return its one
    row; a total past 64 bits is refused with OutOfRange, as in `apply`."""
    try:
        with prepared.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchone()
    except DataError:  # PostgreSQL: bigint out of range
        raise overflow() from None


COUNTER_MAX = 2**63 - 1


def overflow() -> OutOfRange:
    return OutOfRange(
        gettext("Tổng số liệu vượt quá giới hạn lưu trữ; số liệu này không được ghi."), field="value"
    )


def add(items: Iterable[tuple[str, str, str, int]]) -> None:
    """(unit path, dim, key, delta): add each delta at the unit and every ancestor, inside the
    caller's transaction (the one write every app's counters go through)."""
    apply(expand(items))


def read(unit: Unit | int, dim: str | Iterable[str], keys: Iterable[str] | None = None) -> dict[str, int]:
    """The subtree totals of one dimension (or the sum over several) at `unit`, by key: the
    non-zero ones, or with `keys` exactly those keys (0 when never counted). One indexed query."""
    dims = [dim] if isinstance(dim, str) else list(dim)
    qs = SubtreeCounter.objects.filter(dim__in=dims)
    qs = qs.filter(unit_id=unit) if isinstance(unit, int) else qs.filter(unit=unit)
    out: dict[str, int] = {}
    if keys is None:
        qs = qs.filter(n__gt=0)
    else:
        out = dict.fromkeys(keys, 0)
        qs = qs.filter(key__in=list(out))
    for key, n in qs.values_list("key", "n"):
        out[key] = out.get(key, 0) + n
    return out


def stored(unit: Unit, prefix: str) -> dict[tuple[str, str], int]:
    """Every non-zero (dim, key) total at `unit` of the dimensions starting with `prefix` (for
    proving counters equal a recount from the rows)."""
    qs = SubtreeCounter.objects.filter(unit=unit, dim__startswith=prefix, n__gt=0)
    return {(d, k): n for d, k, n in qs.values_list("dim", "key", "n")}


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

    `source_sql` selects (path, k, n) at the units where things are recorded. Totals are
    rolled up one level at a time from the deepest units to the root, so each pass reads
    only the (ever smaller) previous level instead of every recorded row again.
    """
    from doanso.org.tree import SEGMENT

    unit_t, counter_t = Unit._meta.db_table, SubtreeCounter._meta.db_table
    step = SEGMENT + 1
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {counter_t} WHERE dim = %s", [dim])
        for t in ("doanso_src", "doanso_cur", "doanso_nxt"):
            cur.execute(f"DROP TABLE IF EXISTS {t}")
        cur.execute(
            f"CREATE TEMPORARY TABLE doanso_src AS SELECT path, k, SUM(n) AS n, length(path) / {step} AS d "
            f"FROM ({source_sql}) s GROUP BY path, k",
            params or [],
        )
        cur.execute("CREATE INDEX doanso_src_d ON doanso_src (d)")
        cur.execute("SELECT max(d) FROM doanso_src")
        deepest = cur.fetchone()[0] or 0
        cur.execute("CREATE TEMPORARY TABLE doanso_cur AS SELECT path, k, n FROM doanso_src WHERE 1 = 0")
        for d in range(deepest, 0, -1):
            cur.execute(
                "CREATE TEMPORARY TABLE doanso_nxt AS SELECT path, k, SUM(n) AS n FROM ("
                "SELECT path, k, n FROM doanso_cur UNION ALL SELECT path, k, n FROM doanso_src WHERE d = %s"
                ") s GROUP BY path, k",
                [d],
            )
            cur.execute(
                f"INSERT INTO {counter_t} (unit_id, dim, key, n) "
                f"SELECT u.id, %s, x.k, x.n FROM doanso_nxt x JOIN {unit_t} u ON u.path = x.path",
                [dim],
            )
            cur.execute("DROP TABLE doanso_cur")
            cur.execute(
                "CREATE TEMPORARY TABLE doanso_cur AS "
                f"SELECT substr(path, 1, length(path) - {step}) AS path, k, n FROM doanso_nxt "
                f"WHERE length(path) > {step}"
            )
            cur.execute("DROP TABLE doanso_nxt")
        for t in ("doanso_src", "doanso_cur"):
            cur.execute(f"DROP TABLE {t}")


def rebuild_units() -> None:
    rebuild(UNITS, f"SELECT path, kind AS k, 1 AS n FROM {Unit._meta.db_table} WHERE active = %s", [True])
