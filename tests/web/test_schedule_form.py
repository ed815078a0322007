"""The reporting-schedule form: indicators grouped (the plan's own first), named without codes,
searchable; the due rule and "applies to" as radios beside their labels; each conditional field
marked with the choice that needs it (web/ui.js shows only those), all still posted the same way."""

import re
from datetime import date

import pytest

from doanso.org.models import Unit
from doanso.plans import api as plans_api
from doanso.plans.models import Obligation

pytestmark = pytest.mark.django_db


@pytest.fixture
def ct_plan(db):
    ct = Unit.objects.get(code="CT")
    plan = plans_api.create_plan(
        None, ct, title="Công tác Đoàn năm 2026", issued_on=date(2026, 1, 5), period_start="2026", issue=True
    )
    plans_api.add_target(None, plan, indicator="TN_LUOT", value=500, period="2026")
    return plan


def test_indicators_grouped_plan_first_without_codes(login, ct_plan):
    html = login("ct.admin").get(f"/plans/{ct_plan.pk}/obligations/new/").content.decode()
    picker = html.split('id="indicator-list"')[1].split("</fieldset>\n<fieldset")[0]
    groups = re.findall(r"<legend>([^<]+) <span", picker)
    assert groups == ["Chỉ tiêu của kế hoạch này", "Các chỉ số khác"]
    first = picker.split('class="indicator-group"')[1]
    assert first.count('type="checkbox"') == 1 and 'value="TN_LUOT"' in first
    assert 'data-filter="#indicator-list"' in picker  # searchable
    labels = re.findall(r'data-filter-text="([^"]+)"', picker)
    assert len(labels) > 20 and not any(re.search(r"\([A-Z][A-Z0-9_]+\)", x) for x in labels)
    assert "<select" not in picker


def test_rule_fields_shown_only_for_their_rule(login, ct_plan):
    html = login("ct.admin").get(f"/plans/{ct_plan.pk}/obligations/new/").content.decode()
    assert re.search(
        r'<label class="choice"><input type="radio" name="due_rule" value="weekly"[^>]*checked', html
    )
    weekly = html.split('<div data-show-when="due_rule=weekly">')[1].split("</div>")[0]
    assert 'name="weekday"' in weekly and 'name="day"' not in weekly
    assert 'data-show-when="due_rule=once"' in html and 'data-show-when="applies_to=chosen"' in html
    assert "onchange" not in html and "<script>" not in html  # behaviour lives in web/ui.js
    assert 'src="/static/web/ui.js"' in html


def test_checkboxes_and_radios_post_as_before(login, ct_plan):
    kid = Unit.objects.filter(parent__code="CT", active=True).order_by("path").first()
    r = login("ct.admin").post(
        f"/plans/{ct_plan.pk}/obligations/new/",
        {
            "title": "Báo cáo tháng",
            "indicators": ["TN_LUOT"],
            "due_rule": "monthly",
            "day": "25",
            "at": "17:00",
            "applies_to": "chosen",
            "units": [kid.code],
        },
    )
    assert r.status_code == 302
    ob = Obligation.objects.get(plan=ct_plan, title="Báo cáo tháng")
    assert ob.due_rule == "FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0"
    assert [i.code for i in ob.indicators.all()] == ["TN_LUOT"]
