"""The pages a branch secretary and a member use, found from the demo as it is (robust to more items).

Shared by the rendered-HTML scan (test_vietnamese_pages.py) and the browser walk with axe
(test_everyday_walk.py)."""

from __future__ import annotations

import re

SECRETARY = "chidoan.demo"
MEMBER = "doanvien.demo"


def branch_of(username: str):
    from doanso.accounts.models import User

    return User.objects.get(username=username).roles.first().unit


def secretary_pages() -> list[str]:
    """GET pages of the branch secretary's everyday work (their branch, its members and reports)."""
    from doanso.members.models import Member

    branch = branch_of(SECRETARY)
    code = branch.code
    pages = [
        "/",
        f"/units/{code}/",
        f"/members/units/{code}/",
        f"/members/units/{code}/ratings/",
        f"/members/units/{code}/dues/",
        f"/members/units/{code}/nominations/",
        f"/members/units/{code}/maturity/",
        "/members/transfers/",
        f"/reports/units/{code}/due/",
        "/plans/",
        f"/units/{code}/accounts/",
    ]
    first = Member.objects.filter(branch=branch).order_by("search_name", "id").first()
    if first is not None:
        pages.append(f"/members/records/{first.pk}/")
    return pages


def linked_pages(client, html: str) -> list[str]:
    """Plan and dashboard pages linked from a page (the plans list): whatever the demo holds."""
    links = re.findall(r'href="(/(?:plans/\d+|dashboard/\d+/[^/"]+)/)"', html)
    return sorted(set(links))


def member_pages() -> list[str]:
    return ["/", "/members/me/"]


def due_report_forms(client, html: str) -> list[tuple[str, dict]]:
    """The (action, data) of each "Lập báo cáo"/"Tiếp tục" form on the reports-due page."""
    out = []
    for form in re.findall(r'<form method="post" action="([^"]+/open/)">(.*?)</form>', html, re.S):
        action, body = form
        data = dict(re.findall(r'name="(obligation|period)" value="([^"]*)"', body))
        if data:
            out.append((action, data))
    return out
