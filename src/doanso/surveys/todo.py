"""The "Việc cần làm" item of surveys: surveys open for a member that they have not answered
(two queries: the open surveys of the member's branch and the units above it, and their answers)."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from doanso.accounts.scoping import scope_for
from doanso.org.tree import ancestor_ids
from doanso.surveys import services
from doanso.surveys.models import Survey
from doanso.todo.wording import TZ, Item


def open_for_me(user, units: list, now: datetime) -> list[Item]:
    member = getattr(user, "member", None) if scope_for(user).member_id else None
    if member is None:
        return []
    today = timezone.localdate()
    surveys = [
        s
        for s in Survey.objects.filter(
            unit_id__in=ancestor_ids(member.branch.path), opens_on__lte=today, closes_on__gte=today
        )
        .exclude(audience="public")
        .select_related("unit")
        if services.in_audience(user, s)
    ]
    done = set(
        services.Response.objects.filter(
            survey__in=surveys, respondent__in=[services.respondent(s, user) for s in surveys]
        ).values_list("survey_id", flat=True)
    )
    return [
        Item(
            kind="survey_open",
            title=_("Trả lời khảo sát “%(t)s”") % {"t": s.title},
            url=f"/api/v1/surveys/{s.pk}",  # the answer page is not built yet
            due=datetime.combine(s.closes_on, datetime.max.time(), TZ),
            unit=s.unit.code,
            detail=s.unit.name,
        )
        for s in surveys
        if s.pk not in done
    ]
