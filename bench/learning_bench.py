"""Contest leaderboard over N entrants (default 1,000,000) of one round (issue 15), SQLite or PostgreSQL.

    python bench/learning_bench.py --db sqlite|postgres [--n 1000000] [--runs 50] [--reuse]

Builds a throw-away database (`var/bench-learning.sqlite3` or PostgreSQL `doanso_learning_bench`, or
the database `BENCH_LEARNING_URL` names, e.g. postgres://postgres@127.0.0.1:5432/doanso_contest),
migrates it, seeds the tiny demo tree, then bulk-loads N entrants and N handed-in attempts spread over
the demo's branches with random scores and times. Measures, through `learning.contests.leaderboard`
(the function the API and the page call: a ranked page plus the entrant count from the subtree
counter): the first page of the whole contest, the first page of one province, the first page of one
branch (a small subtree deep in the tree), page 50, and the HTTP endpoint
`GET /api/v1/contests/{id}/rounds/{n}/leaderboard?unit=CODE` through Django's test client; then
`close_round` (N and every gap in one UPDATE). Figures are p50/p99 in ms and their ratio to a
primary-key lookup of one attempt measured in the same run. Goal: a leaderboard page < 100 ms.
`--reuse` measures a database loaded by an earlier run (no drop, no load; the round is reopened).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]


def setup(db: str, reuse: bool = False) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    if db == "sqlite":
        path = ROOT / "var" / "bench-learning.sqlite3"
        path.parent.mkdir(exist_ok=True)
        if not reuse:
            path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        import psycopg

        url = os.environ.get("BENCH_LEARNING_URL", "postgres://postgres@127.0.0.1:5432/doanso_learning_bench")
        server, name = url.rsplit("/", 1)
        if not reuse:
            with psycopg.connect(
                f"{server}/postgres".replace("postgres://", "postgresql://"), autocommit=True
            ) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}"')
                c.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DOANSO_DEBUG", "0")
    os.environ.setdefault("DOANSO_SECRET_KEY", "bench-only-secret-key-0123456789abcdef")
    os.environ.setdefault("DOANSO_DATA_KEY", "bench-only-data-key-0123456789abcdef")
    os.environ.setdefault("DOANSO_HTTPS", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load(n: int):
    from datetime import timedelta

    from django.db import connection, transaction
    from django.utils import timezone

    from doanso.demo.seed import seed
    from doanso.learning import contests, credits
    from doanso.learning.models import Attempt, Entrant
    from doanso.org.api import counters
    from doanso.org.models import Unit

    seed("tiny", log=lambda *_: None)
    hcm = Unit.objects.get(code="HCM")
    branches = list(Unit.objects.filter(kind="chi_doan", active=True).values_list("id", "path"))
    qs = [{"text": f"Câu {i}?", "options": ["A", "B", "C", "D"], "answer": 0} for i in range(20)]
    c = contests.create_contest(
        unit=Unit.objects.get(code="TW"), title="Bench", questions_per_round=10, questions=qs
    )
    now = timezone.now()
    rnd = contests.add_round(c, now - timedelta(hours=2), now - timedelta(minutes=1))
    rng = random.Random(15)
    t0 = time.perf_counter()
    step = 20_000
    e_table, a_table = Entrant._meta.db_table, Attempt._meta.db_table
    start_id = 1
    per_path: dict[str, int] = {}
    with transaction.atomic():
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            ids = range(start_id + lo, start_id + hi)
            with connection.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {e_table} (id, name, phone_enc, phone_hash, school, province, created_at) "
                    "VALUES (%s, %s, '', %s, '', '', %s)",
                    [(i, f"Người dự thi {i}", f"h{i}", now) for i in ids],
                )
                rows = []
                for i in ids:
                    uid, path = branches[i % len(branches)]
                    per_path[path] = per_path.get(path, 0) + 1
                    correct = min(10, int(rng.triangular(0, 11, 9)))
                    rows.append(
                        (
                            rnd.pk,
                            i,
                            uid,
                            path,
                            now,
                            now,
                            "[]",
                            "[]",
                            10,
                            "",
                            now,
                            correct,
                            rng.randint(20_000, 600_000),
                            rng.randint(0, 100_000),
                            0,
                            "",
                        )
                    )
                cur.executemany(
                    f"INSERT INTO {a_table} (round_id, entrant_id, unit_id, unit_path, started_at, deadline, "
                    "questions, permutations, total, signature, submitted_at, correct, millis, "
                    "prediction, gap, "
                    "device) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    rows,
                )
        counters.apply(counters.expand((p, credits.ROUND_DIM, str(rnd.pk), k) for p, k in per_path.items()))
    settle()
    print(f"loaded {n:,} entrants and attempts in {time.perf_counter() - t0:.1f} s")
    return rnd, hcm


def settle(table: str = "") -> None:
    """Statistics and (PostgreSQL) the visibility map, as autovacuum leaves a table after a load:
    index-only scans need the latter."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(f"VACUUM ANALYZE {table}" if connection.vendor == "postgresql" else "ANALYZE")


def timed(fn, runs: int) -> list[float]:
    fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def reopen(undo_close: bool = True):
    """The round of an earlier `--reuse`-less run, reopened (gaps, ranks and prizes of its close undone)
    unless `undo_close` is False (1,000,000 rows rewritten: minutes)."""
    from django.db.models import Q

    from doanso.learning.models import Attempt, Prize, Round
    from doanso.org.models import Unit

    rnd = Round.objects.select_related("contest").get(contest__title="Bench")
    if not undo_close:
        return rnd, Unit.objects.get(code="HCM")
    Prize.objects.filter(round=rnd).delete()
    Attempt.objects.filter(Q(rank__isnull=False) | ~Q(gap=0), round=rnd).update(gap=0, rank=None)
    Round.objects.filter(pk=rnd.pk).update(closed_at=None, all_correct=None)
    rnd.refresh_from_db()
    settle(Attempt._meta.db_table)
    return rnd, Unit.objects.get(code="HCM")


def http_timer(rnd, unit_code: str):
    """GET the leaderboard endpoint (bearer token of the contest unit's admin) through the test client."""
    import logging

    from django.test import Client

    from doanso.accounts.models import ApiToken, User

    logging.getLogger("doanso.request").setLevel(logging.WARNING)  # one JSON line per request otherwise
    token = ApiToken.issue(User.objects.get(username="tw.admin"))
    client = Client()
    url = f"/api/v1/contests/{rnd.contest_id}/rounds/{rnd.number}/leaderboard"

    def get():
        r = client.get(url, {"unit": unit_code}, headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200, r.content
        return r

    return get


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--reuse", action="store_true", help="measure the database an earlier run loaded")
    ap.add_argument(
        "--no-close", action="store_true", help="with --reuse: measure the round as it is, do not close it"
    )
    args = ap.parse_args()
    setup(args.db, args.reuse)
    rnd, hcm = reopen(not args.no_close) if args.reuse else load(args.n)
    from doanso.learning import contests
    from doanso.learning.models import Attempt
    from doanso.org.models import Unit

    lo, hi = hcm.subtree_range
    branch = (
        Unit.objects.filter(kind="chi_doan", active=True, path__gte=lo, path__lt=hi).order_by("path").first()
    )
    in_branch = Attempt.objects.filter(round=rnd, unit_path=branch.path).count()
    some = (
        Attempt.objects.order_by("?").values_list("pk", flat=True)[:1][0]
        if args.db == "postgres"
        else args.n // 2
    )
    base = timed(lambda: list(Attempt.objects.filter(pk=some).values_list("correct", flat=True)), args.runs)
    b50 = statistics.median(base)
    cases = {
        "whole contest, page 1": lambda: contests.leaderboard(rnd, None, 0, 20),
        "one province (HCM), page 1": lambda: contests.leaderboard(rnd, hcm, 0, 20),
        f"one branch ({branch.code}, {in_branch:,} entrants), page 1": lambda: contests.leaderboard(
            rnd, branch, 0, 20
        ),
        "whole contest, page 50": lambda: contests.leaderboard(rnd, None, 49 * 20, 20),
        "HTTP GET …/leaderboard?unit=HCM": http_timer(rnd, "HCM"),
        f"HTTP GET …/leaderboard?unit={branch.code}": http_timer(rnd, branch.code),
    }
    print(f"baseline: primary-key lookup p50 {b50:.2f} ms ({args.db}, {Attempt.objects.count():,} attempts)")
    for label, fn in cases.items():
        xs = timed(fn, args.runs)
        p50, p99 = statistics.median(xs), pct(xs, 99)
        ok = "ok" if p99 < 100 else "OVER 100 ms"
        print(f"{label}: p50 {p50:.2f} ms, p99 {p99:.2f} ms, ratio {p50 / b50:.1f}× baseline ({ok})")
    if args.no_close:
        return
    t = time.perf_counter()
    rnd = contests.close_round(rnd)
    print(f"close_round over {args.n:,}: {time.perf_counter() - t:.1f} s (all correct: {rnd.all_correct:,})")
    for label, unit in (("whole contest", None), ("one branch", branch)):
        xs = timed(lambda unit=unit: contests.leaderboard(rnd, unit, 0, 20), args.runs)
        p50, p99 = statistics.median(xs), pct(xs, 99)
        print(f"after close (prediction tiebreak), {label}, page 1: p50 {p50:.2f} ms, p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
