"""Writes on plans: creating a plan and issuing it with its number. Each audits inside its transaction."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext

from doanso.core import audit
from doanso.core.calendar import periods
from doanso.core.errors import UserError
from doanso.org.models import Unit
from doanso.plans.actions.checks import require
from doanso.plans.actions.obligations import SYNCED, sync_assignments
from doanso.plans.models import Plan, PlanKind, PlanStatus, Register, Signature
from doanso.plans.numbering import body_for_kind, check_symbol


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
    require(actor, issuer)
    if not (title or "").strip():
        raise UserError(gettext("Trích yếu (tên kế hoạch) không được để trống."), field="title")
    _check_kind(kind, signature)
    first = periods.parse(period_start)
    last = periods.parse(period_end or period_start)
    if last.end < first.start:
        raise UserError(gettext("Kỳ kết thúc của kế hoạch phải sau kỳ bắt đầu."), field="period_end")
    plan = Plan.objects.create(
        issuer=issuer,
        kind=kind,
        year=issued_on.year,
        issuing_body=issuing_body or _registered_symbol(issuer) or body_for_kind(issuer.kind),
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


def _check_kind(kind: str, signature: str) -> None:
    """The document's kind and signing authority are among the known ones."""
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


def _registered_symbol(unit: Unit) -> str:
    reg = Register.objects.filter(unit=unit).first()
    return reg.symbol if reg else ""


def set_symbol(actor, unit: Unit, symbol: str, department: str = "") -> Register:
    """Record the unit's own document symbol in its register (asked for before its first number)."""
    require(actor, unit)
    value = check_symbol(symbol)
    dept = check_symbol(department, field="department") if (department or "").strip() else ""
    reg, _created = Register.objects.update_or_create(
        unit=unit, defaults={"symbol": value, "department": dept}
    )
    audit.record(actor, "register.set", reg, unit=unit, symbol=value, department=dept)
    return reg


def next_number(issuer: Unit, kind: str, year: int) -> int:
    """The running count of documents per issuing unit, kind and year."""
    top = Plan.objects.filter(issuer=issuer, kind=kind, year=year).aggregate(m=Max("number"))["m"]
    return (top or 0) + 1


@transaction.atomic
def issue_plan(
    actor, plan: Plan, number: int | None = None, *, symbol: str = "", issued_on: date | None = None
) -> Plan:
    """Give the plan its number from the unit's own register (the next free one unless given), the
    unit's symbol (recorded in the register when given; asked for when the unit has none) and,
    when given, the issue date — sub-units owe reports from that date only — and mark it issued."""
    require(actor, plan.issuer)
    if plan.status == PlanStatus.ISSUED:
        raise UserError(gettext("Kế hoạch %(symbol)s đã ban hành.") % {"symbol": plan.symbol}, field="status")
    if number is not None and number < 1:
        raise UserError(gettext("Số văn bản phải là số nguyên dương."), field="number")
    if symbol:
        reg = set_symbol(actor, plan.issuer, symbol)
        plan.issuing_body, plan.department = reg.symbol, reg.department or plan.department
    else:
        plan.issuing_body = _registered_symbol(plan.issuer) or plan.issuing_body
    plan.issuing_body = check_symbol(plan.issuing_body)
    if issued_on is not None:
        plan.issued_on, plan.year = issued_on, issued_on.year
    for _attempt in range(5):
        plan.number = number or next_number(plan.issuer, plan.kind, plan.year)
        plan.status = PlanStatus.ISSUED
        try:
            with transaction.atomic():
                plan.save(
                    update_fields=["number", "status", "issuing_body", "department", "issued_on", "year"]
                )
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
