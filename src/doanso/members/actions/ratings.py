"""Yearly ratings (xếp loại đoàn viên): a branch enters and submits, the unit above approves; audited
inside the transaction, counted into the subtree statistics on approval."""

from collections import Counter

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from doanso.accounts.scoping import can_administer, scope_for
from doanso.core import audit
from doanso.core.errors import UserError
from doanso.members import rating_rules
from doanso.members.actions.common import require_admin
from doanso.members.models import (
    BatchStatus,
    Member,
    MemberRating,
    MemberStatus,
    RatingBatch,
)
from doanso.members.selectors import today
from doanso.org import counters as org_counters
from doanso.org.models import Unit


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
