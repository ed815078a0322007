"""What other apps may import from `members` (OEP-49 style boundary)."""

from doanso.members.stats import INDICATORS, indicators
from doanso.members.tasks import run_import

__all__ = ["INDICATORS", "indicators", "run_import"]
