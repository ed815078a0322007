from doanso.plans.models import Plan


def test_plans_of_can_tho_include_soc_trang_and_central_plans(api):
    r = api("ct.admin").get("/plans", unit="CT")
    assert r.status_code == 200
    body = r.json()
    by_issuer = {p["issuer"]: p for p in body["items"]}
    # the Sóc Trăng and central plans, and the demo's work of this year (tests/demo): Cần Thơ's own
    # plan and the plan of the commune of chidoan.demo's branch
    commune = Plan.objects.filter(issuer__parent__code="CT", issuer__kind="xa").values_list(
        "issuer__code", flat=True
    )
    assert set(by_issuer) == {"ST", "TW", "CT", *commune}
    st = by_issuer["ST"]
    assert st == {
        "id": st["id"],
        "number": "1-CTr/TĐTN-BTC",
        "title": "Công tác đoàn và phong trào thanh thiếu nhi năm 2024",
        "issuer": "ST",
        "period": "2024",
    }
    assert by_issuer["TW"]["period"] == "2023/2030"
    assert body["count"] == 4


def test_another_province_does_not_see_soc_trang_plan(api):
    r = api("hn.admin").get("/plans", unit="HN")
    assert sorted(p["issuer"] for p in r.json()["items"]) == ["HN", "TW"]  # HN: the demo's plan of the year
    st = Plan.objects.get(issuer__code="ST")
    assert api("hn.admin").get(f"/plans/{st.pk}").status_code == 404
    assert api("hn.admin").get("/plans", unit="CT").status_code == 404


def test_plan_detail_has_19_targets_and_the_chain_of_documents(api):
    st = Plan.objects.get(issuer__code="ST")
    body = api("ct.admin").get(f"/plans/{st.pk}").json()
    assert len(body["targets"]) == 19
    assert len({t["item"] for t in body["targets"]}) == 12
    assert [o["description"] for o in body["obligations"]] == [
        "Hằng tuần, trước 12:00 thứ Sáu",
        "Hằng năm, trước 17:00 ngày 30/11",
    ]
    assert [p["issuer"] for p in body["implements"]] == ["TW"]
    tw = api("tw.admin").get(f"/plans/{body['implements'][0]['id']}").json()
    assert [p["id"] for p in tw["implemented_by"]] == [st.pk]
    assert sorted({t["period"] for t in tw["targets"]}) == ["2025", "2030"]


def test_create_plan_numbers_run_per_unit_kind_and_year(api):
    caller = api("hn.admin")
    data = {
        "issuer": "HN",
        "kind": "KH",
        "title": "Tháng Thanh niên 2026",
        "issued_on": "2026-02-01",
        "period_start": "2026",
        "department": "BTG",
        "issue": True,
    }
    n = Plan.objects.filter(issuer__code="HN", kind="KH", year=2026).count()  # the demo's own
    first = caller.post("/plans", data)
    second = caller.post("/plans", data)
    assert first.status_code == 201, first.content
    assert (first.json()["number"], second.json()["number"]) == (
        f"{n + 1}-KH/TĐTN-BTG",
        f"{n + 2}-KH/TĐTN-BTG",
    )
    other = caller.post("/plans", {**data, "kind": "CTr"})
    assert other.json()["number"] == "1-CTr/TĐTN-BTG"
    assert caller.post("/plans", {**data, "issuer": "CT"}).status_code == 404


def _plan(api):
    r = api("hn.admin").post(
        "/plans", {"issuer": "HN", "title": "Kế hoạch thử", "issued_on": "2026-01-05", "period_start": "2026"}
    )
    return r.json()["id"]


def test_bad_targets_are_refused_in_vietnamese_naming_the_field(api):
    pid = _plan(api)
    caller = api("hn.admin")
    cases = [
        ({"indicator": "KHONG_CO", "value": 1}, "indicator", "không có trong danh mục"),
        ({"indicator": "TN_LUOT", "value": -5}, "value", "không được âm"),
        ({"indicator": "TN_LUOT", "value": "nhiều"}, "value", "không phải là số"),
        ({"indicator": "DV_HTXSNV", "value": 120}, "value", "không được vượt quá 100%"),
        ({"indicator": "TN_LUOT", "value": 10, "period": "2027"}, "period", "nằm ngoài thời gian"),
        ({"indicator": "TN_LUOT", "value": 10, "period": "2026Q5"}, "period", "không hợp lệ"),
    ]
    for data, field, words in cases:
        r = caller.post(f"/plans/{pid}/targets", data)
        assert r.status_code == 400, data
        assert r.json()["field"] == field
        assert words in r.json()["detail"]


def test_allocation_by_member_count_preserves_the_total(api):
    pid = _plan(api)
    caller = api("hn.admin")
    t = caller.post(f"/plans/{pid}/targets", {"indicator": "CAY_XANH", "value": 1000}).json()
    kids = [c["code"] for c in caller.get("/units/HN/children").json()["items"] if c["active"]]
    r = caller.post(f"/plans/{pid}/targets/{t['id']}/allocations", {"method": "proportional", "units": kids})
    items = r.json()["items"]
    assert sum(i["value"] for i in items) == 1000
    assert all(i["value"] == int(i["value"]) for i in items)
    ratio = caller.post(f"/plans/{pid}/targets", {"indicator": "DV_HTXSNV", "value": 50}).json()
    r = caller.post(
        f"/plans/{pid}/targets/{ratio['id']}/allocations", {"method": "proportional", "units": kids}
    )
    assert {(i["value"], i["method"]) for i in r.json()["items"]} == {(50, "inherited")}


def test_obligation_with_a_rule_that_never_fires_is_refused(api):
    pid = _plan(api)
    caller = api("hn.admin")
    r = caller.post(
        f"/plans/{pid}/obligations",
        {"title": "Báo cáo", "due_rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "indicators": ["TN_LUOT"]},
    )
    assert (r.status_code, r.json()["field"]) == (400, "due_rule")
    assert "không bao giờ đến hạn" in r.json()["detail"]
    r = caller.post(
        f"/plans/{pid}/obligations",
        {
            "title": "Báo cáo",
            "due_rule": "DTSTART:20250625T170000\nRRULE:FREQ=DAILY;COUNT=1",
            "indicators": ["TN_LUOT"],
        },
    )
    assert "không có hạn nộp nào" in r.json()["detail"]
    r = caller.post(
        f"/plans/{pid}/obligations",
        {
            "title": "Báo cáo tuần",
            "due_rule": "RRULE:FREQ=WEEKLY;BYDAY=FR;BYHOUR=12",
            "indicators": ["TN_LUOT"],
            "applies_to": "level",
            "level": "xa",
        },
    )
    assert r.status_code == 201
    # exchanged as an RFC 5545 RRULE, in its canonical form
    assert r.json()["due_rule"] == "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"
    assert r.json()["units"] > 0
