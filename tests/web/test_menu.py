"""The main menu is computed from the user's roles (web.menu): each demo account sees what it may do."""

import re

import pytest

from doanso.web.menu import active_key, menu_for

pytestmark = pytest.mark.django_db

MANAGER = [
    "home",
    "members",
    "plans",
    "reports",
    "import",
    "transfers",
    "learning",
    "outreach",
    "ideas",
    "activities",
    "places",
    "map",
    "agenda",
    "accounts",
]


def nav_labels(html: str, label: str) -> list[str]:
    """The link texts of the <nav> with that aria-label."""
    m = re.search(rf'<nav class="[^"]*" aria-label="{label}">(.*?)</nav>', html, re.S)
    assert m, label
    return [re.sub(r"<[^>]+>", "", a).strip() for a in re.findall(r"<a [^>]*>(.*?)</a>", m[1], re.S)]


@pytest.mark.parametrize(
    ("username", "keys"),
    [
        ("tw.admin", MANAGER),
        ("hn.admin", MANAGER),
        ("chidoan.demo", MANAGER),
        ("doanvien.demo", ["home", "me", "activities", "learning", "ideas", "map", "agenda"]),
    ],
)
def test_menu_per_demo_account(user, username, keys):
    assert [i.key for i in menu_for(user(username))] == keys


def test_branch_secretary_menu_points_at_own_branch(user, login):
    u = user("chidoan.demo")
    branch = u.roles.first().unit
    urls = {i.key: i.url for i in menu_for(u)}
    assert urls["members"] == f"/members/units/{branch.code}/"
    assert urls["reports"] == f"/reports/units/{branch.code}/due/"
    assert urls["accounts"] == f"/units/{branch.code}/accounts/"
    html = login("chidoan.demo").get(urls["members"]).content.decode()
    labels = [
        "Việc cần làm",
        "Đoàn viên",
        "Kế hoạch",
        "Báo cáo",
        "Nhập văn bản",
        "Chuyển sinh hoạt",
        "Học tập, thi",
        "Tin tốt, truyền thông",
        "Ý tưởng",
        "Hoạt động",
        "Địa chỉ đỏ",
        "Bản đồ",
        "Lịch",
        "Tài khoản",
    ]
    assert nav_labels(html, "Điều hướng chính") == labels
    # the phone's bottom bar has the same destinations, the current page marked
    assert len(nav_labels(html, "Điều hướng nhanh")) == len(labels)
    assert f'<a href="{urls["members"]}" aria-current="page">' in html


def test_staff_without_admin_sees_no_accounts(user, unit):
    from doanso.accounts.models import Role, RoleKind, User

    staff = User.objects.create_user("hn.staff", password="x")
    Role.objects.create(user=staff, unit=unit("HN"), role=RoleKind.STAFF)
    assert [i.key for i in menu_for(staff)] == [k for k in MANAGER if k != "accounts"]


def test_member_sees_no_admin_menu(login):
    html = login("doanvien.demo").get("/").content.decode()
    member_menu = [
        "Việc cần làm",
        "Hồ sơ của tôi",
        "Hoạt động của tôi",
        "Học tập, thi",
        "Ý tưởng",
        "Bản đồ",
        "Lịch",
    ]
    assert nav_labels(html, "Điều hướng chính") == member_menu
    for admin_word in (
        "Nhập văn bản",
        "Chuyển sinh hoạt",
        "Tài khoản",
        "Tìm đơn vị",
        "chưa được giao đơn vị",
    ):
        assert admin_word not in html


def test_skip_link_targets_main(login):
    html = login("chidoan.demo").get("/").content.decode()
    assert html.index('class="skip" href="#main"') < html.index('<header class="top">')
    assert '<main class="page" id="main"' in html


def test_anonymous_has_no_menu(client):
    html = client.get("/login/").content.decode()
    assert "Điều hướng chính" not in html and "Điều hướng nhanh" not in html
    assert menu_for(None) == []


def test_active_key_prefers_longest_prefix(user):
    items = menu_for(user("chidoan.demo"))
    assert active_key(items, "/") == "home"
    assert active_key(items, "/members/transfers/") == "transfers"
    assert active_key(items, "/plans/3/") == "plans"
    assert active_key(items, "/nowhere/") is None
