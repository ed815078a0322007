"""Transitional: the member writes moved to `members/actions/` (one module per topic) and the reads
to `members/selectors.py`. These names stay for the callers outside the members app that still
import them (`demo/members.py`, `tests/factories.py`, `tests/accounts/test_scope_guards.py`);
delete this module when they import from the new places."""

from doanso.members.actions.common import BRANCH_KINDS, check_branch, require_admin
from doanso.members.actions.consents import give_consent, own_data, withdraw_consent
from doanso.members.actions.dues import RULE_FIELDS, excuse_from_dues, record_dues, save_dues_rule
from doanso.members.actions.nominations import nominate, record_nomination_outcome
from doanso.members.actions.ratings import approve_ratings, save_ratings, submit_ratings
from doanso.members.actions.records import add_member, change_member, set_status
from doanso.members.actions.transfers import (
    accept_transfer,
    cancel_transfer,
    reject_transfer,
    request_transfer,
)
from doanso.members.models import DuesRate, DuesRule
from doanso.members.selectors import (
    SALARIED,
    consents_of,
    dues_arrears,
    dues_category,
    dues_excused,
    dues_rate,
    dues_rule,
    dues_summary,
    is_central,
    keep_share,
    maturity_due,
    members_in,
    needs_guardian,
    nomination_candidates,
    nominations_in,
    record_dict,
    remit_every,
    today,
    transfers_for,
    visible_member,
    visible_nomination,
    visible_transfer,
)

__all__ = [
    "BRANCH_KINDS",
    "RULE_FIELDS",
    "SALARIED",
    "DuesRate",
    "DuesRule",
    "accept_transfer",
    "add_member",
    "approve_ratings",
    "cancel_transfer",
    "change_member",
    "check_branch",
    "consents_of",
    "dues_arrears",
    "dues_category",
    "dues_excused",
    "dues_rate",
    "dues_rule",
    "dues_summary",
    "excuse_from_dues",
    "give_consent",
    "is_central",
    "keep_share",
    "maturity_due",
    "members_in",
    "needs_guardian",
    "nominate",
    "nomination_candidates",
    "nominations_in",
    "own_data",
    "record_dict",
    "record_dues",
    "record_nomination_outcome",
    "reject_transfer",
    "remit_every",
    "request_transfer",
    "require_admin",
    "save_dues_rule",
    "save_ratings",
    "set_status",
    "submit_ratings",
    "today",
    "transfers_for",
    "visible_member",
    "visible_nomination",
    "visible_transfer",
    "withdraw_consent",
]
