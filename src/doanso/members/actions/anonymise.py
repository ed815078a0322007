"""Anonymising a member (PDP Law 91/2025/QH15: deletion on request, end of the retention period).

The row stays so that the subtree counters and past reports keep adding up (birth date, gender,
status, branch and the other counted fields are kept); what names the person goes: the name, CCCD,
phone, e-mail, address, card number, the sensitive fields, the values kept in the member's history
and guardians' names in consents. Legal holds live in the privacy app, which checks them before
calling this."""

from django.db import transaction

from doanso.core import audit
from doanso.members import counters
from doanso.members.actions.common import counter_values, require_admin, write_history
from doanso.members.models import Member

CLEARED = ("phone", "email", "address", "card_number", "ethnicity", "religion")


def anonymous_name(member_id: int) -> str:
    return f"Đoàn viên đã ẩn danh #{member_id}"


def is_anonymised(member: Member) -> bool:
    return member.full_name == anonymous_name(member.pk)


@transaction.atomic
def anonymise_member(actor, member: Member, *, reason: str, check_rights: bool = True) -> Member:
    """Replace what identifies the member; `check_rights=False` only for the retention command."""
    locked = Member.objects.select_for_update().select_related("branch").get(pk=member.pk)
    if check_rights:
        require_admin(actor, locked.branch)
    before = counter_values(locked)
    locked.full_name = anonymous_name(locked.pk)
    for f in CLEARED:
        setattr(locked, f, "")
    locked.cccd_enc, locked.cccd_hash = "", None
    locked.version += 1
    locked.save()
    counters.record([(locked.branch.path, before, -1), (locked.branch.path, counter_values(locked), +1)])
    locked.history.update(changes={})
    locked.consents.update(guardian_name="")
    write_history(locked, actor, "anonymise", {"reason": reason})
    audit.record(actor, "member.anonymise", locked, unit=locked.branch, reason=reason)
    return locked
