"""Certificates for contest entrants, issued through the credentials app (`credentials.api`), which
signs them as verifiable credentials. Only members who handed in a round of the contest get one."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from doanso.core import audit
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


@transaction.atomic
def issue_for_winners(rnd, actor=None) -> int:
    """A certificate for each prize winner of a closed round (members and non-members alike) that has
    none yet; returns how many were issued. Refused before the round is closed."""
    from doanso.credentials.api import issue_achievement
    from doanso.learning.models import Prize

    if rnd.closed_at is None:
        raise UserError(gettext("Lượt thi %(n)s chưa được chốt kết quả.") % {"n": rnd.number}, field="round")
    contest = rnd.contest
    prizes = list(
        Prize.objects.select_for_update(of=("self",))
        .filter(round=rnd, credential_id__isnull=True)
        .select_related("attempt__entrant__member")
    )
    for p in prizes:
        entrant = p.attempt.entrant
        cred = issue_achievement(
            issuer_unit=contest.unit,
            subject_name=entrant.member.full_name if entrant.member_id else entrant.name,
            subject_member_id=entrant.member_id,
            achievement_name=gettext("%(prize)s lượt %(n)s cuộc thi “%(t)s”")
            % {"prize": p.name, "n": rnd.number, "t": contest.title},
            achievement_description=gettext("Đúng %(c)s/%(total)s câu, xếp thứ %(rank)s.")
            % {"c": p.attempt.correct, "total": p.attempt.total, "rank": p.rank},
            source=SOURCE,
            source_id=contest.pk,
        )
        p.credential_id = cred.pk
        p.save(update_fields=["credential_id"])
    audit.record(
        actor, "contest.round.certify", rnd, unit=contest.unit, number=rnd.number, issued=len(prizes)
    )
    return len(prizes)
