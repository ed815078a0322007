"""The "Việc cần làm" provider of this app: self-assessments to confirm, nominations that reached a
level the user decides for, and the user's own self-assessment of the year while it is open.

Three queries at most, whatever the number of units (`todo.registry` contract)."""

from datetime import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doanso.accounts.scoping import can_administer
from doanso.exemplars.models import AssessmentStatus, Criterion, Nomination, NominationStatus, SelfAssessment
from doanso.org.tree import ancestor_ids, subtree_range
from doanso.todo import api as todo
from doanso.todo.wording import TZ, Item


def _to_confirm(units: list) -> list[Item]:
    if not units:
        return []
    counts = SelfAssessment.objects.filter(status=AssessmentStatus.SUBMITTED).aggregate(
        **{
            f"u{u.pk}": Count(
                "pk",
                filter=Q(
                    branch__path__gte=subtree_range(u.path)[0], branch__path__lt=subtree_range(u.path)[1]
                ),
            )
            for u in units
        }
    )
    out = []
    for u in units:
        n = counts[f"u{u.pk}"]
        if n:
            title = ngettext(
                "%(n)s bản tự đánh giá giá trị hình mẫu chờ xác nhận",
                "%(n)s bản tự đánh giá giá trị hình mẫu chờ xác nhận",
                n,
            ) % {"n": n}
            out.append(
                Item(
                    "exemplar_confirm",
                    title,
                    reverse("exemplars:confirmations", args=[u.code]),
                    unit=u.code,
                    count=n,
                    weight=20,
                    detail=u.name,
                )
            )
    return out


def _to_decide(user, units: list) -> list[Item]:
    admin_ids = list(user.roles.filter(role="admin").values_list("unit_id", flat=True))
    rows = (
        Nomination.objects.filter(current_id__in=admin_ids, status=NominationStatus.OPEN)
        .values("current__code", "current__name")
        .annotate(n=Count("pk"))
        .order_by("current__code")
    )
    return [
        Item(
            "exemplar_nomination",
            ngettext(
                "%(n)s đề nghị tuyên dương gương điển hình chờ xét",
                "%(n)s đề nghị tuyên dương gương điển hình chờ xét",
                r["n"],
            )
            % {"n": r["n"]},
            reverse("exemplars:board", args=[r["current__code"]]),
            unit=r["current__code"],
            count=r["n"],
            weight=25,
            detail=r["current__name"],
        )
        for r in rows
    ]


def _mine(user, now: datetime) -> list[Item]:
    mid = getattr(user, "member_id", None)
    if not mid:
        return []
    year = now.astimezone(TZ).year
    a = SelfAssessment.objects.filter(member_id=mid, year=year).values_list("status", flat=True).first()
    if a in (AssessmentStatus.SUBMITTED, AssessmentStatus.CONFIRMED):
        return []
    branch_path = user.member.branch.path
    if not Criterion.objects.filter(unit_id__in=ancestor_ids(branch_path), year=year).exists():
        return []
    title = (
        _("Bổ sung bản tự đánh giá giá trị hình mẫu năm %(y)s (chi đoàn trả lại)")
        if a == AssessmentStatus.RETURNED
        else _("Tự đánh giá theo tiêu chí giá trị hình mẫu thanh niên năm %(y)s")
    )
    return [Item("exemplar_self", title % {"y": year}, reverse("exemplars:me"), weight=40)]


def items(user, units: list, now: datetime) -> list[Item]:
    return (
        _to_confirm([u for u in units if can_administer(user, u)])
        + _to_decide(user, units)
        + _mine(user, now)
    )


todo.register("exemplars", items)
