"""The scope walk (tests/scopewalk.py) over the exemplars pages only (the API has its own walk in
the full run)."""

import pytest

from tests import scopewalk

pytestmark = pytest.mark.django_db


def _report(outcomes):
    return "\n".join(f"{o.key}\n    " + "\n    ".join(o.problems) for o in outcomes if o.problems)


def test_the_pages_of_exemplars_are_scoped(login, monkeypatch):
    routes = [r for r in scopewalk.web_routes() if r.startswith("exemplars/")]
    assert len(routes) == 15
    monkeypatch.setattr(scopewalk, "web_routes", lambda: iter(routes))
    outcomes = scopewalk.walk_web(login)
    assert len(outcomes) == 13  # me/ and public/ are the caller's own and public
    assert not [o for o in outcomes if o.problems], _report(outcomes)
