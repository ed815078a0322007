"""Verifying a credential: our issuer, a key that issuer held, the eddsa-rdfc-2022 signature, the
validity dates and the Bitstring Status List (read from our database, never over HTTP)."""

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext
from pyld.jsonld import JsonLdError

from doanso.credentials import identity, jsonld, keys, proof, statuslist
from doanso.credentials.models import Credential, IssuerKey, StatusList
from doanso.org.models import Unit

MAX_DOCUMENT_BYTES = 64 * 1024  # a credential is ~3 KB; canonicalising more is only a cost
CLOCK_SKEW = timedelta(minutes=5)


@dataclass
class VerifyResult:
    """`valid` and, when not, a Vietnamese `reason` and a stable `code` for programs."""

    valid: bool
    reason: str | None = None
    code: str | None = None
    credential_id: str | None = None
    issuer: str | None = None
    issuer_name: str | None = None
    checks: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        out = {"valid": self.valid, "checks": self.checks}
        for name in ("reason", "code", "credential_id", "issuer", "issuer_name"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        return out


# Digests of documents whose signature already checked out (canonicalisation is the cost of a
# verification, and the same certificate is checked again each time its QR code is scanned). Only
# successes are kept; key, dates and revocation are still checked on every call.
_SIGNED_OK: OrderedDict[bytes, None] = OrderedDict()
_SIGNED_OK_MAX = 4096


def _digest(document: dict) -> bytes:
    return hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).digest()


def _check_signature(document: dict, key: IssuerKey) -> None:
    digest = _digest(document)
    if digest in _SIGNED_OK:
        _SIGNED_OK.move_to_end(digest)
        return
    proof.verify(document, keys.public_key(key))
    _SIGNED_OK[digest] = None
    if len(_SIGNED_OK) > _SIGNED_OK_MAX:
        _SIGNED_OK.popitem(last=False)


class _Invalid(Exception):
    def __init__(self, code: str, reason: str):
        self.code, self.reason = code, reason


def _moment(text, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        raise _Invalid(
            "malformed", gettext("Trường “%(name)s” không phải ngày giờ hợp lệ.") % {"name": name}
        ) from None
    if moment.tzinfo is None:
        raise _Invalid("malformed", gettext("Trường “%(name)s” thiếu múi giờ.") % {"name": name})
    return moment


def _issuer_unit(document: dict) -> Unit:
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    code = identity.unit_code_of(issuer_id)
    unit = Unit.objects.filter(code=code).first() if code else None
    if unit is None:
        raise _Invalid("unknown_issuer", gettext("Đơn vị cấp không phải một đơn vị của hệ thống Đoàn Số."))
    return unit


def _signing_key(document: dict, unit: Unit) -> IssuerKey:
    try:
        p = proof.proof_of(document)
    except proof.ProofError:
        raise _Invalid(
            "no_proof", gettext("Chứng nhận không có chữ ký số hợp lệ (DataIntegrityProof eddsa-rdfc-2022).")
        ) from None
    prefix = identity.issuer_did(unit.code) + "#"
    method = p["verificationMethod"]
    key = (
        IssuerKey.objects.filter(unit=unit, public_key=method[len(prefix) :]).first()
        if method.startswith(prefix)
        else None
    )
    if key is None:
        raise _Invalid("unknown_key", gettext("Chữ ký không do khóa của đơn vị cấp tạo ra."))
    created = _moment(p["created"], "proof.created")
    if created > timezone.now() + CLOCK_SKEW:
        raise _Invalid("future_proof", gettext("Chữ ký ghi thời điểm ở tương lai."))
    if key.retired_at is not None and created > key.retired_at:
        raise _Invalid("retired_key", gettext("Chữ ký dùng khóa đã ngừng sử dụng trước thời điểm ký."))
    return key


def _check_dates(document: dict) -> None:
    now = timezone.now()
    if "validFrom" in document and _moment(document["validFrom"], "validFrom") > now + CLOCK_SKEW:
        raise _Invalid("not_yet_valid", gettext("Chứng nhận chưa đến ngày có hiệu lực."))
    if "validUntil" in document and _moment(document["validUntil"], "validUntil") < now:
        raise _Invalid("expired", gettext("Chứng nhận đã hết hạn."))


def _check_status(document: dict, unit: Unit) -> None:
    entries = document.get("credentialStatus")
    entries = entries if isinstance(entries, list) else [entries]
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            raise _Invalid(
                "no_status", gettext("Chứng nhận thiếu mục trạng thái (BitstringStatusListEntry).")
            )
        if identity.status_unit_code(entry.get("statusListCredential")) != unit.code:
            raise _Invalid("foreign_status", gettext("Danh sách trạng thái không thuộc đơn vị cấp."))
        try:
            index = int(entry.get("statusListIndex"))
        except (TypeError, ValueError):
            index = -1
        if not 0 <= index < statuslist.MIN_ENTRIES:
            raise _Invalid("malformed", gettext("Vị trí trong danh sách trạng thái không hợp lệ."))
        row = StatusList.objects.filter(unit=unit).only("bits").first()
        if (
            entry.get("statusPurpose") == "revocation"
            and row is not None
            and statuslist.get_bit(bytes(row.bits), index)
        ):
            raise _Invalid("revoked", gettext("Chứng nhận đã bị đơn vị cấp thu hồi."))


def _check_issued_copy(document: dict) -> None:
    """A credential of ours must be the very document we issued: JSON-LD ignores terms no context
    defines, so a signature alone cannot see an added or renamed field."""
    url = document.get("id")
    prefix = identity.base_url() + "/credentials/"
    if not isinstance(url, str) or not url.startswith(prefix):
        return
    cred = Credential.objects.filter(pk=_uuid(url[len(prefix) :])).only("document").first()
    if cred is not None and cred.document != document:
        raise _Invalid("altered", gettext("Nội dung khác với bản chứng nhận đã cấp."))


def _uuid(text: str):
    import uuid

    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def verify(document) -> VerifyResult:
    """Check a credential as a verifier would; never raises for bad input."""
    result = VerifyResult(valid=False)
    try:
        if not isinstance(document, dict):
            raise _Invalid("malformed", gettext("Chứng nhận phải là một đối tượng JSON."))
        if len(json.dumps(document, ensure_ascii=False).encode()) > MAX_DOCUMENT_BYTES:
            raise _Invalid("too_large", gettext("Chứng nhận quá lớn để kiểm tra."))
        context = document.get("@context")
        if not isinstance(context, list) or not context or context[0] != jsonld.VC_V2:
            raise _Invalid(
                "malformed", gettext("Không phải chứng nhận theo chuẩn W3C Verifiable Credentials 2.0.")
            )
        if not isinstance(document.get("id"), str) or not isinstance(document.get("credentialSubject"), dict):
            raise _Invalid(
                "malformed", gettext("Chứng nhận thiếu mã (id) hoặc người nhận (credentialSubject).")
            )
        result.credential_id = document["id"]
        unit = _issuer_unit(document)
        result.issuer, result.issuer_name = identity.issuer_did(unit.code), unit.name
        key = _signing_key(document, unit)
        try:
            _check_signature(document, key)
        except proof.ProofError:
            raise _Invalid(
                "bad_signature", gettext("Chữ ký số không khớp: nội dung chứng nhận đã bị sửa đổi.")
            ) from None
        except (jsonld.UnknownContext, JsonLdError):
            raise _Invalid(
                "bad_context",
                gettext("Chứng nhận dùng ngữ cảnh JSON-LD không được hỗ trợ hoặc sai cấu trúc."),
            ) from None
        result.checks.append("signature")
        _check_dates(document)
        result.checks.append("dates")
        _check_issued_copy(document)
        _check_status(document, unit)
        result.checks.append("status")
    except _Invalid as exc:
        result.reason, result.code = exc.reason, exc.code
        return result
    result.valid = True
    return result
