"""Participation indicators at scale (issue 14), PostgreSQL: a province's year read from the subtree
counters vs a raw `count(*)` of the participation rows, at growing table sizes.

    python bench/participation_scale_bench.py [--sizes 5000000,50000000] [--runs 20] [--measure-only]

Builds `doanso_bench_scale` (dropped and created), migrates it, seeds the tiny demo tree, then
2,500 activities of 2025 spread over the demo's units and types, and members for the rows. For each
size (rows only added: the second size appends to the first), the participation rows are written
by PostgreSQL itself (`INSERT … SELECT … FROM generate_series`, the table's indexes dropped and
rebuilt around it), and the subtree counters those check-ins would have written are rebuilt from
the rows: lượt and volunteer hours per activity rolled up by `org.counters` (the functions the
check-in service calls), distinct participants of the year by one SQL count. Then, after
`VACUUM ANALYZE` (count(*) at its best: an index-only scan), on the same connection:

- the province's participation indicators for 2025 — TN_LUOT, HD_LUOT, HD_GIO_TN, HD_NGUOI,
  CAY_XANH, HIEN_MAU, each through `plans.indicators.compute`, all six per sample — p50/p99;
- `SELECT count(*) FROM activities_participation`, p50 (goal: the indicators ≤ 1× of it);
- once, untimed as a goal: a recount of the same figures from the rows, which must be equal.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "doanso_bench_scale"
ACTIVITIES = 2500
CODES = ("TN_LUOT", "HD_LUOT", "HD_GIO_TN", "HD_NGUOI", "CAY_XANH", "HIEN_MAU")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]


def setup(create: bool = True) -> None:
    import psycopg

    sys.path.insert(0, str(ROOT / "src"))
    if create:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {DB}")
            c.execute(f"CREATE DATABASE {DB}")
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
    os.environ.setdefault("DOANSO_DEBUG", "0")
    os.environ.setdefault("DOANSO_SECRET_KEY", "bench-only-secret-key-0123456789abcdef")
    os.environ.setdefault("DOANSO_DATA_KEY", "bench-only-data-key-0123456789abcdef")
    os.environ.setdefault("DOANSO_HTTPS", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if create:
        call_command("migrate", verbosity=0)


def base(max_rows: int):
    """Units, activities and members: the rows' foreign keys."""
    from datetime import datetime, timedelta
    from decimal import Decimal

    from django.db import connection

    from doanso.activities.models import Activity, ActivityType
    from doanso.core.calendar.periods import TZ
    from doanso.demo.seed import seed
    from doanso.members.models import Member
    from doanso.org.models import Unit

    seed("tiny", log=lambda *_: None)
    rng = random.Random(14)
    units = list(Unit.objects.filter(active=True).exclude(code="TW"))
    types = list(ActivityType.objects.all())
    branch = Unit.objects.filter(kind="chi_doan", active=True).first()
    Activity.objects.bulk_create(
        [
            Activity(
                unit=rng.choice(units),
                title=f"Hoạt động {i}",
                type=rng.choice(types),
                start=(s := datetime(2025, 1, 1, 7, tzinfo=TZ) + timedelta(days=rng.randrange(365))),
                end=s + timedelta(hours=4),
                hours=Decimal(rng.choice([0, 1, 2, 3, 4])),
            )
            for i in range(ACTIVITIES)
        ],
        batch_size=2500,
    )
    n_members = -(-max_rows // ACTIVITIES)
    Member.objects.bulk_create(
        [
            Member(full_name=f"Đoàn viên {i}", birth_date="2003-01-01", gender="nu", branch=branch)
            for i in range(n_members)
        ],
        batch_size=5000,
    )
    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE bench_act AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, hours, start "
            f"FROM {Activity._meta.db_table}"
        )
        cur.execute(
            "CREATE TABLE bench_mem AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id "
            f"FROM {Member._meta.db_table}"
        )
        cur.execute("CREATE UNIQUE INDEX ON bench_act (k); CREATE UNIQUE INDEX ON bench_mem (k)")


def grow(lo: int, hi: int) -> float:
    """Rows lo..hi-1: activity lo % A, member lo // A (unique pairs), at the activity's start."""
    from django.db import connection

    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'activities_participation' "
            "AND indexname NOT LIKE '%%_pkey'"
        )
        indexes = cur.fetchall()
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'activities_participation'::regclass AND contype IN ('u', 'f')"
        )
        constraints = cur.fetchall()
        for name, _ in constraints:
            cur.execute(f'ALTER TABLE activities_participation DROP CONSTRAINT "{name}"')
        cur.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'activities_participation' "
            "AND indexname NOT LIKE '%%_pkey'"
        )
        for (name,) in cur.fetchall():
            cur.execute(f'DROP INDEX "{name}"')
        cur.execute(
            "INSERT INTO activities_participation "
            "(activity_id, member_id, guest_name, guest_phone_enc, hours, method, at) "
            "SELECT a.id, m.id, '', '', a.hours, 'staff', a.start FROM generate_series(%s, %s) g "
            f"JOIN bench_act a ON a.k = g %% {ACTIVITIES} JOIN bench_mem m ON m.k = g / {ACTIVITIES}",
            [lo, hi - 1],
        )
        cur.execute("SET maintenance_work_mem = '512MB'")
        for name, definition in indexes:
            if not any(name == c for c, _ in constraints):
                cur.execute(definition)
        for name, definition in constraints:
            cur.execute(f'ALTER TABLE activities_participation ADD CONSTRAINT "{name}" {definition}')
    return time.perf_counter() - t


def counters_from_rows() -> float:
    """The counters the check-ins would have written, rebuilt from the rows."""
    from django.db import connection
    from django.utils import timezone

    from doanso.activities import counting
    from doanso.activities.models import Activity
    from doanso.org import counters
    from doanso.org.models import SubtreeCounter

    t = time.perf_counter()
    SubtreeCounter.objects.filter(dim__startswith="act_").delete()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT activity_id, count(*), coalesce(sum(hours * 10), 0) FROM activities_participation "
            "GROUP BY activity_id"
        )
        per = {a: (n, int(h)) for a, n, h in cur.fetchall()}
    items = []
    for a in Activity.objects.filter(pk__in=per).select_related("unit", "type"):
        n, tenths = per[a.pk]
        on = timezone.localtime(a.start).date()
        for dim in (counting.month_dim(on), counting.day_dim(on)):
            items.append((a.unit.path, dim, f"l|{a.type.code}", n))
            if tenths:
                items.append((a.unit.path, dim, f"h|{a.type.code}", tenths))
    counters.apply(counters.expand(items))
    with connection.cursor() as cur:
        # Distinct participants of 2025 for every ancestor of a unit holding activities: the rows
        # are first cut to distinct (unit, member) pairs, then each pair is spread over its unit's
        # ancestors by an equality join (a LIKE join over a million pairs took over 14 minutes at
        # 50 M rows).
        cur.execute("SET work_mem = '256MB'")
        cur.execute(
            "CREATE TEMP TABLE bench_anc AS SELECT u.id AS unit_id, anc.id AS anc_id FROM org_unit u "
            "JOIN org_unit anc ON u.path LIKE anc.path || '%%'"
        )
        cur.execute(
            "CREATE TEMP TABLE bench_pairs AS SELECT DISTINCT a.unit_id, p.member_id "
            "FROM activities_participation p JOIN activities_activity a ON a.id = p.activity_id"
        )
        cur.execute(
            "INSERT INTO org_subtreecounter (unit_id, dim, key, n) "
            "SELECT anc_id, %s, '2025', count(*) FROM (SELECT DISTINCT x.anc_id, p.member_id "
            "FROM bench_pairs p JOIN bench_anc x ON x.unit_id = p.unit_id) d GROUP BY anc_id",
            [counting.PERSONS],
        )
        cur.execute("DROP TABLE bench_pairs; DROP TABLE bench_anc; RESET work_mem")
    return time.perf_counter() - t


def recount(province) -> dict[str, float]:
    """The province's 2025 figures straight from the rows (no counters)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FILTER (WHERE t.volunteer), count(*), coalesce(sum(p.hours), 0), "
            "count(DISTINCT p.member_id) FROM activities_participation p "
            "JOIN activities_activity a ON a.id = p.activity_id JOIN org_unit u ON u.id = a.unit_id "
            "JOIN activities_activitytype t ON t.id = a.type_id "
            "WHERE u.path LIKE %s AND p.at >= '2025-01-01 00:00+07' AND p.at < '2026-01-01 00:00+07'",
            [province.path + "%"],
        )
        tn, hd, hours, persons = cur.fetchone()
    return {"TN_LUOT": tn, "HD_LUOT": hd, "HD_GIO_TN": float(hours), "HD_NGUOI": persons}


def measure(runs: int) -> None:
    from django.db import connection

    from doanso.core.calendar.periods import Period
    from doanso.org.models import Unit
    from doanso.plans import indicators

    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE activities_participation")
        cur.execute("VACUUM ANALYZE org_subtreecounter")
    year = Period.year(2025)
    # The province with the most participation rows under it (by its counters; the recount below
    # checks them).
    province = max(
        Unit.objects.filter(kind="tinh", active=True),
        key=lambda u: indicators.compute("HD_LUOT", u, year).value,
    )

    def read() -> dict:
        return {c: indicators.compute(c, province, year) for c in CODES}

    def count() -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM activities_participation")
            return cur.fetchone()[0]

    read()
    rows = count()
    reads, counts = [], []
    for i in range(runs):
        t = time.perf_counter()
        got = read()
        reads.append(time.perf_counter() - t)
        if i % max(1, runs // 5) == 0:  # count(*) is slow: 5 samples, interleaved
            t = time.perf_counter()
            count()
            counts.append(time.perf_counter() - t)
    t = time.perf_counter()
    want = recount(province)
    rc = time.perf_counter() - t
    values = {c: (float(v.value) if v is not None else None) for c, v in got.items()}
    same = all(abs(values[c] - want[c]) < 1e-6 for c in want)
    c50 = statistics.median(counts)
    r50, r99 = statistics.median(reads), pct(reads, 99)
    print(
        f"  rows {rows:,}; {province.code} 2025: "
        + ", ".join(f"{c} {values[c]:,.1f}" for c in CODES)
        + f"; recount {'equal' if same else 'DIFFERENT ' + str(want)}"
    )
    print(
        f"  six indicators p50 {r50 * 1000:.2f} ms, p99 {r99 * 1000:.2f} ms; "
        f"count(*) p50 {c50 * 1000:,.0f} ms"
        f" → ratio p50 {r50 / c50:.5f}×, p99 {r99 / c50:.5f}× (goal ≤ 1×); "
        f"recount from the rows {rc * 1000:,.0f} ms ({rc / c50:.2f}× count(*))"
    )
    if not same:
        sys.exit(1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="5000000,50000000")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument(
        "--measure-only", action="store_true", help="measure the rows already in doanso_bench_scale"
    )
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.measure_only:  # the database a previous run left: measure it again
        setup(create=False)
        measure(args.runs)
        return
    setup()
    base(max(sizes))
    done = 0
    for size in sizes:
        g = grow(done, size)
        c = counters_from_rows()
        done = size
        print(
            f"== {size:,} participation rows (written in {g:.0f} s, counters rebuilt in {c:.0f} s)",
            flush=True,
        )
        measure(args.runs)


if __name__ == "__main__":
    main()
