"""Pages print numbers, dates and periods the Vietnamese way (core.vn through the `vn` filters):
"38.240", never "38240" on one page and "38.240" on another; "Quý I/2026", not "2026Q1"."""

import re
from datetime import date

import pytest
from django.template import Context, Template

from doanso.core import vn
from doanso.org.models import Unit
from doanso.plans import api as plans_api
from doanso.reports.models import Report

pytestmark = pytest.mark.django_db


def _strong_numbers(html: str) -> list[str]:
    return re.findall(r"<strong>([\d.]+)</strong>", html)


@pytest.mark.parametrize("path", ["/units/TW/", "/"])
def test_unit_page_and_home_group_thousands_with_dots(login, path):
    r = login("tw.admin").get(path)
    assert r.status_code == 200
    html = r.content.decode()
    stats = r.context.get("stats")
    shown = _strong_numbers(html)
    assert shown, html[:2000]
    big = [s for s in shown if len(s.replace(".", "")) >= 4]
    assert big, shown  # the centre has thousands of members
    for s in big:
        assert s == vn.format_number(int(s.replace(".", ""))), shown
    if stats is not None:
        assert f"<strong>{vn.format_number(stats.members)}</strong>" in html


@pytest.mark.parametrize(
    "template, value, out",
    [
        ("{{ v|vn_number }}", 38240, "38.240"),
        ("{{ v|vn_number }}", "12.5", "12,5"),
        ("{{ v|vn_number:1 }}", 3, "3,0"),
        ("{{ v|vn_number }}", None, "—"),
        ("{{ v|vn_percent }}", 97.8, "97,8%"),
        ("{{ v|vn_fraction }}", 0.978, "97,8%"),
        ("{{ v|vn_size }}", 20 * 1024 * 1024, "20,0 MB"),
        ("{{ v|vn_date }}", date(2026, 3, 5), "05/03/2026"),
        ("{{ v|vn_period }}", "2026-12", "tháng 12/2026"),
        ("{{ v|vn_period }}", "2026Q1", "Quý I/2026"),
        ("{{ v|vn_period }}", "2026W10", "Tuần 10/2026"),
        ("{{ v|vn_period }}", "2026Q1/2026Q2", "Quý I/2026 – Quý II/2026"),
    ],
)
def test_vn_filters(template, value, out):
    assert Template("{% load vn %}" + template).render(Context({"v": value})) == out


def test_plan_pages_show_periods_as_words_not_ids(login):
    ct = Unit.objects.get(code="CT")
    plan = plans_api.create_plan(
        None,
        ct,
        title="Kế hoạch quý",
        issued_on=date(2026, 1, 5),
        period_start="2026Q1",
        period_end="2026Q2",
        issue=True,
    )
    plans_api.add_target(None, plan, indicator="TN_LUOT", value=38240, period="2026Q1")
    c = login("ct.admin")
    detail = c.get(f"/plans/{plan.pk}/").content.decode()
    assert "Quý I/2026 – Quý II/2026" in detail and "2026Q1/2026Q2" not in detail
    assert "38.240" in detail
    listing = c.get("/plans/?unit=CT").content.decode()
    assert "Quý I/2026 – Quý II/2026" in listing


def test_report_form_shows_the_period_as_words(login):
    from doanso.plans.models import Obligation

    ob = Obligation.objects.get(plan__issuer__code="TW", due_rule__startswith="FREQ=WEEKLY")
    hn = login("hn.admin")
    hn.post("/reports/units/HN/open/", {"obligation": ob.pk, "period": "2026W20"})
    rep = Report.objects.get(obligation=ob, unit__code="HN", period="2026W20")
    html = hn.get(f"/reports/{rep.pk}/").content.decode()
    assert "Tuần 20/2026" in html and ">2026W20<" not in html


def test_dues_page_names_the_month_as_vietnamese_write_it(login):
    from doanso.members.models import Member

    branch = Member.objects.filter(status="active").values_list("branch__code", flat=True).first()
    user = "tw.admin"
    html = login(user).get(f"/members/units/{branch}/dues/", {"month": "2026-11"}).content.decode()
    assert "Đoàn phí tháng 11/2026" in html and "2026-11 " not in html.split("<h1>")[1].split("</h1>")[0]
