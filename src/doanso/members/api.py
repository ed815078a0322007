"""What other apps may import from `members` (OEP-49 style boundary)."""

from doanso.members.actions.anonymise import anonymise_member, is_anonymised
from doanso.members.actions.consents import member_data
from doanso.members.actions.records import change_member
from doanso.members.models import Member, MemberStatus
from doanso.members.search import looks_like_cccd
from doanso.members.selectors import record_dict, sensitive_access, visible_member
from doanso.members.stats import INDICATORS, indicators
from doanso.members.tasks import run_import
from doanso.members.work import ask_transfer, member_home, work_for

__all__ = [
    "Member",
    "MemberStatus",
    "anonymise_member",
    "change_member",
    "is_anonymised",
    "member_data",
    "record_dict",
    "sensitive_access",
    "visible_member",
    "INDICATORS",
    "ask_transfer",
    "indicators",
    "looks_like_cccd",
    "member_home",
    "run_import",
    "work_for",
    "card_member_id",
]


def card_member_id(text: str) -> int | None:
    """The member id an e-card QR names, or None if it is forged or not ours (for check-in scanners)."""
    from doanso.members.card import verify

    return verify(text)
