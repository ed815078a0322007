"""Fast row loading for large seeds: COPY on PostgreSQL, executemany on SQLite."""

from collections.abc import Iterable, Sequence
from contextlib import contextmanager
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


@contextmanager
def indexes_deferred(table: str):
    """Drop a table's secondary indexes for a bulk load and rebuild them after (much faster)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                """SELECT i.indexname, i.indexdef FROM pg_indexes i
                   WHERE i.tablename = %s AND NOT EXISTS (
                     SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
                [table],
            )
        else:
            cur.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                # Deferred foreign-key checks still pending from the load block CREATE INDEX.
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cur.execute("SET CONSTRAINTS ALL DEFERRED")
            for _, sql in indexes:
                cur.execute(sql)


def reset_sequences(*models) -> None:
    """After loading explicit ids, move PostgreSQL's sequences past them."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cur.execute(sql)
