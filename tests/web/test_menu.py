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
    # Công tác
    "import",
    "transfers",
    "accounts",
    # Phong trào
    "activities",
    "learning",
    "outreach",
    "ideas",
    "surveys",
    "exemplars",
    # Tra cứu
    "places",
    "map",
    "agenda",
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
        (
            "doanvien.demo",
            ["home", "me", "activities", "learning", "ideas", "surveys", "exemplars", "map", "agenda"],
        ),
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
        "Tài khoản",
        "Hoạt động",
        "Học tập, thi",
        "Tin tốt, truyền thông",
        "Ý tưởng",
        "Khảo sát",
        "Hình mẫu thanh niên",
        "Địa chỉ đỏ",
        "Bản đồ",
        "Lịch",
    ]
    assert nav_labels(html, "Điều hướng chính") == labels
    # the rarer ones under three headings, the everyday ones in sight
    assert re.findall(r"<summary>(.*?)</summary>", html) == ["Công tác", "Phong trào", "Tra cứu"]
    # the phone's bottom bar: the four everyday destinations and "Thêm", the current page marked
    assert nav_labels(html, "Điều hướng nhanh") == ["⌂Việc", "◉Đoàn viên", "▤Kế hoạch", "✎Báo cáo", "☰Thêm"]
    assert f'<a href="{urls["members"]}" aria-current="page">' in html


def test_more_page_lists_every_destination_in_its_group(login, user):
    c = login("chidoan.demo")
    html = c.get("/menu/").content.decode()
    main = html[html.index('<main class="page"') :]
    for item in menu_for(user("chidoan.demo")):
        assert f'<a href="{item.url}">' in main, item.key
    assert [h for h in re.findall(r'<h2 id="menu-[a-z]+">(.*?)</h2>', main)] == [
        "Thường dùng",
        "Công tác",
        "Phong trào",
        "Tra cứu",
    ]
    # on a page of a group's item, "Thêm" is the bar's current item and the group is marked
    html = c.get("/members/transfers/").content.decode()
    assert '<a href="/menu/" aria-current="page">' in html
    assert '<details class="menu-group current">' in html
    assert c.get("/menu/").status_code == 200 and c.logout() is None
    assert c.get("/menu/").status_code == 302  # login first


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
        "Khảo sát",
        "Hình mẫu thanh niên",
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


def test_every_menu_icon_has_a_glyph_in_the_installed_fonts(user):
    """An icon no installed font draws shows as an empty box ("⌖" did, found by the page-walk)."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig is not installed")
    icons = {item.icon for name in ("tw.admin", "doanvien.demo") for item in menu_for(user(name))}
    assert icons

    def drawn(icon: str) -> bool:
        query = [f":charset={ord(icon):x}", "family"]
        found = subprocess.run(["fc-list", *query], capture_output=True, text=True)
        return bool(found.stdout.strip())

    missing = [icon for icon in icons if not drawn(icon)]
    assert missing == []
