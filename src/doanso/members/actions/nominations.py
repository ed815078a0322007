"""Nominations to the Party (đoàn viên ưu tú) and their outcomes; counters, history and audit inside the
transaction."""

from datetime import date

from django.db import transaction

from doanso.core import audit
from doanso.core.errors import UserError
from doanso.members.actions.common import require_admin, write_history
from doanso.members.models import (
    Member,
    MemberStatus,
    Nomination,
    NominationOutcome,
)
from doanso.members.selectors import today
from doanso.org import counters as org_counters


@transaction.atomic
def nominate(actor, member: Member, year: int, on: date | None = None) -> Nomination:
    require_admin(actor, member.branch)
    if member.status != MemberStatus.ACTIVE:
        raise UserError("Chỉ giới thiệu đoàn viên đang sinh hoạt.", field="member")
    if member.party_member:
        raise UserError("Đoàn viên đã là đảng viên.", field="member")
    if Nomination.objects.filter(member=member, year=year).exists():
        raise UserError(f"Đoàn viên đã được giới thiệu năm {year}.", field="member")
    n = Nomination.objects.create(
        member=member, branch=member.branch, year=year, nominated_on=on or today(), nominated_by=actor
    )
    org_counters.apply(org_counters.expand([(member.branch.path, f"nomination_{year}", "nominated", 1)]))
    write_history(member, actor, "nomination", {"year": year})
    audit.record(actor, "nomination.create", n, unit=member.branch, member=member.pk, year=year)
    return n


@transaction.atomic
def record_nomination_outcome(
    actor, nomination: Nomination, outcome: str, on: date | None = None
) -> Nomination:
    n = Nomination.objects.select_for_update().select_related("branch", "member").get(pk=nomination.pk)
    require_admin(actor, n.branch)
    if outcome not in (NominationOutcome.ADMITTED, NominationOutcome.NOT_ADMITTED):
        raise UserError("Kết quả phải là “admitted” hoặc “not_admitted”.", field="outcome")
    if n.outcome != NominationOutcome.PENDING:
        raise UserError("Đã ghi kết quả cho lần giới thiệu này.", field="outcome")
    n.outcome, n.outcome_on = outcome, on or today()
    n.save()
    if outcome == NominationOutcome.ADMITTED:
        org_counters.apply(org_counters.expand([(n.branch.path, f"nomination_{n.year}", "admitted", 1)]))
        Member.objects.filter(pk=n.member_id).update(party_member=True, party_admitted_on=n.outcome_on)
        write_history(n.member, actor, "update", {"party_member": [False, True]})
    audit.record(actor, "nomination.outcome", n, unit=n.branch, outcome=outcome)
    return n
