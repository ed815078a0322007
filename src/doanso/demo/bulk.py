"""Fast row loading for large seeds: COPY on PostgreSQL, executemany on SQLite."""

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection


def load(table: str, columns: Sequence[str], rows: Iterable[tuple], batch: int = 20000) -> int:
    """Stream rows into a table; returns the number written. Never holds more than a batch."""
    n = 0
    cols = ", ".join(columns)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.connection.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as cp:
            for row in rows:
                cp.write_row(row)
                n += 1
        return n
    sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['?'] * len(columns))})"
    connection.ensure_connection()
    raw = connection.connection
    it = iter(rows)
    while chunk := list(islice(it, batch)):
        raw.executemany(sql, chunk)
        n += len(chunk)
    return n


def reset_sequences(*models) -> None:
    """After loading explicit ids, move PostgreSQL's sequences past them."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cur.execute(sql)
