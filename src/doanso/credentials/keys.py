"""Issuing keys per unit: created on first use, rotated on request, never stored in clear."""

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from django.db import transaction
from django.utils import timezone

from doanso.core import audit, crypto
from doanso.credentials import identity, jsonld, multibase
from doanso.credentials.models import IssuerKey


def _new_key(unit) -> IssuerKey:
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    raw_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return IssuerKey.objects.create(
        unit=unit,
        public_key=multibase.public_key_multibase(raw_public),
        private_key_enc=crypto.encrypt(base64.b64encode(raw_private).decode()),
    )


def active_key(unit) -> IssuerKey:
    """The unit's signing key, created the first time the unit issues."""
    key = IssuerKey.objects.filter(unit=unit, retired_at=None).first()
    if key is None:
        with transaction.atomic():
            type(unit).objects.select_for_update().get(pk=unit.pk)  # one creator at a time
            key = IssuerKey.objects.filter(unit=unit, retired_at=None).first() or _new_key(unit)
    return key


@transaction.atomic
def rotate(unit, by_user=None) -> IssuerKey:
    """Retire the unit's key and make a new one; credentials signed before keep verifying."""
    type(unit).objects.select_for_update().get(pk=unit.pk)
    IssuerKey.objects.filter(unit=unit, retired_at=None).update(retired_at=timezone.now())
    key = _new_key(unit)
    audit.record(by_user, "credentials.key_rotated", key, unit=unit, public_key=key.public_key)
    return key


def private_key(key: IssuerKey) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(crypto.decrypt(key.private_key_enc)))


def public_key(key: IssuerKey) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(multibase.public_key_from_multibase(key.public_key))


def verification_method(key: IssuerKey) -> str:
    return identity.key_id(key.unit.code, key.public_key)


def did_document(unit) -> dict:
    """The unit's DID document: every key it ever used (retired ones too, so old signatures
    resolve), all as assertion methods."""
    did = identity.issuer_did(unit.code)
    methods = [
        {
            "id": identity.key_id(unit.code, k.public_key),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": k.public_key,
        }
        for k in IssuerKey.objects.filter(unit=unit).order_by("created_at", "pk")
    ]
    return {
        "@context": [jsonld.DID_V1, jsonld.MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }
