"""Issue 12 finding 1: the throttle counts the account the login names, however it is typed.

Each test is an attack from the issue: spellings of one username (case, spaces, NFC, e-mail,
phone) share one counter; guesses spread over many addresses lock the username; a stranger
cannot lock the owner out of the address they use; a forged X-Forwarded-For is ignored.
"""

import unicodedata

import pytest
from django.test import Client

TOKEN = "/api/v1/auth/token"


def _token(client: Client, username: str, password: str, ip: str = "10.0.0.1", **extra):
    return client.post(
        TOKEN,
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=ip,
        **extra,
    )


def _web_login(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spelling",
    ["CT.ADMIN", " ct.admin", "ct.admin ", "Ct.Admin", "ct.admin@demo.doanso.vn", "CT.ADMIN@DEMO.DOANSO.VN"],
)
def test_right_password_in_another_spelling_is_refused_once_locked(spelling, demo_password, settings):
    c = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _token(c, spelling, "wrong").status_code == 400
    assert _token(c, spelling, "wrong").status_code == 429  # the limit-th failure locks
    r = _token(c, "ct.admin", demo_password)
    assert r.status_code == 429, r.content
    assert "tạm khóa" in r.json()["detail"]
    assert _token(c, "  CT.admin  ", demo_password).status_code == 429


@pytest.mark.django_db
def test_mixed_spellings_share_one_counter(demo_password, settings):
    c = Client()
    spellings = ["CT.ADMIN", " ct.admin", "ct.Admin\t", "ct.admin@DEMO.doanso.vn", "cT.aDmIn"]
    for s in spellings[: settings.AXES_FAILURE_LIMIT]:
        _token(c, s, "wrong")
    assert _token(c, "CT.Admin ", demo_password).status_code == 429


@pytest.mark.django_db
def test_phone_spellings_share_the_account_counter(demo_password, settings):
    c = Client()
    for s in ["0912000001", "+84 912 000 001", "84912000001", "0912.000.001", " 0912000001"]:
        _token(c, s, "wrong")
    assert _token(c, "chidoan.demo", demo_password).status_code == 429


@pytest.mark.django_db
def test_unknown_names_fold_case_and_nfc(settings):
    """Guessing a name that does not exist also has one counter per folded spelling."""
    from axes.models import AccessAttempt

    composed = unicodedata.normalize("NFC", "Nguyễn.Văn")
    decomposed = unicodedata.normalize("NFD", "NGUYỄN.VĂN ")
    c = Client()
    _token(c, composed, "x")
    _token(c, decomposed, "x")
    rows = list(AccessAttempt.objects.values_list("username", "failures_since_start"))
    assert rows == [("?" + composed.casefold(), 2)]


@pytest.mark.django_db
def test_web_login_locks_other_spellings_too(demo_password, settings):
    c = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _web_login(c, " CT.ADMIN ", "wrong").status_code == 200
    _web_login(c, " CT.ADMIN ", "wrong")
    r = _web_login(c, "ct.admin", demo_password)
    assert r.status_code == 429
    assert "_auth_user_id" not in c.session


@pytest.mark.django_db
def test_guesses_from_many_addresses_lock_the_username(demo_password, settings):
    settings.DOANSO_LOGIN_USERNAME_FAILURE_LIMIT = 12
    c = Client()
    for i in range(12):  # 3 per address: below the pair limit everywhere
        _token(c, ["CT.ADMIN", " ct.admin", "ct.admin"][i % 3], "wrong", ip=f"203.0.113.{i // 3}")
    settings.DOANSO_LOGIN_USERNAME_FAILURE_LIMIT = 13  # below the username-wide limit: no lock
    assert _token(c, "ct.admin", demo_password, ip="198.51.100.8").status_code == 200
    settings.DOANSO_LOGIN_USERNAME_FAILURE_LIMIT = 12
    r = _token(c, "ct.admin", demo_password, ip="198.51.100.7")
    assert r.status_code == 429


@pytest.mark.django_db
def test_a_stranger_cannot_lock_the_owner_out_of_a_known_address(demo_password, settings):
    settings.DOANSO_LOGIN_USERNAME_FAILURE_LIMIT = 10
    c = Client()
    home = "192.0.2.10"
    assert _token(c, "ct.admin", demo_password, ip=home).status_code == 200  # the owner, earlier
    for i in range(20):
        _token(c, "ct.admin", "wrong", ip=f"203.0.113.{i}")
    assert _token(c, "ct.admin", demo_password, ip="198.51.100.9").status_code == 429
    assert _token(c, "ct.admin", demo_password, ip=home).status_code == 200
    # and the pair limit still holds at the known address
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _token(c, "ct.admin", "wrong", ip=home)
    assert _token(c, "ct.admin", demo_password, ip=home).status_code == 429


@pytest.mark.django_db
def test_forwarded_for_is_ignored_unless_from_a_trusted_proxy(demo_password, settings):
    settings.DOANSO_TRUSTED_PROXIES = []
    c = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _token(c, "ct.admin", "wrong", ip="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")
    assert (
        _token(c, "ct.admin", demo_password, ip="203.0.113.5", HTTP_X_FORWARDED_FOR="10.9.9.99").status_code
        == 429
    )


@pytest.mark.django_db
def test_clients_behind_a_trusted_proxy_are_told_apart(demo_password, settings):
    settings.DOANSO_TRUSTED_PROXIES = ["127.0.0.0/8", "10.0.0.0/8"]
    c = Client()
    proxy = "127.0.0.1"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _token(c, "ct.admin", "wrong", ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.66, 10.1.2.3")
    attacker = _token(c, "ct.admin", demo_password, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert attacker.status_code == 429
    owner = _token(c, "ct.admin", demo_password, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert owner.status_code == 200


def test_client_ip_parsing(settings, rf):
    from doanso.accounts.lockout import client_ip

    settings.DOANSO_TRUSTED_PROXIES = ["10.0.0.0/8"]
    req = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8, 10.0.0.9")
    assert client_ip(req) == "5.6.7.8"  # the nearest untrusted hop; 1.2.3.4 is client-written
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="junk")) == "10.0.0.2"
    assert client_ip(rf.get("/", REMOTE_ADDR="8.8.8.8", HTTP_X_FORWARDED_FOR="1.1.1.1")) == "8.8.8.8"
