"""Probes, metrics, redacted request logs and security headers, through HTTP."""

import json
import logging

import pytest
from django.core.cache import cache
from django.test import Client

from doanso.core.logs import JsonFormatter, RedactFilter, redact_query, redact_text


@pytest.mark.django_db
def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_checks_database_migrations_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_readyz_is_503_when_a_migration_is_missing(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "1 migration(s) not applied"


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_loses_values(client, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *a, **k: None)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "cache returned nothing"


@pytest.mark.django_db
def test_metrics_for_the_machine_only_without_a_token(client):
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    assert b"django_http_requests_total_by_method_total" in response.content
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    # through a proxy on the machine: the proxy's address says nothing about the client
    assert (
        client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
    )


@pytest.mark.django_db
def test_metrics_with_a_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    ok = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert ok.status_code == 200


def test_digit_runs_and_sensitive_values_are_masked():
    assert (
        redact_text("search 001203004567 and 0912345678 year 2025")
        == "search [digits] and [digits] year 2025"
    )
    assert redact_text("GET /x?cccd=0012&page=2") == "GET /x?cccd=[redacted]&page=2"
    assert redact_query("q=Nguy%E1%BB%85n+V%C4%83n+A&page=3&cccd=001203004567") == (
        "q=[redacted]&page=3&cccd=[redacted]"
    )
    assert redact_query("offset=123456789012") == "offset=[digits]"


@pytest.mark.django_db
def test_one_json_line_per_request_without_personal_data(login, caplog):
    caplog.set_level(logging.INFO, logger="doanso.request")
    client = login("hn.admin")
    client.get("/members/search/001203004567/?q=Nguyen+Van+A&cccd=001203004567&page=2")
    [record] = [r for r in caplog.records if r.name == "doanso.request"]
    RedactFilter().filter(record)
    line = JsonFormatter().format(record)
    data = json.loads(line)
    assert "\n" not in line
    assert data["method"] == "GET"
    assert data["path"] == "/members/search/[digits]/"
    assert data["query"] == "q=[redacted]&cccd=[redacted]&page=2"
    assert data["status"] == 404
    assert isinstance(data["duration_ms"], float)
    assert data["user_id"] > 0
    assert "001203004567" not in line and "Nguyen" not in line


def test_the_filter_masks_messages_from_any_logger():
    record = logging.makeLogRecord({"msg": "Not Found: /members/%s", "args": ("079203001234",), "name": "x"})
    RedactFilter().filter(record)
    assert record.getMessage() == "Not Found: /members/[digits]"


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(login):
    response = login("hn.admin").get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    style_src = policy.split("style-src")[1].split(";")[0]
    assert style_src.strip() == "'self'"  # no 'unsafe-inline' styles (issue 12)


def test_no_template_has_inline_handlers_or_scripts():
    import re
    from pathlib import Path

    import doanso

    root = Path(doanso.__file__).parent
    found = []
    for template in root.glob("*/templates/**/*.html"):
        text = template.read_text()
        found += [f"{template.name}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
        found += [
            f"{template.name}: inline script"
            for m in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text)
            if "application/json" not in m
        ]
    assert found == []


def test_no_template_has_inline_styles():
    """style-src is 'self' only: a style="" attribute or a <style> element would be blocked by the
    browser (and the page drawn wrong), so every style lives in a static .css file."""
    import re
    from pathlib import Path

    import doanso

    root = Path(doanso.__file__).parent
    found = []
    for template in root.glob("*/templates/**/*.html"):
        if template.name == "certificate_pdf.html":
            continue  # rendered to PDF by weasyprint on the server, never sent to a browser
        text = template.read_text()
        found += [f"{template.name}: {m.strip()}" for m in re.findall(r"\sstyle\s*=\s*[\"'{]?", text)]
        found += [f"{template.name}: <style> element" for _ in re.findall(r"<style\b", text)]
    assert found == []


def test_htmx_injects_no_indicator_style(login):
    """htmx adds a <style> for its indicators unless told not to; the page tells it (meta
    htmx-config) and app.css carries the indicator rules instead."""
    import json
    import re

    page = login("hn.admin").get("/").content.decode()
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
    assert meta is not None and json.loads(meta[1])["includeIndicatorStyles"] is False


@pytest.mark.django_db
def test_swagger_ui_is_served_from_our_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html


def test_production_https_settings_redirect_but_not_the_probes(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/login/").status_code == 301
    assert client.get("/healthz", headers={"X-Forwarded-Proto": "https"}).status_code == 200


def _redis_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_readyz_with_the_redis_cache(client, settings):
    from doanso.core.envconfig import cache_config

    settings.CACHES = {"default": cache_config("redis://127.0.0.1:6379/15?prefix=doanso-test")}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "ok"
    settings.CACHES = {"default": cache_config("redis://127.0.0.1:1/0")}  # nothing listens there
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "ConnectionError"
