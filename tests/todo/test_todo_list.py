"""The todo list of a branch secretary, through GET /api/v1/me/todo and the web home: reports due or
late with the deadline in words, plans from above to carry out, transfers, ratings, dues, maturity;
scoped to the caller; a bounded number of queries however much there is to do."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from doanso.members.actions import transfers
from doanso.org.models import UnitKind
from doanso.plans import api as plans
from doanso.todo.registry import providers
from tests.factories import BranchFactory, MemberFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

WEEKLY = "FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0"


@pytest.fixture
def branch_work(unit):
    """A grassroots union under Hà Nội with two branches; the union issued a plan three weeks ago
    (for the whole year) with a weekly report owed by its branches; the first branch has a
    secretary (admin), three members (one reaching 30) and a transfer coming in."""
    today = timezone.localdate()
    base = UnitFactory(code="TDX", name="Đoàn cơ sở Thử", kind=UnitKind.CO_SO, parent=unit("HN"))
    b1 = BranchFactory(code="TDX-A", name="Chi đoàn A", parent=base)
    b2 = BranchFactory(code="TDX-B", name="Chi đoàn B", parent=base)
    secretary = UserFactory(unit=b1, username="bt.a")
    UserFactory(unit=b2, username="bt.b")
    for i in range(2):
        MemberFactory(branch=b1, full_name=f"Trần Văn Thử {i}")
    MemberFactory(
        branch=b1,
        full_name="Lê Thị Ba Mươi",
        birth_date=today.replace(year=today.year - 30) - timedelta(days=1),
    )
    mover = MemberFactory(branch=b2, full_name="Phạm Văn Chuyển")
    transfers.request_transfer(UserFactory(unit=b2, username="bt.b2"), mover, b1, "Chuyển công tác")
    plan = plans.create_plan(
        None,
        base,
        title="Kế hoạch công tác Đoàn năm nay",
        issued_on=today - timedelta(days=21),
        period_start=str(today.year),
        issue=True,
    )
    ob = plans.add_obligation(None, plan, title="Báo cáo tuần", due_rule=WEEKLY, indicators=["TN_LUOT"])
    return {"base": base, "b1": b1, "b2": b2, "secretary": secretary, "plan": plan, "ob": ob, "today": today}


def test_a_branch_secretary_sees_late_reports_first_with_the_deadline_in_words(api, branch_work):
    r = api("bt.a").get("/me/todo")
    assert r.status_code == 200
    body = r.json()
    items = body["items"]
    assert body["count"] == len(items) > 0
    due = [i for i in items if i["kind"] == "report_due"]
    assert due, items
    late = [i for i in due if i["overdue"]]
    assert late and items[0] == late[0]  # the oldest late report leads the list
    assert late[0]["due_words"].startswith("quá hạn ")
    assert late[0]["url"] == "/reports/units/TDX-A/due/"
    assert "Báo cáo tuần" in late[0]["title"]
    # nothing is owed for deadlines before the plan was issued (three weeks: at most 3 late weeks)
    assert 2 <= len(late) <= 3
    # the due list of the branch lists the same reports
    listed = api("bt.a").get("/units/TDX-A/reports/due").json()["items"]
    assert len([d for d in listed if d["overdue"]]) == len(late)


def test_other_work_of_the_branch_is_on_the_list(api, branch_work):
    kinds = {i["kind"]: i for i in api("bt.a").get("/me/todo").json()["items"]}
    assert kinds["transfer_incoming"]["url"] == "/members/transfers/"
    assert "Chi đoàn A" in kinds["transfer_incoming"]["title"]
    assert kinds["maturity"]["url"] == "/members/units/TDX-A/maturity/"
    assert kinds["dues"]["url"].startswith("/members/units/TDX-A/dues/?month=")
    assert "3 đoàn viên chưa ghi" in kinds["dues"]["title"]
    if branch_work["today"].month in (11, 12):
        assert kinds["rating_enter"]["url"] == "/members/units/TDX-A/ratings/"


def test_the_list_is_scoped_to_the_caller(api, branch_work):
    other = api("bt.b").get("/me/todo").json()["items"]
    assert all(i["unit"] != "TDX-A" for i in other)
    assert not [i for i in other if i["kind"] == "transfer_incoming"]
    assert all(i["unit"] in ("TDX-B", "") for i in other)
    assert api("hcm.admin").get("/me/todo").json()["items"] == [] or all(
        not i["unit"].startswith("TDX") for i in api("hcm.admin").get("/me/todo").json()["items"]
    )


def test_a_plan_from_above_is_to_do_until_the_unit_carries_it_out(api, branch_work):
    items = api("bt.a").get("/me/todo").json()["items"]
    received = [i for i in items if i["kind"] == "plan_received"]
    plan = branch_work["plan"]
    assert [i["url"] for i in received if f"/plans/{plan.pk}/" in i["url"]] == [
        f"/plans/{plan.pk}/?unit=TDX-A#adopt"
    ]
    plans.create_plan(
        branch_work["secretary"],
        branch_work["b1"],
        title="Thực hiện kế hoạch của đoàn cơ sở",
        issued_on=branch_work["today"],
        period_start=str(branch_work["today"].year),
        implements=[plan],
    )
    items = api("bt.a").get("/me/todo").json()["items"]
    assert not [i for i in items if i["kind"] == "plan_received" and f"/plans/{plan.pk}/" in i["url"]]


def _more_plans(base, k: int, today: date) -> None:
    for n in range(k):
        p = plans.create_plan(
            None,
            base,
            title=f"Kế hoạch {n}",
            issued_on=today - timedelta(days=30),
            period_start=str(today.year),
            issue=True,
        )
        plans.add_obligation(None, p, title=f"Báo cáo {n}", due_rule=WEEKLY, indicators=["TN_LUOT"])


def test_the_list_takes_the_same_queries_for_one_plan_or_many(
    api, branch_work, django_assert_max_num_queries
):
    caller = api("bt.a")
    caller.get("/units")
    counts = []
    for extra in (0, 4):
        _more_plans(branch_work["base"], extra, branch_work["today"])
        # 15 for the apps of issue 11, one or two for each participation app's provider
        with django_assert_max_num_queries(26) as ctx:
            items = caller.get("/me/todo").json()["items"]
        counts.append((len(ctx.captured_queries), len(items)))
    assert counts[0][0] == counts[1][0]
    assert counts[1][1] > counts[0][1]


def test_every_provider_is_registered_and_a_new_one_can_join(api, branch_work):
    from doanso.todo import registry
    from doanso.todo.wording import Item

    assert {"reports", "plans", "members"} <= set(providers())
    registry.register("activities", lambda user, units, now: [Item("activity", "Tổ chức ngày hội", "/x/")])
    try:
        kinds = [i["kind"] for i in api("bt.a").get("/me/todo").json()["items"]]
        assert "activity" in kinds
    finally:
        registry.unregister("activities")


def test_the_home_shows_the_list_to_a_secretary(login, branch_work):
    body = login("bt.a").get("/").content.decode()
    assert "Việc cần làm" in body
    assert 'href="/reports/units/TDX-A/due/"' in body
    assert "quá hạn " in body
    assert 'data-kind="transfer_incoming"' in body
