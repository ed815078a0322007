"""Probes and metrics for operators: /healthz, /readyz, /metrics.

/healthz says the process answers (no database: a load balancer must not kill every web process
because PostgreSQL is slow). /readyz says this process can serve: the database answers, every
migration is applied, the cache stores and returns a value. /metrics is Prometheus' text format,
for a bearer token (DOANSO_METRICS_TOKEN) or, without one, for the machine itself only.
"""

from __future__ import annotations

import hmac
import ipaddress
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> str | None:
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return f"{len(plan)} migration(s) not applied"
    return None


def _cache() -> str | None:
    key = f"doanso:readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    value = cache.get(key)
    cache.delete(key)
    if value != "1" and "DummyCache" not in settings.CACHES["default"]["BACKEND"]:
        return "cache returned nothing"
    return None


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    for name, probe in (("database", _database), ("cache", _cache)):
        try:
            problem = probe()
        except Exception as exc:  # a probe reports any failure, it never raises
            problem = f"{type(exc).__name__}"
        checks[name] = problem or "ok"
    ready = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


def _local(request: HttpRequest) -> bool:
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_X_REAL_IP" in request.META:
        return False  # came through a proxy: the remote address is the proxy's
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    from django_prometheus.exports import ExportToDjangoView

    token = settings.METRICS_TOKEN
    if token:
        sent = request.META.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(sent.encode(), token.encode()):
            return HttpResponse("forbidden\n", status=403, content_type="text/plain")
    elif not _local(request):
        return HttpResponse("forbidden\n", status=403, content_type="text/plain")
    return ExportToDjangoView(request)
