"""The contest hand-in written as one PostgreSQL statement (the one-per-person inserts of the
contest path use `core.bulk.insert_unless_conflict`: skip a duplicate instead of failing, without a
savepoint or a SELECT before it)."""

from collections import Counter

from django.db import models

from doanso.core import bulk
from doanso.org.api import counters


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
        flag_sql, values = bulk.insert_statement(flag, select_from="upd")
        parts.append(f"fl AS ({flag_sql})")
        params += values
    source_sql, source_params = counters.values_sql(entrants)
    source = f"SELECT * FROM ({source_sql}) AS e (u, d, k, n) WHERE EXISTS (SELECT 1 FROM upd)"
    if credit is not None:
        credit_sql, values = bulk.insert_statement(credit, select_from="upd", conflict=credit_once)
        parts.append(f"cr AS ({credit_sql})")
        params += values
        more_sql, more_params = counters.values_sql(credit_deltas)
        source += f" UNION ALL SELECT * FROM ({more_sql}) AS c (u, d, k, n) WHERE EXISTS (SELECT 1 FROM cr)"
        source_params += more_params
    parts.append(f"added AS ({counters.upsert_sql(source)} RETURNING 1)")
    params += source_params
    sql = "WITH " + ", ".join(parts) + " SELECT EXISTS (SELECT 1 FROM upd), (SELECT count(*) FROM added)"
    took, _ = counters.execute_one(sql, params)
    return took
