"""What the page-walk of session 22 showed on a survey's results on a desktop, in headless Chromium
where layout is the point: the bar charts were stretched to the card (12 px text drawn at ~30 px)
and the value after the longest bar, "1 (100%)", was cut off at the chart's edge."""

import types

import pytest

from tests.ideas.test_donewhen_browser import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db, live_server, settings, reseeded):
    from django.test import Client

    from doanso.accounts.models import User
    from tests.surveys.test_pages import _create

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    admin = Client()
    admin.force_login(User.objects.get(username="ct.admin"))
    s = _create(admin)
    q = list(s.questions.all())
    member = Client()
    member.force_login(User.objects.get(username="doanvien.demo"))
    member.post(f"/surveys/{s.pk}/answer/", {f"q{q[0].pk}": "Fanpage", f"q{q[2].pk}": "4"})
    return types.SimpleNamespace(url=live_server.url, survey=s)


def test_results_charts_keep_their_size_and_show_every_value(browser, site):
    page = _login(browser, site, "ct.admin")
    page.goto(f"/surveys/{site.survey.pk}/")
    charts = page.locator("svg.survey-chart")
    assert charts.count() >= 2
    for i in range(charts.count()):
        chart = charts.nth(i)
        box = chart.bounding_box()
        assert box["width"] <= 420, box
        label = chart.locator("text.bar-label").first.bounding_box()
        assert label["height"] <= 20, label  # about the page's own text, not tripled
        for value in chart.locator("text.bar-value").all():
            v = value.bounding_box()
            assert v["x"] + v["width"] <= box["x"] + box["width"] + 0.5, (v, box)
    page.context.close()
