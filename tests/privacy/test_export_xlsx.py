"""The export as a real .xlsx: the record and each list on its own sheet; text never becomes a formula."""

import io

import pytest
from openpyxl import load_workbook

from doanso.members.models import Member

pytestmark = pytest.mark.django_db


def test_the_export_opens_as_a_workbook_and_a_formula_like_name_stays_text(login, user):
    m = user("doanvien.demo").member
    Member.objects.filter(pk=m.pk).update(address='=HYPERLINK("http://x","y")')
    r = login("doanvien.demo").get("/privacy/me/export.json", {"format": "xlsx"})
    assert r.status_code == 200 and r["Content-Disposition"].endswith('.xlsx"')
    wb = load_workbook(io.BytesIO(r.content))
    assert {"Hồ sơ", "Lịch sử", "Xếp loại", "Đoàn phí", "Sự đồng ý"} <= set(wb.sheetnames)
    record = {row[0]: row[1] for row in wb["Hồ sơ"].iter_rows(min_row=2, values_only=True)}
    assert record["full_name"] == m.full_name
    cell = next(c for row in wb["Hồ sơ"].iter_rows(min_row=2) for c in row if c.value == record["address"])
    assert cell.data_type == "s" and record["address"].startswith("=HYPERLINK")
    assert wb["Đoàn phí"].max_row >= 2 or wb["Xếp loại"].max_row >= 2  # the demo member has data there
