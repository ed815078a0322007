"""Prepares a database holding the demo for the load test and prints the scenario's configuration.

Run by scripts/bench-load.sh after `doanso seed-demo`: adds a fresh weekly reporting plan (2026–2030)
for Hà Nội, TP.HCM, Cần Thơ and their direct children, so that every run has thousands of report
periods nobody has filed yet, and prints JSON: for each province admin, the units they report for,
the dashboards they read and the member lists they open.
"""

import json
import os
import sys
from datetime import date

import django

ADMINS = {"hn.admin": "HN", "hcm.admin": "HCM", "ct.admin": "CT"}
# Whose plans each province reads: the centre's and its own (Cần Thơ also Sóc Trăng's, merged into it).
READS = {"HN": ("TW", "HN"), "HCM": ("TW", "HCM"), "CT": ("TW", "CT", "ST")}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    django.setup()
    from django.utils import timezone

    from doanso.org.models import Unit
    from doanso.plans import api as plans
    from doanso.plans.models import Plan

    tw = Unit.objects.get(code="TW")
    provinces = {code: Unit.objects.get(code=code) for code in ADMINS.values()}
    reporting = {
        code: [p, *Unit.objects.filter(parent=p, active=True).order_by("code")[:15]]
        for code, p in provinces.items()
    }
    stamp = timezone.now().strftime("%Y-%m-%d %H:%M:%S")
    plan = plans.create_plan(
        None,
        tw,
        title=f"Kế hoạch thử tải {stamp}",
        issued_on=date(2026, 1, 5),
        period_start="2026",
        period_end="2030",
        issue=True,
    )
    for n, code in enumerate(["BAI_VIET_NTTT", "TIN_TOT"]):
        plans.add_target(None, plan, indicator=code, value=5000, period="2026", order=n)
    ob = plans.add_obligation(
        None,
        plan,
        title="Báo cáo tuần (thử tải)",
        due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
        indicators=["BAI_VIET_NTTT", "TIN_TOT"],
        applies_to="chosen",
        units=[u for units in reporting.values() for u in units],
    )
    # The demo's own plans with the most targets: what a province secretary reads every morning.
    demo_plans = list(
        Plan.objects.exclude(pk=plan.pk)
        .filter(issuer__code__in=["TW", "ST", *ADMINS.values()])
        .values_list("pk", "issuer__code")
    )
    weeks = [f"{y}W{w:02d}" for y in range(2026, 2031) for w in range(1, 53)]
    config = {
        "obligation": ob.pk,
        "plan": plan.pk,
        "weeks": weeks,
        "users": {
            username: {
                "unit": code,
                "report_units": [u.code for u in reporting[code]],
                "dashboards": [[plan.pk, code]]
                + [[pk, code] for pk, issuer in demo_plans if issuer in READS[code]][:3],
                "member_units": [u.code for u in reporting[code][:6]],
            }
            for username, code in ADMINS.items()
        },
    }
    json.dump(config, sys.stdout)


if __name__ == "__main__":
    main()
