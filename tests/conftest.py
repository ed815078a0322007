"""Shared fixtures: the `tiny` demo is seeded once per test database and rolled back per test."""

import pytest
from django.test import Client
from django.test import client as client_module
from hypothesis import settings as hypothesis_settings

from doanso.core.handlers import BearerMiddlewareMixin, is_bearer_api_call
from doanso.demo.seed import DEMO_PASSWORD
from tests.url_coverage import (  # noqa: F401 - URL patterns no test requested
    pytest_configure,
    pytest_sessionfinish,
    pytest_testnodedown,
)


class _ClientHandler(client_module.ClientHandler):
    """The test client's handler, routing like production's doanso.wsgi: an /api/ call with a bearer
    token and no cookie runs the bearer middleware chain (doanso.core.handlers), so every API test
    made with a token checks that chain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bearer = _BearerClientHandler(*args, **kwargs)

    def __call__(self, environ):
        if is_bearer_api_call(environ):
            return self.bearer(environ)
        return super().__call__(environ)


class _BearerClientHandler(BearerMiddlewareMixin, client_module.ClientHandler):
    pass


client_module.ClientHandler = _ClientHandler

# Speed is measured in bench/, never by a test: hypothesis' per-example deadline only makes the suite
# flaky on a loaded CI machine.
hypothesis_settings.register_profile("doanso", deadline=None)
hypothesis_settings.load_profile("doanso")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from doanso.demo.seed import seed

    with django_db_blocker.unblock():
        seed("tiny", log=lambda *_: None)


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """Requests made in English (cookie) leave the thread's language switched; reset it."""
    yield
    from django.utils import translation

    translation.activate("vi")


@pytest.fixture
def demo_password() -> str:
    return DEMO_PASSWORD


@pytest.fixture
def unit(db):
    """Look up a demo unit by code."""
    from doanso.org.models import Unit

    return lambda code: Unit.objects.get(code=code)


@pytest.fixture
def user(db):
    from doanso.accounts.models import User

    return lambda username: User.objects.get(username=username)


@pytest.fixture
def login(db):
    """A Django test client logged in as a demo account."""

    def make(username: str) -> Client:
        from doanso.accounts.models import User

        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    return make


@pytest.fixture
def api(db):
    """An API caller with a bearer token for a demo account: api("hn.admin").get("/units")."""
    from doanso.accounts.models import ApiToken, User

    class Caller:
        def __init__(self, username: str):
            self.client = Client()
            token = ApiToken.issue(User.objects.get(username=username))
            self.headers = {"Authorization": f"Bearer {token}"}

        def get(self, path, **params):
            return self.client.get(f"/api/v1{path}", params, headers=self.headers)

        def post(self, path, data=None, **kw):
            return self.client.post(
                f"/api/v1{path}", data, content_type="application/json", headers=self.headers, **kw
            )

        def request(self, method, path, **kw):
            return getattr(self.client, method.lower())(f"/api/v1{path}", headers=self.headers, **kw)

    return Caller


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright; one per test module.

    Fails (never skips) when Chromium is missing: `make test` installs it.
    """
    import os

    assert os.path.exists(CHROMIUM), "Chromium is not installed (run scripts/system-deps.sh)"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def docs_screenshot(page, path, **options) -> None:
    """Refresh a screenshot kept in docs/ only when missing or DOANSO_UPDATE_SCREENSHOT is set,
    so running the suite leaves the working tree clean; the page is still rendered every time."""
    import os
    from pathlib import Path

    png = page.screenshot(**options)
    assert png  # the page rendered
    path = Path(path)
    if os.environ.get("DOANSO_UPDATE_SCREENSHOT") or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(png)


@pytest.fixture
def reseeded(django_db_blocker):
    """For transactional tests (`django_db(transaction=True)`): each flushes the database when it
    ends, so the tiny demo is seeded again when an earlier one flushed it."""
    from doanso.demo.seed import seed
    from doanso.org.models import Unit

    if not Unit.objects.exists():
        seed("tiny", log=lambda *_: None)
