"""Account management for unit admins: list, create, grant, revoke — only inside their subtree."""

import pytest

from doanso.accounts.models import Role, User
from doanso.core.models import AuditLog

pytestmark = pytest.mark.django_db


def form(**kw) -> dict:
    data = {
        "username": "bt.p001",
        "full_name": "Nguyễn Văn An",
        "email": "an@example.vn",
        "phone": "0987654321",
        "password": "mat-khau-rat-dai-2025",
        "role": "admin",
        "unit": "HN-P001",
    }
    data.update(kw)
    return data


def test_list_shows_accounts_of_the_subtree(login):
    r = login("hn.admin").get("/units/HN/accounts/")
    assert r.status_code == 200
    assert [(x.user.username, x.unit.code, x.role) for x in r.context["roles"]] == [
        ("hn.admin", "HN", "admin")
    ]
    body = r.content.decode()
    assert "Tạo tài khoản" in body and "Cấp vai trò" in body


def test_create_account_in_a_sub_unit(login, unit):
    c = login("hn.admin")
    r = c.post("/units/HN/accounts/", form())
    assert r.status_code == 302
    assert r["Location"] == "/units/HN/accounts/"
    u = User.objects.get(username="bt.p001")
    assert (u.first_name, u.email, u.phone) == ("Nguyễn Văn An", "an@example.vn", "0987654321")
    assert u.check_password("mat-khau-rat-dai-2025")
    assert list(u.roles.values_list("unit__code", "role")) == [("HN-P001", "admin")]
    log = AuditLog.objects.get(action="user.create", object_id=str(u.pk))
    assert log.actor.username == "hn.admin"
    assert log.unit == unit("HN-P001")
    r = c.get("/units/HN/accounts/")
    assert "Đã tạo tài khoản “bt.p001”." in r.content.decode()


def test_generated_password_is_shown_once(login):
    c = login("hn.admin")
    c.post("/units/HN/accounts/", form(password=""))
    body = c.get("/units/HN/accounts/").content.decode()
    assert "Mật khẩu: " in body and "(chỉ hiện một lần)." in body
    assert "(chỉ hiện một lần)." not in c.get("/units/HN/accounts/").content.decode()


def test_cannot_create_account_in_another_province(login):
    r = login("hn.admin").post("/units/HN/accounts/", form(unit="HCM"))
    assert r.status_code == 200
    assert r.context["create_form"].errors == {"unit": ["Không tìm thấy đơn vị “HCM” trong phạm vi của bạn."]}
    assert not User.objects.filter(username="bt.p001").exists()


def test_cannot_post_to_another_units_accounts(login):
    assert login("hn.admin").post("/units/HCM/accounts/", form(unit="HCM")).status_code == 404
    assert not User.objects.filter(username="bt.p001").exists()


def test_duplicate_username_is_a_field_error(login):
    r = login("hn.admin").post("/units/HN/accounts/", form(username="HCM.admin"))
    assert r.status_code == 200
    assert r.context["create_form"].errors == {"username": ["Tên đăng nhập “HCM.admin” đã được dùng."]}


def test_weak_password_is_refused(login):
    r = login("hn.admin").post("/units/HN/accounts/", form(password="123"))
    assert r.status_code == 200
    assert list(r.context["create_form"].errors) == ["password"]
    assert not User.objects.filter(username="bt.p001").exists()


def test_staff_cannot_manage_accounts(login, unit, django_user_model):
    staff = django_user_model.objects.create_user("hn.staff", password="x-very-long-pw")
    Role.objects.create(user=staff, unit=unit("HN"), role="staff")
    c = login("hn.staff")
    assert c.get("/units/HN/").status_code == 200
    assert c.get("/units/HN/accounts/").status_code == 404
    assert c.post("/units/HN/accounts/", form()).status_code == 404


def test_grant_and_revoke(login, unit):
    c = login("hn.admin")
    c.post("/units/HN/accounts/", form())
    r = c.post("/units/HN/accounts/grant/", {"username": "an@example.vn", "role": "staff", "unit": "HN"})
    assert r.status_code == 302
    u = User.objects.get(username="bt.p001")
    assert sorted(u.roles.values_list("unit__code", "role")) == [("HN", "staff"), ("HN-P001", "admin")]
    assert AuditLog.objects.filter(action="role.grant", data__username="bt.p001").count() == 1
    role = u.roles.get(unit__code="HN")
    r = c.post(f"/units/HN/accounts/{role.pk}/revoke/")
    assert r.status_code == 302
    assert list(u.roles.values_list("unit__code", "role")) == [("HN-P001", "admin")]
    assert AuditLog.objects.filter(action="role.revoke", data__username="bt.p001").count() == 1


def test_grant_to_a_user_of_another_province_is_refused(login):
    r = login("hn.admin").post(
        "/units/HN/accounts/grant/", {"username": "hcm.admin", "role": "staff", "unit": "HN"}
    )
    assert r.status_code == 200
    assert r.context["grant_form"].errors == {
        "username": ["Không tìm thấy tài khoản “hcm.admin” trong phạm vi bạn quản lý."]
    }
    assert not Role.objects.filter(user__username="hcm.admin", unit__code="HN").exists()


def test_cannot_revoke_outside_subtree_or_own_role(login, user):
    c = login("hn.admin")
    hcm_role = user("hcm.admin").roles.get()
    assert c.post(f"/units/HN/accounts/{hcm_role.pk}/revoke/").status_code == 404
    own = user("hn.admin").roles.get()
    r = c.post(f"/units/HN/accounts/{own.pk}/revoke/")
    assert r.status_code == 302
    assert Role.objects.filter(pk=own.pk).exists()
    assert "Bạn không thể tự thu hồi vai trò của chính mình." in c.get("/units/HN/accounts/").content.decode()


def test_branch_secretary_manages_only_their_branch(login):
    c = login("chidoan.demo")
    assert c.get("/units/ST-H01-X01-C01/accounts/").status_code == 200
    r = c.post("/units/ST-H01-X01-C01/accounts/", form(unit="CT"))
    assert r.context["create_form"].errors == {"unit": ["Không tìm thấy đơn vị “CT” trong phạm vi của bạn."]}
