"""The plans app's writes, one module per topic (Zulip's `actions/`): `plans` (create, issue),
`targets` (targets, allocation), `obligations` (reports due and their assignments over a changing
tree), `tasks` (tasks, a child plan adopting its parent's targets). Every write checks the actor's
scope and records its audit entry inside its transaction; views and endpoints call these."""

from doanso.plans.actions.obligations import (
    add_obligation,
    sync_after_restructure,
    sync_all_assignments,
    sync_assignments,
)
from doanso.plans.actions.plans import create_plan, issue_plan, next_number
from doanso.plans.actions.targets import add_target, allocate, allocate_proportional
from doanso.plans.actions.tasks import add_task, adopt_plan, adopt_targets

__all__ = [
    "add_obligation",
    "add_target",
    "add_task",
    "adopt_plan",
    "adopt_targets",
    "allocate",
    "allocate_proportional",
    "create_plan",
    "issue_plan",
    "next_number",
    "sync_after_restructure",
    "sync_all_assignments",
    "sync_assignments",
]
