"""Vietnamese by default; English through the language switch (/i18n/setlang/)."""

import pytest

pytestmark = pytest.mark.django_db


def test_vietnamese_is_the_default(login):
    body = login("hn.admin").get("/units/HN/").content.decode()
    assert 'lang="vi"' in body
    assert "Đơn vị trực thuộc" in body and "Đăng xuất" in body


def test_switch_to_english_and_back(login):
    c = login("hn.admin")
    r = c.post("/i18n/setlang/", {"language": "en", "next": "/units/HN/"})
    assert r.status_code == 302
    assert r["Location"] == "/units/HN/"
    body = c.get("/units/HN/").content.decode()
    assert 'lang="en"' in body
    assert "Sub-units" in body and "Log out" in body and "Provincial/city union" in body
    assert "Thành đoàn Hà Nội" in body  # names are data, not translated
    c.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Đăng xuất" in c.get("/").content.decode()


def test_english_login_page():
    from django.test import Client

    c = Client()
    c.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    body = c.get("/login/").content.decode()
    assert "Username, e-mail or phone number" in body
    r = c.post("/login/", {"username": "hn.admin", "password": "nope"})
    assert "Wrong username or password." in r.content.decode()


def test_browser_language_is_ignored_with_vietnamese_first(settings):
    from django.test import Client

    mw = list(settings.MIDDLEWARE)
    if "doanso.web.middleware.VietnameseFirstMiddleware" not in mw:
        mw.insert(
            mw.index("django.middleware.locale.LocaleMiddleware"),
            "doanso.web.middleware.VietnameseFirstMiddleware",
        )
        settings.MIDDLEWARE = mw
    c = Client(headers={"Accept-Language": "en-US,en;q=0.9"})
    assert 'lang="vi"' in c.get("/login/").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert 'lang="en"' in c.get("/login/").content.decode()


def test_lock_page_in_english():
    from django.test import Client

    c = Client()
    c.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    for _ in range(5):
        r = c.post("/login/", {"username": "ct.admin", "password": "wrong"})
    assert r.status_code == 429
    body = r.content.decode()
    assert "Login temporarily locked" in body
    assert "5 failed attempts in a row." in body
    assert "Please try again in 15 minutes." in body
