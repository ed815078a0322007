"""The audit log partitioned by month on PostgreSQL (issue 12, item 7; ADR 0012).

Its primary key becomes (id, at) and the unique `seq` becomes unique per (seq, at): the chain's
writers take `seq` under the lock on AuditChainHead, and `doanso audit verify` reports a repeated
or missing `seq`, so global uniqueness is kept by the chain, not by an index. Nothing on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from doanso.core import partitioning

    partitioning.partition_by_month(schema_editor.connection, "core_auditlog", "at")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from doanso.core import partitioning

    if partitioning.is_partitioned(schema_editor.connection, "core_auditlog"):
        partitioning.unpartition(schema_editor.connection, "core_auditlog")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_s19auth_audit_chain")]

    operations = [migrations.RunPython(forwards, backwards)]
