"""Drafts are scoped: Hà Nội's admin gets 404 on a Cần Thơ draft through every URL and API route."""

import pytest
from django.urls import reverse

from doanso.core.models import AuditLog
from doanso.planimport import upload
from doanso.planimport.models import PlanDraft

from ._helpers import docx_upload, seed_upload

pytestmark = pytest.mark.django_db

WEB = ["draft", "meta", "item", "item_delete", "item_map", "accept", "discard"]


@pytest.fixture
def ct_draft(user, unit):
    return upload.create_draft(user("ct.admin"), unit("CT"), docx_upload())


def test_every_web_url_is_404_for_another_province(login, ct_draft):
    hn = login("hn.admin")
    t = ct_draft.reviewed["targets"][0]
    before = (AuditLog.objects.count(), ct_draft.reviewed)
    for name in WEB:
        url = reverse(f"planimport:{name}", args=[ct_draft.pk])
        assert hn.get(url, {"section": "targets", "id": t["id"]}).status_code in (404, 405), url
        data = {
            "section": "targets",
            "id": t["id"],
            "indicator": "TN_LUOT",
            "value": "1",
            "subject": "x",
            "title": "x",
            "kind": "ke_hoach",
            "origin": "parent",
        }
        assert hn.post(url, data).status_code == 404, url
        assert hn.post(url, data, headers={"HX-Request": "true"}).status_code == 404, url
    ct_draft.refresh_from_db()
    assert (AuditLog.objects.count(), ct_draft.reviewed) == before
    assert PlanDraft.objects.get().status == "draft"
    page = hn.get(reverse("planimport:index")).content.decode()
    assert "Tổ chức Tháng Thanh niên" not in page and "ke-hoach.docx" not in page
    assert hn.post(reverse("planimport:index"), {"unit": "CT", "file": seed_upload()}).status_code == 404
    assert PlanDraft.objects.count() == 1


def test_every_api_route_is_404_for_another_province(api, ct_draft):
    hn = api("hn.admin")
    before = AuditLog.objects.count()
    pk = ct_draft.pk
    assert hn.get(f"/plans/drafts/{pk}").status_code == 404
    assert (
        hn.request(
            "put", f"/plans/drafts/{pk}", data={"title": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert hn.post(f"/plans/drafts/{pk}/accept").status_code == 404
    assert hn.request("delete", f"/plans/drafts/{pk}").status_code == 404
    assert hn.get("/plans/drafts").json() == {"items": [], "count": 0}
    assert hn.get("/plans/drafts", unit="CT").status_code == 404
    r = hn.client.post("/api/v1/plans/drafts?unit=CT", {"file": seed_upload()}, headers=hn.headers)
    assert r.status_code == 404
    assert AuditLog.objects.count() == before and PlanDraft.objects.count() == 1


def test_parent_unit_sees_its_subtree_drafts(api, login, ct_draft):
    tw = api("tw.admin")
    assert tw.get(f"/plans/drafts/{ct_draft.pk}").status_code == 200
    assert login("tw.admin").get(reverse("planimport:draft", args=[ct_draft.pk])).status_code == 200
    assert login("hcm.admin").get(reverse("planimport:draft", args=[ct_draft.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, ct_draft):
    r = client.get(reverse("planimport:draft", args=[ct_draft.pk]))
    assert r.status_code == 302 and "/login/" in r["Location"]
