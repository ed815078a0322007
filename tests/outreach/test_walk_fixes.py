"""What the page-walk of session 23 found on the outreach pages: the reach printed as a raw number
(3416, not 3.416), and the post log and compliance tables without the app's table style (no
labelled cards on a phone)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_reach_is_written_the_vietnamese_way_and_tables_fold_on_a_phone(login):
    c = login("hcm.admin")
    form = {"url": "https://hcm.doan.vn/b", "kind": "tin_tot", "published": "02/03/2026", "reach": "12500"}
    html = c.post("/outreach/HCM-P001/", form, headers={"HX-Request": "true"}).content.decode()
    cell = re.search(r'<td class="num" data-label="Tiếp cận">(.*?)</td>', html)
    assert cell and cell[1] == "12.500"
    assert '<table class="grid cards-on-phone">' in html
    html = c.get("/outreach/HCM/compliance/").content.decode()
    assert '<table class="grid cards-on-phone">' in html
