"""The scope walk (tests/scopewalk.py) over the surveys API only."""

import pytest

from tests import scopewalk

pytestmark = pytest.mark.django_db


def test_the_api_routes_of_surveys_are_scoped():
    cases = [c for c in scopewalk.api_cases() if c.key.split(" ")[1].startswith("/api/v1/surveys")]
    assert len(cases) >= 5
    outcomes = scopewalk.walk_api(cases)
    problems = [f"{o.key} {o.problems}" for o in outcomes if o.problems]
    assert not problems, "\n".join(problems)
