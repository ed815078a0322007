"""The dashboard API pages a unit's children (issue 9: HCM's answer was 1.7 MB, every child at once)."""

import pytest

from doanso.plans.models import Plan


@pytest.fixture
def tw_plan(db):
    return Plan.objects.get(issuer__code="TW")


def test_children_come_a_page_at_a_time_and_add_up_to_the_whole(api, tw_plan):
    caller = api("tw.admin")
    whole = caller.get(f"/plans/{tw_plan.pk}/dashboard", unit="TW", period="2025", children_limit=500).json()
    assert whole["children_total"] == len(whole["children"]) >= 3
    assert whole["children_next"] is None
    pages, offset = [], 0
    while offset is not None:
        body = caller.get(
            f"/plans/{tw_plan.pk}/dashboard",
            unit="TW",
            period="2025",
            children_limit=2,
            children_offset=offset,
        ).json()
        assert len(body["children"]) <= 2
        # The unit's own figures are the same on every page.
        assert (body["targets"], body["reports"]) == (whole["targets"], whole["reports"])
        pages += body["children"]
        offset = body["children_next"]
    assert pages == whole["children"]


def test_first_page_keeps_the_fields_and_defaults_to_fifty(api, tw_plan):
    body = api("tw.admin").get(f"/plans/{tw_plan.pk}/dashboard", unit="TW", period="2025").json()
    assert {"plan", "unit", "period", "targets", "reports", "children"} <= set(body)
    assert len(body["children"]) == min(50, body["children_total"])
    none = (
        api("tw.admin")
        .get(f"/plans/{tw_plan.pk}/dashboard", unit="TW", period="2025", children_limit=0)
        .json()
    )
    assert (none["children"], none["children_total"], none["children_next"]) == (
        [],
        body["children_total"],
        0,
    )
    assert (
        api("tw.admin").get(f"/plans/{tw_plan.pk}/dashboard", unit="TW", children_limit=501).status_code
        == 422
    )
