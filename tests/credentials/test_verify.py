"""Signing and verifying (services): any changed claim, a foreign or retired key, a revoked
credential, malformed input — each refused with its reason; what we issue holds."""

import copy
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doanso.credentials import identity, keys, proof, statuslist
from doanso.credentials.api import revoke, verify
from doanso.credentials.models import IssuerKey, StatusList


@pytest.mark.django_db
def test_an_issued_credential_verifies(issue, doc):
    cred = issue()
    result = verify(doc(cred))
    assert result.valid, result
    assert result.checks == ["signature", "dates", "status"]
    d = cred.document
    assert d["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert d["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert d["issuer"] == {
        "id": identity.issuer_did("HCM"),
        "type": ["Profile"],
        "name": cred.issuer_unit.name,
    }
    assert d["credentialSubject"]["achievement"]["name"] == "Giải Nhất cuộc thi tìm hiểu Nghị quyết"
    assert d["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert d["proof"]["type"] == "DataIntegrityProof" and d["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert d["proof"]["verificationMethod"].startswith(identity.issuer_did("HCM") + "#z6Mk")
    assert cred.public_url == d["id"]


# Paths of the claims a forger would change; each must break the signature.
CLAIMS = [
    ("name",),
    ("validFrom",),
    ("issuer", "name"),
    ("credentialSubject", "name"),
    ("credentialSubject", "achievement", "name"),
    ("credentialSubject", "achievement", "description"),
    ("credentialSubject", "achievement", "criteria", "narrative"),
    ("credentialStatus", "statusListIndex"),
]


def _get(d, path):
    for p in path:
        d = d[p]
    return d


def _set(d, path, value):
    for p in path[:-1]:
        d = d[p]
    d[path[-1]] = value


@pytest.mark.django_db
def test_one_character_of_any_claim_changed_breaks_the_signature(issue, doc):
    cred = issue()

    @settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(path=st.sampled_from(CLAIMS), data=st.data())
    def check(path, data):
        d = doc(cred)
        text = _get(d, path)
        i = data.draw(st.integers(0, len(text) - 1), label="position")
        new = data.draw(st.sampled_from("0123456789aăâbcdđeêghiklmnoôơpqrstuưvxy"), label="char")
        if new == text[i]:
            return
        _set(d, path, text[:i] + new + text[i + 1 :])
        # The signature alone sees it (without our stored copy) ...
        with pytest.raises(proof.ProofError):
            proof.verify(d, keys.public_key(IssuerKey.objects.get(unit=cred.issuer_unit, retired_at=None)))
        # ... and so does the verifier.
        result = verify(d)
        assert not result.valid
        assert result.code in ("bad_signature", "malformed", "not_yet_valid"), result

    check()


@pytest.mark.django_db
def test_a_field_no_context_defines_is_caught_by_the_issued_copy(issue, doc):
    d = doc(issue())
    d["credentialSubject"]["rank"] = "Nhất toàn quốc"  # JSON-LD drops it: the signature cannot see it
    result = verify(d)
    assert not result.valid and result.code == "altered"


@pytest.mark.django_db
def test_a_key_that_is_not_the_issuers_is_refused(issue, doc):
    cred = issue()
    unsigned = {k: v for k, v in doc(cred).items() if k != "proof"}
    vm = cred.document["proof"]["verificationMethod"]
    forged = proof.sign(unsigned, Ed25519PrivateKey.generate(), vm, timezone.now())
    assert verify(forged).code == "bad_signature"
    other = proof.sign(
        unsigned, Ed25519PrivateKey.generate(), vm.split("#")[0] + "#z6MkForged", timezone.now()
    )
    assert verify(other).code == "unknown_key"
    # Another unit's genuine key cannot sign in HCM's name.
    hn = keys.active_key(__import__("doanso.org.models", fromlist=["Unit"]).Unit.objects.get(code="HN"))
    borrowed = proof.sign(unsigned, keys.private_key(hn), keys.verification_method(hn), timezone.now())
    assert verify(borrowed).code == "unknown_key"


@pytest.mark.django_db
def test_an_issuer_outside_the_system_is_refused(issue, doc):
    d = doc(issue())
    d["issuer"]["id"] = "did:web:example.org:issuers:HCM"
    assert verify(d).code == "unknown_issuer"


@pytest.mark.django_db
def test_revoked_is_invalid_with_a_reason(issue, doc, user):
    cred = issue()
    revoke(cred, user("hcm.admin"), "Phát hiện gian lận")
    result = verify(doc(cred))
    assert not result.valid and result.code == "revoked"
    assert "thu hồi" in result.reason
    row = StatusList.objects.get(unit=cred.issuer_unit)
    bits = statuslist.decode(row.document["credentialSubject"]["encodedList"])
    assert len(bits) * 8 >= 131_072
    assert statuslist.get_bit(bits, cred.status_index)
    assert sum(bin(b).count("1") for b in bits) == 1
    proof.verify(row.document, keys.public_key(keys.active_key(cred.issuer_unit)))  # the list is signed


@pytest.mark.django_db
def test_only_an_admin_of_the_issuing_unit_revokes(issue, user):
    from django.core.exceptions import PermissionDenied

    cred = issue()
    with pytest.raises(PermissionDenied):
        revoke(cred, user("hn.admin"), "Không phải đơn vị mình")
    cred.refresh_from_db()
    assert cred.revoked_at is None
    assert not statuslist.get_bit(
        bytes(StatusList.objects.get(unit=cred.issuer_unit).bits), cred.status_index
    )


@pytest.mark.django_db
def test_revoking_twice_is_a_conflict_and_a_reason_is_required(issue, user):
    from doanso.core.errors import ConflictError, UserError

    cred = issue()
    with pytest.raises(UserError) as exc:
        revoke(cred, user("hcm.admin"), "   ")
    assert "Lý do thu hồi" in exc.value.message
    revoke(cred, user("hcm.admin"), "Cấp nhầm")
    with pytest.raises(ConflictError):
        revoke(cred, user("hcm.admin"), "Lần hai")


@pytest.mark.django_db
def test_rotation_keeps_old_credentials_valid_and_retires_the_key(issue, doc):
    old = issue()
    old_key = IssuerKey.objects.get(unit=old.issuer_unit, retired_at=None)
    new_key = keys.rotate(old.issuer_unit)
    old_key.refresh_from_db()
    assert old_key.retired_at is not None and new_key.retired_at is None
    new = issue(subject_name="Trần Thị Bình")
    assert new.document["proof"]["verificationMethod"].endswith(new_key.public_key)
    assert verify(doc(old)).valid and verify(doc(new)).valid
    # The retired key cannot sign anything new.
    unsigned = {k: v for k, v in doc(new).items() if k != "proof"}
    later = timezone.now() + timedelta(seconds=2)  # proofs carry whole seconds
    late = proof.sign(unsigned, keys.private_key(old_key), keys.verification_method(old_key), later)
    assert verify(late).code == "retired_key"
    did = keys.did_document(old.issuer_unit)
    assert {m["publicKeyMultibase"] for m in did["verificationMethod"]} == {
        old_key.public_key,
        new_key.public_key,
    }


@pytest.mark.django_db
def test_the_private_key_is_not_readable_from_the_database(issue, settings):
    import base64

    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    cred = issue()
    row = IssuerKey.objects.get(unit=cred.issuer_unit, retired_at=None)
    raw = keys.private_key(row).private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    stored = row.private_key_enc
    for form in (base64.b64encode(raw).decode(), raw.hex(), base64.urlsafe_b64encode(raw).decode()):
        assert form not in stored
    assert stored.startswith("v2.")  # AES-GCM under the data key
    settings.DATA_KEY = "another-data-key-" + "x" * 32
    with pytest.raises(Exception):  # noqa: B017 - any failure: the token does not open without the key
        keys.private_key(row)


@pytest.mark.django_db
def test_a_credential_from_the_future_or_past_its_end_is_refused(issue, doc):
    cred = issue()
    key = keys.active_key(cred.issuer_unit)
    unsigned = {k: v for k, v in doc(cred).items() if k != "proof"}
    unsigned["id"] = identity.base_url() + "/credentials/not-issued-here"
    later = {**unsigned, "validFrom": "2999-01-01T00:00:00Z"}
    signed = proof.sign(later, keys.private_key(key), keys.verification_method(key), timezone.now())
    assert verify(signed).code == "not_yet_valid"
    ended = {**unsigned, "validUntil": "2020-01-01T00:00:00Z"}
    signed = proof.sign(ended, keys.private_key(key), keys.verification_method(key), timezone.now())
    assert verify(signed).code == "expired"


@pytest.mark.django_db
def test_an_unknown_context_is_refused_without_any_fetch(issue, doc):
    d = doc(issue())
    d["@context"] = [*d["@context"], "https://evil.example/context.json"]
    result = verify(d)
    assert not result.valid and result.code == "bad_context"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@pytest.mark.django_db
def test_garbage_never_raises(issue, doc):
    base = doc(issue())

    @settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(key=st.sampled_from(sorted(base)), value=json_values, whole=json_values)
    def check(key, value, whole):
        d = copy.deepcopy(base)
        d[key] = value
        assert verify(d).valid is False
        assert verify(whole).valid is False

    check()


@pytest.mark.django_db
def test_a_huge_document_is_refused_before_canonicalisation(issue, doc):
    d = doc(issue())
    d["credentialSubject"]["name"] = "A" * 70_000
    assert verify(d).code == "too_large"
    assert json.dumps(verify(d).as_dict())  # serialisable as the API answers it
