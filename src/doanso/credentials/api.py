"""What other apps may import from `credentials` (learning issues contest certificates here)."""

from doanso.credentials.models import Credential
from doanso.credentials.selectors import held_by
from doanso.credentials.services import can_issue, issue_achievement, revoke
from doanso.credentials.verification import VerifyResult, verify

__all__ = ["Credential", "VerifyResult", "can_issue", "held_by", "issue_achievement", "revoke", "verify"]
