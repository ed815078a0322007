"""The scope walk (tests/scopewalk.py) over the surveys API and pages only."""

import pytest

from tests import scopewalk

pytestmark = pytest.mark.django_db


def _report(outcomes):
    return "\n".join(f"{o.key}\n    " + "\n    ".join(o.problems) for o in outcomes if o.problems)


def test_the_api_routes_of_surveys_are_scoped():
    cases = [c for c in scopewalk.api_cases() if c.key.split(" ")[1].startswith("/api/v1/surveys")]
    assert len(cases) >= 5
    outcomes = scopewalk.walk_api(cases)
    problems = [f"{o.key} {o.problems}" for o in outcomes if o.problems]
    assert not problems, "\n".join(problems)


def test_the_pages_of_surveys_are_scoped(login, monkeypatch):
    routes = [r for r in scopewalk.web_routes() if r.startswith("surveys/")]
    assert len(routes) == 7
    monkeypatch.setattr(scopewalk, "web_routes", lambda: iter(routes))
    outcomes = scopewalk.walk_web(login)
    assert len(outcomes) == 6  # the public link is unscoped by design
    assert not [o for o in outcomes if o.problems], _report(outcomes)
