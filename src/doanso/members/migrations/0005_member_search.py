"""Member lists and search at national size (issue 9).

- `member_name_order`: (search_name, id) — the list order, walked by keyset pagination and
  range-scanned for names that start with a query.
- SQLite: an FTS5 table over the folded name (`members_member_fts`, external content, rowid =
  member id), kept current by triggers so every writer — services, imports, raw bulk loads —
  indexes what it writes; filled once here from the existing rows.
- PostgreSQL: a GIN index over `to_tsvector('simple', search_name)` (phrase queries `<->`,
  prefix `:*`); an expression index needs no trigger.

Both are reversible. On SQLite, a later migration that rebuilds `members_member` (Django's
table remake) drops the triggers with the old table: `members.search.ensure_index()` and the
test `test_search_index_follows_writes` catch that.
"""

from django.db import migrations, models

FTS = "members_member_fts"

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    "search_name, content='members_member', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON members_member BEGIN
        INSERT INTO {FTS}(rowid, search_name) VALUES (new.id, new.search_name); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON members_member BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_name) VALUES ('delete', old.id, old.search_name); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF search_name ON members_member BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_name) VALUES ('delete', old.id, old.search_name);
        INSERT INTO {FTS}(rowid, search_name) VALUES (new.id, new.search_name); END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]
PG_FORWARD = [
    "CREATE INDEX IF NOT EXISTS member_name_fts ON members_member "
    "USING gin (to_tsvector('simple'::regconfig, search_name))",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS member_name_fts"]


def forward(apps, schema_editor):
    conn = schema_editor.connection
    steps = SQLITE_FORWARD if conn.vendor == "sqlite" else PG_FORWARD if conn.vendor == "postgresql" else []
    with conn.cursor() as cur:
        for sql in steps:
            cur.execute(sql)
        if conn.vendor == "postgresql":
            cur.execute("ANALYZE members_member")


def backward(apps, schema_editor):
    conn = schema_editor.connection
    steps = SQLITE_BACKWARD if conn.vendor == "sqlite" else PG_BACKWARD if conn.vendor == "postgresql" else []
    with conn.cursor() as cur:
        for sql in steps:
            cur.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_cccd_hash_constraint"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="member",
            index=models.Index(fields=["search_name", "id"], name="member_name_order"),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
