"""Member registry API (thin: schemas validate, actions and selectors work, accounts.scoping scopes)."""

from datetime import date

from django.db.models import Sum
from django.http import Http404
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from doanso.accounts.scoping import get_unit, scope_for
from doanso.core.errors import UserError
from doanso.core.pagination import MAX_OFFSET, KeysetPage, Page
from doanso.core.vn_schema import MAX_IDS, YEAR_MAX, YEAR_MIN, VnDate
from doanso.core.vn_schema import column_length as _len
from doanso.members import actions, card, dues, search, selectors
from doanso.members import stats as member_stats
from doanso.members.models import (
    Consent,
    Member,
    MemberRating,
    Nomination,
    Transfer,
)
from doanso.org.models import Unit

units = Router(tags=["members"])
members = Router(tags=["members"])
transfers = Router(tags=["members"])


class MemberOut(Schema):
    id: int
    full_name: str
    birth_date: date
    gender: str
    status: str
    branch: str
    branch_name: str
    cccd: str  # masked


class RecordOut(MemberOut):
    phone: str
    email: str
    address: str
    education: str
    occupation: str
    admitted_on: date | None
    admitting_unit: str
    card_number: str
    party_member: bool
    party_admitted_on: date | None
    joined_branch_on: date | None
    version: int
    ethnicity: str | None = None
    religion: str | None = None


def _year():
    return Field(..., ge=YEAR_MIN, le=YEAR_MAX)


class MemberChange(Schema):
    version: int = Field(..., ge=0, le=2**31 - 1)
    full_name: str | None = Field(None, min_length=1, max_length=_len(Member, "full_name"))
    phone: str | None = Field(None, max_length=_len(Member, "phone"))
    email: str | None = Field(None, max_length=_len(Member, "email"))
    address: str | None = Field(None, max_length=_len(Member, "address"))
    education: str | None = Field(None, max_length=_len(Member, "education"))
    occupation: str | None = Field(None, max_length=_len(Member, "occupation"))
    cccd: str | None = Field(None, max_length=20, description="12 chữ số (có thể có dấu cách)")


class TransferIn(Schema):
    to_branch: str = Field(..., min_length=1, max_length=_len(Unit, "code"))
    reason: str = Field("", max_length=_len(Transfer, "reason"))


class TransferOut(Schema):
    id: int
    member_id: int
    member_name: str
    from_branch: str
    from_branch_name: str
    to_branch: str
    to_branch_name: str
    status: str
    reason: str
    requested_at: str


class NoteIn(Schema):
    note: str = Field("", max_length=_len(Transfer, "note"))


class RatingItem(Schema):
    member_id: int = Field(..., ge=1, le=2**63 - 1)
    level: str = Field(..., max_length=_len(MemberRating, "level"))
    note: str = Field("", max_length=_len(MemberRating, "note"))


class RatingsIn(Schema):
    year: int = _year()
    ratings: list[RatingItem] = Field(..., max_length=MAX_IDS)


class NominationOut(Schema):
    id: int
    member_id: int
    member_name: str
    branch: str
    year: int
    nominated_on: date
    outcome: str
    outcome_on: date | None = None


class NominateIn(Schema):
    year: int = _year()


class OutcomeIn(Schema):
    outcome: str = Field(..., max_length=_len(Nomination, "outcome"))
    on: date | None = None


class DuesIn(Schema):
    month: str = Field(..., max_length=10, description="yyyy-mm, ví dụ 2025-03")
    member_ids: list[int] = Field(..., min_length=1, max_length=MAX_IDS)
    paid_on: VnDate | None = None


class ConsentIn(Schema):
    purpose: str = Field(..., max_length=_len(Consent, "purpose"))
    guardian_name: str = Field("", max_length=_len(Consent, "guardian_name"))


class StatusIn(Schema):
    status: str = Field(..., max_length=_len(Member, "status"))
    on: date | None = None


class CardIn(Schema):
    payload: str = Field(..., max_length=500)


member_out = selectors.summary_dict


def record_out(user, m: Member) -> dict:
    # Religion and ethnicity are sensitive: shown to the member and to admins of their branch only.
    return selectors.record_dict(m, sensitive=selectors.sensitive_access(user, m))


def transfer_out(t) -> dict:
    return {
        "id": t.pk,
        "member_id": t.member_id,
        "member_name": t.member.full_name,
        "from_branch": t.from_branch.code,
        "from_branch_name": t.from_branch.name,
        "to_branch": t.to_branch.code,
        "to_branch_name": t.to_branch.name,
        "status": t.status,
        "reason": t.reason,
        "requested_at": t.requested_at.isoformat(),
    }


def _branch(user, code: str) -> Unit:
    return get_unit(user, code)


# ------------------------------------------------------------------ /units/{code}/...


@units.get("/{code}/members", response=list[MemberOut])
@paginate(KeysetPage)
def unit_members(request, code: str, q: str = "", status: str = ""):
    """Members of the unit's subtree in name order, a page at a time (?cursor= is the previous
    page's `next`); ?q= finds names by whole words or prefixes in order, without accents, or
    one member by the full 12-digit CCCD."""
    unit = get_unit(request.user, code)
    if search.looks_like_cccd(q):
        raise UserError(
            gettext(
                "Không gửi số CCCD trên địa chỉ (URL): nhật ký máy chủ sẽ lưu lại. "
                "Hãy tìm bằng POST /api/v1/units/%(code)s/members/search."
            )
            % {"code": unit.code},
            field="q",
        )
    return _Keyset(request.user, unit, q, status)


class SearchIn(Schema):
    q: str = Field("", max_length=120, description="tên (không cần dấu) hoặc đủ 12 số CCCD")
    status: str = Field("", max_length=_len(Member, "status"))
    cursor: str = Field("", max_length=500)
    limit: int = Field(50, ge=1, le=500)


class MemberPageOut(Schema):
    items: list[MemberOut]
    count: int
    count_capped: bool = False
    next: str | None = None


@units.post("/{code}/members/search", response=MemberPageOut)
def search_members(request, code: str, body: SearchIn):
    """The member list searched by a text sent in the body, not the URL — the way to find a member by
    CCCD (a CCCD in `GET .../members?q=` is refused: access logs keep URLs). Same page shape."""
    unit = get_unit(request.user, code)
    items, count, capped, nxt = _Keyset(request.user, unit, body.q, body.status).page(
        body.cursor or None, body.limit
    )
    return {"items": items, "count": count, "count_capped": capped, "next": nxt}


class _Keyset:
    def __init__(self, user, unit, q: str, status: str):
        self.user, self.unit, self.q, self.status = user, unit, q, status

    def page(self, cursor: str | None, limit: int):
        try:
            pg = search.member_page(self.user, self.unit, self.q, cursor, limit, status=self.status)
        except ValueError:
            raise UserError(gettext("Con trỏ trang không hợp lệ."), field="cursor") from None
        return [member_out(m) for m in pg.items], pg.total, pg.capped, pg.next


class _Mapped:
    """A lazily mapped queryset so pagination slices in SQL and maps only one page."""

    def __init__(self, qs, fn):
        self.qs, self.fn = qs, fn

    def count(self):
        return self.qs.count()

    def __getitem__(self, s):
        return [self.fn(x) for x in self.qs[s]]


@units.get("/{code}/indicators")
def unit_indicators(request, code: str, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    """Computed indicators of the subtree for a year: members by status, gender, occupation group,
    age band; new admissions; rating distribution and share rated excellent; nominations; reaching 30."""
    return member_stats.indicators(get_unit(request.user, code), year)


@units.get("/{code}/maturity", response=list[MemberOut])
@paginate(Page)
def unit_maturity(request, code: str, days: int = Query(365, ge=0, le=36_500)):
    """Active members who reach 30 within ?days= (default a year), oldest first."""
    unit = get_unit(request.user, code)
    return _Mapped(selectors.maturity_due(request.user, unit, days).select_related("branch"), member_out)


@units.get("/{code}/ratings")
def unit_ratings(
    request,
    code: str,
    year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """The branch's rating batch for a year and its active members, paged (`members` has the `Page`
    shape: items and count; ?limit= and ?offset=)."""
    branch = _branch(request.user, code)
    batch = selectors.rating_batch(branch, year)
    qs = selectors.active_members_of(branch)
    page = list(qs[offset : offset + limit])
    ratings = selectors.ratings_by_member(batch, [m.pk for m in page])
    rows = [
        {
            **member_out(m),
            "level": getattr(ratings.get(m.pk), "level", None),
            "note": getattr(ratings.get(m.pk), "note", ""),
        }
        for m in page
    ]
    return {
        "branch": branch.code,
        "year": year,
        "status": batch.status if batch else None,
        "term": batch.term if batch else None,
        "members": {"items": rows, "count": qs.count()},
    }


@units.post("/{code}/ratings")
def save_ratings(request, code: str, body: RatingsIn):
    branch = _branch(request.user, code)
    batch = actions.ratings.save_ratings(
        request.user, branch, body.year, {r.member_id: (r.level, r.note) for r in body.ratings}
    )
    return {"branch": branch.code, "year": batch.year, "status": batch.status}


@units.post("/{code}/ratings/submit")
def submit_ratings(request, code: str, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX)):
    batch = actions.ratings.submit_ratings(request.user, _branch(request.user, code), year)
    return {"year": batch.year, "status": batch.status}


@units.post("/{code}/ratings/approve")
def approve_ratings(request, code: str, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX)):
    batch = actions.ratings.approve_ratings(request.user, _branch(request.user, code), year)
    return {"year": batch.year, "status": batch.status}


@units.get("/{code}/nominations", response=list[NominationOut])
@paginate(Page)
def unit_nominations(request, code: str, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    qs = selectors.nominations_in(request.user, get_unit(request.user, code), year).order_by("-year", "id")
    return _Mapped(
        qs,
        lambda n: {
            "id": n.pk,
            "member_id": n.member_id,
            "member_name": n.member.full_name,
            "branch": n.branch.code,
            "year": n.year,
            "nominated_on": n.nominated_on,
            "outcome": n.outcome,
            "outcome_on": n.outcome_on,
        },
    )


@units.get("/{code}/dues")
def unit_dues(
    request,
    code: str,
    month: str = Query(..., max_length=10),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """A branch's dues for a month: totals over every payment, and the payments and arrears paged
    (each has the `Page` shape: items and count; ?limit= and ?offset= apply to both)."""
    branch = _branch(request.user, code)
    month = dues.canonical_month(month)
    paid = selectors.dues_payments(branch, month).order_by("member__id")
    arrears = selectors.dues_arrears(request.user, branch, month).order_by("search_name", "id")
    sums = paid.aggregate(total=Sum("amount"), kept=Sum("kept"), sent_up=Sum("sent_up"))
    return {
        "branch": branch.code,
        "month": month,
        "paid": {
            "items": [
                {
                    "member_id": p.member_id,
                    "member_name": p.member.full_name,
                    "category": p.category,
                    "amount": p.amount,
                    "kept": p.kept,
                    "sent_up": p.sent_up,
                    "paid_on": p.paid_on,
                }
                for p in paid[offset : offset + limit]
            ],
            "count": paid.count(),
        },
        "arrears": {
            "items": [
                {"member_id": m.pk, "member_name": m.full_name} for m in arrears[offset : offset + limit]
            ],
            "count": arrears.count(),
        },
        "total": sums["total"] or 0,
        "kept": sums["kept"] or 0,
        "sent_up": sums["sent_up"] or 0,
    }


@units.post("/{code}/dues")
def record_dues(request, code: str, body: DuesIn):
    n = actions.dues.record_dues(
        request.user, _branch(request.user, code), body.month, body.member_ids, body.paid_on
    )
    return {"recorded": n}


# ------------------------------------------------------------------ /members/...


@members.get("/me", response=RecordOut)
def my_record(request):
    mid = getattr(request.user, "member_id", None)
    if not mid:
        raise Http404
    return selectors.record_dict(selectors.visible_member(request.user, mid), sensitive=True)


@members.get("/me/card")
def my_card(request):
    """The e-member card: record summary and the signed QR payload (with an SVG of the code)."""
    mid = getattr(request.user, "member_id", None)
    if not mid:
        raise Http404
    m = selectors.visible_member(request.user, mid)
    text = card.payload(m.pk, m.card_number)
    return {
        "member": member_out(m),
        "card_number": m.card_number,
        "qr_payload": text,
        "qr_svg": card.qr_svg(text),
    }


@members.get("/me/data")
def my_data(request):
    """Everything held about the logged-in member (Law 91/2025/QH15: the right to one's own data)."""
    mid = getattr(request.user, "member_id", None)
    if not mid:
        raise Http404
    return actions.consents.own_data(request.user, selectors.visible_member(request.user, mid))


@members.post("/card/verify")
def verify_card(request, body: CardIn):
    """Identify a scanned member card; a forged or edited code, or a member outside scope, is 404."""
    mid = card.verify(body.payload)
    if mid is None:
        raise Http404
    return member_out(selectors.visible_member(request.user, mid))


@members.get("/{member_id}", response=RecordOut)
def member_record(request, member_id: int):
    """A full record; viewing someone else's record is written to the audit log."""
    return record_out(request.user, selectors.visible_member(request.user, member_id, log_view=True))


@members.patch("/{member_id}", response=RecordOut)
def change_member(request, member_id: int, body: MemberChange):
    m = selectors.visible_member(request.user, member_id)
    actions.common.require_admin(request.user, m.branch)
    fields = body.dict(exclude_unset=True, exclude={"version"})
    m = actions.records.change_member(request.user, m, expected_version=body.version, **fields)
    return record_out(request.user, m)


@members.get("/{member_id}/history")
def member_history(request, member_id: int):
    m = selectors.visible_member(request.user, member_id)
    rows = [
        {
            "at": h.at.isoformat(),
            "kind": h.kind,
            "changes": h.changes,
            "branch": h.branch.code if h.branch_id else None,
        }
        for h in m.history.select_related("branch").order_by("at", "id")
    ]
    if m.source_import_id:
        rows.insert(0, {"at": None, "kind": "import", "changes": {"row": m.source_row}, "branch": None})
    return {"member_id": m.pk, "items": rows}


@members.post("/{member_id}/status", response=RecordOut)
def member_status(request, member_id: int, body: StatusIn):
    m = selectors.visible_member(request.user, member_id)
    return record_out(request.user, actions.records.set_status(request.user, m, body.status, body.on))


@members.post("/{member_id}/transfers", response=TransferOut)
def request_transfer(request, member_id: int, body: TransferIn):
    m = selectors.visible_member(request.user, member_id)
    to = Unit.objects.filter(code=body.to_branch.strip()).first()
    if to is None:
        raise UserError(f"Không có chi đoàn mã “{body.to_branch}”.", field="to_branch")
    return transfer_out(actions.transfers.request_transfer(request.user, m, to, body.reason))


@members.post("/{member_id}/nominations")
def nominate(request, member_id: int, body: NominateIn):
    m = selectors.visible_member(request.user, member_id)
    n = actions.nominations.nominate(request.user, m, body.year)
    return {"id": n.pk, "year": n.year, "outcome": n.outcome}


@members.post("/{member_id}/consents")
def give_consent(request, member_id: int, body: ConsentIn):
    m = selectors.visible_member(request.user, member_id)
    c = actions.consents.give_consent(request.user, m, body.purpose, body.guardian_name)
    return {"id": c.pk, "purpose": c.purpose, "by_guardian": c.by_guardian}


@members.post("/nominations/{nomination_id}/outcome")
def nomination_outcome(request, nomination_id: int, body: OutcomeIn):
    n = Nomination.objects.select_related("branch").filter(pk=nomination_id).first()
    # The scope half is repeated by require_admin in actions.nominations.record_nomination_outcome
    # (the same 404);
    # the `n is None` half is tested in tests/accounts/test_scope_guards.py.
    if n is None or not scope_for(request.user).covers(n.branch.path):
        raise Http404
    n = actions.nominations.record_nomination_outcome(request.user, n, body.outcome, body.on)
    return {"id": n.pk, "year": n.year, "outcome": n.outcome}


# ------------------------------------------------------------------ /transfers


@transfers.get("", response=list[TransferOut])
@paginate(Page)
def list_transfers(request, direction: str = "incoming", status: str = "pending"):
    """Transfers into (incoming) or out of (outgoing) the user's units; ?status= (empty for all)."""
    if direction not in ("incoming", "outgoing"):
        raise UserError("direction phải là incoming hoặc outgoing.", field="direction")
    return _Mapped(
        selectors.transfers_for(request.user, direction, status).order_by("-requested_at", "-id"),
        transfer_out,
    )


@transfers.post("/{transfer_id}/accept", response=TransferOut)
def accept_transfer(request, transfer_id: int, body: NoteIn):
    t = selectors.visible_transfer(request.user, transfer_id)
    return transfer_out(actions.transfers.accept_transfer(request.user, t, body.note))


@transfers.post("/{transfer_id}/reject", response=TransferOut)
def reject_transfer(request, transfer_id: int, body: NoteIn):
    t = selectors.visible_transfer(request.user, transfer_id)
    return transfer_out(actions.transfers.reject_transfer(request.user, t, body.note))


@transfers.post("/{transfer_id}/cancel", response=TransferOut)
def cancel_transfer(request, transfer_id: int):
    t = selectors.visible_transfer(request.user, transfer_id)
    return transfer_out(actions.transfers.cancel_transfer(request.user, t))


def register(api) -> None:
    api.add_router("/units", units)
    api.add_router("/members", members)
    api.add_router("/transfers", transfers)
