import pytest


@pytest.fixture
def branch(db):
    """The first active branch whose code starts with a prefix ("HN-", "HCM-")."""
    from doanso.org.models import Unit

    return lambda prefix: (
        Unit.objects.filter(kind="chi_doan", active=True, code__startswith=prefix).order_by("code").first()
    )


@pytest.fixture
def new_idea(api):
    """Submit an idea through the API as an account; returns its id."""

    def make(username="hcm.admin", unit="HCM", title="Ứng dụng tra cứu việc làm", field="chuyen_doi_so"):
        r = api(username).post(
            "/ideas",
            {
                "unit": unit,
                "title": title,
                "description": "Kết nối thanh niên với doanh nghiệp.",
                "field": field,
            },
        )
        assert r.status_code == 201, r.content
        return r.json()["id"]

    return make


@pytest.fixture
def move(api):
    """Move an idea through statuses as an account; asserts each step is accepted."""

    def go(idea_id, *steps, username="hcm.admin"):
        for to in steps:
            r = api(username).post(f"/ideas/{idea_id}/transitions", {"to": to, "note": "ok"})
            assert r.status_code == 200, r.content

    return go
