"""Member lists and name search that hold at national size (6.3M members, 101k units).

A page is found in two steps: the ids of one page (a keyset query, never an OFFSET walk),
then those rows. Totals come from the subtree counters; a searched list is counted up to a
cap (`DOANSO_COUNT_CAP`, 10,000) and shown as "hơn 10.000" above it.

Order: the folded name (`search_name`), then id. A search query is folded the same way
(`core.text.fold`, đ → d) and cut into words; a member matches when the words appear in
their name in that order and next to each other, the last one possibly cut short
(`nguyen van an` finds "Nguyễn Văn An", "Nguyễn Văn Anh", "Trần Nguyễn Văn An", not
"Nguyễn Bảo Vân" nor "An Văn Nguyễn"). Ranking: names that start with the query first, in
name order (so the exact name comes first), then names that hold it further on, by id.

Two ways to find a page, chosen from the subtree's size (read from the counters):
- walk: follow an index in page order (the name index; the full-text index in id order)
  and keep rows in the subtree — cheap when the subtree holds a large share of all members;
- gather: take the subtree's members through the unit tree and sort them — cheap when the
  subtree is small. Walking costs about `limit × all / subtree` rows, gathering `subtree`
  rows, so the walk is taken when `subtree² ≥ limit × all`.

Names that start with the query are a range of the name index. The full-text index finds
the query further on: it holds each name without its first word, so the most common words
(family names; Nguyễn alone is 38% of members) stay out of it. It is SQLite FTS5
(`members_member_fts`, kept by triggers, migration 0005) or a PostgreSQL GIN index over
`to_tsvector('simple', <name without its first word>)`.

A query of digits is a CCCD: 12 digits are looked up by their keyed hash; anything shorter
or longer is not a search key and matches nothing.
"""

import base64
import binascii
import json
import re
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction

from doanso.accounts.scoping import scope_for
from doanso.core import crypto
from doanso.core.text import fold
from doanso.members.models import Member
from doanso.org.models import SubtreeCounter, Unit

FTS = "members_member_fts"
# The full-text index holds each folded name without its first word (migration 0005).
PG_TAIL = "(CASE WHEN strpos({s}, ' ') > 0 THEN substr({s}, strpos({s}, ' ') + 1) ELSE '' END)"
_WORD = re.compile(r"[^\W_]+")
_CCCD_CHARS = re.compile(r"[\d\s.\-]+")


# After the last row shown, in (search_name, id) order; the leading `>=` is what an index range
# seeks on (an OR alone is read as a filter, walking the index from its start).
KEYSET = "m.search_name >= %s AND (m.search_name > %s OR m.id > %s)"


def count_cap() -> int:
    return int(getattr(settings, "DOANSO_COUNT_CAP", 10_000))


# ---------------------------------------------------------------- queries


@dataclass(frozen=True)
class Query:
    kind: str  # "all", "words", "cccd", "none"
    words: tuple[str, ...] = ()
    cccd_hash: str = ""

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


def parse(q: str | None) -> Query:
    """What a search box's text asks for."""
    text = (q or "").strip()
    if not text:
        return Query("all")
    digits = re.sub(r"\D", "", text)
    if digits and _CCCD_CHARS.fullmatch(text):
        if len(digits) == 12:
            return Query("cccd", cccd_hash=crypto.lookup_hash(digits))
        return Query("none")  # a partial CCCD (or any other number) is not a search key
    words = tuple(_WORD.findall(fold(text)))
    return Query("words", words=words) if words else Query("all")


def looks_like_cccd(q: str | None) -> bool:
    """A search text that is (part of) an identity number (CCCD 12 digits, old CMND 9): personal data
    that must not travel in a URL, where access logs keep it (issue 12, finding 7). Such searches
    are POSTed (`POST /api/v1/units/{code}/members/search`, the list page's search box)."""
    text = (q or "").strip()
    return bool(text) and bool(_CCCD_CHARS.fullmatch(text)) and len(re.sub(r"\D", "", text)) >= 9


def _upper(prefix: str) -> str:
    """The smallest string above every string that starts with `prefix` (binary order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# ---------------------------------------------------------------- cursors


def encode_cursor(tier: str, name: str, pk: int) -> str:
    raw = json.dumps([tier, name, pk], ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[str, str, int] | None:
    """(tier, name, id) of the last row shown; None for the first page. Raises ValueError."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        tier, name, pk = json.loads(raw)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ValueError("bad cursor") from exc
    if tier not in ("a", "b") or not isinstance(name, str) or not isinstance(pk, int):
        raise ValueError("bad cursor")
    return tier, name, pk


# ---------------------------------------------------------------- pages


@dataclass
class MemberPage:
    items: list[Member]
    total: int  # exact, or the cap when `capped`
    capped: bool  # more than `total` rows ("hơn 10.000")
    next: str | None  # cursor of the next page
    query: Query = field(default_factory=lambda: Query("all"))

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def subtree_size(unit: Unit, status: str = "") -> int:
    """Members (of one status, or all) in the unit's subtree, from the counters (one query)."""
    qs = SubtreeCounter.objects.filter(unit=unit, dim="status")
    return sum(
        qs.filter(key=status).values_list("n", flat=True) if status else qs.values_list("n", flat=True)
    )


@dataclass(frozen=True)
class _Plan:
    lo: str
    hi: str
    mode: str  # "all" (no filter: the whole tree), "walk", "gather"


def _plan(unit: Unit, limit: int) -> _Plan:
    lo, hi = unit.subtree_range
    root_id = unit.ancestor_ids()[0]
    sizes = {}
    for uid, n in SubtreeCounter.objects.filter(unit_id__in={unit.pk, root_id}, dim="status").values_list(
        "unit_id", "n"
    ):
        sizes[uid] = sizes.get(uid, 0) + n
    size, everyone = sizes.get(unit.pk, 0), max(sizes.get(root_id, 0), 1)
    forced = getattr(settings, "DOANSO_MEMBER_LIST_PLAN", "")  # "walk" or "gather": tests, benchmarks
    if forced in ("walk", "gather"):
        return _Plan(lo, hi, forced)
    if unit.parent_id is None and not Unit.objects.filter(parent__isnull=True).exclude(pk=unit.pk).exists():
        return _Plan(lo, hi, "all")
    return _Plan(lo, hi, "walk" if size * size >= limit * everyone else "gather")


class _Sql:
    """SQL fragments for one engine and plan; every condition is bound through params."""

    def __init__(self, plan: _Plan, status: str = ""):
        self.plan, self.status = plan, status
        self.pg = connection.vendor == "postgresql"

    def _where(self, where: str, params: list, fts: str | None) -> tuple[str, str, list]:
        """(FROM, WHERE, params) with the subtree and status conditions added."""
        src, _ = self.source()
        gw, gp = self.gather_where()
        sc, scp = self.scope()
        if self.status:
            where, params = where + " AND m.status = %s", [*params, self.status]
        where = f"{where}{gw}{sc}"
        params = [*params, *gp, *scp]
        if self.uses_fts(fts):
            # The full-text table carries name, branch and status: tested there, not in members.
            return f"{FTS} m", "m.tail MATCH %s AND " + _in_fts(where), [fts, *params]
        return src, where, params

    def uses_fts(self, fts: str | None) -> bool:
        return fts is not None and not self.pg and self.plan.mode != "gather"

    def scope(self) -> tuple[str, list]:
        """Keep rows whose branch lies in the subtree, without steering the planner away from
        the index that gives the page order (walk) or towards it (gather: joined in `source`)."""
        if self.plan.mode != "walk":
            return "", []
        branch = "(m.branch_id + 0)" if self.pg else "+m.branch_id"
        return (
            f" AND {branch} IN (SELECT u.id FROM org_unit u WHERE u.path >= %s AND u.path < %s)",
            [self.plan.lo, self.plan.hi],
        )

    def source(self) -> tuple[str, list]:
        if self.plan.mode == "gather":
            return (
                "members_member m JOIN org_unit u ON u.id = m.branch_id",
                [],
            )
        return "members_member m", []

    def gather_where(self) -> tuple[str, list]:
        if self.plan.mode == "gather":
            return " AND u.path >= %s AND u.path < %s", [self.plan.lo, self.plan.hi]
        return "", []

    def order_name(self) -> str:
        # Gathering sorts the subtree's rows; keep the planner from walking the whole name index.
        if self.plan.mode == "gather":
            return "m.search_name || '', m.id" if self.pg else "+m.search_name, m.id"
        return "m.search_name, m.id"

    def _run(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def ids(self, where: str, params: list, order: str, limit: int, fts: str | None = None) -> list[tuple]:
        src, where, params = self._where(where, params, fts)
        cols = "m.id, m.search_name"
        if self.uses_fts(fts):
            cols, order = _in_fts(cols), _in_fts(order)
        elif order == "m.id" and self.pg and self.plan.mode != "all":
            # Within a subtree, found through the GIN index and sorted: following the primary key
            # tests every name outside the subtree too (5 s for "an" in TP.HCM). For the whole
            # tree the planner's own estimate of how common the words are picks well.
            order = "m.id + 0"
        return self._run(
            f"SELECT {cols} FROM {src} WHERE {where} ORDER BY {order} LIMIT %s", [*params, limit]
        )

    def count(self, where: str, params: list, cap: int, fts: str | None = None) -> int:
        src, where, params = self._where(where, params, fts)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {src} WHERE {where} LIMIT %s) t"
        return self._run(sql, [*params, cap])[0][0]


def _in_fts(sql: str) -> str:
    """Member columns as the full-text table names them (rowid = id, name = search_name)."""
    return sql.replace("m.search_name", "m.name").replace("m.id", "m.rowid")


def _starts(query: Query) -> tuple[str, list]:
    """Tier a: the folded name starts with the query (a range of the name index)."""
    p = query.phrase
    return "m.search_name >= %s AND m.search_name < %s", [p, _upper(p)]


def _contains(sql: _Sql, query: Query) -> tuple[str, list, str | None]:
    """Tier b: the query's words stand next to each other further on in the name.
    Returns (condition, params, FTS5 match expression for SQLite walks)."""
    p = query.phrase
    not_a = "NOT (m.search_name >= %s AND m.search_name < %s)"
    if sql.plan.mode != "gather":
        if sql.pg:
            tsq = " <-> ".join(query.words[:-1] + (query.words[-1] + ":*",))
            tail = PG_TAIL.format(s="m.search_name")
            return (
                f"to_tsvector('simple'::regconfig, {tail}) @@ to_tsquery('simple'::regconfig, %s) "
                f"AND {not_a}",
                [tsq, p, _upper(p)],
                None,
            )
        return not_a, [p, _upper(p)], '"' + p + '" *'
    # A small subtree: test each of its names.
    return f"(' ' || m.search_name) LIKE %s AND {not_a}", ["% " + p + "%", p, _upper(p)], None


def _session():
    """PostgreSQL: one transaction for a page's queries, with memory enough for exact bitmaps of
    common words (not lossy pages rechecked row by row)."""
    if connection.vendor != "postgresql":
        return nullcontext()
    return _PgSession()


class _PgSession:
    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        with connection.cursor() as cur:
            cur.execute("SET LOCAL work_mem = '64MB'")

    def __exit__(self, *exc):
        return self.atomic.__exit__(*exc)


def _find(sql: "_Sql", unit: Unit, query: Query, after, limit: int, cap: int, status: str):
    """(tier, name, id) of up to limit + 1 rows after the cursor, the total and whether it is capped."""
    found: list[tuple[str, str, int]] = []  # (tier, name, id)
    if query.kind == "all":
        where, params = "1 = 1", []
        if after:
            where, params = KEYSET, [after[1], after[1], after[2]]
        found = [("a", n, i) for i, n in sql.ids(where, params, sql.order_name(), limit + 1)]
        total, capped = subtree_size(unit, status), False
    else:
        a_where, a_params = _starts(query)
        if after is None or after[0] == "a":
            where, params = a_where, a_params
            if after:
                where += " AND " + KEYSET
                params = [*params, after[1], after[1], after[2]]
            found = [("a", n, i) for i, n in sql.ids(where, params, sql.order_name(), limit + 1)]
        total = sql.count(a_where, a_params, cap + 1)
        need = limit + 1 - len(found)
        b_where, b_params, fts = _contains(sql, query)
        after_b = after[2] if after and after[0] == "b" else None
        if total <= cap:
            # One read of the second tier serves both its count and, most often, the page.
            room = cap + 1 - total
            b_rows = sql.ids(b_where, b_params, "m.id", room, fts)
            total += len(b_rows)
            rest = [r for r in b_rows if after_b is None or r[0] > after_b]
            if need > 0 and (len(rest) >= need or len(b_rows) < room):
                found += [("b", n, i) for i, n in rest[:need]]
                need = 0
        if need > 0:  # a page of the second tier past the first `cap` rows
            if after_b is not None:
                b_where += " AND m.id > %s"
                b_params = [*b_params, after_b]
            found += [("b", n, i) for i, n in sql.ids(b_where, b_params, "m.id", need, fts)]
        capped = total > cap
        total = min(total, cap)

    return found, total, capped


def member_page(
    user,
    unit: Unit,
    q: str | None = "",
    cursor: str | None = None,
    limit: int = 50,
    cap: int | None = None,
    status: str = "",
) -> MemberPage:
    """One page of the members of `unit`'s subtree the user may see, in list or search order.

    Raises ValueError for a cursor that this function did not make.
    """
    cap = count_cap() if cap is None else cap
    query = parse(q)
    after = decode_cursor(cursor)
    if not scope_for(user).covers(unit.path) or query.kind == "none":
        return MemberPage([], 0, False, None, query)
    if query.kind == "cccd":
        lo, hi = unit.subtree_range
        qs = Member.objects.select_related("branch").filter(
            cccd_hash=query.cccd_hash, branch__path__gte=lo, branch__path__lt=hi
        )
        rows = list(qs.filter(status=status) if status else qs)
        return MemberPage(rows if after is None else [], len(rows), False, None, query)

    plan = _plan(unit, limit)
    sql = _Sql(plan, status)
    with _session():
        found, total, capped = _find(sql, unit, query, after, limit, cap, status)

    has_next = len(found) > limit
    found = found[:limit]
    rows = Member.objects.select_related("branch").in_bulk([i for _, _, i in found])
    items = [rows[i] for _, _, i in found if i in rows]
    nxt = encode_cursor(*found[-1]) if has_next and found else None
    return MemberPage(items, total, capped, nxt, query)


# ---------------------------------------------------------------- the index


def ensure_index() -> bool:
    """True when the engine's name index is in place (SQLite: the FTS table and its triggers)."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
                [FTS, f"{FTS}_ai", f"{FTS}_ad", f"{FTS}_au"],
            )
            return cur.fetchone()[0] == 4
        if connection.vendor == "postgresql":
            cur.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'member_name_fts'")
            return cur.fetchone()[0] == 1
    return True


def index_members(ids: Iterable[int] | None = None) -> None:
    """Bring the name index up to date for these members (all when None); the one call for
    writers that may have bypassed it.

    The SQLite triggers and the PostgreSQL expression index follow every write, so this is for
    repair: when something dropped the triggers (a bulk load that drops them, a table rebuilt by
    a later migration) they are recreated and the whole index rebuilt; otherwise the given
    members are indexed again from their rows.
    """
    if connection.vendor != "sqlite":
        return
    from importlib import import_module

    migration = import_module("doanso.members.migrations.0006_member_search")
    with connection.cursor() as cur:
        if ids is None or not ensure_index():
            for sql in migration.SQLITE_FORWARD:
                cur.execute(sql)
            return
        ids = list(ids)
        values = migration._values("m")
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cur.execute(f"DELETE FROM {FTS} WHERE rowid IN ({marks})", chunk)
            cur.execute(
                f"INSERT INTO {FTS}(rowid, tail, name, branch_id, status) "
                f"SELECT {values} FROM members_member m WHERE m.id IN ({marks})",
                chunk,
            )


__all__ = ["MemberPage", "Query", "ensure_index", "index_members", "looks_like_cccd", "member_page", "parse"]
