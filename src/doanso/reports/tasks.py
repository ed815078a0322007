"""Reminders that escalate, as Union offices do by hand: a day before a deadline, two hours before,
once overdue, then — after `DOANSO_REMIND_ESCALATE_DAYS` days still missing — to the admins of the
level above as well. Each step is sent once per report (the `Reminder` row is the proof); every person gets
ONE digest per run with all their lines, on the channels they chose (the delivery is pluggable:
`set_delivery`; the todo app installs its e-mail/Zalo/Telegram digest with quiet hours; without it
each address gets one e-mail).

`remind` is set-based: a fixed number of queries however many units owe reports (the running
obligations; their assignments with units; the reports already submitted; the reminders already
sent; the admins' and staff's accounts; one insert; reading back which rows this run wrote; then
the delivery's own few). `doanso reports remind` runs it — schedule it hourly (cron or a systemd
timer); `send_reminders` is the same as a django-tasks task.
"""

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from doanso.accounts.models import Role, RoleKind
from doanso.core import vn
from doanso.core.calendar import periods
from doanso.plans.models import Assignment, Obligation, PlanStatus
from doanso.reports import queries
from doanso.reports.models import COUNTED, Reminder, Report

DAY_BEFORE = timedelta(days=1)
HOURS_BEFORE = timedelta(hours=2)
LOOKBACK = timedelta(days=14)  # overdue reports older than this are not reminded any more

# the steps, in order; each is sent at most once per (obligation, unit, period)
D1, H2, LATE, UP = "d1", "h2", "late", "up"
STEP_WORDS = {D1: "Hạn ngày mai", H2: "Còn 2 giờ", LATE: "Quá hạn", UP: "Quá hạn, báo cấp trên"}


def escalate_after() -> timedelta:
    return timedelta(days=int(getattr(settings, "DOANSO_REMIND_ESCALATE_DAYS", 3)))


def step(due_at: datetime, now: datetime, up_after: timedelta) -> str | None:
    """The reminder step a report is at now: pure (the tests say it without a database)."""
    left = due_at - now
    if left > DAY_BEFORE:
        return None
    if left > HOURS_BEFORE:
        return D1
    if left > timedelta(0):
        return H2
    return UP if -left >= up_after else LATE


def _line(unit, d: dict, kind: str) -> str:
    local = d["due_at"].astimezone(timezone.get_default_timezone())
    due = f"{local:%H:%M} ngày {vn.format_date(local)}"
    return (
        f"{STEP_WORDS[kind]}: {unit.name} — “{d['obligation']}” {d['period_label']} ({d['plan']}), hạn {due}"
    )


def email_digest(notices: list[dict], now: datetime) -> int:
    """The default delivery: one e-mail per address with every line for it; returns messages sent."""
    lines: dict[str, list[str]] = defaultdict(list)
    for n in notices:
        if n.get("email"):
            lines[n["email"]].append(f"- {n['text']}\n  {n['url']}")
    messages = [
        mail.EmailMessage(
            f"[Đoàn Số] Nhắc hạn báo cáo: {len(ls)} việc",
            "Các báo cáo cần nộp:\n\n" + "\n".join(ls),
            None,
            [email],
        )
        for email, ls in sorted(lines.items())
    ]
    if messages:
        mail.get_connection().send_messages(messages)
    return len(messages)


_delivery: Callable[[list[dict], datetime], int] = email_digest


def set_delivery(fn: Callable[[list[dict], datetime], int] | None) -> None:
    """Install another delivery (the todo app's channels); None puts the plain e-mail back."""
    global _delivery
    _delivery = fn or email_digest


def _already_sent(ob_ids: list[int], period_ids: list[str]) -> set[tuple]:
    return set(
        Reminder.objects.filter(obligation_id__in=ob_ids, period__in=period_ids).values_list(
            "obligation_id", "unit_id", "period", "kind"
        )
    )


def remind(now: datetime | None = None) -> int:
    """Send the reminders due at `now`; returns how many reminder steps were recorded (each once).
    The delivery runs every time, so lines kept back (quiet hours, a chat service down) go out on
    the first run that can send them."""
    now = now or timezone.now()
    sent, notices = _due_notices(now)
    _delivery(notices, now)
    return sent


def _due_notices(now: datetime) -> tuple[int, list[dict]]:
    """The reminder steps due at `now`, recorded once each, and the lines for each person.

    Long because it is set-based on purpose: a fixed number of queries over every unit, in steps
    that share their results."""
    since = (now - LOOKBACK).astimezone(periods.TZ).date()
    today = now.astimezone(periods.TZ).date()
    up_after = escalate_after()
    # 1. running obligations with a deadline in the window (the rule is computed once per obligation)
    obs = [
        ob
        for ob in Obligation.objects.filter(plan__status=PlanStatus.ISSUED).select_related("plan__issuer")
        if any(
            dl - now <= DAY_BEFORE for _p, dl, _d in queries.deadlines_of(ob, since, today + queries.HORIZON)
        )
    ]
    if not obs:
        return 0, []
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
    units = {a.unit_id: a.unit for a in assigned}
    rows, owed_now = [], {}
    for unit_id in sorted(owed, key=lambda i: units[i].path):
        for d in owed[unit_id]:
            kind = step(d["due_at"], now, up_after)
            if kind is None or (kind == UP and not units[unit_id].parent_id):
                continue
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
                )
            )
    if not rows:
        return 0, []
    # 5. who hears about it: the admins and staff of the unit (of its parent for the last step)
    hear = {r.unit_id for r in rows} | {units[r.unit_id].parent_id for r in rows if r.kind == UP}
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for unit_id, user_id, email in Role.objects.filter(
        role__in=(RoleKind.ADMIN, RoleKind.STAFF), unit_id__in=hear, user__is_active=True
    ).values_list("unit_id", "user_id", "user__email"):
        people[unit_id].append((user_id, email or ""))

    def audience(unit_id: int, kind: str) -> list[tuple[int, str]]:
        """The unit's own admins and staff; for the last step also those of the level above."""
        out = list(people.get(unit_id, ()))
        if kind == UP:
            out += people.get(units[unit_id].parent_id, [])
        return out

    for r in rows:
        r.recipients = sorted({e for _u, e in audience(r.unit_id, r.kind) if e})
    # 6. one insert; a concurrent run's rows win the unique constraint, so 7. read back which rows
    # are this run's (its own `sent_at`) and deliver only those: each step is sent once
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    mine = Reminder.objects.filter(obligation_id__in=list(ob_by_id), period__in=ids, sent_at=now).values_list(
        "obligation_id", "unit_id", "period", "kind"
    )
    sent, notices = 0, []
    for ob_id, unit_id, period, kind in mine:
        d = owed_now.get((ob_id, unit_id, period, kind))
        if d is None:
            continue
        sent += 1
        unit = units[unit_id]
        for user_id, email in audience(unit_id, kind):
            notices.append(
                {
                    "user_id": user_id,
                    "email": email,
                    "key": f"report:{ob_id}:{unit_id}:{period}:{kind}",
                    "text": _line(unit, d, kind),
                    "url": reverse("reports:due", args=[unit.code]),
                }
            )
    return sent, notices


@task()
def send_reminders() -> int:
    return remind()
