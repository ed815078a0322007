"""`doanso users create|grant|revoke|list`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from doanso.accounts.models import User

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("users", *args, stdout=out)
    return out.getvalue()


def test_create_with_password():
    out = run(
        "create",
        "bt.hn",
        "--unit",
        "HN",
        "--role",
        "admin",
        "--email",
        "bt@hn.vn",
        "--phone",
        "0901234567",
        "--password",
        "mat-khau-dai-2025",
        "--name",
        "Lê Văn C",
    )
    assert out == "Đã tạo tài khoản “bt.hn” (quản trị tại Thành đoàn Hà Nội, mã HN).\n"
    u = User.objects.get(username="bt.hn")
    assert (u.email, u.phone, u.first_name) == ("bt@hn.vn", "0901234567", "Lê Văn C")
    assert u.check_password("mat-khau-dai-2025")
    assert list(u.roles.values_list("unit__code", "role")) == [("HN", "admin")]


def test_create_generates_password():
    out = run("create", "cb.hcm", "--unit", "HCM", "--role", "staff")
    line = out.splitlines()[1]
    assert line.startswith("Mật khẩu: ")
    password = line.removeprefix("Mật khẩu: ").split()[0]
    assert User.objects.get(username="cb.hcm").check_password(password)


def test_create_errors_are_vietnamese():
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị “XX”."):
        run("create", "a", "--unit", "XX", "--role", "admin")
    with pytest.raises(CommandError, match="Tên đăng nhập “hn.admin” đã được dùng."):
        run("create", "hn.admin", "--unit", "HN", "--role", "admin")
    with pytest.raises(CommandError, match="Mật khẩu không đạt yêu cầu"):
        run("create", "abc", "--unit", "HN", "--role", "admin", "--password", "123")
    assert not User.objects.filter(username="abc").exists()


def test_grant_revoke_and_list():
    assert run("grant", "hn.admin", "--unit", "HN-P001", "--role", "staff") == (
        "Đã cấp vai trò cán bộ tại Đoàn xã Lạc Nam cho “hn.admin”.\n"
    )
    out = run("list", "--unit", "HN")
    assert out.splitlines() == [
        "hn.admin\tadmin\tHN\tThành đoàn Hà Nội\thn.admin@demo.doanso.vn",
        "hn.admin\tstaff\tHN-P001\tThành đoàn Hà Nội\thn.admin@demo.doanso.vn",
        "Tổng cộng: 2 vai trò.",
    ]
    assert run("revoke", "hn.admin", "--unit", "HN-P001", "--role", "staff") == (
        "Đã thu hồi vai trò cán bộ tại Đoàn xã Lạc Nam của “hn.admin”.\n"
    )
    with pytest.raises(CommandError, match="không có vai trò cán bộ"):
        run("revoke", "hn.admin", "--unit", "HN-P001", "--role", "staff")
    with pytest.raises(CommandError, match="đã có vai trò quản trị"):
        run("grant", "hn.admin", "--unit", "HN", "--role", "admin")


def test_unknown_role_is_refused():
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("users", "create", "x", "--unit", "HN", "--role", "boss")
