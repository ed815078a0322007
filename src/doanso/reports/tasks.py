"""Reminders before and after a report's deadline: e-mail to the unit's admins and staff, once each.

`remind` is set-based: a fixed number of queries however many units owe reports (the running
obligations; their assignments with units; the reports already submitted; the reminders already
sent; the admins' and staff's addresses; one insert; reading back which rows this run wrote).
`doanso reports remind` runs it — schedule it hourly (cron or a systemd timer);
`send_reminders` is the same as a django-tasks task.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.core import mail
from django.utils import timezone
from django_tasks import task

from doanso.accounts.models import Role, RoleKind
from doanso.core import vn
from doanso.core.calendar import periods
from doanso.plans.models import Assignment, Obligation, PlanStatus
from doanso.reports import queries
from doanso.reports.models import COUNTED, Reminder, Report

BEFORE = timedelta(days=2)
LOOKBACK = timedelta(days=14)  # overdue reports older than this are not reminded any more


def _message(unit, d: dict, kind: str, emails: list[str]) -> mail.EmailMessage:
    local = d["due_at"].astimezone(timezone.get_default_timezone())
    due = f"{local:%H:%M} ngày {vn.format_date(local)}"
    subject = (
        f"[Đoàn Số] {'Quá hạn' if kind == 'after' else 'Sắp đến hạn'}: {d['obligation']} {d['period_label']}"
    )
    body = (
        f"{unit.name} cần nộp “{d['obligation']}” ({d['plan']}) {d['period_label']}, hạn {due}.\n"
        f"Danh sách báo cáo phải nộp: /reports/due/{unit.code}"
    )
    return mail.EmailMessage(subject, body, None, emails)


def _already_sent(ob_ids: list[int], period_ids: list[str]) -> set[tuple]:
    return set(
        Reminder.objects.filter(obligation_id__in=ob_ids, period__in=period_ids).values_list(
            "obligation_id", "unit_id", "period", "kind"
        )
    )


def remind(now: datetime | None = None) -> int:
    """Send the reminders due at `now`; returns how many were sent (each kind once per report).

    Long because it is set-based on purpose: a fixed number of queries over every unit, in steps
    that share their results."""
    now = now or timezone.now()
    since = (now - LOOKBACK).astimezone(periods.TZ).date()
    today = now.astimezone(periods.TZ).date()
    # 1. running obligations with a deadline in the window (the rule is computed once per obligation)
    obs = [
        ob
        for ob in Obligation.objects.filter(plan__status=PlanStatus.ISSUED).select_related("plan__issuer")
        if any(dl - now <= BEFORE for _p, dl, _d in queries.deadlines_of(ob, since, today + queries.HORIZON))
    ]
    if not obs:
        return 0
    ob_by_id = {ob.pk: ob for ob in obs}
    # 2. every active unit that owes them
    assigned = list(
        Assignment.objects.filter(obligation_id__in=list(ob_by_id), unit__active=True).select_related("unit")
    )
    for a in assigned:
        a.obligation = ob_by_id[a.obligation_id]
    ids = sorted(
        {p.id for ob in obs for p, _dl, _d in queries.deadlines_of(ob, since, today + queries.HORIZON)}
    )
    # 3. the reports already submitted
    counted = Report.objects.filter(
        obligation_id__in=list(ob_by_id), period__in=ids, status__in=COUNTED
    ).values_list("obligation_id", "unit_id", "period", "status")
    owed = queries.owed(assigned, now, since, counted=counted)
    # 4. the reminders already sent
    sent_before = _already_sent(list(ob_by_id), ids)
    # 5. who hears about it: every admin and staff of the units concerned
    emails: dict[int, set[str]] = defaultdict(set)
    for unit_id, email in Role.objects.filter(
        role__in=(RoleKind.ADMIN, RoleKind.STAFF),
        unit__report_assignments__obligation_id__in=list(ob_by_id),
        unit__active=True,
    ).values_list("unit_id", "user__email"):
        if email:
            emails[unit_id].add(email)
    units = {a.unit_id: a.unit for a in assigned}
    rows, owed_now = [], {}
    for unit_id in sorted(owed, key=lambda i: units[i].path):
        for d in owed[unit_id]:
            if not (d["overdue"] or d["due_at"] - now <= BEFORE):
                continue
            kind = "after" if d["overdue"] else "before"
            key = (d["obligation_id"], unit_id, d["period"], kind)
            if key in sent_before:
                continue
            owed_now[key] = d
            rows.append(
                Reminder(
                    obligation_id=d["obligation_id"],
                    unit_id=unit_id,
                    period=d["period"],
                    kind=kind,
                    sent_at=now,
                    recipients=sorted(emails.get(unit_id, ())),
                )
            )
    if not rows:
        return 0
    # 6. one insert; a concurrent run's rows win the unique constraint, so 7. read back which rows
    # are this run's (its own `sent_at`) and mail only those: each reminder is sent once
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    mine = Reminder.objects.filter(obligation_id__in=list(ob_by_id), period__in=ids, sent_at=now).values_list(
        "obligation_id", "unit_id", "period", "kind", "recipients"
    )
    sent, messages = 0, []
    for ob_id, unit_id, period, kind, to in mine:
        d = owed_now.get((ob_id, unit_id, period, kind))
        if d is None:
            continue
        sent += 1
        if to:
            messages.append(_message(units[unit_id], d, kind, to))
    if messages:
        mail.get_connection().send_messages(messages)
    return sent


@task()
def send_reminders() -> int:
    return remind()
