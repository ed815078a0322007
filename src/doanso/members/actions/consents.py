"""Personal data (Luật Bảo vệ dữ liệu cá nhân): consents given and withdrawn, a member's own data;
each audited."""

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from doanso.core import audit
from doanso.core.errors import UserError
from doanso.members.actions.common import plain, require_admin
from doanso.members.models import (
    Consent,
    ConsentPurpose,
    Member,
)
from doanso.members.selectors import needs_guardian, record_dict


@transaction.atomic
def give_consent(actor, member: Member, purpose: str, guardian_name: str = "") -> Consent:
    own = getattr(actor, "member_id", None) == member.pk
    if not own:
        require_admin(actor, member.branch)
    if purpose not in ConsentPurpose.values:
        raise UserError(f"Mục đích “{purpose}” không hợp lệ.", field="purpose")
    minor = needs_guardian(member)
    if minor and not guardian_name.strip():
        raise UserError(
            "Đoàn viên dưới 16 tuổi: cần ghi tên người giám hộ đồng ý "
            "(Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).",
            field="guardian_name",
        )
    c = Consent.objects.create(
        member=member,
        purpose=purpose,
        by_guardian=minor,
        guardian_name=guardian_name.strip() if minor else "",
        recorded_by=actor,
    )
    audit.record(actor, "consent.give", c, unit=member.branch, purpose=purpose)
    return c


@transaction.atomic
def withdraw_consent(actor, member: Member, purpose: str) -> int:
    own = getattr(actor, "member_id", None) == member.pk
    if not own:
        require_admin(actor, member.branch)
    n = Consent.objects.filter(member=member, purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    audit.record(actor, "consent.withdraw", member, unit=member.branch, purpose=purpose)
    return n


def member_data(member: Member, *, sensitive: bool) -> dict:
    """Everything held about a member: the one builder behind the member's own download and a
    data-subject export request (privacy), so both always list the same things."""
    out = record_dict(member, sensitive=sensitive)
    out["cccd"] = member.cccd
    out["history"] = [
        {"at": h.at.isoformat(), "kind": h.kind, "changes": h.changes}
        for h in member.history.order_by("at", "id")
    ]
    out["ratings"] = list(member.ratings.order_by("year").values("year", "level"))
    out["transfers"] = [
        {
            "from": t.from_branch.code,
            "to": t.to_branch.code,
            "status": t.status,
            "requested_at": t.requested_at.isoformat(),
        }
        for t in member.transfers.select_related("from_branch", "to_branch").order_by("requested_at", "id")
    ]
    out["nominations"] = list(member.nominations.order_by("year").values("year", "outcome"))
    out["dues"] = list(member.dues.order_by("month").values("month", "amount"))
    out["consents"] = [
        {
            "purpose": c.purpose,
            "given_at": c.given_at.isoformat(),
            "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            "by_guardian": c.by_guardian,
        }
        for c in member.consents.order_by("given_at", "id")
    ]
    return out


def own_data(actor, member: Member) -> dict:
    """Everything held about a member, for the member themself (download on request)."""
    if getattr(actor, "member_id", None) != member.pk:
        raise Http404
    out = member_data(member, sensitive=True)
    audit.record(actor, "member.own_data", member, unit=member.branch)
    return {k: plain(v) for k, v in out.items()}
