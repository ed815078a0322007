"""Single-statement writes of the contest path (PostgreSQL and SQLite ≥ 3.35 alike): an INSERT that
skips a duplicate instead of failing, so the one-per-person rules stay the database's without a
savepoint (or a BEGIN/COMMIT pair) around each insert, and without a SELECT before it."""

from collections import Counter

from django.db import DataError, connection, models

from doanso.core import bulk
from doanso.org.api import counters


def _target(obj: models.Model, conflict: tuple[str, ...]) -> str:
    qn = connection.ops.quote_name
    return ", ".join(qn(obj._meta.get_field(name).column) for name in conflict)


def insert_or_skip(obj: models.Model, conflict: tuple[str, ...]) -> bool:
    """INSERT `obj` … ON CONFLICT (`conflict` fields) DO NOTHING RETURNING its id. True (and `obj.pk`
    set) when the row was written; False when a row with the same `conflict` values already exists."""
    table, cols, values, pk = bulk.insert_parts(obj)
    sql = (
        f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(values))}) "  # noqa: S608 - our names
        f"ON CONFLICT ({_target(obj, conflict)}) DO NOTHING RETURNING {pk}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, values)
        row = cur.fetchone()
    if row is None:
        return False
    bulk.inserted(obj, row[0])
    return True


def _values(deltas: Counter) -> tuple[str, list]:
    rows = sorted(deltas.items())
    sql = "VALUES " + ", ".join(["(%s::bigint, %s::text, %s::text, %s::bigint)"] * len(rows))
    return sql, [x for (uid, dim, key), n in rows for x in (uid, dim, key, n)]


def hand_in_at_once(
    update_sql: str,
    update_params: list,
    flag: models.Model | None,
    entrants: Counter,
    credit: models.Model | None,
    credit_deltas: Counter,
    credit_once: tuple[str, ...],
) -> bool:
    """PostgreSQL: a hand-in's writes as one statement in its own transaction — the attempt's guarded
    UPDATE (`update_sql` … RETURNING id), and only if it took: the flag, the credit row unless held,
    the round's entrant count, and the credit's counters if the credit row was new. True when the
    UPDATE took. Every hand-in of a round adds to the same counter rows: their locks now span one
    statement and its commit, not the round trips of a transaction (ADR 0012)."""
    parts, params = [f"upd AS ({update_sql})"], list(update_params)
    if flag is not None:
        table, cols, values, _ = bulk.insert_parts(flag)
        holes = ", ".join(["%s"] * len(values))
        parts.append(f"fl AS (INSERT INTO {table} ({cols}) SELECT {holes} FROM upd)")
        params += values
    source_sql, source_params = _values(entrants)
    source = f"SELECT * FROM ({source_sql}) AS e (u, d, k, n) WHERE EXISTS (SELECT 1 FROM upd)"
    if credit is not None:
        table, cols, values, pk = bulk.insert_parts(credit)
        parts.append(
            f"cr AS (INSERT INTO {table} ({cols}) SELECT {', '.join(['%s'] * len(values))} FROM upd "
            f"ON CONFLICT ({_target(credit, credit_once)}) DO NOTHING RETURNING {pk})"
        )
        params += values
        more_sql, more_params = _values(credit_deltas)
        source += f" UNION ALL SELECT * FROM ({more_sql}) AS c (u, d, k, n) WHERE EXISTS (SELECT 1 FROM cr)"
        source_params += more_params
    parts.append(f"added AS ({counters.upsert_sql(source)} RETURNING 1)")
    params += source_params
    sql = "WITH " + ", ".join(parts) + " SELECT EXISTS (SELECT 1 FROM upd), (SELECT count(*) FROM added)"
    try:
        with connection.cursor() as cur:
            cur.execute(sql, params)
            took, _ = cur.fetchone()
    except DataError:  # a counter past 64 bits
        raise counters.overflow() from None
    return took
