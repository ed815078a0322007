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
                values[:] = map(copy_escape, values)
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
