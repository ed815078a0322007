"""Certificates for contest entrants, issued through the credentials app (`credentials.api`), which
signs them as verifiable credentials. Only members who handed in a round of the contest get one."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from doanso.core.errors import UserError
from doanso.learning.models import Attempt

SOURCE = "learning.contest"


@transaction.atomic
def issue_for_contest(contest, member_ids: list[int]) -> list:
    """One credential per member id (in the order given); a member who did not enter is refused by id
    and nothing is issued."""
    from doanso.credentials.api import issue_achievement

    best = dict(
        Attempt.objects.filter(round__contest=contest, entrant__member_id__in=member_ids, correct__gte=0)
        .values_list("entrant__member_id")
        .annotate(best=Max("correct"))
    )
    missing = [m for m in member_ids if m not in best]
    if missing:
        raise UserError(
            gettext("Đoàn viên mã %(id)s chưa dự thi cuộc thi này.") % {"id": missing[0]}, field="members"
        )
    names = dict(
        Attempt.objects.filter(round__contest=contest, entrant__member_id__in=member_ids)
        .values_list("entrant__member_id", "entrant__member__full_name")
        .distinct()
    )
    return [
        issue_achievement(
            issuer_unit=contest.unit,
            subject_name=names[m],
            subject_member_id=m,
            achievement_name=gettext("Chứng nhận tham gia cuộc thi “%(t)s”") % {"t": contest.title},
            achievement_description=gettext("Kết quả tốt nhất: đúng %(n)s câu trong một lượt.")
            % {"n": best[m]},
            source=SOURCE,
            source_id=contest.pk,
        )
        for m in dict.fromkeys(member_ids)
    ]
