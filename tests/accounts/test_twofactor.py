"""TOTP two-factor sign-in for unit admins (django-otp): enrol, code step, API, DOANSO_REQUIRE_2FA."""

import re
import time

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle_delay(settings):
    """django-otp waits 1 s, 2 s, 4 s… after a wrong code; the tests type the right one at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, offset):06d}"


def _enrolled(user_obj) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user_obj, name="app", confirmed=True)


def _login(c: Client, username: str, password: str):
    return c.post("/login/", {"username": username, "password": password})


def test_enrolment_with_qr_and_a_code(user, demo_password):
    c = Client()
    _login(c, "hn.admin", demo_password)
    page = c.get("/account/2fa/")
    assert page.status_code == 200
    assert 'src="/account/2fa/qr.svg"' in page.content.decode()
    qr = c.get("/account/2fa/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    device = TOTPDevice.objects.get(user=user("hn.admin"))
    assert not device.confirmed
    bad = c.post("/account/2fa/", {"code": "000000" if _code(device) != "000000" else "111111"})
    assert "Mã xác thực không đúng" in bad.content.decode()
    r = c.post("/account/2fa/", {"code": _code(device)})
    assert r.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert c.get("/account/2fa/qr.svg").status_code == 404  # the secret is shown only while enrolling


def test_enrolled_admin_must_give_the_code_after_the_password(user, demo_password):
    device = _enrolled(user("hn.admin"))
    c = Client()
    r = _login(c, "hn.admin", demo_password)
    assert r.status_code == 302
    held = c.get("/units/HN/")
    assert held.status_code == 302 and held["Location"].startswith("/login/otp/")
    assert c.get("/api/v1/units").status_code == 401  # the API ignores the half session
    wrong = c.post("/login/otp/", {"code": "abcdef", "next": "/units/HN/"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    ok = c.post("/login/otp/", {"code": _code(device), "next": "/units/HN/"})
    assert ok.status_code == 302 and ok["Location"] == "/units/HN/"
    assert c.get("/units/HN/").status_code == 200
    assert c.get("/api/v1/units").status_code == 200


def test_code_step_does_not_redirect_off_site(user, demo_password):
    device = _enrolled(user("hn.admin"))
    c = Client()
    _login(c, "hn.admin", demo_password)
    r = c.post("/login/otp/", {"code": _code(device), "next": "https://evil.example/"})
    assert r["Location"] == "/"


def test_api_token_needs_the_code_for_enrolled_accounts(user, demo_password):
    device = _enrolled(user("hn.admin"))
    c = Client()
    body = {"username": "hn.admin", "password": demo_password}
    r = c.post("/api/v1/auth/token", body, content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "otp"
    r = c.post("/api/v1/auth/token", {**body, "otp": _code(device)}, content_type="application/json")
    assert r.status_code == 200 and r.json()["token"]


def test_require_2fa_sends_admins_to_enrol_but_not_staff(settings, user, demo_password):
    from doanso.accounts.models import Role, User

    settings.DOANSO_REQUIRE_2FA = True
    c = Client()
    _login(c, "hn.admin", demo_password)
    r = c.get("/units/HN/")
    assert r.status_code == 302 and r["Location"] == "/account/2fa/?next=/units/HN/"
    assert c.get("/api/v1/units").status_code == 401  # nor through the API on the session
    r = c.post(
        "/api/v1/auth/token",
        {"username": "hn.admin", "password": demo_password},
        content_type="application/json",
    )
    assert r.status_code == 400 and r.json()["field"] == "otp"
    staff = User.objects.create(username="hn.staff.2fa")
    staff.set_password("Mat-khau-dai-2026")
    staff.save()
    Role.objects.create(user=staff, unit=user("hn.admin").roles.first().unit, role="staff")
    s = Client()
    _login(s, "hn.staff.2fa", "Mat-khau-dai-2026")
    assert s.get("/").status_code == 200


def test_demo_logins_work_without_2fa_by_default(demo_password):
    c = Client()
    _login(c, "hn.admin", demo_password)
    assert c.get("/").status_code == 200


def test_a_used_code_cannot_be_replayed(user, demo_password):
    device = _enrolled(user("hn.admin"))
    code = _code(device)
    a, b = Client(), Client()
    _login(a, "hn.admin", demo_password)
    _login(b, "hn.admin", demo_password)
    assert a.post("/login/otp/", {"code": code})["Location"] == "/"
    replay = b.post("/login/otp/", {"code": code})
    assert replay.status_code == 200 and re.search("không đúng", replay.content.decode())
    assert time.time()
