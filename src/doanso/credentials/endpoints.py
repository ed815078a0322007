"""The credentials app's routes of /api/v1/ (api/urls.py calls `register`)."""

from datetime import datetime
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext
from ninja import Body, Field, Router, Schema, Status
from ninja.pagination import paginate

from doanso.accounts.scoping import get_unit, scope_for
from doanso.core.errors import UserError
from doanso.core.pagination import Page, mapped
from doanso.credentials import keys, ratelimit, selectors, services, verification

router = Router(tags=["credentials"])


class RateLimited(UserError):
    status = 429


class CredentialOut(Schema):
    id: UUID
    url: str
    unit: str
    subject_name: str
    achievement_name: str
    source: str
    source_id: int
    issued_at: datetime
    revoked_at: datetime | None
    revoke_reason: str


def _out(c) -> dict:
    return {
        "id": c.pk,
        "url": c.public_url,
        "unit": c.issuer_unit.code,
        "subject_name": c.subject_name,
        "achievement_name": c.achievement_name,
        "source": c.source,
        "source_id": c.source_id,
        "issued_at": c.issued_at,
        "revoked_at": c.revoked_at,
        "revoke_reason": c.revoke_reason,
    }


class IssueIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40)
    subject_name: str = Field(..., min_length=1, max_length=services.MAX_NAME)
    member: int | None = Field(None, ge=1, le=2**63 - 1)
    achievement_name: str = Field(..., min_length=1, max_length=services.MAX_ACHIEVEMENT)
    achievement_description: str = Field("", max_length=services.MAX_DESCRIPTION)


class RevokeIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


class VerifyOut(Schema):
    valid: bool
    reason: str | None = None
    code: str | None = None
    credential_id: str | None = None
    issuer: str | None = None
    issuer_name: str | None = None
    checks: list[str]


class KeyOut(Schema):
    unit: str
    public_key: str
    verification_method: str


@router.get("/credentials", response=list[CredentialOut])
@paginate(Page)
def list_credentials(request, unit: str | None = None):
    """Credentials issued by the units in the caller's scope (or one unit's subtree), newest first."""
    qs = selectors.visible(request.user)
    if unit:
        u = get_unit(request.user, unit)
        lo, hi = u.subtree_range
        qs = qs.filter(issuer_unit__path__gte=lo, issuer_unit__path__lt=hi)
    return mapped(qs.order_by("-issued_at", "pk"), _out)


@router.post("/credentials", response={201: CredentialOut})
def issue(request, payload: IssueIn):
    """Issue a certificate in a unit's name (admins of the unit); contests issue theirs through
    learning."""
    unit = get_unit(request.user, payload.unit)
    if not services.can_issue(request.user, unit):
        raise Http404
    member_id = None
    if payload.member is not None:
        from doanso.members.api import visible_member

        member_id = visible_member(request.user, payload.member).pk
    cred = services.issue_achievement(
        issuer_unit=unit,
        subject_name=payload.subject_name,
        subject_member_id=member_id,
        achievement_name=payload.achievement_name,
        achievement_description=payload.achievement_description,
        source="manual",
        source_id=unit.pk,
    )
    return Status(201, _out(cred))


@router.post("/credentials/verify", response=VerifyOut, auth=None)
def verify(request, document: Body[dict]):
    """Verify a credential (no login needed): signature, issuer key, dates and revocation."""
    if not ratelimit.allow(request):
        raise RateLimited(gettext("Quá nhiều lượt kiểm tra; vui lòng thử lại sau một phút."))
    return verification.verify(document).as_dict()


@router.post("/credentials/{credential_id}/revoke", response=CredentialOut)
def revoke(request, credential_id: UUID, payload: RevokeIn):
    """Revoke a certificate (admins of the issuing unit): its bit flips in the status list."""
    cred = selectors.administered(request.user, credential_id)
    return _out(services.revoke(cred, request.user, payload.reason))


@router.post("/units/{code}/credential-key/rotate", response=KeyOut)
def rotate_key(request, code: str):
    """Retire the unit's signing key and make a new one (what the old key signed stays valid)."""
    unit = get_unit(request.user, code)
    if not scope_for(request.user).administers(unit.path):
        raise Http404
    key = keys.rotate(unit, request.user)
    return {
        "unit": unit.code,
        "public_key": key.public_key,
        "verification_method": keys.verification_method(key),
    }


def register(api) -> None:
    """Add this app's routes to the API."""
    api.add_router("/", router)
