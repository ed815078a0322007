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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "ctype"),
    [
        (None, "application/ld+json"),
        ("application/ld+json", "application/ld+json"),
        ("application/json", "application/json"),
        ("*/*", "application/ld+json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"),
    ],
)
def test_the_public_url_negotiates(issue, accept, ctype):
    cred = issue()
    headers = {"Accept": accept} if accept else {}
    r = Client().get(f"/credentials/{cred.pk}", headers=headers)
    assert r.status_code == 200
    assert r["Content-Type"].startswith(ctype)
    assert "Accept" in r["Vary"]
    if ctype != "text/html":
        assert r.json()["proof"]["proofValue"] == cred.document["proof"]["proofValue"]
        assert r["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_an_unknown_credential_is_404(db):
    assert Client().get("/credentials/00000000-0000-4000-8000-000000000000").status_code == 404


@pytest.mark.django_db
def test_verify_is_rate_limited_per_address(issue, settings):
    settings.DOANSO_CREDENTIALS_VERIFY_PER_MINUTE = 3
    from django.core.cache import cache

    cache.clear()
    document = issue().document
    anon = Client()
    assert [_verify(anon, document).status_code for _ in range(3)] == [200, 200, 200]
    r = _verify(anon, document)
    assert r.status_code == 429
    assert "thử lại" in r.json()["detail"]
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _verify(other, document).status_code == 200
    cache.clear()


@pytest.mark.django_db
def test_verify_answers_invalid_for_garbage_not_500(db):
    anon = Client()
    r = _verify(anon, {"hello": "world"})
    assert r.status_code == 200 and r.json()["valid"] is False and r.json()["reason"]
    r = anon.post("/api/v1/credentials/verify", "not json", content_type="application/json")
    assert r.status_code in (400, 422) and r.json()["detail"]


@pytest.mark.django_db
def test_revoke_is_for_the_issuing_units_admins(issue, api):
    cred = issue()
    r = api("hn.admin").post(f"/credentials/{cred.pk}/revoke", {"reason": "Thử"})
    assert r.status_code == 404
    cred.refresh_from_db()
    assert cred.revoked_at is None
    r = api("hcm.admin").post(f"/credentials/{cred.pk}/revoke", {"reason": ""})
    assert r.status_code == 422 and "reason" in r.json()["detail"]
    assert api("hcm.admin").post(f"/credentials/{cred.pk}/revoke", {"reason": "Cấp nhầm"}).status_code == 200
    r = api("hcm.admin").post(f"/credentials/{cred.pk}/revoke", {"reason": "Lần hai"})
    assert r.status_code == 409 and "đã bị thu hồi" in r.json()["detail"]
    assert (
        Client()
        .post(f"/api/v1/credentials/{cred.pk}/revoke", {"reason": "x"}, content_type="application/json")
        .status_code
        == 401
    )


@pytest.mark.django_db
def test_issue_through_the_api_is_scoped(api):
    body = {"unit": "HCM", "subject_name": "Phạm Thị Dung", "achievement_name": "Thanh niên tiêu biểu"}
    assert api("hn.admin").post("/credentials", body).status_code == 404
    r = api("hcm.admin").post("/credentials", body)
    assert r.status_code == 201, r.content
    out = r.json()
    assert out["url"].endswith(out["id"]) and out["unit"] == "HCM"
    document = Client().get(f"/credentials/{out['id']}").json()
    assert _verify(Client(), document).json()["valid"] is True
    r = api("hcm.admin").post("/credentials", {**body, "subject_name": "   "})
    assert r.status_code == 400 and "Người nhận" in r.json()["detail"]


@pytest.mark.django_db
def test_lists_show_only_the_callers_units(issue, api):
    mine = issue("HCM")
    theirs = issue("HN")
    hcm = {i["id"] for i in api("hcm.admin").get("/credentials").json()["items"]}
    hn = {i["id"] for i in api("hn.admin").get("/credentials").json()["items"]}
    assert str(mine.pk) in hcm and str(theirs.pk) not in hcm
    assert str(theirs.pk) in hn and str(mine.pk) not in hn
    assert api("hn.admin").get("/credentials", unit="HCM").status_code == 404


@pytest.mark.django_db
def test_key_rotation_through_the_api(issue, api):
    old = issue()
    assert api("hn.admin").post("/units/HCM/credential-key/rotate").status_code == 404
    r = api("hcm.admin").post("/units/HCM/credential-key/rotate")
    assert r.status_code == 200
    assert r.json()["public_key"] not in old.document["proof"]["verificationMethod"]
    assert _verify(Client(), old.document).json()["valid"] is True


@pytest.fixture
def hcm_staff(db):
    """A staff member of HCM: sees its certificates, but issuing, revoking and keys are for admins."""
    from doanso.accounts.models import Role, User
    from doanso.org.models import Unit

    u = User.objects.create_user(username="hcm.staff.cred", password="x")
    Role.objects.create(user=u, unit=Unit.objects.get(code="HCM"), role="staff")
    return u


@pytest.mark.django_db
def test_staff_see_but_do_not_issue_revoke_or_rotate(issue, api, hcm_staff):
    cred = issue()
    staff = api("hcm.staff.cred")
    assert str(cred.pk) in {i["id"] for i in staff.get("/credentials").json()["items"]}
    body = {"unit": "HCM", "subject_name": "Phạm Thị Dung", "achievement_name": "Thanh niên tiêu biểu"}
    assert staff.post("/credentials", body).status_code == 404
    assert staff.post(f"/credentials/{cred.pk}/revoke", {"reason": "x"}).status_code == 404
    assert staff.post("/units/HCM/credential-key/rotate").status_code == 404
    web = Client()
    web.force_login(hcm_staff)
    assert f"/credentials/{cred.pk}/revoke/" not in web.get("/credentials/?unit=HCM").content.decode()
    assert web.post("/credentials/units/HCM/rotate-key/").status_code == 404
    assert web.post(f"/credentials/{cred.pk}/revoke/", {"reason": "x"}).status_code == 404
