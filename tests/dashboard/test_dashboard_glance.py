"""The dashboard reads at a glance: labelled figures, three colour bands from settings, drill-down
with each child's value and report count, sorting, the period in the URL, a chart with a target line."""

import re

import pytest

from doanso.core.collation import sorted_vi
from doanso.dashboard import services
from doanso.dashboard.templatetags.dashboard_fmt import completeness
from doanso.plans.models import Direction, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def st_plan(db):
    return Plan.objects.get(issuer__code="ST")


def section(html: str, ident: str) -> str:
    return html.split(f'id="{ident}"')[1].split("</section>")[0]


def test_bands_follow_the_settings(settings):
    settings.DOANSO_BAND_DAT, settings.DOANSO_BAND_GAN_DAT = 1.0, 0.8
    band = services.band
    assert band(Direction.AT_LEAST, 0.978, 97.8, 100) == "gan_dat"
    assert band(Direction.AT_LEAST, 0.167, 16.7, 100) == "chua_dat"  # not the same colour as 97,8%
    assert band(Direction.AT_LEAST, 1.05, 105, 100) == "dat"
    assert band(Direction.AT_LEAST, None, None, 100) == "none"
    assert band(Direction.AT_MOST, 1.2, 12, 10) == "chua_dat"
    assert band(Direction.AT_MOST, 0.5, 5, 10) == "dat"
    settings.DOANSO_BAND_GAN_DAT = 0.99
    assert band(Direction.AT_LEAST, 0.978, 97.8, 100) == "chua_dat"


def test_completeness_in_words():
    assert completeness({"received": 53, "expected": 53, "on_time": 50}) == "53/53 báo cáo (100%)"
    assert completeness({"received": 74, "expected": 81}) == "74/81 báo cáo (91,4%)"
    assert completeness({"received": 0, "expected": 0}) == "Không phải nộp báo cáo"
    assert completeness({"received": 1200, "expected": 1500}) == "1.200/1.500 báo cáo (80%)"


def test_page_labels_every_figure_and_colours_by_band(login, st_plan):
    html = login("ct.admin").get(f"/dashboard/{st_plan.pk}/CT/", {"period": "2024"}).content.decode()
    targets = html.split('class="grid dash-targets')[1].split("</table>")[0]
    rows = targets.count("data-indicator=")
    assert rows == 19
    for label in ("Giao", "Thực hiện", "Tiến độ", "Trạng thái"):
        assert targets.count(f'data-label="{label}"') == rows, label  # labelled on phones too
    assert re.search(r'class="progress band-(dat|gan_dat|chua_dat)"', targets)
    assert "style=" not in targets  # bars are SVG: no inline style for the coming CSP
    assert re.search(
        r"\d+/\d+ báo cáo \(\d+(,\d)?%\)",
        section(html, "completeness") if 'id="completeness"' in html else html,
    )


def test_drill_down_shows_each_childs_value_and_reports(login, st_plan):
    c = login("ct.admin")
    html = c.get(f"/dashboard/{st_plan.pk}/CT/", {"period": "2024", "ind": "TN_LUOT"}).content.decode()
    kids = section(html, "children")
    assert "0/0" not in kids
    assert re.search(r"\d+/\d+ báo cáo \(|Không phải nộp báo cáo", kids)
    names = re.findall(
        r'data-unit="[^"]+"[^>]*>\s*<tr[^>]*>\s*<td[^>]*>.*?<a href="[^"]+">([^<]+)</a>', kids, re.S
    )
    assert names and names == sorted_vi(names)
    frag = c.get(
        f"/dashboard/{st_plan.pk}/CT/children/", {"period": "2024", "ind": "TN_LUOT", "sort": "progress"}
    )
    assert frag.status_code == 200
    rows = frag.context["children"]
    progress = [r["t"]["progress"] for r in rows if r["t"] and r["t"]["progress"] is not None]
    assert progress == sorted(progress)


def test_sort_by_progress_and_by_name(login, st_plan):
    c = login("ct.admin")
    r = c.get(f"/dashboard/{st_plan.pk}/CT/", {"period": "2024", "ind": "TN_LUOT", "sort": "progress"})
    rows = r.context["children"]
    values = [(x["t"] or {}).get("progress") for x in rows]
    known = [v for v in values if v is not None]
    assert known == sorted(known) and values[: len(known)] == known  # no value last
    assert 'sort=name#children">theo tên</a>' in r.content.decode()
    by_name = c.get(f"/dashboard/{st_plan.pk}/CT/", {"period": "2024", "ind": "TN_LUOT"}).context["children"]
    assert [x["name"] for x in by_name] == sorted_vi([x["name"] for x in by_name])


def test_period_and_indicator_live_in_the_url(login, st_plan):
    html = (
        login("ct.admin")
        .get(f"/dashboard/{st_plan.pk}/CT/", {"period": "2024Q2", "ind": "TN_LUOT"})
        .content.decode()
    )
    form = html.split('class="toolbar dash-filter"')[1].split("</form>")[0]
    assert 'method="get"' in html.split('class="toolbar dash-filter"')[0][-40:]
    assert '<select name="period" data-autosubmit>' in form and "onchange" not in html
    assert '<option value="2024Q2" selected>' in form
    assert 'name="ind" value="TN_LUOT"' in form
    assert 'href="?period=2024Q2&amp;ind=' in html  # each indicator is a link that keeps the period


def test_chart_has_a_target_line_and_is_never_empty_with_a_value(login, st_plan):
    html = (
        login("ct.admin")
        .get(f"/dashboard/{st_plan.pk}/CT/", {"period": "2024", "ind": "TN_LUOT"})
        .content.decode()
    )
    chart = section(html, "chart")
    assert 'class="target-line"' in chart and "Chỉ tiêu: 85.000" in chart
    assert chart.count('<rect class="b"') == 12


def test_headline_value_without_monthly_figures_still_draws(login):
    tw = Plan.objects.get(issuer__code="TW")
    r = login("hn.admin").get(f"/dashboard/{tw.pk}/HN/")
    row = r.context["target_row"]
    chart = section(r.content.decode(), "chart")
    if row["actual"] is not None:
        assert "Chưa có số liệu" not in chart and chart.count('<rect class="b"') >= 1
    else:
        assert "Chưa có số liệu" in chart


def test_chart_says_no_data_when_there_is_none(st_plan, unit):
    row = {"indicator": "NO_SUCH", "actual": None, "target": 10, "aggregation": "sum"}
    from doanso.core.calendar import periods

    chart = services.trend_chart(st_plan, unit("CT"), periods.parse("2024"), row)
    assert chart == {"empty": True, "bars": []}
