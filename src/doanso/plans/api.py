"""What other apps use of plans (OEP-49): its writes (`actions`) and reads (`selectors`) as functions.

Models still cross for now (reports and the dashboard read Plan, Obligation and Target rows);
docs/decisions/0007-layers.md says how this boundary gets its contract."""

from doanso.plans.actions import (
    add_obligation,
    add_target,
    add_task,
    adopt_plan,
    adopt_targets,
    allocate,
    allocate_proportional,
    create_plan,
    issue_plan,
    sync_after_restructure,
    sync_all_assignments,
    sync_assignments,
)
from doanso.plans.selectors import (
    descendants_on,
    get_obligation,
    get_plan,
    plan_span,
    plans_for,
    received_plans,
    target_for_unit,
    visible_plans,
)

__all__ = [
    "add_obligation",
    "add_target",
    "add_task",
    "adopt_plan",
    "adopt_targets",
    "allocate",
    "allocate_proportional",
    "create_plan",
    "descendants_on",
    "get_obligation",
    "get_plan",
    "issue_plan",
    "plan_span",
    "plans_for",
    "received_plans",
    "sync_after_restructure",
    "sync_all_assignments",
    "sync_assignments",
    "target_for_unit",
    "visible_plans",
]
