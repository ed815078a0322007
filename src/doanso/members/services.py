"""Member writes; each keeps the subtree counters current, writes the member's history and is audited."""

from collections import Counter
from datetime import date, timedelta
from fractions import Fraction

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from doanso.accounts.scoping import can_administer, scope_for
from doanso.core import audit, crypto
from doanso.core.errors import ConflictError, UserError
from doanso.members import charter, counters, dues, rating_rules
from doanso.members.fields import check_cccd, parse_cccd
from doanso.members.models import (
    BatchStatus,
    Consent,
    ConsentPurpose,
    DuesExcusal,
    DuesPayment,
    DuesRate,
    DuesRule,
    Gender,
    Member,
    MemberHistory,
    MemberRating,
    MemberStatus,
    Nomination,
    NominationOutcome,
    RatingBatch,
    Transfer,
    TransferStatus,
)
from doanso.org import counters as org_counters
from doanso.org.models import Unit, UnitKind

BRANCH_KINDS = (UnitKind.CHI_DOAN, UnitKind.CO_SO)
# Fields a change records in the history in clear; the CCCD is recorded only as "changed".
HISTORY_FIELDS = (
    "full_name",
    "birth_date",
    "gender",
    "status",
    "branch_id",
    "phone",
    "email",
    "address",
    "education",
    "occupation",
    "admitted_on",
    "admitting_unit",
    "card_number",
    "party_member",
    "party_admitted_on",
    "ethnicity",
    "religion",
)
SENSITIVE = ("ethnicity", "religion", "cccd")


def today() -> date:
    return timezone.localdate()


def _values(m: Member) -> dict:
    return counters.values_of(m)


def _plain(v):
    return v.isoformat() if isinstance(v, date) else v


def _history(
    member: Member, actor, kind: str, changes: dict | None = None, branch_id: int | None = None
) -> None:
    MemberHistory.objects.create(
        member=member,
        actor=actor if getattr(actor, "pk", None) else None,
        kind=kind,
        branch_id=branch_id or member.branch_id,
        changes=changes or {},
    )


def require_admin(actor, unit: Unit) -> None:
    """Writes need an admin role over the unit; anything outside the actor's scope is a 404."""
    if not scope_for(actor).covers(unit.path):
        raise Http404
    if not can_administer(actor, unit):
        raise UserError("Bạn không có quyền quản trị đơn vị này.", field="unit")


def check_branch(branch: Unit) -> None:
    if not branch.active:
        raise UserError(f"Chi đoàn “{branch.name}” đã giải thể/sáp nhập.", field="branch")
    if branch.kind not in BRANCH_KINDS:
        raise UserError(f"“{branch.name}” không phải chi đoàn.", field="branch")


def _set_cccd(member: Member, raw: str | None) -> None:
    if not raw:
        member.cccd_enc, member.cccd_hash = "", None
        return
    value, err = parse_cccd(str(raw))
    if not err:
        err = check_cccd(value, member.birth_date, member.gender)
    if err:
        raise UserError(f"Số CCCD {err}.", field="cccd")
    h = crypto.lookup_hash(value)
    if Member.objects.filter(cccd_hash=h).exclude(pk=member.pk).exists():
        raise UserError("Số CCCD đã có trong hệ thống.", field="cccd")
    member.cccd_enc, member.cccd_hash = crypto.encrypt(value), h


# ---------------------------------------------------------------- records


@transaction.atomic
def add_member(
    actor,
    *,
    branch: Unit,
    full_name: str,
    birth_date: date,
    gender: str,
    status: str = MemberStatus.ACTIVE,
    cccd: str | None = None,
    **extra,
) -> Member:
    check_branch(branch)
    if gender not in Gender.values:
        raise UserError(f"Giới tính “{gender}” không hợp lệ.", field="gender")
    if not (full_name or "").strip():
        raise UserError("Họ và tên không được để trống.", field="full_name")
    admitted = extra.get("admitted_on")
    if admitted:
        err = charter.admission_error(birth_date, admitted, today())
        if err:
            raise UserError(f"Ngày vào Đoàn: {err}.", field="admitted_on")
    m = Member(
        branch=branch,
        full_name=full_name.strip(),
        birth_date=birth_date,
        gender=gender,
        status=status,
        joined_branch_on=extra.pop("joined_branch_on", None) or today(),
        **extra,
    )
    _set_cccd(m, cccd)
    m.save()
    counters.record([(branch.path, _values(m), +1)])
    _history(m, actor, "create", {"branch": branch.code})
    audit.record(actor, "member.create", m, unit=branch)
    return m


@transaction.atomic
def change_member(actor, member: Member, *, expected_version: int | None = None, **fields) -> Member:
    """Change fields of a member; refuses a stale edit instead of overwriting it."""
    locked = Member.objects.select_for_update().select_related("branch").get(pk=member.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("Hồ sơ đã được người khác sửa; hãy tải lại trang trước khi lưu.", field="version")
    before, old_path = _values(locked), locked.branch.path
    changes = {}
    for k, v in fields.items():
        if k == "cccd":
            continue
        old = getattr(locked, k)
        if old != v:
            changes[k] = ["***", "***"] if k in SENSITIVE else [_plain(old), _plain(v)]
        setattr(locked, k, v)
    if locked.admitted_on and ("admitted_on" in fields or "birth_date" in fields):
        err = charter.admission_error(locked.birth_date, locked.admitted_on, today())
        if err:
            raise UserError(f"Ngày vào Đoàn: {err}.", field="admitted_on")
    if "cccd" in fields:  # after the birth date and gender it is checked against
        _set_cccd(locked, fields["cccd"])
        changes["cccd"] = "đã thay đổi"
    locked.version += 1
    locked.save()
    locked.refresh_from_db()
    counters.record([(old_path, before, -1), (locked.branch.path, _values(locked), +1)])
    _history(locked, actor, "update", changes)
    audit.record(actor, "member.update", locked, unit=locked.branch, fields=sorted(fields))
    return locked


def members_in(user, unit: Unit, q: str = ""):
    """Members of a unit's subtree, within the user's scope, optionally searched.

    The query means what it means in `members.search` (words in order, the last one possibly
    cut short, without accents; a full 12-digit CCCD; anything else numeric matches nothing).
    Large lists page with `members.search.member_page` instead of this queryset.
    """
    from doanso.members import search

    lo, hi = unit.subtree_range
    qs = Member.objects.filter(scope_for(user).q("branch__path")).filter(
        branch__path__gte=lo, branch__path__lt=hi
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


# ---------------------------------------------------------------- status changes


@transaction.atomic
def set_status(actor, member: Member, status: str, on: date | None = None) -> Member:
    require_admin(actor, member.branch)
    if status not in MemberStatus.values:
        raise UserError(f"Trạng thái “{status}” không hợp lệ.", field="status")
    if status == MemberStatus.MATURED and charter.maturity_date(member.birth_date) > (
        on or today()
    ) + timedelta(days=366):
        raise UserError("Đoàn viên còn hơn một năm mới đến tuổi trưởng thành Đoàn (30 tuổi).", field="status")
    return change_member(actor, member, status=status, status_changed_on=on or today())


def maturity_due(user, unit: Unit, within_days: int = 365):
    """Active members who reach 30 within `within_days` (or already have), oldest first."""
    cutoff = charter.birth_cutoff_for_maturity(today() + timedelta(days=within_days))
    return (
        members_in(user, unit)
        .filter(status=MemberStatus.ACTIVE, birth_date__lte=cutoff)
        .order_by("birth_date")
    )


# ---------------------------------------------------------------- transfers


@transaction.atomic
def request_transfer(actor, member: Member, to_branch: Unit, reason: str = "") -> Transfer:
    own = getattr(actor, "member_id", None) == member.pk
    if not own:
        require_admin(actor, member.branch)
    if member.status != MemberStatus.ACTIVE:
        raise UserError("Chỉ đoàn viên đang sinh hoạt mới chuyển sinh hoạt được.", field="member")
    check_branch(to_branch)
    if to_branch.pk == member.branch_id:
        raise UserError("Chi đoàn chuyển đến trùng chi đoàn hiện tại.", field="to_branch")
    if Transfer.objects.filter(member=member, status=TransferStatus.PENDING).exists():
        raise UserError("Đoàn viên đã có một đề nghị chuyển sinh hoạt đang chờ.", field="member")
    t = Transfer.objects.create(
        member=member, from_branch=member.branch, to_branch=to_branch, reason=reason[:255], requested_by=actor
    )
    audit.record(actor, "transfer.request", t, unit=member.branch, to=to_branch.code)
    return t


def _pending(transfer_id: int) -> Transfer:
    t = Transfer.objects.select_for_update().filter(pk=transfer_id).first()
    if t is None:
        raise Http404
    return t


@transaction.atomic
def accept_transfer(actor, transfer: Transfer, note: str = "") -> Transfer:
    t = _pending(transfer.pk)
    require_admin(actor, t.to_branch)
    if t.status != TransferStatus.PENDING:
        raise UserError("Đề nghị này đã được xử lý.", field="status")
    check_branch(t.to_branch)
    member = Member.objects.select_for_update().get(pk=t.member_id)
    if member.branch_id != t.from_branch_id:
        raise UserError("Đoàn viên không còn ở chi đoàn đã đề nghị chuyển đi.", field="member")
    values = _values(member)
    member.branch, member.joined_branch_on, member.version = t.to_branch, today(), member.version + 1
    member.save(update_fields=["branch", "joined_branch_on", "version"])
    counters.record([(t.from_branch.path, values, -1), (t.to_branch.path, values, +1)])
    t.status, t.decided_by, t.decided_at, t.note = TransferStatus.ACCEPTED, actor, timezone.now(), note[:255]
    t.save()
    _history(member, actor, "transfer", {"from": t.from_branch.code, "to": t.to_branch.code}, t.to_branch_id)
    audit.record(
        actor, "transfer.accept", t, unit=t.to_branch, member=member.pk, **{"from": t.from_branch.code}
    )
    return t


@transaction.atomic
def reject_transfer(actor, transfer: Transfer, note: str = "") -> Transfer:
    t = _pending(transfer.pk)
    require_admin(actor, t.to_branch)
    if t.status != TransferStatus.PENDING:
        raise UserError("Đề nghị này đã được xử lý.", field="status")
    t.status, t.decided_by, t.decided_at, t.note = TransferStatus.REJECTED, actor, timezone.now(), note[:255]
    t.save()
    audit.record(actor, "transfer.reject", t, unit=t.to_branch)
    return t


@transaction.atomic
def cancel_transfer(actor, transfer: Transfer) -> Transfer:
    t = _pending(transfer.pk)
    if getattr(actor, "member_id", None) != t.member_id:
        require_admin(actor, t.from_branch)
    if t.status != TransferStatus.PENDING:
        raise UserError("Đề nghị này đã được xử lý.", field="status")
    t.status, t.decided_by, t.decided_at = TransferStatus.CANCELLED, actor, timezone.now()
    t.save()
    audit.record(actor, "transfer.cancel", t, unit=t.from_branch)
    return t


def transfers_for(user, direction: str = "incoming", status: str = TransferStatus.PENDING):
    """Transfers into (incoming) or out of (outgoing) the user's scope."""
    field = "to_branch__path" if direction == "incoming" else "from_branch__path"
    qs = Transfer.objects.filter(scope_for(user).q(field)).select_related(
        "member", "from_branch", "to_branch"
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


# ---------------------------------------------------------------- ratings


def _batch(branch: Unit, year: int, actor) -> RatingBatch:
    term = rating_rules.term_for(year)
    batch, _ = RatingBatch.objects.select_for_update().get_or_create(
        branch=branch, year=year, defaults={"term": term.code, "created_by": actor}
    )
    return batch


@transaction.atomic
def save_ratings(actor, branch: Unit, year: int, ratings: dict[int, tuple[str, str]]) -> RatingBatch:
    """Enter or change a branch's ratings for a year: {member id: (level, note)}."""
    require_admin(actor, branch)
    if year > today().year:
        raise UserError(f"Chưa thể xếp loại năm {year}.", field="year")
    try:
        term = rating_rules.term_for(year)
    except ValueError as exc:
        raise UserError(str(exc), field="year") from None
    batch = _batch(branch, year, actor)
    if batch.status == BatchStatus.APPROVED:
        raise UserError(f"Kết quả xếp loại năm {year} đã được cấp trên duyệt, không sửa được.", field="year")
    members = {m.pk: m for m in Member.objects.filter(pk__in=list(ratings), branch=branch)}
    errors = []
    for mid, (level, note) in ratings.items():
        m = members.get(mid)
        if m is None:
            errors.append(f"Đoàn viên #{mid} không thuộc chi đoàn này.")
            continue
        if m.status != MemberStatus.ACTIVE:
            errors.append(f"{m.full_name}: không còn sinh hoạt, không xếp loại.")
            continue
        if level not in term.levels:
            errors.append(f"{m.full_name}: mức “{level}” không hợp lệ.")
            continue
        elig = rating_rules.eligibility(term, year, m.admitted_on, m.joined_branch_on)
        if elig == "too_new":
            errors.append(
                f"{m.full_name}: vào Đoàn chưa đủ {term.min_months_in_union} tháng tính đến 31/12/{year}, "
                f"chưa xếp loại ({term.document})."
            )
        elif elig == "needs_note" and not (note or "").strip():
            errors.append(
                f"{m.full_name}: mới chuyển đến chưa đủ {term.min_months_in_branch} tháng; cần ghi ý kiến "
                f"của chi đoàn nơi sinh hoạt trước ({term.document})."
            )
    if errors:
        raise UserError(" ".join(errors), field="ratings")
    existing = {r.member_id: r for r in MemberRating.objects.filter(year=year, member_id__in=list(ratings))}
    taken = [mid for mid, r in existing.items() if r.batch_id != batch.pk]
    if taken:
        raise UserError(f"{len(taken)} đoàn viên đã được chi đoàn khác xếp loại năm {year}.", field="ratings")
    new, changed = [], []
    for mid, (level, note) in ratings.items():
        r = existing.get(mid)
        if r is None:
            new.append(
                MemberRating(batch=batch, member_id=mid, year=year, level=level, note=(note or "")[:255])
            )
        else:
            r.level, r.note = level, (note or "")[:255]
            changed.append(r)
    MemberRating.objects.bulk_create(new, batch_size=2000)
    MemberRating.objects.bulk_update(changed, ["level", "note"], batch_size=2000)
    all_levels = list(MemberRating.objects.filter(batch=batch).values_list("level", flat=True))
    err = rating_rules.check_batch(term, all_levels)
    if err:
        raise UserError(err, field="ratings")
    audit.record(actor, "rating.save", batch, unit=branch, year=year, count=len(ratings))
    return batch


@transaction.atomic
def submit_ratings(actor, branch: Unit, year: int) -> RatingBatch:
    require_admin(actor, branch)
    batch = RatingBatch.objects.select_for_update().filter(branch=branch, year=year).first()
    if batch is None or not batch.ratings.exists():
        raise UserError(f"Chưa có kết quả xếp loại năm {year}.", field="year")
    if batch.status == BatchStatus.APPROVED:
        raise UserError("Kết quả đã được duyệt.", field="year")
    batch.status, batch.submitted_at = BatchStatus.SUBMITTED, timezone.now()
    batch.save()
    audit.record(actor, "rating.submit", batch, unit=branch, year=year)
    return batch


@transaction.atomic
def approve_ratings(actor, branch: Unit, year: int) -> RatingBatch:
    """The parent unit approves; the batch is locked and counted into the subtree statistics."""
    parent = branch.parent
    if parent is None or not scope_for(actor).covers(branch.path):
        raise Http404
    if not can_administer(actor, parent):
        raise UserError("Chỉ đoàn cấp trên mới duyệt được kết quả xếp loại của chi đoàn.", field="unit")
    batch = RatingBatch.objects.select_for_update().filter(branch=branch, year=year).first()
    if batch is None or batch.status != BatchStatus.SUBMITTED:
        raise UserError("Chi đoàn chưa gửi kết quả xếp loại năm này.", field="year")
    batch.status, batch.approved_by, batch.approved_at = BatchStatus.APPROVED, actor, timezone.now()
    batch.save()
    per_level = Counter(batch.ratings.values_list("level", flat=True))
    org_counters.apply(
        org_counters.expand((branch.path, f"rating_{year}", level, n) for level, n in per_level.items())
    )
    audit.record(actor, "rating.approve", batch, unit=branch, year=year, levels=dict(per_level))
    return batch


# ---------------------------------------------------------------- nominations (đoàn viên ưu tú)


@transaction.atomic
def nominate(actor, member: Member, year: int, on: date | None = None) -> Nomination:
    require_admin(actor, member.branch)
    if member.status != MemberStatus.ACTIVE:
        raise UserError("Chỉ giới thiệu đoàn viên đang sinh hoạt.", field="member")
    if member.party_member:
        raise UserError("Đoàn viên đã là đảng viên.", field="member")
    if Nomination.objects.filter(member=member, year=year).exists():
        raise UserError(f"Đoàn viên đã được giới thiệu năm {year}.", field="member")
    n = Nomination.objects.create(
        member=member, branch=member.branch, year=year, nominated_on=on or today(), nominated_by=actor
    )
    org_counters.apply(org_counters.expand([(member.branch.path, f"nomination_{year}", "nominated", 1)]))
    _history(member, actor, "nomination", {"year": year})
    audit.record(actor, "nomination.create", n, unit=member.branch, member=member.pk, year=year)
    return n


@transaction.atomic
def record_nomination_outcome(
    actor, nomination: Nomination, outcome: str, on: date | None = None
) -> Nomination:
    n = Nomination.objects.select_for_update().select_related("branch", "member").get(pk=nomination.pk)
    require_admin(actor, n.branch)
    if outcome not in (NominationOutcome.ADMITTED, NominationOutcome.NOT_ADMITTED):
        raise UserError("Kết quả phải là “admitted” hoặc “not_admitted”.", field="outcome")
    if n.outcome != NominationOutcome.PENDING:
        raise UserError("Đã ghi kết quả cho lần giới thiệu này.", field="outcome")
    n.outcome, n.outcome_on = outcome, on or today()
    n.save()
    if outcome == NominationOutcome.ADMITTED:
        org_counters.apply(org_counters.expand([(n.branch.path, f"nomination_{n.year}", "admitted", 1)]))
        Member.objects.filter(pk=n.member_id).update(party_member=True, party_admitted_on=n.outcome_on)
        _history(n.member, actor, "update", {"party_member": [False, True]})
    audit.record(actor, "nomination.outcome", n, unit=n.branch, outcome=outcome)
    return n


# ---------------------------------------------------------------- dues (đoàn phí)


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


def _month(month: str) -> date:
    try:
        y, m = (int(x) for x in month.split("-"))
        return date(y, m, 1)
    except ValueError:
        raise UserError(f"Tháng “{month}” phải có dạng YYYY-MM.", field="month") from None


@transaction.atomic
def record_dues(actor, branch: Unit, month: str, member_ids: list[int], paid_on: date | None = None) -> int:
    """Record that these members paid the month's dues; the amount comes from the rate of the
    member's category and the branch's share from the rule in force that month."""
    require_admin(actor, branch)
    first = _month(month)
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


def _excused_in(month: str):
    return DuesExcusal.objects.filter(first_month__lte=month, last_month__gte=month).values("member_id")


def dues_arrears(user, branch: Unit, month: str):
    """Active members of the branch who have not paid the month (nor are excused from it)."""
    _month(month)
    paid = DuesPayment.objects.filter(branch=branch, month=month).values("member_id")
    return (
        members_in(user, branch)
        .filter(branch=branch, status=MemberStatus.ACTIVE)
        .exclude(pk__in=paid)
        .exclude(pk__in=_excused_in(month))
    )


def dues_excused(user, branch: Unit, month: str) -> list[DuesExcusal]:
    """Members of the branch excused from the month's đoàn phí."""
    return list(
        DuesExcusal.objects.filter(
            member__in=members_in(user, branch).filter(branch=branch),
            first_month__lte=month,
            last_month__gte=month,
        )
        .select_related("member")
        .order_by("member__search_name", "id")
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
    start = _month(first_month)
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
    limit = rule.max_excused_months
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


def is_central(user) -> bool:
    """Whether the user administers the root of the tree (Trung ương Đoàn): only the centre sets
    the đoàn phí rules."""
    roots = Unit.objects.filter(parent__isnull=True, active=True).values_list("path", flat=True)
    scope = scope_for(user)
    return any(scope.administers(p) for p in roots)


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


# ---------------------------------------------------------------- personal data


def needs_guardian(member: Member, on: date | None = None) -> bool:
    return charter.age_on(member.birth_date, on or today()) < 16


@transaction.atomic
def give_consent(actor, member: Member, purpose: str, guardian_name: str = "") -> Consent:
    own = getattr(actor, "member_id", None) == member.pk
    if not own:
        require_admin(actor, member.branch)
    if purpose not in ConsentPurpose.values:
        raise UserError(f"Mục đích “{purpose}” không hợp lệ.", field="purpose")
    minor = needs_guardian(member)
    if minor and not guardian_name.strip():
        raise UserError(
            "Đoàn viên dưới 16 tuổi: cần ghi tên người giám hộ đồng ý "
            "(Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).",
            field="guardian_name",
        )
    c = Consent.objects.create(
        member=member,
        purpose=purpose,
        by_guardian=minor,
        guardian_name=guardian_name.strip() if minor else "",
        recorded_by=actor,
    )
    audit.record(actor, "consent.give", c, unit=member.branch, purpose=purpose)
    return c


@transaction.atomic
def withdraw_consent(actor, member: Member, purpose: str) -> int:
    own = getattr(actor, "member_id", None) == member.pk
    if not own:
        require_admin(actor, member.branch)
    n = Consent.objects.filter(member=member, purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    audit.record(actor, "consent.withdraw", member, unit=member.branch, purpose=purpose)
    return n


def record_dict(m: Member, *, sensitive: bool) -> dict:
    d = {
        "id": m.pk,
        "full_name": m.full_name,
        "birth_date": m.birth_date,
        "gender": m.gender,
        "status": m.status,
        "branch": m.branch.code,
        "branch_name": m.branch.name,
        "cccd": m.cccd_masked,
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


def own_data(actor, member: Member) -> dict:
    """Everything held about a member, for the member themself (download on request)."""
    if getattr(actor, "member_id", None) != member.pk:
        raise Http404
    out = record_dict(member, sensitive=True)
    out["cccd"] = member.cccd
    out["history"] = [
        {"at": h.at.isoformat(), "kind": h.kind, "changes": h.changes}
        for h in member.history.order_by("at", "id")
    ]
    out["ratings"] = list(member.ratings.order_by("year").values("year", "level"))
    out["transfers"] = [
        {
            "from": t.from_branch.code,
            "to": t.to_branch.code,
            "status": t.status,
            "requested_at": t.requested_at.isoformat(),
        }
        for t in member.transfers.select_related("from_branch", "to_branch")
    ]
    out["nominations"] = list(member.nominations.values("year", "outcome"))
    out["dues"] = list(member.dues.order_by("month").values("month", "amount"))
    out["consents"] = [
        {
            "purpose": c.purpose,
            "given_at": c.given_at.isoformat(),
            "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            "by_guardian": c.by_guardian,
        }
        for c in member.consents.all()
    ]
    audit.record(actor, "member.own_data", member, unit=member.branch)
    return {k: _plain(v) for k, v in out.items()}


# ---------------------------------------------------------------- reads for the web pages


def nominations_in(user, unit: Unit, year: int | None = None):
    """Nominations (đoàn viên ưu tú) of a unit's subtree, within the user's scope."""
    lo, hi = unit.subtree_range
    qs = Nomination.objects.filter(
        scope_for(user).q("branch__path"), branch__path__gte=lo, branch__path__lt=hi
    ).select_related("member", "branch")
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


def dues_summary(user, unit: Unit, month: str) -> dict:
    """A month's dues for a unit: per category if it is a branch, per branch for a larger unit."""
    from django.db.models import Count, Sum

    _month(month)
    lo, hi = unit.subtree_range
    paid = DuesPayment.objects.filter(
        scope_for(user).q("branch__path"), branch__path__gte=lo, branch__path__lt=hi, month=month
    )
    sums = {"n": Count("id"), "amount": Sum("amount"), "kept": Sum("kept"), "sent_up": Sum("sent_up")}
    zero = {"n": 0, "amount": 0, "kept": 0, "sent_up": 0}
    total = {k: v or 0 for k, v in paid.aggregate(**sums).items()} if paid.exists() else dict(zero)
    by_category = list(paid.values("category").annotate(**sums).order_by("category"))
    by_branch = paid.values("branch__code", "branch__name").annotate(**sums).order_by("branch__code")
    rule = dues_rule(_month(month))
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


def consents_of(user, member: Member):
    """A member's consent records, newest first (the member themself or staff in scope)."""
    visible_member(user, member.pk)
    return member.consents.select_related("recorded_by").order_by("-given_at", "-id")
