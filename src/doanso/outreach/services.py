"""Writes of the good-news calendar: channels, posts, rules (the media bank is in `media.py`).

Each write checks the actor's scope, runs in one transaction with its subtree counters and audit
entry, and enqueues the link-metadata task after commit.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.core import audit
from doanso.core.errors import ConflictError, UserError
from doanso.org.api import Unit
from doanso.outreach import counting, links
from doanso.outreach.compliance import DEFAULT_RULE, Rule
from doanso.outreach.models import Channel, ChannelKind, ComplianceRule, MetaStatus, Post, PostKind

MAX_REACH = 2**31 - 1


def _check_unit(actor, unit: Unit) -> None:
    """404 for a unit outside the actor's scope (no existence leak); `actor=None` is the system."""
    if actor is not None and not scope_for(actor).covers(unit.path):
        raise Http404


def _choice(value: str, choices, field: str, label: str) -> str:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise UserError(
            gettext("%(label)s (%(field)s): “%(value)s” không hợp lệ; chọn một trong: %(allowed)s.")
            % {"label": label, "field": field, "value": value, "allowed": allowed},
            field=field,
        )
    return value


# ---------------------------------------------------------------------------------------- channels


def add_channel(actor, unit: Unit, *, kind: str, url: str, name: str = "") -> Channel:
    _check_unit(actor, unit)
    _choice(kind, ChannelKind, "kind", gettext("Loại kênh"))
    normal = links.normalise(url)
    if Channel.objects.filter(unit=unit, url=normal).exists():
        raise ConflictError(
            gettext("Kênh %(url)s đã có trong danh sách của đơn vị.") % {"url": normal}, field="url"
        )
    with transaction.atomic():
        ch = Channel.objects.create(unit=unit, kind=kind, url=normal, name=name.strip()[:200])
        audit.record(actor, "outreach.channel.add", ch, unit=unit, url=normal)
    return ch


def remove_channel(actor, channel: Channel) -> None:
    _check_unit(actor, channel.unit)
    with transaction.atomic():
        audit.record(actor, "outreach.channel.remove", channel, unit=channel.unit, url=channel.url)
        channel.delete()


# ------------------------------------------------------------------------------------------- posts


def log_post(
    actor,
    unit: Unit,
    *,
    url: str,
    kind: str,
    published: date,
    reach: int | None = None,
    channel: Channel | None = None,
    title: str = "",
    source: str = "",
    source_id: int | None = None,
    fetch_metadata: bool = True,
    created_by=None,
) -> Post:
    """Log one post; 409 when its (normalised) URL is already logged. Counted in the same transaction."""
    _check_unit(actor, unit)
    _choice(kind, PostKind, "kind", gettext("Loại bài"))
    normal = links.normalise(url)
    if reach is not None and not 0 <= reach <= MAX_REACH:
        raise UserError(
            gettext("Lượt tiếp cận (reach) phải từ 0 đến %(n)s.") % {"n": MAX_REACH}, field="reach"
        )
    if channel is not None and channel.unit_id != unit.pk:
        raise UserError(gettext("Kênh (channel) không thuộc đơn vị này."), field="channel")
    if published > date.today().replace(year=date.today().year + 1):
        raise UserError(gettext("Ngày đăng (published) quá xa trong tương lai."), field="published")
    try:
        with transaction.atomic():
            post = Post.objects.create(
                unit=unit,
                channel=channel,
                url=normal,
                url_key=links.key(normal),
                kind=kind,
                published=published,
                reach=reach,
                title=title.strip()[:300],
                source=source,
                source_id=source_id,
                created_by=created_by or actor,
                meta_status=MetaStatus.PENDING if fetch_metadata else MetaStatus.OK,
            )
            counting.record(unit.path, published, kind, +1)
            audit.record(actor, "outreach.post.log", post, unit=unit, url=normal, kind=kind)
    except IntegrityError:
        raise _duplicate(actor, normal) from None
    if fetch_metadata:
        from doanso.outreach.tasks import fetch_link_metadata

        transaction.on_commit(lambda: fetch_link_metadata.enqueue(post.pk))
    return post


def _duplicate(actor, normal: str) -> ConflictError:
    """The URL is logged already; the unit is named only to a user who may see it."""
    other = Post.objects.select_related("unit").filter(url_key=links.key(normal)).first()
    if other is not None and (actor is None or scope_for(actor).covers(other.unit.path)):
        return ConflictError(
            gettext("Bài viết %(url)s đã được ghi nhận (đơn vị %(unit)s, ngày đăng %(day)s).")
            % {"url": normal, "unit": other.unit.name, "day": other.published.strftime("%d/%m/%Y")},
            field="url",
        )
    return ConflictError(
        gettext("Bài viết %(url)s đã được ghi nhận trước đó.") % {"url": normal}, field="url"
    )


def delete_post(actor, post: Post) -> None:
    _check_unit(actor, post.unit)
    with transaction.atomic():
        locked = Post.objects.select_for_update().filter(pk=post.pk).first()
        if locked is None:
            return
        counting.record(post.unit.path, locked.published, locked.kind, -1)
        audit.record(actor, "outreach.post.delete", locked, unit=post.unit, url=locked.url)
        locked.delete()


def log_story(
    *, unit, title: str, url: str | None, published: date, source: str, source_id: int, by_user
) -> Post:
    """A "câu chuyện đẹp" post from another app (an honoured exemplar's story), once per
    (source, source_id): calling it again returns the post already logged. Without a URL of its own
    the story gets a stable internal one, so the calendar still counts it."""
    existing = Post.objects.filter(source=source, source_id=source_id).first()
    if existing is not None:
        return existing
    link = url or f"https://doanso.invalid/{source}/{source_id}"
    try:
        return log_post(
            None,
            unit,
            url=link,
            kind=PostKind.CAU_CHUYEN_DEP,
            published=published,
            title=title,
            source=source,
            source_id=source_id,
            fetch_metadata=bool(url),
            created_by=by_user,
        )
    except ConflictError:
        found = Post.objects.filter(source=source, source_id=source_id).first()
        if found is None:
            raise
        return found


# ------------------------------------------------------------------------------------------- rules


def rule_for(unit: Unit) -> Rule:
    """The unit's own rule, else its nearest ancestor's, else the defaults (one query)."""
    from doanso.org.api import ancestor_ids

    ids = ancestor_ids(unit.path)
    rows = {r.unit_id: r for r in ComplianceRule.objects.filter(unit_id__in=ids)}
    for uid in reversed(ids):
        if uid in rows:
            r = rows[uid]
            return Rule(r.good_news_per_day, r.stories_per_week, r.posts_per_week)
    return DEFAULT_RULE


def set_rule(
    actor, unit: Unit, *, good_news_per_day: int, stories_per_week: int, posts_per_week: int
) -> Rule:
    _check_unit(actor, unit)
    for name, value in (
        ("good_news_per_day", good_news_per_day),
        ("stories_per_week", stories_per_week),
        ("posts_per_week", posts_per_week),
    ):
        if not 0 <= value <= 100:
            raise UserError(gettext("%(field)s phải từ 0 đến 100.") % {"field": name}, field=name)
    with transaction.atomic():
        ComplianceRule.objects.update_or_create(
            unit=unit,
            defaults={
                "good_news_per_day": good_news_per_day,
                "stories_per_week": stories_per_week,
                "posts_per_week": posts_per_week,
            },
        )
        audit.record(
            actor,
            "outreach.rule.set",
            unit,
            unit=unit,
            good_news_per_day=good_news_per_day,
            stories_per_week=stories_per_week,
            posts_per_week=posts_per_week,
        )
    return Rule(good_news_per_day, stories_per_week, posts_per_week)
