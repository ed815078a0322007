"""Import run: chunks read, validated (here or in worker processes), checked against the registry
and written (COPY on PostgreSQL), counters and audit inside the transaction. See the package
docstring."""

import os
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from doanso.core import audit, bulk
from doanso.core.errors import ImportFailed, RowError, UserError
from doanso.members import counters
from doanso.members.importing.columns import LABEL
from doanso.members.importing.errors_workbook import write_error_workbook
from doanso.members.importing.read import (
    count_rows,
    join_names,
    numbered_chunks,
    open_member_table,
    split_birth_columns,
)
from doanso.members.importing.validate import COPY_COLUMNS, ChunkContext, check_chunk, check_task
from doanso.members.models import ImportStatus, Member, MemberImport
from doanso.org.models import Unit, UnitKind
from doanso.org.tree import is_within

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
    total: int = 0  # data rows expected (an estimate, for progress bars)

    @property
    def summary(self) -> str:
        return f"Đã nhập {self.imported:,} đoàn viên; từ chối {self.rejected:,} dòng.".replace(",", ".")


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


class _Run:
    """State of one import run: results, the rejected rows and their messages, counters to apply."""

    def __init__(self, importer_unit: Unit, actor, mode: str, record: MemberImport):
        self.unit, self.actor, self.mode, self.record = importer_unit, actor, mode, record
        self.res = ImportResult()
        self.tally: Counter = Counter()
        self.bad: dict[int, list[tuple[str, str]]] = {}  # file row → (column label, message)

    def reject(self, row: int, errs: list[tuple[str, str]]) -> None:
        res = self.res
        for label, msg in errs:
            if len(res.errors) < MAX_ERRORS_KEPT:
                res.errors.append(RowError(row, label, msg))
        self.bad.setdefault(row, []).extend(errs)

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


def _reject_late(run: _Run, bad: dict[int, str]) -> None:
    """Report rows rejected after loading (deferred duplicate checks)."""
    res = run.res
    res.rejected += len(bad)
    label = LABEL["cccd"]
    for row in sorted(bad):
        run.reject(row, [(label, bad[row])])
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
    sheet: str | None = None,
) -> ImportResult:
    """Import members into branches of `unit`'s subtree. Raises UserError for an unreadable or
    ill-shaped file, ImportFailed (nothing written) in "all" mode when any row is bad.

    `workers`: processes validating chunks in parallel (default: settings.DOANSO_IMPORT_WORKERS
    for files of at least POOL_ROWS rows — 0 unless the deployment says so, so a web or task
    process never forks). Only inside `core.bulk.schema_changes_allowed()` (an operator's
    `doanso members import --allow-schema-changes`), files of at least `defer_at` rows are
    loaded with the member table's secondary indexes (on PostgreSQL also its unique and
    foreign-key constraints) dropped and rebuilt once at the end; CCCD duplicates are then
    found in one query. A web upload never takes that path.

    Every other import commits chunk by chunk (`_load_chunked`): short transactions that leave
    the database to other requests between chunks, a checkpoint on `record` to resume from
    (`_resume`), and in "all" mode what was written taken back when a bad row turns up.

    Its body is the outline (steps: `_rows_and_columns`, `_checked`, `_load_chunked` or `_load`
    and `_finish`); the length is this docstring and the keyword arguments."""
    path = Path(path)
    if mode not in ("all", "valid"):
        raise UserError(gettext("Chế độ nhập phải là “all” hoặc “valid”."))
    if record is None:  # a command-line import: its record ends here too (never left "running")
        record = MemberImport.objects.create(
            created_by=actor if getattr(actor, "pk", None) else None,
            unit=unit,
            file_name=path.name,
            mode=mode,
        )
        kw = {"chunk_size": chunk_size, "workers": workers, "defer_at": defer_at, "sheet": sheet}
        try:
            res = import_members(
                path, unit, actor, mode=mode, errors_out=errors_out, progress=progress, record=record, **kw
            )
        except BaseException as exc:
            result = getattr(exc, "result", None) or ImportResult()
            finish_record(record, result, getattr(exc, "message", None) or str(exc) or type(exc).__name__)
            raise
        finish_record(record, res)
        return res
    rows, col, width, default_branch, expected = _rows_and_columns(path, unit, sheet)
    pg = connection.vendor == "postgresql"
    deferred = expected >= defer_at and bulk.schema_changes_are_allowed()
    check_registry = not (deferred and pg)  # else: the unique constraint is rebuilt at the end
    ctx = ChunkContext(col, width, timezone.localdate(), record.pk, pg, default_branch)
    if workers is None:
        workers = settings.DOANSO_IMPORT_WORKERS if expected >= POOL_ROWS else 0
    branches = _Branches(unit)
    run = _Run(unit, actor, mode, record)
    run.res.total = expected
    if deferred:
        record.status, record.total, record.heartbeat_at = ImportStatus.RUNNING, expected, timezone.now()
        record.save(update_fields=["status", "total", "heartbeat_at"])
    else:
        rows = _resume(run, rows, expected)
    pool = None
    if workers > 0:
        pool = _worker_pool(workers)
    chunks = _checked(rows, ctx, branches, chunk_size, pool, workers)
    cache_size = None
    try:
        if not deferred:
            _load_chunked(run, chunks, progress)
        else:
            with transaction.atomic():
                writer = _Writer(stream=not check_registry)
                try:
                    table = bulk.Deferred(Member._meta.db_table, constraints=not check_registry)
                    table.drop()
                    if not pg:
                        cache_size = _grow_sqlite_cache()
                    _load(run, chunks, writer, check_registry, progress)
                    _finish(run, table, branches, deferred, check_registry)
                except BaseException:
                    writer.close(failed=True)  # inside the transaction, before it rolls back
                    raise
    except ImportFailed:
        _save_errors(run, path, sheet, errors_out)
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if cache_size is not None:
            with connection.cursor() as cur:
                cur.execute(f"PRAGMA cache_size = {int(cache_size)}")
    _save_errors(run, path, sheet, errors_out)
    return run.res


def finish_record(rec: MemberImport, res: ImportResult, failure: str | None = None) -> None:
    """The record's outcome: done with its summary and first errors, or failed with the reason."""
    if failure is None:
        rec.status = ImportStatus.DONE
        rec.message = res.summary + ("\n" + "\n".join(map(str, res.errors[:200])) if res.errors else "")
    else:
        rec.status, rec.message = ImportStatus.FAILED, failure
    rec.processed, rec.imported, rec.rejected = res.processed, res.imported, res.rejected
    rec.errors_path = res.errors_path if res.rejected else ""
    rec.total = res.processed if rec.status == ImportStatus.DONE else max(rec.total, res.processed)
    rec.finished_at = timezone.now()
    rec.save()


def _worker_pool(workers: int):
    """Processes validating chunks; each dies with this one (`_die_with_parent`), so a killed
    import leaves none behind (issue 12, finding 12)."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    return ProcessPoolExecutor(
        workers, mp_context=get_context("fork"), initializer=_die_with_parent, initargs=(os.getpid(),)
    )


def _die_with_parent(parent: int) -> None:
    """In a worker: ask Linux to kill this process when its parent dies (PR_SET_PDEATHSIG), and
    watch the parent as well (other systems, or a parent gone before the request was made)."""
    import ctypes
    import signal
    import threading
    import time

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)

    def watch():
        while True:
            time.sleep(1)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _resume(run: _Run, rows, expected: int):
    """A record that already has a checkpoint (its import was killed after some chunks committed)
    goes on after it: the rows up to the checkpoint are skipped and the counts carried over. An
    all-or-nothing import that had already found a bad row is undone and read again from the
    start (the error workbook needs every row's messages)."""
    record, res = run.record, run.res
    if record.checkpoint_row and run.mode == "all" and record.rejected:
        undo_import(record)
        record.checkpoint_row = record.processed = record.imported = record.rejected = 0
    record.status, record.total, record.heartbeat_at = ImportStatus.RUNNING, expected, timezone.now()
    record.save(
        update_fields=[
            "status",
            "total",
            "heartbeat_at",
            "checkpoint_row",
            "processed",
            "imported",
            "rejected",
        ]
    )
    done = record.checkpoint_row
    if not done:
        return rows
    res.processed, res.imported, res.rejected = record.processed, record.imported, record.rejected
    return ((n, cells) for n, cells in rows if n > done)


def _load_chunked(run: _Run, chunks, progress) -> None:
    """Each chunk in its own short transaction — its rows, their counters, one audit entry and
    the record's checkpoint commit together — so the database's write lock (SQLite has one for the
    whole file) is free between chunks and other requests go on during a long import. An
    all-or-nothing import that meets a bad row stops writing, takes back what it wrote
    (`undo_import`, in chunks too) and reads on only to list every error."""
    res, record = run.res, run.record
    for numbers, _cells, ck in chunks:
        with transaction.atomic():
            out, keys = _drop_registered(ck, record.pk) if ck.hashes else (ck.out, ck.keys)
            errs = ck.errs
            was_writing = run.writing
            if was_writing and not (run.mode == "all" and errs):
                _Writer(stream=False).write(out)
                _count(Counter(keys))
                res.imported += len(out)
                if out:
                    audit.record_many(
                        run.actor,
                        "member.import",
                        "Member",
                        [{"import": record.pk, "count": len(out), "rows": f"{numbers[0]}-{numbers[-1]}"}],
                        unit=run.unit,
                    )
            res.processed += len(numbers)
            res.rejected += len(errs)
            for k in sorted(errs):
                run.reject(numbers[k], errs[k])
            record.checkpoint_row = numbers[-1]
            record.processed, record.imported, record.rejected = res.processed, res.imported, res.rejected
            record.heartbeat_at = timezone.now()
            record.save(update_fields=["checkpoint_row", "processed", "imported", "rejected", "heartbeat_at"])
        if was_writing and not run.writing and res.imported:
            undo_import(record)  # all-or-nothing: the first bad row takes back what was written
        if progress:
            progress(res)
    if res.processed == 0:
        raise UserError(gettext("Tệp không có dòng dữ liệu nào."))
    if not run.writing:
        raise _failed(res)


def _count(tally: Counter) -> None:
    """Subtree counters moved by a tally of (branch path, gender, occupation, birth year,
    admission year) → members (negative to take members back)."""
    counters.record(
        (
            path_,
            {"gender": g, "status": "active", "occupation": occ, "birth_year": by, "admitted_year": ay},
            n,
        )
        for (path_, g, occ, by, ay), n in tally.items()
        if n
    )


def undo_import(record: MemberImport, chunk: int = CHUNK) -> int:
    """Take back the members an import wrote (all-or-nothing imports that failed, imports the
    reaper found dead): deleted a chunk at a time, each chunk's counters and an audit entry in the
    same short transaction. Returns how many were taken back."""
    table, gone = Member._meta.db_table, 0
    while True:
        with transaction.atomic():
            rows = list(
                Member.objects.filter(source_import_id=record.pk)
                .order_by("id")
                .values_list("id", "branch_id", "gender", "occupation", "birth_year", "admitted_year")[:chunk]
            )
            if not rows:
                break
            paths = dict(Unit.objects.filter(pk__in={r[1] for r in rows}).values_list("id", "path"))
            ids = [r[0] for r in rows]
            with connection.cursor() as cur:
                cur.execute(f"DELETE FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)
            _count(_negative(paths, rows))
            audit.record(None, "member.import.undo", None, unit=record.unit, object_type="MemberImport",
                         import_id=record.pk, count=len(ids))  # fmt: skip
            gone += len(ids)
    return gone


def _negative(paths: dict, rows) -> Counter:
    tally: Counter = Counter()
    for _id, b, g, occ, by, ay in rows:
        tally[(paths[b], g, occ, by, ay)] -= 1
    return tally


def _rows_and_columns(path: Path, unit: Unit, sheet: str | None):
    """The file's numbered rows in one shape (a name over two columns joined, the two-column
    birth date split), their columns, the row width, the branch of every row when importing into
    a branch without a branch column, and the rows expected (for the pool and the deferred load)."""
    into_branch = unit.kind in BRANCH_KINDS  # a branch's own list needs no branch column
    table, col = open_member_table(path, sheet, ("branch",) if into_branch else ())
    rows, width = table.rows, len(table.header)
    expected = count_rows(path) if table.kind == "csv" else table.total
    if "name_given" in col:
        rows = join_names(rows, col["full_name"], col["name_given"])
    if "birth_male" in col:
        rows, col, width = split_birth_columns(rows, col, width)
    default_branch = unit.code if into_branch and "branch" not in col else ""
    return rows, col, width, default_branch, expected


def _checked(rows, ctx: ChunkContext, branches: _Branches, chunk_size: int, pool, workers: int):
    """(numbers, cells, CheckedChunk) per chunk, in file order; with a pool, a few chunks ahead."""
    i = ctx.col.get("branch")

    def codes_of(cells):
        return {ctx.default_branch} if i is None else {c[i] if len(c) > i else "" for c in cells}

    if pool is None:
        for numbers, cells in numbered_chunks(rows, chunk_size):
            codes = branches.resolve(codes_of(cells))
            yield numbers, cells, check_chunk(ctx, numbers, cells, codes)
        return
    pending: deque = deque()
    for numbers, cells in numbered_chunks(rows, chunk_size):
        codes = branches.resolve(codes_of(cells))
        pending.append((numbers, cells, pool.submit(check_task, (ctx, numbers, cells, codes))))
        if len(pending) > 2 * workers:
            numbers, cells, fut = pending.popleft()
            yield numbers, cells, fut.result()
    while pending:
        numbers, cells, fut = pending.popleft()
        yield numbers, cells, fut.result()


def _grow_sqlite_cache() -> int:
    """A page cache that holds the CCCD index while it grows (as the demo seed); returns the old size."""
    with connection.cursor() as cur:
        cur.execute("PRAGMA cache_size")
        cache_size = cur.fetchone()[0]
        cur.execute("PRAGMA cache_size = -393216")  # 384 MB: CCCD index in memory
    return cache_size


def _drop_registered(ck, import_id: int):
    """A chunk's rows whose CCCD is already in the registry (or in an earlier chunk of this file)
    rejected: their messages added to `ck.errs`; returns the rows still to write and their keys."""
    out, keys = ck.out, ck.keys
    found = _existing_hashes(ck.hashes)
    if not found:
        return out, keys
    drop = set()
    for k, h in zip(ck.live, ck.hashes, strict=True):
        if h in found:
            imp, row = found[h]
            msg = f"trùng với dòng {row} trong tệp" if imp == import_id and row else REGISTERED
            ck.errs.setdefault(k, []).append((LABEL["cccd"], msg))
            drop.add(k)
    if drop & set(ck.good):
        keep = [j for j, k in enumerate(ck.good) if k not in drop]
        out = [out[j] for j in keep]
        keys = [keys[j] for j in keep]
    return out, keys


def _failed(res: ImportResult) -> ImportFailed:
    """Nothing written ("all" mode): the failure carries the result and its messages."""
    res.imported = 0
    failed = ImportFailed(res.errors)
    failed.result = res
    return failed


def _load(run: _Run, chunks, writer: _Writer, check_registry: bool, progress) -> None:
    """Each checked chunk against the registry, its good rows written (unless a bad row already
    dooms an "all" import), its rejects noted; the audit log gets one entry per written chunk."""
    res, record = run.res, run.record
    audit_rows: list[dict] = []
    for numbers, _cells, ck in chunks:
        out, keys = _drop_registered(ck, record.pk) if check_registry and ck.hashes else (ck.out, ck.keys)
        errs = ck.errs
        if run.writing and not (run.mode == "all" and errs):
            writer.write(out)
            run.tally.update(keys)
            res.imported += len(out)
            if out:
                audit_rows.append(
                    {"import": record.pk, "count": len(out), "rows": f"{numbers[0]}-{numbers[-1]}"}
                )
        res.processed += len(numbers)
        res.rejected += len(errs)
        for k in sorted(errs):
            run.reject(numbers[k], errs[k])
        if progress:
            progress(res)
    if res.processed == 0:
        raise UserError(gettext("Tệp không có dòng dữ liệu nào."))
    if not run.writing:
        raise _failed(res)
    writer.close()
    if audit_rows:
        audit.record_many(run.actor, "member.import", "Member", audit_rows, unit=run.unit)


def _finish(run: _Run, table, branches: _Branches, deferred: bool, check_registry: bool) -> None:
    """After the load: a deferred load's indexes and constraints rebuilt (the CCCD duplicates it
    let in found and rejected — in "all" mode the import then fails), and the counters updated
    once from the tally."""
    if deferred:
        if check_registry:
            table.restore()
        else:
            try:
                with transaction.atomic():
                    table.restore()
            except IntegrityError:  # the file repeats a CCCD, or one is already registered
                bad = _dedupe_loaded(run, branches)
                _reject_late(run, bad)
                if run.mode == "all":
                    raise _failed(run.res) from None
                table.restore()
    counters.record(
        (
            path_,
            {"gender": g, "status": "active", "occupation": occ, "birth_year": by, "admitted_year": ay},
            n,
        )
        for (path_, g, occ, by, ay), n in run.tally.items()
        if n
    )


def _save_errors(run: _Run, path: Path, sheet: str | None, errors_out) -> None:
    if errors_out and run.bad:
        write_error_workbook(path, sheet, run.bad, errors_out, every_row=run.mode == "all")
        run.res.errors_path = str(errors_out)
