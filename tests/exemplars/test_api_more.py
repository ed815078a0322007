"""The remaining routes, as their own users and as Hồ Chí Minh's admin (404 everywhere, nothing written)."""

import pytest

from doanso.exemplars.models import Criterion, Nomination, SelfAssessment
from tests.exemplars.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_criteria_read_change_delete(api, world, criteria):
    r = api("chidoan.demo").get(f"/exemplars/units/{world.branch.code}/criteria", year=YEAR)
    assert [c["text"] for c in r.json()] == [
        c.text
        for c in Criterion.objects.filter(pk__in=[x.pk for x in criteria]).order_by(
            "value__number", "unit__depth"
        )
    ]
    higher = criteria[0]
    r = api("chidoan.demo").request(
        "patch", f"/exemplars/criteria/{higher.pk}", data={"text": "Đổi"}, content_type="application/json"
    )
    assert r.status_code == 403 and r.json()["detail"]
    r = api("ct.admin").request(
        "patch", f"/exemplars/criteria/{higher.pk}", data={"text": "Đổi"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["text"] == "Đổi"
    assert api("hcm.admin").request("delete", f"/exemplars/criteria/{higher.pk}").status_code == 404
    assert api("ct.admin").request("delete", f"/exemplars/criteria/{higher.pk}").status_code == 204
    assert not Criterion.objects.filter(pk=higher.pk).exists()


def test_return_an_assessment(api, world, submitted):
    r = api("chidoan.demo").post(f"/exemplars/assessments/{submitted.pk}/return", {"reason": ""})
    assert r.status_code == 400 and r.json()["field"] == "reason"
    r = api("chidoan.demo").post(
        f"/exemplars/assessments/{submitted.pk}/return", {"reason": "Thiếu minh chứng"}
    )
    assert r.status_code == 200 and r.json()["status"] == "returned"


def test_board_decline_and_honours_list(api, world, nomination):
    board = (
        api("xa.demo")
        .get(f"/exemplars/units/{world.commune.code}/nominations", year=YEAR, waiting=True)
        .json()
    )
    assert [n["id"] for n in board["items"]] == [nomination.pk]
    r = api("xa.demo").post(f"/exemplars/nominations/{nomination.pk}/decline", {"reason": "Chưa đủ"})
    assert r.json()["status"] == "declined"
    assert (
        api("xa.demo").get(f"/exemplars/units/{world.commune.code}/nominations", year=YEAR).json()["count"]
        == 1
    )
    r = api("ct.admin").post(
        f"/exemplars/units/{world.province.code}/honours",
        {
            "kind": "khen_thuong",
            "title": "Giấy khen",
            "doc_number": "Số: 15 /QĐ - ĐTN",
            "doc_date": "2026-03-20",
            "member_id": world.member.pk,
        },
    )
    assert r.status_code == 201 and r.json()["doc_number"] == "15/QĐ-ĐTN"
    listed = api("ct.admin").get(f"/exemplars/units/{world.province.code}/honours", year=YEAR).json()
    assert [h["doc_number"] for h in listed["items"]] == ["15/QĐ-ĐTN"]
    assert (
        api("hcm.admin").get(f"/exemplars/units/{world.province.code}/honours", year=YEAR).status_code == 404
    )
    assert api("ct.admin").client.get("/api/v1/exemplars/public").json()["count"] == 0  # not consented


def test_another_province_reaches_nothing(api, world, submitted, nomination):
    hcm = api("hcm.admin")
    n0 = (Nomination.objects.count(), SelfAssessment.objects.filter(status="confirmed").count())
    for method, path, body in [
        ("get", f"/exemplars/units/{world.branch.code}/criteria?year={YEAR}", None),
        ("get", f"/exemplars/units/{world.branch.code}/assessments?year={YEAR}", None),
        ("post", f"/exemplars/assessments/{submitted.pk}/confirm", {}),
        (
            "post",
            f"/exemplars/units/{world.branch.code}/nominations",
            {"year": YEAR, "achievements": "x", "team": "Đội"},
        ),
        ("get", f"/exemplars/nominations/{nomination.pk}", None),
        ("post", f"/exemplars/nominations/{nomination.pk}/forward", {}),
        (
            "post",
            f"/exemplars/units/{world.commune.code}/honours",
            {
                "kind": "tuyen_duong",
                "title": "x",
                "doc_number": "1/QĐ-ĐTN",
                "doc_date": "2026-03-01",
                "nomination": nomination.pk,
            },
        ),
    ]:
        r = (
            hcm.request(method, path, data=body, content_type="application/json")
            if body is not None
            else hcm.request(method, path)
        )
        assert r.status_code == 404, (path, r.content)
        assert "Cần Thơ" not in r.content.decode()
    assert (Nomination.objects.count(), SelfAssessment.objects.filter(status="confirmed").count()) == n0
