"""Writes of the plans app: plans, targets, allocations, obligations. Views and endpoints call these."""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.http import Http404
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.core import audit, vn
from doanso.core.calendar import periods
from doanso.core.calendar import rules as recurrence
from doanso.core.errors import UserError
from doanso.org.models import Unit, UnitVersion
from doanso.org.tree import is_within
from doanso.plans import allocation
from doanso.plans.models import (
    Allocation,
    AllocationMethod,
    AppliesTo,
    Assignment,
    Direction,
    Indicator,
    Obligation,
    Plan,
    PlanKind,
    PlanStatus,
    Signature,
    Target,
    Task,
)
from doanso.plans.numbering import body_for_kind

KIND_RANK = {"trung_uong": 0, "tinh": 1, "truc_thuoc": 1, "huyen": 2, "xa": 3, "co_so": 3, "chi_doan": 4}


def _require(actor, unit: Unit) -> None:
    """Writes need the actor to act for the unit (actor None = the system, e.g. the demo seed)."""
    if actor is not None and not scope_for(actor).covers(unit.path):
        raise Http404


def _decimal(value, field: str, label: str) -> Decimal:
    """A number as typed (`85.000`, `12,5`, `1,2 triệu`) or sent (85000, 12.5); never negative."""
    try:
        d = vn.parse_number(value)
    except vn.VnParseError as exc:
        raise UserError(
            gettext("%(label)s: %(message)s") % {"label": label, "message": exc.message}, field=field
        ) from None
    if d < 0:
        raise UserError(
            gettext("%(label)s không được âm (nhận được %(value)s).")
            % {"label": label, "value": vn.format_number(d)},
            field=field,
        )
    return d


def plan_span(plan: Plan) -> tuple[date, date]:
    return periods.parse(plan.period_start).start, periods.parse(plan.period_end).end


# ---- plans ---------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    actor,
    issuer: Unit,
    *,
    title: str,
    issued_on: date,
    period_start: str,
    period_end: str = "",
    kind: str = PlanKind.KH,
    department: str = "",
    issuing_body: str = "",
    place: str = "",
    sections: list | None = None,
    signature: str = Signature.BTV,
    signer_title: str = "BÍ THƯ",
    signer_name: str = "",
    recipients: list | None = None,
    implements: list[Plan] | None = None,
    implements_refs: list[str] | None = None,
    number: int | None = None,
    issue: bool = False,
) -> Plan:
    _require(actor, issuer)
    if not (title or "").strip():
        raise UserError(gettext("Trích yếu (tên kế hoạch) không được để trống."), field="title")
    if kind not in PlanKind.values:
        raise UserError(
            gettext("Loại văn bản “%(kind)s” không hợp lệ; dùng một trong: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(PlanKind.values)},
            field="kind",
        )
    if signature not in Signature.values:
        raise UserError(
            gettext("Thẩm quyền ký “%(signature)s” không hợp lệ.") % {"signature": signature},
            field="signature",
        )
    first = periods.parse(period_start)
    last = periods.parse(period_end or period_start)
    if last.end < first.start:
        raise UserError(gettext("Kỳ kết thúc của kế hoạch phải sau kỳ bắt đầu."), field="period_end")
    plan = Plan.objects.create(
        issuer=issuer,
        kind=kind,
        year=issued_on.year,
        issuing_body=issuing_body or body_for_kind(issuer.kind),
        department=department,
        issued_on=issued_on,
        place=place,
        title=title.strip(),
        period_start=first.id,
        period_end=last.id,
        sections=sections or [],
        signature=signature,
        signer_title=signer_title,
        signer_name=signer_name,
        recipients=recipients or [],
        implements_refs=implements_refs or [],
    )
    if implements:
        plan.implements.set(implements)
    audit.record(actor, "plan.create", plan, unit=issuer, title=plan.title)
    if issue or number:
        issue_plan(actor, plan, number=number)
    return plan


def next_number(issuer: Unit, kind: str, year: int) -> int:
    """The running count of documents per issuing unit, kind and year."""
    top = Plan.objects.filter(issuer=issuer, kind=kind, year=year).aggregate(m=Max("number"))["m"]
    return (top or 0) + 1


def issue_plan(actor, plan: Plan, number: int | None = None) -> Plan:
    """Give the plan its number (the next free one unless given) and mark it issued."""
    _require(actor, plan.issuer)
    if number is not None and number < 1:
        raise UserError(gettext("Số văn bản phải là số nguyên dương."), field="number")
    for _attempt in range(5):
        plan.number = number or next_number(plan.issuer, plan.kind, plan.year)
        plan.status = PlanStatus.ISSUED
        try:
            with transaction.atomic():
                plan.save(update_fields=["number", "status"])
        except IntegrityError:
            if number is not None:
                raise UserError(
                    gettext("Số %(number)s-%(kind)s năm %(year)s của đơn vị đã được dùng.")
                    % {"number": number, "kind": plan.kind, "year": plan.year},
                    field="number",
                ) from None
            continue
        for ob in plan.obligations.filter(applies_to__in=SYNCED):
            ob.plan = plan
            sync_assignments(ob)  # the tree may have changed since the obligations were set
        audit.record(actor, "plan.issue", plan, unit=plan.issuer, symbol=plan.symbol)
        return plan
    raise UserError(gettext("Không cấp được số văn bản, xin thử lại."), field="number")


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


# ---- targets -------------------------------------------------------------------------


def get_indicator(code: str) -> Indicator:
    ind = Indicator.objects.filter(code=(code or "").strip()).first()
    if ind is None:
        raise UserError(
            gettext("Chỉ số “%(code)s” không có trong danh mục chỉ số.") % {"code": code}, field="indicator"
        )
    return ind


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
    _require(actor, plan.issuer)
    ind = get_indicator(indicator)
    if direction not in Direction.values:
        raise UserError(
            gettext("Chiều của chỉ tiêu “%(direction)s” không hợp lệ.") % {"direction": direction},
            field="direction",
        )
    v = _decimal(value, "value", gettext("Giá trị chỉ tiêu"))
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
        vmax = _decimal(value_max, "value_max", gettext("Giá trị tối đa"))
        if vmax < v or (ind.is_ratio and vmax > 100):
            raise UserError(
                gettext("Giá trị tối đa phải lớn hơn giá trị tối thiểu (và không quá 100% với tỷ lệ)."),
                field="value_max",
            )
    if direction == Direction.MILESTONE and due_on is None:
        raise UserError(gettext("Chỉ tiêu mốc cần hạn hoàn thành."), field="due_on")
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
    audit.record(actor, "target.create", t, unit=plan.issuer, indicator=ind.code, value=str(v), period=p.id)
    return t


def _check_sub_units(plan: Plan, units: list[Unit], field: str = "units") -> None:
    """Units must be under the issuer today, or have been on the plan's date (before a restructuring)."""
    outside = [u for u in units if u.pk == plan.issuer_id or not is_within(u.path, plan.issuer.path)]
    if not outside:
        return
    past = _under_on(plan.issuer, plan.issued_on, [u.pk for u in outside if u.pk != plan.issuer_id])
    for u in outside:
        if u.pk not in past:
            raise UserError(
                gettext("“%(name)s” (%(code)s) không phải đơn vị cấp dưới của %(issuer)s.")
                % {"name": u.name, "code": u.code, "issuer": plan.issuer.name},
                field=field,
            )


def _under_on(root: Unit, on: date, ids: list[int]) -> set[int]:
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


@transaction.atomic
def allocate(
    actor, target: Target, shares: dict[Unit, object], method: str = AllocationMethod.MANUAL
) -> list[Allocation]:
    """Give sub-units their shares of a target by hand (replacing earlier shares)."""
    plan = target.plan
    _require(actor, plan.issuer)
    _check_sub_units(plan, list(shares))
    values = {
        u: _decimal(v, "value", gettext("Chỉ tiêu giao cho %(name)s") % {"name": u.name})
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


# ---- obligations ---------------------------------------------------------------------


def _descendants_on(root: Unit, on: date, level: str | None) -> list[int]:
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
    _require(actor, plan.issuer)
    if not (title or "").strip():
        raise UserError(gettext("Tên báo cáo không được để trống."), field="title")
    rule = recurrence.parse(due_rule)
    rule.check_fires(*plan_span(plan))
    inds = [get_indicator(c) for c in indicators]
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
    computed = [i for i in inds if i.source == "computed"]
    if computed:
        raise UserError(
            gettext("Chỉ số “%(name)s” được tính tự động, không cần báo cáo.") % {"name": computed[0].name},
            field="indicators",
        )
    on = on or plan.issued_on
    if applies_to == AppliesTo.CHILDREN:
        ids = _descendants_on(plan.issuer, on, None)
    elif applies_to == AppliesTo.LEVEL:
        if level not in KIND_RANK or KIND_RANK[level] <= KIND_RANK.get(plan.issuer.kind, 0):
            raise UserError(
                gettext("Cấp “%(level)s” không hợp lệ (phải là cấp dưới của đơn vị ban hành).")
                % {"level": level},
                field="level",
            )
        ids = _descendants_on(plan.issuer, on, level)
    elif applies_to == AppliesTo.CHOSEN:
        units = units or []
        if not units:
            raise UserError(gettext("Chưa chọn đơn vị phải báo cáo."), field="units")
        _check_sub_units(plan, units)
        ids = [u.pk for u in units]
    else:
        raise UserError(
            gettext("Phạm vi áp dụng “%(applies_to)s” không hợp lệ.") % {"applies_to": applies_to},
            field="applies_to",
        )
    if not ids:
        raise UserError(gettext("Không có đơn vị cấp dưới nào phải báo cáo."), field="applies_to")
    ob = Obligation.objects.create(
        plan=plan, title=title.strip(), due_rule=rule.text, applies_to=applies_to, level=level
    )
    ob.indicators.set(inds)
    Assignment.objects.bulk_create([Assignment(obligation=ob, unit_id=i) for i in ids], batch_size=5000)
    sync_assignments(ob)  # and units today's tree puts there since `on`
    audit.record(actor, "obligation.create", ob, unit=plan.issuer, rule=rule.text, units=len(ids))
    return ob


# ---- reading for pages ----------------------------------------------------------------


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
        "implements": list(plan.implements.filter(pk__in=visible.values("pk")).select_related("issuer")),
        "implemented_by": list(
            plan.implemented_by.filter(pk__in=visible.values("pk")).select_related("issuer")
        ),
    }


# ---- a child plan adopting its parent's targets ----------------------------------------


@transaction.atomic
def adopt_targets(actor, plan: Plan, parent: Plan) -> list[Target]:
    """Copy the parent plan's targets into `plan` (issued by a sub-unit of the parent's issuer), each
    at the sub-unit's own allocation — ratios at the inherited rate; targets the plan already has,
    or that give the unit nothing, are left out. The plan is marked as implementing the parent."""
    _require(actor, plan.issuer)
    if plan.pk == parent.pk:
        raise UserError(gettext("Kế hoạch không thể nhận chỉ tiêu của chính nó."), field="parent")
    _check_sub_units(parent, [plan.issuer], field="parent")
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
    audit.record(actor, "plan.adopt", plan, unit=plan.issuer, parent=parent.pk, targets=len(out))
    return out


@transaction.atomic
def adopt_plan(actor, parent: Plan, unit: Unit, *, title: str = "", issued_on: date | None = None) -> Plan:
    """A draft plan of `unit` implementing `parent`, with the parent's targets at the unit's share."""
    from django.utils import timezone

    _require(actor, unit)
    _check_sub_units(parent, [unit], field="unit")
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
    return plan


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
    from django.utils import timezone

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


# ---- tasks (chủ trì / phối hợp) -------------------------------------------------------------


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
    _require(actor, plan.issuer)
    if not (title or "").strip():
        raise UserError(gettext("Tên nhiệm vụ không được để trống."), field="title")
    supporting = supporting or []
    for field, units in (("lead", [lead] if lead else []), ("supporting", supporting)):
        _check_sub_units(plan, [u for u in units if u.pk != plan.issuer_id], field=field)
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
    )
    return task


def tasks_of(plan: Plan) -> list[Task]:
    return list(plan.tasks.select_related("lead").prefetch_related("supporting").order_by("order", "id"))
