"""/api/v1/plans: plans issued by or applying to a unit; creating plans, targets, allocations, obligations.

The API edge of plans (was `plans/endpoints.py`): it calls plans' actions and selectors only."""

from datetime import date

from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from doanso.accounts.scoping import get_unit, units_for
from doanso.core.errors import UserError
from doanso.core.pagination import Page, mapped
from doanso.core.vn_schema import MAX_IDS, VnDate, VnDecimal
from doanso.core.vn_schema import column_length as _len
from doanso.org.models import Unit
from doanso.plans import actions, selectors
from doanso.plans.models import Indicator, Obligation, Plan, Target, Task

CODE = _len(Unit, "code")
PERIOD = _len(Target, "period")
MAX_ITEMS = 500  # sections, recipients, codes: no plan has more

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    number: str
    title: str
    issuer: str
    period: str


class TargetOut(Schema):
    id: int
    item: str
    indicator: str
    name: str
    unit_of_measure: str
    value: float
    value_max: float | None = None
    period: str
    direction: str


class ObligationOut(Schema):
    id: int
    title: str
    due_rule: str
    description: str
    indicators: list[str]
    units: int


class PlanDetail(PlanOut):
    kind: str
    status: str
    issued_on: date
    place: str
    signature: str
    sections: list[dict]
    recipients: list[str]
    implements: list[PlanOut]
    implemented_by: list[PlanOut]
    implements_refs: list[str]
    targets: list[TargetOut]
    obligations: list[ObligationOut]


class PlanIn(Schema):
    issuer: str = Field(..., max_length=CODE)
    kind: str = Field("KH", max_length=_len(Plan, "kind"))
    title: str = Field(..., min_length=1, max_length=_len(Plan, "title"))
    issued_on: VnDate
    period_start: str = Field(..., max_length=_len(Plan, "period_start"))
    period_end: str = Field("", max_length=_len(Plan, "period_end"))
    department: str = Field("", max_length=_len(Plan, "department"))
    place: str = Field("", max_length=_len(Plan, "place"))
    sections: list[dict] = Field([], max_length=MAX_ITEMS)
    signature: str = Field("TM. BAN THƯỜNG VỤ", max_length=_len(Plan, "signature"))
    signer_title: str = Field("BÍ THƯ", max_length=_len(Plan, "signer_title"))
    signer_name: str = Field("", max_length=_len(Plan, "signer_name"))
    recipients: list[str] = Field([], max_length=MAX_ITEMS)
    implements: list[int] = Field([], max_length=MAX_ITEMS)
    implements_refs: list[str] = Field([], max_length=MAX_ITEMS)
    issue: bool = False


class TargetIn(Schema):
    indicator: str = Field(..., max_length=_len(Indicator, "code"))
    value: VnDecimal
    period: str = Field("", max_length=PERIOD)
    direction: str = Field("at_least", max_length=_len(Target, "direction"))
    value_max: VnDecimal | None = None
    due_on: VnDate | None = None
    item: str = Field("", max_length=_len(Target, "item"))


class AllocationIn(Schema):
    method: str = Field("manual", max_length=12, description="manual | proportional")
    shares: dict[str, VnDecimal] = Field({}, max_length=MAX_IDS)
    units: list[str] = Field([], max_length=MAX_IDS)


class ObligationIn(Schema):
    title: str = Field(..., min_length=1, max_length=_len(Obligation, "title"))
    due_rule: str = Field(..., max_length=_len(Obligation, "due_rule"))
    indicators: list[str] = Field(..., max_length=MAX_ITEMS)
    applies_to: str = Field("children", max_length=_len(Obligation, "applies_to"))
    units: list[str] = Field([], max_length=MAX_IDS)
    level: str = Field("", max_length=_len(Obligation, "level"))


def plan_out(p: Plan) -> dict:
    return {"id": p.pk, "number": p.symbol, "title": p.title, "issuer": p.issuer.code, "period": p.period}


def plan_detail(p: Plan, user) -> dict:
    visible = selectors.visible_plans(user)
    return {
        **plan_out(p),
        "kind": p.kind,
        "status": p.status,
        "issued_on": p.issued_on,
        "place": p.place,
        "signature": p.signature,
        "sections": p.sections,
        "recipients": p.recipients,
        "implements": [
            plan_out(x) for x in p.implements.filter(pk__in=visible.values("pk")).select_related("issuer")
        ],
        "implemented_by": [
            plan_out(x) for x in p.implemented_by.filter(pk__in=visible.values("pk")).select_related("issuer")
        ],
        "implements_refs": p.implements_refs,
        "targets": [target_out(t) for t in p.targets.select_related("indicator")],
        "obligations": [obligation_out(o) for o in p.obligations.prefetch_related("indicators")],
    }


@router.get("", response=list[PlanOut])
@paginate(Page)
def list_plans(request, unit: str = ""):
    """Plans issued by or applying to `unit` (its ancestors' plans, its own and its subtree's)."""
    if unit:
        qs = selectors.plans_for(request.user, get_unit(request.user, unit))
    else:
        qs = selectors.visible_plans(request.user).select_related("issuer").order_by("-issued_on", "-id")
    return mapped(qs, plan_out)


@router.get("/{plan_id}", response=PlanDetail)
def get_plan(request, plan_id: int):
    return plan_detail(selectors.get_plan(request.user, plan_id), request.user)


@router.post("", response={201: PlanDetail})
def create_plan(request, data: PlanIn):
    issuer = get_unit(request.user, data.issuer)
    implements = [selectors.get_plan(request.user, i) for i in data.implements]
    plan = actions.create_plan(
        request.user,
        issuer,
        kind=data.kind,
        title=data.title,
        issued_on=data.issued_on,
        period_start=data.period_start,
        period_end=data.period_end,
        department=data.department,
        place=data.place,
        sections=data.sections,
        signature=data.signature,
        signer_title=data.signer_title,
        signer_name=data.signer_name,
        recipients=data.recipients,
        implements=implements,
        implements_refs=data.implements_refs,
        issue=data.issue,
    )
    return Status(201, plan_detail(plan, request.user))


def target_out(t) -> dict:
    """A target as every plans route answers it (the plan page and the created target agree)."""
    return {
        "id": t.pk,
        "item": t.item,
        "indicator": t.indicator.code,
        "name": t.indicator.name,
        "unit_of_measure": t.indicator.unit_of_measure,
        "value": float(t.value),
        "value_max": float(t.value_max) if t.value_max is not None else None,
        "period": t.period,
        "direction": t.direction,
    }


def obligation_out(o) -> dict:
    return {
        "id": o.pk,
        "title": o.title,
        "due_rule": o.due_rule,
        "description": o.rule.describe(),
        "indicators": [i.code for i in o.indicators.all()],
        "units": o.assignments.count(),
    }


def _own_plan(request, plan_id: int) -> Plan:
    plan = selectors.get_plan(request.user, plan_id)
    get_unit(request.user, plan.issuer.code)  # writing needs the issuer in scope
    return plan


@router.post("/{plan_id}/targets", response={201: TargetOut})
def add_target(request, plan_id: int, data: TargetIn):
    plan = _own_plan(request, plan_id)
    t = actions.add_target(
        request.user,
        plan,
        indicator=data.indicator,
        value=data.value,
        period=data.period,
        direction=data.direction,
        value_max=data.value_max,
        due_on=data.due_on,
        item=data.item,
    )
    return Status(201, target_out(t))


def _units(user, codes: list[str]) -> list[Unit]:
    # Only units in the caller's scope: a code outside it reads as unknown, never by its name.
    found = {u.code: u for u in units_for(user).filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise UserError(gettext("Không có đơn vị mã “%(missing)s”.") % {"missing": missing[0]}, field="units")
    return [found[c] for c in codes]


@router.post("/{plan_id}/targets/{target_id}/allocations")
def allocate(request, plan_id: int, target_id: int, data: AllocationIn):
    plan = _own_plan(request, plan_id)
    target = selectors.get_target(plan, target_id)
    if data.method == "proportional":
        rows = actions.allocate_proportional(request.user, target, _units(request.user, data.units))
    else:
        units = _units(request.user, list(data.shares))
        rows = actions.allocate(request.user, target, {u: data.shares[u.code] for u in units})
    return {"items": [{"unit": a.unit.code, "value": float(a.value), "method": a.method} for a in rows]}


@router.post("/{plan_id}/obligations", response={201: ObligationOut})
def add_obligation(request, plan_id: int, data: ObligationIn):
    plan = _own_plan(request, plan_id)
    ob = actions.add_obligation(
        request.user,
        plan,
        title=data.title,
        due_rule=data.due_rule,
        indicators=data.indicators,
        applies_to=data.applies_to,
        units=_units(request.user, data.units),
        level=data.level,
    )
    return Status(201, obligation_out(ob))


class TaskIn(Schema):
    title: str = Field(..., min_length=1, max_length=_len(Task, "title"))
    lead: str = Field("", max_length=CODE)
    supporting: list[str] = Field([], max_length=MAX_ITEMS)


class TaskOut(Schema):
    id: int
    order: int
    title: str
    lead: str | None
    lead_name: str | None
    supporting: list[str]


def task_out(t) -> dict:
    return {
        "id": t.pk,
        "order": t.order,
        "title": t.title,
        "lead": t.lead.code if t.lead else None,
        "lead_name": t.lead.name if t.lead else None,
        "supporting": [u.code for u in t.supporting.all()],
    }


@router.get("/{plan_id}/tasks", response=list[TaskOut])
def list_tasks(request, plan_id: int):
    """The plan's tasks with their lead (chủ trì) and supporting (phối hợp) units."""
    return [task_out(t) for t in selectors.tasks_of(selectors.get_plan(request.user, plan_id))]


@router.post("/{plan_id}/tasks", response={201: TaskOut})
def add_task(request, plan_id: int, data: TaskIn):
    plan = _own_plan(request, plan_id)
    lead = _units(request.user, [data.lead])[0] if data.lead else None
    t = actions.add_task(
        request.user, plan, title=data.title, lead=lead, supporting=_units(request.user, data.supporting)
    )
    return Status(201, task_out(t))


class AdoptIn(Schema):
    unit: str = Field(
        "", max_length=CODE, description="the sub-unit whose new plan adopts this plan's targets"
    )
    title: str = Field("", max_length=_len(Plan, "title"))
    parent: int | None = Field(None, description="or: adopt the targets of plan `parent` into this plan")


@router.post("/{plan_id}/adopt", response={201: PlanDetail})
def adopt(request, plan_id: int, data: AdoptIn):
    """A child plan adopting its parent's targets: either create the sub-unit's plan from this one
    (`unit`), or copy the targets of plan `parent` into this (the sub-unit's own) plan."""
    if data.parent is not None:
        plan = _own_plan(request, plan_id)
        parent = selectors.get_plan(request.user, data.parent)
        actions.adopt_targets(request.user, plan, parent)
    else:
        parent = selectors.get_plan(request.user, plan_id)
        if not data.unit:
            raise UserError(
                gettext("Cần chọn đơn vị lập kế hoạch (unit) hoặc kế hoạch cấp trên (parent)."), field="unit"
            )
        plan = actions.adopt_plan(request.user, parent, get_unit(request.user, data.unit), title=data.title)
    return Status(201, plan_detail(plan, request.user))


def register(api) -> None:
    api.add_router("/plans", router)
