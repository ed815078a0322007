"""The dues page (đoàn phí) per branch per month: who paid, amounts by category, shares, arrears."""

import pytest

from doanso.members.models import DuesPayment
from tests.factories import BranchFactory, DuesPaymentFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch(unit):
    return BranchFactory(parent=unit("HN"))


def test_paid_amounts_by_category_shares_and_arrears(login, branch):
    student = MemberFactory(branch=branch, full_name="Sinh Viên A", occupation="truong_hoc")
    worker = MemberFactory(branch=branch, full_name="Công Nhân B", occupation="cong_nhan")
    late = MemberFactory(branch=branch, full_name="Chưa Nộp C", occupation="cong_chuc")
    DuesPaymentFactory(member=student, month="2025-03")
    DuesPaymentFactory(member=worker, month="2025-03")
    r = login("hn.admin").get(f"/members/units/{branch.code}/dues/?month=2025-03")
    assert r.status_code == 200
    page = r.content.decode()
    # 2.000 đ (không hưởng lương) + 5.000 đ (hưởng lương); the branch keeps 2/3, sends 1/3 up
    totals = page.split('id="totals"')[1].split("</header>")[0]
    assert 'id="total">7.000<' in totals and 'id="kept">4.666<' in totals, totals
    assert 'id="sent-up">2.334<' in totals
    by_cat = page.split('id="by-category"')[1].split("</table>")[0]
    assert "<td>2.000</td><td>1.333</td><td>667</td>" in by_cat
    assert "<td>5.000</td><td>3.333</td><td>1.667</td>" in by_cat
    arrears = page.split('id="arrears"')[1].split("</form>")[0]
    assert "Chưa Nộp C" in arrears and "Sinh Viên A" not in arrears
    assert f'value="{late.pk}"' in arrears


def test_record_payments_from_the_arrears_list(login, branch):
    a = MemberFactory(branch=branch, occupation="truong_hoc")
    b = MemberFactory(branch=branch, occupation="llvt")
    c = login("hn.admin")
    r = c.post(
        f"/members/units/{branch.code}/dues/",
        {"month": "2025-04", "member_ids": [a.pk, b.pk], "paid_on": "2025-04-12"},
    )
    assert (r.status_code, r["Location"]) == (302, f"/members/units/{branch.code}/dues/?month=2025-04")
    rows = {
        p.member_id: (p.category, p.amount, p.kept, p.sent_up, str(p.paid_on))
        for p in DuesPayment.objects.filter(branch=branch, month="2025-04")
    }
    assert rows == {
        a.pk: ("hssv", 2000, 1333, 667, "2025-04-12"),
        b.pk: ("co_luong", 5000, 3333, 1667, "2025-04-12"),
    }
    page = c.get(r["Location"]).content.decode()
    assert "Đã ghi nhận 2 đoàn viên nộp đoàn phí tháng 2025-04." in page
    assert "Mọi đoàn viên đã nộp." in page


def test_nothing_chosen_or_someone_else_is_refused(login, branch, unit):
    MemberFactory(branch=branch)
    stranger = MemberFactory(branch=BranchFactory(parent=unit("HN")))
    c = login("hn.admin")
    r = c.post(f"/members/units/{branch.code}/dues/", {"month": "2025-04"})
    assert r.status_code == 400 and "Hãy chọn ít nhất một đoàn viên." in r.content.decode()
    r = c.post(f"/members/units/{branch.code}/dues/", {"month": "2025-04", "member_ids": [stranger.pk]})
    assert r.status_code == 400 and "Có đoàn viên không thuộc chi đoàn hoặc đã nộp." in r.content.decode()
    assert not DuesPayment.objects.filter(month="2025-04", branch=branch).exists()


def test_a_larger_unit_sees_the_month_per_branch(login, unit):
    parent = BranchFactory(parent=unit("HN"), kind="co_so")
    b1, b2 = BranchFactory(parent=parent), BranchFactory(parent=parent)
    DuesPaymentFactory(member=MemberFactory(branch=b1, occupation="truong_hoc"), month="2025-05")
    DuesPaymentFactory(member=MemberFactory(branch=b2, occupation="cong_nhan"), month="2025-05")
    # a đoàn cơ sở is a branch kind too; its own members are none, the subtree total is both
    page = login("hn.admin").get(f"/members/units/{parent.code}/dues/?month=2025-05").content.decode()
    assert 'id="total">7.000<' in page
    hn = login("hn.admin").get("/members/units/HN/dues/?month=2025-05").content.decode()
    by_branch = hn.split('id="by-branch"')[1].split("</table>")[0]
    assert b1.name in by_branch and b2.name in by_branch


def test_bad_month_and_other_provinces(login, branch):
    c = login("hn.admin")
    r = c.get(f"/members/units/{branch.code}/dues/?month=03-2025", follow=True)
    assert "Tháng “03-2025” không hợp lệ; hãy viết theo dạng YYYY-MM (ví dụ 2025-03)." in r.content.decode()
    assert login("hcm.admin").get(f"/members/units/{branch.code}/dues/").status_code == 404
