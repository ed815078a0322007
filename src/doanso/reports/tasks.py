"""Reminders before and after a report's deadline: e-mail to the unit's admins and staff, once each.

`send_reminders` runs as a django-tasks task (immediate in dev and tests, the database
backend with a worker in production); schedule `doanso` to enqueue it hourly.
"""

from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from doanso.accounts.models import Role, RoleKind
from doanso.core import vn
from doanso.plans.models import Assignment, PlanStatus
from doanso.reports import queries
from doanso.reports.models import Reminder

BEFORE = timedelta(days=2)


def remind(now: datetime | None = None) -> int:
    """Send the reminders due at `now`; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    units = {
        a.unit
        for a in Assignment.objects.filter(
            obligation__plan__status=PlanStatus.ISSUED, unit__active=True
        ).select_related("unit")
    }
    for unit in sorted(units, key=lambda u: u.path):
        owed = [
            d
            for d in queries.due_for_unit(unit, now, since=(now - timedelta(days=14)).date())
            if d["overdue"] or d["due_at"] - now <= BEFORE
        ]
        if not owed:
            continue
        emails = sorted(
            {
                e
                for e in Role.objects.filter(
                    unit=unit, role__in=(RoleKind.ADMIN, RoleKind.STAFF)
                ).values_list("user__email", flat=True)
                if e
            }
        )
        for d in owed:
            kind = "after" if d["overdue"] else "before"
            try:
                with transaction.atomic():
                    Reminder.objects.create(
                        obligation_id=d["obligation_id"],
                        unit=unit,
                        period=d["period"],
                        kind=kind,
                        sent_at=now,
                        recipients=emails,
                    )
            except IntegrityError:
                continue  # already reminded
            local = d["due_at"].astimezone(timezone.get_default_timezone())
            due = f"{local:%H:%M} ngày {vn.format_date(local)}"
            subject = (
                f"[Đoàn Số] {'Quá hạn' if kind == 'after' else 'Sắp đến hạn'}: {d['obligation']} "
                f"{d['period_label']}"
            )
            body = (
                f"{unit.name} cần nộp “{d['obligation']}” ({d['plan']}) {d['period_label']}, hạn {due}.\n"
                f"Danh sách báo cáo phải nộp: /reports/due/{unit.code}"
            )
            if emails:
                send_mail(subject, body, None, emails)
            sent += 1
    return sent


@task()
def send_reminders() -> int:
    return remind()
