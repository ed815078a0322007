"""A story goes to outreach's good-news calendar through `log_story` (the contract agreed with the
outreach app, faked here until it is merged), once per story; without it the story waits."""

import sys
import types

import pytest

from doanso.exemplars.models import Story
from doanso.exemplars.services import honours

pytestmark = pytest.mark.django_db


@pytest.fixture
def honour(world):
    return honours.register_honour(
        world.province_admin,
        world.province,
        kind="tuyen_duong",
        title="Gương sáng",
        doc_number="1/QĐ-ĐTN",
        doc_date="01/03/2026",
        member_id=world.member.pk,
    )


def test_the_story_is_logged_as_cau_chuyen_dep(world, honour, monkeypatch):
    calls = []
    fake = types.ModuleType("doanso.outreach.api")

    def log_story(**kw):
        calls.append(kw)
        return types.SimpleNamespace(pk=77)

    fake.log_story = log_story
    monkeypatch.setitem(sys.modules, "doanso.outreach.api", fake)
    import doanso.outreach

    monkeypatch.setattr(doanso.outreach, "api", fake, raising=False)
    s = honours.tell_story(
        world.province_admin,
        honour,
        title="Người dẫn đội hiến máu",
        text="…",
        url="https://example.vn/a",
        published="02/03/2026",
    )
    assert s.post_id == 77
    assert calls == [
        {
            "unit": world.province,
            "title": "Người dẫn đội hiến máu",
            "url": "https://example.vn/a",
            "published": s.published,
            "source": "exemplars",
            "source_id": s.pk,
            "by_user": world.province_admin,
        }
    ]
    assert honours.republish() == 0  # already logged


def test_the_story_lands_in_the_good_news_calendar(world, honour):
    """With the real outreach app: one "câu chuyện đẹp" post, logged once however often it is sent."""
    from doanso.outreach.models import Post

    s = honours.tell_story(world.province_admin, honour, title="Thắp sáng ước mơ", text="…")
    post = Post.objects.get(pk=s.post_id)
    assert (post.kind, post.unit_id) == ("cau_chuyen_dep", world.province.pk)
    assert honours.republish() == 0 and Post.objects.filter(title="Thắp sáng ước mơ").count() == 1


def test_without_outreach_the_story_waits_and_is_sent_later(world, honour, monkeypatch):
    import doanso.outreach

    monkeypatch.setitem(sys.modules, "doanso.outreach.api", None)  # the import fails
    monkeypatch.delattr(doanso.outreach, "api", raising=False)
    s = honours.tell_story(world.province_admin, honour, title="Chờ", text="…")
    assert Story.objects.get(pk=s.pk).post_id is None
    fake = types.ModuleType("doanso.outreach.api")
    fake.log_story = lambda **kw: types.SimpleNamespace(pk=5)
    monkeypatch.setitem(sys.modules, "doanso.outreach.api", fake)
    import doanso.outreach

    monkeypatch.setattr(doanso.outreach, "api", fake, raising=False)
    assert honours.republish() == 1
    assert Story.objects.get(pk=s.pk).post_id == 5
