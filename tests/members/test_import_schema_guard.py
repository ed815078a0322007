"""A product import never drops the member table's indexes or forks workers unless an operator said so."""

import pytest
from django.core.management import call_command
from django.db import connection

from doanso.core import bulk
from doanso.members.importing.write import import_members
from doanso.members.models import Member
from tests.members.conftest import person

pytestmark = pytest.mark.django_db


def _indexes() -> set[str]:
    with connection.cursor() as cur:
        return set(connection.introspection.get_constraints(cur, Member._meta.db_table))


def test_a_large_upload_without_an_operators_grant_keeps_indexes(write_csv, branch, unit):
    b = branch("HN-")
    before = _indexes()
    # defer_at=1: as large as can be; outside schema_changes_allowed() it must take the safe path.
    res = import_members(
        write_csv([person(i, b.code) for i in range(1, 6)]), unit("HN"), mode="all", defer_at=1
    )
    assert res.imported == 5
    assert _indexes() == before


def test_the_grant_is_what_lets_the_loader_drop_indexes():
    with pytest.raises(bulk.SchemaChangeRefused):
        bulk.Deferred(Member._meta.db_table).drop()


def test_default_is_no_worker_processes(settings, write_csv, branch, unit, monkeypatch):
    from doanso.members.importing import write as importing

    assert settings.DOANSO_IMPORT_WORKERS == 0
    monkeypatch.setattr(importing, "POOL_ROWS", 1)
    forks = []
    import concurrent.futures

    real = concurrent.futures.ProcessPoolExecutor
    monkeypatch.setattr(
        concurrent.futures, "ProcessPoolExecutor", lambda *a, **k: forks.append(a) or real(*a, **k)
    )
    b = branch("HN-")
    res = import_members(write_csv([person(i, b.code) for i in range(1, 4)]), unit("HN"), mode="all")
    assert res.imported == 3 and forks == []


def test_operator_flag_imports(write_csv, branch, unit, capsys):
    b = branch("HN-")
    path = write_csv([person(i, b.code) for i in range(1, 4)])
    before = Member.objects.filter(branch=b).count()
    call_command("members", "import", str(path), "--unit", "HN", "--allow-schema-changes", "--no-progress")
    assert Member.objects.filter(branch=b).count() == before + 3
