"""Reads of the plans app for pages, endpoints and other apps: which plans a user sees, a plan's
page, the target a unit is measured against, units under an issuer as the tree stood on a date.
Reads never write (docs/decisions/0008-reads-only-read.md)."""

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy

from doanso.accounts.scoping import scope_for
from doanso.core.calendar import periods
from doanso.core.errors import UserError
from doanso.org.models import Unit, UnitVersion
from doanso.org.tree import is_within
from doanso.plans.models import Allocation, Indicator, Obligation, Plan, PlanStatus, Target, Task

KIND_RANK = {"trung_uong": 0, "tinh": 1, "truc_thuoc": 1, "huyen": 2, "xa": 3, "co_so": 3, "chi_doan": 4}


def plan_span(plan: Plan) -> tuple[date, date]:
    return periods.parse(plan.period_start).start, periods.parse(plan.period_end).end


def plans_for(user, unit: Unit):
    """Plans issued by the unit or applying to it: issued by its ancestors or by units in its subtree
    (merged units included), or owing reports from it. Always within the user's scope."""
    scope = scope_for(user)
    if not scope.covers(unit.path):
        raise Http404
    lo, hi = unit.subtree_range
    ancestors = [i for i in unit.ancestor_ids() if i in scope.ancestor_ids()]
    visible = scope.q("issuer__path") | Q(issuer_id__in=scope.ancestor_ids())
    mine = Q(issuer__path__gte=lo, issuer__path__lt=hi) | Q(issuer_id__in=ancestors)
    return Plan.objects.filter(visible & mine).select_related("issuer").order_by("-issued_on", "-id")


def visible_plans(user):
    scope = scope_for(user)
    return Plan.objects.filter(scope.q("issuer__path") | Q(issuer_id__in=scope.ancestor_ids()))


def get_plan(user, plan_id: int) -> Plan:
    """A plan the user may read (in scope, or issued by an ancestor of their units); 404 otherwise."""
    plan = visible_plans(user).select_related("issuer").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


def get_obligation(user, obligation_id) -> Obligation:
    """An obligation of a plan the user may read; 404 otherwise (also for an id that is no number)."""
    try:
        pk = int(obligation_id)
    except (TypeError, ValueError):
        raise Http404 from None
    ob = Obligation.objects.filter(pk=pk, plan__in=visible_plans(user)).first()
    if ob is None:
        raise Http404
    return ob


def get_target(plan: Plan, target_id: int) -> Target:
    """A target of the plan (with its indicator); 404 for any other id."""
    target = plan.targets.filter(pk=target_id).select_related("indicator", "plan__issuer").first()
    if target is None:
        raise Http404
    return target


def shares_of(target: Target) -> dict[int, Decimal]:
    """The target's allocations: unit id → value."""
    return dict(Allocation.objects.filter(target=target).values_list("unit_id", "value"))


def active_children(unit: Unit) -> list[Unit]:
    """The unit's active children, in tree order (who a target is shared out to)."""
    return list(Unit.objects.filter(parent=unit, active=True).order_by("path"))


def get_indicator(code: str) -> Indicator:
    ind = Indicator.objects.filter(code=(code or "").strip()).first()
    if ind is None:
        raise UserError(
            gettext("Chỉ số “%(code)s” không có trong danh mục chỉ số.") % {"code": code}, field="indicator"
        )
    return ind


def target_for_unit(target: Target, unit: Unit, allocations: dict | None = None) -> Decimal | None:
    """The target a unit is measured against: its own allocation; the whole target for the issuer and
    the units above it (or its successor); ratios inherited below; else none."""
    if allocations is not None:
        if (target.pk, unit.pk) in allocations:
            return allocations[(target.pk, unit.pk)]
    else:
        a = Allocation.objects.filter(target=target, unit=unit).values_list("value", flat=True).first()
        if a is not None:
            return a
    issuer_path = target.plan.issuer.path
    if is_within(issuer_path, unit.path):
        return target.value
    if target.indicator.is_ratio:
        return target.value
    return None


def viewing_unit(user, plan: Plan, code: str = "") -> Unit:
    """The unit a user looks at a plan from: the one asked for (in scope), else the issuer — or its
    successor when it was merged — when in scope, else the first of the user's own units."""
    from doanso.accounts.scoping import acting_units, get_unit

    if code:
        return get_unit(user, code)
    scope = scope_for(user)
    issuer = plan.issuer
    seen = set()
    while not issuer.active and issuer.successor_id and issuer.pk not in seen:
        seen.add(issuer.pk)
        issuer = issuer.successor
    if scope.covers(issuer.path):
        return issuer
    mine = acting_units(user).first()
    if mine is None:
        raise Http404
    return mine


def plan_page(user, plan: Plan) -> dict:
    """Everything the plan page shows: sections with targets and obligations placed, tasks, the chain."""
    visible = visible_plans(user)
    targets = list(plan.targets.select_related("indicator").order_by("period", "order", "id"))
    obligations = list(plan.obligations.prefetch_related("indicators").order_by("id"))
    tasks = list(plan.tasks.select_related("lead").prefetch_related("supporting"))
    return {
        "plan": plan,
        "sections": plan.sections or [],
        "targets": targets,
        "obligations": [
            {
                "ob": o,
                "rule": o.rule.describe(),
                "units": o.assignments.count(),
                "inds": list(o.indicators.all()),
            }
            for o in obligations
        ],
        "tasks": tasks,
        "obligations_placed": any(
            isinstance(s, dict) and s.get("body") == "@obligations" for s in plan.sections or []
        ),
        "implements": list(plan.implements.filter(pk__in=visible.values("pk")).select_related("issuer")),
        "implemented_by": list(
            plan.implemented_by.filter(pk__in=visible.values("pk")).select_related("issuer")
        ),
    }


def tasks_of(plan: Plan) -> list[Task]:
    return list(plan.tasks.select_related("lead").prefetch_related("supporting").order_by("order", "id"))


# ---- the tree as it stood on a date -------------------------------------------------------


def units_under_on(root: Unit, on: date, ids: list[int]) -> set[int]:
    """Which of `ids` were below `root` as the tree stood on `on` (one query per level, walking up)."""
    valid = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    chains: dict[int, set[int]] = {i: {i} for i in ids}
    found: set[int] = set()
    for _level in range(12):
        if not chains:
            break
        parents = dict(
            UnitVersion.objects.filter(valid, unit_id__in=list(chains)).values_list("unit_id", "parent_id")
        )
        nxt: dict[int, set[int]] = {}
        for uid, members in chains.items():
            parent = parents.get(uid)
            if parent is None:
                continue
            if parent == root.pk:
                found |= members
            else:
                nxt.setdefault(parent, set()).update(members)
        chains = nxt
    return found


def descendants_on(root: Unit, on: date, level: str | None) -> list[int]:
    """Units under `root` as the tree stood on `on`: children only (level None) or down to a level.

    One indexed query per tree level (parent_id IN …), never a scan of every unit version."""
    valid = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    limit = KIND_RANK[level] if level is not None else None
    out: list[int] = []
    frontier = [root.pk]
    while frontier:
        rows = []
        for i in range(0, len(frontier), 5000):
            rows += UnitVersion.objects.filter(valid, parent_id__in=frontier[i : i + 5000]).values_list(
                "unit_id", "kind"
            )
        if limit is None:
            return sorted({uid for uid, _ in rows})
        frontier = []
        for uid, kind in rows:
            rank = KIND_RANK.get(kind, 9)
            if rank <= limit:
                out.append(uid)
            if rank < limit:
                frontier.append(uid)
    return out


def received_plans(user, units: list[Unit], since: date) -> list[tuple[Plan, Unit]]:
    """Plans issued by a unit above one of `units` since `since` that this unit has not yet carried
    out (no plan of its own implements them): (plan, unit) pairs, in two queries."""
    scope = scope_for(user)
    if not units:
        return []
    above: dict[int, list[Unit]] = {}
    for u in units:
        for a in u.ancestor_ids():
            if a != u.pk and a in scope.ancestor_ids():
                above.setdefault(a, []).append(u)
    if not above:
        return []
    plans = list(
        Plan.objects.filter(issuer_id__in=list(above), status=PlanStatus.ISSUED, issued_on__gte=since)
        .select_related("issuer")
        .order_by("-issued_on", "-id")[:50]
    )
    done = set(
        Plan.implements.through.objects.filter(
            to_plan_id__in=[p.pk for p in plans], from_plan__issuer__in=units
        ).values_list("to_plan_id", "from_plan__issuer_id")
    )
    return [(p, u) for p in plans for u in above[p.issuer_id] if (p.pk, u.pk) not in done]


# Each event of a plan's life in the words of a Union office (never the audit log's codes).
HISTORY_WORDS = {
    "plan.create": gettext_lazy("Tạo dự thảo"),
    "plan.adopt": gettext_lazy("Nhận chỉ tiêu cấp trên giao"),
    "plan.inherit": gettext_lazy("Nhận chế độ báo cáo của cấp trên"),
    "plan.issue": gettext_lazy("Ban hành"),
    "target.create": gettext_lazy("Thêm chỉ tiêu"),
    "target.allocate": gettext_lazy("Giao chỉ tiêu cho đơn vị trực thuộc"),
    "obligation.create": gettext_lazy("Thêm chế độ báo cáo"),
    "task.create": gettext_lazy("Phân công nhiệm vụ"),
}


def plan_history(plan: Plan, limit: int = 100) -> list[dict]:
    """Every change of the plan, oldest first, in Vietnamese words: one query (the audit entries of
    the plan and of its targets, obligations and tasks, which carry the plan's id)."""
    from doanso.core.models import AuditLog

    rows = (
        AuditLog.objects.filter(
            Q(object_type="Plan", object_id=str(plan.pk)) | Q(data__plan=plan.pk),
            action__in=list(HISTORY_WORDS),
        )
        .select_related("actor")
        .order_by("at", "id")[:limit]
    )
    out = []
    for r in rows:
        who = r.actor.get_full_name() or r.actor.username if r.actor else gettext("Hệ thống")
        detail = ""
        if r.action == "plan.issue":
            detail = r.data.get("symbol", "")
        out.append({"at": r.at, "words": str(HISTORY_WORDS[r.action]), "who": who, "detail": detail})
    return out


def symbol_for(plan: Plan) -> str:
    """The symbol to offer when issuing: the unit's register, else the draft's own (never guessed
    for a branch, whose draft has none)."""
    from doanso.plans.models import Register

    reg = Register.objects.filter(unit_id=plan.issuer_id).first()
    return reg.symbol if reg else plan.issuing_body
