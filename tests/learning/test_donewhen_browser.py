"""Done-when, in headless Chromium on a 390×844 phone page, on SQLite and PostgreSQL: a province runs
a three-round contest — questions imported from an .xlsx uploaded through the page, rounds added on
the organiser page, members and a non-member take rounds, the scheduled job closes the rounds (a tie
broken by the prediction), leaderboards per unit, the participation rate moves on the plan
dashboard, winners get certificates that Digital Bazaar's verifier (node) and our page accept, and
reject after revocation."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.browser import log_in
from tests.credentials import independent

pytestmark = [pytest.mark.browser, pytest.mark.donewhen, pytest.mark.django_db(transaction=True)]

PASSWORD = "doanso-demo"
MEMBER_PASSWORD = "mat-khau-thu-9"
# (question, options A–D, right letter): the right option always reads "Đúng …" so a taker can find it
ROWS = [
    ("Đoàn TNCS Hồ Chí Minh thành lập năm nào?", ["Sai 1a", "Đúng 1931", "Sai 1b", "Sai 1c"], "B"),
    ("Đại hội Đoàn lần thứ XII năm nào?", ["Đúng 2022", "Sai 2a", "Sai 2b", ""], "A"),
    ("Ngày truyền thống Đoàn là ngày nào?", ["Sai 3a", "Sai 3b", "Đúng 26/3", "Sai 3c"], "C"),
    ("Bí thư thứ nhất Trung ương Đoàn đầu tiên?", ["Sai 4a", "Sai 4b", "Sai 4c", "Đúng Nguyễn Văn Cừ"], "D"),
]


@pytest.fixture
def site(transactional_db, live_server, tmp_path, reseeded):
    from openpyxl import Workbook

    from doanso.org.models import Unit
    from doanso.plans import api as plans
    from tests.factories import MemberFactory, UserFactory

    hcm = Unit.objects.get(code="HCM")
    # two branches under two different districts of HCM, one member account in each
    picked = []
    for district in Unit.objects.filter(parent=hcm, active=True).order_by("path"):
        lo, hi = district.subtree_range
        b = (
            Unit.objects.filter(kind="chi_doan", active=True, path__gte=lo, path__lt=hi)
            .order_by("path")
            .first()
        )
        if b is not None:
            picked.append((district, b))
        if len(picked) == 2:
            break
    people = []
    for i, (district, branch) in enumerate(picked):
        m = MemberFactory(branch=branch, full_name=f"Đoàn Viên Thi {'AB'[i]}")
        UserFactory(unit=branch, role="member", member=m, username=f"thi.{'ab'[i]}", password=MEMBER_PASSWORD)
        people.append((f"thi.{'ab'[i]}", m, district))
    plan = plans.create_plan(
        None,
        hcm,
        title="Học tập nghị quyết 2026",
        issued_on=date(2026, 1, 5),
        period_start="2026",
        issue=True,
    )
    plans.add_target(None, plan, indicator="TL_DV_THI_TT", value=80, period="2026")
    wb = Workbook()
    ws = wb.active
    ws.append(["Ngân hàng câu hỏi cuộc thi tìm hiểu lịch sử Đoàn"])
    ws.append(
        ["Câu hỏi", "Phương án A", "Phương án B", "Phương án C", "Phương án D", "Đáp án", "Chủ đề", "Mức độ"]
    )
    for text, options, right in ROWS:
        ws.append([text, *options, right, "Lịch sử Đoàn", "Dễ"])
    xlsx = tmp_path / "cau-hoi.xlsx"
    wb.save(xlsx)
    return type("Site", (), {"url": live_server.url, "people": people, "plan": plan, "xlsx": xlsx})


def _phone(browser, site):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=site.url)
    ctx.set_default_timeout(60_000)
    ctx.set_default_navigation_timeout(120_000)  # a loaded CI machine
    return ctx, ctx.new_page()


def _take(page, contest_id, number, *, wrong=0, prediction=""):
    """Start the round, pick the right option of every question but `wrong` of them, hand in."""
    page.goto(f"/learning/contests/{contest_id}/rounds/{number}/play/")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.locator("#answers").wait_for()
    for k, fieldset in enumerate(page.locator("#answers fieldset").all()):
        labels = fieldset.locator("label.choice")
        want = [x.strip().startswith("Đúng") for x in labels.all_inner_texts()]
        pick = want.index(True) if k >= wrong else want.index(False)
        labels.nth(pick).click()
    page.get_by_label("Dự đoán số người trả lời đúng tất cả các câu").fill(str(prediction))
    page.get_by_role("button", name="Nộp bài").click()
    page.locator("#result").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    return page.locator("#result").inner_text()


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_a_province_runs_a_three_round_contest(browser, site):
    from doanso.credentials.models import Credential
    from doanso.learning.models import Attempt, Contest, Round

    admin_ctx, admin = _phone(browser, site)
    log_in(admin, "hcm.admin", PASSWORD)
    dashboard = f"/dashboard/{site.plan.pk}/HCM/?period=2026"
    admin.goto(dashboard)
    before = admin.locator('tr[data-indicator="TL_DV_THI_TT"] td.actual').inner_text()

    # the contest, its questions from Excel, three rounds — all on the pages
    admin.goto("/learning/")
    form = admin.locator("#new-contest")
    form.get_by_label("Đơn vị tổ chức").select_option("HCM")
    form.get_by_label("Tên cuộc thi").fill("Tìm hiểu 95 năm lịch sử Đoàn")
    form.get_by_label("Số câu mỗi lượt").fill("4")
    form.get_by_label("Cho người ngoài Đoàn tham gia").check()
    form.get_by_role("button", name="Tạo cuộc thi").click()
    admin.wait_for_url("**/manage/")
    contest = Contest.objects.get(title="Tìm hiểu 95 năm lịch sử Đoàn")
    admin.get_by_label("Tệp câu hỏi (.xlsx, .ods, .csv)").set_input_files(str(site.xlsx))
    admin.get_by_role("button", name="Nhập câu hỏi").click()
    admin.get_by_text("Đã nhập 4 câu hỏi.").wait_for()
    now = timezone.now()
    for n in (1, 2, 3):
        admin.get_by_label("Bắt đầu").fill(_local(now - timedelta(minutes=2)))
        admin.get_by_label("Kết thúc").fill(_local(now + timedelta(minutes=30)))
        admin.get_by_role("button", name="Thêm lượt thi").click()
        admin.get_by_text(f"Đã thêm lượt {n}.").wait_for()
    assert admin.evaluate("document.documentElement.scrollWidth") <= 390

    # members take rounds on their phones; a non-member signs up and takes round 1
    (user_a, member_a, district_a), (user_b, member_b, _district_b) = site.people
    ctx_a, page_a = _phone(browser, site)
    log_in(page_a, user_a, MEMBER_PASSWORD)
    page_a.goto("/")
    assert "Dự thi “Tìm hiểu 95 năm lịch sử Đoàn” – lượt 1" in page_a.locator("#member-tasks").inner_text()
    assert "Đúng 4/4 câu" in _take(page_a, contest.pk, 1, prediction=2)
    ctx_b, page_b = _phone(browser, site)
    log_in(page_b, user_b, MEMBER_PASSWORD)
    assert "Đúng 4/4 câu" in _take(page_b, contest.pk, 1, prediction=7)
    ctx_g, page_g = _phone(browser, site)
    page_g.goto(f"/learning/contests/{contest.pk}/")
    page_g.get_by_label("Họ và tên").fill("Lê Khách Mời")
    page_g.get_by_label("Số điện thoại").fill("0912345678")
    page_g.get_by_role("button", name="Đăng ký").click()
    assert "Đúng 3/4 câu" in _take(page_g, contest.pk, 1, wrong=1, prediction=2)
    assert "Đúng 3/4 câu" in _take(page_a, contest.pk, 2, wrong=1, prediction=1)
    assert "Đúng 4/4 câu" in _take(page_b, contest.pk, 2, prediction=1)
    assert "Đúng 4/4 câu" in _take(page_a, contest.pk, 3, prediction=1)

    # A and B tie on right answers in round 1; make them tie on time to the millisecond too, so the
    # third rule decides: 2 entrants answered everything, A predicted 2, B predicted 7
    r1 = Round.objects.get(contest=contest, number=1)
    Attempt.objects.filter(round=r1, correct=4).update(millis=61_000)
    # the rounds' end passes; the scheduler's job closes them
    Round.objects.filter(contest=contest).update(
        start=now - timedelta(hours=2), end=now - timedelta(minutes=1)
    )
    call_command("learning", "close-rounds")
    assert not Round.objects.filter(contest=contest, closed_at=None).exists()

    admin.goto(f"/learning/contests/{contest.pk}/rounds/1/leaderboard/")
    rows = admin.locator("#ranking tbody tr").all_inner_texts()
    names = [admin.locator("#ranking tbody tr").nth(i).locator("td").nth(1).inner_text() for i in range(3)]
    assert names == [member_a.full_name, member_b.full_name, "Lê Khách Mời"]
    assert "Giải Nhất" in rows[0] and "Giải Nhì" in rows[1]
    assert "2 người đúng tất cả" in admin.locator("#count").inner_text()
    # per unit: A's district shows A only
    admin.goto(f"/learning/contests/{contest.pk}/rounds/1/leaderboard/?unit={district_a.code}")
    board = admin.locator("#ranking").inner_text()
    assert member_a.full_name in board and member_b.full_name not in board
    # round 2: right answers come first, whatever the time: B (4/4) above A (3/4)
    admin.goto(f"/learning/contests/{contest.pk}/rounds/2/leaderboard/")
    names2 = [admin.locator("#ranking tbody tr").nth(i).locator("td").nth(1).inner_text() for i in range(2)]
    assert names2 == [member_b.full_name, member_a.full_name]

    # the participation rate on the plan dashboard moved
    admin.goto(dashboard)
    after = admin.locator('tr[data-indicator="TL_DV_THI_TT"] td.actual').inner_text()
    assert after != before, (before, after)

    # certificates for round 1's winners, from the organiser page
    admin.goto(f"/learning/contests/{contest.pk}/manage/")
    admin.get_by_role("button", name="Cấp giấy chứng nhận cho người đạt giải lượt 1").click()
    admin.get_by_text("Đã cấp 3 giấy chứng nhận.").wait_for()
    cred = Credential.objects.get(member=member_a)
    # the winner sees it on their home and our page says valid
    page_a.goto("/")
    page_a.locator("#member-certificates").get_by_role("link", name=cred.achievement_name).click()
    page_a.locator("#status").get_by_text("Hợp lệ").wait_for()
    assert page_a.evaluate("document.documentElement.scrollWidth") <= 390
    if independent.available():
        independent.install()
        (result,) = independent.verify([cred.document])
        assert result == {"verified": True, "errors": [], "revoked": False}

    # revoked from the list of certificates: our page and the independent verifier reject it
    admin.goto("/credentials/?unit=HCM")
    row = admin.locator("tr", has_text=cred.achievement_name).filter(has_text=member_a.full_name)
    row.get_by_placeholder("Lý do thu hồi").fill("Vi phạm quy chế")
    row.get_by_role("button", name="Thu hồi").click()
    page_a.goto(f"/credentials/{cred.pk}")
    page_a.locator("#status").get_by_text("Đã thu hồi").wait_for()
    if independent.available():
        (result,) = independent.verify([Credential.objects.get(pk=cred.pk).document])
        assert result["revoked"] is True
    for ctx in (admin_ctx, ctx_a, ctx_b, ctx_g):
        ctx.close()
