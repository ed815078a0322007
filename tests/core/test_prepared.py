"""Hot hand-written statements are prepared once per connection on PostgreSQL (core.prepared), and
still pass through Django's cursor: counted, logged, and their errors mapped as Django's."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from doanso.core import bulk, prepared
from doanso.org.models import Unit

pytestmark = pytest.mark.django_db

MARK = "SELECT id FROM org_unit WHERE id = %s AND 'prepared-test' <> %s"


def _prepared_texts() -> list[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT statement FROM pg_prepared_statements")
        return [s for (s,) in cur.fetchall()]


def _run(sql: str, params: list, how) -> list:
    with how() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares; SQLite has nothing to")
def test_statements_are_prepared_once_and_django_cursors_are_not(settings):
    settings.DOANSO_DB_POOLER = ""
    unit = Unit.objects.order_by("pk").first()
    other = MARK.replace("prepared-test", "plain-test")
    assert _run(MARK, [unit.pk, "x"], prepared.cursor) == [(unit.pk,)]
    assert _run(MARK, [unit.pk + 10**6, "y"], prepared.cursor) == []  # same statement, new values
    assert _run(other, [unit.pk, "x"], connection.cursor) == [(unit.pk,)]
    texts = _prepared_texts()
    assert sum("prepared-test" in t for t in texts) == 1
    assert not any("plain-test" in t for t in texts)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_nothing_is_prepared_behind_pgbouncer(settings):
    settings.DOANSO_DB_POOLER = "pgbouncer"
    sql = MARK.replace("prepared-test", "pooled-test")
    unit = Unit.objects.order_by("pk").first()
    assert _run(sql, [unit.pk, "x"], prepared.cursor) == [(unit.pk,)]
    assert not any("pooled-test" in t for t in _prepared_texts())


def test_statements_are_counted_and_errors_are_djangos():
    unit = Unit.objects.order_by("pk").first()
    with CaptureQueriesContext(connection) as seen:
        assert _run(MARK, [unit.pk, "x"], prepared.cursor) == [(unit.pk,)]
    assert len(seen.captured_queries) == 1 and "prepared-test" in seen.captured_queries[0]["sql"]
    with pytest.raises(IntegrityError), transaction.atomic(), prepared.cursor() as cur:
        cur.execute("INSERT INTO org_unit SELECT * FROM org_unit WHERE id = %s", [unit.pk])


def test_from_row_converts_as_the_orm_and_refuses_a_short_row():
    unit = Unit.objects.order_by("pk").first()
    with connection.cursor() as cur:
        cur.execute(f"SELECT {bulk.columns(Unit, 'u')} FROM org_unit u WHERE u.id = %s", [unit.pk])
        row = cur.fetchone()
    built = bulk.from_row(Unit, row)
    assert [getattr(built, f.attname) for f in Unit._meta.concrete_fields] == [
        getattr(unit, f.attname) for f in Unit._meta.concrete_fields
    ]
    with pytest.raises(ValueError):
        bulk.from_row(Unit, row[:-1])
