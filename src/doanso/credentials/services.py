"""Issuing and revoking credentials (the writes of this app)."""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from doanso.accounts.scoping import can_administer
from doanso.core import audit
from doanso.core.errors import UserError
from doanso.credentials import identity, jsonld, keys, proof, statuslist
from doanso.credentials.models import Credential, StatusList

MAX_NAME = 200
MAX_ACHIEVEMENT = 300
MAX_DESCRIPTION = 2000


def _status_list(unit) -> StatusList:
    """The unit's status list row, locked for this transaction (created empty on first use)."""
    row = StatusList.objects.select_for_update().filter(unit=unit).first()
    if row is None:
        try:
            with transaction.atomic():
                StatusList.objects.create(unit=unit, bits=statuslist.empty())
        except IntegrityError:
            pass  # another request made it first
        row = StatusList.objects.select_for_update().get(unit=unit)
    return row


def _free_index(unit, bits: bytes) -> int:
    """A random unused position (random allocation keeps issue order from leaking, per the spec)."""
    used = set(Credential.objects.filter(issuer_unit=unit).values_list("status_index", flat=True))
    if len(used) >= statuslist.MIN_ENTRIES:
        raise UserError(gettext("Danh sách trạng thái của đơn vị đã đầy; không cấp thêm được chứng nhận."))
    while True:
        index = secrets.randbelow(statuslist.MIN_ENTRIES)
        if index not in used:
            return index


def status_list_document(row: StatusList) -> dict:
    """The unit's BitstringStatusListCredential, signed with its active key."""
    unit = row.unit
    url = identity.status_list_url(unit.code)
    key = keys.active_key(unit)
    now = timezone.now()
    doc = {
        "@context": [jsonld.VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": identity.issuer_did(unit.code),
        "validFrom": proof.utc_stamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": statuslist.encode(bytes(row.bits)),
        },
    }
    return proof.sign(doc, keys.private_key(key), keys.verification_method(key), now)


def _clean(value: str, field: str, label: str, limit: int, required: bool = True) -> str:
    value = " ".join((value or "").split()) if field != "achievement_description" else (value or "").strip()
    if required and not value:
        raise UserError(gettext("“%(label)s”: chưa nhập.") % {"label": label}, field=field)
    if len(value) > limit:
        raise UserError(
            gettext("“%(label)s”: dài quá %(limit)s ký tự.") % {"label": label, "limit": limit}, field=field
        )
    return value


def credential_document(cred: Credential, status_url: str, issuer_name: str) -> dict:
    """The unsigned OpenBadgeCredential of a credential row."""
    code = cred.issuer_unit.code
    achievement = {
        "id": identity.achievement_url(cred.source, cred.source_id),
        "type": ["Achievement"],
        "name": cred.achievement_name,
        "criteria": {"narrative": cred.achievement_description or cred.achievement_name},
    }
    if cred.achievement_description:
        achievement["description"] = cred.achievement_description
    return {
        "@context": [jsonld.VC_V2, jsonld.OB_V3],
        "id": identity.credential_url(cred.pk),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": cred.achievement_name,
        "issuer": {"id": identity.issuer_did(code), "type": ["Profile"], "name": issuer_name},
        "validFrom": proof.utc_stamp(cred.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": cred.subject_name,
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": cred.subject_name,
                    "identityType": "name",
                    "hashed": False,
                }
            ],
            "achievement": achievement,
        },
        "credentialStatus": {
            "id": f"{status_url}#{cred.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(cred.status_index),
            "statusListCredential": status_url,
        },
    }


@transaction.atomic
def issue_achievement(
    *,
    issuer_unit,
    subject_name: str,
    subject_member_id: int | None,
    achievement_name: str,
    achievement_description: str,
    source: str,
    source_id: int,
) -> Credential:
    """Sign and store an OpenBadgeCredential of `issuer_unit` for one person.

    The caller decides who may issue (see `can_issue`); this checks the claims and signs."""
    name = _clean(subject_name, "subject_name", gettext("Người nhận"), MAX_NAME)
    title = _clean(achievement_name, "achievement_name", gettext("Thành tích"), MAX_ACHIEVEMENT)
    description = _clean(
        achievement_description, "achievement_description", gettext("Mô tả"), MAX_DESCRIPTION, required=False
    )
    source = _clean(source, "source", gettext("Nguồn"), 40)
    row = _status_list(issuer_unit)
    key = keys.active_key(issuer_unit)
    cred = Credential(
        issuer_unit=issuer_unit,
        member_id=subject_member_id,
        subject_name=name,
        achievement_name=title,
        achievement_description=description,
        source=source,
        source_id=source_id,
        status_index=_free_index(issuer_unit, bytes(row.bits)),
        issued_at=timezone.now(),
    )
    unsigned = credential_document(cred, identity.status_list_url(issuer_unit.code), issuer_unit.name)
    cred.document = proof.sign(unsigned, keys.private_key(key), keys.verification_method(key), cred.issued_at)
    cred.save(force_insert=True)
    if not row.document:
        row.document = status_list_document(row)
        row.save(update_fields=["document"])
    audit.record(None, "credentials.issued", cred, unit=issuer_unit, source=source, source_id=source_id)
    return cred


def can_issue(user, unit) -> bool:
    """Issuing in a unit's name is for that unit's admins (and admins above it)."""
    return can_administer(user, unit)


@transaction.atomic
def revoke(credential: Credential, by_user, reason: str) -> Credential:
    """Flip the credential's bit in its issuer's status list and re-sign the list.

    Only an admin of the issuing unit may; revoking twice is refused (409)."""
    from doanso.core.errors import ConflictError

    if not can_administer(by_user, credential.issuer_unit):
        raise PermissionDenied
    reason = _clean(reason, "reason", gettext("Lý do thu hồi"), 500)
    cred = Credential.objects.select_for_update().get(pk=credential.pk)
    if cred.revoked_at is not None:
        raise ConflictError(gettext("Chứng nhận này đã bị thu hồi trước đó."))
    row = _status_list(cred.issuer_unit)
    row.bits = statuslist.set_bit(bytes(row.bits), cred.status_index)
    row.updated_at = timezone.now()
    row.document = status_list_document(row)
    row.save(update_fields=["bits", "updated_at", "document"])
    cred.revoked_at = row.updated_at
    cred.revoked_by = by_user
    cred.revoke_reason = reason
    cred.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.record(by_user, "credentials.revoked", cred, unit=cred.issuer_unit, reason=reason)
    credential.revoked_at, credential.revoked_by, credential.revoke_reason = cred.revoked_at, by_user, reason
    return cred
