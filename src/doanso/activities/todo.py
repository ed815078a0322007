"""The app's "Việc cần làm" provider (registered from AppConfig.ready()): activities to run today,
outputs waiting for this level to verify, registrations to confirm. Three bounded queries."""

from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.activities.models import Activity, Output, OutputStatus, Registration, Status
from doanso.todo.wording import Item


def provider(user, units: list, now: datetime) -> list[Item]:
    scope = scope_for(user)
    if not scope.paths:
        return []
    items: list[Item] = []
    today = Activity.objects.filter(scope.q("unit__path"), status=Status.PLANNED)
    today = today.filter(start__lt=now + timedelta(days=1), end__gt=now).select_related("unit")[:20]
    for a in today:
        items.append(
            Item(
                kind="activity_run",
                title=gettext("Tổ chức điểm danh: %(title)s") % {"title": a.title},
                url=reverse("activities:detail", args=[a.pk]),
                due=a.end,
                unit=a.unit.code,
            )
        )
    # outputs of units strictly below one of the user's units (the level above verifies)
    below = Q()
    for p in scope.paths:
        below |= Q(activity__unit__path__startswith=p) & ~Q(activity__unit__path=p)
    waiting = Output.objects.filter(below, status=OutputStatus.RECORDED).count()
    if waiting:
        items.append(
            Item(
                kind="activity_outputs",
                title=gettext("Xác nhận kết quả hoạt động của cấp dưới"),
                url=reverse("activities:list"),
                count=waiting,
                weight=40,
            )
        )
    regs = Registration.objects.filter(
        scope.q("activity__unit__path"), confirmed=False, activity__end__gt=now
    ).aggregate(n=Count("id"))["n"]
    if regs:
        items.append(
            Item(
                kind="activity_registrations",
                title=gettext("Xác nhận đăng ký tham gia hoạt động"),
                url=reverse("activities:list"),
                count=regs,
                weight=45,
            )
        )
    return items
