"""Which URL patterns no test requested (as Zulip reports them), checked after a full run.

Every request the test client (or the live server of the browser tests) makes is resolved by
Django; the pattern it resolved to is recorded — `METHOD route` for API operations, the route for
web pages. Requests made by the scoping walk (tests/scopewalk.py) do not count: it requests every
route by construction, so it would hide routes that have no test of their own.

Under pytest-xdist each worker sends its set to the controller (`workeroutput`), which combines
them. After a full run (no -k/-m/--lf, no test paths given or only `tests`, everything passed) the
run fails when a pattern is neither requested nor listed in tests/untested_urls.txt, when a listed
pattern is now requested (take it off the list), or when a listed pattern no longer exists.
DOANSO_URL_COVERAGE=1 checks any run, =0 none. The hooks are imported by tests/conftest.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ALLOW_LIST = Path(__file__).with_name("untested_urls.txt")
KEY = "doanso_requested_urls"
_requested: set[str] = set()
_api_routes: set[str] = set()


def _api_route(path: str) -> str:
    """ "/api/v1/units/{code}" → "api/v1/units/<code>" (the route Django resolves)."""
    return path.lstrip("/").replace("{", "<").replace("}", ">")


def all_patterns() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    from doanso.api.urls import api

    keys = set()
    routes = set()
    for path, ops in api.get_openapi_schema()["paths"].items():
        routes.add(_api_route(path))
        keys.update(f"{method.upper()} {_api_route(path)}" for method in ops)

    def walk(resolver, prefix=""):
        for p in resolver.url_patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                if not route.startswith("admin/"):
                    walk(p, route)
            elif isinstance(p, URLPattern) and route not in routes:
                keys.add(route)

    walk(get_resolver())
    return keys


def _record_requests() -> None:
    from django.core.handlers.base import BaseHandler

    original = BaseHandler.resolve_request
    if getattr(original, "_doanso_recording", False):
        return

    def resolve_request(self, request):
        match = original(self, request)
        from tests import scopewalk

        if not getattr(scopewalk.walking, "active", False):
            route = match.route
            if not _api_routes:
                from doanso.api.urls import api

                _api_routes.update(_api_route(p) for p in api.get_openapi_schema()["paths"])
            _requested.add(f"{request.method} {route}" if route in _api_routes else route)
        return match

    resolve_request._doanso_recording = True
    BaseHandler.resolve_request = resolve_request


def read_allow_list() -> dict[str, str]:
    out = {}
    for line in ALLOW_LIST.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, reason = line.partition("#")
        out[key.strip()] = reason.strip()
    return out


def check(requested: set[str]) -> list[str]:
    """What is wrong with the allow-list given the patterns requested in a full run."""
    patterns = all_patterns()
    allowed = read_allow_list()
    problems = []
    for key in sorted(patterns - requested - set(allowed)):
        problems.append(f"no test requests {key!r}: add a test, or a line to {ALLOW_LIST.name} with a reason")
    for key in sorted(set(allowed) & requested):
        problems.append(f"{key!r} is requested by a test now: remove it from {ALLOW_LIST.name}")
    for key in sorted(set(allowed) - patterns):
        problems.append(f"{key!r} is not a URL pattern any more: remove it from {ALLOW_LIST.name}")
    no_reason = [k for k, reason in allowed.items() if not reason]
    problems += [f"{k!r} in {ALLOW_LIST.name} needs a reason (after #)" for k in no_reason]
    return problems


def _full_run(session) -> bool:
    """Whether the run requested everything the suite requests (DOANSO_URL_COVERAGE=1/0 overrides)."""
    forced = os.environ.get("DOANSO_URL_COVERAGE", "")
    if forced in ("0", "1"):
        return forced == "1"
    config = session.config
    opt = config.option
    if opt.keyword or opt.markexpr or getattr(opt, "lf", False) or getattr(opt, "deselect", None):
        return False
    if getattr(opt, "ignore", None) or getattr(opt, "ignore_glob", None):
        return False
    if config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        tests_dir = Path(__file__).parent.resolve()
        if any(Path(a).resolve() != tests_dir for a in config.args):
            return False
    return session.exitstatus == 0 and session.testscollected > 0


# ---------------------------------------------------------------------------- hooks


def pytest_configure(config):
    _record_requests()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    _requested.update(getattr(node, "workeroutput", {}).get(KEY, []))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workeroutput"):  # an xdist worker: hand the set to the controller
        config.workeroutput[KEY] = sorted(_requested)
        return
    if not _full_run(session):
        return
    problems = check(_requested)
    if problems:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        text = "URL patterns (tests/url_coverage.py):\n  " + "\n  ".join(problems)
        if reporter is not None:
            reporter.write_line("")
            reporter.write_sep("=", "untested URL patterns", red=True)
            reporter.write_line(text)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
