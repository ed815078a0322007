"""Done-when of issue 16, in headless Chromium: a member submits an idea on a phone, the branch's
staff move it tiếp nhận → đánh giá → hỗ trợ (recording money, mentoring and a venue) → triển khai
through the pages, an out-of-order move is refused in Vietnamese, and the province's Sóc Trăng-style
target "ý tưởng, sáng kiến được hỗ trợ" (134 in the year) moves on the dashboard page."""

from datetime import date
from urllib.parse import urlparse

import pytest

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.donewhen, pytest.mark.django_db(transaction=True)]

PASSWORD = "doanso-demo"
TITLE = "Vườn rau thủy canh cho bếp ăn bán trú"


@pytest.fixture
def site(transactional_db, live_server, settings, reseeded):
    from doanso.accounts.models import User
    from doanso.org.models import Unit
    from doanso.plans import api as plans

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    branch = User.objects.get(username="chidoan.demo").roles.get().unit  # a former Sóc Trăng branch
    province = Unit.objects.get(code="CT")
    assert branch.path.startswith(province.path)
    # the province's programme, as Sóc Trăng's: 134 ideas, initiatives supported in the year
    plan = plans.create_plan(
        None,
        province,
        title="Chương trình “Mỗi thanh niên một ý tưởng, sáng kiến” năm 2026",
        issued_on=date(2026, 1, 5),
        period_start="2026",
        issue=True,
    )
    plans.add_target(None, plan, indicator="YT_SANG_KIEN", value=134, period="2026")
    plans.add_target(None, plan, indicator="YT_TRIEN_KHAI", value=40, period="2026")
    return type("Site", (), {"url": live_server.url, "branch": branch, "province": province, "plan": plan})


def _login(browser, site, username, width=1280, height=900):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": width, "height": height}, base_url=site.url)
    ctx.set_default_timeout(45_000)
    ctx.set_default_navigation_timeout(60_000)
    page = ctx.new_page()
    log_in(page, username, PASSWORD)
    return page


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def _vn_int(text: str) -> int:
    """A whole number as the pages write it ("1.234"); "Chưa có số liệu" is nothing yet."""
    text = text.strip()
    return 0 if text == "Chưa có số liệu" else int(text.replace(".", ""))


def _dashboard(page, site):
    page.goto(f"/dashboard/{site.plan.pk}/{site.province.code}/")
    rows = page.locator("table.dash-targets")
    out = {}
    for code in ("YT_SANG_KIEN", "YT_TRIEN_KHAI"):
        row = rows.locator(f'tr[data-indicator="{code}"]')
        out[code] = (row.locator("td.target").inner_text().strip(), row.locator("td.actual").inner_text())
    return out


def _move(page, to_label, status_label):
    page.get_by_label("Chuyển sang").select_option(label=to_label)
    page.get_by_role("button", name="Chuyển trạng thái").click()
    page.locator(".msg.success", has_text=f"Đã chuyển ý tưởng sang “{status_label}”.").wait_for()
    assert page.locator("#status").inner_text().strip() == status_label


def test_an_idea_goes_from_submission_to_trien_khai_and_moves_the_province_target(browser, site):
    from playwright.sync_api import expect

    ct = _login(browser, site, "ct.admin")
    before = _dashboard(ct, site)
    assert before["YT_SANG_KIEN"][0] == "134" and before["YT_TRIEN_KHAI"][0] == "40"
    supported0 = _vn_int(before["YT_SANG_KIEN"][1])
    implemented0 = _vn_int(before["YT_TRIEN_KHAI"][1])

    # the member submits the idea on a 390 px phone
    me = _login(browser, site, "doanvien.demo", width=390, height=844)
    me.goto("/ideas/new/")
    _fits(me)
    me.get_by_label("Gửi đến đơn vị").select_option(site.branch.code)
    me.get_by_label("Tên ý tưởng").fill(TITLE)
    me.get_by_label("Lĩnh vực").select_option(label="Môi trường")
    me.get_by_label("Mô tả").fill("Trồng rau sạch bằng thủy canh trên sân thượng, cấp cho bếp bán trú.")
    me.get_by_label("Thành viên nhóm (nếu có)").fill("Chi đoàn khóm 3")
    me.get_by_role("button", name="Gửi ý tưởng").click()
    me.get_by_text(f"Đã gửi ý tưởng “{TITLE}”.").wait_for()
    assert me.locator("#status").inner_text().strip() == "Tiếp nhận"
    _fits(me)
    idea_path = urlparse(me.url).path

    # the branch's staff find it on the board and open it
    cd = _login(browser, site, "chidoan.demo")
    cd.goto(f"/ideas/?unit={site.branch.code}")
    cd.get_by_role("link", name=TITLE).first.click()
    cd.wait_for_url(f"**{idea_path}")
    # only the next step (or a refusal) is offered …
    options = cd.locator("#move-to option").all_inner_texts()
    assert [o.strip() for o in options] == ["Đánh giá", "Từ chối"]
    # … and a forged out-of-order move (tiếp nhận → triển khai) is refused in Vietnamese
    cd.locator("#move-to").evaluate(
        "s => { s.add(new Option('Triển khai', 'trien_khai')); s.value = 'trien_khai'; }"
    )
    cd.get_by_role("button", name="Chuyển trạng thái").click()
    expect(cd.locator(".msg.error")).to_have_text(
        "Không thể chuyển ý tưởng từ “Tiếp nhận” sang “Triển khai”: bước tiếp theo là “Đánh giá” "
        "(hoặc “Từ chối”)."
    )
    assert cd.locator("#status").inner_text().strip() == "Tiếp nhận"
    # support cannot be recorded before the idea is approved for support
    expect(cd.locator("#support-form")).to_have_count(0)

    _move(cd, "Đánh giá", "Đánh giá")
    _move(cd, "Hỗ trợ", "Hỗ trợ")

    # the support records: money, mentoring, a venue
    supports = [
        ("Kinh phí", "15.000.000", "Quỹ khởi nghiệp thanh niên Cần Thơ", "Mua giàn thủy canh"),
        ("Tư vấn, cố vấn", "", "Trường Đại học Cần Thơ", "Kỹ sư nông nghiệp hướng dẫn"),
        ("Địa điểm", "", "Trường THCS Phường 3", "Sân thượng dãy B"),
    ]
    for kind, amount, provider, note in supports:
        form = cd.locator("#support-form")
        form.get_by_label("Hình thức hỗ trợ").select_option(label=kind)
        form.get_by_label("Số tiền (đồng)").fill(amount)
        form.get_by_label("Đơn vị, đối tác hỗ trợ").fill(provider)
        form.get_by_label("Ghi chú").fill(note)
        form.get_by_role("button", name="Ghi nhận hỗ trợ").click()
        cd.locator(".msg.success", has_text="Đã ghi nhận hỗ trợ.").wait_for()
        expect(cd.locator("#supports li", has_text=provider)).to_have_count(1)
    items = cd.locator("#supports li").all_inner_texts()
    assert "Kinh phí: 15.000.000 đồng · Quỹ khởi nghiệp thanh niên Cần Thơ · Mua giàn thủy canh" in items
    assert "Tư vấn, cố vấn · Trường Đại học Cần Thơ · Kỹ sư nông nghiệp hướng dẫn" in items
    assert "Địa điểm · Trường THCS Phường 3 · Sân thượng dãy B" in items

    # supported: the province's target moves by one, the implemented one not yet
    mid = _dashboard(ct, site)
    assert _vn_int(mid["YT_SANG_KIEN"][1]) == supported0 + 1
    assert _vn_int(mid["YT_TRIEN_KHAI"][1]) == implemented0

    _move(cd, "Triển khai", "Triển khai")
    history = cd.locator("#history li").all_inner_texts()
    assert [h.split(": ", 1)[1].split(" · ")[0] for h in history] == [
        "Tiếp nhận → Đánh giá",
        "Đánh giá → Hỗ trợ",
        "Hỗ trợ → Triển khai",
    ]

    after = _dashboard(ct, site)
    assert after["YT_SANG_KIEN"][0] == "134"
    assert after["YT_SANG_KIEN"][1].strip() == f"{supported0 + 1:,}".replace(",", ".")  # counted once
    assert after["YT_TRIEN_KHAI"][1].strip() == f"{implemented0 + 1:,}".replace(",", ".")

    # the member sees the idea carried out, with its support, on the phone
    me.goto(idea_path)
    assert me.locator("#status").inner_text().strip() == "Triển khai"
    assert "15.000.000 đồng" in me.locator("#supports").inner_text()
    _fits(me)
