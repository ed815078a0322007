"""A check-in written by one PostgreSQL statement (ADR 0012: what a crowd at one event needs).

Every check-in of a big event updates the same rows — the activity's count and the organising
unit's and its ancestors' counters — and PostgreSQL holds those row locks until commit. Written
statement by statement (BEGIN, the row, the distinct-person rows, the count, the counters,
COMMIT), the locks span four round trips to a busy worker; written as one statement in its own
transaction they span the statement and its commit, and the worker saves five round trips.

The statement, in order: lock the activity row if it has a place left (`gate`, re-checked on the
newest row version after waiting, so the last place goes once), insert the participation unless a
unique constraint already holds the person or the nonce (`ins`), then — only if the row went in —
take the place, insert the distinct-person rows and add the counters, with the act_p deltas fed
from the distinct-person rows that were new. SQLite (no writes in WITH) keeps the
statement-by-statement path in `services.write_participation`, in the caller's transaction.
"""

import functools
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from enum import Enum

from django.db import connection, transaction

from doanso.activities import counting
from doanso.activities.models import Activity, Participation, Seen
from doanso.core import bulk
from doanso.org import counters


def atomic() -> AbstractContextManager:
    """The transaction a lone check-in needs: none of its own on PostgreSQL (`write` is one
    statement, a transaction by itself: no BEGIN and COMMIT round trips), `atomic()` on SQLite."""
    return nullcontext() if connection.vendor == "postgresql" else transaction.atomic()


class Outcome(Enum):
    WRITTEN = "written"
    FULL = "full"
    TWICE = "twice"


def write(
    p: Participation, path: str, on: date, type_code: str, tenths: int, who: str
) -> tuple[Outcome, int | None]:
    """Write the check-in `p` (not yet saved) at its activity organised at `path`: the outcome and,
    when written, the activity's new count (`p.pk` is then set)."""
    ins_sql, row = bulk.insert_statement(p, select_from="gate")
    pairs = counting.seen_pairs(path, on)
    values, counted = counters.values_sql(counting.participation_deltas(path, on, type_code, tenths))
    sql = _statement(ins_sql, values)
    params = [
        p.activity_id,
        *row,
        p.activity_id,
        who,
        [uid for uid, _ in pairs],
        [period for _, period in pairs],
        *counted,
    ]
    place_left, new_id, count, _ = counters.execute_one(sql, params)
    if new_id is None:
        return (Outcome.TWICE if place_left else Outcome.FULL), None
    bulk.inserted(p, new_id)
    return Outcome.WRITTEN, count


@functools.cache
def _statement(ins_sql: str, values: str) -> str:
    """The statement's text (the same for every check-in: built once)."""
    activity_t = connection.ops.quote_name(Activity._meta.db_table)
    seen_t = connection.ops.quote_name(Seen._meta.db_table)
    source = (
        f"SELECT c.u, c.d, c.k, c.n FROM ({values}) AS c (u, d, k, n) WHERE EXISTS (SELECT 1 FROM ins) "
        f"UNION ALL SELECT unit_id, '{counting.PERSONS}', period, 1 FROM seen"
    )
    return (
        f"WITH gate AS (SELECT id FROM {activity_t} WHERE id = %s "
        "AND (capacity IS NULL OR participations_count < capacity) FOR UPDATE), "
        f"ins AS ({ins_sql}), "
        f"place AS (UPDATE {activity_t} SET participations_count = participations_count + 1 "
        "WHERE id = %s AND EXISTS (SELECT 1 FROM ins) RETURNING participations_count), "
        f"seen AS (INSERT INTO {seen_t} (unit_id, period, who) SELECT s.u, s.p, %s::text "
        "FROM unnest(%s::bigint[], %s::text[]) AS s (u, p) WHERE EXISTS (SELECT 1 FROM ins) "
        "ON CONFLICT (unit_id, period, who) DO NOTHING RETURNING unit_id, period), "
        f"added AS ({counters.upsert_sql(source)} RETURNING 1) "
        "SELECT EXISTS (SELECT 1 FROM gate), (SELECT id FROM ins), (SELECT participations_count FROM place), "
        "(SELECT count(*) FROM added)"
    )
