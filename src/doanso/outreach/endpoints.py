"""The outreach app's routes of /api/v1/ (api/urls.py calls `register`): channels, posts, the
compliance calendar under /units/{code}/outreach/, and the media bank. Thin: services write,
selectors read, accounts.scoping scopes."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from doanso.accounts.scoping import get_unit, scope_for
from doanso.core import vn
from doanso.core.calendar import periods
from doanso.core.errors import UserError
from doanso.core.pagination import Page
from doanso.core.vn_schema import VnDate
from doanso.outreach import media, selectors, services
from doanso.outreach.models import Channel, ChannelKind, MediaItem, Post, PostKind

units = Router(tags=["outreach"])
posts = Router(tags=["outreach"])
channels = Router(tags=["outreach"])
media_router = Router(tags=["outreach"])


# ------------------------------------------------------------------------------------------ schemas


class ChannelIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40)
    kind: ChannelKind
    url: str = Field(..., min_length=1, max_length=1000)
    name: str = Field("", max_length=200)


class ChannelOut(Schema):
    id: int
    unit: str
    kind: str
    name: str
    url: str


class PostIn(Schema):
    unit: str = Field(..., min_length=1, max_length=40)
    url: str = Field(..., min_length=1, max_length=2000)
    kind: PostKind
    published: VnDate
    reach: int | None = Field(None, ge=0, le=services.MAX_REACH)
    channel: int | None = Field(None, ge=1, le=2**63 - 1)
    title: str = Field("", max_length=300)


class PostOut(Schema):
    id: int
    unit: str
    url: str
    kind: str
    published: date
    reach: int | None
    title: str
    image_url: str
    meta_status: str
    source: str


class ComplianceItem(Schema):
    unit: str
    name: str
    expected: int
    logged: int
    days: int
    missing_days: list[date]
    missing_weeks: list[str]
    band: str


class ComplianceOut(Schema):
    period: str
    items: list[ComplianceItem]
    count: int


class RuleIn(Schema):
    good_news_per_day: int = Field(1, ge=0, le=100)
    stories_per_week: int = Field(1, ge=0, le=100)
    posts_per_week: int = Field(2, ge=0, le=100)


class RuleOut(RuleIn):
    unit: str


class MediaOut(Schema):
    id: int
    unit: str
    kind: str
    title: str
    tags: list[str]
    content_type: str
    size: int
    licence: str
    author: str
    public: bool
    status: str
    downloads: int
    download_url: str


class ReviewIn(Schema):
    approve: bool
    note: str = Field("", max_length=500)


def channel_out(c: Channel) -> dict:
    return {"id": c.pk, "unit": c.unit.code, "kind": c.kind, "name": c.name, "url": c.url}


def post_out(p: Post) -> dict:
    return {
        "id": p.pk,
        "unit": p.unit.code,
        "url": p.url,
        "kind": p.kind,
        "published": p.published,
        "reach": p.reach,
        "title": p.title,
        "image_url": p.image_url,
        "meta_status": p.meta_status,
        "source": p.source,
    }


def media_out(m: MediaItem) -> dict:
    from django.urls import reverse

    return {
        "id": m.pk,
        "unit": m.unit.code,
        "kind": m.kind,
        "title": m.title,
        "tags": m.tag_list,
        "content_type": m.content_type,
        "size": m.size,
        "licence": m.licence,
        "author": m.author,
        "public": m.public,
        "status": m.status,
        "downloads": m.downloads,
        "download_url": reverse("outreach:media_download", args=[m.pk]),
    }


def _period(text: str) -> periods.Period:
    """A period id (2026W10, 2026-03, 2026-03-02…) or as Vietnamese write it (tháng 3/2026)."""
    if periods.is_valid(text):
        return periods.parse(text)
    try:
        return periods.parse(vn.parse_period(text))
    except vn.VnParseError as exc:
        raise UserError(str(exc), field="period") from None


def _scoped_post(user, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("unit"), pk=post_id)
    if not scope_for(user).covers(post.unit.path):
        raise Http404
    return post


# ------------------------------------------------------------------------------------------- routes


@channels.post("", response={201: ChannelOut})
def add_channel(request, body: ChannelIn):
    unit = get_unit(request.user, body.unit)
    ch = services.add_channel(request.user, unit, kind=body.kind, url=body.url, name=body.name)
    return Status(201, channel_out(ch))


@channels.delete("/{channel_id}", response={204: None})
def remove_channel(request, channel_id: int):
    ch = get_object_or_404(Channel.objects.select_related("unit"), pk=channel_id)
    services.remove_channel(request.user, ch)  # 404 outside the user's scope
    return Status(204, None)


@units.get("/{code}/outreach/channels", response=list[ChannelOut])
@paginate(Page)
def unit_channels(request, code: str):
    unit = get_unit(request.user, code)
    return [channel_out(c) for c in Channel.objects.filter(unit=unit).select_related("unit")]


@posts.post("", response={201: PostOut})
def log_post(request, body: PostIn):
    unit = get_unit(request.user, body.unit)
    channel = None
    if body.channel is not None:
        channel = Channel.objects.filter(pk=body.channel, unit=unit).first()
        if channel is None:
            raise UserError(gettext("Kênh (channel) không thuộc đơn vị này."), field="channel")
    post = services.log_post(
        request.user,
        unit,
        url=body.url,
        kind=body.kind,
        published=body.published,
        reach=body.reach,
        channel=channel,
        title=body.title,
    )
    return Status(201, post_out(post))


@posts.get("", response=list[PostOut])
@paginate(Page)
def list_posts(request, unit: str, period: str = Query("", max_length=20)):
    """The posts of a unit's subtree, newest first (optionally in one period)."""
    u = get_unit(request.user, unit)
    lo, hi = u.subtree_range
    qs = Post.objects.filter(unit__path__gte=lo, unit__path__lt=hi).select_related("unit")
    if period:
        p = _period(period)
        qs = qs.filter(published__gte=p.start, published__lte=p.end)
    return [post_out(p) for p in qs[:5000]]


@posts.get("/{post_id}", response=PostOut)
def get_post(request, post_id: int):
    return post_out(_scoped_post(request.user, post_id))


@posts.delete("/{post_id}", response={204: None})
def delete_post(request, post_id: int):
    services.delete_post(request.user, _scoped_post(request.user, post_id))
    return Status(204, None)


@units.get("/{code}/outreach/compliance", response=ComplianceOut)
def unit_compliance(request, code: str, period: str = Query(..., min_length=4, max_length=20)):
    """The rule checked for the unit and each of its children over the period (2026W10, 2026-03…)."""
    unit = get_unit(request.user, code)
    p = _period(period)
    items = selectors.compliance(unit, p, timezone.localdate())
    return {"period": p.id, "items": items, "count": len(items)}


@units.get("/{code}/outreach/rule", response=RuleOut)
def unit_rule(request, code: str):
    unit = get_unit(request.user, code)
    r = selectors.rules_for([unit])[unit.pk]
    return {"unit": unit.code, **r.__dict__}


@units.put("/{code}/outreach/rule", response=RuleOut)
def set_unit_rule(request, code: str, body: RuleIn):
    unit = get_unit(request.user, code)
    r = services.set_rule(request.user, unit, **body.dict())
    return {"unit": unit.code, **r.__dict__}


@media_router.get("", response=list[MediaOut])
@paginate(Page)
def list_media(
    request,
    unit: str = Query("", max_length=40),
    q: str = Query("", max_length=200),
    kind: str = Query("", max_length=16),
):
    """The media bank: the user's units' items (any status) and approved public ones; ?q= ignores accents."""
    qs = media.visible(request.user).select_related("unit")
    if unit:
        u = get_unit(request.user, unit)
        lo, hi = u.subtree_range
        qs = qs.filter(unit__path__gte=lo, unit__path__lt=hi)
    return [media_out(m) for m in media.search(qs, q, kind)[:5000]]


@media_router.post("/{media_id}/review", response=MediaOut)
def review_media(request, media_id: int, body: ReviewIn):
    item = get_object_or_404(MediaItem.objects.select_related("unit", "unit__parent"), pk=media_id)
    # media.review answers 404 outside the user's scope
    return media_out(media.review(request.user, item, approve=body.approve, note=body.note))


def register(api) -> None:
    """Mount the routers; /units is shared with the units and members routers (ninja merges
    routers mounted at one prefix: tests/outreach/test_api_routes.py checks all three answer)."""
    api.add_router("/units", units)
    api.add_router("/posts", posts)
    api.add_router("/channels", channels)
    api.add_router("/media", media_router)
