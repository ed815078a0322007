"""Non-members enter public contests with a signed token; their phone is stored encrypted."""

from doanso.core import crypto
from doanso.learning.models import Contest, Entrant
from tests.learning.conftest import right_answers

GUEST = {"name": "Lê Văn Khách", "phone": "0912 345 678", "school": "THPT Lê Quý Đôn", "province": "TP.HCM"}


def _sign_up(client, cid, body=GUEST):
    return client.post(f"/api/v1/contests/{cid}/entrants", body, content_type="application/json")


def test_guest_signs_up_and_takes_a_round(client, contest):
    Contest.objects.filter(pk=contest["id"]).update(allow_public=True)
    r = _sign_up(client, contest["id"])
    assert r.status_code == 201, r.content
    token = r.json()["token"]
    headers = {"X-Entrant-Token": token}
    started = client.post(f"/api/v1/contests/{contest['id']}/rounds/1/attempts", headers=headers)
    assert started.status_code == 201, started.content
    body = {"answers": right_answers(started.json()), "prediction": 1}
    done = client.post(
        f"/api/v1/attempts/{started.json()['attempt']}/answers",
        body,
        content_type="application/json",
        headers=headers,
    )
    assert done.status_code == 200
    assert done.json()["correct"] == 10
    again = client.post(f"/api/v1/contests/{contest['id']}/rounds/1/attempts", headers=headers)
    assert again.status_code == 409


def test_phone_is_encrypted_and_one_entrant_per_phone(client, contest):
    Contest.objects.filter(pk=contest["id"]).update(allow_public=True)
    first = _sign_up(client, contest["id"]).json()
    second = _sign_up(client, contest["id"], {**GUEST, "phone": "0912345678"}).json()
    assert first["entrant"] == second["entrant"]
    e = Entrant.objects.get(pk=first["entrant"])
    assert "0912345678" not in e.phone_enc
    assert crypto.decrypt(e.phone_enc) == "0912345678"


def test_members_only_contest_refuses_guests(client, contest):
    assert _sign_up(client, contest["id"]).status_code == 404
    assert Entrant.objects.filter(member__isnull=True).count() == 0


def test_forged_token_is_401(client, contest):
    Contest.objects.filter(pk=contest["id"]).update(allow_public=True)
    r = client.post(
        f"/api/v1/contests/{contest['id']}/rounds/1/attempts", headers={"X-Entrant-Token": "1:forged:token"}
    )
    assert r.status_code == 401


def test_guest_token_of_another_contest_is_404(client, api, contest):
    other = api("hcm.admin").post(
        "/contests",
        {
            "unit": "HCM",
            "title": "Khác",
            "questions_per_round": 1,
            "allow_public": True,
            "questions": [{"text": "A?", "options": ["1", "2"], "answer": 0}],
        },
    )
    token = _sign_up(client, other.json()["id"]).json()["token"]
    Contest.objects.filter(pk=contest["id"]).update(allow_public=True)
    r = client.post(f"/api/v1/contests/{contest['id']}/rounds/1/attempts", headers={"X-Entrant-Token": token})
    assert r.status_code == 404


def test_bad_phone_names_the_field(client, contest):
    Contest.objects.filter(pk=contest["id"]).update(allow_public=True)
    r = _sign_up(client, contest["id"], {**GUEST, "phone": "12345abcde"})
    assert r.status_code == 400
    assert r.json()["field"] == "phone"
