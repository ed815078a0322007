"""Reports, hiding after N reports, the moderators' queue and decisions, the public gallery."""

import pytest

from doanso.ideas.models import Idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_idea(new_idea, move):
    i = new_idea(title="Vườn rau sạch trên sân thượng")
    move(i, "danh_gia", "ho_tro", "trien_khai")
    return i


def _gallery_ids(client):
    r = client.get("/api/v1/ideas/gallery")
    assert r.status_code == 200
    return [x["id"] for x in r.json()["items"]]


def test_the_gallery_needs_no_login_and_shows_no_personal_data(client, public_idea, new_idea):
    hidden_stage = new_idea(title="Chưa duyệt")
    items = client.get("/api/v1/ideas/gallery").json()["items"]
    mine = next(x for x in items if x["id"] == public_idea)
    assert set(mine) == {
        "id",
        "title",
        "field",
        "field_label",
        "status",
        "status_label",
        "author_name",
        "description",
    }
    assert hidden_stage not in [x["id"] for x in items]


def test_three_reports_hide_it_until_a_moderator_restores_it(client, api, public_idea, settings):
    settings.DOANSO_MODERATION_HIDE_AFTER = 3
    for who in ("hn.admin", "ct.admin"):
        assert api(who).post(f"/ideas/{public_idea}/reports", {"reason": "spam"}).status_code == 201
    assert public_idea in _gallery_ids(client)
    r = api("doanvien.demo").post(f"/ideas/{public_idea}/reports", {"reason": "offensive", "details": "x"})
    assert r.status_code == 201 and r.json()["hidden"] is True
    assert public_idea not in _gallery_ids(client)
    # hidden ideas cannot be reached by outsiders any more
    assert api("hn.admin").post(f"/ideas/{public_idea}/endorsements").status_code == 404

    queue = api("hcm.admin").get("/ideas/moderation").json()["items"]
    assert [x["id"] for x in queue if x["id"] == public_idea] == [public_idea]
    assert public_idea not in [x["id"] for x in api("hn.admin").get("/ideas/moderation").json()["items"]]
    assert (
        api("hn.admin").post(f"/ideas/{public_idea}/moderation", {"decision": "restored"}).status_code == 404
    )

    r = api("hcm.admin").post(
        f"/ideas/{public_idea}/moderation", {"decision": "restored", "note": "Không vi phạm"}
    )
    assert r.status_code == 200 and r.json()["hidden"] is False
    assert public_idea in _gallery_ids(client)
    assert Idea.objects.get(pk=public_idea).report_count == 0
    assert public_idea not in [x["id"] for x in api("hcm.admin").get("/ideas/moderation").json()["items"]]


def test_keep_hidden_leaves_the_queue_and_the_gallery(client, api, public_idea, settings):
    settings.DOANSO_MODERATION_HIDE_AFTER = 1
    api("hn.admin").post(f"/ideas/{public_idea}/reports", {"reason": "personal_data"})
    assert public_idea not in _gallery_ids(client)
    assert (
        api("hcm.admin").post(f"/ideas/{public_idea}/moderation", {"decision": "kept_hidden"}).status_code
        == 200
    )
    assert public_idea not in _gallery_ids(client)
    assert public_idea not in [x["id"] for x in api("hcm.admin").get("/ideas/moderation").json()["items"]]


def test_one_report_per_person_and_a_known_reason(api, public_idea):
    c = api("hn.admin")
    assert c.post(f"/ideas/{public_idea}/reports", {"reason": "spam"}).status_code == 201
    r = c.post(f"/ideas/{public_idea}/reports", {"reason": "spam"})
    assert r.status_code == 409 and r.json()["detail"] == "Bạn đã báo cáo ý tưởng này rồi."
    assert c.post(f"/ideas/{public_idea}/reports", {"reason": "boring"}).status_code == 422
    assert Idea.objects.get(pk=public_idea).report_count == 1


def test_only_admins_moderate(api, public_idea):
    from doanso.accounts.models import Role, User
    from doanso.org.models import Unit

    staff = User.objects.create(username="hcm.staff")
    Role.objects.create(user=staff, unit=Unit.objects.get(code="HCM"), role="staff")
    assert api("hcm.staff").get(f"/ideas/{public_idea}").status_code == 200
    assert (
        api("hcm.staff").post(f"/ideas/{public_idea}/moderation", {"decision": "kept_hidden"}).status_code
        == 404
    )
    assert api("hcm.staff").get("/ideas/moderation").json()["count"] == 0


def test_an_anonymous_caller_cannot_report(client, public_idea):
    r = client.post(
        f"/api/v1/ideas/{public_idea}/reports", {"reason": "spam"}, content_type="application/json"
    )
    assert r.status_code == 401
