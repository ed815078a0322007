"""Run by tests/members/test_dues_months.py in a subprocess against its own database
(DATABASE_URL): migrate to 0006, write payments of one member for "2025-03" spelled four ways
and one of another member for "2025-3", go to 0007 (canonical months), back, and forward
again, printing what each state holds as JSON."""

import json
import os
from datetime import date

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

BEFORE, AFTER = ("members", "0006_member_search"), ("members", "0007_input_dues_month_canonical")


def state(node):
    return MigrationExecutor(connection).loader.project_state(node).apps


def snapshot(node) -> list:
    payments = state(node).get_model("members", "DuesPayment").objects.order_by("member__full_name", "id")
    return [[p.member.full_name, p.month, p.amount] for p in payments.select_related("member")]


call_command("migrate", verbosity=0)
call_command("migrate", *BEFORE, verbosity=0)
apps = state(BEFORE)
branch = apps.get_model("org", "Unit").objects.create(
    code="MIG", name="Chi đoàn", kind="chi_doan", path="0001/"
)
Member, Payment = apps.get_model("members", "Member"), apps.get_model("members", "DuesPayment")
a, b = (
    Member.objects.create(full_name=n, birth_date=date(2000, 1, 1), gender="nam", branch=branch) for n in "AB"
)
# PostgreSQL's varchar(7) never held the 8-character spellings; SQLite did
odd = ["2025-003", " 2025-03"] if connection.vendor == "sqlite" else [" 2025-3", "2025-3 "]
for member, month in [(a, "2025-3"), (a, "2025-03"), (a, odd[0]), (a, odd[1]), (b, "2025-3")]:
    Payment.objects.create(
        member=member, branch=branch, month=month, category="hssv", amount=2000, kept=1333, sent_up=667,
        paid_on=date(2025, 3, 10),
    )  # fmt: skip
result = {"before": snapshot(BEFORE)}
call_command("migrate", *AFTER, verbosity=0)
result["after"] = snapshot(AFTER)
call_command("migrate", *BEFORE, verbosity=0)
result["back"] = snapshot(BEFORE)
call_command("migrate", *AFTER, verbosity=0)
result["again"] = snapshot(AFTER)
print(json.dumps(result, ensure_ascii=False))
