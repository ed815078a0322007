"""The demo gives every account work (issue 11): the acceptance checks, on the seeded demo."""

import pytest

from doanso.accounts.models import Role

pytestmark = pytest.mark.django_db


def _branch_code() -> str:
    return Role.objects.get(user__username="chidoan.demo").unit.code


def test_chidoan_demo_owes_reports_this_week_some_late_and_the_due_list_lists_them(api):
    caller = api("chidoan.demo")
    items = caller.get("/me/todo").json()["items"]
    due = [i for i in items if i["kind"] == "report_due"]
    assert due and [i for i in due if i["overdue"]] and [i for i in due if not i["overdue"]]
    code = _branch_code()
    listed = caller.get(f"/units/{code}/reports/due").json()["items"]
    assert {(d["obligation"], d["period"]) for d in listed} >= {
        (d["obligation"], d["period"]) for d in listed if d["overdue"]
    }
    assert len([d for d in listed if d["overdue"]]) == len([i for i in due if i["overdue"]]) == 2
    assert all(i["url"] == f"/reports/units/{code}/due/" for i in due)


def test_chidoan_demo_has_ratings_to_enter_a_transfer_to_accept_and_a_plan_to_carry_out(api):
    kinds = {i["kind"] for i in api("chidoan.demo").get("/me/todo").json()["items"]}
    assert {"rating_enter", "transfer_incoming", "plan_received", "dues"} <= kinds


def test_doanvien_demo_has_a_card_a_history_and_tasks(login, user):
    me = user("doanvien.demo").member
    assert me.card_number
    body = login("doanvien.demo").get("/").content.decode()
    assert me.card_number in body
    history = body[body.index('id="member-history"') :].split("</section>")[0]
    assert "Chưa có." not in history and "<li>" in history
    tasks = body[body.index('id="member-tasks"') :].split("</section>")[0]
    assert "Nộp đoàn phí" in tasks
    assert "Xếp loại năm" in body


def test_hn_admin_dashboard_has_values_at_every_level(api):
    caller = api("hn.admin")
    plans = caller.get("/plans", unit="HN").json()["items"]
    plan = next(p for p in plans if "chương trình công tác Đoàn năm" in p["title"])
    city = caller.get(f"/plans/{plan['id']}/dashboard", unit="HN").json()
    assert next(t for t in city["targets"] if t["indicator"] == "TN_LUOT")["actual"] > 0
    assert city["children"]
    for ward in city["children"]:
        tn = next(t for t in ward["targets"] if t["indicator"] == "TN_LUOT")
        assert tn["target"] and tn["actual"] > 0 and ward["reports"]["received"] > 0
    ward = city["children"][0]["unit"]
    below = caller.get(f"/plans/{plan['id']}/dashboard", unit=ward).json()
    assert below["children"]
    for branch in below["children"]:
        assert next(t for t in branch["targets"] if t["indicator"] == "TN_LUOT")["actual"] > 0
