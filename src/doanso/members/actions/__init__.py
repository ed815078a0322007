"""Member writes, one module per topic (Zulip's `zerver/actions`): each takes what it needs, checks
the actor's rights, keeps the subtree counters current, writes the member's history and the audit
log inside its transaction. Reads are in `members/selectors.py`."""

from doanso.members.actions import anonymise, consents, dues, nominations, ratings, records, transfers

__all__ = ["anonymise", "consents", "dues", "nominations", "ratings", "records", "transfers"]
