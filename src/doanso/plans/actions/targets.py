"""Writes on targets: adding a target to a plan and sharing it out among sub-units (by hand or in
proportion to members). Each audits inside its transaction."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext

from doanso.core import audit, vn
from doanso.core.calendar import periods
from doanso.core.errors import UserError
from doanso.org.models import Unit
from doanso.plans import allocation
from doanso.plans.actions.checks import check_sub_units, parse_amount, require
from doanso.plans.models import Allocation, AllocationMethod, Direction, Plan, Target
from doanso.plans.selectors import get_indicator, plan_span


@transaction.atomic
def add_target(
    actor,
    plan: Plan,
    *,
    indicator: str,
    value,
    period: str = "",
    direction: str = Direction.AT_LEAST,
    value_max=None,
    due_on: date | None = None,
    item: str = "",
    text: str = "",
    order: int = 0,
) -> Target:
    require(actor, plan.issuer)
    ind = get_indicator(indicator)
    if direction not in Direction.values:
        raise UserError(
            gettext("Chiều của chỉ tiêu “%(direction)s” không hợp lệ.") % {"direction": direction},
            field="direction",
        )
    v, vmax = _values(ind, direction, value, value_max, due_on)
    p = periods.parse(period or plan.period_end)
    first, last = plan_span(plan)
    if not (first <= p.start and p.end <= last):
        raise UserError(
            gettext("Kỳ %(id)s của chỉ tiêu nằm ngoài thời gian của kế hoạch (%(period)s).")
            % {"id": p.id, "period": plan.period},
            field="period",
        )
    if Target.objects.filter(plan=plan, indicator=ind, period=p.id).exists():
        raise UserError(
            gettext("Kế hoạch đã có chỉ tiêu “%(name)s” cho kỳ %(id)s.") % {"name": ind.name, "id": p.id},
            field="indicator",
        )
    t = Target.objects.create(
        plan=plan,
        indicator=ind,
        value=v,
        value_max=vmax,
        period=p.id,
        direction=direction,
        due_on=due_on,
        item=item,
        text=text,
        order=order,
    )
    audit.record(
        actor,
        "target.create",
        t,
        unit=plan.issuer,
        indicator=ind.code,
        value=str(v),
        period=p.id,
        plan=plan.pk,
    )
    return t


def _values(ind, direction: str, value, value_max, due_on: date | None) -> tuple:
    """The target's value (and maximum, for a range) as typed; ratios stay within 100%."""
    v = parse_amount(value, "value", gettext("Giá trị chỉ tiêu"))
    if ind.is_ratio and v > 100:
        raise UserError(
            gettext("Chỉ tiêu tỷ lệ “%(name)s” không được vượt quá 100%% (nhận được %(value)s%%).")
            % {"name": ind.name, "value": vn.format_number(v)},
            field="value",
        )
    vmax = None
    if direction == Direction.RANGE:
        if value_max is None:
            raise UserError(gettext("Chỉ tiêu dạng khoảng cần giá trị tối đa."), field="value_max")
        vmax = parse_amount(value_max, "value_max", gettext("Giá trị tối đa"))
        if vmax < v or (ind.is_ratio and vmax > 100):
            raise UserError(
                gettext("Giá trị tối đa phải lớn hơn giá trị tối thiểu (và không quá 100% với tỷ lệ)."),
                field="value_max",
            )
    if direction == Direction.MILESTONE and due_on is None:
        raise UserError(gettext("Chỉ tiêu mốc cần hạn hoàn thành."), field="due_on")
    return v, vmax


@transaction.atomic
def allocate(
    actor, target: Target, shares: dict[Unit, object], method: str = AllocationMethod.MANUAL
) -> list[Allocation]:
    """Give sub-units their shares of a target by hand (replacing earlier shares)."""
    plan = target.plan
    require(actor, plan.issuer)
    check_sub_units(plan, list(shares))
    values = {
        u: parse_amount(v, "value", gettext("Chỉ tiêu giao cho %(name)s") % {"name": u.name})
        for u, v in shares.items()
    }
    if target.indicator.is_ratio:
        for u, v in values.items():
            if v > 100:
                raise UserError(
                    gettext("Tỷ lệ giao cho %(name)s không được vượt quá 100%%.") % {"name": u.name},
                    field="value",
                )
    Allocation.objects.filter(target=target).delete()
    rows = Allocation.objects.bulk_create(
        [Allocation(target=target, unit=u, value=v, method=method) for u, v in values.items()]
    )
    audit.record(
        actor,
        "target.allocate",
        target,
        unit=plan.issuer,
        method=method,
        shares={u.code: str(v) for u, v in values.items()},
        plan=plan.pk,
    )
    return rows


def allocate_proportional(
    actor, target: Target, units: list[Unit], weights: dict[int, int] | None = None
) -> list[Allocation]:
    """Split an absolute target in proportion to active members (or given weights); ratios are inherited."""
    if target.indicator.is_ratio:
        return allocate(actor, target, {u: target.value for u in units}, AllocationMethod.INHERITED)
    if weights is None:
        from doanso.org.stats import member_counts

        weights = member_counts(units)
    places = 0 if target.value == target.value.to_integral_value() else 2
    parts = allocation.proportional(target.value, {u.pk: weights.get(u.pk, 0) for u in units}, places)
    return allocate(actor, target, {u: parts[u.pk] for u in units}, AllocationMethod.PROPORTIONAL)
