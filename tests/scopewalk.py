"""The scoping walk: every API route and every web URL, aimed by a Hà Nội admin at Hồ Chí Minh's data.

For each route a request is built that the victim's own admin (hcm.admin) can make successfully —
a body generated from the route's OpenAPI schema (or, for a web form, read from the form the victim
is shown), with every id pointing at HCM's objects — and the same request is then sent as the
attacker (hn.admin). The walk passes a route only when

- the victim's request is accepted (2xx/3xx, never 400/422; a write changes some row), so the
  attacker's request really reaches the code past validation, and
- the attacker gets 403/404 (405 for a method the URL does not take), no table changes its row
  count, and the response names nothing of HCM.

Each attempt runs in a savepoint that is rolled back, so both users start from the same state.
`walk_api` and `walk_web` return the problems per case instead of failing on the first, so the
proof (`scoping_off`) can check that *every* case is flagged once scoping is switched off.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from django.db import connection, transaction
from django.test import Client

from tests import scoping_providers

ATTACKER = "hn.admin"
VICTIM = "hcm.admin"
VICTIM_CODE = "HCM"
# Text that only a response about HCM's data contains ("Đoàn TNCS Hồ Chí Minh" is every page's title).
MARKERS = ("TP. Hồ Chí Minh", '"HCM', "HCM-", "Kế hoạch của HCM", ">HCM<")
REFUSED = (403, 404)

# Routes that are not about any unit's data, so there is nothing to scope (the walk skips them).
UNSCOPED_API = {
    "POST /api/v1/auth/token": "issues a token for the caller's own credentials",
    "DELETE /api/v1/auth/token": "revokes the caller's own token",
    "POST /api/v1/auth/token/rotate": "replaces the caller's own token",
    "GET /api/v1/auth/tokens": "lists the caller's own tokens",
    "GET /api/v1/members/me": "the caller's own member record (404 for accounts without one)",
    "GET /api/v1/members/me/card": "the caller's own member card",
    "GET /api/v1/members/me/data": "the caller's own data export",
    "GET /api/v1/me/activities": "the caller's own activities and hours (empty without a member record)",
    "POST /api/v1/plans/extract": "reads an uploaded document and returns it; stores nothing, no unit",
    "POST /api/v1/credentials/verify": "public (no login): checks the credential the caller sends",
    "POST /api/v1/contests/{contest_id}/entrants": "a non-member signs up for a public contest (404 unless "
    "the contest is public, for everyone alike); reads no unit's data",
    "POST /api/v1/attempts/{attempt_id}/answers": "the caller's own attempt (404 for anyone else's: "
    "tests/learning/test_contest_api.py)",
    "GET /api/v1/courses/mine": "the courses assigned to the caller's own member record",
    "GET /api/v1/ideas/gallery": "the public gallery (no login): ideas being carried out, of every unit",
    "GET /api/v1/exemplars/values": "the 12 values of the central campaign, the same for everyone",
    "GET /api/v1/exemplars/public": "the public page of honoured exemplars (only what each agreed to show)",
    "GET /api/v1/exemplars/me": "the caller's own self-assessment (404 for accounts without a member record)",
    "PUT /api/v1/exemplars/me": "the caller's own self-assessment",
    "POST /api/v1/exemplars/me/submit": "the caller's own self-assessment",
    "GET /api/v1/places/public": "public places only, open to anyone by design (no personal data)",
    "GET /api/v1/places/public/{place_id}": "one public place, open to anyone (404 for private ones)",
    "GET /api/v1/map/public-points": "the public map's points: public places and public activities only",
}
UNSCOPED_WEB = {
    "login/": "the login form",
    "menu/": "the caller's own menu (web.menu.menu_for): links to the caller's units only",
    "units/search/": "a search that reads only units in the caller's scope (listing.search, tests/web/"
    "test_unit_search.py); its forms post only to keep a typed CCCD out of URLs",
    "outreach/public/media/": "the public media gallery: only approved items their units marked public",
    "logout/": "ends the caller's own session",
    "password/": "changes the caller's own password",
    "login/otp/": "the caller's own second sign-in step",
    "account/2fa/": "enrols the caller's own authenticator app",
    "account/2fa/qr.svg": "the caller's own enrolment QR code",
    "password/reset/": "sends a reset link to an e-mail address (same answer for any address)",
    "password/reset/sent/": "a static confirmation page",
    "password/reset/<uidb64>/<token>/": "a signed one-time link, not a unit's data",
    "password/reset/done/": "a static confirmation page",
    "i18n/setlang/": "sets the caller's language cookie",
    "members/me/": "the caller's own member record",
    "learning/question-template.xlsx": "the blank question-bank template, the same for everyone",
    "exemplars/me/": "the caller's own self-assessment (404 for accounts without a member record)",
    "exemplars/public/": "the public page of honoured exemplars (only what each agreed to show)",
    "members/me/data.json": "the caller's own data export",
    "privacy/me/": "the caller's own data-subject requests (a member; 404 without a member record)",
    "privacy/me/export.json": "the caller's own data export (a member; 404 without a member record)",
    "todo/preferences/": "the caller's own reminder settings (channels, quiet hours)",
    "todo/transfer/": "the caller's own request to transfer (a member; refused without a member record)",
    "api/v1/openapi.json": "the API description",
    "api/v1/docs": "the API documentation page",
    "api/v1/": "the API root",
    "healthz": "liveness probe, no data",
    "readyz": "readiness probe: database, migrations, cache; no data",
    "metrics": "Prometheus counters, no unit's data (token or the machine only)",
    "credentials/verify/": "public: checks the credential the visitor pastes",
    "credentials/<uuid:credential_id>": "public by design: the holder's link (an unguessable UUID)",
    "credentials/<uuid:credential_id>/certificate.pdf": "public by design: the holder's printable copy",
    "credentials/status/<str:code>": "public by design: the issuer's signed revocation list",
    "credentials/issuers/<str:code>/did.json": "public by design: the issuer's public keys",
    "ideas/gallery/": "the public gallery (no login): ideas being carried out, of every unit",
    "places/p/<int:place_id>/": "a public place's page (what its QR plaque opens), anyone; 404 if private",
    "places/map/": "the public map: public places and public activities only",
    "agenda/me/": "the caller's own calendar (a member; 404 without a member record)",
    "agenda/feed/<str:token>.ics": "a calendar feed: the secret token is the credential (no session)",
    "surveys/s/<str:slug>/": "a public survey's link (no login): the unguessable slug is the credential, "
    "404 for surveys not made public",
    "activities/me/": "the caller's own activities and hours (a member; 404 without a member record)",
}


# ---------------------------------------------------------------------------- observing the database


def table_counts() -> dict[str, int]:
    """Row counts of every table in the database, in one query."""
    tables = sorted(connection.introspection.table_names())
    qn = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT {i}, COUNT(*) FROM {qn(t)}" for i, t in enumerate(tables))
    with connection.cursor() as cur:
        cur.execute(sql)
        rows = dict(cur.fetchall())
    return {t: rows[i] for i, t in enumerate(tables)}


def changed_tables(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    return {t: (before.get(t, 0), n) for t, n in after.items() if before.get(t, 0) != n}


@contextlib.contextmanager
def rolled_back():
    """Run a block in a savepoint and undo everything it wrote."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# Requests made by the walk are not counted as tests of a URL (tests/url_coverage.py).
walking = threading.local()


@contextlib.contextmanager
def _walk_requests():
    walking.active = True
    try:
        yield
    finally:
        walking.active = False


def content(response) -> bytes:
    if getattr(response, "streaming", False):
        # The test client closes the response once its content is consumed (with the signal that
        # would close the database connection held off); closing it again here would close it.
        return b"".join(response.streaming_content)
    return response.content


def leaks(response, url: str = "") -> list[str]:
    """Markers of the victim's data in a response (file downloads included, as far as they are text);
    the requested URL itself, which pages echo (the language form's `next`), does not count."""
    text = content(response).decode(errors="replace")
    if url:
        text = text.replace(urlsplit(url).path, "")
    return [m for m in MARKERS if m in text]


# ---------------------------------------------------------------------------- the victim's objects


class World:
    """HCM's objects, created on demand inside the case's savepoint (so nothing outlives a case)."""

    def __init__(self):
        from doanso.accounts.models import User
        from doanso.org.models import Unit

        self.victim = Unit.objects.get(code=VICTIM_CODE)
        self.victim_user = User.objects.get(username=VICTIM)
        self.attacker_user = User.objects.get(username=ATTACKER)
        self._providers = scoping_providers.providers(self.victim)

    def id(self, name: str):
        if name in ("code", "unit_code"):
            return VICTIM_CODE
        if name == "role_id":
            from doanso.accounts.models import Role

            return Role.objects.filter(unit=self.victim).values_list("pk", flat=True).first()
        if name not in self._providers:
            raise LookupError(f"no foreign value for {name!r}: add one to tests/scoping_providers.py")
        return self._providers[name]()


# ---------------------------------------------------------------------------- API requests


@dataclass
class Request:
    method: str
    url: str  # path with the query string
    body: dict | None = None
    files: dict | None = None  # multipart upload {name: (filename, bytes)}


@dataclass
class Case:
    key: str  # what the proof counts: "POST /api/v1/plans/{plan_id}/targets" (+ " · variant")
    build: Callable[[World], Request]
    writes: bool = True
    listing: bool = False  # no target: the attacker may get 200, but nothing of HCM


@dataclass
class Outcome:
    key: str
    problems: list[str] = field(default_factory=list)
    victim: int | None = None
    attacker: int | None = None

    @property
    def leak(self) -> bool:
        return any(p.startswith("LEAK") for p in self.problems)


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def example(schema: dict, components: dict, name: str = "", world: World | None = None):
    """A realistic value for a schema: required fields only, ids pointing at the victim's data."""
    schema = _resolve(schema, components)
    if world is not None and name in scoping_providers.BODY_FIELDS:
        return scoping_providers.BODY_FIELDS[name](world)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [_resolve(s, components) for s in schema[key]]
            options = [s for s in options if s.get("type") != "null"] or options
            return example(options[0], components, name, world)
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {k: example(props[k], components, k, world) for k in schema.get("required", []) if k in props}
    if kind == "array":
        return [example(schema.get("items", {}), components, name, world)]
    if kind == "integer":
        return 2026 if "year" in name else 1
    if kind == "number":
        return 10
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return date(2026, 3, 15).isoformat()
    if schema.get("format") == "binary":
        return ("ke-hoach.txt", b"KE HOACH\nPhan dau 100 luot.")
    return f"Thử nghiệm {name}".strip()


def api_cases() -> list[Case]:
    """One case per route of the OpenAPI schema (more for routes with several ways in)."""
    from doanso.api.urls import api

    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    cases = []
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            key = f"{method.upper()} {path}"
            if key in UNSCOPED_API:
                continue
            cases.extend(_cases_for(key, method.upper(), path, op, components))
    return cases


def _cases_for(key: str, method: str, path: str, op: dict, components: dict) -> list[Case]:
    params = re.findall(r"{(\w+)}", path)
    query_params = [p for p in op.get("parameters", []) if p.get("in") == "query"]
    body_schema = None
    content_type = None
    if "requestBody" in op:
        content_type, media = next(iter(op["requestBody"]["content"].items()))
        body_schema = media["schema"]
    variants = scoping_providers.API_VARIANTS.get(key, {"": None})
    out = []
    for variant, tweak in variants.items():

        def build(world, tweak=tweak, variant=variant) -> Request:
            path_values = {p: world.id(p) for p in params}
            query = {}
            for prm in query_params:
                name = prm["name"]
                if name in ("unit", "unit_code"):
                    query[name] = VICTIM_CODE
                elif prm.get("required"):
                    query[name] = example(prm["schema"], components, name, world)
            body = example(body_schema, components, "", world) if body_schema else None
            req = {"path": path_values, "query": query, "body": body}
            if tweak is not None:
                tweak(world, req)
            url = path
            for p, v in req["path"].items():
                url = url.replace("{" + p + "}", str(v))
            if req["query"]:
                url += "?" + urlencode(req["query"])
            if content_type == "multipart/form-data":
                return Request(method, url, files=req["body"])
            return Request(method, url, body=req["body"])

        targeted = bool(params) or any(p["name"] in ("unit", "unit_code") for p in query_params)
        targeted = targeted or variant.startswith("unit") or method != "GET"
        listing = not targeted or variant == "list"
        writes = method != "GET" and key not in scoping_providers.READING_POSTS
        out.append(Case(key + (f" · {variant}" if variant else ""), build, writes, listing))
    return out


def _token_client(user) -> tuple[Client, dict]:
    from doanso.accounts.models import ApiToken

    return Client(), {"Authorization": f"Bearer {ApiToken.issue(user)}"}


def _send_api(client: Client, headers: dict, req: Request):
    if req.files is not None:  # a multipart upload (only POST routes take files)
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = {k: SimpleUploadedFile(v[0], v[1]) for k, v in req.files.items()}
        return client.post(req.url, data, headers=headers)
    if req.method == "GET":
        return client.get(req.url, headers=headers)
    return client.generic(
        req.method,
        req.url,
        json.dumps(req.body if req.body is not None else {}, default=str),
        content_type="application/json",
        headers=headers,
    )


def walk_api(cases: list[Case] | None = None) -> list[Outcome]:
    """Run every API case as victim and attacker; returns one Outcome per case."""
    world = World()
    victim = _token_client(world.victim_user)
    attacker = _token_client(world.attacker_user)
    outcomes = []
    with _walk_requests():
        for case in cases or api_cases():
            outcomes.append(_run_api_case(case, world, victim, attacker))
    return outcomes


def _run_api_case(case: Case, world: World, victim, attacker) -> Outcome:
    out = Outcome(case.key)
    with rolled_back():
        try:
            req = case.build(world)
        except LookupError as exc:
            out.problems.append(f"CANNOT BUILD: {exc}")
            return out
        with rolled_back():
            before = table_counts()
            r = _send_api(*victim, req)
            out.victim = r.status_code
            if not 200 <= r.status_code < 300:
                out.problems.append(
                    f"VICTIM REFUSED: {VICTIM} got {r.status_code} for {req.method} {req.url} "
                    f"{json.dumps(req.body, default=str, ensure_ascii=False)[:300]}: {r.content[:300]!r}"
                )
            elif case.writes and not changed_tables(before, table_counts()):
                out.problems.append(f"VICTIM WROTE NOTHING: {req.method} {req.url} (body reaches no write)")
        with rolled_back():
            before = table_counts()
            r = _send_api(*attacker, req)
            out.attacker = r.status_code
            changed = changed_tables(before, table_counts())
        if changed:
            out.problems.append(f"LEAK (wrote): {ATTACKER} {req.method} {req.url} changed {changed}")
        if case.listing:
            if r.status_code not in (200, *REFUSED):
                out.problems.append(f"ODD: {ATTACKER} got {r.status_code} for {req.method} {req.url}")
        elif r.status_code not in REFUSED:
            out.problems.append(f"LEAK (answered {r.status_code}): {ATTACKER} {req.method} {req.url}")
        if found := leaks(r):
            out.problems.append(f"LEAK (shows {found}): {ATTACKER} {req.method} {req.url}")
    return out


# ---------------------------------------------------------------------------- web pages and forms


def web_routes(resolver=None, prefix="", api_routes=None):
    """Every URL pattern but the admin's and the API operations' (walked from the schema)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    if api_routes is None:
        from doanso.api.urls import api
        from tests.url_coverage import _api_route

        api_routes = {_api_route(p) for p in api.get_openapi_schema()["paths"]}
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            if not route.startswith("admin/"):
                yield from web_routes(p, route, api_routes)
        elif isinstance(p, URLPattern) and route not in api_routes:
            yield route


class _Forms(HTMLParser):
    """The forms of a page: action, method and the values a browser would send unchanged."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower()}
            self._form["fields"] = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        fields = self._form["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                fields.setdefault(name, []).append(a.get("value") or "")
            elif kind == "submit":
                self._form.setdefault("submits", []).append((name, a.get("value") or ""))
        elif tag == "button" and name:
            self._form.setdefault("submits", []).append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
            # A browser sends nothing for a multiple select with nothing selected.
            self._form.setdefault("_first", {})[name] = None if "multiple" in a else ""
        elif tag == "option" and self._select:
            value = a.get("value", "")
            first = self._form["_first"]
            if first.get(self._select) == "" and value:
                first[self._select] = value
            if "selected" in a:
                fields.setdefault(self._select, []).append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            fields.setdefault(name, []).append("")

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            name = self._select
            if name not in self._form["fields"] and self._form["_first"].get(name):
                self._form["fields"][name] = [self._form["_first"][name]]
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def page_forms(html: str, page_url: str) -> dict[str, dict]:
    """POST forms of a page by the path they post to."""
    parser = _Forms()
    parser.feed(html)
    out = {}
    for f in parser.forms:
        if f["method"] != "post":
            continue
        action = urlsplit(f["action"]).path or urlsplit(page_url).path
        out.setdefault(action, f)
    return out


def walk_web(client_for: Callable[[str], Client]) -> list[Outcome]:
    """GET every page and POST every form as victim and attacker; one Outcome per URL pattern."""
    world = World()
    victim, attacker = client_for(VICTIM), client_for(ATTACKER)
    outcomes = []
    with _walk_requests():
        for route in web_routes():
            if route in UNSCOPED_WEB:
                continue
            outcomes.append(_run_web_case(route, world, victim, attacker))
    return outcomes


def _fill(route: str, world: World) -> tuple[str, dict]:
    params = re.findall(r"<(?:\w+:)?(\w+)>", route)
    url = "/" + route
    for name in params:
        url = re.sub(r"<(?:\w+:)?" + name + ">", str(world.id(name)), url)
    query = {} if params else {"unit": VICTIM_CODE}
    return url, query


def _run_web_case(route: str, world: World, victim: Client, attacker: Client) -> Outcome:
    out = Outcome(route)
    spec = scoping_providers.WEB_FORMS.get(route, {})
    with rolled_back():
        try:
            if "setup" in spec:
                spec["setup"](world)
            url, query = _fill(route, world)
            if "url" in spec:
                url, query = spec["url"](world)
        except LookupError as exc:
            out.problems.append(f"CANNOT BUILD: {exc}")
            return out
        # The victim sees the page, and the form (here or on the page that shows it).
        form_page = spec.get("form_page", lambda w, u: u)(world, url)
        r = victim.get(url, query)
        out.victim = r.status_code
        html = _html(r)
        if form_page != url:
            html = _html(victim.get(form_page))
        post_only = r.status_code == 405
        if r.status_code != 200 and not post_only:
            out.problems.append(f"VICTIM REFUSED: {VICTIM} GET {url} {query} answered {r.status_code}")
        form = page_forms(html, url).get(urlsplit(url).path) if html else None
        data = None
        if form is not None or "form" in spec:
            data = dict((form or {}).get("fields", {}))
            for name, value in (form or {}).get("submits", [])[:1]:
                data.setdefault(name, [value])
            for name, value in spec.get("form", lambda w: {})(world).items():
                data[name] = value if isinstance(value, list) or value is None else [value]
            data = {k: v for k, v in data.items() if v is not None}
            if "unit" not in data and query.get("unit"):
                data["unit"] = [query["unit"]]
            with rolled_back():
                before = table_counts()
                rv = victim.post(url, _rewind(data))
                changed = changed_tables(before, table_counts())
            if rv.status_code >= 400 or not changed:
                out.problems.append(
                    f"VICTIM FORM NOT ACCEPTED: {VICTIM} POST {url} {data} answered {rv.status_code}, "
                    f"changed {changed or 'nothing'}: {_errors(rv)}"
                )
        elif post_only:
            out.problems.append(f"NO FORM: {VICTIM} is shown no form posting to {url} (add it to WEB_FORMS)")
        # The attacker: the page, then the form (or an empty POST).
        with rolled_back():
            before = table_counts()
            ra = attacker.get(url, query)
            changed = changed_tables(before, table_counts())
        out.attacker = ra.status_code
        params = "<" in route
        if changed:
            out.problems.append(f"LEAK (GET wrote): {ATTACKER} GET {url} changed {changed}")
        if params and ra.status_code not in (*REFUSED, 405):
            out.problems.append(f"LEAK (answered {ra.status_code}): {ATTACKER} GET {url}")
        if found := leaks(ra, url):
            out.problems.append(f"LEAK (shows {found}): {ATTACKER} GET {url} {query}")
        with rolled_back():
            before = table_counts()
            rp = attacker.post(url, _rewind(data) if data is not None else dict(query))
            changed = changed_tables(before, table_counts())
        if changed:
            out.problems.append(f"LEAK (POST wrote): {ATTACKER} POST {url} changed {changed}")
        if (params or data) and rp.status_code not in (*REFUSED, 405):
            out.problems.append(f"LEAK (POST answered {rp.status_code}): {ATTACKER} POST {url}")
        if found := leaks(rp, url):
            out.problems.append(f"LEAK (POST shows {found}): {ATTACKER} POST {url}")
        if params and data:
            # An empty form too: a page that answers a bad form before it checks the scope tells
            # the attacker that the object exists (and where its form would send him back to).
            with rolled_back():
                before = table_counts()
                rp = attacker.post(url, {})
                changed = changed_tables(before, table_counts())
            if changed or rp.status_code not in (*REFUSED, 405):
                out.problems.append(f"LEAK (empty POST answered {rp.status_code}, changed {changed})")
    return out


def _rewind(data: dict) -> dict:
    """Uploaded files are read by each POST; start them again from the beginning."""
    for values in data.values():
        for v in values:
            if hasattr(v, "seek"):
                v.seek(0)
    return data


def _html(response) -> str:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        content(response)
        return ""
    return content(response).decode(errors="replace")


def _errors(response) -> str:
    text = content(response).decode(errors="replace")
    found = re.findall(r'class="[^"]*(?:errorlist|error|alert)[^"]*"[^>]*>(.*?)</', text, re.S)
    return " | ".join(re.sub(r"\s+", " ", re.sub("<[^>]+>", "", f)).strip() for f in found)[:400]
