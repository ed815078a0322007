"""Issue 12, findings 9 and 10: hostile input gets a Vietnamese JSON 4xx, never a 500 or a traceback,
and API writes validate fields exactly like the model (nothing longer than its column is stored)."""

import json

import pytest

from doanso.members.models import Member, MemberStatus, Nomination, Transfer
from doanso.org.models import UnitKind
from doanso.plans.models import Target


@pytest.fixture
def member(db):
    return Member.objects.filter(status=MemberStatus.ACTIVE, branch__kind=UnitKind.CHI_DOAN).first()


def _vn_json(r, status):
    assert r.status_code == status, (r.status_code, r.content[:300])
    assert r["Content-Type"].startswith("application/json")
    body = r.json()
    assert isinstance(body["detail"], str) and "Traceback" not in body["detail"]
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/units/TW/maturity?days=3000000",
        "/units/TW/maturity?days=-1",
        "/units/TW/nominations?year=-1",
        "/units/TW/nominations?year=99999",
        "/units/TW/indicators?year=-1",
        "/units?offset=10000000000000000000",
        "/plans?offset=68532847304856944640",
        "/plans/drafts?offset=68532847304856944640",
        "/units/TW/nominations?offset=35837856259707831391975942203113472",
        "/members/99999999999999999999999",
    ],
)
def test_out_of_range_query_is_a_vietnamese_4xx(api, path):
    r = api("tw.admin").get(path)
    assert r.status_code in (400, 404, 422), (path, r.status_code, r.content[:200])
    _vn_json(r, r.status_code)


def test_nomination_year_out_of_range(api, member):
    for year in (-1, 0, 99999, 10**30):
        r = api("tw.admin").post(f"/members/{member.pk}/nominations", {"year": year})
        body = _vn_json(r, 422)
        assert body["field"] == "year"
    assert not Nomination.objects.filter(member=member).exclude(year__range=(1931, 2100)).exists()


def test_a_huge_id_list_is_refused_before_the_database(api, member):
    r = api("tw.admin").post(
        f"/units/{member.branch.code}/dues", {"month": "2025-03", "member_ids": list(range(1, 300_001))}
    )
    assert r.status_code in (413, 422)  # ~2.1 MB: under the body limit, over the list cap
    assert "2000" in _vn_json(r, r.status_code)["detail"]
    r = api("tw.admin").post(
        f"/units/{member.branch.code}/dues", {"month": "2025-03", "member_ids": list(range(1, 5_001))}
    )
    body = _vn_json(r, 422)
    assert body["field"] == "member_ids" and "2000" in body["detail"]


def test_a_20_mb_body_is_413(api, settings, member):
    body = json.dumps({"full_name": "A" * 20_000_000, "version": 1})
    r = api("tw.admin").request("PATCH", f"/members/{member.pk}", data=body, content_type="application/json")
    assert "quá lớn" in _vn_json(r, 413)["detail"]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100  # the limit is the setting, not a constant
    r = api("tw.admin").post("/reports", {"obligation": 1, "unit": "HN", "period": "2026W20" + " " * 200})
    _vn_json(r, 413)


def test_a_broken_multipart_body_is_400_not_500(api):
    for path in ("/plans/extract", "/plans/drafts?unit=HN", "/auth/token"):
        r = api("tw.admin").client.post(
            f"/api/v1{path}",
            data=b'{"username": ""}',
            content_type="multipart/form-data",
            headers=api("tw.admin").headers,
        )
        _vn_json(r, 400)


@pytest.mark.parametrize("body", ["[null, null]", '"AAA"', "[]", "42"])
def test_a_body_that_is_not_an_object_is_422(api, member, body):
    t = Transfer.objects.first()
    for path in (f"/transfers/{t.pk if t else 1}/accept", f"/members/{member.pk}/transfers"):
        r = api("tw.admin").client.post(
            f"/api/v1{path}", data=body, content_type="application/json", headers=api("tw.admin").headers
        )
        assert "đối tượng JSON" in _vn_json(r, 422)["detail"]


@pytest.mark.parametrize(
    "field, value, column",
    [
        ("full_name", "A" * 105_000, 120),
        ("phone", "0" * 10_000, 20),
        ("email", "a" * 121, 120),
        ("address", "x" * 256, 255),
    ],
)
def test_member_fields_are_no_longer_than_their_columns(api, member, field, value, column):
    r = api("tw.admin").request(
        "PATCH",
        f"/members/{member.pk}",
        data=json.dumps({field: value, "version": member.version}),
        content_type="application/json",
    )
    body = _vn_json(r, 422)
    assert body["field"] == field and f"{column} ký tự" in body["detail"]
    fresh = Member.objects.get(pk=member.pk)
    assert (getattr(fresh, field), fresh.version) == (getattr(member, field), member.version)


def test_one_point_five_is_never_stored_as_fifteen(api):
    plan = Target.objects.filter(plan__issuer__code="TW").select_related("plan").first().plan
    r = api("tw.admin").post(f"/plans/{plan.pk}/targets", {"indicator": "TIN_TOT", "value": "1.5"})
    body = _vn_json(r, 400)
    assert (body["field"], "1,5 hoặc 15" in body["detail"]) == ("value", True)
    assert not Target.objects.filter(plan=plan, indicator__code="TIN_TOT", value=15).exists()
