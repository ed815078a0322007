"""The check behind tests/url_coverage.py: new untested patterns and stale allow-list lines fail."""

from tests import url_coverage


def test_a_pattern_nobody_requests_must_be_listed():
    patterns = url_coverage.all_patterns()
    listed = set(url_coverage.read_allow_list())
    tested = patterns - listed
    assert "POST api/v1/plans/<plan_id>/targets" in tested
    assert url_coverage.check(tested) == []
    problems = url_coverage.check(tested - {"POST api/v1/plans/<plan_id>/targets"})
    assert problems == [
        "no test requests 'POST api/v1/plans/<plan_id>/targets': add a test, "
        "or a line to untested_urls.txt with a reason"
    ]


def test_a_listed_pattern_that_is_requested_now_must_leave_the_list():
    patterns = url_coverage.all_patterns()
    problems = url_coverage.check(patterns)
    listed = url_coverage.read_allow_list()
    assert len(problems) == len(listed)
    assert all("is requested by a test now" in p for p in problems)


def test_every_listed_pattern_exists_and_has_a_reason():
    patterns = url_coverage.all_patterns()
    for key, reason in url_coverage.read_allow_list().items():
        assert key in patterns, key
        assert len(reason) > 20, key


def test_api_operations_are_counted_per_method():
    patterns = url_coverage.all_patterns()
    assert {"GET api/v1/units/<code>/ratings", "POST api/v1/units/<code>/ratings"} <= patterns
    assert "api/v1/units/<code>/ratings" not in patterns
    assert "plans/<int:plan_id>/targets/new/" in patterns
    assert not any(p.startswith("admin/") for p in patterns)
