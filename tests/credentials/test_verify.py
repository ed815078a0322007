"""Signing and verifying: any changed claim, a foreign key, a revoked credential are refused."""

import json

import pytest

from doanso.credentials.api import verify


@pytest.mark.django_db
def test_an_issued_credential_verifies(issue, doc):
    cred = issue()
    result = verify(doc(cred))
    assert result.valid, result
    assert result.checks == ["signature", "dates", "status"]
    assert cred.document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert cred.document["proof"]["proofValue"].startswith("z")
    print(json.dumps(cred.document, ensure_ascii=False, indent=1))
