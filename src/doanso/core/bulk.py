"""Fast row writes: streaming loads for operator tools (COPY on PostgreSQL, executemany on SQLite),
and the one-statement insert a crowd's check-ins use (`insert_unless_conflict`).

Dropping a table's indexes or constraints (`Deferred`, `indexes_deferred`) takes the table's
exclusive lock until the transaction ends and leaves it unprotected meanwhile: it is an
operator's decision, never a web request's. Both refuse (`SchemaChangeRefused`) unless the
caller passes `allow_schema_changes=True` or runs inside `schema_changes_allowed()` — which
only management commands do, on an explicit flag (`doanso seed-demo` always: it fills an empty
database).
"""

import functools
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
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


class SchemaChangeRefused(RuntimeError):
    """Indexes or constraints were to be dropped without an operator's explicit permission."""


_allowed: ContextVar[bool] = ContextVar("doanso_schema_changes_allowed", default=False)


@contextmanager
def schema_changes_allowed():
    """Lets `Deferred` and `indexes_deferred` drop indexes and constraints within the block.
    For management commands run by an operator with an explicit flag; never for web requests
    or the tasks they enqueue."""
    token = _allowed.set(True)
    try:
        yield
    finally:
        _allowed.reset(token)


def schema_changes_are_allowed() -> bool:
    """Whether the caller runs inside `schema_changes_allowed()`: lets a loader choose the
    fast path only where an operator granted it, and the safe one everywhere else."""
    return _allowed.get()


def _check_allowed(table: str, allow_schema_changes: bool) -> None:
    if not (allow_schema_changes or _allowed.get()):
        raise SchemaChangeRefused(
            f"Dropping the indexes or constraints of {table} needs an operator's explicit permission "
            "(allow_schema_changes=True or core.bulk.schema_changes_allowed(), from a management command)."
        )


class Deferred:
    """A table's secondary indexes (and with `constraints`, on PostgreSQL, its unique and
    foreign-key constraints) dropped for a bulk load, to be rebuilt in one pass each by
    `restore()` — much faster than maintaining them row by row. Use inside a transaction:
    DDL is transactional on both engines, so a rollback brings everything back unchanged.
    Dropping takes the table's exclusive lock until the transaction ends, so `drop()` refuses
    unless an operator allowed it (see the module's docstring)."""

    def __init__(self, table: str, constraints: bool = False, *, allow_schema_changes: bool = False):
        self.table, self.constraints = table, constraints
        self.allow_schema_changes = allow_schema_changes
        self.indexes: list[tuple[str, str]] = []
        self.dropped: list[tuple[str, str]] = []  # (constraint name, definition)

    def drop(self) -> None:
        _check_allowed(self.table, self.allow_schema_changes)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute(
                    """SELECT i.indexname, i.indexdef FROM pg_indexes i
                       WHERE i.tablename = %s AND NOT EXISTS (
                         SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
                    [self.table],
                )
                self.indexes = cur.fetchall()
                if self.constraints:
                    # Unique constraints first when restoring: they are what can fail.
                    cur.execute(
                        """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                           WHERE conrelid = %s::regclass AND contype IN ('u', 'f')
                           ORDER BY contype DESC, conname""",
                        [self.table],
                    )
                    self.dropped = cur.fetchall()
                    if self.dropped:
                        # Pending deferred foreign-key checks would block ALTER TABLE.
                        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
                        cur.execute("SET CONSTRAINTS ALL DEFERRED")
                    for name, _ in self.dropped:
                        cur.execute(f'ALTER TABLE {self.table} DROP CONSTRAINT "{name}"')
            else:
                # Unique indexes stay on SQLite: imports there check duplicates against them as they go.
                cur.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE INDEX%%'",
                    [self.table],
                )
                self.indexes = cur.fetchall()
            for name, _ in self.indexes:
                cur.execute(f'DROP INDEX "{name}"')

    def restore(self) -> None:
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                # Deferred foreign-key checks still pending from the load block CREATE INDEX.
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cur.execute("SET CONSTRAINTS ALL DEFERRED")
            unique = [(n, d) for n, d in self.dropped if d.startswith("UNIQUE")]
            others = [(n, d) for n, d in self.dropped if not d.startswith("UNIQUE")]
            for name, definition in unique:
                cur.execute(f'ALTER TABLE {self.table} ADD CONSTRAINT "{name}" {definition}')
            for _, sql in self.indexes:
                cur.execute(sql)
            for name, definition in others:
                cur.execute(f'ALTER TABLE {self.table} ADD CONSTRAINT "{name}" {definition}')


@contextmanager
def indexes_deferred(table: str, *, allow_schema_changes: bool = False):
    """Drop a table's secondary indexes for a bulk load and rebuild them after (much faster).
    Refuses unless an operator allowed it (see the module's docstring)."""
    d = Deferred(table, allow_schema_changes=allow_schema_changes)
    d.drop()
    try:
        yield
    finally:
        d.restore()


def copy_text(table: str, columns: Sequence[str]):
    """PostgreSQL: a COPY … FROM STDIN (text format) to write pre-formatted lines to; use as a
    context manager and call `.write(str)` with whole lines (tab-separated, escaped, each ending
    in a newline). Much cheaper per row than typed `write_row`."""
    connection.ensure_connection()
    cur = connection.connection.cursor()
    return _CopyText(cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN"))


class _CopyText:
    def __init__(self, cur, cp):
        self.cur, self.cp = cur, cp

    def __enter__(self):
        self.copy = self.cp.__enter__()
        return self.copy

    def __exit__(self, *exc):
        try:
            return self.cp.__exit__(*exc)
        finally:
            self.cur.close()


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_escape(value: str) -> str:
    """A text value for COPY's text format (backslash, tab, newline and carriage return escaped)."""
    return value.translate(_COPY_ESCAPES)


def reset_sequences(*models) -> None:
    """After loading explicit ids, move PostgreSQL's sequences past them."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cur.execute(sql)


def insert_statement(
    obj, *, select_from: str | None = None, conflict: Sequence[str] | None = None
) -> tuple[str, list]:
    """`INSERT … ON CONFLICT [(conflict fields)] DO NOTHING RETURNING <pk>` for one model row, and its
    parameters: for statements the ORM cannot write (skip instead of fail, or the row selected `FROM`
    a clause of a larger statement, written only when that clause has a row)."""
    fields, sql = _insert_sql(type(obj), select_from, tuple(conflict or ()), connection.vendor)
    return sql, [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]


@functools.cache
def _insert_sql(model, select_from: str | None, conflict: tuple[str, ...], vendor: str) -> tuple[list, str]:
    """The fields and text of `insert_statement` (built once per model and shape: crowds run it)."""
    meta = model._meta
    q = connection.ops.quote_name
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    holes = ", ".join(["%s"] * len(fields))
    source = f"SELECT {holes} FROM {select_from}" if select_from else f"VALUES ({holes})"
    target = f"({', '.join(q(meta.get_field(n).column) for n in conflict)}) " if conflict else ""
    sql = (
        f"INSERT INTO {q(meta.db_table)} ({', '.join(q(f.column) for f in fields)}) {source} "
        f"ON CONFLICT {target}DO NOTHING RETURNING {q(meta.pk.column)}"
    )
    return fields, sql


def inserted(obj, pk) -> None:
    """Mark a row written by hand as saved, with its new key."""
    obj.pk = pk
    obj._state.adding, obj._state.db = False, connection.alias


def insert_unless_conflict(obj, conflict: Sequence[str] | None = None) -> bool:
    """Insert one model row unless a unique constraint (any, partial ones included; or the one on
    `conflict` fields) already holds it: True and `obj.pk` set when written, False when another row
    was there first. One statement and no savepoint, where `save()` in `atomic()` plus catching
    IntegrityError costs three — the difference a crowd checking in to one event feels."""
    sql, params = insert_statement(obj, conflict=conflict)
    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    if row is None:
        return False
    inserted(obj, row[0])
    return True


@functools.cache
def columns(model, alias: str) -> str:
    """`alias.col, …` for every concrete field of `model`, in field order (for `from_row`)."""
    q = connection.ops.quote_name
    return ", ".join(f"{alias}.{q(f.column)}" for f in model._meta.concrete_fields)


def from_row(model, values: Sequence):
    """A model instance from a hand-written SELECT's values (`columns` order), converted as the ORM
    converts them (SQLite's naive datetimes made aware, and so on): for hot reads that join several
    models in one statement without paying for the ORM to build it."""
    attnames, converters = _conversions(model, connection.alias)
    out = list(values)
    if len(out) != len(attnames):
        raise ValueError(f"{model.__name__}: {len(out)} values for {len(attnames)} fields")
    for i, col, convs in converters:
        v = out[i]
        for conv in convs:
            v = conv(v, col, connection)
        out[i] = v
    return model.from_db(connection.alias, attnames, out)


@functools.cache
def _conversions(model, alias: str) -> tuple[list[str], list[tuple[int, object, list]]]:
    """The field names, and the converters of the fields that have any, of `model` on the database
    `alias` (asked once: collecting them cost more than the conversions themselves)."""
    fields = model._meta.concrete_fields
    conns = []
    for i, f in enumerate(fields):
        col = f.get_col(model._meta.db_table)
        convs = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if convs:
            conns.append((i, col, convs))
    return [f.attname for f in fields], conns
