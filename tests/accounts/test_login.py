import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory


def _auth(username, password):
    return authenticate(RequestFactory().post("/login/"), username=username, password=password)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ident",
    [
        "chidoan.demo",
        "CHIDOAN.DEMO",
        "chidoan.demo@demo.doanso.vn",
        "0912000001",
        "+84 912 000 001",
        "84912000001",
    ],
)
def test_login_by_username_email_or_phone(ident, demo_password):
    user = _auth(ident, demo_password)
    assert user is not None and user.username == "chidoan.demo"


@pytest.mark.django_db
def test_wrong_password_and_unknown_user(demo_password):
    assert _auth("chidoan.demo", "wrong-password") is None
    assert _auth("nobody", demo_password) is None
    assert _auth("0000000000", demo_password) is None


@pytest.mark.django_db
def test_passwords_are_argon2(user):
    assert user("tw.admin").password.startswith("argon2")


@pytest.mark.django_db
def test_throttling_locks_after_repeated_failures(client, demo_password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/api/v1/auth/token", {"username": "hn.admin", "password": "bad"}, content_type="application/json"
        )
    r = client.post(
        "/api/v1/auth/token",
        {"username": "hn.admin", "password": demo_password},
        content_type="application/json",
    )
    assert r.status_code == 429
    assert "tạm khóa" in r.json()["detail"]
