"""Check-in cost and indicator reads (issue 14), service level (not yet through gunicorn + locust).

    DATABASE_URL=... python bench/activities_bench.py [N]

On a fresh SQLite file (or the DATABASE_URL given): N check-ins through `activities.services.check_in`
(each one transaction: participation row, capacity-guarded count, subtree counters, distinct persons)
vs N plain participation inserts; then the province's TN_LUOT for the year (counters) vs a raw
`count(*)` of the participation rows on the same engine. Prints the ratios.
"""

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path


def main(n: int) -> None:
    tmp = Path(tempfile.mkdtemp())
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("DOANSO_VAR_DIR", str(tmp))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection
    from django.utils import timezone

    from doanso.accounts.models import Role, RoleKind, User
    from doanso.activities import services
    from doanso.activities.models import Activity, ActivityType, Participation
    from doanso.core.calendar.periods import Period
    from doanso.members.models import Member
    from doanso.org import services as org
    from doanso.plans import indicators

    root = org.create_unit(None, code="B", name="Tỉnh đoàn thử", kind="tinh", parent=None)
    branch = org.create_unit(None, code="B-1", name="Chi đoàn thử", kind="chi_doan", parent=root)
    admin = User.objects.create(username="bench.admin")
    Role.objects.create(user=admin, unit=root, role=RoleKind.ADMIN)
    Member.objects.bulk_create(
        [
            Member(full_name=f"Đoàn viên {i}", birth_date="2003-01-01", gender="nu", branch=branch)
            for i in range(2 * n)
        ]
    )
    ids = list(Member.objects.values_list("pk", flat=True))
    now = timezone.now()
    kind = ActivityType.objects.get(code="tinh_nguyen")
    a = Activity.objects.create(
        unit=root, title="A", type=kind, start=now - timedelta(hours=1), end=now + timedelta(hours=5)
    )
    b = Activity.objects.create(
        unit=root, title="B", type=kind, start=now - timedelta(hours=1), end=now + timedelta(hours=5)
    )

    t = time.perf_counter()
    for mid in ids[:n]:
        services.check_in(admin, a.pk, member_id=mid)
    service = time.perf_counter() - t
    t = time.perf_counter()
    for mid in ids[n:]:
        Participation.objects.create(activity=b, member_id=mid, method="staff", at=now)
    plain = time.perf_counter() - t
    print(
        f"check-ins: {n / service:.0f}/s through the service vs {n / plain:.0f}/s plain inserts "
        f"(ratio {service / plain:.2f}×)"
    )

    period = Period.year(timezone.localdate().year)
    t = time.perf_counter()
    for _ in range(50):
        indicators.compute("TN_LUOT", root, period)
    read = (time.perf_counter() - t) / 50
    t = time.perf_counter()
    for _ in range(50):
        with connection.cursor() as cur:
            cur.execute(f"SELECT COUNT(*) FROM {Participation._meta.db_table}")
    raw = (time.perf_counter() - t) / 50
    print(
        f"TN_LUOT read {read * 1000:.2f} ms vs count(*) {raw * 1000:.2f} ms "
        f"over {Participation.objects.count()} rows (ratio {read / raw:.2f}×)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
