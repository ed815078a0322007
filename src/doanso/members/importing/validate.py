"""Validation of one chunk of import rows, column by column, and the member rows it builds.

Pure: no database and no ORM (the `pure-import-rows` contract in pyproject.toml keeps it so); it
runs in the importing process or in a worker process. Branch codes arrive resolved.
"""

import re
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from operator import itemgetter

from doanso.core import crypto
from doanso.core.text import fold
from doanso.members import charter, fields
from doanso.members.importing.columns import LABEL

# core.bulk.copy_escape's table, repeated here: core.bulk imports django.db.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_escape(value: str) -> str:
    """A text value for COPY's text format (backslash, tab, newline and carriage return escaped)."""
    return value.translate(_COPY_ESCAPES)


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
class ChunkContext:
    col: dict[str, int]
    width: int
    today: date
    import_id: int
    copy_text: bool  # PostgreSQL: lines for COPY; SQLite: tuples for executemany
    default_branch: str = ""  # the branch of every row when the file has no branch column


@dataclass
class CheckedChunk:
    """One validated chunk: errors by chunk index, hashes of the CCCDs to check against the
    registry, and the good rows ready to write (with their counter keys)."""

    errs: dict[int, list[tuple[str, str]]]
    live: list[int]
    hashes: list[str]
    good: list[int]
    out: list
    keys: list[tuple]


class _Chunk:
    """A chunk's cells by column, padded to the header's width, and the errors found so far
    (chunk index → [(column label, message)], in the order the checks run)."""

    def __init__(self, ctx: ChunkContext, numbers: list[int], cells: list[list[str]]):
        n = len(cells)
        if n and min(map(len, cells)) < ctx.width:
            cells = [r if len(r) >= ctx.width else r + [""] * (ctx.width - len(r)) for r in cells]
        self.ctx, self.numbers, self.n = ctx, numbers, n
        self.columns = list(zip(*cells, strict=False)) if n else []
        self.empty = ("",) * n
        self.errs: dict[int, list[tuple[str, str]]] = {}

    def column(self, key: str):
        i = self.ctx.col.get(key)
        if i is None:
            default = self.ctx.default_branch
            return (default,) * self.n if key == "branch" and default else self.empty
        return self.columns[i]

    def add(self, k: int, key: str, message: str) -> None:
        self.errs.setdefault(k, []).append((LABEL[key], message))

    def flag(self, key: str, entries, at: int = 0) -> None:
        """Record the error of each entry that has one (entries are tuples with the error at `at`)."""
        label, errs = LABEL[key], self.errs
        for k, e in enumerate(entries):
            if e[at] is not None:
                errs.setdefault(k, []).append((label, e[at]))


@dataclass
class _Parsed:
    """A chunk's values parsed column by column (entries as the memos return them)."""

    names: list
    births: list
    genders: list
    ids: list  # CCCD or None
    phones: list
    admitted: list
    emails: list
    occupations: list
    branch: list  # (id, path) or an error message


def _parse_ids(ch: _Chunk, births: list, genders: list) -> list:
    """The CCCD column: a fast path when every value is 12 digits with a known province code;
    then each CCCD's century/gender digit and birth-year digits against the row's birth date and
    gender (a CCCD that fails is None)."""
    raw_ids = ch.column("cccd")
    provinces = fields.PROVINCES
    if ch.n and _CCCD_ALL.fullmatch("\n".join(raw_ids)) and all(v[:3] in provinces for v in raw_ids):
        ids: list[str | None] = list(raw_ids)
    else:
        parsed = list(map(fields.parse_cccd, raw_ids))
        ch.flag("cccd", parsed, 1)
        ids = list(map(_first, parsed))
    century_gender = fields.CENTURY_GENDER
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
            ch.add(k, "cccd", err)
            ids[k] = None
    return ids


def _parse_columns(ch: _Chunk, branches: dict) -> _Parsed:
    """Every column parsed, its errors recorded in the order a row's messages are listed."""
    names = list(map(_names.__getitem__, ch.column("full_name")))
    ch.flag("full_name", names)
    births = list(map(_dates.__getitem__, ch.column("birth_date")))
    ch.flag("birth_date", births)
    genders = list(map(_genders.__getitem__, ch.column("gender")))
    ch.flag("gender", genders, 1)
    ids = _parse_ids(ch, births, genders)
    raw_phones = ch.column("phone")
    if _PHONE_ALL.fullmatch("\n".join(raw_phones)):
        phones = list(raw_phones)
    else:
        parsed = list(map(fields.parse_phone, raw_phones))
        ch.flag("phone", parsed, 1)
        phones = list(map(_first, parsed))
    admitted = list(map(_dates.__getitem__, ch.column("admitted_on")))
    ch.flag("admitted_on", admitted)
    raw_emails = ch.column("email")
    if any(raw_emails):
        parsed = list(map(fields.parse_email, raw_emails))
        ch.flag("email", parsed, 1)
        emails = list(map(_first, parsed))
    else:
        emails = raw_emails
    occupations = list(map(_occupations.__getitem__, ch.column("occupation")))
    ch.flag("occupation", occupations, 1)
    branch = list(map(branches.__getitem__, ch.column("branch")))
    for k, b in enumerate(branch):
        if b.__class__ is str:
            ch.add(k, "branch", b)
    return _Parsed(names, births, genders, ids, phones, admitted, emails, occupations, branch)


def _check_dates(ch: _Chunk, v: _Parsed) -> None:
    """Dates against each other and the Charter: integer comparisons, messages only for failures."""
    today, t = ch.ctx.today, ch.ctx.today.toordinal()
    suspects = [
        k
        for k, b, a in zip(range(ch.n), v.births, v.admitted, strict=True)
        if not (b[3] < t and b[5] <= a[3] <= b[6] and a[3] <= t)
    ]
    for k in suspects:
        b, a = v.births[k][1], v.admitted[k][1]
        if b is not None:
            if b >= today:
                ch.add(k, "birth_date", "ngày sinh phải trước hôm nay")
            elif a is not None:
                err = charter.admission_error(b, a, today)
                if err:
                    ch.add(k, "admitted_on", err)


def _check_repeats(ch: _Chunk, ids: list) -> None:
    """CCCD duplicates inside the chunk (the registry, earlier chunks included, is checked by the
    caller): the later rows are rejected."""
    present = [v for v in ids if v is not None]
    if len(set(present)) == len(present):
        return
    first_row: dict[str, int] = {}
    for k, v in enumerate(ids):
        if v is None:
            continue
        if v in first_row:
            ch.add(k, "cccd", f"trùng với dòng {ch.numbers[first_row[v]]} trong tệp")
            ids[k] = None
        else:
            first_row[v] = k


def check_chunk(
    ctx: ChunkContext, numbers: list[int], cells: list[list[str]], branches: dict
) -> CheckedChunk:
    """Validate one chunk column by column and build its member rows (no database access:
    `branches` has the entry of every branch code in the chunk)."""
    ch = _Chunk(ctx, numbers, cells)
    v = _parse_columns(ch, branches)
    _check_dates(ch, v)
    _check_repeats(ch, v.ids)
    n, ids, errs = ch.n, v.ids, ch.errs
    if sum(x is not None for x in ids) == n and not errs:
        live = list(range(n))
        hashes = crypto.lookup_hashes(ids)
    else:
        live = [k for k, x in enumerate(ids) if x is not None]
        hashes = crypto.lookup_hashes([ids[k] for k in live])
    good = [k for k in range(n) if k not in errs] if errs else list(range(n))
    if not good:
        return CheckedChunk(errs, live, hashes, good, [], [])
    out, keys = _build_rows(ch, v, good, dict(zip(live, hashes, strict=True)) if errs else None, hashes)
    return CheckedChunk(errs, live, hashes, good, out, keys)


def _build_rows(ch: _Chunk, v: _Parsed, good: list[int], hash_of: dict | None, hashes: list[str]):
    """The good rows, column by column: COPY lines (PostgreSQL) or tuples (SQLite) in
    `COPY_COLUMNS` order, and their counter keys. `hash_of` (chunk index → hash) when some rows
    were rejected; else every row is good and `hashes` are theirs in order.

    Over 60 lines only in layout: the two column lists spell out `COPY_COLUMNS` one per line."""
    ctx = ch.ctx
    if hash_of is not None:

        def pick(values):
            return [values[k] for k in good]

        good_hashes = [hash_of[k] for k in good]
    else:

        def pick(values):
            return values

        good_hashes = hashes
    g_names, g_births, g_admitted = pick(v.names), pick(v.births), pick(v.admitted)
    g_genders = list(map(_first, pick(v.genders)))
    g_occ = list(map(_first, pick(v.occupations)))
    g_branch = pick(v.branch)
    extras = []
    for key, size in _EXTRA:
        values = pick(ch.column(key))
        if values and max(map(len, values)) > size:
            values = [x[:size] for x in values]
        extras.append(values)
    g_emails = pick(v.emails)
    if max(map(len, g_emails)) > 120:
        g_emails = [x[:120] for x in g_emails]
    tokens = crypto.encrypt_many(pick(v.ids))
    full = list(map(_second, g_names))
    search = list(map(itemgetter(2), g_names))
    paths = list(map(_second, g_branch))
    b_years = [int(b[4]) for b in g_births]
    a_years = [int(a[4]) for a in g_admitted]
    keys = list(zip(paths, g_genders, g_occ, b_years, a_years, strict=True))
    rows_no = pick(ch.numbers)
    births_iso, admitted_iso = map(itemgetter(2), g_births), map(itemgetter(2), g_admitted)
    if ctx.copy_text:
        for values in (full, search, *extras, g_emails):
            if _COPY_SPECIAL.search("".join(values)):
                values[:] = map(copy_escape, values)
        suffix = f"active\t1\tf\t{ctx.import_id}\n"
        cols = (
            full,
            search,
            births_iso,
            map(itemgetter(4), g_births),
            g_genders,
            [str(b[0]) for b in g_branch],
            tokens,
            good_hashes,
            pick(v.phones),
            g_emails,
            g_occ,
            admitted_iso,
            map(itemgetter(4), g_admitted),
            *extras,
            map(str, rows_no),
            repeat(suffix),
        )
        return list(map("\t".join, zip(*cols, strict=False))), keys  # repeat() is endless
    cols = (
        full,
        search,
        births_iso,
        b_years,
        g_genders,
        map(_first, g_branch),
        tokens,
        good_hashes,
        pick(v.phones),
        g_emails,
        g_occ,
        admitted_iso,
        a_years,
        *extras,
        rows_no,
        repeat("active"),
        repeat(1),
        repeat(False),
        repeat(ctx.import_id),
    )
    return list(zip(*cols, strict=False)), keys  # repeat() is endless


def check_task(args):
    return check_chunk(*args)
