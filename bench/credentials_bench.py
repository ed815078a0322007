"""Certificate verifications per second (issue 15, speed): the full `verify` (RDFC-1.0
canonicalisation of the proof options and the document, Ed25519, key and status-list reads) against
the bare Ed25519 check of the same signature, and against signing.

    DATABASE_URL=... python bench/credentials_bench.py [N]

On a fresh SQLite file unless DATABASE_URL is given. One process, one core.
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
    from doanso.credentials import keys, multibase, proof
    from doanso.credentials.api import issue_achievement, verify
    from doanso.org.models import Unit

    unit = Unit.objects.create(code="BENCH", name="Tỉnh đoàn Thử nghiệm", kind="tinh", path="9999")
    t = time.perf_counter()
    creds = [
        issue_achievement(
            issuer_unit=unit,
            subject_name=f"Nguyễn Văn An {i}",
            subject_member_id=None,
            achievement_name="Giải Nhất cuộc thi tìm hiểu Nghị quyết",
            achievement_description="Trả lời đúng 10/10 câu hỏi.",
            source="bench",
            source_id=i,
        )
        for i in range(min(n, 50))
    ]
    issued = time.perf_counter() - t
    docs = [c.document for c in creds]
    from doanso.credentials import verification

    t = time.perf_counter()
    for i in range(n):
        verification._SIGNED_OK.clear()  # every call canonicalises
        assert verify(docs[i % len(docs)]).valid
    full = time.perf_counter() - t
    t = time.perf_counter()
    for i in range(n):
        assert verify(docs[i % len(docs)]).valid
    cached = time.perf_counter() - t
    pub = keys.public_key(keys.active_key(unit))
    sig = multibase.decode_z(docs[0]["proof"]["proofValue"])
    data = proof._hash_data(docs[0], {k: v for k, v in docs[0]["proof"].items() if k != "proofValue"})
    t = time.perf_counter()
    for _ in range(n):
        pub.verify(sig, data)
    bare = time.perf_counter() - t
    print(f"issue (sign + store): {len(creds) / issued:,.0f} certificates/s")
    print(f"verify (canonicalise + Ed25519 + key and status reads): {n / full:,.0f} verifications/s")
    print(f"verify again (signature remembered; key, dates, status read): {n / cached:,.0f}/s")
    print(f"bare Ed25519 check: {n / bare:,.0f}/s; full verify costs {full / bare:,.0f}× the bare check")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
