"""The CSP header is django-csp's policy: built once for plain responses, built per response when a
view asks for a nonce or its own policy, and rebuilt when the settings change."""

import pytest
from csp.constants import HEADER, NONCE, SELF
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from doanso.web.csp import CSPMiddleware

pytestmark = pytest.mark.django_db


def _through(response: HttpResponse, *, use_nonce: bool = False) -> tuple[HttpResponse, str]:
    request = RequestFactory().get("/")
    nonce = ""

    def view(req):
        nonlocal nonce
        if use_nonce:
            nonce = str(req.csp_nonce)
        return response

    return CSPMiddleware(view)(request), nonce


def test_pages_and_api_answers_carry_django_csps_policy(client):
    expected = build_policy()
    assert "default-src 'self'" in expected
    assert client.get("/login/")[HEADER] == expected
    assert client.get("/api/v1/units")[HEADER] == expected  # a 401 JSON answer


def test_a_settings_change_is_followed():
    policy = {"DIRECTIVES": {"default-src": ["'none'"], "img-src": ["https://tiles.example.org"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        response, _ = _through(HttpResponse("x"))
        assert response[HEADER] == build_policy() and "img-src https://tiles.example.org" in response[HEADER]
    response, _ = _through(HttpResponse("x"))
    assert response[HEADER] == build_policy()


def test_a_nonce_or_a_views_own_policy_is_built_for_that_response():
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"script-src": [SELF, NONCE]}}):
        response, nonce = _through(HttpResponse("x"), use_nonce=True)
        assert nonce and f"script-src 'self' 'nonce-{nonce}'" in response[HEADER]
    own = HttpResponse("x")
    own._csp_update = {"img-src": ["https://maps.example.org"]}
    response, _ = _through(own)
    assert "https://maps.example.org" in response[HEADER]
    exempt = HttpResponse("x")
    exempt._csp_exempt = True
    response, _ = _through(exempt)
    assert HEADER not in response
