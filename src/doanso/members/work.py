"""What a unit's admins have to do in members, as counts (for the todo list): transfers waiting,
ratings to enter or approve, nominations without an outcome, the month's dues not recorded,
members reaching 30, imports finished or failed. Set-based: one query per kind, whatever the
number of units; everything inside the user's scope."""

from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q

from doanso.accounts.scoping import scope_for
from doanso.members import charter
from doanso.members.models import (
    BatchStatus,
    DuesExcusal,
    DuesPayment,
    ImportStatus,
    Member,
    MemberImport,
    MemberStatus,
    Nomination,
    NominationOutcome,
    RatingBatch,
    Transfer,
    TransferStatus,
)
from doanso.org.models import Unit, UnitKind

RATING_MONTHS = (11, 12)  # the yearly rating is entered at the end of the year
MATURITY_WITHIN = timedelta(days=30)
IMPORTS_SINCE = timedelta(days=7)


def _by_unit(qs, field: str) -> dict[tuple[str, str], int]:
    """Count rows per unit: (code, name) → n, in one grouped query."""
    name = field.replace("__code", "__name")
    rows = qs.values(field, name).annotate(n=Count("id")).order_by(field)
    return {(r[field], r[name]): r["n"] for r in rows}


def work_for(user, units: list[Unit], now: datetime, today: date) -> list[dict]:
    """Rows {kind, unit (code), name, count, …} of members work for the user's acting units."""
    scope = scope_for(user)
    if not units:
        return []
    names = {u.code: u.name for u in units}
    out: list[dict] = []
    # transfers waiting: incoming to accept; outgoing a member asked for (their admins see them)
    for code, n in _by_unit(
        Transfer.objects.filter(scope.q("to_branch__path"), status=TransferStatus.PENDING), "to_branch__code"
    ).items():
        out.append({"kind": "transfer_incoming", "unit": code[0], "name": code[1], "count": n})
    asked = Transfer.objects.filter(
        scope.q("from_branch__path"),
        status=TransferStatus.PENDING,
        requested_by__member_id=F("member_id"),
    )
    for code, n in _by_unit(asked, "from_branch__code").items():
        out.append({"kind": "transfer_request", "unit": code[0], "name": code[1], "count": n})
    # ratings: branches to enter (end of year), submitted batches of child branches to approve
    branches = [u for u in units if u.kind == UnitKind.CHI_DOAN]
    if branches:
        # at the end of the year every branch not yet done; any time, a batch begun and not sent
        status = dict(
            RatingBatch.objects.filter(branch__in=branches, year=today.year).values_list(
                "branch_id", "status"
            )
        )
        for b in branches:
            st = status.get(b.pk)
            if st == BatchStatus.DRAFT or (st is None and today.month in RATING_MONTHS):
                out.append({"kind": "rating_enter", "unit": b.code, "count": 1, "year": today.year})
    admin = [u for u in units if scope.administers(u.path)]
    if admin:
        q = Q()
        for u in admin:
            lo, hi = u.subtree_range
            q |= Q(branch__path__gte=lo, branch__path__lt=hi) & ~Q(branch_id=u.pk)
        for code, n in _by_unit(
            RatingBatch.objects.filter(q, status=BatchStatus.SUBMITTED), "branch__code"
        ).items():
            out.append({"kind": "rating_approve", "unit": code[0], "name": code[1], "count": n})
    # nominations without an outcome
    for code, n in _by_unit(
        Nomination.objects.filter(scope.q("branch__path"), outcome=NominationOutcome.PENDING), "branch__code"
    ).items():
        out.append({"kind": "nomination", "unit": code[0], "name": code[1], "count": n})
    # dues of the month not recorded (branches only: a larger unit reads the summary)
    if branches:
        month = f"{today:%Y-%m}"
        paid = DuesPayment.objects.filter(month=month, branch__in=branches).values("member_id")
        excused = DuesExcusal.objects.filter(first_month__lte=month, last_month__gte=month).values(
            "member_id"
        )
        for code, n in _by_unit(
            Member.objects.filter(branch__in=branches, status=MemberStatus.ACTIVE)
            .exclude(pk__in=paid)
            .exclude(pk__in=excused),
            "branch__code",
        ).items():
            out.append({"kind": "dues", "unit": code[0], "name": code[1], "count": n, "month": month})
    # members reaching 30 within a month (or already there, still active)
    cutoff = charter.birth_cutoff_for_maturity(today + MATURITY_WITHIN)
    per_unit = {}
    for unit in units:
        lo, hi = unit.subtree_range
        per_unit[f"u{unit.pk}"] = Count("id", filter=Q(branch__path__gte=lo, branch__path__lt=hi))
    counts = Member.objects.filter(
        scope.q("branch__path"), status=MemberStatus.ACTIVE, birth_date__lte=cutoff
    ).aggregate(**per_unit)
    for unit in units:
        if counts[f"u{unit.pk}"]:
            out.append({"kind": "maturity", "unit": unit.code, "count": counts[f"u{unit.pk}"]})
    # imports this user started that finished or failed lately
    for imp in MemberImport.objects.filter(
        created_by=user,
        status__in=(ImportStatus.DONE, ImportStatus.FAILED),
        finished_at__gte=now - IMPORTS_SINCE,
    ).select_related("unit")[:10]:
        out.append(
            {
                "kind": "import_failed" if imp.status == ImportStatus.FAILED else "import_done",
                "unit": imp.unit.code,
                "count": 1,
                "id": imp.pk,
                "file": imp.file_name,
                "imported": imp.imported,
                "rejected": imp.rejected,
                "at": imp.finished_at,
            }
        )
    for row in out:
        row.setdefault("name", names.get(row["unit"], ""))
    return out


HISTORY_WORDS = {
    "create": "Vào danh sách đoàn viên",
    "import": "Nhập từ tệp danh sách",
    "update": "Cập nhật hồ sơ",
    "transfer": "Chuyển sinh hoạt",
    "status": "Đổi trạng thái",
    "rating": "Xếp loại",
    "nomination": "Giới thiệu đoàn viên ưu tú",
}


def member_home(user, today: date) -> dict | None:
    """A member's own home: their record, last history entries, last rating, pending transfer and
    tasks (the month's dues not yet recorded, a transfer waiting). None for a user with no member."""
    mid = getattr(user, "member_id", None)
    if not mid:
        return None
    m = Member.objects.select_related("branch").filter(pk=mid).first()
    if m is None:
        return None
    from doanso.members import rating_rules

    history = [
        {"at": h.at, "label": HISTORY_WORDS.get(h.kind, h.kind), "branch": h.branch.name if h.branch else ""}
        for h in m.history.select_related("branch").order_by("-at", "-id")[:10]
    ]
    rating = m.ratings.order_by("-year").first()
    pending = (
        Transfer.objects.filter(member=m, status=TransferStatus.PENDING).select_related("to_branch").first()
    )
    month = f"{today:%Y-%m}"
    tasks = []
    if m.status == MemberStatus.ACTIVE:
        paid = DuesPayment.objects.filter(member=m, month=month).exists()
        excused = DuesExcusal.objects.filter(member=m, first_month__lte=month, last_month__gte=month).exists()
        if not (paid or excused):
            tasks.append({"kind": "dues", "month": month})
    if pending:
        tasks.append({"kind": "transfer_pending", "to": pending.to_branch.name})
    return {
        "member": m,
        "history": history,
        "rating": rating,
        "rating_name": rating_rules.LEVEL_NAMES.get(rating.level, rating.level) if rating else "",
        "pending_transfer": pending,
        "tasks": tasks,
    }


def ask_transfer(user, to_code: str, reason: str = "") -> Transfer:
    """A member asks to move to another branch; the admins of their branch see it in their todo."""
    from doanso.core.errors import UserError
    from doanso.members.actions.transfers import request_transfer

    mid = getattr(user, "member_id", None)
    m = Member.objects.select_related("branch").filter(pk=mid).first() if mid else None
    if m is None:
        raise UserError("Tài khoản chưa gắn với hồ sơ đoàn viên.", field="member")
    to = Unit.objects.filter(code=(to_code or "").strip()).first()
    if to is None:
        raise UserError(f"Không có chi đoàn mã “{to_code}”.", field="to_branch")
    return request_transfer(user, m, to, reason)
