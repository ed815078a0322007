"""Writes on obligations (reports due from sub-units) and their assignments over a changing tree."""

from collections import Counter
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from doanso.core import audit
from doanso.core.calendar import rules
from doanso.core.computed import REPORTABLE
from doanso.core.errors import UserError
from doanso.org.models import Unit
from doanso.plans.actions.checks import check_sub_units, require
from doanso.plans.models import AppliesTo, Assignment, Obligation, Plan
from doanso.plans.selectors import KIND_RANK, descendants_on, get_indicator, plan_span


@transaction.atomic
def add_obligation(
    actor,
    plan: Plan,
    *,
    title: str,
    due_rule: str,
    indicators: list[str],
    applies_to: str = AppliesTo.CHILDREN,
    units: list[Unit] | None = None,
    level: str = "",
    on: date | None = None,
) -> Obligation:
    """A recurring or one-off report due from sub-units; the units are resolved now (tree as of `on`,
    by default the plan's date) and kept as assignments."""
    require(actor, plan.issuer)
    if not (title or "").strip():
        raise UserError(gettext("Tên báo cáo không được để trống."), field="title")
    rule = rules.parse(due_rule)
    rule.check_fires(*plan_span(plan))
    inds = _reported_indicators(plan, indicators)
    ids = _owing_units(plan, applies_to, units, level, on or plan.issued_on)
    ob = Obligation.objects.create(
        plan=plan, title=title.strip(), due_rule=rule.text, applies_to=applies_to, level=level
    )
    ob.indicators.set(inds)
    Assignment.objects.bulk_create([Assignment(obligation=ob, unit_id=i) for i in ids], batch_size=5000)
    sync_assignments(ob)  # and units today's tree puts there since `on`
    audit.record(
        actor, "obligation.create", ob, unit=plan.issuer, rule=rule.text, units=len(ids), plan=plan.pk
    )
    return ob


def _reported_indicators(plan: Plan, codes: list[str]) -> list:
    """The indicators an obligation reports: known, at least one, none twice, none already reported
    by another obligation of the plan, none computed."""
    inds = [get_indicator(c) for c in codes]
    if not inds:
        raise UserError(gettext("Báo cáo cần ít nhất một chỉ số."), field="indicators")
    dup = [c for c, n in Counter(i.code for i in inds).items() if n > 1]
    if dup:
        raise UserError(gettext("Chỉ số “%(dup)s” được chọn hai lần.") % {"dup": dup[0]}, field="indicators")
    taken = (
        Obligation.indicators.through.objects.filter(obligation__plan=plan, indicator__in=inds)
        .select_related("indicator", "obligation")
        .first()
    )
    if taken:
        raise UserError(
            gettext(
                "Chỉ số “%(name)s” đã thuộc báo cáo “%(title)s” của kế hoạch "
                "(mỗi chỉ số chỉ được báo cáo theo một chế độ)."
            )
            % {"name": taken.indicator.name, "title": taken.obligation.title},
            field="indicators",
        )
    computed = [i for i in inds if i.source == "computed" and i.code not in REPORTABLE]
    if computed:
        raise UserError(
            gettext("Chỉ số “%(name)s” được tính tự động, không cần báo cáo.") % {"name": computed[0].name},
            field="indicators",
        )
    return inds


def _owing_units(plan: Plan, applies_to: str, units: list[Unit] | None, level: str, on: date) -> list[int]:
    """The ids of the units that owe the obligation, as the tree stood on `on`."""
    if applies_to == AppliesTo.CHILDREN:
        ids = descendants_on(plan.issuer, on, None)
    elif applies_to == AppliesTo.LEVEL:
        if level not in KIND_RANK or KIND_RANK[level] <= KIND_RANK.get(plan.issuer.kind, 0):
            raise UserError(
                gettext("Cấp “%(level)s” không hợp lệ (phải là cấp dưới của đơn vị ban hành).")
                % {"level": level},
                field="level",
            )
        ids = descendants_on(plan.issuer, on, level)
    elif applies_to == AppliesTo.CHOSEN:
        units = units or []
        if not units:
            raise UserError(gettext("Chưa chọn đơn vị phải báo cáo."), field="units")
        check_sub_units(plan, units)
        ids = [u.pk for u in units]
    else:
        raise UserError(
            gettext("Phạm vi áp dụng “%(applies_to)s” không hợp lệ.") % {"applies_to": applies_to},
            field="applies_to",
        )
    if not ids:
        raise UserError(gettext("Không có đơn vị cấp dưới nào phải báo cáo."), field="applies_to")
    return ids


# ---- obligations over a changing tree ---------------------------------------------------
#
# Assignments (which units owe an obligation's reports) are written here and only here: when an
# obligation is added, when its plan is issued, when the tree changes (org's restructuring
# services call `sync_after_restructure`) and by `doanso reports sync`. Reads never write them.

SYNCED = (AppliesTo.CHILDREN, AppliesTo.LEVEL)  # chosen units are fixed by the plan's author


def _named_units(ob: Obligation):
    """The units today's tree names for an obligation that applies to children or down to a level."""
    issuer = ob.plan.issuer
    if ob.applies_to == AppliesTo.CHILDREN:
        return Unit.objects.filter(parent=issuer, active=True)
    kinds = [k for k, r in KIND_RANK.items() if r <= KIND_RANK.get(ob.level, -1)]
    return Unit.objects.subtree(issuer, include_self=False).filter(active=True, kind__in=kinds)


def sync_assignments(ob: Obligation, today: date | None = None, within: list[Unit] | None = None) -> int:
    """Add every unit today's tree names for the obligation (only inside `within`'s subtrees when
    given) that does not owe it yet. Set-based: one anti-join, one insert; returns the rows added.
    A plan already over gets no new units; units that left keep their rows (history)."""
    today = today or timezone.localdate()
    if ob.applies_to not in SYNCED or plan_span(ob.plan)[1] < today:
        return 0
    units = _named_units(ob)
    if within is not None:
        if not within:
            return 0
        rng = Q()
        for u in within:
            lo, hi = u.subtree_range
            rng |= Q(path__gte=lo, path__lt=hi)
        units = units.filter(rng)
    missing = units.exclude(pk__in=ob.assignments.values("unit_id")).values_list("pk", flat=True)
    rows = [Assignment(obligation=ob, unit_id=i) for i in missing.iterator()]
    Assignment.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return len(rows)


def sync_after_restructure(units: list[Unit], on: date) -> int:
    """Listener for org's restructuring services: the obligations of the new ancestors of `units`
    whose plans still run on `on` now also name these units or units of their subtrees."""
    ancestors = {a for u in units for a in u.ancestor_ids()[:-1]}
    if not ancestors:
        return 0
    obs = Obligation.objects.filter(plan__issuer_id__in=ancestors, applies_to__in=SYNCED).select_related(
        "plan__issuer"
    )
    return sum(sync_assignments(ob, on, within=units) for ob in obs)


def sync_all_assignments(today: date | None = None) -> int:
    """`doanso reports sync`: every obligation of every running plan against today's tree."""
    obs = Obligation.objects.filter(applies_to__in=SYNCED).select_related("plan__issuer").order_by("pk")
    return sum(sync_assignments(ob, today) for ob in obs)
