"""Đoàn phí rules as data, from the Union's sources: amounts by salaried / unsalaried, 2/3 kept at
each level and 1/3 sent up, at most 6 months of excusal, rows of the old data migrated, and only
the centre edits the rules."""

import json
import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest

from doanso.core.errors import UserError
from doanso.members import actions, selectors
from doanso.members.models import DuesExcusal, DuesRate, DuesRule
from tests.factories import BranchFactory, DuesPaymentFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch(unit):
    return BranchFactory(parent=unit("HN"))


def test_the_rule_in_force_cites_its_source():
    rule = selectors.dues_rule(date(2025, 3, 1))
    assert (rule.keep_numerator, rule.keep_denominator, rule.max_excused_months) == (2, 3, 6)
    assert (rule.branch_remit_months, rule.grassroots_remit_months, rule.province_remit_deadline) == (
        1,
        3,
        "30/12",
    )
    assert "Hướng dẫn thực hiện Điều lệ Đoàn" in rule.source and "Bình Thuận" in rule.source
    assert rule.valid_from == date(2011, 1, 1)
    rates = {
        r.category: (r.monthly_amount, r.valid_from) for r in DuesRate.objects.filter(valid_to__isnull=True)
    }
    assert rates == {
        "hssv": (2000, date(2011, 1, 1)),
        "khac": (2000, date(2011, 1, 1)),
        "co_luong": (5000, date(2011, 1, 1)),
    }


@pytest.mark.parametrize(
    "occupation, amount, kept, sent_up",
    [
        ("truong_hoc", 2000, 1333, 667),  # students: no salary
        ("dia_ban", 2000, 1333, 667),
        ("khac", 2000, 1333, 667),
        ("cong_nhan", 5000, 3333, 1667),  # salaried
        ("cong_chuc", 5000, 3333, 1667),
        ("llvt", 5000, 3333, 1667),
    ],
)
def test_amounts_by_salary_and_the_branch_keeps_two_thirds(branch, occupation, amount, kept, sent_up):
    p = DuesPaymentFactory(member=MemberFactory(branch=branch, occupation=occupation), month="2025-06")
    assert (p.amount, p.kept, p.sent_up) == (amount, kept, sent_up)


def test_the_branch_page_shows_where_the_month_ends_up_level_by_level(login, unit):
    grassroots = BranchFactory(parent=unit("HN"), kind="co_so")
    branch = BranchFactory(parent=grassroots)
    for occupation in ["truong_hoc"] * 3 + ["cong_nhan"] * 3:  # 3 × 2.000 + 3 × 5.000 = 21.000
        DuesPaymentFactory(member=MemberFactory(branch=branch, occupation=occupation), month="2025-05")
    page = login("hn.admin").get(f"/members/units/{branch.code}/dues/?month=2025-05").content.decode()
    levels = page.split('id="by-level"')[1].split("</table>")[0]
    # 21.000: the branch keeps 14.000 and sends 7.000; the grassroots keeps 4.667 of it, sends 2.333;
    # Thành đoàn Hà Nội keeps 1.555, sends 778 to the centre, which keeps it all
    rows = [
        (grassroots.name, "4.667"),
        (unit("HN").name, "1.555"),
        (unit("TW").name, "778"),
    ]
    assert f"<td>{branch.name}</td><td>14.000</td>" in levels
    for name, kept in rows:
        assert f"<td>{name}</td><td>{kept}</td>" in levels, levels
    rule = page.split('id="dues-rule"')[1].split("</section>")[0]
    assert "Mỗi cấp giữ lại 2/3" in rule and "Đơn vị này nộp lên cấp trên: hằng tháng." in rule
    assert "không quá 6 tháng" in rule and "tinhdoanbinhthuan.vn" in rule


def test_grassroots_pay_up_every_three_months_provinces_by_30_december(unit):
    rule = selectors.dues_rule(date(2025, 1, 1))
    assert selectors.remit_every(rule, BranchFactory(parent=unit("HN"), kind="co_so")) == "3 tháng một lần"
    assert selectors.remit_every(rule, unit("HN")) == "1–2 lần một năm, hạn cuối ngày 30/12 hằng năm"
    assert selectors.remit_every(rule, unit("TW")) == ""


def _excuse(client, branch, member, months, first="2025-03"):
    return client.post(
        f"/members/units/{branch.code}/dues/excuse/",
        {"member_id": member.pk, "first_month": first, "months": months, "reason": "Gia đình khó khăn"},
    )


def test_a_member_is_excused_for_at_most_six_months(login, unit):
    grassroots = BranchFactory(parent=unit("HN"), kind="co_so")
    branch = BranchFactory(parent=grassroots)
    m = MemberFactory(branch=branch, full_name="Khó Khăn A")
    other = MemberFactory(branch=branch, full_name="Bình Thường B")
    c = login("hn.admin")
    r = _excuse(c, branch, m, 7)
    assert r.status_code == 400
    assert "Đoàn viên chỉ được miễn đoàn phí không quá 6 tháng (đề nghị 7 tháng)" in r.content.decode()
    assert not DuesExcusal.objects.exists()
    r = _excuse(c, branch, m, 6)
    assert (r.status_code, r["Location"]) == (302, f"/members/units/{branch.code}/dues/?month=2025-03")
    assert list(DuesExcusal.objects.values_list("first_month", "last_month")) == [("2025-03", "2025-08")]
    # an excused member is not in arrears for those months, and is listed as excused
    for month, owes in [("2025-02", True), ("2025-03", False), ("2025-08", False), ("2025-09", True)]:
        arrears = {x.pk for x in selectors.dues_arrears(services_user(c), branch, month)}
        assert (m.pk in arrears, other.pk in arrears) == (owes, True), month
    page = c.get(f"/members/units/{branch.code}/dues/?month=2025-05").content.decode()
    assert "Khó Khăn A: từ tháng 2025-03 đến tháng 2025-08" in page.split('id="excused"')[1]
    # no second excusal overlapping the first
    r = _excuse(c, branch, m, 2, first="2025-08")
    assert r.status_code == 400 and "đã được miễn đoàn phí từ tháng 2025-03 đến 2025-08" in r.content.decode()
    # nor one straight after it: back-to-back excusals count as one run
    r = _excuse(c, branch, m, 1, first="2025-09")
    assert r.status_code == 400
    assert "không quá 6 tháng liên tục; cùng các lần miễn liền kề là 7 tháng (từ 2025-03 đến 2025-09)" in (
        r.content.decode()
    )
    assert DuesExcusal.objects.count() == 1
    # after a month of paying, hardship may be excused again
    assert _excuse(c, branch, m, 3, first="2025-10").status_code == 302
    assert DuesExcusal.objects.count() == 2


def services_user(client):
    from doanso.accounts.models import User

    return User.objects.get(pk=client.session["_auth_user_id"])


def test_excusal_is_decided_above_the_branch_and_in_scope(login, unit, branch):
    from tests.factories import UserFactory

    m = MemberFactory(branch=branch)
    branch_admin = UserFactory(unit=branch, username="cd.thu.admin")
    with pytest.raises(UserError, match="Việc miễn đoàn phí do Ban Chấp hành"):
        actions.dues.excuse_from_dues(branch_admin, m, "2025-03", 2, "Ốm dài ngày")
    assert _excuse(login("hcm.admin"), branch, m, 2).status_code == 404
    assert not DuesExcusal.objects.exists()


RULE_FORM = {
    "valid_from": "2027-01-01",
    "unsalaried_amount": "3.000",  # as Vietnamese write it: three thousand
    "salaried_amount": "6 nghìn",
    "keep_numerator": "2",
    "keep_denominator": "3",
    "max_excused_months": "6",
    "branch_remit_months": "1",
    "grassroots_remit_months": "3",
    "province_remits_per_year": "1–2",
    "province_remit_deadline": "30/12",
    "source": "Hướng dẫn thử (mức mới từ 2027)",
    "source_url": "https://example.vn/huong-dan",
    "rates_source": "Thông báo thử về mức đóng từ 2027",
}


def test_only_the_centre_edits_the_rules(login):
    before = (list(DuesRule.objects.values()), list(DuesRate.objects.values()))
    for who in ("hn.admin", "hcm.admin", "chidoan.demo"):
        c = login(who)
        page = c.get("/members/dues/rules/")
        assert page.status_code == 200 and 'id="rule-form"' not in page.content.decode()
        assert c.post("/members/dues/rules/", RULE_FORM).status_code == 404
    assert (list(DuesRule.objects.values()), list(DuesRate.objects.values())) == before
    c = login("tw.admin")
    form = c.get("/members/dues/rules/").content.decode().split('id="rule-form"')[1]
    assert 'name="unsalaried_amount" value="2.000"' in form and 'name="salaried_amount" value="5.000"' in form
    r = c.post("/members/dues/rules/", RULE_FORM)
    assert (r.status_code, r["Location"]) == (302, "/members/dues/rules/")
    assert selectors.dues_rule(date(2027, 2, 1)).source == "Hướng dẫn thử (mức mới từ 2027)"
    assert selectors.dues_rate("hssv", date(2026, 12, 1)).monthly_amount == 2000
    assert selectors.dues_rate("hssv", date(2027, 1, 1)).monthly_amount == 3000
    assert selectors.dues_rate("co_luong", date(2027, 1, 1)).monthly_amount == 6000
    page = c.get("/members/dues/rules/").content.decode()
    assert "Thông báo thử về mức đóng từ 2027" in page and "01/01/2027" in page


def test_the_centre_cannot_save_a_share_of_one_or_more_or_a_doubtful_amount(login):
    c = login("tw.admin")
    r = c.post("/members/dues/rules/", RULE_FORM | {"keep_numerator": "3"})
    assert r.status_code == 400 and "Phần giữ lại phải là một phân số nhỏ hơn 1" in r.content.decode()
    r = c.post("/members/dues/rules/", RULE_FORM | {"unsalaried_amount": "2,5"})
    assert r.status_code == 400 and "Số tiền phải là số nguyên dương (đồng)." in r.content.decode()
    assert not DuesRule.objects.filter(valid_from=date(2027, 1, 1)).exists()


def _migration_db() -> tuple[str, callable]:
    """A database of its own for the migration walk: SQLite file, or a scratch PostgreSQL database
    next to the test one when the suite runs on PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"doanso-mig-{uuid.uuid4().hex}.sqlite3"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    import psycopg

    s = connection.settings_dict
    name = f"{s['NAME']}_mig{uuid.uuid4().hex[:8]}"
    conninfo = dict(
        host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"], password=s["PASSWORD"]
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')

    auth = f"{s['USER']}:{s['PASSWORD']}@" if s["PASSWORD"] else f"{s['USER']}@"
    return f"postgres://{auth}{conninfo['host']}:{conninfo['port']}/{name}", drop


def run_migration_check(script: str) -> dict:
    """Run `script` (beside this file) against a throw-away database; its last output line is JSON."""
    url, cleanup = _migration_db()
    try:
        out = subprocess.run(
            [sys.executable, str(Path(__file__).with_name(script))],
            env=os.environ | {"DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        cleanup()
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_migration_0005_moves_existing_rows_to_the_sources_and_back():
    res = run_migration_check("migration_0005_check.py")
    old_source = "Hướng dẫn thực hiện Điều lệ Đoàn (mức đo"
    new_source = "Mức đóng đoàn phí từ ngày 01/01/2011: 2."
    assert res["before"]["rates"] == [
        ["co_luong", 5000, "2013-01-01", 60, old_source],
        ["hssv", 2000, "2013-01-01", 60, old_source],
        ["khac", 2000, "2013-01-01", 60, old_source],
    ]
    assert res["before"]["payments"] == [[2000, 1200, 800], [5000, 3000, 2000]]  # 60 % kept
    assert res["after"]["rates"] == [
        ["co_luong", 5000, "2011-01-01", None, new_source],
        ["hssv", 2000, "2011-01-01", None, new_source],
        ["khac", 2000, "2011-01-01", None, new_source],
    ]
    assert res["after"]["payments"] == [[2000, 1333, 667], [5000, 3333, 1667]]  # 2/3 kept
    assert res["after"]["rules"] == [["2011-01-01", 2, 3, 6, "http://tinhdoanbinhthuan.vn/do"]]
    assert res["back"] == res["before"] and res["again"] == res["after"]
