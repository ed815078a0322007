"""A long import does not block the platform (issue 12, finding 2): while a member file is
imported on SQLite (one write lock for the whole database), another thread writes (as a report
save or a token's `last_used_at` would) every 50 ms; this prints the import's time and the other
writer's latencies and errors. Before chunked transactions the other writer got "database is
locked" for the whole import.

    python bench/import_lock_bench.py --rows 50000
"""

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from foundation_bench import OUT, fresh, setup_django  # noqa: E402
from members_import_bench import write_csv  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    rows = ap.parse_args().rows
    setup_django(fresh("sqlite", "doanso_bench_lock"))
    from unittest import mock

    from django.db import connection, connections

    from doanso.demo import seed as demo
    from doanso.members.importing import import_members
    from doanso.org.models import Unit

    with mock.patch.object(demo, "STEPS", []):
        demo.seed("tiny", log=lambda *a: None)
    with connection.cursor() as cur:
        cur.execute("PRAGMA cache_size = -2000")
    codes = list(Unit.objects.filter(kind="chi_doan", active=True).values_list("code", flat=True))
    path = OUT / f"members-v2-{rows}.csv"
    write_csv(path, rows, codes)
    other = Unit.objects.get(code="CT")
    latencies, errors, stop = [], [], threading.Event()

    def writer():
        while not stop.is_set():
            t = time.perf_counter()
            try:
                with connections["default"].cursor() as cur:
                    cur.execute("UPDATE org_unit SET name = name WHERE id = %s", [other.pk])
                latencies.append(time.perf_counter() - t)
            except Exception as exc:  # noqa: BLE001 - what the other request would see
                errors.append(str(exc))
            time.sleep(0.05)
        connections.close_all()

    th = threading.Thread(target=writer)
    th.start()
    t0 = time.perf_counter()
    res = import_members(path, Unit.objects.get(code="TW"), mode="valid")
    took = time.perf_counter() - t0
    stop.set()
    th.join()
    lat = sorted(latencies)
    print(f"rows {rows:,}: imported {res.imported:,} in {took:.1f} s ({res.imported / took:,.0f} rows/s)")
    print(
        f"other writer: {len(lat)} writes, {len(errors)} errors; "
        f"latency median {statistics.median(lat) * 1000:.1f} ms, "
        f"p99 {lat[int(len(lat) * 0.99) - 1] * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms"
    )
    if errors:
        print("first error:", errors[0])


if __name__ == "__main__":
    main()
