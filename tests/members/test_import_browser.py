"""The import page in headless Chromium: upload an XLSX with bad rows, watch it finish, get the error file."""

from unittest import mock

import pytest

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db, live_server, settings, tmp_path):
    from doanso.demo import seed as demo
    from doanso.org.models import Unit

    settings.VAR_DIR = tmp_path
    if not Unit.objects.exists():
        with mock.patch.object(demo, "STEPS", []):
            demo.seed("tiny", log=lambda *a: None)
    return live_server.url


@pytest.fixture
def page(site, browser):
    ctx = browser.new_context(locale="vi-VN", base_url=site, accept_downloads=True)
    ctx.set_default_timeout(15_000)
    yield ctx.new_page()
    ctx.close()


def test_import_300_rows_with_bad_ones(page, tmp_path):
    from openpyxl import Workbook, load_workbook
    from playwright.sync_api import expect

    from doanso.members.importing.columns import TEMPLATE_HEADERS
    from doanso.members.models import Member
    from doanso.org.models import Unit
    from tests.members.conftest import person

    codes = list(
        Unit.objects.filter(kind="chi_doan", active=True, code__startswith="HN-").values_list(
            "code", flat=True
        )[:4]
    )
    wb = Workbook()
    ws = wb.active
    ws.append(TEMPLATE_HEADERS[:7])
    for i in range(1, 301):
        row = person(i, codes[i % len(codes)])
        if i in (7, 150):
            row[1] = "30/02/2004"
        if i == 200:
            row[6] = "KHONG-CO"
        ws.append(row)
    ws.cell(
        row=2000, column=1
    ).number_format = "@"  # a formatted blank row far below: the sheet "ends" at 2000
    f = tmp_path / "doan-vien.xlsx"
    wb.save(f)
    before = Member.objects.count()

    log_in(page, "hn.admin", "doanso-demo")
    page.goto("/members/units/HN/import/")
    page.set_input_files("input[name=file]", str(f))
    page.get_by_label("Nhập các dòng hợp lệ, trả về tệp các dòng lỗi").check()
    page.get_by_role("button", name="Nhập").click()
    expect(page.locator(".status")).to_have_attribute("data-status", "done")
    expect(page.locator("#imported")).to_have_text("297")
    expect(page.locator("#rejected")).to_have_text("3")
    expect(page.locator("#progress progress")).to_have_attribute("value", "100")  # not 300/1999 ≈ 15%
    expect(page.locator("#import-errors tbody tr")).to_have_count(3)
    expect(page.locator("#import-errors tbody tr").nth(0)).to_have_text(
        "8Ngày sinh“30/02/2004”: không có ngày 30/02/2004"
    )
    expect(page.locator("#import-errors tbody tr").nth(2)).to_have_text(
        "201Mã chi đoànkhông có chi đoàn mã “KHONG-CO”"
    )
    message = page.locator("#import-errors tbody tr td").nth(2)
    assert message.evaluate("e => getComputedStyle(e).whiteSpace") == "normal"  # long messages wrap…
    table = page.locator("#import-errors").bounding_box()
    assert table["width"] <= page.viewport_size["width"]  # … inside the page
    with page.expect_download() as dl:
        page.get_by_role("link", name="Tải tệp các dòng lỗi (cột “Lỗi”)").click()
    path = tmp_path / "loi.xlsx"
    dl.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Dòng (tệp gốc)", "Lỗi") and [r[-2] for r in rows[1:]] == [8, 151, 201]
    assert Member.objects.count() == before + 297
