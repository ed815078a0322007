"""What other apps may import from `members` (OEP-49 style boundary)."""

from doanso.members.search import looks_like_cccd
from doanso.members.stats import INDICATORS, indicators
from doanso.members.tasks import run_import
from doanso.members.work import ask_transfer, member_home, work_for

__all__ = [
    "INDICATORS",
    "ask_transfer",
    "indicators",
    "looks_like_cccd",
    "member_home",
    "run_import",
    "work_for",
]
