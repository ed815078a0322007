"""Done-when of issue 14, in headless Chromium on a phone: a commune union creates "Ngày chủ nhật xanh"
(a tree-planting, volunteer activity) for its branch under a Sóc Trăng-style plan with targets on
TN_LUOT and CAY_XANH; two members register and check in by opening the activity's QR; the branch
records the trees planted and the commune (the level above) verifies them; TN_LUOT and CAY_XANH
move on the plan's dashboard at the commune, the district and the province; the branch's next
report opens with those numbers filled in from the records. Runs on SQLite and PostgreSQL.

Not here: one member checking in offline and synced later (the offline check-in PWA,
activities/offline.py, adds that step to this walk).
"""

import base64
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.donewhen, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-9"  # tests.factories.UserFactory's
DEMO_PASSWORD = "doanso-demo"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def site(transactional_db, live_server, reseeded):
    from doanso.accounts.models import RoleKind
    from doanso.org.models import Unit, UnitKind
    from doanso.plans import api as plans
    from tests.factories import BranchFactory, MemberFactory, UnitFactory, UserFactory

    province = Unit.objects.get(code="HCM")
    district = UnitFactory(kind=UnitKind.HUYEN, parent=province, name="Huyện Mỹ Xuyên")
    commune = UnitFactory(kind=UnitKind.XA, parent=district, name="Xã Tham Đôn")
    branch = BranchFactory(parent=commune, name="Chi đoàn ấp Phú Hòa")
    members = [MemberFactory(branch=branch) for _ in range(2)]
    for i, m in enumerate(members):
        UserFactory(unit=branch, username=f"dv.{i}", role=RoleKind.MEMBER, member=m)
    UserFactory(unit=commune, username="xa.admin")
    UserFactory(unit=branch, username="chidoan.admin")
    year = timezone.localdate().year
    plan = plans.create_plan(
        None,
        province,
        title="Kế hoạch thực hiện Chương trình hành động của Tỉnh Đoàn",
        issued_on=date(year, 1, 5),
        period_start=str(year),
        period_end=str(year + 1),
        issue=True,
    )
    plans.add_target(None, plan, indicator="TN_LUOT", value=85000, period=str(year))
    plans.add_target(None, plan, indicator="CAY_XANH", value=255000, period=str(year))
    plans.add_obligation(
        None,
        plan,
        title="Báo cáo tháng",
        due_rule="FREQ=MONTHLY;BYMONTHDAY=25;BYHOUR=17;BYMINUTE=0",
        indicators=["TN_LUOT", "CAY_XANH"],
        applies_to="chosen",
        units=[branch],
    )
    return type(
        "Site",
        (),
        {
            "url": live_server.url,
            "province": province,
            "district": district,
            "commune": commune,
            "branch": branch,
            "plan": plan,
            "year": year,
        },
    )


def _page(browser, site, username, password=PASSWORD):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=site.url)
    ctx.set_default_timeout(20_000)
    page = ctx.new_page()
    log_in(page, username, password)
    return page


def _no_overflow(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def _figure(page, code: str) -> int:
    text = page.locator(f'tr[data-indicator="{code}"] td.actual').inner_text().split()[0]
    return 0 if not text[0].isdigit() else int(text.replace(".", ""))


def _dashboards(page, site) -> dict:
    out = {}
    for unit in (site.commune, site.district, site.province):
        page.goto(f"/dashboard/{site.plan.pk}/{unit.code}/?period={site.year}")
        out[unit.code] = (_figure(page, "TN_LUOT"), _figure(page, "CAY_XANH"))
    return out


def _dt(delta: timedelta) -> str:
    t = timezone.localtime(timezone.now() + delta)
    return f"{t:%d/%m/%Y %H:%M}"


def test_ngay_chu_nhat_xanh_moves_the_dashboard_and_fills_the_report(browser, site):
    province_admin = _page(browser, site, "hcm.admin", DEMO_PASSWORD)
    before = _dashboards(province_admin, site)

    # the commune union creates the activity for its branch, on a phone
    xa = _page(browser, site, "xa.admin")
    # on a phone the activities are under "Thêm" (the bottom bar keeps the four everyday items)
    xa.locator("nav.bottom-nav").get_by_role("link", name="Thêm").click()
    xa.locator("main").get_by_role("link", name="Hoạt động", exact=True).click()
    xa.get_by_role("link", name="Tạo hoạt động").click()
    xa.get_by_label("Đơn vị chủ trì").select_option(site.branch.code)
    xa.get_by_label("Tên hoạt động").fill("Ngày chủ nhật xanh")
    xa.get_by_label("Loại hoạt động").select_option("trong_cay")
    xa.get_by_label("Bắt đầu").fill(_dt(timedelta(minutes=-30)))
    xa.get_by_label("Kết thúc").fill(_dt(timedelta(hours=4)))
    xa.get_by_label("Số giờ tình nguyện mỗi lượt").fill("4")
    xa.get_by_label("Chỉ tiêu, chỉ số phục vụ").select_option(["TN_LUOT", "CAY_XANH"])
    _no_overflow(xa)
    xa.get_by_role("button", name="Lưu").click()
    xa.get_by_role("heading", name="Ngày chủ nhật xanh").wait_for()
    activity_url = urlparse(xa.url).path
    _no_overflow(xa)

    # the organiser's screen shows the QR; each member registers, then opens what the QR encodes
    for i in range(2):
        link = xa.locator("#qr-link")
        link.wait_for()
        token_url = link.get_attribute("href")
        dv = _page(browser, site, f"dv.{i}")
        dv.goto(activity_url)
        dv.get_by_role("button", name="Đăng ký tham gia").click()
        dv.get_by_text("Bạn đã đăng ký tham gia.").wait_for()
        dv.goto(token_url)
        dv.get_by_role("button", name="Xác nhận điểm danh").click()
        dv.locator("#checkin-done").wait_for()
        _no_overflow(dv)
        dv.context.close()
    xa.reload()
    assert xa.locator("#participations-count").inner_text() == "2"

    # the branch records the trees planted, with a photo; the commune (the level above) verifies
    cd = _page(browser, site, "chidoan.admin")
    cd.goto(activity_url + "outputs/")
    cd.get_by_label("Chỉ số").select_option("CAY_XANH")
    cd.get_by_label("Giá trị").fill("1.200")
    cd.get_by_label("Ảnh minh chứng (JPEG, PNG, WebP; tối đa 10 MB mỗi ảnh)").set_input_files(
        {"name": "cay.png", "mimeType": "image/png", "buffer": PNG}
    )
    cd.get_by_role("button", name="Ghi nhận").click()
    cd.get_by_text("Đã ghi nhận kết quả; chờ cấp trên xác nhận.").wait_for()
    assert cd.get_by_role("button", name="Xác nhận").count() == 0  # not their own
    xa.goto(activity_url + "outputs/")
    xa.get_by_role("button", name="Xác nhận").click()
    xa.get_by_text("Đã xác nhận kết quả.").wait_for()
    _no_overflow(xa)

    # TN_LUOT and CAY_XANH move at every level
    after = _dashboards(province_admin, site)
    for code in (site.commune.code, site.district.code, site.province.code):
        assert after[code][0] - before[code][0] == 2, (code, before, after)
        assert after[code][1] - before[code][1] == 1200, (code, before, after)

    # the branch's next report opens with those numbers filled in, marked and linked to the records
    cd.goto(f"/reports/units/{site.branch.code}/due/")
    month = f"{timezone.localdate():%Y-%m}"
    cd.locator(f'form:has(input[name="period"][value="{month}"])').get_by_role("button").click()
    cd.wait_for_url(lambda url: "/reports/" in url and url.rstrip("/").split("/")[-1].isdigit())
    assert cd.locator("#v_TN_LUOT").input_value() == "2"
    assert cd.locator("#v_CAY_XANH").input_value() == "1200"
    assert "Theo dữ liệu hệ thống" in cd.locator("#rec_TN_LUOT").inner_text()
    _no_overflow(cd)
    cd.locator("#rec_CAY_XANH").get_by_role("link").click()
    cd.locator("#activities").get_by_text("Ngày chủ nhật xanh").wait_for()
