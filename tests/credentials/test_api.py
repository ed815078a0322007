"""The acceptance interface: GET /credentials/{id} (JSON-LD), POST /api/v1/credentials/verify,
POST /api/v1/credentials/{id}/revoke."""

import json

import pytest
from django.test import Client


def _verify(client, document):
    return client.post("/api/v1/credentials/verify", json.dumps(document), content_type="application/json")


@pytest.mark.django_db
def test_get_verify_tamper_revoke(issue, api):
    cred = issue()
    anon = Client()
    r = anon.get(f"/credentials/{cred.pk}")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/ld+json")
    document = r.json()
    assert document == cred.document
    r = _verify(anon, document)
    assert r.status_code == 200, r.content
    assert r.json()["valid"] is True

    tampered = json.loads(json.dumps(document))
    tampered["credentialSubject"]["achievement"]["name"] = tampered["credentialSubject"]["achievement"][
        "name"
    ].replace("Nhất", "Nhì")
    body = _verify(anon, tampered).json()
    assert body["valid"] is False and body["code"] == "bad_signature"

    r = api("hcm.admin").post(f"/credentials/{cred.pk}/revoke", {"reason": "Phát hiện gian lận"})
    assert r.status_code == 200, r.content
    body = _verify(anon, document).json()
    assert body == {**body, "valid": False, "code": "revoked"}
    assert "thu hồi" in body["reason"]
