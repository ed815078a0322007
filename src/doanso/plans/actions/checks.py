"""Checks shared by the plans app's writes: the actor's scope, amounts as typed, sub-units of an issuer."""

from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.core import vn
from doanso.core.errors import UserError
from doanso.org.models import Unit
from doanso.org.tree import is_within
from doanso.plans.models import Plan
from doanso.plans.selectors import units_under_on


def require(actor, unit: Unit) -> None:
    """Writes need the actor to act for the unit (actor None = the system, e.g. the demo seed)."""
    if actor is not None and not scope_for(actor).covers(unit.path):
        raise Http404


def parse_amount(value, field: str, label: str) -> Decimal:
    """A number as typed (`85.000`, `12,5`, `1,2 triệu`) or sent (85000, 12.5); never negative."""
    d = vn.number_for(value, label=label, field=field)
    if d < 0:
        raise UserError(
            gettext("%(label)s không được âm (nhận được %(value)s).")
            % {"label": label, "value": vn.format_number(d)},
            field=field,
        )
    return d


def check_sub_units(plan: Plan, units: list[Unit], field: str = "units") -> None:
    """Units must be under the issuer today, or have been on the plan's date (before a restructuring)."""
    outside = [u for u in units if u.pk == plan.issuer_id or not is_within(u.path, plan.issuer.path)]
    if not outside:
        return
    past = units_under_on(plan.issuer, plan.issued_on, [u.pk for u in outside if u.pk != plan.issuer_id])
    for u in outside:
        if u.pk not in past:
            raise UserError(
                gettext("“%(name)s” (%(code)s) không phải đơn vị cấp dưới của %(issuer)s.")
                % {"name": u.name, "code": u.code, "issuer": plan.issuer.name},
                field=field,
            )
