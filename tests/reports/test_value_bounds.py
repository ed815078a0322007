"""Issue 12, finding 4: one report value must not corrupt the national totals.

A huge value from one unit is refused with a Vietnamese 422 naming the indicator, nothing of it
reaches the counters, and the next unit's report still counts (on SQLite the counter used to turn
into a float; on PostgreSQL the next submission failed with "bigint out of range")."""

import json
from decimal import Decimal

import pytest
from django.db import transaction

from doanso.core.calendar import periods
from doanso.core.errors import OutOfRange
from doanso.org import counters
from doanso.org.models import SubtreeCounter
from doanso.plans.models import Indicator
from doanso.reports import rollup, services
from doanso.reports.models import Report

HUGE = [
    2**63 - 1,
    10**30,
    "1000000000000000000000000000000",
    "9.223.372.036.854.775.807",
    10**12 + 1,
    "1.000.000.000.001",
]


def _put(caller, path, data):
    return caller.request("PUT", path, data=json.dumps(data), content_type="application/json")


def _totals(unit_ids, dim, key):
    return dict(
        SubtreeCounter.objects.filter(unit_id__in=unit_ids, dim=dim, key=key).values_list("unit_id", "n")
    )


@pytest.mark.parametrize("huge", HUGE)
def test_a_huge_value_is_refused_and_the_next_units_report_still_counts(api, district_plan, unit, huge):
    district, (first, second), plan, weekly = district_plan(2)
    name = Indicator.objects.get(code="TN_LUOT").name
    mine = api("rd-x000.admin").post(
        "/reports", {"obligation": weekly.pk, "unit": first.code, "period": "2026W20"}
    )
    rid = mine.json()["id"]
    for method in ("put", "submit"):
        if method == "put":
            r = _put(api("rd-x000.admin"), f"/reports/{rid}", {"values": {"TN_LUOT": huge}})
        else:
            r = api("rd-x000.admin").post(f"/reports/{rid}/submit", {"values": {"TN_LUOT": huge}})
        assert r.status_code == 422, r.content
        body = r.json()
        assert body["field"] == "TN_LUOT"
        assert name in body["detail"] or "TN_LUOT" in body["detail"], body
        assert "quá" in body["detail"]  # "quá lớn" / "vượt quá giá trị tối đa"
    assert Report.objects.get(pk=rid).status == "draft"
    assert not Report.objects.get(pk=rid).values.exists()

    ids = [district.pk, unit("HN").pk, unit("TW").pk]
    dim = rollup.value_dim(plan.pk, Indicator.objects.get(code="TN_LUOT").pk)
    assert _totals(ids, dim, "2026W20:v") == {}
    for who, u, n in (("rd-x000.admin", first, 5), ("rd-x001.admin", second, 7)):
        rep = api(who).post("/reports", {"obligation": weekly.pk, "unit": u.code, "period": "2026W20"}).json()
        r = api(who).post(
            f"/reports/{rep['id']}/submit", {"values": {"TN_LUOT": n}, "version": rep["version"]}
        )
        assert r.status_code == 200, r.content
    totals = _totals(ids, dim, "2026W20:v")
    assert totals == {district.pk: 12, unit("HN").pk: 12, unit("TW").pk: 12}
    assert all(type(n) is int for n in totals.values())
    ind = Indicator.objects.get(code="TN_LUOT")
    assert rollup.recompute(plan, district, periods.parse("2026W20"))["values"][ind.pk] == (12, 0)


def test_the_web_form_refuses_a_huge_value_too(login, district_plan):
    district, (first,), plan, weekly = district_plan(1)
    report = services.open_report(None, weekly, first, "2026W20")
    for raw in ("1.000.000.000.001", "9223372036854775807"):
        r = login("rd-x000.admin").post(
            f"/reports/{report.pk}/", {"v_TN_LUOT": raw, "version": report.version, "action": "submit"}
        )
        assert r.status_code == 400
        assert "quá" in r.content.decode()
    assert Report.objects.get(pk=report.pk).status == "draft"


def test_percent_indicators_stop_at_100(district_plan):
    district, (first,), plan, weekly = district_plan(1)
    ind = Indicator.objects.create(code="TL_PCT", name="Tỷ lệ hài lòng", unit_of_measure="%")
    weekly.indicators.add(ind)
    report = services.open_report(None, weekly, first, "2026W20")
    with pytest.raises(OutOfRange) as exc:
        services.save_draft(None, report, {"TL_PCT": 101})
    assert exc.value.field == "TL_PCT" and "Tỷ lệ hài lòng" in exc.value.message
    services.save_draft(None, report, {"TL_PCT": "100"})
    assert services.bounds(ind) == (0, 100)


def test_a_counter_that_would_leave_64_bits_is_refused_not_turned_into_a_float(unit):
    hn = unit("HN")
    key = (hn.pk, "ptest", "2026:v")
    counters.apply(counters.Delta({key: 2**62}))
    for delta in (2**62, 10**30):  # 2^63 > the largest 64-bit integer
        with pytest.raises(OutOfRange), transaction.atomic():  # as every writer calls it
            counters.apply(counters.Delta({key: delta}))
    n = SubtreeCounter.objects.get(unit=hn, dim="ptest", key="2026:v").n
    assert (type(n), n) == (int, 2**62)


def test_the_bound_leaves_room_for_a_whole_country(db):
    # 100,000 units x 53 weekly reports at the maximum still fit a 64-bit counter.
    assert Decimal(services.MAX_VALUE) * 100_000 * 53 < counters.COUNTER_MAX
