"""Member import and export: streamed, validated column by column, written in batches.

`import_members` reads a CSV/XLSX file in chunks. Each chunk is validated column by column
(`check_chunk`: compiled patterns over whole columns, memoised parsing of the values that
repeat — dates, names, genders, khối — integer comparisons for the Charter's age rules,
batch CCCD hashing and encryption) and its good rows are built directly as COPY lines
(PostgreSQL) or tuples (SQLite). Large files are validated by worker processes while this
one reads ahead and writes. Branch codes are resolved with one query per chunk for unseen
codes, CCCD duplicates against the registry with one query per chunk — or, for a load big
enough to drop and rebuild the member table's indexes and constraints, once at the end
when the unique constraint is rebuilt. Counters are updated once at the end from an
in-memory tally; the audit log gets one entry per written chunk. Memory stays flat: a few
chunks are in flight at a time.

Modes: "all" (default) writes nothing if any row is bad; "valid" writes the good rows and
lists the rejected ones (optionally in an error workbook that repeats them with a "Lỗi" column).
"""

import os
import re
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import islice, repeat
from operator import itemgetter
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from doanso.core import audit, bulk, crypto
from doanso.core.errors import ImportFailed, RowError, UserError
from doanso.core.tabular import read_rows, write_table
from doanso.core.text import fold
from doanso.members import charter, counters, fields
from doanso.members.models import Member, MemberImport
from doanso.org.models import Unit, UnitKind
from doanso.org.tree import is_within

REQUIRED = [
    ("full_name", "Họ và tên"),
    ("birth_date", "Ngày sinh"),
    ("gender", "Giới tính"),
    ("cccd", "Số CCCD"),
    ("phone", "Số điện thoại"),
    ("admitted_on", "Ngày vào Đoàn"),
    ("branch", "Mã chi đoàn"),
]
OPTIONAL = [
    ("email", "Thư điện tử"),
    ("occupation", "Khối"),
    ("ethnicity", "Dân tộc"),
    ("religion", "Tôn giáo"),
    ("address", "Địa chỉ"),
    ("education", "Trình độ học vấn"),
    ("admitting_unit", "Nơi kết nạp"),
    ("card_number", "Số thẻ đoàn viên"),
]
ALIASES = {
    "email": "email",
    "e-mail": "email",
    "cccd": "cccd",
    "so cccd/cmnd": "cccd",
    "ma chi doan": "branch",
}
TEMPLATE_HEADERS = [h for _, h in REQUIRED + OPTIONAL]
LABEL = dict(REQUIRED + OPTIONAL)
CHUNK = 5000
MAX_ERRORS_KEPT = 1000

DEFER_ROWS = 200_000  # from this many rows, indexes (and on PostgreSQL constraints) are rebuilt once
POOL_ROWS = 50_000  # from this many rows, chunks are validated in worker processes
REGISTERED = "đã có trong hệ thống (trùng Số CCCD với một đoàn viên đã đăng ký)"
BRANCH_KINDS = (UnitKind.CHI_DOAN, UnitKind.CO_SO)


@dataclass
class ImportResult:
    imported: int = 0
    rejected: int = 0
    processed: int = 0
    errors: list[RowError] = field(default_factory=list)
    errors_path: str = ""

    @property
    def summary(self) -> str:
        return f"Đã nhập {self.imported:,} đoàn viên; từ chối {self.rejected:,} dòng.".replace(",", ".")


def map_header(header: list[str]) -> dict[str, int]:
    """Header names (accents, case and spacing ignored) → column index; refuses missing required columns."""
    by_fold = {fold(h): k for k, h in REQUIRED + OPTIONAL}
    by_fold.update(ALIASES)
    col: dict[str, int] = {}
    for i, name in enumerate(header):
        key = by_fold.get(fold(name))
        if key and key not in col:
            col[key] = i
    missing = [h for k, h in REQUIRED if k not in col]
    if missing:
        raise UserError(
            "Thiếu cột bắt buộc: "
            + ", ".join(f"“{m}”" for m in missing)
            + ". Tải tệp mẫu bằng lệnh “doanso members template” hoặc trên trang nhập."
        )
    return col


def count_rows(path: str | Path) -> int:
    """Data rows in a file (for the progress bar): newlines for CSV, the sheet's dimension for XLSX."""
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith(b"PK\x03\x04"):
            try:
                from openpyxl import load_workbook

                wb = load_workbook(path, read_only=True)
                n = (wb.worksheets[0].max_row or 1) - 1
                wb.close()
                return max(n, 0)
            except Exception:
                return 0
        fh.seek(0)
        n = sum(buf.count(b"\n") for buf in iter(lambda: fh.read(1 << 20), b""))
    return max(n - 1, 0)


class _Branches:
    """Branch codes → (id, path) or an error message, looked up once per chunk for unseen codes."""

    def __init__(self, scope: Unit):
        self.scope = scope
        self.known: dict[str, tuple[int, str] | str] = {"": "không được để trống"}

    def resolve(self, codes: set[str]) -> dict[str, tuple[int, str] | str]:
        """The entries for `codes` (querying the unseen ones)."""
        new = [c for c in codes if c not in self.known]
        if new:
            for u in Unit.objects.filter(code__in=new).only("id", "code", "path", "kind", "active", "name"):
                if not is_within(u.path, self.scope.path):
                    self.known[u.code] = f"chi đoàn “{u.code}” không thuộc {self.scope.name}"
                elif not u.active:
                    self.known[u.code] = f"chi đoàn “{u.code}” đã giải thể/sáp nhập"
                elif u.kind not in BRANCH_KINDS:
                    self.known[u.code] = f"“{u.code}” ({u.name}) không phải chi đoàn"
                else:
                    self.known[u.code] = (u.pk, u.path)
            for c in new:
                self.known.setdefault(c, f"không có chi đoàn mã “{c}”")
        known = self.known
        return {c: known[c] for c in codes}

    def paths_by_id(self) -> dict[int, str]:
        return {v[0]: v[1] for v in self.known.values() if not isinstance(v, str)}


def _existing_hashes(hashes: list[str]) -> dict[str, tuple[int | None, int | None]]:
    """CCCD hashes already in the registry → (import id, file row) of the member holding each (one query)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                f"SELECT cccd_hash, source_import_id, source_row FROM {Member._meta.db_table} "
                "WHERE cccd_hash = ANY(%s)",
                [hashes],
            )
        else:
            cur.execute(
                f"SELECT cccd_hash, source_import_id, source_row FROM {Member._meta.db_table} "
                f"WHERE cccd_hash IN ({', '.join(['%s'] * len(hashes))})",
                hashes,
            )
        return {h: (imp, row) for h, imp, row in cur.fetchall()}


# --- Validation of one chunk, column by column (pure: runs in the importing process or a worker) ---


class _Memo(dict):
    """value → fn(value), remembered (file columns repeat a lot: dates, names, genders, khối)."""

    def __init__(self, fn, limit: int = 200_000):
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        v = self[key] = self.fn(key)
        return v


_NO_DATE = (None, "", -1, "", 1, 0)  # (date, iso, ordinal, year, earliest admission, latest admission)


def _date_entry(text: str) -> tuple:
    """(error | None, date, ISO text, ordinal, year text, earliest and latest admission ordinals)."""
    d, err = fields.parse_date(text)
    if err:
        return (err, *_NO_DATE)
    lo = charter.add_years(d, charter.ADMISSION_MIN_YEARS).toordinal() + 1
    hi = charter.add_years(d, charter.ADMISSION_MAX_YEARS).toordinal()
    return (None, d, d.isoformat(), d.toordinal(), str(d.year), lo, hi)


def _name_entry(text: str) -> tuple:
    """(error | None, clean name, folded name for search)."""
    name, err = fields.parse_name(text)
    if err:
        return (err, "", "")
    return (None, name, " ".join(_fold_word[w] for w in name.split(" ")))


_fold_word = _Memo(fold)
_dates = _Memo(_date_entry)
_names = _Memo(_name_entry, limit=50_000)
_genders = _Memo(fields.parse_gender)
_occupations = _Memo(fields.parse_occupation)
_CCCD_ALL = re.compile(r"[0-9]{12}(?:\n[0-9]{12})*")
_PHONE_ALL = re.compile(r"(?:0[0-9]{9})?(?:\n(?:0[0-9]{9})?)*")
_COPY_SPECIAL = re.compile(r"[\\\t\n\r]")
_first = itemgetter(0)
_second = itemgetter(1)

# The member columns an import writes, in the order the chunk builds them (ids come from the table).
COPY_COLUMNS = (
    "full_name",
    "search_name",
    "birth_date",
    "birth_year",
    "gender",
    "branch_id",
    "cccd_enc",
    "cccd_hash",
    "phone",
    "email",
    "occupation",
    "admitted_on",
    "admitted_year",
    "ethnicity",
    "religion",
    "address",
    "education",
    "admitting_unit",
    "card_number",
    "source_row",
    "status",
    "version",
    "party_member",
    "source_import_id",
)
_EXTRA = (  # optional free-text columns and their widths
    ("ethnicity", 40),
    ("religion", 40),
    ("address", 255),
    ("education", 60),
    ("admitting_unit", 255),
    ("card_number", 20),
)


@dataclass(frozen=True)
class _Context:
    col: dict[str, int]
    width: int
    today: date
    import_id: int
    copy_text: bool  # PostgreSQL: lines for COPY; SQLite: tuples for executemany


@dataclass
class _Checked:
    """One validated chunk: errors by chunk index, hashes of the CCCDs to check against the
    registry, and the good rows ready to write (with their counter keys)."""

    errs: dict[int, list[tuple[str, str]]]
    live: list[int]
    hashes: list[str]
    good: list[int]
    out: list
    keys: list[tuple]


def check_chunk(ctx: _Context, numbers: list[int], cells: list[list[str]], branches: dict) -> _Checked:
    """Validate one chunk column by column and build its member rows (no database access:
    `branches` has the entry of every branch code in the chunk)."""
    n = len(cells)
    width = ctx.width
    if n and min(map(len, cells)) < width:
        cells = [r if len(r) >= width else r + [""] * (width - len(r)) for r in cells]
    columns = list(zip(*cells, strict=False)) if n else []
    empty = ("",) * n
    errs: dict[int, list[tuple[str, str]]] = {}

    def column(key):
        i = ctx.col.get(key)
        return empty if i is None else columns[i]

    def flag(key, entries, at=0):
        """Record the error of each entry that has one (entries are tuples with the error at `at`)."""
        label = LABEL[key]
        for k, e in enumerate(entries):
            if e[at] is not None:
                errs.setdefault(k, []).append((label, e[at]))

    # Columns in the order their messages are listed for a row.
    names = list(map(_names.__getitem__, column("full_name")))
    flag("full_name", names)
    births = list(map(_dates.__getitem__, column("birth_date")))
    flag("birth_date", births)
    genders = list(map(_genders.__getitem__, column("gender")))
    flag("gender", genders, 1)
    raw_ids = column("cccd")
    if n and _CCCD_ALL.fullmatch("\n".join(raw_ids)):
        ids: list[str | None] = list(raw_ids)
    else:
        parsed = list(map(fields.parse_cccd, raw_ids))
        flag("cccd", parsed, 1)
        ids = list(map(_first, parsed))
    raw_phones = column("phone")
    if _PHONE_ALL.fullmatch("\n".join(raw_phones)):
        phones = list(raw_phones)
    else:
        parsed = list(map(fields.parse_phone, raw_phones))
        flag("phone", parsed, 1)
        phones = list(map(_first, parsed))
    admitted = list(map(_dates.__getitem__, column("admitted_on")))
    flag("admitted_on", admitted)
    raw_emails = column("email")
    if any(raw_emails):
        parsed = list(map(fields.parse_email, raw_emails))
        flag("email", parsed, 1)
        emails = list(map(_first, parsed))
    else:
        emails = raw_emails
    occupations = list(map(_occupations.__getitem__, column("occupation")))
    flag("occupation", occupations, 1)
    branch = list(map(branches.__getitem__, column("branch")))
    label = LABEL["branch"]
    for k, b in enumerate(branch):
        if b.__class__ is str:
            errs.setdefault(k, []).append((label, b))
    # Dates against each other and the Charter: integer comparisons, messages only for failures.
    today, t = ctx.today, ctx.today.toordinal()
    suspects = [
        k
        for k, b, a in zip(range(n), births, admitted, strict=True)
        if not (b[3] < t and b[5] <= a[3] <= b[6] and a[3] <= t)
    ]
    for k in suspects:
        b, a = births[k][1], admitted[k][1]
        if b is not None:
            if b >= today:
                errs.setdefault(k, []).append((LABEL["birth_date"], "ngày sinh phải trước hôm nay"))
            elif a is not None:
                err = charter.admission_error(b, a, today)
                if err:
                    errs.setdefault(k, []).append((LABEL["admitted_on"], err))
    # CCCD duplicates inside the chunk (the registry, earlier chunks included, is checked by the caller).
    present = [v for v in ids if v is not None]
    if len(set(present)) != len(present):
        first_row: dict[str, int] = {}
        for k, v in enumerate(ids):
            if v is None:
                continue
            if v in first_row:
                errs.setdefault(k, []).append(
                    (LABEL["cccd"], f"trùng với dòng {numbers[first_row[v]]} trong tệp")
                )
                ids[k] = None
            else:
                first_row[v] = k
    if len(present) == n and not errs:
        live = list(range(n))
        hashes = crypto.lookup_hashes(ids)
    else:
        live = [k for k, v in enumerate(ids) if v is not None]
        hashes = crypto.lookup_hashes([ids[k] for k in live])

    # The good rows, column by column.
    if errs:
        good = [k for k in range(n) if k not in errs]
        hash_of = dict(zip(live, hashes, strict=True))

        def pick(values):
            return [values[k] for k in good]

        good_hashes = [hash_of[k] for k in good]
    else:
        good = list(range(n))

        def pick(values):
            return values

        good_hashes = hashes
    if not good:
        return _Checked(errs, live, hashes, good, [], [])
    g_names, g_births, g_admitted = pick(names), pick(births), pick(admitted)
    g_genders = list(map(_first, pick(genders)))
    g_occ = list(map(_first, pick(occupations)))
    g_branch = pick(branch)
    extras = []
    for key, size in _EXTRA:
        values = pick(column(key))
        if values and max(map(len, values)) > size:
            values = [v[:size] for v in values]
        extras.append(values)
    g_emails = pick(emails)
    if max(map(len, g_emails)) > 120:
        g_emails = [v[:120] for v in g_emails]
    tokens = crypto.encrypt_many(pick(ids))
    full = list(map(_second, g_names))
    search = list(map(itemgetter(2), g_names))
    paths = list(map(_second, g_branch))
    b_years = [int(b[4]) for b in g_births]
    a_years = [int(a[4]) for a in g_admitted]
    keys = list(zip(paths, g_genders, g_occ, b_years, a_years, strict=True))
    rows_no = pick(numbers)
    if ctx.copy_text:
        text = [full, search, *extras, g_emails]
        for values in text:
            if _COPY_SPECIAL.search("".join(values)):
                values[:] = map(bulk.copy_escape, values)
        suffix = f"active\t1\tf\t{ctx.import_id}\n"
        out = list(
            map(
                "\t".join,
                zip(
                    full,
                    search,
                    map(itemgetter(2), g_births),
                    map(itemgetter(4), g_births),
                    g_genders,
                    [str(b[0]) for b in g_branch],
                    tokens,
                    good_hashes,
                    pick(phones),
                    g_emails,
                    g_occ,
                    map(itemgetter(2), g_admitted),
                    map(itemgetter(4), g_admitted),
                    *extras,
                    map(str, rows_no),
                    repeat(suffix),
                ),
            )
        )
    else:
        out = list(
            zip(
                full,
                search,
                map(itemgetter(2), g_births),
                b_years,
                g_genders,
                map(_first, g_branch),
                tokens,
                good_hashes,
                pick(phones),
                g_emails,
                g_occ,
                map(itemgetter(2), g_admitted),
                a_years,
                *extras,
                rows_no,
                repeat("active"),
                repeat(1),
                repeat(False),
                repeat(ctx.import_id),
            )
        )
    return _Checked(errs, live, hashes, good, out, keys)


def _check_task(args):
    return check_chunk(*args)


# --- Writing ---


class _Writer:
    """Good rows into the member table: COPY on PostgreSQL (one stream for a deferred load,
    else one COPY per chunk), executemany on SQLite."""

    def __init__(self, stream: bool):
        self.table = Member._meta.db_table
        self.pg = connection.vendor == "postgresql"
        self.stream = stream and self.pg
        self._copy = None
        self._ctx = None

    def write(self, out: list) -> None:
        if not out:
            return
        if self.pg:
            data = "".join(out)
            if self.stream:
                if self._copy is None:
                    self._ctx = bulk.copy_text(self.table, COPY_COLUMNS)
                    self._copy = self._ctx.__enter__()
                self._copy.write(data)
            else:
                with bulk.copy_text(self.table, COPY_COLUMNS) as cp:
                    cp.write(data)
        else:
            connection.ensure_connection()
            connection.connection.executemany(
                f"INSERT INTO {self.table} ({', '.join(COPY_COLUMNS)}) "
                f"VALUES ({', '.join(['?'] * len(COPY_COLUMNS))})",
                out,
            )

    def close(self, failed: bool = False) -> None:
        if self._ctx is not None:
            ctx, self._ctx, self._copy = self._ctx, None, None
            if failed:
                ctx.__exit__(ImportFailed, ImportFailed([]), None)
            else:
                ctx.__exit__(None, None, None)


def _chunks(rows, size: int):
    numbered = enumerate(rows, start=2)
    while batch := list(islice(numbered, size)):
        yield [b[0] for b in batch], [b[1] for b in batch]


class _Run:
    """State of one import run: results, the error workbook, counters to apply."""

    def __init__(self, importer_unit: Unit, actor, mode: str, record: MemberImport, header, errors_out):
        self.unit, self.actor, self.mode, self.record = importer_unit, actor, mode, record
        self.res = ImportResult()
        self.tally: Counter = Counter()
        self.err_ws = self.err_wb = None
        self.width = len(header)
        self.late: list[tuple[int, list[tuple[str, str]]]] = []  # rejected after loading (deferred checks)
        if errors_out:
            from openpyxl import Workbook

            self.err_wb = Workbook(write_only=True)
            self.err_ws = self.err_wb.create_sheet("Lỗi")
            self.err_ws.append([*header, "Lỗi"])

    def reject(self, row: int, cells: list[str] | None, errs: list[tuple[str, str]]) -> None:
        res = self.res
        for label, msg in errs:
            if len(res.errors) < MAX_ERRORS_KEPT:
                res.errors.append(RowError(row, label, msg))
        if self.err_ws is not None and cells is not None:
            if len(cells) < self.width:
                cells = cells + [""] * (self.width - len(cells))
            self.err_ws.append([*cells, "; ".join(f"{label}: {msg}" for label, msg in errs)])

    @property
    def writing(self) -> bool:
        return not (self.mode == "all" and self.res.rejected)


def _dedupe_loaded(run: _Run, branches: _Branches) -> dict[int, str]:
    """After a load with the unique index dropped: file rows whose CCCD is already taken
    (by a registered member or an earlier row of the file) → message. In "valid" mode those
    rows are deleted again and uncounted."""
    table = Member._meta.db_table
    imp = run.record.pk
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT cccd_hash, source_import_id = %s AND source_row IS NOT NULL, source_row FROM {table}
                WHERE cccd_hash IN (SELECT cccd_hash FROM {table} WHERE cccd_hash IS NOT NULL
                                    GROUP BY cccd_hash HAVING count(*) > 1)
                ORDER BY cccd_hash, source_row""",
            [imp],
        )
        groups: dict[str, list[tuple[bool, int]]] = {}
        for h, ours, row in cur.fetchall():
            groups.setdefault(h, []).append((bool(ours), row))
    bad: dict[int, str] = {}
    for members in groups.values():
        ours = sorted(row for is_ours, row in members if is_ours)
        if len(ours) < len(members):
            for row in ours:
                bad[row] = REGISTERED
        else:
            for row in ours[1:]:
                bad[row] = f"trùng với dòng {ours[0]} trong tệp"
    if bad and run.mode == "valid":
        paths = branches.paths_by_id()
        with connection.cursor() as cur:
            cur.execute(
                f"DELETE FROM {table} WHERE source_import_id = %s AND source_row = ANY(%s) "
                "RETURNING branch_id, gender, occupation, birth_year, admitted_year",
                [imp, sorted(bad)],
            )
            gone = cur.fetchall()
        run.tally.subtract(Counter((paths[b], g, o, by, ay) for b, g, o, by, ay in gone))
        run.res.imported -= len(gone)
    return bad


def _reject_late(run: _Run, path: Path, bad: dict[int, str]) -> None:
    """Report rows rejected after loading (their cells read again from the file)."""
    res = run.res
    res.rejected += len(bad)
    label = LABEL["cccd"]
    want = set(bad)
    _, rows = read_rows(path)
    for row, cells in enumerate(rows, start=2):
        if row in want:
            run.reject(row, cells, [(label, bad[row])])
            want.discard(row)
            if not want:
                break
    res.errors.sort(key=lambda e: e.row)
    del res.errors[MAX_ERRORS_KEPT:]


def import_members(
    path: str | Path,
    unit: Unit,
    actor=None,
    *,
    mode: str = "all",
    errors_out: str | Path | None = None,
    progress: Callable[[ImportResult], None] | None = None,
    record: MemberImport | None = None,
    chunk_size: int = CHUNK,
    workers: int | None = None,
    defer_at: int = DEFER_ROWS,
) -> ImportResult:
    """Import members into branches of `unit`'s subtree. Raises UserError for an unreadable or
    ill-shaped file, ImportFailed (nothing written) in "all" mode when any row is bad.

    `workers`: processes validating chunks in parallel (default: all CPUs for files of at least
    POOL_ROWS rows, else none). Files of at least `defer_at` rows are loaded with the member
    table's secondary indexes (on PostgreSQL also its unique and foreign-key constraints)
    dropped and rebuilt once at the end; CCCD duplicates are then found in one query."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise UserError("Chỉ nhận tệp CSV (.csv) hoặc Excel (.xlsx).")
    if mode not in ("all", "valid"):
        raise UserError("Chế độ nhập phải là “all” hoặc “valid”.")
    header, rows = read_rows(path)
    col = map_header(header)
    expected = count_rows(path)
    if record is None:
        record = MemberImport.objects.create(
            created_by=actor if getattr(actor, "pk", None) else None,
            unit=unit,
            file_name=path.name,
            mode=mode,
        )
    pg = connection.vendor == "postgresql"
    deferred = expected >= defer_at
    check_registry = not (deferred and pg)  # else: the unique constraint is rebuilt at the end
    ctx = _Context(col, len(header), timezone.localdate(), record.pk, pg)
    if workers is None:
        workers = (os.cpu_count() or 1) if expected >= POOL_ROWS else 0
    branches = _Branches(unit)
    run = _Run(unit, actor, mode, record, header, errors_out)
    res = run.res
    pool = None
    if workers > 0:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        pool = ProcessPoolExecutor(workers, mp_context=get_context("fork"))

    def checked():
        """(numbers, cells, _Checked) per chunk, in file order; with a pool, a few chunks ahead."""
        i = col["branch"]
        if pool is None:
            for numbers, cells in _chunks(rows, chunk_size):
                codes = branches.resolve({c[i] if len(c) > i else "" for c in cells})
                yield numbers, cells, check_chunk(ctx, numbers, cells, codes)
            return
        pending: deque = deque()
        for numbers, cells in _chunks(rows, chunk_size):
            codes = branches.resolve({c[i] if len(c) > i else "" for c in cells})
            pending.append((numbers, cells, pool.submit(_check_task, (ctx, numbers, cells, codes))))
            if len(pending) > 2 * workers:
                numbers, cells, fut = pending.popleft()
                yield numbers, cells, fut.result()
        while pending:
            numbers, cells, fut = pending.popleft()
            yield numbers, cells, fut.result()

    writer = _Writer(stream=not check_registry)
    audit_rows: list[dict] = []  # one entry per written chunk, saved after the load
    cache_size = None
    try:
        with transaction.atomic():
            try:
                table = bulk.Deferred(Member._meta.db_table, constraints=not check_registry)
                if deferred:
                    table.drop()
                    if not pg:  # a page cache that holds the CCCD index while it grows (as the demo seed)
                        with connection.cursor() as cur:
                            cur.execute("PRAGMA cache_size")
                            cache_size = cur.fetchone()[0]
                            cur.execute("PRAGMA cache_size = -393216")  # 384 MB: CCCD index in memory
                for numbers, cells, ck in checked():
                    errs, out, good, keys = ck.errs, ck.out, ck.good, ck.keys
                    if check_registry and ck.hashes:
                        found = _existing_hashes(ck.hashes)
                        if found:
                            drop = set()
                            for k, h in zip(ck.live, ck.hashes, strict=True):
                                if h in found:
                                    imp, row = found[h]
                                    msg = (
                                        f"trùng với dòng {row} trong tệp"
                                        if imp == record.pk and row
                                        else REGISTERED
                                    )
                                    errs.setdefault(k, []).append((LABEL["cccd"], msg))
                                    drop.add(k)
                            if drop & set(good):
                                keep = [j for j, k in enumerate(good) if k not in drop]
                                out = [out[j] for j in keep]
                                keys = [keys[j] for j in keep]
                    if run.writing and not (mode == "all" and errs):
                        writer.write(out)
                        run.tally.update(keys)
                        res.imported += len(out)
                        if out:
                            audit_rows.append(
                                {
                                    "import": record.pk,
                                    "count": len(out),
                                    "rows": f"{numbers[0]}-{numbers[-1]}",
                                }
                            )
                    res.processed += len(numbers)
                    res.rejected += len(errs)
                    for k in sorted(errs):
                        run.reject(numbers[k], cells[k], errs[k])
                    if progress:
                        progress(res)
                if res.processed == 0:
                    raise UserError("Tệp không có dòng dữ liệu nào.")
                if not run.writing:
                    res.imported = 0
                    failed = ImportFailed(res.errors)
                    failed.result = res
                    raise failed
                writer.close()
                if audit_rows:
                    audit.record_many(actor, "member.import", "Member", audit_rows, unit=unit)
                if deferred:
                    if check_registry:
                        table.restore()
                    else:
                        try:
                            with transaction.atomic():
                                table.restore()
                        except IntegrityError:  # the file repeats a CCCD, or one is already registered
                            bad = _dedupe_loaded(run, branches)
                            _reject_late(run, path, bad)
                            if mode == "all":
                                res.imported = 0
                                failed = ImportFailed(res.errors)
                                failed.result = res
                                raise failed from None
                            table.restore()
                counters.record(
                    (
                        path_,
                        {
                            "gender": g,
                            "status": "active",
                            "occupation": occ,
                            "birth_year": by,
                            "admitted_year": ay,
                        },
                        n,
                    )
                    for (path_, g, occ, by, ay), n in run.tally.items()
                    if n
                )
            except BaseException:
                writer.close(failed=True)  # inside the transaction, before it rolls back
                raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if cache_size is not None:
            with connection.cursor() as cur:
                cur.execute(f"PRAGMA cache_size = {int(cache_size)}")
        if run.err_wb is not None and res.processed:
            run.err_wb.save(errors_out)
            res.errors_path = str(errors_out)
    return res


EXPORT_HEADERS = [*TEMPLATE_HEADERS, "Trạng thái"]


def export_members(actor, unit: Unit, out: str | Path) -> int:
    """Write the subtree's members to XLSX/CSV (CCCD in clear: personal data, so the export is audited)."""
    from doanso.accounts.scoping import scope_for

    if actor is not None and not scope_for(actor).covers(unit.path):
        raise UserError("Không có quyền xuất danh sách của đơn vị này.")
    lo, hi = unit.subtree_range
    qs = (
        Member.objects.filter(branch__path__gte=lo, branch__path__lt=hi)
        .select_related("branch")
        .order_by("branch__path", "id")
    )
    count = 0

    def rows():
        nonlocal count
        for m in qs.iterator(chunk_size=5000):
            count += 1
            yield [
                m.full_name,
                f"{m.birth_date:%d/%m/%Y}",
                m.get_gender_display(),
                crypto.decrypt(m.cccd_enc) if m.cccd_enc else "",
                m.phone,
                f"{m.admitted_on:%d/%m/%Y}" if m.admitted_on else "",
                m.branch.code,
                m.email,
                m.get_occupation_display(),
                m.ethnicity,
                m.religion,
                m.address,
                m.education,
                m.admitting_unit,
                m.card_number,
                m.get_status_display(),
            ]

    write_table(out, EXPORT_HEADERS, rows())
    audit.record(actor, "member.export", unit, unit=unit, object_type="Unit", rows=count, file=Path(out).name)
    return count


def write_template(out: str | Path) -> None:
    """An empty import file with the headers and one example row."""
    write_table(
        out,
        TEMPLATE_HEADERS,
        [
            [
                "Nguyễn Văn An",
                "05/03/2005",
                "Nam",
                "001205012345",
                "0912345678",
                "26/03/2021",
                "MÃ-CHI-ĐOÀN",
                "an.nguyen@example.vn",
                "Trường học",
                "Kinh",
                "Không",
                "Hà Nội",
                "12/12",
                "Chi đoàn 10A1",
                "",
            ]
        ],
    )
