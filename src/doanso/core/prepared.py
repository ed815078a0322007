"""Prepared statements for the few hand-written statements a crowd runs on every request.

Django binds parameters on the client and never prepares (psycopg's `prepare_threshold` is None),
so PostgreSQL parses and plans every statement again: for the check-in's statements (the token,
the activity, the one write) planning cost several times their execution (docs/benchmarks.md,
check-in peak). `cursor()` gives a Django cursor (execute wrappers, query logging and error
mapping as usual) over a psycopg cursor that binds on the server and prepares each statement the
first time the connection runs it. Behind pgbouncer in transaction mode (DOANSO_DB_POOLER), whose
1.18 cannot keep prepared statements, and on SQLite it is Django's own cursor.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper

try:
    import psycopg
except ImportError:  # SQLite-only installs
    psycopg = None


if psycopg is not None:
    from psycopg.types.numeric import Int8Dumper

    class _PreparingCursor(psycopg.Cursor):
        """Server-side binding; every statement prepared on its connection (psycopg keeps up to
        `prepared_max` of them per connection, evicting the least used). Python ints are sent as
        bigint whatever their size: psycopg would pick int2, int4 or int8 by value, and a statement
        is prepared once per combination of its parameters' types."""

        def __init__(self, connection, **kwargs):
            super().__init__(connection, **kwargs)
            self.adapters.register_dumper(int, Int8Dumper)

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)


def enabled(conn=None) -> bool:
    conn = conn or connections[DEFAULT_DB_ALIAS]
    return psycopg is not None and conn.vendor == "postgresql" and settings.DOANSO_DB_POOLER != "pgbouncer"


def cursor():
    """A cursor whose statements are prepared (see the module's docstring); use as Django's."""
    conn = connections[DEFAULT_DB_ALIAS]  # once: each read through `django.db.connection` costs a lookup
    if not enabled(conn):
        return conn.cursor()
    conn.close_if_health_check_failed()
    conn.ensure_connection()
    with conn.wrap_database_errors:
        raw = _PreparingCursor(conn.connection)
    conn.validate_thread_sharing()
    return _Logged(raw, conn) if conn.queries_logged else conn.make_cursor(raw)


class _Logged(CursorDebugWrapper):
    """Logs the statement as written (Django reads a server-bound statement's text back from the
    cursor, which a prepared one does not keep)."""

    def execute(self, sql, params=None):
        with self.debug_sql(sql, params, use_last_executed_query=False):
            return CursorWrapper.execute(self, sql, params)
