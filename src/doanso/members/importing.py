"""Member import and export: streamed, validated column by column, written in batches.

`import_members` reads a CSV/XLSX file in chunks; each chunk's columns are parsed as
lists, branch codes and CCCD duplicates are resolved with one query per chunk, and the
good rows are written with one bulk insert (explicit ids reserved first). Counters are
updated once at the end from an in-memory tally, and the audit log gets one entry per chunk.

Modes: "all" (default) writes nothing if any row is bad; "valid" writes the good rows and
lists the rejected ones (optionally in an error workbook that repeats them with a "Lỗi" column).
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from doanso.core import audit
from doanso.core.errors import ImportFailed, RowError, UserError
from doanso.core.tabular import read_rows, write_table
from doanso.core.text import fold
from doanso.demo import bulk
from doanso.members import cccd as cccd_batch
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

MEMBER_COLUMNS = (
    "id",
    "full_name",
    "search_name",
    "birth_date",
    "birth_year",
    "gender",
    "status",
    "branch_id",
    "version",
    "ethnicity",
    "religion",
    "cccd_enc",
    "cccd_hash",
    "phone",
    "email",
    "address",
    "education",
    "occupation",
    "admitted_on",
    "admitted_year",
    "admitting_unit",
    "card_number",
    "party_member",
    "source_import_id",
    "source_row",
)
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
        self.known: dict[str, tuple[int, str] | str] = {}

    def resolve(self, codes: set[str]) -> None:
        new = [c for c in codes if c and c not in self.known]
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


def _reserve_ids(n: int) -> list[int]:
    """Ids for `n` new members, taken before the bulk insert so related rows can point to them."""
    table = Member._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n]
            )
            return [r[0] for r in cur.fetchall()]
        # SQLite: the import's transaction holds the write lock (BEGIN IMMEDIATE), so max(id) is stable.
        cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        top = cur.fetchone()[0]
        cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cur.fetchone()
        top = max(top, row[0] if row else 0)
    return list(range(top + 1, top + n + 1))


def _existing_hashes(hashes: list[str]) -> dict[str, tuple[int | None, int | None]]:
    """CCCD hashes already in the registry → (import id, file row) of the member holding each (one query)."""
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT cccd_hash, source_import_id, source_row FROM {Member._meta.db_table} "
            f"WHERE cccd_hash IN ({', '.join(['%s'] * len(hashes))})",
            hashes,
        )
        return {h: (imp, row) for h, imp, row in cur.fetchall()}


class _Cache(dict):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, key):
        v = self[key] = self.fn(key)
        return v


def _fold_name(words_cache: dict, name: str) -> str:
    out = []
    for w in name.split(" "):
        f = words_cache.get(w)
        if f is None:
            f = words_cache[w] = fold(w)
        out.append(f)
    return " ".join(out)


class Importer:
    def __init__(self, unit: Unit, actor, mode: str, record: MemberImport, today: date):
        if mode not in ("all", "valid"):
            raise UserError("Chế độ nhập phải là “all” hoặc “valid”.")
        self.unit, self.actor, self.mode, self.record, self.today = unit, actor, mode, record, today
        self.branches = _Branches(unit)
        self.dates = _Cache(fields.parse_date)
        self.genders = _Cache(fields.parse_gender)
        self.occupations = _Cache(fields.parse_occupation)
        self.words: dict[str, str] = {}
        self.tally: Counter = Counter()
        self.result = ImportResult()

    def chunk(self, header: list[str], col: dict[str, int], rows: list[tuple[int, list[str]]]):
        """Validate one chunk column by column; returns (good rows, rejected rows)."""
        n = len(rows)
        width = len(header)
        cells = [r + [""] * (width - len(r)) if len(r) < width else r for _, r in rows]
        errs: list[list[tuple[str, str]]] = [[] for _ in range(n)]

        def column(key):
            i = col.get(key)
            return [""] * n if i is None else [c[i] for c in cells]

        def check(key, values, parse):
            out = []
            label = LABEL[key]
            for k, v in enumerate(values):
                val, err = parse(v)
                if err:
                    errs[k].append((label, err))
                out.append(val)
            return out

        names = check("full_name", column("full_name"), fields.parse_name)
        births = check("birth_date", column("birth_date"), self.dates.__getitem__)
        genders = check("gender", column("gender"), self.genders.__getitem__)
        ids = check("cccd", column("cccd"), fields.parse_cccd)
        phones = check("phone", column("phone"), fields.parse_phone)
        admitted = check("admitted_on", column("admitted_on"), self.dates.__getitem__)
        emails = check("email", column("email"), fields.parse_email)
        occupations = check("occupation", column("occupation"), self.occupations.__getitem__)
        codes = [c.strip() for c in column("branch")]
        self.branches.resolve(set(codes))
        known = self.branches.known
        branch = []
        for k, c in enumerate(codes):
            b = known.get(c) if c else "không được để trống"
            if isinstance(b, str):
                errs[k].append((LABEL["branch"], b))
                b = None
            branch.append(b)
        for k in range(n):
            b, a = births[k], admitted[k]
            if b is not None:
                if b >= self.today:
                    errs[k].append((LABEL["birth_date"], "ngày sinh phải trước hôm nay"))
                elif a is not None:
                    err = charter.admission_error(b, a, self.today)
                    if err:
                        errs[k].append((LABEL["admitted_on"], err))
        # CCCD: duplicates inside the chunk, then against the registry (earlier chunks included).
        first_row: dict[str, int] = {}
        for k, v in enumerate(ids):
            if v is None:
                continue
            if v in first_row:
                errs[k].append((LABEL["cccd"], f"trùng với dòng {rows[first_row[v]][0]} trong tệp"))
                ids[k] = None
            else:
                first_row[v] = k
        live = [k for k, v in enumerate(ids) if v is not None]
        hashes = dict(zip(live, cccd_batch.lookup_hashes([ids[k] for k in live]), strict=True))
        if hashes:
            found = _existing_hashes(list(hashes.values()))
            for k, h in hashes.items():
                if h in found:
                    imp, row = found[h]
                    msg = (
                        f"trùng với dòng {row} trong tệp"
                        if imp == self.record.pk and row
                        else "đã có trong hệ thống (trùng Số CCCD với một đoàn viên đã đăng ký)"
                    )
                    errs[k].append((LABEL["cccd"], msg))
        good, bad = [], []
        extra = {
            key: column(key)
            for key in ("ethnicity", "religion", "address", "education", "admitting_unit", "card_number")
        }
        for k in range(n):
            if errs[k]:
                bad.append((rows[k][0], cells[k], errs[k]))
            else:
                good.append(
                    (
                        rows[k][0],
                        names[k],
                        births[k],
                        genders[k],
                        ids[k],
                        hashes[k],
                        phones[k],
                        admitted[k],
                        branch[k],
                        emails[k],
                        occupations[k],
                        *(extra[key][k][:255] for key in extra),
                    )
                )
        return good, bad

    def write(self, good: list[tuple]) -> None:
        if not good:
            return
        new_ids = _reserve_ids(len(good))
        tokens = cccd_batch.encrypt_many([g[4] for g in good])
        imp = self.record.pk
        tally = self.tally
        words = self.words
        rows = []
        for mid, g, tok in zip(new_ids, good, tokens, strict=True):
            (
                row,
                name,
                birth,
                gender,
                _cccd,
                h,
                phone,
                admitted,
                (branch_id, path),
                email,
                occ,
                ethnicity,
                religion,
                address,
                education,
                admitting_unit,
                card_number,
            ) = g
            rows.append(
                (
                    mid,
                    name,
                    _fold_name(words, name),
                    birth,
                    birth.year,
                    gender,
                    "active",
                    branch_id,
                    1,
                    ethnicity[:40],
                    religion[:40],
                    tok,
                    h,
                    phone,
                    email[:120],
                    address,
                    education[:60],
                    occ,
                    admitted,
                    admitted.year,
                    admitting_unit,
                    card_number[:20],
                    False,
                    imp,
                    row,
                )
            )
            tally[(path, gender, occ, birth.year, admitted.year)] += 1
        bulk.load(Member._meta.db_table, MEMBER_COLUMNS, rows)
        audit.record_many(
            self.actor,
            "member.import",
            "Member",
            [{"id": f"{new_ids[0]}-{new_ids[-1]}", "import": imp, "count": len(rows)}],
            unit=self.unit,
        )

    def flush_counters(self) -> None:
        counters.record(
            (
                path,
                {"gender": g, "status": "active", "occupation": occ, "birth_year": by, "admitted_year": ay},
                n,
            )
            for (path, g, occ, by, ay), n in self.tally.items()
        )


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
) -> ImportResult:
    """Import members into branches of `unit`'s subtree. Raises UserError for an unreadable or
    ill-shaped file, ImportFailed (nothing written) in "all" mode when any row is bad."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise UserError("Chỉ nhận tệp CSV (.csv) hoặc Excel (.xlsx).")
    header, rows = read_rows(path)
    col = map_header(header)
    if record is None:
        record = MemberImport.objects.create(
            created_by=actor if getattr(actor, "pk", None) else None,
            unit=unit,
            file_name=path.name,
            mode=mode,
        )
    imp = Importer(unit, actor, mode, record, timezone.localdate())
    res = imp.result
    rejected_rows: list = []
    err_wb = None
    if errors_out:
        from openpyxl import Workbook

        err_wb = Workbook(write_only=True)
        err_ws = err_wb.create_sheet("Lỗi")
        err_ws.append([*header, "Lỗi"])
    numbered = enumerate(rows, start=2)
    try:
        with transaction.atomic():
            while batch := list(islice(numbered, chunk_size)):
                good, bad = imp.chunk(header, col, batch)
                if not (imp.mode == "all" and res.rejected + len(bad)):
                    imp.write(good)
                    res.imported += len(good)
                res.processed += len(batch)
                res.rejected += len(bad)
                for row, cells, errs in bad:
                    for label, msg in errs:
                        if len(res.errors) < MAX_ERRORS_KEPT:
                            res.errors.append(RowError(row, label, msg))
                    if err_wb is not None:
                        err_ws.append([*cells, "; ".join(f"{label}: {msg}" for label, msg in errs)])
                    rejected_rows.append(row) if len(rejected_rows) < MAX_ERRORS_KEPT else None
                if progress:
                    progress(res)
            if res.processed == 0:
                raise UserError("Tệp không có dòng dữ liệu nào.")
            if mode == "all" and res.rejected:
                res.imported = 0
                failed = ImportFailed(res.errors)
                failed.result = res
                raise failed
            imp.flush_counters()
    finally:
        if err_wb is not None and res.processed:
            err_wb.save(errors_out)
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
    from doanso.core import crypto

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
