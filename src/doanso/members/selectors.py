"""Reads of the members app: lists and single records within the user's scope (404 outside it),
dues figures and rules. No writes, except `visible_member(log_view=True)`'s audit entry for
looking at someone else's full record."""

from datetime import date, timedelta
from fractions import Fraction

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from doanso.accounts.scoping import scope_for
from doanso.core import audit
from doanso.core.dbrouter import stale_ok
from doanso.core.errors import UserError
from doanso.members import charter, dues
from doanso.members.models import (
    DuesExcusal,
    DuesPayment,
    DuesRate,
    DuesRule,
    Member,
    MemberRating,
    MemberStatus,
    Nomination,
    RatingBatch,
    Transfer,
    TransferStatus,
)
from doanso.org.models import Unit, UnitKind


def today() -> date:
    return timezone.localdate()


def members_in(user, unit: Unit, q: str = ""):
    """Members of a unit's subtree, within the user's scope, optionally searched.

    The query means what it means in `members.search` (words in order, the last one possibly
    cut short, without accents; a full 12-digit CCCD; anything else numeric matches nothing).
    Large lists page with `members.search.member_page` instead of this queryset.
    """
    from doanso.members import search

    lo, hi = unit.subtree_range
    qs = (
        stale_ok(Member.objects)
        .filter(scope_for(user).q("branch__path"))
        .filter(branch__path__gte=lo, branch__path__lt=hi)
    )
    query = search.parse(q)
    if query.kind == "none":
        return qs.none()
    if query.kind == "cccd":
        return qs.filter(cccd_hash=query.cccd_hash)
    if query.kind == "words":
        p = query.phrase
        qs = qs.filter(Q(search_name__startswith=p) | Q(search_name__contains=" " + p))
    return qs


def visible_member(user, member_id: int, *, log_view: bool = False) -> Member:
    """A member the user may see (in scope, or their own record); 404 otherwise.

    With `log_view`, looking at someone else's full record is written to the audit log.
    """
    m = Member.objects.select_related("branch").filter(pk=member_id).first()
    if m is None:
        raise Http404
    own = getattr(user, "member_id", None) == m.pk
    if not own and not scope_for(user).covers(m.branch.path):
        raise Http404
    if log_view and not own:
        audit.record(user, "member.view", m, unit=m.branch)
    return m


def maturity_due(user, unit: Unit, within_days: int = 365):
    """Active members who reach 30 within `within_days` (or already have), oldest first."""
    cutoff = charter.birth_cutoff_for_maturity(today() + timedelta(days=within_days))
    return (
        members_in(user, unit)
        .filter(status=MemberStatus.ACTIVE, birth_date__lte=cutoff)
        .order_by("birth_date")
    )


def transfers_for(user, direction: str = "incoming", status: str = TransferStatus.PENDING):
    """Transfers into (incoming) or out of (outgoing) the user's scope."""
    field = "to_branch__path" if direction == "incoming" else "from_branch__path"
    qs = (
        stale_ok(Transfer.objects)
        .filter(scope_for(user).q(field))
        .select_related("member", "from_branch", "to_branch")
    )
    return qs.filter(status=status) if status else qs


def visible_transfer(user, transfer_id: int) -> Transfer:
    t = Transfer.objects.select_related("member", "from_branch", "to_branch").filter(pk=transfer_id).first()
    s = scope_for(user)
    if t is None or not (
        s.covers(t.from_branch.path)
        or s.covers(t.to_branch.path)
        or getattr(user, "member_id", None) == t.member_id
    ):
        raise Http404
    return t


def nominations_in(user, unit: Unit, year: int | None = None):
    """Nominations (đoàn viên ưu tú) of a unit's subtree, within the user's scope."""
    lo, hi = unit.subtree_range
    qs = (
        stale_ok(Nomination.objects)
        .filter(scope_for(user).q("branch__path"), branch__path__gte=lo, branch__path__lt=hi)
        .select_related("member", "branch")
    )
    return qs.filter(year=year) if year else qs


def visible_nomination(user, nomination_id: int) -> Nomination:
    n = Nomination.objects.select_related("branch", "member").filter(pk=nomination_id).first()
    if n is None or not scope_for(user).covers(n.branch.path):
        raise Http404
    return n


def nomination_candidates(user, unit: Unit, year: int, q: str = ""):
    """Active members who are not Party members and not yet nominated in `year`."""
    done = Nomination.objects.filter(year=year).values("member_id")
    return (
        members_in(user, unit, q).filter(status=MemberStatus.ACTIVE, party_member=False).exclude(pk__in=done)
    )


SALARIED = "co_luong"  # the categories: "co_luong" pays the salaried amount, the others the unsalaried one


def dues_category(occupation: str) -> str:
    if occupation in ("truong_hoc", "dia_ban"):
        return "hssv"
    if occupation in ("cong_nhan", "cong_chuc", "llvt"):
        return SALARIED
    return "khac"


def dues_rate(category: str, on: date) -> DuesRate:
    rate = (
        DuesRate.objects.filter(category=category, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .order_by("-valid_from")
        .first()
    )
    if rate is None:
        raise UserError(
            f"Chưa có mức đoàn phí cho nhóm “{category}” tại ngày {on:%d/%m/%Y}.", field="category"
        )
    return rate


def dues_rule(on: date) -> DuesRule:
    """The đoàn phí rules in force on a date (the newest that started by then)."""
    rule = DuesRule.objects.filter(valid_from__lte=on).order_by("-valid_from").first()
    if rule is None:
        raise UserError(f"Chưa có quy định đoàn phí áp dụng tại ngày {on:%d/%m/%Y}.", field="month")
    return rule


def keep_share(rule: DuesRule) -> Fraction:
    return Fraction(rule.keep_numerator, rule.keep_denominator)


def month_start(month: str) -> date:
    y, m = (int(x) for x in dues.canonical_month(month).split("-"))
    return date(y, m, 1)


def _excused_in(month: str):
    return DuesExcusal.objects.filter(first_month__lte=month, last_month__gte=month).values("member_id")


def dues_arrears(user, branch: Unit, month: str):
    """Active members of the branch who have not paid the month (nor are excused from it)."""
    month = dues.canonical_month(month)
    paid = DuesPayment.objects.filter(branch=branch, month=month).values("member_id")
    return (
        members_in(user, branch)
        .filter(branch=branch, status=MemberStatus.ACTIVE)
        .exclude(pk__in=paid)
        .exclude(pk__in=_excused_in(month))
    )


def dues_excused(user, branch: Unit, month: str) -> list[DuesExcusal]:
    """Members of the branch excused from the month's đoàn phí."""
    month = dues.canonical_month(month)
    return list(
        DuesExcusal.objects.filter(
            member__in=members_in(user, branch).filter(branch=branch),
            first_month__lte=month,
            last_month__gte=month,
        )
        .select_related("member")
        .order_by("member__search_name", "id")
    )


def dues_summary(user, unit: Unit, month: str) -> dict:
    """A month's dues for a unit: per category if it is a branch, per branch for a larger unit."""
    from django.db.models import Count, Sum

    month = dues.canonical_month(month)
    lo, hi = unit.subtree_range
    paid = DuesPayment.objects.filter(
        scope_for(user).q("branch__path"), branch__path__gte=lo, branch__path__lt=hi, month=month
    )
    sums = {"n": Count("id"), "amount": Sum("amount"), "kept": Sum("kept"), "sent_up": Sum("sent_up")}
    zero = {"n": 0, "amount": 0, "kept": 0, "sent_up": 0}
    total = {k: v or 0 for k, v in paid.aggregate(**sums).items()} if paid.exists() else dict(zero)
    by_category = list(paid.values("category").annotate(**sums).order_by("category"))
    by_branch = paid.values("branch__code", "branch__name").annotate(**sums).order_by("branch__code")
    rule = dues_rule(month_start(month))
    levels = []
    if unit.kind == UnitKind.CHI_DOAN:
        # where the branch's month ends up: each level up to the centre keeps its share of what it receives
        chain = sorted(Unit.objects.filter(pk__in=unit.ancestor_ids()), key=lambda u: -len(u.path))
        levels = [
            {"unit": u, "kept": kept}
            for u, (_, kept) in zip(
                chain, dues.cascade(total["amount"], [u.code for u in chain], keep_share(rule)), strict=True
            )
        ]
    return {
        "total": total,
        "by_category": by_category,
        "by_branch": by_branch,
        "rule": rule,
        "levels": levels,
    }


def remit_every(rule: DuesRule, unit: Unit) -> str:
    """How often the unit pays its share up, by the rule (Vietnamese, for the dues page)."""
    if unit.parent_id is None:
        return ""
    if unit.kind == UnitKind.CHI_DOAN:
        n = rule.branch_remit_months
    elif unit.kind == UnitKind.TINH:
        return (
            f"{rule.province_remits_per_year} lần một năm, "
            f"hạn cuối ngày {rule.province_remit_deadline} hằng năm"
        )
    else:
        n = rule.grassroots_remit_months
    return "hằng tháng" if n == 1 else f"{n} tháng một lần"


def is_central(user) -> bool:
    """Whether the user administers the root of the tree (Trung ương Đoàn): only the centre sets
    the đoàn phí rules."""
    roots = Unit.objects.filter(parent__isnull=True, active=True).values_list("path", flat=True)
    scope = scope_for(user)
    return any(scope.administers(p) for p in roots)


def needs_guardian(member: Member, on: date | None = None) -> bool:
    return charter.age_on(member.birth_date, on or today()) < 16


def consents_of(user, member: Member):
    """A member's consent records, newest first (the member themself or staff in scope)."""
    visible_member(user, member.pk)
    return member.consents.select_related("recorded_by").order_by("-given_at", "-id")


def summary_dict(m: Member) -> dict:
    """A member as lists show them (the CCCD masked); the full record starts with the same fields."""
    return {
        "id": m.pk,
        "full_name": m.full_name,
        "birth_date": m.birth_date,
        "gender": m.gender,
        "status": m.status,
        "branch": m.branch.code,
        "branch_name": m.branch.name,
        "cccd": m.cccd_masked,
    }


def sensitive_access(user, m: Member) -> bool:
    """May `user` see m's sensitive fields (ethnicity, religion)? The member, and admins of the
    member's unit chain; anyone else sees "—". Each look by someone else is audited (PDP Law 91/2025)."""
    from doanso.accounts.scoping import can_administer

    if getattr(user, "member_id", None) == m.pk:
        return True
    if not can_administer(user, m.branch):
        return False
    audit.record(user, "member.sensitive_view", m, unit=m.branch, fields=["ethnicity", "religion"])
    return True


def record_dict(m: Member, *, sensitive: bool) -> dict:
    d = {
        **summary_dict(m),
        "phone": m.phone,
        "email": m.email,
        "address": m.address,
        "education": m.education,
        "occupation": m.occupation,
        "admitted_on": m.admitted_on,
        "admitting_unit": m.admitting_unit,
        "card_number": m.card_number,
        "party_member": m.party_member,
        "party_admitted_on": m.party_admitted_on,
        "joined_branch_on": m.joined_branch_on,
        "version": m.version,
    }
    if sensitive:
        d.update(ethnicity=m.ethnicity, religion=m.religion)
    return d


def rating_batch(branch: Unit, year: int) -> RatingBatch | None:
    """The branch's rating batch for a year, if any."""
    return RatingBatch.objects.filter(branch=branch, year=year).first()


def ratings_by_member(
    batch: RatingBatch | None, member_ids: list[int] | None = None
) -> dict[int, MemberRating]:
    """A batch's ratings by member id (only of `member_ids` when given)."""
    if batch is None:
        return {}
    qs = MemberRating.objects.filter(batch=batch)
    if member_ids is not None:
        qs = qs.filter(member_id__in=member_ids)
    return {r.member_id: r for r in qs}


def active_members_of(branch: Unit):
    """The branch's active members by name (the rating sheet's rows)."""
    return (
        Member.objects.filter(branch=branch, status=MemberStatus.ACTIVE)
        .select_related("branch")
        .order_by("search_name", "id")
    )


def dues_payments(branch: Unit, month: str):
    """The branch's đoàn phí payments for a month (the caller orders them)."""
    month = dues.canonical_month(month)
    return DuesPayment.objects.filter(branch=branch, month=month).select_related("member")


def dues_rules():
    """Every version of the đoàn phí rules, newest first."""
    return DuesRule.objects.order_by("-valid_from")


def dues_rates(valid_from: date | None = None):
    """The đoàn phí rates, newest first (only those starting on `valid_from` when given)."""
    qs = DuesRate.objects.order_by("-valid_from", "category")
    return qs.filter(valid_from=valid_from) if valid_from else qs
