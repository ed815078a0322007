"""Dashboard benchmark through the real path, on the national demo (SQLite or PostgreSQL).

    DATABASE_URL=... .venv/bin/python bench/dashboard_bench.py [--sample 200] [--week 2026W45] [--keep]

Needs the national demo (`make bench` builds it in its foundation step; or
`doanso seed-demo --scale national` into any database). The benchmark adds a plan of
Trung ương Đoàn for 2026 (a weekly report owed by every unit down to the branches, six
manual indicators — sum, count and ratio — plus four targets on computed member
indicators), measures, checks, and deletes what it added (unless `--keep`).

1. The aggregate is filled only through the report services' own code:
   - `--sample` units, spread over the tree, open and submit a report one at a time
     through `reports.services` (open_report, submit; some returned and resubmitted):
     the cost of keeping the aggregate per submission, with the roll-up's own share;
   - a whole national week: every unit that owes the weekly report submits once. Rows are
     written in batches (reports, values, history, audit, as `submit` writes them) and
     rolled up by the same functions `submit` calls (`rollup.deltas` per report, read
     back from the stored values, then `rollup.apply`), batch by batch.
2. Pages are timed with their children, as tw.admin: the dashboard service, the API
   (`/api/v1/plans/{id}/dashboard`) and the web page (`/dashboard/{id}/{code}/`) for
   Trung ương and for the largest province — chosen by counting its member rows.
3. Independent recount, never reading the aggregate tables: DuckDB over the raw submitted
   values (exported report rows joined to unit paths) for the manual indicators and the
   reports received / on time, and a plain SQL group-by over member rows for the computed
   indicators, for the unit and each child. Any difference fails the run (exit 1).
4. Baseline, same run: the dashboard read against that DuckDB recount of the same figures,
   over the rows actually submitted, and over a year of them (the week's rows × 52).
"""

import argparse
import csv
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import django

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
os.environ.setdefault("DOANSO_DEBUG", "0")  # as served: no query log kept per request
django.setup()

import duckdb  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from doanso.accounts.models import ApiToken, User  # noqa: E402
from doanso.core import audit  # noqa: E402
from doanso.core.calendar import periods  # noqa: E402
from doanso.core.models import AuditLog  # noqa: E402
from doanso.dashboard import services as dash  # noqa: E402
from doanso.demo import bulk  # noqa: E402
from doanso.org.models import SubtreeCounter, Unit  # noqa: E402
from doanso.org.tree import SEGMENT  # noqa: E402
from doanso.plans import api as plans  # noqa: E402
from doanso.plans.models import Aggregation, Assignment, Indicator, Plan  # noqa: E402
from doanso.reports import queries, rollup  # noqa: E402
from doanso.reports import services as reports  # noqa: E402
from doanso.reports.models import COUNTED, Report, ReportEvent, ReportStatus, ReportValue  # noqa: E402

YEAR = 2026
TITLE = "Kế hoạch đo hiệu năng bảng theo dõi (bench)"
# Weekly, manual: four sums, a count (units with a value > 0) and a ratio.
WEEKLY = ["TN_LUOT", "CAY_XANH", "TIN_TOT", "GT_VIEC_LAM", "CHI_DOAN_MANH", "TAP_HOP_TN"]
TARGETS = {"TN_LUOT": 5_000_000, "CAY_XANH": 3_000_000, "TIN_TOT": 600_000, "GT_VIEC_LAM": 200_000}
TARGETS |= {"CHI_DOAN_MANH": 50_000, "TAP_HOP_TN": 68}
# Computed from member rows through members.api (subtree counters), not reported.
COMPUTED = {"DV_TONG": 6_000_000, "TL_DV_SINH_HOAT": 95, "DV_KET_NAP_MOI_HS": 400_000, "DV_DU_30_HS": 300_000}
BATCH = 5000


def log(msg: str) -> None:
    print(msg, flush=True)


def median_of(fn, repeat: int) -> tuple[float, object]:
    out = fn()  # warm-up (and the result)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def values_for(rng: random.Random) -> dict:
    den = rng.randint(5, 60)
    return {
        "TN_LUOT": rng.randint(0, 40),
        "CAY_XANH": rng.randint(0, 30),
        "TIN_TOT": rng.randint(0, 5),
        "GT_VIEC_LAM": rng.randint(0, 3),
        "CHI_DOAN_MANH": rng.randint(0, 1),
        "TAP_HOP_TN": [rng.randint(0, den), den],
    }


# ---- setup and cleanup ------------------------------------------------------------------


def make_plan(tw: Unit) -> tuple[Plan, object]:
    with transaction.atomic():
        plan = plans.create_plan(
            None, tw, title=TITLE, issued_on=date(YEAR, 1, 5), period_start=str(YEAR), issue=True
        )
        for n, (code, v) in enumerate((TARGETS | COMPUTED).items()):
            plans.add_target(None, plan, indicator=code, value=v, period=str(YEAR), order=n)
        ob = plans.add_obligation(
            None,
            plan,
            title="Báo cáo tuần (đo hiệu năng)",
            due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
            indicators=WEEKLY,
            applies_to="level",
            level="chi_doan",
        )
    return plan, ob


def cleanup(plan_ids: list[int], token_ids: list[int]) -> None:
    """Delete every row the benchmark added: aggregate rows, reports, the plan."""
    if not plan_ids:
        return
    dims = [rollup.report_dim(p) for p in plan_ids]
    inds = list(Indicator.objects.filter(code__in=list(TARGETS | COMPUTED)).values_list("pk", flat=True))
    dims += [rollup.value_dim(p, i) for p in plan_ids for i in inds]
    with transaction.atomic():
        report_ids = Report.objects.filter(obligation__plan_id__in=plan_ids).values("pk")
        with connection.cursor() as cur:
            cur.execute(
                f"DELETE FROM {AuditLog._meta.db_table} WHERE object_type = 'Report' AND object_id IN "
                f"(SELECT CAST(r.id AS VARCHAR(20)) FROM {Report._meta.db_table} r "
                f"JOIN plans_obligation o ON o.id = r.obligation_id WHERE o.plan_id IN "
                f"({', '.join(['%s'] * len(plan_ids))}))",
                plan_ids,
            )
        ReportValue.objects.filter(report__in=report_ids).delete()
        ReportEvent.objects.filter(report__in=report_ids).delete()
        from doanso.reports.models import Reminder

        Reminder.objects.filter(obligation__plan_id__in=plan_ids).delete()
        Report.objects.filter(obligation__plan_id__in=plan_ids).delete()
        SubtreeCounter.objects.filter(dim__in=dims).delete()
        Assignment.objects.filter(obligation__plan_id__in=plan_ids).delete()
        Plan.objects.filter(pk__in=plan_ids).delete()
        ApiToken.objects.filter(pk__in=token_ids).delete()


# ---- 1. the aggregate through the real path ----------------------------------------------


def sample_units(ob, n: int) -> list[Unit]:
    ids = list(Assignment.objects.filter(obligation=ob).order_by("unit_id").values_list("unit_id", flat=True))
    picked = sorted(random.Random(7).sample(ids, min(n, len(ids))))
    by_id = Unit.objects.in_bulk(picked)
    return [by_id[i] for i in picked]


def through_service(ob, units: list[Unit], week: str) -> dict:
    """Each unit opens and submits its report through `reports.services`, one transaction each."""
    _, deadline = reports.check_period(ob, week)
    spent = {"rollup": 0.0}
    real_apply, real_deltas = rollup.apply, rollup.deltas

    def timed_apply(d):
        t = time.perf_counter()
        real_apply(d)
        spent["rollup"] += time.perf_counter() - t

    def timed_deltas(*a, **k):
        t = time.perf_counter()
        out = real_deltas(*a, **k)
        spent["rollup"] += time.perf_counter() - t
        return out

    rng = random.Random(46)
    times, returned, resubmitted = [], 0, 0
    rollup.apply, rollup.deltas = timed_apply, timed_deltas
    try:
        for n, u in enumerate(units):
            at = deadline + timedelta(hours=rng.randint(-60, 30))
            vals = values_for(rng)
            t = time.perf_counter()
            rep = reports.open_report(None, ob, u, week)
            reports.submit(None, rep, vals, at=at)
            times.append(time.perf_counter() - t)
            if n % 10 == 3:  # returned by the issuer; half of them corrected and submitted again
                reports.return_report(None, rep, "Đề nghị bổ sung số liệu.", at=at + timedelta(days=1))
                returned += 1
                if n % 20 == 3:
                    reports.submit(None, rep, values_for(rng), at=at + timedelta(days=2))
                    resubmitted += 1
    finally:
        rollup.apply, rollup.deltas = real_apply, real_deltas
    return {
        "n": len(times),
        "p50": statistics.median(times),
        "p95": sorted(times)[int(0.95 * (len(times) - 1))],
        "mean": statistics.fmean(times),
        "rollup_share": spent["rollup"] / sum(times),
        "returned": returned,
        "resubmitted": resubmitted,
    }


def national_week(ob, week: str) -> dict:
    """Every assigned unit submits once for `week`: rows written in batches as `submit` writes them,
    rolled up by `rollup.deltas` (from the stored values, as `reports.services._count` reads them)
    and `rollup.apply`."""
    p, deadline = reports.check_period(ob, week)
    inds = {i.code: i for i in ob.indicators.all()}
    units = list(
        Unit.objects.filter(pk__in=Assignment.objects.filter(obligation=ob).values("unit_id"))
        .order_by("path")
        .values_list("pk", "path")
    )
    rng = random.Random(45)
    counter_t = SubtreeCounter._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {counter_t}")
        counters_before = cur.fetchone()[0]
    t_write = t_roll = 0.0
    n_values = n_deltas = 0
    t0 = time.perf_counter()
    with transaction.atomic():
        for i in range(0, len(units), BATCH):
            chunk = units[i : i + BATCH]
            t = time.perf_counter()
            rows, vals = [], []
            for uid, _path in chunk:
                at = deadline + timedelta(hours=rng.randint(-60, 12))
                on_time = at <= deadline
                rows.append(
                    Report(
                        obligation=ob,
                        unit_id=uid,
                        period=p.id,
                        status=ReportStatus.SUBMITTED,
                        due_at=deadline,
                        submitted_at=at,
                        on_time=on_time,
                        version=3,
                        counted=True,
                    )
                )
                vals.append(values_for(rng))
            reps = Report.objects.bulk_create(rows)
            value_rows = [
                (r.pk, inds[c].pk, v[0], v[1]) if isinstance(v, list) else (r.pk, inds[c].pk, v, None)
                for r, vs in zip(reps, vals, strict=True)
                for c, v in vs.items()
            ]
            n_values += bulk.load(
                ReportValue._meta.db_table, ("report_id", "indicator_id", "value", "denominator"), value_rows
            )
            ReportEvent.objects.bulk_create(
                [
                    ReportEvent(report=r, action=a, at=r.submitted_at, data=d)
                    for r, vs in zip(reps, vals, strict=True)
                    for a, d in (("save", {"values": vs}), ("submit", {"on_time": r.on_time}))
                ],
                batch_size=2000,
            )
            audit.record_many(
                None,
                "report.submit",
                "Report",
                [{"id": r.pk, "period": r.period, "on_time": r.on_time} for r in reps],
            )
            t_write += time.perf_counter() - t
            # The roll-up: what `submit` does per report (`_count`), batch by batch.
            t = time.perf_counter()
            path_of = dict(chunk)
            stored = defaultdict(list)
            for rid, iid, agg, v, d in ReportValue.objects.filter(
                report__in=[r.pk for r in reps]
            ).values_list("report_id", "indicator_id", "indicator__aggregation", "value", "denominator"):
                stored[rid].append((iid, agg, v, d))
            delta = Counter()
            for r in reps:
                delta.update(
                    rollup.deltas(ob.plan_id, path_of[r.unit_id], r.period, bool(r.on_time), stored[r.pk], +1)
                )
            n_deltas += len(delta)
            rollup.apply(delta)
            t_roll += time.perf_counter() - t
    total = time.perf_counter() - t0
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {counter_t}")
        counters_after = cur.fetchone()[0]
    return {
        "reports": len(units),
        "values": n_values,
        "events": 2 * len(units),
        "total": total,
        "write": t_write,
        "rollup": t_roll,
        "deltas": n_deltas,
        "new_counter_rows": counters_after - counters_before,
    }


# ---- 3. the independent recount ------------------------------------------------------------


class Recount:
    """DuckDB over the raw submitted values (report rows joined to unit paths) and plain SQL over member
    rows. Nothing here reads the subtree counters."""

    def __init__(self, plan: Plan, workdir: Path):
        self.plan = plan
        t = time.perf_counter()
        self.csv = workdir / "raw.csv"
        n = 0
        with connection.cursor() as cur, open(self.csv, "w", newline="") as fh:
            w = csv.writer(fh)
            cur.execute(
                "SELECT u.path, r.period, r.on_time, r.id, i.code, i.aggregation, v.value, v.denominator "
                f"FROM {Report._meta.db_table} r "
                f"JOIN {ReportValue._meta.db_table} v ON v.report_id = r.id "
                f"JOIN {Indicator._meta.db_table} i ON i.id = v.indicator_id "
                f"JOIN {Unit._meta.db_table} u ON u.id = r.unit_id "
                "JOIN plans_obligation o ON o.id = r.obligation_id "
                f"WHERE o.plan_id = %s AND r.status IN ({', '.join(['%s'] * len(COUNTED))})",
                [plan.pk, *COUNTED],
            )
            while rows := cur.fetchmany(20000):
                w.writerows(
                    (p, per, int(bool(ot)), rid, c, a, v, "" if d is None else d)
                    for p, per, ot, rid, c, a, v, d in rows
                )
                n += len(rows)
        self.rows = n
        self.db = duckdb.connect(str(workdir / "raw.duckdb"))
        self.db.execute("SET memory_limit = '1GB'; SET threads = 1")
        self.db.execute(
            "CREATE TABLE raw AS SELECT * FROM read_csv(?, header = false, columns = {"
            "'path': 'VARCHAR', 'period': 'VARCHAR', 'on_time': 'BOOLEAN', 'rid': 'BIGINT', "
            "'code': 'VARCHAR', 'agg': 'VARCHAR', 'value': 'BIGINT', 'den': 'BIGINT'})",
            [str(self.csv)],
        )
        self.export_s = time.perf_counter() - t

    def make_year(self, weeks: int) -> int:
        """The submitted rows repeated over `weeks` weeks of the year: a year's volume of raw values."""
        self.db.execute(
            f"CREATE TABLE raw_year AS SELECT path, '{YEAR}W' || lpad(CAST(w + 1 AS VARCHAR), 2, '0') "
            f"AS period, on_time, rid * 100 + w AS rid, code, agg, value, den FROM raw, range({weeks}) t(w)"
        )
        return self.db.execute("SELECT count(*) FROM raw_year").fetchone()[0]

    def manual(self, unit: Unit, children: list[Unit], period: periods.Period, table: str = "raw") -> dict:
        """{unit code: ({indicator code: actual}, (received, on time))} for the unit and its children."""
        ids = [p.id for g in periods.GRAINS[periods.GRAINS.index(period.grain) :] for p in period.children(g)]
        lo, hi = unit.subtree_range
        n = len(unit.path) + SEGMENT + 1
        child_of = {c.path: c.code for c in children}
        marks = ", ".join("?" * len(ids))
        rows = self.db.execute(
            "SELECT CASE WHEN length(path) >= ? THEN substr(path, 1, ?) ELSE '' END AS p, code, "
            "any_value(agg), sum(value), sum(den), count(*) FILTER (WHERE value > 0), "
            "count(*), count(*) FILTER (WHERE on_time) "
            f"FROM {table} WHERE path >= ? AND path < ? AND period IN ({marks}) GROUP BY ALL",
            [n, n, lo, hi, *ids],
        ).fetchall()
        out: dict[str, tuple[dict, list]] = {unit.code: ({}, [0, 0])}
        acc: dict[str, dict[str, list]] = defaultdict(dict)
        seen: dict[str, dict[str, tuple]] = defaultdict(dict)
        for p, code, agg, s, d, nz, r, t in rows:
            who = [unit.code] + ([child_of[p]] if p in child_of else [])
            for w in who:
                a = acc[w].setdefault(code, [agg, 0, 0, 0])
                a[1] += s or 0
                a[2] += d or 0
                a[3] += nz
                if code == WEEKLY[0]:  # submit requires every indicator: one value per report
                    seen[w][p] = (r, t)
        for w, per_ind in acc.items():
            vals = {}
            for code, (agg, s, d, nz) in per_ind.items():
                if agg == Aggregation.RATIO:
                    vals[code] = round(100.0 * s / d, 4) if d else None
                elif agg == Aggregation.COUNT:
                    vals[code] = nz
                else:
                    vals[code] = s
            received = [sum(x[0] for x in seen[w].values()), sum(x[1] for x in seen[w].values())]
            out[w] = (vals, received)
        return out

    @staticmethod
    def computed(unit: Unit, children: list[Unit], year: int) -> dict[str, dict]:
        """Computed indicators recounted from member rows: {unit code: {indicator code: actual}}."""
        lo, hi = unit.subtree_range
        n = len(unit.path) + SEGMENT + 1
        child_of = {c.path: c.code for c in children}
        with connection.cursor() as cur:
            cur.execute(
                "SELECT CASE WHEN length(u.path) >= %s THEN substr(u.path, 1, %s) ELSE '' END, m.status, "
                "sum(CASE WHEN m.admitted_year = %s THEN 1 ELSE 0 END), "
                "sum(CASE WHEN m.birth_year = %s THEN 1 ELSE 0 END), count(*) "
                "FROM members_member m JOIN org_unit u ON u.id = m.branch_id "
                "WHERE u.path >= %s AND u.path < %s GROUP BY 1, 2",
                [n, n, year, year - 30, lo, hi],
            )
            rows = cur.fetchall()
        acc: dict[str, Counter] = defaultdict(Counter)
        for p, status, admitted, thirty, k in rows:
            for w in [unit.code] + ([child_of[p]] if p in child_of else []):
                acc[w]["all"] += k
                acc[w]["admitted"] += admitted
                if status == "active":
                    acc[w]["active"] += k
                    acc[w]["thirty"] += thirty
        return {
            w: {
                "DV_TONG": c["active"],
                "TL_DV_SINH_HOAT": round(100.0 * c["active"] / c["all"], 4) if c["all"] else None,
                "DV_KET_NAP_MOI_HS": c["admitted"],
                "DV_DU_30_HS": c["thirty"],
            }
            for w, c in acc.items()
        }


def compare(data: dict, manual: dict, members: dict) -> list[str]:
    """Differences between the dashboard (unit and children) and the recount."""
    bad = []
    for who in [{**data, "unit": data["unit"]["code"]}, *data["children"]]:
        code = who["unit"]
        vals, (rec, ontime) = manual.get(code, ({}, [0, 0]))
        mem = members.get(code, {})
        for t in who["targets"]:
            ind = t["indicator"]
            want = mem.get(ind, 0) if ind in COMPUTED else vals.get(ind)
            if ind in COMPUTED and ind.startswith("TL_"):
                want = mem.get(ind)
            got = t["actual"]
            if (got is None) != (want is None) or (got is not None and abs(float(got) - float(want)) > 1e-3):
                bad.append(f"{code} {ind}: dashboard {got} ≠ recount {want}")
        r = who["reports"]
        if (r["received"], r["on_time"]) != (rec, ontime):
            bad.append(f"{code} reports: dashboard {r['received']}/{r['on_time']} ≠ recount {rec}/{ontime}")
    return bad


# ---- main ---------------------------------------------------------------------------------


def largest_province(tw: Unit) -> tuple[Unit, dict]:
    """The province with the most member rows (counted, not read from counters), and each one's count."""
    provinces = list(Unit.objects.filter(parent=tw, active=True))
    n = len(tw.path) + SEGMENT + 1
    with connection.cursor() as cur:
        cur.execute(
            "SELECT substr(u.path, 1, %s), count(*) FROM members_member m "
            "JOIN org_unit u ON u.id = m.branch_id GROUP BY 1",
            [n],
        )
        by_path = dict(cur.fetchall())
    sizes = {p.code: by_path.get(p.path, 0) for p in provinces}
    return max(provinces, key=lambda p: sizes[p.code]), sizes


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=200, help="submissions through the service, one by one")
    ap.add_argument("--week", default=f"{YEAR}W45", help="the national week (every unit submits once)")
    ap.add_argument("--service-week", default=f"{YEAR}W46")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--year-weeks", type=int, default=52, help="raw volume of the year baseline (0: skip)")
    ap.add_argument("--keep", action="store_true", help="keep the plan, reports and aggregate rows")
    args = ap.parse_args()

    tw = Unit.objects.get(code="TW")
    n_units = Unit.objects.count()
    log(f"engine={connection.vendor} units={n_units:,}")
    if n_units < 50_000:
        log("(not the national demo: figures are not comparable with docs/benchmarks.md)")
    for stale in Plan.objects.filter(title=TITLE).values_list("pk", flat=True):
        cleanup([stale], [])  # left by an interrupted run

    t = time.perf_counter()
    largest, sizes = largest_province(tw)
    log(
        f"largest province by member rows: {largest.code} ({sizes[largest.code]:,} members, "
        f"{Unit.objects.subtree(largest).count():,} units; counted in {time.perf_counter() - t:.1f} s)"
    )

    plan_ids, token_ids = [], []
    failed = False
    work = Path(tempfile.mkdtemp(prefix="dash-bench-", dir=os.environ.get("BENCH_TMP")))
    try:
        t = time.perf_counter()
        plan, ob = make_plan(tw)
        plan_ids.append(plan.pk)
        assigned = Assignment.objects.filter(obligation=ob).count()
        log(
            f"plan {plan.pk}: {len(TARGETS)} manual + {len(COMPUTED)} computed targets, "
            f"weekly report owed by {assigned:,} units ({time.perf_counter() - t:.1f} s)"
        )

        # 1a. per submission, through the service
        s = through_service(ob, sample_units(ob, args.sample), args.service_week)
        log(
            f"submission through reports.services (open_report + submit, own transaction): {s['n']} reports, "
            f"p50 {s['p50'] * 1000:.1f} ms, p95 {s['p95'] * 1000:.1f} ms, mean {s['mean'] * 1000:.1f} ms, "
            f"roll-up {s['rollup_share']:.0%} of it; {s['returned']} returned, {s['resubmitted']} resubmitted"
        )
        # 1b. a whole national week
        w = national_week(ob, args.week)
        log(
            f"national week {args.week}: {w['reports']:,} reports, {w['values']:,} values, "
            f"{w['events']:,} events in {w['total']:.1f} s "
            f"(rows {w['write']:.1f} s, roll-up {w['rollup']:.1f} s = "
            f"{w['rollup'] / w['reports'] * 1000:.2f} ms a report); {w['deltas']:,} counter upserts, "
            f"{w['new_counter_rows']:,} new counter rows"
        )
        log(
            f"  the same week submitted one by one through the service: "
            f"≈ {w['reports'] * s['mean'] / 60:.0f} min of work "
            f"({s['mean'] * 1000:.1f} ms × {w['reports']:,}), spread over the week"
        )

        # 2 + 3. pages with children, recount, baseline
        user = User.objects.get(username="tw.admin")
        token = ApiToken.issue(user)
        token_ids += list(ApiToken.objects.filter(user=user).order_by("-pk").values_list("pk", flat=True)[:1])
        api, web = Client(), Client()
        web.force_login(user)
        headers = {"Authorization": f"Bearer {token}"}
        period = periods.parse(str(YEAR))
        rc = Recount(plan, work)
        log(f"raw rows exported for the recount: {rc.rows:,} values in {rc.export_s:.1f} s (untimed)")
        year_rows = rc.make_year(args.year_weeks) if args.year_weeks else 0

        for unit in (tw, largest):
            children = dash._children(plan, unit, period)
            t_service, data = median_of(lambda u=unit: dash.dashboard(plan, u, period), args.repeat)
            url = f"/api/v1/plans/{plan.pk}/dashboard"
            reset_queries()
            with CaptureQueriesContext(connection) as q:
                r = api.get(url, {"unit": unit.code, "period": period.id}, headers=headers)
            assert r.status_code == 200, r.content[:300]
            api_q, api_bytes, api_children = len(q), len(r.content), len(r.json()["children"])
            t_api, _ = median_of(
                lambda u=unit, url=url: api.get(url, {"unit": u.code, "period": period.id}, headers=headers),
                args.repeat,
            )
            page = f"/dashboard/{plan.pk}/{unit.code}/"
            reset_queries()
            with CaptureQueriesContext(connection) as q:
                r = web.get(page, {"period": period.id})
            assert r.status_code == 200, r.content[:300]
            page_q, page_bytes = len(q), len(r.content)
            t_page, _ = median_of(
                lambda u=unit: web.get(f"/dashboard/{plan.pk}/{u.code}/", {"period": period.id}), args.repeat
            )

            units = [unit, *children]
            targets = dash.targets_in(plan, period)
            t_actuals, _ = median_of(
                lambda us=units, ts=targets: dash._actuals(plan, ts, us, period), args.repeat
            )
            t_comp, _ = median_of(
                lambda u=unit, c=children: (
                    queries.completeness(plan, [u], period),
                    queries.completeness(plan, c, period),
                ),
                args.repeat,
            )
            t_duck, manual = median_of(lambda u=unit, c=children: rc.manual(u, c, period), args.repeat)
            t0 = time.perf_counter()
            members = rc.computed(unit, children, YEAR)
            t_members = time.perf_counter() - t0
            bad = compare(data, manual, members)
            label = "Trung ương" if unit == tw else f"largest province {unit.code}"
            log(f"-- {label}: {len(children)} children × {len(data['targets'])} targets")
            log(
                f"  dashboard service (unit + children): {t_service * 1000:.1f} ms; "
                f"API {t_api * 1000:.1f} ms ({api_q} queries, {api_bytes / 1024:.0f} KB, "
                f"{api_children} child rows); "
                f"web page {t_page * 1000:.1f} ms ({page_q} queries, {page_bytes / 1024:.0f} KB)"
            )
            log(
                f"  of the service: actuals (manual from the aggregate, computed per unit) "
                f"{t_actuals * 1000:.1f} ms, completeness (expected from assignments, received from the "
                f"aggregate) {t_comp * 1000:.1f} ms"
            )
            log(
                f"  baseline, DuckDB recount of the same figures over the {rc.rows:,} raw values: "
                f"{t_duck * 1000:.1f} ms → API {t_duck / t_api:.2f}× the recount's speed "
                f"(service {t_duck / t_service:.2f}×; goal ≥ 10×)"
            )
            if year_rows:
                t_year, _ = median_of(
                    lambda u=unit, c=children: rc.manual(u, c, period, "raw_year"), args.repeat
                )
                log(
                    f"  baseline over a year's volume "
                    f"({year_rows:,} raw values, the week × {args.year_weeks}): "
                    f"{t_year * 1000:.1f} ms → API {t_year / t_api:.2f}× (service {t_year / t_service:.2f}×)"
                )
            if bad:
                failed = True
                log(f"  RECOUNT DIFFERS ({len(bad)}):")
                for b in bad[:20]:
                    log(f"    {b}")
            else:
                log(
                    f"  recount: every figure equal (unit and {len(children)} children: manual by DuckDB, "
                    f"computed by SQL over member rows in {t_members:.1f} s)"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.keep:
            log(f"kept plan {plan_ids}")
        else:
            t = time.perf_counter()
            cleanup(plan_ids, token_ids)
            log(f"cleaned up in {time.perf_counter() - t:.1f} s")
    if failed:
        log("FAILED: the dashboard differs from the independent recount")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
