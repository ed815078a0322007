"""Dues months in one spelling (issue 12, finding 8): "2025-3", "2025-003" and " 2025-03" were
stored as three months, so one member could pay one month several times. Existing months are
rewritten as "YYYY-MM"; where that makes two payments of one member for one month, the first
already spelled "YYYY-MM" (else the first recorded) is kept and the others deleted (they were
charged by mistake). Then a
check constraint keeps the spelling, and the existing unique (member, month) does the rest.
Reversing drops the constraint; merged payments are not restored."""

import re

from django.db import migrations, models

_MONTH = re.compile(r"\s*([0-9]{1,4})-0*([0-9]{1,2})\s*")


def _canonical(value: str) -> str | None:
    m = _MONTH.fullmatch(value or "")
    if m is None or not 1 <= int(m[2]) <= 12 or int(m[1]) < 1:
        return None
    return f"{int(m[1]):04d}-{int(m[2]):02d}"


def merge_months(apps, schema_editor) -> None:
    DuesPayment = apps.get_model("members", "DuesPayment")
    DuesExcusal = apps.get_model("members", "DuesExcusal")
    seen: set[tuple[int, str]] = set(
        DuesPayment.objects.filter(month__regex=r"^[0-9]{4}-(0[1-9]|1[0-2])$").values_list("member_id", "month")
    )
    odd = DuesPayment.objects.exclude(month__regex=r"^[0-9]{4}-(0[1-9]|1[0-2])$").order_by("id")
    for p in odd.iterator():
        month = _canonical(p.month)
        if month is None or (p.member_id, month) in seen:
            p.delete()  # a month no reader could place, or a second payment for one month
            continue
        seen.add((p.member_id, month))
        DuesPayment.objects.filter(pk=p.pk).update(month=month)
    for e in DuesExcusal.objects.exclude(first_month__regex=r"^[0-9]{4}-(0[1-9]|1[0-2])$").iterator():
        DuesExcusal.objects.filter(pk=e.pk).update(first_month=_canonical(e.first_month) or e.first_month)
    for e in DuesExcusal.objects.exclude(last_month__regex=r"^[0-9]{4}-(0[1-9]|1[0-2])$").iterator():
        DuesExcusal.objects.filter(pk=e.pk).update(last_month=_canonical(e.last_month) or e.last_month)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_member_search"),
    ]

    operations = [
        migrations.RunPython(merge_months, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="duespayment",
            constraint=models.CheckConstraint(
                condition=models.Q(("month__regex", "^[0-9]{4}-(0[1-9]|1[0-2])$")),
                name="duespayment_month_canonical",
            ),
        ),
    ]
