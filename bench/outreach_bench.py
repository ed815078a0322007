"""Good-news calendar reads (issue 16): the compliance of a province and its communes, and TIN_TOT
for a year, read from the subtree counters vs counted from the post rows (the baseline).

    DATABASE_URL=... python bench/outreach_bench.py [COMMUNES] [BRANCHES_PER_COMMUNE] [DAYS]

A province with COMMUNES communes of BRANCHES branches each logs one post a day per branch for DAYS
days (posts written through the service, so the counters are kept as in production). Prints the
median read times and their ratio; the goal is that the counter read does not grow with the posts.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def _median(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(communes: int, branches: int, days: int) -> None:
    tmp = Path(tempfile.mkdtemp())
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("DOANSO_VAR_DIR", str(tmp))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Count

    call_command("migrate", verbosity=0)
    from doanso.core.calendar import periods
    from doanso.org.services import create_unit
    from doanso.outreach import selectors, services
    from doanso.outreach.indicators import good_news
    from doanso.outreach.models import Post

    province = create_unit(None, code="P", name="Tỉnh đoàn", kind="tinh", parent=None)
    start = date(2026, 1, 1)
    t = time.perf_counter()
    with transaction.atomic():
        for c in range(communes):
            commune = create_unit(None, code=f"P-{c}", name=f"Đoàn xã {c}", kind="xa", parent=province)
            for b in range(branches):
                branch = create_unit(
                    None, code=f"P-{c}-{b}", name=f"Chi đoàn {b}", kind="chi_doan", parent=commune
                )
                for d in range(days):
                    services.log_post(
                        None,
                        branch,
                        url=f"https://p{c}-{b}.vn/{d}",
                        kind="tin_tot" if d % 7 else "cau_chuyen_dep",
                        published=start + timedelta(days=d),
                        fetch_metadata=False,
                    )
    n = Post.objects.count()
    print(f"{n} posts of {communes * branches} branches written in {time.perf_counter() - t:.1f} s")
    week, year = periods.parse("2026W3"), periods.parse("2026")
    lo, hi = province.subtree_range

    def compliance_counters():
        selectors.compliance(province, week, date(2026, 12, 31))

    def compliance_rows():  # the same per-child, per-day counts from the post rows
        list(
            Post.objects.filter(
                unit__path__gte=lo, unit__path__lt=hi, published__range=(week.start, week.end)
            )
            .values("unit__parent_id", "published", "kind")
            .annotate(n=Count("id"))
        )

    def year_counters():
        good_news(province, year)

    def year_rows():
        Post.objects.filter(
            unit__path__gte=lo,
            unit__path__lt=hi,
            published__range=(year.start, year.end),
            kind__in=["tin_tot", "cau_chuyen_dep"],
        ).count()

    for label, fast, slow in (
        ("compliance week", compliance_counters, compliance_rows),
        ("TIN_TOT year", year_counters, year_rows),
    ):
        a, b = _median(fast), _median(slow)
        print(f"{label}: counters {a * 1000:.1f} ms, rows {b * 1000:.1f} ms (counters/rows {a / b:.2f}×)")


if __name__ == "__main__":
    args = [int(x) for x in sys.argv[1:4]]
    main(*(args + [20, 10, 60][len(args) :]))
