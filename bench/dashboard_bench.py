"""Dashboard vs DuckDB rolling up the raw report rows, measured in the same run.

    DOANSO_VAR_DIR=/tmp/bench .venv/bin/python bench/dashboard_bench.py [--units 100000] [--weeks 52]

1. DuckDB generates the raw rows of a national year — every unit files a weekly report
   with 12 values (units × weeks × 12 rows) — and times the national and the largest
   province's roll-up from them (the baseline: an export of the raw rows).
2. The same totals are bulk-loaded as the aggregate the report service maintains
   (per ancestor × indicator × period) for a synthetic 12-target plan, and the
   dashboard service is timed reading it, for Trung ương and the largest province.
3. The incremental path is timed separately: report submissions through the service.

Needs a migrated database with the demo (`doanso seed-demo --scale tiny` is enough: the
raw rows are synthetic, only the 34 provinces and Trung ương must exist).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date

import django

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
django.setup()

import duckdb  # noqa: E402
from django.db import transaction  # noqa: E402

from doanso.dashboard.services import dashboard  # noqa: E402
from doanso.org.models import SubtreeCounter, Unit  # noqa: E402
from doanso.plans import periods, services  # noqa: E402
from doanso.plans.models import Indicator  # noqa: E402
from doanso.reports import rollup  # noqa: E402

CODES = [
    "TN_LUOT",
    "CAY_XANH",
    "YT_SANG_KIEN",
    "AP_NTM",
    "VON_VAY_TN",
    "DA_KHOI_NGHIEP",
    "TV_HUONG_NGHIEP",
    "GT_VIEC_LAM",
    "NGOAI_NGU_LUOT",
    "TN_KHO_KHAN",
    "DV_UU_TU",
    "TRAO_LUU_KGM",
]


def timed(fn, repeat=5):
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--submissions", type=int, default=300)
    args = ap.parse_args()

    tw = Unit.objects.get(code="TW")
    provinces = list(Unit.objects.filter(parent=tw, kind="tinh", active=True).order_by("id"))
    np = len(provinces)
    print(
        f"raw rows: {args.units:,} units × {args.weeks} weeks × {len(CODES)} indicators "
        f"= {args.units * args.weeks * len(CODES):,}; {np} provinces"
    )

    # 1. DuckDB over the raw rows (unit u belongs to province u % np; the largest is weighted ×3).
    con = duckdb.connect()
    t = time.perf_counter()
    con.execute(f"""
        CREATE TABLE raw AS
        SELECT u AS unit, CASE WHEN u % {np + 2} >= {np} THEN 0 ELSE u % {np + 2} END AS province,
               w AS week, i AS ind, (hash(u, w, i) % 50)::BIGINT AS value
        FROM range({args.units}) t(u), range(1, {args.weeks} + 1) s(w), range({len(CODES)}) r(i)""")
    print(f"duckdb load: {time.perf_counter() - t:.1f} s")
    duck_nat = timed(lambda: con.execute("SELECT ind, sum(value) FROM raw GROUP BY ind").fetchall())
    duck_prov = timed(
        lambda: con.execute("SELECT ind, sum(value) FROM raw WHERE province = 0 GROUP BY ind").fetchall()
    )
    by_prov = con.execute("SELECT province, ind, sum(value) FROM raw GROUP BY ALL").fetchall()
    by_prov_week = con.execute("SELECT province, week, ind, sum(value) FROM raw GROUP BY ALL").fetchall()

    # 2. The aggregate for a synthetic plan, bulk-loaded.
    with transaction.atomic():
        plan = services.create_plan(
            None,
            tw,
            title="Kế hoạch đo hiệu năng",
            issued_on=date(2024, 1, 1),
            period_start="2024",
            issue=True,
        )
        inds = {i.code: i for i in Indicator.objects.filter(code__in=CODES)}
        for n, code in enumerate(CODES):
            services.add_target(None, plan, indicator=code, value=10**9, period="2024", order=n)
        weeks = periods.span("2024", "2024", periods.WEEK)[: args.weeks]
        delta = rollup.Delta()
        for p, w, i, v in by_prov_week:
            pid = provinces[p].pk
            dim = rollup.value_dim(plan.pk, inds[CODES[i]].pk)
            for key in {x.id for x in weeks[w - 1].ancestors()}:
                delta[(pid, dim, f"{key}:v")] += v
                delta[(tw.pk, dim, f"{key}:v")] += v
        SubtreeCounter.objects.bulk_create(
            [SubtreeCounter(unit_id=u, dim=d, key=k, n=n) for (u, d, k), n in delta.items()], batch_size=5000
        )
    largest = provinces[0]
    period = periods.parse("2024")
    ours_nat = timed(lambda: dashboard(plan, tw, period, with_children=False))
    ours_prov = timed(lambda: dashboard(plan, largest, period, with_children=False))
    ours_nat_children = timed(lambda: dashboard(plan, tw, period))
    # Same numbers?
    d = dashboard(plan, largest, period, with_children=False)
    expect = {CODES[i]: s for p, i, s in by_prov if p == 0}
    assert {t["indicator"]: t["actual"] for t in d["targets"]} == expect, "aggregate differs from DuckDB"

    print(
        f"national dashboard: ours {ours_nat * 1000:.1f} ms, DuckDB {duck_nat * 1000:.1f} ms "
        f"→ {duck_nat / ours_nat:.0f}× faster"
    )
    print(
        f"largest province:   ours {ours_prov * 1000:.1f} ms, DuckDB {duck_prov * 1000:.1f} ms "
        f"→ {duck_prov / ours_prov:.0f}× faster"
    )
    print(f"national with {np}+ children drill-down: {ours_nat_children * 1000:.1f} ms")

    # 3. Incremental path: submissions through the service (weekly, 2 indicators, 4-level tree).
    ob = services.add_obligation(
        None,
        plan,
        title="Báo cáo tuần",
        due_rule="weekly FR 12:00",
        indicators=["TIN_TOT", "BAI_VIET_NTTT"],
        applies_to="level",
        level="chi_doan",
    )
    from doanso.plans.models import Assignment
    from doanso.reports import services as reports

    units = [a.unit for a in Assignment.objects.filter(obligation=ob).select_related("unit")[:50]]
    t = time.perf_counter()
    n = 0
    for w in weeks:
        for u in units:
            if n >= args.submissions:
                break
            rep = reports.open_report(None, ob, u, w.id)
            reports.submit(None, rep, {"TIN_TOT": 3, "BAI_VIET_NTTT": 1})
            n += 1
    dt = time.perf_counter() - t
    print(
        f"incremental: {n} submissions through the service in {dt:.1f} s "
        f"= {dt / max(n, 1) * 1000:.1f} ms each "
        f"(100,000 ≈ {dt / max(n, 1) * 100_000 / 60:.0f} min)"
    )


if __name__ == "__main__":
    main()
