"""Lists of plans and plan drafts page for real (no silent cut): 50 a page with links on the
pages, the one `Page` shape ({"items", "count"}, ?limit=, ?offset=) in the API."""

from datetime import date

import pytest

from doanso.org.models import Unit
from doanso.planimport.models import PlanDraft
from doanso.plans.models import Plan
from doanso.plans.selectors import plans_for


@pytest.fixture
def many_plans(user):
    """Enough plans of Cần Thơ for five pages (bulk rows: the list only reads them)."""
    ct = Unit.objects.get(code="CT")
    Plan.objects.bulk_create(
        Plan(
            issuer=ct,
            kind="KH",
            year=2026,
            issued_on=date(2026, 1, 1),
            title=f"Kế hoạch {i:03d}",
            period_start="2026",
            period_end="2026",
            number=900 + i,
        )
        for i in range(210)
    )
    return plans_for(user("ct.admin"), ct).count()  # with the plans of the units above and below


def test_plan_list_page_links_reach_every_plan(login, many_plans):
    c = login("ct.admin")
    first = c.get("/plans/?unit=CT").content.decode()
    pages = -(-many_plans // 50)
    assert f"Trang 1/{pages}" in first and 'href="?unit=CT&amp;page=2"' in first
    seen = set()
    for n in range(1, pages + 1):
        seen |= {p.pk for p in c.get(f"/plans/?unit=CT&page={n}").context["plans"]}
    assert len(seen) == many_plans


def test_plan_api_pages_with_count(api, many_plans):
    caller = api("ct.admin")
    page = caller.get("/plans", unit="CT", limit=100, offset=200).json()
    assert (page["count"], len(page["items"])) == (many_plans, many_plans - 200)


def test_draft_list_page_and_api_page(login, api, db):
    ct = Unit.objects.get(code="CT")
    PlanDraft.objects.bulk_create(
        PlanDraft(
            unit=ct, file_name=f"kh-{i}.txt", source_text="", extracted={}, reviewed={"title": f"KH {i}"}
        )
        for i in range(230)
    )
    page = api("ct.admin").get("/plans/drafts", limit=500).json()
    assert (page["count"], len(page["items"])) == (230, 230)
    body = login("ct.admin").get("/plan-import/?page=5").content.decode()
    assert "Trang 5/5" in body and 'href="?page=4"' in body
