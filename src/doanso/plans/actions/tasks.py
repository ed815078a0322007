"""Writes on tasks (chủ trì / phối hợp) and on a child plan adopting its parent's targets. Each
audits inside its transaction."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from doanso.core import audit
from doanso.core.calendar import periods
from doanso.core.computed import REPORTABLE
from doanso.core.errors import UserError
from doanso.org.models import Unit
from doanso.plans.actions.checks import check_sub_units, require
from doanso.plans.actions.plans import create_plan
from doanso.plans.models import Allocation, Plan, PlanKind, Target, Task
from doanso.plans.selectors import plan_span


@transaction.atomic
def add_task(
    actor,
    plan: Plan,
    *,
    title: str,
    lead: Unit | None = None,
    supporting: list[Unit] | None = None,
    order=None,
) -> Task:
    """A task of the plan, led by one unit (the issuer or a sub-unit) with supporting units."""
    require(actor, plan.issuer)
    if not (title or "").strip():
        raise UserError(gettext("Tên nhiệm vụ không được để trống."), field="title")
    supporting = supporting or []
    for field, units in (("lead", [lead] if lead else []), ("supporting", supporting)):
        check_sub_units(plan, [u for u in units if u.pk != plan.issuer_id], field=field)
    if lead and any(u.pk == lead.pk for u in supporting):
        raise UserError(
            gettext("“%(name)s” đã là đơn vị chủ trì, không thể đồng thời phối hợp.") % {"name": lead.name},
            field="supporting",
        )
    if order is None:
        order = (plan.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
    task = Task.objects.create(plan=plan, title=title.strip(), lead=lead, order=order)
    task.supporting.set(supporting)
    audit.record(
        actor,
        "task.create",
        task,
        unit=plan.issuer,
        lead=lead.code if lead else None,
        supporting=[u.code for u in supporting],
        plan=plan.pk,
    )
    return task


@transaction.atomic
def adopt_targets(actor, plan: Plan, parent: Plan) -> list[Target]:
    """Copy the parent plan's targets into `plan` (issued by a sub-unit of the parent's issuer), each
    at the sub-unit's own allocation — ratios at the inherited rate; targets the plan already has,
    or that give the unit nothing, are left out. The plan is marked as implementing the parent."""
    require(actor, plan.issuer)
    if plan.pk == parent.pk:
        raise UserError(gettext("Kế hoạch không thể nhận chỉ tiêu của chính nó."), field="parent")
    check_sub_units(parent, [plan.issuer], field="parent")
    first, last = plan_span(plan)
    have = set(plan.targets.values_list("indicator_id", "period"))
    parent_targets = list(parent.targets.select_related("indicator", "plan__issuer").order_by("order", "id"))
    shares = dict(
        Allocation.objects.filter(target__plan=parent, unit=plan.issuer).values_list("target_id", "value")
    )
    out = []
    for t in parent_targets:
        if (t.indicator_id, t.period) in have:
            continue
        p = periods.parse(t.period)
        if not (first <= p.start and p.end <= last):
            continue
        value = shares.get(t.pk)
        if value is None and t.indicator.is_ratio:
            value = t.value
        if value is None:
            continue
        out.append(
            Target(
                plan=plan,
                indicator=t.indicator,
                value=value,
                value_max=t.value_max,
                period=t.period,
                direction=t.direction,
                due_on=t.due_on,
                item=t.item,
                text=t.text,
                order=t.order,
            )
        )
    if not out:
        raise UserError(
            gettext(
                "Không có chỉ tiêu nào của %(symbol)s được giao cho %(name)s "
                "trong thời gian của kế hoạch (%(period)s)."
            )
            % {"symbol": parent.symbol, "name": plan.issuer.name, "period": plan.period},
            field="parent",
        )
    Target.objects.bulk_create(out)
    plan.implements.add(parent)
    audit.record(
        actor, "plan.adopt", plan, unit=plan.issuer, parent=parent.pk, targets=len(out), plan=plan.pk
    )
    return out


@transaction.atomic
def adopt_plan(actor, parent: Plan, unit: Unit, *, title: str = "", issued_on: date | None = None) -> Plan:
    """A draft plan of `unit` implementing `parent`, with the parent's targets at the unit's share."""
    require(actor, unit)
    check_sub_units(parent, [unit], field="unit")
    on = issued_on or timezone.localdate()
    default_title = f"Thực hiện {parent.get_kind_display().lower()} số {parent.symbol}: {parent.title}"
    plan = create_plan(
        actor,
        unit,
        kind=PlanKind.KH,
        title=title or default_title[:490],
        issued_on=on,
        period_start=parent.period_start,
        period_end=parent.period_end,
        sections=[{"heading": "Chỉ tiêu", "body": "@targets"}],
        implements=[parent],
    )
    adopt_targets(actor, plan, parent)
    inherit_obligations(actor, plan, parent)
    return plan


def inherit_obligations(actor, plan: Plan, parent: Plan) -> list:
    """The parent's reporting schedules, passed down: the unit's own sub-units owe the unit the same
    reports (same title, rule and indicators) — nothing when the unit has no sub-units (a branch).
    A schedule that cannot apply (no deadline within the plan's time) is left out, not half-made."""
    from doanso.plans.actions.obligations import add_obligation

    if not Unit.objects.filter(parent=plan.issuer, active=True).exists():
        return []
    out = []
    for ob in parent.obligations.prefetch_related("indicators").order_by("id"):
        codes = [i.code for i in ob.indicators.all() if i.source != "computed" or i.code in REPORTABLE]
        if not codes:
            continue
        try:
            out.append(add_obligation(actor, plan, title=ob.title, due_rule=ob.due_rule, indicators=codes))
        except UserError:
            continue
    if out:
        audit.record(
            actor,
            "plan.inherit",
            plan,
            unit=plan.issuer,
            parent=parent.pk,
            obligations=len(out),
            plan=plan.pk,
        )
    return out
