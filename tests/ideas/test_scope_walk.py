"""The scope walk (tests/scopewalk.py) over this app's routes only: quick feedback while the full
walk (tests/api/test_scoping_every_route.py) covers every route of every app."""

import pytest

from tests import scopewalk

pytestmark = pytest.mark.django_db
PREFIXES = ("/api/v1/ideas", "ideas/")


def _report(outcomes):
    return "\n".join(f"{o.key}\n    " + "\n    ".join(o.problems) for o in outcomes if o.problems)


def test_the_api_routes_of_ideas_are_scoped():
    cases = [c for c in scopewalk.api_cases() if c.key.split(" ")[1].startswith(PREFIXES[0])]
    assert len(cases) >= 9
    outcomes = scopewalk.walk_api(cases)
    assert not [o for o in outcomes if o.problems], _report(outcomes)


def test_the_pages_of_ideas_are_scoped(login, monkeypatch):
    routes = [r for r in scopewalk.web_routes() if r.startswith(PREFIXES[1])]
    assert len(routes) == 10
    monkeypatch.setattr(scopewalk, "web_routes", lambda: iter(routes))
    outcomes = scopewalk.walk_web(login)
    assert not [o for o in outcomes if o.problems], _report(outcomes)
