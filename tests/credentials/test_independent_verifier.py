"""An independent verifier — Digital Bazaar's @digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite
and the Bitstring Status List checker, run through node — accepts what we issue and rejects a
tampered, forged or revoked credential ("accepted" = verified and not revoked)."""

import copy

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone

from doanso.credentials import keys, proof
from tests.credentials import independent

pytestmark = [
    pytest.mark.skipif(
        not independent.available(), reason="node/npm absent: the independent verifier cannot run"
    ),
    pytest.mark.django_db,
]


@pytest.fixture(scope="module", autouse=True)
def _installed():
    if independent.available():
        independent.install()


def test_digital_bazaar_accepts_ours_and_rejects_tampered_and_forged(issue):
    cred = issue()
    tampered = copy.deepcopy(cred.document)
    tampered["credentialSubject"]["name"] = "Nguyễn Văn Ân"  # one character of a claim
    forged = proof.sign(
        {k: v for k, v in cred.document.items() if k != "proof"},
        Ed25519PrivateKey.generate(),  # not the unit's key, under the unit's key id
        cred.document["proof"]["verificationMethod"],
        timezone.now(),
    )
    ok, bad, fake = independent.verify([cred.document, tampered, forged])
    assert ok == {"verified": True, "errors": [], "revoked": False}
    assert bad["verified"] is False and bad["errors"]
    assert fake["verified"] is False and fake["errors"]


def test_digital_bazaar_rejects_after_revocation_and_keeps_rotated_keys(issue, user):
    from doanso.credentials.api import revoke

    old = issue(subject_name="Trần Thị Bình")
    keys.rotate(old.issuer_unit)
    new = issue(subject_name="Lê Văn Cường")
    assert new.document["proof"]["verificationMethod"] != old.document["proof"]["verificationMethod"]
    revoke(new, user("hcm.admin"), "Cấp nhầm người")
    old_result, new_result = independent.verify([old.document, new.document])
    assert old_result == {"verified": True, "errors": [], "revoked": False}
    # The verifier reports the status bit beside the proof: a revoked credential's proof still holds,
    # its status says revoked; a relying party accepts only verified and not revoked.
    assert new_result["revoked"] is True, new_result
    assert old_result["verified"] and not (new_result["verified"] and not new_result["revoked"])
