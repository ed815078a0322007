"""Member lists page for real: nothing is cut silently at 200, 500 or 2000 rows."""

import pytest

from doanso.members import views
from tests.factories import BranchFactory, DuesPaymentFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch(unit):
    return BranchFactory(parent=unit("HN"))


def test_dues_api_pages_payments_and_arrears(api, branch):
    ms = [MemberFactory(branch=branch, occupation="truong_hoc") for _ in range(5)]
    for m in ms[:2]:
        DuesPaymentFactory(member=m, month="2025-03")
    sec = api("hn.admin")
    first = sec.get(f"/units/{branch.code}/dues", month="2025-03", limit=2).json()
    second = sec.get(f"/units/{branch.code}/dues", month="2025-03", limit=2, offset=2).json()
    assert first["paid"]["count"] == 2 and first["arrears"]["count"] == 3
    assert len(first["arrears"]["items"]) == 2 and len(second["arrears"]["items"]) == 1
    listed = {x["member_id"] for x in first["arrears"]["items"] + second["arrears"]["items"]}
    assert listed == {m.pk for m in ms[2:]}
    assert first["total"] == second["total"] == sum(p["amount"] for p in first["paid"]["items"])


def test_ratings_api_pages_the_members(api, branch):
    ms = [MemberFactory(branch=branch) for _ in range(3)]
    sec = api("hn.admin")
    pages = [sec.get(f"/units/{branch.code}/ratings", year=2025, limit=2, offset=o).json() for o in (0, 2)]
    assert [p["members"]["count"] for p in pages] == [3, 3]
    assert sorted(x["id"] for p in pages for x in p["members"]["items"]) == sorted(m.pk for m in ms)


def test_dues_page_links_to_the_next_page_of_arrears(login, branch, monkeypatch):
    monkeypatch.setattr(views, "DUES_PER_PAGE", 2)
    ms = [MemberFactory(branch=branch, occupation="truong_hoc") for _ in range(3)]
    c = login("hn.admin")
    first = c.get(f"/members/units/{branch.code}/dues/?month=2025-03").content.decode()
    assert "Chưa nộp (3)" in first and "month=2025-03&amp;page=2" in first
    second = c.get(f"/members/units/{branch.code}/dues/?month=2025-03&page=2").content.decode()
    shown = [m for m in ms if f'value="{m.pk}"' in first.split('id="arrears"')[1].split("</form>")[0]]
    rest = [m for m in ms if f'value="{m.pk}"' in second.split('id="arrears"')[1].split("</form>")[0]]
    assert len(shown) == 2 and len(rest) == 1 and set(shown) | set(rest) == set(ms)


def test_ratings_page_pages_the_members(login, branch, monkeypatch):
    monkeypatch.setattr(views, "RATINGS_PER_PAGE", 2)
    ms = [MemberFactory(branch=branch) for _ in range(3)]
    c = login("hn.admin")
    pages = [
        c.get(f"/members/units/{branch.code}/ratings/?year=2025&page={n}").content.decode() for n in (1, 2)
    ]
    assert "year=2025&amp;page=2" in pages[0]
    assert sum(f'name="level_{m.pk}"' in p for m in ms for p in pages) == 3


def test_transfers_page_pages_both_lists(login, user, unit, branch, monkeypatch):
    from doanso.members.actions import transfers

    monkeypatch.setattr(views, "TRANSFERS_PER_PAGE", 1)
    to = BranchFactory(parent=unit("HN"))
    admin = user("hn.admin")
    ts = [
        transfers.request_transfer(admin, MemberFactory(branch=branch, full_name=name), to)
        for name in ("Người Chuyển Một", "Người Chuyển Hai")
    ]
    c = login("hn.admin")
    first = c.get("/members/transfers/").content.decode()
    assert "out=1&amp;in=2" in first and "in=1&amp;out=2" in first
    second = c.get("/members/transfers/?in=2&out=2").content.decode()
    names = [t.member.full_name for t in ts]
    assert sum(n in first.split("<h2>")[1] for n in names) == 1
    assert sum(n in second.split("<h2>")[1] for n in names) == 1
