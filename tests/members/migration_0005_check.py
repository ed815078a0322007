"""Run by tests/members/test_dues_rules.py in a subprocess against its own database (DATABASE_URL):
migrate to 0004, write rows as they were (60 %), go to 0005_dues_rules, back, and forward again,
printing what each state holds as JSON."""

import json
import os
from datetime import date

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

BEFORE, AFTER = ("members", "0004_cccd_hash_constraint"), ("members", "0005_dues_rules")


def state(node):
    return MigrationExecutor(connection).loader.project_state(node).apps


def snapshot(node) -> dict:
    apps = state(node)
    rates = apps.get_model("members", "DuesRate").objects.order_by("category")
    out = {
        "rates": [
            [
                r.category,
                r.monthly_amount,
                str(r.valid_from),
                getattr(r, "branch_keep_percent", None),
                r.source[:40],
            ]
            for r in rates
        ],
        "payments": sorted(
            apps.get_model("members", "DuesPayment").objects.values_list("amount", "kept", "sent_up")
        ),
    }
    if node == AFTER:
        out["rules"] = [
            [str(r.valid_from), r.keep_numerator, r.keep_denominator, r.max_excused_months, r.source_url[:30]]
            for r in apps.get_model("members", "DuesRule").objects.all()
        ]
    return out


call_command("migrate", verbosity=0)
call_command("migrate", *BEFORE, verbosity=0)
apps = state(BEFORE)
Unit = apps.get_model("org", "Unit")
branch = Unit.objects.create(code="MIG", name="Chi đoàn thử", kind="chi_doan", path="0001/")
Member = apps.get_model("members", "Member")
Payment = apps.get_model("members", "DuesPayment")
for i, (amount, occupation) in enumerate([(2000, "truong_hoc"), (5000, "cong_nhan")]):
    m = Member.objects.create(
        full_name=f"Người {i}",
        birth_date=date(2000, 1, 1),
        gender="nam",
        branch=branch,
        occupation=occupation,
    )
    Payment.objects.create(
        member=m,
        branch=branch,
        month="2025-03",
        category="hssv" if amount == 2000 else "co_luong",
        amount=amount,
        kept=amount * 60 // 100,
        sent_up=amount - amount * 60 // 100,
        paid_on=date(2025, 3, 10),
    )
result = {"before": snapshot(BEFORE)}
call_command("migrate", *AFTER, verbosity=0)
result["after"] = snapshot(AFTER)
call_command("migrate", *BEFORE, verbosity=0)
result["back"] = snapshot(BEFORE)
call_command("migrate", *AFTER, verbosity=0)
result["again"] = snapshot(AFTER)
print(json.dumps(result, ensure_ascii=False))
