"""Foundation benchmarks (issue 3), at national scale, on SQLite or PostgreSQL.

    python bench/foundation_bench.py seed  --db sqlite|postgres   # fresh DB, migrate, seed national
    python bench/foundation_bench.py raw   --db sqlite|postgres   # fresh DB, migrate, raw load, same rows
    python bench/foundation_bench.py stats --db sqlite|postgres   # subtree stats vs raw count(*)

`seed` and `raw` are whole processes, to be timed against each other (`make bench` does so
with /usr/bin/time); `stats` prints medians and ratios measured inside one process.
"""

import argparse
import csv
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"


def db_url(engine: str, name: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{OUT / (name + '.sqlite3')}"
    return PG_URL.format(name=name)


def fresh(engine: str, name: str) -> str:
    """Drop and recreate the bench database, then migrate it."""
    OUT.mkdir(parents=True, exist_ok=True)
    url = db_url(engine, name)
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(OUT / (name + ".sqlite3")) + suffix).unlink(missing_ok=True)
    else:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {name}"],
            check=True,
            capture_output=True,
        )
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "doanso.cli", "migrate", "-v0"], check=True, env=env)
    return url


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    import django

    django.setup()


def cmd_seed(engine: str) -> None:
    url = fresh(engine, "doanso_bench_seed")
    setup_django(url)
    from doanso.demo.seed import seed

    t = time.perf_counter()
    seed("national", log=lambda *_: None)
    print(f"seed national: {time.perf_counter() - t:.1f} s")


def dump_rows() -> tuple[Path, Path]:
    """The seed's own unit and member rows, written once to CSV for the raw baseline (needs Django set up)."""
    units_csv, members_csv = OUT / "units.csv", OUT / "members.csv"
    if members_csv.exists() and units_csv.exists():
        return units_csv, members_csv
    from doanso.demo.seed import member_rows
    from doanso.demo.tree import TreeBuilder, unit_rows

    builder = TreeBuilder("national").build()
    for path, rows in ((units_csv, unit_rows(builder.units)), (members_csv, member_rows(builder))):
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
    return units_csv, members_csv


def cmd_raw(engine: str) -> None:
    url = fresh(engine, "doanso_bench_raw")
    setup_django(url)
    units_csv, members_csv = dump_rows()  # once, untimed
    from django.db import connection, transaction

    from doanso.core.bulk import indexes_deferred
    from doanso.demo.seed import MEMBER_COLUMNS, UNIT_COLUMNS

    t = time.perf_counter()
    # Same tricks as the seed (indexes rebuilt after the load, deferred key checks): a fair floor.
    with transaction.atomic(), indexes_deferred("members_member"):
        if connection.vendor == "sqlite":
            connection.connection.execute("PRAGMA defer_foreign_keys = ON")
        for table, cols, path in (
            ("org_unit", UNIT_COLUMNS, units_csv),
            ("members_member", MEMBER_COLUMNS, members_csv),
        ):
            if connection.vendor == "postgresql":
                copy_sql = f"COPY {table} ({', '.join(cols)}) FROM STDIN WITH (FORMAT csv)"
                with connection.connection.cursor() as cur, open(path, "rb") as fh, cur.copy(copy_sql) as cp:
                    while chunk := fh.read(1 << 20):
                        cp.write(chunk)
            else:
                sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                with open(path, newline="", encoding="utf-8") as fh:
                    rows = ([v if v != "" else None for v in r] for r in csv.reader(fh))
                    connection.connection.executemany(sql, rows)
    print(f"raw load: {time.perf_counter() - t:.1f} s")


def _median(fn, runs: int = 15) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def cmd_stats(engine: str) -> None:
    url = db_url(engine, "doanso_bench_seed")
    setup_django(url)
    from django.db import connection

    from doanso.org.models import Unit
    from doanso.org.stats import unit_stats

    if not Unit.objects.exists():
        sys.exit("run `seed` first")
    root = Unit.objects.get(code="TW")
    largest = max(Unit.objects.filter(kind="tinh", active=True), key=lambda u: unit_stats(u)["members"])

    def raw_count():
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM members_member")
            return cur.fetchone()[0]

    base = _median(raw_count)
    print(f"engine={engine} members={raw_count():,} units={Unit.objects.count():,}")
    print(f"raw SELECT count(*) over members: {base * 1000:.2f} ms (baseline)")
    for label, unit in (("root (TW)", root), (f"largest province ({largest.code})", largest)):
        t = _median(lambda u=unit: unit_stats(u))
        s = unit_stats(unit)
        print(
            f"{label}: stats (members, units, gender×status) {t * 1000:.2f} ms = {t / base:.3f}× baseline "
            f"[members={s['members']:,} units={s['units']:,}]"
        )


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["seed", "raw", "stats"])
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    a = p.parse_args()
    {"seed": cmd_seed, "raw": cmd_raw, "stats": cmd_stats}[a.command](a.db)


if __name__ == "__main__":
    main()
