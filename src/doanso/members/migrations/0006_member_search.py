"""Member lists and search at national size (issue 9).

- `member_name_order`: (search_name, id, branch, status) — the list order, walked by keyset
  pagination and range-scanned for names that start with a query; branch and status ride
  along so walking it never reads the table to test the subtree.
- SQLite: an FTS5 table over the folded name without its first word (`members_member_fts`,
  rowid = member id; the whole name, branch and status ride along unindexed), kept current
  by triggers so every writer — services, imports, raw bulk
  loads — indexes what it writes; filled once here from the existing rows.
- PostgreSQL: a GIN index over `to_tsvector('simple', <the same tail>)` (phrase queries `<->`,
  prefix `:*`); an expression index needs no trigger.

Both are reversible. On SQLite, a later migration that rebuilds `members_member` (Django's
table remake) drops the triggers with the old table: `members.search.ensure_index()` and the
test `test_search_index_follows_writes` catch that.
"""

from django.db import migrations, models

FTS = "members_member_fts"

# Names that start with a query are a range of `member_name_order`; the full-text index only has
# to find the query further on, so it holds each name without its first word (its "tail"). That
# keeps the most common words (family names: Nguyễn is 38% of members) out of it.
SQLITE_TAIL = "CASE WHEN instr({s}, ' ') > 0 THEN substr({s}, instr({s}, ' ') + 1) ELSE '' END"
PG_TAIL = "(CASE WHEN strpos({s}, ' ') > 0 THEN substr({s}, strpos({s}, ' ') + 1) ELSE '' END)"

# Beside the indexed tail, the row carries (unindexed) what a search tests on each hit — the
# whole folded name, the branch and the status — so a hit is checked in this compact table
# instead of a lookup into the wide members table.
_ROW = "{p}.id, {tail}, {p}.search_name, {p}.branch_id, {p}.status"


def _values(p: str) -> str:
    return _ROW.format(p=p, tail=SQLITE_TAIL.format(s=f"{p}.search_name"))


SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    "tail, name UNINDEXED, branch_id UNINDEXED, status UNINDEXED, "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3', columnsize=0)",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON members_member BEGIN
        INSERT INTO {FTS}(rowid, tail, name, branch_id, status) VALUES ({_values("new")}); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON members_member BEGIN
        DELETE FROM {FTS} WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au
        AFTER UPDATE OF id, search_name, branch_id, status ON members_member BEGIN
        DELETE FROM {FTS} WHERE rowid = old.id;
        INSERT INTO {FTS}(rowid, tail, name, branch_id, status) VALUES ({_values("new")}); END""",
    f"DELETE FROM {FTS}",
    f"INSERT INTO {FTS}(rowid, tail, name, branch_id, status) SELECT {_values('m')} FROM members_member m",
    f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]
PG_FORWARD = [
    "CREATE INDEX IF NOT EXISTS member_name_fts ON members_member "
    f"USING gin (to_tsvector('simple'::regconfig, {PG_TAIL.format(s='search_name')}))",
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
        ("members", "0005_dues_rules"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="member",
            index=models.Index(fields=["search_name", "id", "branch", "status"], name="member_name_order"),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
