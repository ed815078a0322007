"""The bulk loader drops indexes and constraints only with an operator's explicit permission."""

import pytest
from django.db import connection, transaction

from doanso.core import bulk

pytestmark = pytest.mark.django_db


def _indexes(table: str) -> set[str]:
    with connection.cursor() as cur:
        return {
            name
            for name, info in connection.introspection.get_constraints(cur, table).items()
            if info["index"] and not info["unique"] and not info["primary_key"]
        }


def test_deferred_refuses_without_permission():
    before = _indexes("members_member")
    with pytest.raises(bulk.SchemaChangeRefused):
        bulk.Deferred("members_member", constraints=True).drop()
    with pytest.raises(bulk.SchemaChangeRefused), bulk.indexes_deferred("members_member"):
        pass
    assert _indexes("members_member") == before and before


@pytest.mark.parametrize("how", ["flag", "context"])
def test_deferred_drops_and_restores_with_permission(how):
    before = _indexes("members_member")
    with transaction.atomic():
        if how == "flag":
            d = bulk.Deferred("members_member", allow_schema_changes=True)
            d.drop()
        else:
            with bulk.schema_changes_allowed():
                d = bulk.Deferred("members_member")
                d.drop()
            with pytest.raises(bulk.SchemaChangeRefused):  # the permission ends with the block
                bulk.Deferred("members_member").drop()
        assert not _indexes("members_member") & before
        d.restore()
    assert _indexes("members_member") == before
