"""Password policy, reset by e-mail (locmem), change, and reset by an admin of a higher unit."""

import re

import pytest
from django.core import mail
from django.test import Client

from doanso.accounts.models import ApiToken
from doanso.core.errors import UserError

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------- policy


def test_admin_passwords_need_ten_characters(unit):
    from doanso.accounts import services

    with pytest.raises(UserError, match="ít nhất 10 ký tự"):
        services.create_user(None, unit("HN"), "hn.new.admin", role="admin", password="Kx7-qp2z!")
    u = services.create_user(None, unit("HN"), "hn.new.staff", role="staff", password="Kx7-qp2z!")
    assert u.check_password("Kx7-qp2z!")  # 9 characters are fine for staff
    services.create_user(None, unit("HN"), "hn.admin.two", role="admin", password="Kx7-qp2z!9w")


def test_password_like_the_username_is_refused(unit):
    from doanso.accounts import services

    with pytest.raises(UserError, match="Mật khẩu không đạt yêu cầu"):
        services.create_user(None, unit("HN"), "nguyenvanbinh", role="staff", password="nguyenvanbinh1")


# ---------------------------------------------------------------------------- reset by e-mail


def _reset_link(body: str) -> str:
    return re.search(r"https?://[^/]+(/password/reset/[^/]+/[^/]+/)", body).group(1)


def test_password_reset_by_email(settings, user, demo_password):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    u = user("chidoan.demo")
    key = ApiToken.issue(u)
    c = Client()
    assert c.get("/password/reset/").status_code == 200
    r = c.post("/password/reset/", {"email": "CHIDOAN.DEMO@demo.doanso.vn"})
    assert r.status_code == 302 and r["Location"] == "/password/reset/sent/"
    assert c.get(r["Location"]).status_code == 200
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == ["chidoan.demo@demo.doanso.vn"]
    assert msg.subject == "Đặt lại mật khẩu Đoàn Số"
    assert "Tên đăng nhập của bạn: chidoan.demo" in msg.body
    link = _reset_link(msg.body)
    r = c.get(link, follow=True)  # Django swaps the token for a session key, then shows the form
    assert r.status_code == 200 and "Đặt mật khẩu mới" in r.content.decode()
    form_url = r.redirect_chain[-1][0]
    bad = c.post(form_url, {"new_password1": "123", "new_password2": "123"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode() or "error" in bad.content.decode()
    done = c.post(form_url, {"new_password1": "Lua-do-2026-moi", "new_password2": "Lua-do-2026-moi"})
    assert done.status_code == 302 and done["Location"] == "/password/reset/done/"
    assert c.get(done["Location"]).status_code == 200
    u.refresh_from_db()
    assert u.check_password("Lua-do-2026-moi")
    assert ApiToken.objects.get(key_hash=ApiToken.hash(key)).revoked_reason == "password_changed"
    assert c.get(link, follow=True).context["validlink"] is False  # one use only


def test_unknown_email_sends_nothing_and_says_the_same(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    r = Client().post("/password/reset/", {"email": "nobody@example.com"})
    assert r.status_code == 302 and r["Location"] == "/password/reset/sent/"
    assert mail.outbox == []


# ---------------------------------------------------------------------------- change


def test_password_change_ends_other_sessions_and_tokens(user, demo_password):
    u = user("hn.admin")
    key = ApiToken.issue(u)
    other = Client()
    other.post("/login/", {"username": "hn.admin", "password": demo_password})
    me = Client()
    me.post("/login/", {"username": "hn.admin", "password": demo_password})
    assert me.get("/password/").status_code == 200
    r = me.post(
        "/password/",
        {
            "old_password": demo_password,
            "new_password1": "Sao-vang-2026-x",
            "new_password2": "Sao-vang-2026-x",
        },
    )
    assert r.status_code == 302
    assert me.get("/").status_code == 200  # this session stays
    assert other.get("/").status_code == 302  # the other one is gone
    assert Client().get("/api/v1/units", headers={"Authorization": f"Bearer {key}"}).status_code == 401


# ---------------------------------------------------------------------------- admin of a higher unit


def _branch_user():
    from doanso.accounts.models import User

    return User.objects.get(username="chidoan.demo")


def _admin_over(user_obj):
    from doanso.accounts.models import User
    from doanso.accounts.scoping import can_administer

    unit = user_obj.roles.first().unit
    for name in ("hn.admin", "hcm.admin", "ct.admin"):
        if can_administer(User.objects.get(username=name), unit):
            return name, unit
    raise AssertionError("no province admin over chidoan.demo")


def test_admin_of_a_higher_unit_resets_a_password_from_the_web(login, demo_password):
    target = _branch_user()
    admin, unit = _admin_over(target)
    code = unit.path and target.roles.first().unit.code
    key = ApiToken.issue(target)
    victim_session = Client()
    victim_session.post("/login/", {"username": "chidoan.demo", "password": demo_password})
    c = login(admin)
    from doanso.accounts.models import User

    top = next(r.unit for r in User.objects.get(username=admin).roles.all())
    page = c.get(f"/units/{top.code}/accounts/users/{target.pk}/")
    assert page.status_code == 200
    assert key[:8] in page.content.decode()
    r = c.post(f"/units/{top.code}/accounts/users/{target.pk}/reset-password/", follow=True)
    text = r.content.decode()
    new = re.search(r"Mật khẩu mới: (\S+) \(chỉ hiện một lần\)", text).group(1)
    target.refresh_from_db()
    assert target.check_password(new)
    assert victim_session.get("/").status_code == 302
    assert Client().get("/api/v1/units", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert code


def test_admin_ends_a_users_sessions_and_tokens(login, demo_password):
    from doanso.accounts.models import User

    target = _branch_user()
    admin, _ = _admin_over(target)
    top = next(r.unit for r in User.objects.get(username=admin).roles.all())
    key = ApiToken.issue(target)
    s = Client()
    s.post("/login/", {"username": "chidoan.demo", "password": demo_password})
    r = login(admin).post(f"/units/{top.code}/accounts/users/{target.pk}/logout/", follow=True)
    assert "Đã kết thúc 1 phiên đăng nhập và thu hồi 1 mã truy cập" in r.content.decode()
    assert s.get("/").status_code == 302
    assert Client().get("/api/v1/units", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_foreign_admin_and_lower_admin_cannot_reset(login):
    from doanso.accounts.models import User

    target = _branch_user()
    admin, _ = _admin_over(target)
    foreign = next(n for n in ("hn.admin", "hcm.admin", "ct.admin") if n != admin)
    ftop = next(r.unit for r in User.objects.get(username=foreign).roles.all())
    c = login(foreign)
    assert c.get(f"/units/{ftop.code}/accounts/users/{target.pk}/").status_code == 404
    assert c.post(f"/units/{ftop.code}/accounts/users/{target.pk}/reset-password/").status_code == 404
    # the branch admin may not reset the province admin above them
    top = next(r.unit for r in User.objects.get(username=admin).roles.all())
    branch = target.roles.first().unit
    up = User.objects.get(username=admin)
    assert (
        login("chidoan.demo").post(f"/units/{branch.code}/accounts/users/{up.pk}/reset-password/").status_code
        == 404
    )
    assert top


def test_a_user_who_also_holds_a_higher_role_cannot_be_reset_from_below(login):
    """resettable_user: every role of the target must lie inside the actor's admin scope."""
    from doanso.accounts.models import Role, User

    branch_admin = _branch_user()
    branch = branch_admin.roles.first().unit
    admin, province = _admin_over(branch_admin)
    province_admin = User.objects.get(username=admin)
    Role.objects.create(user=province_admin, unit=branch, role="staff")  # also staff of the branch
    c = login("chidoan.demo")
    assert c.get(f"/units/{branch.code}/accounts/users/{province_admin.pk}/").status_code == 404
    assert (
        c.post(f"/units/{branch.code}/accounts/users/{province_admin.pk}/reset-password/").status_code == 404
    )
    assert province
