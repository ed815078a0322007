"""Login by username, e-mail or phone; throttling; logout by POST."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese():
    r = Client().get("/login/")
    assert r.status_code == 200
    assert 'lang="vi"' in r.content.decode()
    assert "Tên đăng nhập, e-mail hoặc số điện thoại" in r.content.decode()


def test_anonymous_is_sent_to_login():
    r = Client().get("/units/HN/")
    assert r.status_code == 302
    assert r["Location"] == "/login/?next=/units/HN/"


@pytest.mark.parametrize("ident", ["hn.admin", "HN.Admin", "hn.admin@demo.doanso.vn"])
def test_login_with_username_or_email(ident, demo_password):
    c = Client()
    r = c.post("/login/", {"username": ident, "password": demo_password})
    assert r.status_code == 302
    assert r["Location"] == "/"
    assert c.get("/").status_code == 200


@pytest.mark.parametrize("phone", ["0912000001", "+84 912 000 001"])
def test_login_with_phone(phone, demo_password):
    c = Client()
    r = c.post(
        "/login/?next=/units/ST-H01-X01-C01/",
        {"username": phone, "password": demo_password, "next": "/units/ST-H01-X01-C01/"},
    )
    assert r.status_code == 302
    assert r["Location"] == "/units/ST-H01-X01-C01/"


def test_wrong_password_is_refused_in_vietnamese():
    r = Client().post("/login/", {"username": "hn.admin", "password": "sai-mat-khau"})
    assert r.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in r.content.decode()


def test_lockout_after_five_failures(demo_password):
    c = Client()
    for _ in range(4):
        assert c.post("/login/", {"username": "hcm.admin", "password": "sai"}).status_code == 200
    r = c.post("/login/", {"username": "hcm.admin", "password": "sai"})
    assert r.status_code == 429
    body = r.content.decode()
    assert "Tạm khóa đăng nhập" in body
    assert "Đã nhập sai 5 lần liên tiếp." in body
    assert "Vui lòng thử lại sau 15 phút." in body
    # even the right password is refused while locked
    r = c.post("/login/", {"username": "hcm.admin", "password": demo_password})
    assert r.status_code == 429
    assert "_auth_user_id" not in c.session


def test_logout_needs_post(login):
    c = login("hn.admin")
    assert c.get("/logout/").status_code == 405
    r = c.post("/logout/")
    assert r.status_code == 302
    assert r["Location"] == "/login/"
    assert c.get("/").status_code == 302


def test_logged_in_user_skips_login_page(login):
    r = login("hn.admin").get("/login/")
    assert r.status_code == 302
    assert r["Location"] == "/"
