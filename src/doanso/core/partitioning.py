"""Turn an event table Django created into one partitioned by month, and back (PostgreSQL only).

Why: participations, contest answers and the audit log grow by tens of millions of rows a year and
are read by period; monthly partitions keep each index small, let a query for one month touch one
partition, and let old months be detached or dropped instead of deleted row by row. See
docs/decisions/0012-past-one-machine.md for where this is used and what Django must respect:

- the table's primary key becomes (id, <column>): `id` stays unique in practice (one identity
  sequence) but no other table may hold a foreign key to it;
- every unique index must contain the partition column;
- months start at midnight in TIME_ZONE (Asia/Ho_Chi_Minh), as the Union's periods do, not in UTC;
- new months are created ahead of time by pg_partman's `run_maintenance()` when the extension is
  installed in the database, otherwise `premake` months are created here plus a default partition
  that catches anything else (a monthly `doanso` job must then add months).

Both functions run inside the caller's transaction (a migration's), so a failure leaves nothing
half-done.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper

LIKE = "INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMMENTS"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _fetch(cursor, sql: str, params=()) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def partman_schema(connection: BaseDatabaseWrapper) -> str | None:
    """The schema pg_partman is installed in, in this database (None: not installed)."""
    with connection.cursor() as c:
        rows = _fetch(
            c,
            "select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace "
            "where e.extname = 'pg_partman'",
        )
    return rows[0][0] if rows else None


def is_partitioned(connection: BaseDatabaseWrapper, table: str) -> bool:
    with connection.cursor() as c:
        return bool(_fetch(c, "select 1 from pg_partitioned_table where partrelid = %s::regclass", [table]))


def _months(first: date, count: int) -> list[date]:
    out, y, m = [], first.year, first.month
    for _ in range(count):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _bound(day: date) -> str:
    """Midnight of `day` in TIME_ZONE with its UTC offset: the same instant for any session zone."""
    return datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(settings.TIME_ZONE)).isoformat()


def _move_structure(c, old: str, new: str, pk: str, column: str | None = None) -> None:
    """Create `new` like `old` (columns, defaults, identity), its primary key, indexes and foreign keys.

    A unique index without the partition `column` (PostgreSQL refuses it on a partitioned table)
    gets the column appended: unique per instant instead of overall, which the writers that need
    more (the audit chain's `seq`, taken under a lock on the chain's head) guarantee themselves."""
    indexes = _fetch(
        c,
        "select i.relname, pg_get_indexdef(x.indexrelid) from pg_index x "
        "join pg_class i on i.oid = x.indexrelid where x.indrelid = %s::regclass and not x.indisprimary",
        [old],
    )
    fks = _fetch(
        c,
        "select conname, pg_get_constraintdef(oid) from pg_constraint "
        "where conrelid = %s::regclass and contype = 'f'",
        [old],
    )
    for name, _ in indexes:
        c.execute(f"alter index {_q(name)} rename to {_q(name[:50] + '_old')}")
    for name, _ in fks:
        c.execute(f"alter table {_q(old)} drop constraint {_q(name)}")
    c.execute(f"alter table {_q(new)} add primary key ({pk})")
    for name, definition in indexes:
        head, _, tail = definition.partition(" ON ")
        _, _, cols = tail.partition(" USING ")
        unique = "unique " if head.upper().startswith("CREATE UNIQUE") else ""
        if (
            unique
            and column
            and _q(column) not in cols
            and column not in cols.replace("(", " ").replace(",", " ").split()
        ):
            cols = cols.rstrip()[:-1] + f", {_q(column)})"  # "btree (seq)" → "btree (seq, "at")"
        c.execute(f"create {unique}index {_q(name)} on {_q(new)} using {cols}")
    for name, definition in fks:
        c.execute(f"alter table {_q(new)} add constraint {_q(name)} {definition}")


def _check_not_referenced(c, table: str) -> None:
    refs = _fetch(
        c, "select conrelid::regclass::text from pg_constraint where confrelid = %s::regclass", [table]
    )
    if refs:
        raise ValueError(
            f"{table} is referenced by {', '.join(r[0] for r in refs)}: it cannot be partitioned"
        )


def _copy_rows(c, src: str, dst: str) -> None:
    c.execute(f"insert into {_q(dst)} overriding system value select * from {_q(src)}")
    c.execute(
        "select setval(pg_get_serial_sequence(%s, 'id'), "
        f"coalesce((select max(id) from {_q(dst)}), 0) + 1, false)",
        [dst],
    )


def partition_by_month(
    connection: BaseDatabaseWrapper,
    table: str,
    column: str,
    *,
    premake: int = 4,
    today: date | None = None,
    use_partman: bool | None = None,
) -> str:
    """Rebuild `table` partitioned by month on `column`, rows kept. Returns "pg_partman" or "native".

    `use_partman=None` uses pg_partman when it is installed in the database.
    """
    assert connection.vendor == "postgresql", "monthly partitions are a PostgreSQL feature"
    schema = partman_schema(connection)
    if use_partman is None:
        use_partman = schema is not None
    if use_partman and schema is None:
        raise ValueError("pg_partman is not installed in this database (CREATE EXTENSION pg_partman)")
    today = today or date.today()
    old = f"{table}_unpartitioned"
    with connection.cursor() as c:
        # Deferred foreign-key checks of rows written earlier in the transaction would forbid the DDL.
        c.execute("set constraints all immediate")
        _check_not_referenced(c, table)
        first = _fetch(c, f"select min({_q(column)})::date from {_q(table)}")[0][0] or today
        c.execute(f"alter table {_q(table)} rename to {_q(old)}")
        c.execute(f"create table {_q(table)} (like {_q(old)} {LIKE}) partition by range ({_q(column)})")
        _move_structure(c, old, table, f"id, {_q(column)}", column)
        start = date(first.year, first.month, 1)
        if use_partman:
            # pg_partman cuts months in the session's time zone (also in run_maintenance: run it
            # with timezone = TIME_ZONE); Django's connection works in UTC, restored after.
            zone = _fetch(c, "select current_setting('TimeZone')")[0][0]
            c.execute("select set_config('TimeZone', %s, true)", [settings.TIME_ZONE])
            c.execute(
                f"select {_q(schema)}.create_parent(%s, %s, 'native', 'monthly', "
                "p_premake := %s, p_start_partition := %s)",
                [f"public.{table}", column, premake, start.isoformat()],
            )
            c.execute("select set_config('TimeZone', %s, true)", [zone])
        else:
            n = (today.year - start.year) * 12 + today.month - start.month + 1 + premake
            for m in _months(start, n):
                nxt = _months(m, 2)[1]
                c.execute(
                    f"create table {_q(f'{table}_p{m:%Y_%m}')} partition of {_q(table)} "
                    f"for values from ('{_bound(m)}') to ('{_bound(nxt)}')"
                )
            c.execute(f"create table {_q(table + '_default')} partition of {_q(table)} default")
        _copy_rows(c, old, table)
        c.execute(f"drop table {_q(old)}")
    return "pg_partman" if use_partman else "native"


def unpartition(connection: BaseDatabaseWrapper, table: str) -> None:
    """The reverse of `partition_by_month`: one plain table with primary key (id), rows kept."""
    assert connection.vendor == "postgresql"
    schema = partman_schema(connection)
    old = f"{table}_partitioned"
    with connection.cursor() as c:
        c.execute("set constraints all immediate")
        if schema:
            c.execute(f"delete from {_q(schema)}.part_config where parent_table = %s", [f"public.{table}"])
        c.execute(f"alter table {_q(table)} rename to {_q(old)}")
        c.execute(f"create table {_q(table)} (like {_q(old)} {LIKE})")
        _move_structure(c, old, table, "id")
        _copy_rows(c, old, table)
        c.execute(f"drop table {_q(old)} cascade")


# Tables partitioned by month by a migration, with their partition column; apps add theirs here
# from their migration's module so that `doanso partitions maintain` keeps months ahead for them.
PARTITIONED: dict[str, str] = {"core_auditlog": "at"}


def _month_partitions(c, table: str) -> list[date]:
    """The months that have their own partition (named `<table>_pYYYY_MM`, native or pg_partman)."""
    out = []
    prefix = f"{table}_p"
    for (name,) in _fetch(
        c, "select inhrelid::regclass::text from pg_inherits where inhparent = %s::regclass", [table]
    ):
        tail = name.strip('"')[len(prefix) :]
        if name.strip('"').startswith(prefix) and len(tail) == 7 and tail[4] == "_":
            out.append(date(int(tail[:4]), int(tail[5:]), 1))
    return sorted(out)


def maintain(
    connection: BaseDatabaseWrapper, table: str, column: str, *, ahead: int = 4, today: date | None = None
) -> list[str]:
    """Create the months from the last partition up to `ahead` months after today; returns their names.

    Rows that already landed in the default partition for a new month (the job did not run for a
    while) are moved into it in the same transaction, since PostgreSQL refuses to attach a month
    whose rows sit in the default. With pg_partman its own `run_maintenance` does the work.
    """
    if connection.vendor != "postgresql" or not is_partitioned(connection, table):
        return []
    today = today or date.today()
    schema = partman_schema(connection)
    with connection.cursor() as c:
        if schema and _fetch(
            c, f"select 1 from {_q(schema)}.part_config where parent_table = %s", [f"public.{table}"]
        ):
            before = set(
                _fetch(c, "select inhrelid from pg_inherits where inhparent = %s::regclass", [table])
            )
            zone = _fetch(c, "select current_setting('TimeZone')")[0][0]
            c.execute("select set_config('TimeZone', %s, true)", [settings.TIME_ZONE])
            c.execute(f"select {_q(schema)}.run_maintenance(%s)", [f"public.{table}"])
            c.execute("select set_config('TimeZone', %s, true)", [zone])
            after = _fetch(
                c,
                "select inhrelid, inhrelid::regclass::text from pg_inherits where inhparent = %s::regclass",
                [table],
            )
            return sorted(name for oid, name in after if (oid,) not in before)
        have = _month_partitions(c, table)
        this_month = date(today.year, today.month, 1)
        start = _months(have[-1], 2)[1] if have else this_month
        last = _months(this_month, ahead + 1)[-1]
        made = []
        default = f"{table}_default"
        has_default = bool(_fetch(c, "select to_regclass(%s)", [default])[0][0])
        m = start
        while m <= last:
            nxt = _months(m, 2)[1]
            name = f"{table}_p{m:%Y_%m}"
            lo, hi = _bound(m), _bound(nxt)
            c.execute(f"create table {_q(name)} (like {_q(table)} including defaults)")
            if has_default:
                c.execute(
                    f"with moved as (delete from {_q(default)} where {_q(column)} >= %s "
                    f"and {_q(column)} < %s returning *) insert into {_q(name)} select * from moved",
                    [lo, hi],
                )
            c.execute(
                f"alter table {_q(table)} attach partition {_q(name)} for values from ('{lo}') to ('{hi}')"
            )
            made.append(name)
            m = nxt
    return made
