"""Đoàn phí writes: payments, excusals, the rules and amounts (the centre only); audited inside the
transaction."""

from datetime import date

from django.db import transaction
from django.http import Http404

from doanso.accounts.scoping import can_administer, scope_for
from doanso.core import audit
from doanso.core.errors import UserError
from doanso.members import dues
from doanso.members.actions.common import require_admin
from doanso.members.models import (
    DuesExcusal,
    DuesPayment,
    DuesRate,
    DuesRule,
    Member,
    MemberStatus,
)
from doanso.members.selectors import (
    SALARIED,
    dues_category,
    dues_rate,
    dues_rule,
    is_central,
    keep_share,
    month_start,
    today,
)
from doanso.org.models import Unit, UnitKind


@transaction.atomic
def record_dues(actor, branch: Unit, month: str, member_ids: list[int], paid_on: date | None = None) -> int:
    """Record that these members paid the month's dues; the amount comes from the rate of the
    member's category and the branch's share from the rule in force that month."""
    require_admin(actor, branch)
    month = dues.canonical_month(month)  # "2025-3" and " 2025-03" are the month "2025-03"
    first = month_start(month)
    members = list(Member.objects.filter(pk__in=member_ids, branch=branch, status=MemberStatus.ACTIVE))
    if len(members) != len(set(member_ids)):
        raise UserError("Có đoàn viên không thuộc chi đoàn hoặc không còn sinh hoạt.", field="member_ids")
    done = set(
        DuesPayment.objects.filter(month=month, member_id__in=member_ids).values_list("member_id", flat=True)
    )
    keep = keep_share(dues_rule(first))
    rates: dict[str, DuesRate] = {}
    rows = []
    for m in members:
        if m.pk in done:
            continue
        cat = dues_category(m.occupation)
        if cat not in rates:
            rates[cat] = dues_rate(cat, first)
        amount = rates[cat].monthly_amount
        share = dues.split(amount, keep)
        rows.append(
            DuesPayment(
                member=m,
                branch=branch,
                month=month,
                category=cat,
                amount=amount,
                kept=share.kept,
                sent_up=share.sent_up,
                paid_on=paid_on or today(),
                recorded_by=actor,
            )
        )
    DuesPayment.objects.bulk_create(rows, batch_size=2000)
    audit.record(
        actor, "dues.record", None, unit=branch, object_type="DuesPayment", month=month, count=len(rows)
    )
    return len(rows)


def _check_overlaps(member: Member, first: str, last: str, limit: int) -> None:
    """An excusal from `first` to `last` (YYYY-MM) may not overlap the member's others, nor make,
    with the excusals back to back with it, more than `limit` months in a row."""
    near = list(
        DuesExcusal.objects.filter(
            member=member,
            first_month__lte=dues.month_of(dues.month_index(last) + limit),
            last_month__gte=dues.month_of(dues.month_index(first) - limit),
        ).order_by("first_month")
    )
    clash = next((e for e in near if e.first_month <= last and e.last_month >= first), None)
    if clash:
        raise UserError(
            f"{member.full_name} đã được miễn đoàn phí từ tháng {clash.first_month} đến {clash.last_month}.",
            field="first_month",
        )
    # excusals back to back count as one: the months in a row may not pass the limit either
    lo, hi = dues.month_index(first), dues.month_index(last)
    for e in sorted(near, key=lambda e: e.first_month, reverse=True):
        if dues.month_index(e.last_month) == lo - 1:
            lo = dues.month_index(e.first_month)
    for e in near:
        if dues.month_index(e.first_month) == hi + 1:
            hi = dues.month_index(e.last_month)
    if hi - lo + 1 > limit:
        raise UserError(
            f"Đoàn viên chỉ được miễn đoàn phí không quá {limit} tháng liên tục; cùng các lần miễn liền kề "
            f"là {hi - lo + 1} tháng (từ {dues.month_of(lo)} đến {dues.month_of(hi)}).",
            field="months",
        )


@transaction.atomic
def excuse_from_dues(actor, member: Member, first_month: str, months: int, reason: str) -> DuesExcusal:
    """Excuse a member in hardship from đoàn phí for some months — at most what the rule in force
    allows (6 in the Union's guidance), decided by the grassroots committee: an admin of the unit
    above the branch (or of the branch when it is itself a đoàn cơ sở)."""
    branch = member.branch
    deciding = branch.parent if branch.kind == UnitKind.CHI_DOAN and branch.parent_id else branch
    if not scope_for(actor).covers(branch.path):
        raise Http404
    if not can_administer(actor, deciding):
        raise UserError(
            f"Việc miễn đoàn phí do Ban Chấp hành {deciding.name} xét; "
            "bạn không có quyền quản trị đơn vị đó.",
            field="member",
        )
    start = month_start(first_month)
    rule = dues_rule(start)
    if not (reason or "").strip():
        raise UserError("Cần ghi lý do miễn đoàn phí (hoàn cảnh khó khăn).", field="reason")
    if months < 1:
        raise UserError("Số tháng miễn phải từ 1 trở lên.", field="months")
    if months > rule.max_excused_months:
        raise UserError(
            f"Đoàn viên chỉ được miễn đoàn phí không quá {rule.max_excused_months} tháng "
            f"(đề nghị {months} tháng) theo Hướng dẫn thực hiện Điều lệ Đoàn.",
            field="months",
        )
    first = f"{start:%Y-%m}"
    last = dues.month_of(dues.month_index(first) + months - 1)
    _check_overlaps(member, first, last, rule.max_excused_months)
    excusal = DuesExcusal.objects.create(
        member=member,
        first_month=first,
        last_month=last,
        reason=reason.strip(),
        decided_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(
        actor, "dues.excuse", excusal, unit=branch, member_id=member.pk, first_month=first, last_month=last
    )
    return excusal


RULE_FIELDS = (
    "keep_numerator",
    "keep_denominator",
    "max_excused_months",
    "branch_remit_months",
    "grassroots_remit_months",
    "province_remits_per_year",
    "province_remit_deadline",
    "source",
    "source_url",
)


@transaction.atomic
def save_dues_rule(
    actor, *, valid_from: date, unsalaried_amount: int, salaried_amount: int, rates_source: str = "", **fields
) -> DuesRule:
    """Set the đoàn phí rules and amounts from a date (the centre only): a new version, or the
    version of that date corrected. Rates of the categories close the day before."""
    if not is_central(actor):
        raise Http404
    if not (fields.get("source") or "").strip():
        raise UserError("Cần ghi căn cứ (văn bản quy định).", field="source")
    if not (0 < fields.get("keep_numerator", 0) < fields.get("keep_denominator", 0)):
        raise UserError("Phần giữ lại phải là một phân số nhỏ hơn 1, ví dụ 2/3.", field="keep")
    if not (1 <= fields.get("max_excused_months", 0) <= 24):
        raise UserError("Số tháng miễn tối đa phải từ 1 đến 24.", field="max_excused_months")
    for name, amount in (("unsalaried_amount", unsalaried_amount), ("salaried_amount", salaried_amount)):
        if amount <= 0:
            raise UserError("Mức đoàn phí phải lớn hơn 0.", field=name)
    rule, created = DuesRule.objects.update_or_create(
        valid_from=valid_from,
        defaults={**{k: fields[k] for k in RULE_FIELDS if k in fields}, "updated_by": actor},
    )
    source = (rates_source or fields["source"]).strip()[:255]
    for category in ("hssv", SALARIED, "khac"):
        amount = salaried_amount if category == SALARIED else unsalaried_amount
        DuesRate.objects.filter(category=category, valid_from__lt=valid_from, valid_to__isnull=True).update(
            valid_to=valid_from
        )
        DuesRate.objects.update_or_create(
            category=category,
            valid_from=valid_from,
            defaults={"monthly_amount": amount, "source": source, "source_url": fields.get("source_url", "")},
        )
    audit.record(
        actor,
        "dues.rule.create" if created else "dues.rule.update",
        rule,
        unit=None,
        valid_from=valid_from.isoformat(),
        keep=f"{rule.keep_numerator}/{rule.keep_denominator}",
        unsalaried=unsalaried_amount,
        salaried=salaried_amount,
    )
    return rule
