"""Member import benchmark (issue 4): full validation vs a raw bulk load of the same CSV, same run.

    python bench/members_import_bench.py                      # both engines, 1,000,000 rows
    python bench/members_import_bench.py --db sqlite --rows 200000

For each engine, in a fresh database with the tiny demo tree: writes a CSV of N valid member
rows (once, reused), loads it raw (csv.reader + executemany / COPY into a table of the file's
seven columns), then imports it with `doanso.members.importing.import_members` (CCCD
validation, encryption and keyed hash, branch and duplicate checks, counters, audit), and
prints both times, the ratio, rows/s and the peak memory (the importing process's peak
and growth during the import, and the largest child process: the validation workers, or
the `migrate` run that created the database if that was larger). Then times subtree statistics with the new
breakdowns against a raw count(*) of the members table.
"""

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from foundation_bench import OUT, fresh, setup_django  # noqa: E402

NAME = "doanso_bench_members"


def cccd(i: int, year: int, male: int) -> str:
    """A distinct CCCD that is right by its structure (Circular 07/2016/TT-BCA): a real province
    code, the century/gender digit and the birth year's last two digits."""
    from doanso.members.fields import CENTURY_GENDER, PROVINCES

    codes = sorted(PROVINCES)
    digit = next(d for d, cg in CENTURY_GENDER.items() if cg == (year // 100 * 100, "nam" if male else "nu"))
    return f"{codes[i % len(codes)]}{digit}{year % 100:02d}{i // len(codes):06d}"


def write_csv(path: Path, rows: int, codes: list[str]) -> None:
    if path.exists():
        return
    fam = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
    mid = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Đức", "Thu", "Hoài"]
    giv = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hạnh", "Khánh", "Linh", "Mai", "Nam", "Phương"]
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "Họ và tên",
                "Ngày sinh",
                "Giới tính",
                "Số CCCD",
                "Số điện thoại",
                "Ngày vào Đoàn",
                "Mã chi đoàn",
            ]
        )
        for i in range(rows):
            d, m, y = 1 + i % 28, 1 + (i // 28) % 12, 1996 + i % 12
            w.writerow(
                [
                    f"{fam[i % 12]} {mid[(i // 12) % 8]} {giv[(i // 96) % 12]}",
                    f"{d:02d}/{m:02d}/{y}",
                    "Nam" if i % 2 else "Nữ",
                    cccd(i, y, i % 2),
                    f"09{i % 10**8:08d}",
                    f"{d:02d}/{m:02d}/{y + 17}",
                    codes[i % len(codes)],
                ]
            )
    tmp.rename(path)


def raw_load(path: Path) -> float:
    """The baseline: the same file into a table of its seven columns, no validation."""
    from django.db import connection, transaction

    from doanso.core import bulk

    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_raw_members")
        cur.execute(
            "CREATE TABLE bench_raw_members (full_name varchar(120), birth varchar(10), gender varchar(8), "
            "cccd varchar(12), phone varchar(20), admitted varchar(10), branch varchar(40))"
        )
    t0 = time.perf_counter()
    with transaction.atomic(), open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        bulk.load(
            "bench_raw_members",
            ("full_name", "birth", "gender", "cccd", "phone", "admitted", "branch"),
            (tuple(r) for r in reader),
        )
    return time.perf_counter() - t0


def median_ms(fn, n=7) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def child(engine: str, rows: int) -> None:
    url = fresh(engine, NAME)
    setup_django(url)
    from unittest import mock

    from django.db import connection

    from doanso.core import bulk
    from doanso.demo import seed as demo
    from doanso.members import stats as member_stats
    from doanso.members.importing import import_members
    from doanso.members.models import Member
    from doanso.org import stats
    from doanso.org.models import Unit

    with mock.patch.object(demo, "STEPS", []):
        demo.seed("tiny", log=lambda *a: None)
    codes = list(Unit.objects.filter(kind="chi_doan", active=True).values_list("code", flat=True))
    path = OUT / f"members-v2-{rows}.csv"  # v2: CCCDs right by their structure
    write_csv(path, rows, codes)
    t_raw = raw_load(path)
    if connection.vendor == "sqlite":  # the seed leaves a 512 MB page cache on this connection
        with connection.cursor() as cur:
            cur.execute("PRAGMA cache_size = -2000")
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    # As an operator's `doanso members import --allow-schema-changes` with an import worker's processes.
    with bulk.schema_changes_allowed():
        res = import_members(path, Unit.objects.get(code="TW"), None, mode="all", workers=os.cpu_count() or 1)
    t_imp = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # largest finished child
    assert res.imported == rows, res.summary
    print(
        f"[{engine}] {rows:,} rows: raw load {t_raw:.2f}s ({rows / t_raw:,.0f} rows/s), "
        f"import {t_imp:.2f}s ({rows / t_imp:,.0f} rows/s), ratio {t_imp / t_raw:.1f}× "
        "(goal ≤5×, floor 10×); "
        f"peak RSS: importing process {rss1 / 1024:.0f} MB (+{(rss1 - rss0) / 1024:.0f} MB during import), "
        f"largest child (validation workers, migrate) {workers_rss / 1024:.0f} MB"
    )

    def raw_count():
        with connection.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {Member._meta.db_table}")
            cur.fetchone()

    base = median_ms(raw_count)
    for code in ("TW", "HCM"):
        u = Unit.objects.get(code=code)
        s = median_ms(lambda u=u: stats.unit_stats(u))
        ind = median_ms(lambda u=u: member_stats.indicators(u, 2025))
        print(
            f"[{engine}] {code}: count(*) {base:.2f} ms; unit_stats {s:.2f} ms ({s / base:.2f}×); "
            f"indicators (status, gender, occupation, age band, rating) {ind:.2f} ms ({ind / base:.2f}×)"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", choices=["sqlite", "postgres"])
    ap.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_MEMBER_ROWS", 1_000_000)))
    args = ap.parse_args()
    if args.db:
        child(args.db, args.rows)
        return
    for engine in os.environ.get("BENCH_DB", "sqlite postgres").split():
        subprocess.run([sys.executable, __file__, "--db", engine, "--rows", str(args.rows)], check=False)


if __name__ == "__main__":
    main()
