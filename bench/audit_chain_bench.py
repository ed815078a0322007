"""Audit chain cost (issue 12, section 4): chained writes and `audit verify`, against plain inserts.

    DATABASE_URL=... python bench/audit_chain_bench.py [N]

Prints, measured in one process on a fresh SQLite file (or the DATABASE_URL given): N audit
entries written with core.audit.record_many (HMAC chain + head lock) vs a plain bulk_create of the
same rows, and the time to verify the whole chain.
"""

import os
import sys
import tempfile
import time
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
    from doanso.core import audit
    from doanso.core.models import AuditLog

    rows = [{"id": i, "full_name": "Nguyễn Văn An", "branch": "HN-001"} for i in range(n)]
    t = time.perf_counter()
    AuditLog.objects.bulk_create(
        [
            AuditLog(action="bench.plain", object_type="Member", object_id=str(i), data=r)
            for i, r in enumerate(rows)
        ],
        batch_size=2000,
    )
    plain = time.perf_counter() - t
    AuditLog.objects.all().delete()
    t = time.perf_counter()
    audit.record_many(None, "bench.chained", "Member", rows)
    chained = time.perf_counter() - t
    t = time.perf_counter()
    breaks = list(audit.verify())
    verify = time.perf_counter() - t
    assert breaks == [], breaks
    print(f"{n} entries: plain insert {plain:.2f} s, chained insert {chained:.2f} s ({chained / plain:.2f}×)")
    print(f"verify: {verify:.2f} s ({n / verify:,.0f} entries/s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
