"""What the page-walk of session 22 found on the exemplar pages: each step of a nomination says
which level took it and on which day (dd/mm/yyyy), not just "Đề nghị"."""

import re

import pytest
from django.utils import timezone

from doanso.core import vn
from doanso.exemplars.models import NominationStep, StepAction
from tests.exemplars.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_the_board_names_the_level_and_day_of_every_step(login, world, nomination):
    r = login("xa.demo").post(
        f"/exemplars/nominations/{nomination.pk}/forward/", {"reason": "Xứng đáng, đề nghị tỉnh xét"}
    )
    assert r.status_code == 302
    steps = list(NominationStep.objects.filter(nomination=nomination).select_related("unit"))
    assert [s.action for s in steps] == [StepAction.PROPOSED, StepAction.FORWARDED]
    html = login("ct.admin").get(f"/exemplars/units/{world.province.code}/nominations/", {"year": YEAR})
    items = re.findall(
        r"<li>(.*?)</li>", re.search(r'<ol class="small steps">(.*?)</ol>', html.content.decode(), re.S)[1]
    )
    want = [
        f"{StepAction(s.action).label} · {s.unit.name} · {vn.format_date(timezone.localtime(s.at).date())}"
        for s in steps
    ]
    assert items == [want[0], f"{want[1]} · Xứng đáng, đề nghị tỉnh xét"]
