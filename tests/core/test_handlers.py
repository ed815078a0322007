"""The WSGI entry point routes bearer-token API calls through the lean middleware chain
(doanso.core.handlers) and everything else through Django's full chain — with the same security
headers, the same request log line and the same answers either way."""

import io
import json
import logging

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from doanso.accounts.models import ApiToken, User
from doanso.core.handlers import BROWSER_ONLY, bearer_middleware, is_bearer_api_call
from doanso.wsgi import application

SECURITY_HEADERS = (
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Content-Security-Policy",
)


def call(path: str, *, token: str | None = None, cookie: str = "", method: str = "GET", body=None):
    """One request through doanso.wsgi.application, as gunicorn would make it."""
    data = json.dumps(body).encode() if body is not None else b""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.input": io.BytesIO(data),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if token:
        environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(headers)

    # As Django's test client does: the handler would close the test's connection (inside the test's
    # transaction) at the start and end of the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        out = application(environ, start_response)
        content = b"".join(out)
        out.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["status"], seen["headers"], content


@pytest.fixture
def token(db):
    return ApiToken.issue(User.objects.get(username="hn.admin"))


def test_only_cookieless_bearer_calls_under_api_take_the_lean_chain():
    base = {"PATH_INFO": "/api/v1/units", "HTTP_AUTHORIZATION": "Bearer abc"}
    assert is_bearer_api_call(base)
    assert is_bearer_api_call({**base, "HTTP_AUTHORIZATION": "bearer abc"})
    assert not is_bearer_api_call({**base, "HTTP_COOKIE": "sessionid=x"})  # a browser: CSRF applies
    assert not is_bearer_api_call({**base, "PATH_INFO": "/members/"})
    assert not is_bearer_api_call({**base, "PATH_INFO": "/api/v1/auth/token"})  # lockout, sign-in
    assert not is_bearer_api_call({**base, "HTTP_AUTHORIZATION": "Basic abc"})
    assert not is_bearer_api_call({"PATH_INFO": "/api/v1/units"})


def test_the_lean_chain_keeps_every_other_middleware_in_order():
    lean = bearer_middleware(settings.MIDDLEWARE)
    assert not set(lean) & BROWSER_ONLY
    kept = [m for m in settings.MIDDLEWARE if m not in BROWSER_ONLY]
    assert [m for m in lean if m != "doanso.core.handlers.AnonymousUserMiddleware"] == kept
    assert "django.middleware.security.SecurityMiddleware" in lean
    assert "doanso.core.requestlog.RequestLogMiddleware" in lean


@pytest.mark.django_db
def test_a_bearer_call_answers_with_the_full_chains_security_headers(token):
    status, lean, body = call("/api/v1/units", token=token)
    assert status == 200
    assert [u["code"] for u in json.loads(body)["items"]] == ["HN"]
    # the same call with a cookie goes through the full chain (sessions, CSRF, login middleware)
    status, full, body_full = call("/api/v1/units", token=token, cookie="lang=vi")
    assert status == 200 and body_full == body
    for name in SECURITY_HEADERS:
        assert lean.get(name) == full.get(name), name
        assert lean.get(name), name
    assert "Set-Cookie" not in lean


@pytest.mark.django_db
def test_a_bearer_call_is_refused_and_logged_like_any_other(token, caplog):
    with caplog.at_level(logging.INFO, logger="doanso.request"):
        status, headers, body = call("/api/v1/units", token="not-a-token")
    assert status == 401
    assert headers["X-Content-Type-Options"] == "nosniff"
    lines = [r for r in caplog.records if r.name == "doanso.request"]
    assert [(r.method, r.status, r.user_id) for r in lines] == [("GET", 401, None)]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="doanso.request"):
        status, _, _ = call("/api/v1/units", token=token)
    assert status == 200
    user_id = User.objects.get(username="hn.admin").pk
    assert [(r.status, r.user_id) for r in caplog.records if r.name == "doanso.request"] == [(200, user_id)]


@pytest.mark.django_db
def test_the_test_client_routes_bearer_calls_like_production(token):
    """tests/conftest.py gives Django's test client the same routing, so the API suite's token calls
    (scope walks included) run the lean chain: no session is attached to such a request."""
    lean = Client().get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert lean.status_code == 200
    assert not hasattr(lean.wsgi_request, "session")
    browser = Client()
    browser.cookies["lang"] = "vi"
    full = browser.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert full.status_code == 200 and hasattr(full.wsgi_request, "session")
