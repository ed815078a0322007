"""Single-statement writes of the contest path (PostgreSQL and SQLite ≥ 3.35 alike): an INSERT that
skips a duplicate instead of failing, so the one-per-person rules stay the database's without a
savepoint (or a BEGIN/COMMIT pair) around each insert, and without a SELECT before it."""

from django.db import connection, models


def insert_or_skip(obj: models.Model, conflict: tuple[str, ...]) -> bool:
    """INSERT `obj` … ON CONFLICT (`conflict` fields) DO NOTHING RETURNING its id. True (and `obj.pk`
    set) when the row was written; False when a row with the same `conflict` values already exists."""
    meta = obj._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    values = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    target = ", ".join(qn(meta.get_field(name).column) for name in conflict)
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "  # noqa: S608 - our names
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({target}) DO NOTHING RETURNING {qn(meta.pk.column)}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, values)
        row = cur.fetchone()
    if row is None:
        return False
    obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = connection.alias
    return True
