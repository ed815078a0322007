"""A district with N communes, each with an admin, owing a weekly report to the district's plan."""

from datetime import date

import pytest

from doanso.org.models import UnitKind
from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def district_plan(unit):
    """make(n) → (district, communes, plan, weekly obligation); the plan runs from 2026 to next year."""
    from doanso.plans import api as plans_api

    def make(n: int, code: str = "RD"):
        district = UnitFactory(code=code, kind=UnitKind.HUYEN, parent=unit("HN"))
        communes = [UnitFactory(code=f"{code}-X{i:03d}", kind=UnitKind.XA, parent=district) for i in range(n)]
        for c in communes:
            user = UserFactory(unit=c, username=f"{c.code.lower()}.admin")
            user.email = f"{c.code.lower()}@example.vn"
            user.save(update_fields=["email"])
        plan = plans_api.create_plan(
            None,
            district,
            title="Kế hoạch công tác Đoàn 2026–2027",
            issued_on=date(2026, 1, 5),
            period_start="2026",  # the tests' fixed dates, and whatever today is
            period_end=str(max(2027, date.today().year + 1)),
            issue=True,
        )
        weekly = plans_api.add_obligation(
            None,
            plan,
            title="Báo cáo tuần",
            due_rule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0",
            indicators=["TN_LUOT"],
        )
        return district, communes, plan, weekly

    return make
