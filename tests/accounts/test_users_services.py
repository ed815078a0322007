"""accounts.services: creating users and granting roles only inside the actor's subtree."""

import pytest

from doanso.accounts import services
from doanso.accounts.models import Role, User
from doanso.core.errors import UserError
from doanso.core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_admin_creates_account_in_sub_unit(user, unit):
    actor = user("hn.admin")
    u = services.create_user(
        actor,
        unit("HN-P002"),
        "cb.p002",
        role="staff",
        full_name="Trần Thị Bình",
        email="Binh@Example.vn",
        phone="+84 987 111 222",
        password="mat-khau-dai-2025",
    )
    assert (u.username, u.email, u.phone, u.first_name) == (
        "cb.p002",
        "binh@example.vn",
        "0987111222",
        "Trần Thị Bình",
    )
    assert u.generated_password is None
    role = u.roles.get()
    assert (role.unit.code, role.role, role.granted_by) == ("HN-P002", "staff", actor)
    log = AuditLog.objects.get(action="user.create", object_id=str(u.pk))
    assert (log.actor, log.unit, log.data) == (
        actor,
        unit("HN-P002"),
        {"username": "cb.p002", "role": "staff"},
    )


def test_generated_password_works(user, unit):
    u = services.create_user(user("hn.admin"), unit("HN"), "no.pw", role="staff")
    assert len(u.generated_password) >= 12
    assert User.objects.get(pk=u.pk).check_password(u.generated_password)


@pytest.mark.parametrize("code", ["HCM", "TW", "CT"])
def test_admin_cannot_create_outside_subtree(user, unit, code):
    with pytest.raises(UserError) as e:
        services.create_user(user("hn.admin"), unit(code), "x.y", role="admin")
    assert e.value.field == "unit"
    assert e.value.message.startswith("Bạn không có quyền quản trị đơn vị")
    assert not User.objects.filter(username="x.y").exists()


def test_staff_cannot_create(user, unit):
    staff = User.objects.create_user("hn.staff", password="x-very-long-pw")
    Role.objects.create(user=staff, unit=unit("HN"), role="staff")
    with pytest.raises(UserError):
        services.create_user(staff, unit("HN"), "x.y", role="staff")


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"username": "HN.ADMIN"}, "username", "Tên đăng nhập “HN.ADMIN” đã được dùng."),
        (
            {"username": "a b"},
            "username",
            "Tên đăng nhập chỉ gồm chữ, số và . _ - (không dấu cách, không có @).",
        ),
        ({"username": ""}, "username", "Tên đăng nhập không được để trống."),
        (
            {"email": "hcm.admin@demo.doanso.vn"},
            "email",
            "Địa chỉ e-mail “hcm.admin@demo.doanso.vn” đã được dùng cho tài khoản khác.",
        ),
        ({"email": "khong-hop-le"}, "email", "Địa chỉ e-mail “khong-hop-le” không hợp lệ."),
        ({"phone": "0912 000 001"}, "phone", "Số điện thoại “0912 000 001” đã được dùng cho tài khoản khác."),
        ({"phone": "12"}, "phone", "Số điện thoại “12” không hợp lệ."),
        ({"role": "boss"}, "role", "Vai trò “boss” không hợp lệ; chọn admin, staff hoặc member."),
    ],
)
def test_bad_input_names_the_field(user, unit, kw, field, message):
    args = {"username": "moi", "role": "staff"} | kw
    before = User.objects.count()
    with pytest.raises(UserError) as e:
        services.create_user(user("hn.admin"), unit("HN"), args.pop("username"), **args)
    assert (e.value.field, e.value.message) == (field, message)
    assert User.objects.count() == before


def test_cannot_create_in_dissolved_unit(user, unit):
    gone = unit("HN-H01")
    with pytest.raises(UserError) as e:
        services.create_user(user("hn.admin"), gone, "x.y", role="staff")
    assert (e.value.field, e.value.message) == ("unit", f"Đơn vị “{gone.name}” đã giải thể/sáp nhập.")


def test_member_account_linked_to_record(user, unit):
    branch = user("chidoan.demo").roles.get().unit
    member = branch.members.filter(status="active").exclude(account__isnull=False).first()
    u = services.create_user(user("chidoan.demo"), branch, "dv.moi", role="member", member=member)
    assert u.member == member
    with pytest.raises(UserError) as e:
        services.create_user(user("chidoan.demo"), branch, "dv.moi2", role="member", member=member)
    assert e.value.field == "member"


def test_grant_and_revoke_are_scoped_and_audited(user, unit):
    actor = user("hn.admin")
    u = services.create_user(actor, unit("HN-P001"), "cb.p001", role="staff")
    r = services.grant_role(actor, u, unit("HN"), "admin")
    assert AuditLog.objects.filter(action="role.grant", object_id=str(r.pk)).count() == 1
    with pytest.raises(UserError) as e:
        services.grant_role(actor, u, unit("HN"), "admin")
    assert e.value.message == "“cb.p001” đã có vai trò quản trị tại “Thành đoàn Hà Nội”."
    with pytest.raises(UserError):
        services.grant_role(actor, u, unit("HCM"), "staff")
    services.revoke_role(actor, r)
    assert not Role.objects.filter(pk=r.pk).exists()
    assert AuditLog.objects.filter(action="role.revoke", data__username="cb.p001").count() == 1
    with pytest.raises(UserError):
        services.revoke_role(actor, user("hcm.admin").roles.get())


def test_managed_user_hides_other_provinces(user):
    assert services.managed_user(user("ct.admin"), "chidoan.demo") == user("chidoan.demo")
    assert services.managed_user(user("ct.admin"), "0912000001") == user("chidoan.demo")
    with pytest.raises(UserError) as e:
        services.managed_user(user("hn.admin"), "chidoan.demo")
    assert e.value.message == "Không tìm thấy tài khoản “chidoan.demo” trong phạm vi bạn quản lý."
    assert services.managed_user(None, "hcm.admin") == user("hcm.admin")


def test_roles_in_is_scoped(user, unit):
    codes = [(r.user.username, r.unit.code) for r in services.roles_in(user("tw.admin"), unit("CT"))]
    assert codes == [
        ("ct.admin", "CT"),
        ("chidoan.demo", "ST-H01-X01-C01"),
        ("doanvien.demo", "ST-H01-X01-C01"),
    ]
    assert list(services.roles_in(user("hn.admin"), unit("CT"))) == []
