"""Member lists and search at national size (issue 9), on SQLite or PostgreSQL.

    python bench/members_list_bench.py --db sqlite|postgres [--url DATABASE_URL] [--runs 20] [--clients 8]

Reads the national demo that `foundation_bench.py seed` builds (`doanso_bench_seed`), or the
database at --url / $DATABASE_URL, migrated first. As tw.admin, through the whole Django stack
(URL routing, middleware, session or bearer-token auth, scoping, view, template or JSON) with
Django's test client in this process: the web members page and the API list, first page and a
page ~1,000 pages deep (by its cursor), and name searches — at the centre and at the largest
province by a recount of members. Each figure is p50/p95 of --runs requests after one warm-up,
and its ratio to the p50 of a raw `SELECT count(*) FROM members_member` measured in the same
run on the same connection. Then --clients processes (forked, one database connection each) send
the same mix at once, and the latency of every request (p50, p95, p99) and the throughput are
printed. Not measured: network, a real WSGI server, the browser, cold caches (every figure is
taken after a warm-up).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from foundation_bench import db_url  # noqa: E402

SEARCHES = ["nguyen van an", "tran thi", "van an"]
HARD = "an"  # a two-letter prefix common in every name's tail: the known slow case, printed apart


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DOANSO_DEBUG", "0")  # no query log kept in memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def raw_count() -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM members_member")
        return cur.fetchone()[0]


def largest_province():
    """The province (child of the root) with most members, by a recount of member rows."""
    from django.db import connection

    from doanso.org.models import Unit

    root = Unit.objects.get(parent__isnull=True)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT substr(u.path, 1, %s) AS p, count(*) FROM members_member m "
            "JOIN org_unit u ON u.id = m.branch_id GROUP BY p ORDER BY 2 DESC LIMIT 1",
            [len(root.path) + 7],
        )
        path, n = cur.fetchone()
    return root, Unit.objects.get(path=path), n


def clients():
    from django.test import Client

    from doanso.accounts.models import ApiToken, User

    user = User.objects.get(username="tw.admin")
    web = Client()
    web.force_login(user)
    token = ApiToken.issue(user)
    api = Client(headers={"Authorization": f"Bearer {token}"})
    return web, api


def scenarios(root, prov):
    """(label, method, path, params) requests to time; deep cursors found once, untimed."""
    from doanso.accounts.models import User
    from doanso.members import search

    user = User.objects.get(username="tw.admin")
    out = []
    for unit in (root, prov):
        cursor, pages = None, 0
        while pages < 1000:
            pg = search.member_page(user, unit, "", cursor)
            cursor, pages = pg.next, pages + 1
        tag = unit.code
        out += [
            (f"{tag} web list p1", "web", f"/members/units/{unit.code}/", {}),
            (f"{tag} web list p1001", "web", f"/members/units/{unit.code}/", {"cursor": cursor}),
            (f"{tag} api list p1", "api", f"/api/v1/units/{unit.code}/members", {}),
            (f"{tag} api list p1001", "api", f"/api/v1/units/{unit.code}/members", {"cursor": cursor}),
        ]
        for q in SEARCHES:
            out.append((f"{tag} web search '{q}'", "web", f"/members/units/{unit.code}/", {"q": q}))
        out.append(
            (
                f"{tag} api search '{SEARCHES[0]}'",
                "api",
                f"/api/v1/units/{unit.code}/members",
                {"q": SEARCHES[0]},
            )
        )
    for unit in (root, prov):
        out.append(
            (
                f"{unit.code} web search '{HARD}' (slow case)",
                "web",
                f"/members/units/{unit.code}/",
                {"q": HARD},
            )
        )
    return out


def timed(client, path, params) -> float:
    t = time.perf_counter()
    r = client.get(path, params)
    elapsed = time.perf_counter() - t
    assert r.status_code == 200, (path, params, r.status_code)
    return elapsed


def check(root, prov, n_prov) -> None:
    """The figures the pages show, against a recount (untimed)."""
    from doanso.members.models import Member

    web, api = clients()
    body = api.get(f"/api/v1/units/{root.code}/members").json()
    assert body["count"] == raw_count(), "centre total differs from count(*)"
    body = api.get(f"/api/v1/units/{prov.code}/members").json()
    assert body["count"] == n_prov, "province total differs from the recount"
    first = api.get(f"/api/v1/units/{root.code}/members", {"q": SEARCHES[0]}).json()["items"][0]
    assert Member.objects.get(pk=first["id"]).search_name.startswith(SEARCHES[0])


def worker(args):
    path_list, n, seed = args
    from django.db import connections

    connections.close_all()
    web, api = clients()
    lat = []
    for i in range(n):
        _, kind, path, params = path_list[(seed + i) % len(path_list)]
        lat.append(timed(web if kind == "web" else api, path, params))
    connections.close_all()
    return lat


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--url", default=os.environ.get("MEMBERS_BENCH_URL", ""))
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--per-client", type=int, default=40)
    a = p.parse_args()
    setup(a.url or db_url(a.db, "doanso_bench_seed"))
    from django.db import connection

    from doanso.org.models import Unit

    if not Unit.objects.exists():
        sys.exit("no national demo here: run `bench/foundation_bench.py seed` (or `make bench`) first")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")  # what autovacuum does after a bulk load

    root, prov, n_prov = largest_province()
    check(root, prov, n_prov)
    reqs = scenarios(root, prov)
    web, api = clients()

    raw_count()
    base = [0.0] * a.runs
    for i in range(a.runs):
        t = time.perf_counter()
        raw_count()
        base[i] = time.perf_counter() - t
    b50 = statistics.median(base)
    print(
        f"engine={connection.vendor} members={raw_count():,} units={Unit.objects.count():,} "
        f"largest province {prov.code} ({n_prov:,} members)"
    )
    print(
        f"raw SELECT count(*) FROM members_member: p50 {b50 * 1000:.1f} ms, "
        f"p95 {pct(base, 95) * 1000:.1f} ms (baseline)"
    )
    b95 = pct(base, 95)
    print(
        f"{'request (tw.admin)':40} {'p50 ms':>7} {'p95 ms':>7} {'p50/count p50':>14} {'p95/count p95':>14}"
    )
    worst = 0.0
    for _, kind, path, params in reqs:  # one warm-up pass over every request first
        timed(web if kind == "web" else api, path, params)
    for label, kind, path, params in reqs:
        c = web if kind == "web" else api
        xs = [timed(c, path, params) for _ in range(a.runs)]
        if "slow case" not in label:
            worst = max(worst, pct(xs, 95) / b95)
        print(
            f"{label:40} {statistics.median(xs) * 1000:7.1f} {pct(xs, 95) * 1000:7.1f} "
            f"{statistics.median(xs) / b50:13.2f}× {pct(xs, 95) / b95:13.2f}×"
        )
    print(f"worst p95 / count(*) p95 (slow case apart): {worst:.2f}× (goal ≤ 1×)")

    if a.clients:
        import multiprocessing as mp

        from django.db import connections

        connections.close_all()
        ctx = mp.get_context("fork")
        t = time.perf_counter()
        with ctx.Pool(a.clients) as pool:
            mix = [r for r in reqs if "slow case" not in r[0]]
            parts = pool.map(worker, [(mix, a.per_client, i * 3) for i in range(a.clients)])
        wall = time.perf_counter() - t
        lat = [x for part in parts for x in part]
        print(
            f"{a.clients} concurrent clients (processes, Django test client, the mix above, "
            f"{len(lat)} requests): p50 {pct(lat, 50) * 1000:.0f} ms, p95 {pct(lat, 95) * 1000:.0f} ms, "
            f"p99 {pct(lat, 99) * 1000:.0f} ms, {len(lat) / wall:.0f} requests/s"
        )


if __name__ == "__main__":
    main()
