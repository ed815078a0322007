"""Member import and export: streamed, validated column by column, written in batches.

`import_members` opens the file with `core.tabular.open_table` (spreadsheets and CSV, the
header row found under any title block, see docs/members.md) and reads its rows in chunks. Each
chunk is validated column by column (`check_chunk`: compiled patterns over whole columns,
memoised parsing of the values that repeat — dates, names, genders, khối — integer comparisons
for the Charter's age rules, batch CCCD hashing and encryption) and its good rows are built
directly as COPY lines (PostgreSQL) or tuples (SQLite). Large files are validated by worker
processes while this one reads ahead and writes. Branch codes are resolved with one query per
chunk for unseen codes, CCCD duplicates against the registry with one query per chunk — or, for
a load big enough to drop and rebuild the member table's indexes and constraints, once at the
end when the unique constraint is rebuilt. Each chunk commits on its own — its rows, their
counters, one audit entry and the import record's checkpoint — so the database (SQLite: its one
write lock) is free between chunks and a killed import resumes where it stopped (`write`,
`files.reap_stale`); only the operator's deferred load is one transaction. The file is read once
(a spreadsheet's declared sizes checked and verified first, `core.tabular`). Memory stays flat
apart from the spreadsheet reader's sheet: a few chunks are in flight at a time.

Modes: "all" (default) writes nothing if any row is bad; "valid" writes the good rows and
lists the rejected ones. The error workbook (`errors_out`) is written after the run, only when
rows were rejected, from a second read of the file: every row in "all" mode, the rejected ones
in "valid" mode, each with its row number and messages, the cells at fault highlighted — fixed,
it imports as it is.

The package, by topic: `columns` (fields and headers), `read` (file → rows), `validate` (pure:
rows → errors and member rows), `write` (the run: registry checks, COPY, counters, audit),
`errors_workbook`, `files` (uploads and error workbooks on disk, the reaper), `export`,
`template`. Callers import from the modules; the names below are
re-exported for callers outside the members app (bench, tests of other apps).
"""

from doanso.members.importing.columns import TEMPLATE_HEADERS
from doanso.members.importing.export import export_members
from doanso.members.importing.template import write_template
from doanso.members.importing.write import ImportResult, import_members

__all__ = ["TEMPLATE_HEADERS", "ImportResult", "export_members", "import_members", "write_template"]
