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
end when the unique constraint is rebuilt. Counters are updated once at the end from an
in-memory tally; the audit log gets one entry per written chunk. Memory stays flat: a few chunks
are in flight at a time.

Modes: "all" (default) writes nothing if any row is bad; "valid" writes the good rows and
lists the rejected ones. The error workbook (`errors_out`) is written after the run from a
second read of the file: every row in "all" mode, the rejected ones in "valid" mode, each with
its row number and messages, the cells at fault highlighted — fixed, it imports as it is.
"""

import re
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice, repeat
from operator import itemgetter
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from doanso.core import audit, bulk, crypto, tabular
from doanso.core.errors import ImportFailed, RowError, UserError
from doanso.core.tabular import HEADER_SCAN, HeaderNotFound, Table, open_table, write_table
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
    ("admitted_on", "Ngày vào Đoàn"),
    ("branch", "Mã chi đoàn"),
]
OPTIONAL = [
    ("phone", "Số điện thoại"),
    ("email", "Thư điện tử"),
    ("occupation", "Khối"),
    ("ethnicity", "Dân tộc"),
    ("religion", "Tôn giáo"),
    ("address", "Địa chỉ"),
    ("education", "Trình độ học vấn"),
    ("admitting_unit", "Nơi kết nạp"),
    ("card_number", "Số thẻ đoàn viên"),
]
# Header names as secretaries write them, folded (no accents, lower case, punctuation as spaces).
ALIASES = {
    "full_name": ["ho ten", "ho va ten doan vien", "ho ten doan vien", "ten doan vien", "ho va ten dv"],
    "birth_date": ["ngay thang nam sinh", "sinh ngay", "ngay sinh dd mm yyyy", "ngay thang sinh"],
    "gender": ["gioi", "nam nu", "phai"],
    "cccd": [
        "cccd",
        "cccd cmnd",
        "cmnd cccd",
        "so cccd cmnd",
        "so cmnd cccd",
        "can cuoc cong dan",
        "so can cuoc cong dan",
        "so can cuoc",
        "so dinh danh",
        "so dinh danh ca nhan",
        "ma dinh danh",
        "so cmnd",
    ],
    "phone": ["sdt", "so dt", "dien thoai", "dt", "dtdd", "so dien thoai di dong", "dien thoai lien he"],
    "admitted_on": [
        "ngay ket nap",
        "ngay ket nap doan",
        "ngay vao doan tncs ho chi minh",
        "ngay vao dang doan",
    ],
    "branch": ["ma chi doan", "ma don vi", "ma chi doan co so"],
    "email": ["email", "e mail", "thu dien tu", "dia chi email", "gmail"],
    "occupation": ["khoi doan vien", "thuoc khoi"],
    "card_number": ["so the doan", "so the"],
}
ROW_HEADER = "Dòng (tệp gốc)"  # columns the error workbook adds (ignored when it is imported again)
ERROR_HEADER = "Lỗi"
TEMPLATE_HEADERS = [h for _, h in REQUIRED[:4] + OPTIONAL[:1] + REQUIRED[4:] + OPTIONAL[1:]]
LABEL = dict(REQUIRED + OPTIONAL)
CHUNK = 5000
MAX_ERRORS_KEPT = 1000
MIN_HEADER_SCORE = 3  # a row naming this many required columns is taken as the header row

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


_PUNCT = re.compile(r"\(.*?\)|\[.*?\]|\*|[^0-9a-z]+")


def header_key(name: str) -> str:
    """A header cell folded for matching: accents, case, stray spaces, notes in brackets and
    punctuation ignored ("Số CCCD/CMND (*)" → "so cccd cmnd")."""
    return " ".join(_PUNCT.sub(" ", fold(name)).split())


_BY_KEY = {header_key(h): k for k, h in REQUIRED + OPTIONAL}
_BY_KEY.update({alias: k for k, names in ALIASES.items() for alias in names})
_REQUIRED_KEYS = {k for k, _ in REQUIRED}


_NAME_PARTS = {  # a name kept in two columns: "Họ và tên đệm" | "Tên"
    **{k: "name_family" for k in ("ho dem", "ho va ten dem", "ho va dem", "ho", "ho lot", "ho va chu lot")},
    "ten": "name_given",
}


def header_columns(header: list[str]) -> dict[str, int]:
    """Field → column index for the header cells this importer knows (the first of repeated ones).

    A name in two columns — "Họ đệm" and "Tên", or "Họ và tên" over two merged cells (the
    second header cell blank) — maps "full_name" to the first and "name_given" to the second."""
    col: dict[str, int] = {}
    parts: dict[str, int] = {}
    for i, name in enumerate(header):
        k = header_key(name)
        key = _BY_KEY.get(k)
        if key and key not in col:
            col[key] = i
        elif k in _NAME_PARTS:
            parts.setdefault(_NAME_PARTS[k], i)
    if "full_name" not in col and len(parts) == 2 and parts["name_family"] < parts["name_given"]:
        col["full_name"], col["name_given"] = parts["name_family"], parts["name_given"]
    elif "full_name" in col and col["full_name"] + 1 < len(header) and not header[col["full_name"] + 1]:
        col["name_given"] = col["full_name"] + 1
    return col


def _join_names(rows, first: int, second: int):
    """Rows whose name is split over two columns, with the two parts joined in the first."""
    for number, cells in rows:
        if len(cells) > second and cells[second]:
            cells = list(cells)
            cells[first] = f"{cells[first]} {cells[second]}".strip()
        yield number, cells


def header_score(cells: list[str]) -> int:
    return len(_REQUIRED_KEYS.intersection(header_columns(cells)))


def _missing_columns(header: list[str], where: str, optional: tuple[str, ...] = ()) -> UserError:
    col = header_columns(header)
    missing = [h for k, h in REQUIRED if k not in col and k not in optional]
    return UserError(
        gettext(
            "%(where)s thiếu cột bắt buộc: %(missing)s. Các cột được nhận ra và tệp mẫu có trên trang "
            "“Nhập danh sách đoàn viên”."
        )
        % {"where": where, "missing": ", ".join(f"“{m}”" for m in missing)}
    )


def map_header(header: list[str]) -> dict[str, int]:
    """Header names (accents, case, spacing and the usual variants ignored) → column index;
    refuses missing required columns."""
    col = header_columns(header)
    if any(k not in col for k, _ in REQUIRED):
        raise _missing_columns(header, gettext("Dòng tiêu đề"))
    return col


def open_member_table(
    path: str | Path, sheet: str | None = None, optional: tuple[str, ...] = ()
) -> tuple[Table, dict[str, int]]:
    """The file's table (the first sheet with the member header, or `sheet`) and its columns;
    `optional`: required fields the file may leave out (the branch, when importing into one)."""
    try:
        table = open_table(path, sheet=sheet, header_score=header_score, min_score=MIN_HEADER_SCORE)
    except HeaderNotFound as exc:
        if not any(exc.best):
            raise UserError(gettext("Tệp không có dữ liệu.")) from None
        where = (
            gettext("Trang tính “%(sheet)s”, dòng %(row)s") % {"sheet": exc.sheet, "row": exc.row}
            if exc.sheet
            else gettext("Dòng %(row)s") % {"row": exc.row}
        )
        if header_score(exc.best) == 0:
            raise UserError(
                gettext(
                    "Không tìm thấy dòng tiêu đề cột (cần các cột %(cols)s) trong %(n)s dòng đầu của tệp. "
                    "Xem các cột được nhận ra và tải tệp mẫu trên trang “Nhập danh sách đoàn viên”."
                )
                % {"cols": ", ".join(f"“{h}”" for _, h in REQUIRED), "n": HEADER_SCAN}
            ) from None
        raise _missing_columns(exc.best, where, optional) from None
    where = (
        gettext("Trang tính “%(sheet)s”, dòng %(row)s") % {"sheet": table.sheet, "row": table.header_row}
        if table.sheet
        else gettext("Dòng %(row)s") % {"row": table.header_row}
    )
    col = header_columns(table.header)
    if "gender" not in col and "birth_date" in col:
        _birth_by_gender(table, col)
    if any(k not in col and k not in optional for k, _ in REQUIRED):
        raise _missing_columns(table.header, where, optional)
    table.rows = _skip_column_numbers(table.rows)
    return table, col


def _birth_by_gender(table: Table, col: dict[str, int]) -> None:
    """The official form's "Ngày tháng năm sinh" over two columns, "Nam" | "Nữ" in the row under
    it, each birth date written in its gender's column: the sub-header row is taken from the
    rows and the two columns noted as "birth_male" and "birth_female" (gender then counts as
    present: `split_birth_columns` derives it)."""
    first = next(table.rows, None)
    if first is None:
        return
    cells, i = first[1], col["birth_date"]
    pair = [fold(c) for c in cells[i : i + 2]]
    if sorted(pair) == ["nam", "nu"]:
        col["birth_male"], col["birth_female"] = (i, i + 1) if pair[0] == "nam" else (i + 1, i)
        col["gender"] = col["birth_date"]  # the gender is the column the date is in
        table.sub_header = cells
    else:
        table.rows = chain([first], table.rows)


def split_birth_columns(rows, col: dict[str, int], width: int):
    """Rows of the two-column birth date layout with two cells added at `width`: the gender
    (from the column the date is in) and the date. Returns (rows, columns, new width)."""
    male, female = col["birth_male"], col["birth_female"]

    def gen():
        for number, cells in rows:
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            m, f = cells[male], cells[female]
            if m and f:
                extra = ["", f"{m} | {f}"]  # both columns filled: the date check names it
            elif m:
                extra = ["Nam", m]
            elif f:
                extra = ["Nữ", f]
            else:
                extra = ["", ""]
            yield number, cells[:width] + extra

    return gen(), {**col, "gender": width, "birth_date": width + 1}, width + 2


_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?|[A-Z]")


def _skip_column_numbers(rows):
    """Official forms number their columns in the row under the header ("1 2 3 …", "(1) (2) …"
    or "A B C …"): that row is not a member."""
    for number, cells in rows:
        filled = [c for c in cells if c]
        if len(filled) >= 3 and all(_COLUMN_NUMBER.fullmatch(c) for c in filled):
            continue
        yield number, cells
        break
    yield from rows


def count_rows(path: str | Path) -> int:
    """Data rows in a file (for the progress bar), estimated cheaply."""
    return tabular.count_rows(path)


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
    default_branch: str = ""  # the branch of every row when the file has no branch column


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
        if i is None:
            return (ctx.default_branch,) * n if key == "branch" and ctx.default_branch else empty
        return columns[i]

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
    provinces = fields.PROVINCES
    if n and _CCCD_ALL.fullmatch("\n".join(raw_ids)) and all(v[:3] in provinces for v in raw_ids):
        ids: list[str | None] = list(raw_ids)
    else:
        parsed = list(map(fields.parse_cccd, raw_ids))
        flag("cccd", parsed, 1)
        ids = list(map(_first, parsed))
    # The CCCD's century/gender digit and birth-year digits against the row's birth date and gender.
    century_gender, label = fields.CENTURY_GENDER, LABEL["cccd"]
    for k, v in enumerate(ids):
        if v is None:
            continue
        b, g = births[k], genders[k][0]
        century, sex = century_gender[v[3]]
        if (b[0] is not None or b[1].year - century == int(v[4:6])) and (
            g == sex or g is None or g == "khac"
        ):
            continue
        err = fields.check_cccd(v, b[1] if b[0] is None else None, g)
        if err:
            errs.setdefault(k, []).append((label, err))
            ids[k] = None
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
    """(row numbers, cells) per chunk of `size` numbered rows."""
    while batch := list(islice(rows, size)):
        yield [b[0] for b in batch], [b[1] for b in batch]


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


_KEY_OF_LABEL = {label: key for key, label in LABEL.items()}


def write_error_workbook(
    path: str | Path, sheet: str | None, bad: dict, out: str | Path, every_row: bool
) -> None:
    """The file again as a workbook to fix and import again: its header row and, in its order and
    columns, every data row (`every_row`, all-or-nothing mode) or only the rejected ones, each
    with its row number in the original file and its messages in a “Lỗi” column; the cells at
    fault are highlighted and carry their message as a comment."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    table, col = open_member_table(path, sheet, ("branch",))  # the file was accepted once
    added = {header_key(ROW_HEADER), header_key(ERROR_HEADER)}  # from an earlier error workbook: replaced
    keep = [i for i, h in enumerate(table.header) if header_key(h) not in added]
    width = max(keep, default=-1) + 1
    position = {i: n for n, i in enumerate(keep)}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(gettext("Sửa lỗi"))
    ws.freeze_panes = "A2"
    for n in range(len(keep)):
        ws.column_dimensions[_column_letter(n)].width = 18
    ws.column_dimensions[_column_letter(len(keep))].width = 12
    ws.column_dimensions[_column_letter(len(keep) + 1)].width = 70
    bold, red = Font(bold=True), PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
    wrap = Alignment(wrap_text=True, vertical="top")

    def header_cell(value):
        c = WriteOnlyCell(ws, value)
        c.font = bold
        return c

    ws.append(
        [header_cell(table.header[i]) for i in keep] + [header_cell(ROW_HEADER), header_cell(ERROR_HEADER)]
    )
    if table.sub_header:  # "Nam" | "Nữ" under a two-column birth date: kept so the file imports again
        sub = table.sub_header + [""] * (width - len(table.sub_header))
        ws.append([header_cell(sub[i]) for i in keep] + ["", ""])
    for number, cells in table.rows:
        errs = bad.get(number)
        if errs is None and not every_row:
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        row = [cells[i] for i in keep]
        message = ""
        if errs:
            row = [WriteOnlyCell(ws, v) for v in row]
            by_column: dict[int, list[str]] = {}
            for label, msg in errs:
                i = col.get(_KEY_OF_LABEL.get(label, ""))
                if i is not None and i in position:
                    by_column.setdefault(position[i], []).append(msg)
            for n, msgs in by_column.items():
                row[n].fill = red
                row[n].comment = Comment("\n".join(msgs), "Đoàn Số", width=300, height=120)
            message = "\n".join(f"{label}: {msg}" for label, msg in errs)
            err_cell = WriteOnlyCell(ws, message)
            err_cell.alignment = wrap
            err_cell.fill = red
            row += [number, err_cell]
        else:
            row += [number, ""]
        ws.append(row)
    wb.save(out)


def _column_letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n + 1)


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
    found in one query. A web upload never takes that path."""
    path = Path(path)
    if mode not in ("all", "valid"):
        raise UserError(gettext("Chế độ nhập phải là “all” hoặc “valid”."))
    into_branch = unit.kind in BRANCH_KINDS  # a branch's own list needs no branch column
    table, col = open_member_table(path, sheet, ("branch",) if into_branch else ())
    header, rows = table.header, table.rows
    expected = count_rows(path) if table.kind == "csv" else table.total
    if record is None:
        record = MemberImport.objects.create(
            created_by=actor if getattr(actor, "pk", None) else None,
            unit=unit,
            file_name=path.name,
            mode=mode,
        )
    pg = connection.vendor == "postgresql"
    deferred = expected >= defer_at and bulk.schema_changes_are_allowed()
    check_registry = not (deferred and pg)  # else: the unique constraint is rebuilt at the end
    if "name_given" in col:
        rows = _join_names(rows, col["full_name"], col["name_given"])
    width = len(header)
    if "birth_male" in col:
        rows, col, width = split_birth_columns(rows, col, width)
    default_branch = unit.code if into_branch and "branch" not in col else ""
    ctx = _Context(col, width, timezone.localdate(), record.pk, pg, default_branch)
    if workers is None:
        workers = settings.DOANSO_IMPORT_WORKERS if expected >= POOL_ROWS else 0
    branches = _Branches(unit)
    run = _Run(unit, actor, mode, record)
    res = run.res
    pool = None
    if workers > 0:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        pool = ProcessPoolExecutor(workers, mp_context=get_context("fork"))

    def checked():
        """(numbers, cells, _Checked) per chunk, in file order; with a pool, a few chunks ahead."""
        i = col.get("branch")

        def codes_of(cells):
            return {default_branch} if i is None else {c[i] if len(c) > i else "" for c in cells}

        if pool is None:
            for numbers, cells in _chunks(rows, chunk_size):
                codes = branches.resolve(codes_of(cells))
                yield numbers, cells, check_chunk(ctx, numbers, cells, codes)
            return
        pending: deque = deque()
        for numbers, cells in _chunks(rows, chunk_size):
            codes = branches.resolve(codes_of(cells))
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
                for numbers, _cells, ck in checked():
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
                        run.reject(numbers[k], errs[k])
                    if progress:
                        progress(res)
                if res.processed == 0:
                    raise UserError(gettext("Tệp không có dòng dữ liệu nào."))
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
                            _reject_late(run, bad)
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
    return res


def _save_errors(run: _Run, path: Path, sheet: str | None, errors_out) -> None:
    if errors_out and run.bad:
        write_error_workbook(path, sheet, run.bad, errors_out, every_row=run.mode == "all")
        run.res.errors_path = str(errors_out)


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


TEMPLATE_EXAMPLE = [
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
TEMPLATE_GUIDE = {
    "full_name": "Họ và tên đầy đủ, có dấu.",
    "birth_date": "Ngày/tháng/năm, ví dụ 05/03/2005 (hoặc ô kiểu ngày của Excel).",
    "gender": "Nam, Nữ hoặc Khác.",
    "cccd": "12 chữ số, ghi ở ô kiểu văn bản để Excel không bỏ số 0 đầu. 3 số đầu là mã tỉnh nơi đăng ký "
    "khai sinh, số thứ 4 là thế kỷ và giới tính, số thứ 5–6 là 2 số cuối năm sinh.",
    "phone": "10 chữ số, bắt đầu bằng 0 (có thể để trống).",
    "admitted_on": "Ngày kết nạp vào Đoàn (từ đủ 15 tuổi + 1 ngày đến 30 tuổi).",
    "branch": "Mã chi đoàn trong hệ thống (xem ở trang đơn vị).",
    "occupation": "Trường học, Địa bàn dân cư, Công nhân, Công chức, LLVT hoặc Khác.",
}


def write_template(out: str | Path, branch_code: str = "MÃ-CHI-ĐOÀN") -> None:
    """An import file with the headers and one example row; an .xlsx also has a guide sheet,
    and its CCCD and phone columns are text, so Excel keeps their leading zeros."""
    example = [branch_code if v == "MÃ-CHI-ĐOÀN" else v for v in TEMPLATE_EXAMPLE]
    if Path(out).suffix.lower() != ".xlsx":
        write_table(out, TEMPLATE_HEADERS, [example])
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(TEMPLATE_HEADERS)
    ws.append(example)
    required = {h for _, h in REQUIRED}
    for i, h in enumerate(TEMPLATE_HEADERS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True, color="C00000" if h in required else "000000")
        letter = cell.column_letter
        ws.column_dimensions[letter].width = max(14, len(h) + 4)
        if h in (LABEL["cccd"], LABEL["phone"]):
            for row in range(2, 1001):
                ws.cell(row=row, column=i).number_format = "@"
    ws.freeze_panes = "A2"
    guide = wb.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Cách ghi"])
    for key, label in REQUIRED + OPTIONAL:
        guide.append([label, "Có" if label in required else "Không", TEMPLATE_GUIDE.get(key, "")])
    guide.append([])
    guide.append(["Xóa dòng ví dụ (Nguyễn Văn An) trước khi nhập. Cột đỏ là cột bắt buộc."])
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["C"].width = 90
    wb.save(out)
