"""POST /api/v1/contests/{id}/certificates: credentials for entrants (needs the credentials app)."""

import pytest

from tests.learning.conftest import right_answers

pytest.importorskip("doanso.credentials.api", reason="needs credentials (merged by the lead)")


def _entered(api, username, cid):
    caller = api(username)
    started = caller.post(f"/contests/{cid}/rounds/1/attempts").json()
    caller.post(f"/attempts/{started['attempt']}/answers", {"answers": right_answers(started)})
    from doanso.accounts.models import User

    return User.objects.get(username=username).member_id


def test_certificates_for_entrants(api, member_user, contest):
    mid = _entered(api, member_user(1), contest["id"])
    r = api("hcm.admin").post(f"/contests/{contest['id']}/certificates", {"members": [mid]})
    assert r.status_code == 200, r.content
    items = r.json()["items"]
    assert len(items) == 1 and set(items[0]) == {"id", "url"}


def test_no_certificate_for_someone_who_did_not_enter(api, member_user, contest):
    from doanso.accounts.models import User

    mid = User.objects.get(username=member_user(2)).member_id
    r = api("hcm.admin").post(f"/contests/{contest['id']}/certificates", {"members": [mid]})
    assert r.status_code == 400
    assert r.json()["field"] == "members"


def test_another_province_cannot_issue(api, member_user, contest):
    mid = _entered(api, member_user(3), contest["id"])
    r = api("hn.admin").post(f"/contests/{contest['id']}/certificates", {"members": [mid]})
    assert r.status_code == 404
