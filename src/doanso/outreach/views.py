"""Pages of the good-news calendar and the media bank. Thin: forms check shapes, services write,
`accounts.scoping.get_unit` answers 404 outside the user's units."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doanso.accounts.scoping import acting_units, get_unit, scope_for
from doanso.core import vn
from doanso.core.calendar import periods
from doanso.core.errors import UserError
from doanso.outreach import media, selectors, services
from doanso.outreach.forms import ChannelForm, MediaForm, PostForm, RuleForm
from doanso.outreach.models import Channel, MediaItem, MediaKind, MediaStatus, Post


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The units the user acts for, each with its post log, calendar, channels and media bank."""
    return render(request, "outreach/index.html", {"units": acting_units(request.user)[:50]})


def _posts_page(request, unit):
    lo, hi = unit.subtree_range
    qs = Post.objects.filter(unit__path__gte=lo, unit__path__lt=hi).select_related("unit", "channel")
    return Paginator(qs, 30).get_page(request.GET.get("page"))


@login_required
def unit_posts(request: HttpRequest, code: str) -> HttpResponse:
    """The post log of a unit's subtree, and the quick "log a post" form (htmx: the list is redrawn)."""
    unit = get_unit(request.user, code)
    form = PostForm(request.POST or None, initial={"published": timezone.localdate(), "kind": "tin_tot"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.log_post(
                request.user, unit, url=d["url"], kind=d["kind"], published=d["published"], reach=d["reach"]
            )
        except UserError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận bài viết."))
            if not request.headers.get("HX-Request"):
                return redirect("outreach:unit", unit.code)
            form = PostForm(initial={"published": d["published"], "kind": d["kind"]})
    ctx = {"unit": unit, "form": form, "posts": _posts_page(request, unit)}
    if request.headers.get("HX-Request"):
        return render(request, "outreach/_log.html", ctx)
    return render(request, "outreach/unit.html", ctx)


@login_required
def unit_channels(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)
    form = ChannelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_channel(request.user, unit, **form.cleaned_data)
        except UserError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã thêm kênh."))
            return redirect("outreach:channels", unit.code)
    lo, hi = unit.subtree_range
    rows = Channel.objects.filter(unit__path__gte=lo, unit__path__lt=hi).select_related("unit")[:500]
    return render(request, "outreach/channels.html", {"unit": unit, "form": form, "channels": rows})


def _period_from(request) -> periods.Period:
    raw = request.GET.get("period", "")
    if raw and periods.is_valid(raw):
        return periods.parse(raw)
    if raw:
        try:
            return periods.parse(vn.parse_period(raw))
        except (vn.VnParseError, UserError):
            pass
    return periods.Period.containing(timezone.localdate(), periods.WEEK)


@login_required
def unit_compliance(request: HttpRequest, code: str) -> HttpResponse:
    """The calendar: the unit and each child against the rule, with the days each missed."""
    unit = get_unit(request.user, code)
    rule = selectors.rules_for([unit])[unit.pk]
    form = RuleForm(request.POST or None, initial=rule.__dict__)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_rule(request.user, unit, **form.cleaned_data)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu quy định đăng bài của đơn vị."))
            return redirect("outreach:compliance", unit.code)
    period = _period_from(request)
    items = selectors.compliance(unit, period, timezone.localdate())
    ctx = {
        "unit": unit,
        "period": period,
        "previous": period.previous(),
        "next": period.next(),
        "items": items,
        "rule": rule,
        "form": form,
    }
    return render(request, "outreach/compliance.html", ctx)


@login_required
def unit_media(request: HttpRequest, code: str) -> HttpResponse:
    """The unit's media bank: browse and search (with or without accents), upload."""
    unit = get_unit(request.user, code)
    form = MediaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        f = d["file"]
        try:
            media.check_size(f.size)  # before reading: a huge upload is never loaded whole
            data = f.read()
            item = media.upload(
                request.user,
                unit,
                kind=d["kind"],
                title=d["title"],
                data=data,
                file_name=f.name,
                description=d["description"],
                tags=d["tags"],
                licence=d["licence"],
                author=d["author"],
                public=d["public"],
            )
        except UserError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã tải lên “%(t)s”; tệp chờ cấp trên duyệt.") % {"t": item.title})
            return redirect("outreach:media", unit.code)
    lo, hi = unit.subtree_range
    q, kind = request.GET.get("q", "")[:200], request.GET.get("kind", "")
    qs = media.search(
        MediaItem.objects.filter(unit__path__gte=lo, unit__path__lt=hi).select_related("unit"), q, kind
    )
    ctx = {
        "unit": unit,
        "form": form,
        "items": Paginator(qs, 24).get_page(request.GET.get("page")),
        "q": q,
        "kind": kind,
        "kinds": MediaKind.choices,
    }
    return render(request, "outreach/media.html", ctx)


def _visible_item(request, media_id: int) -> MediaItem:
    item = get_object_or_404(MediaItem.objects.select_related("unit", "unit__parent"), pk=media_id)
    public = item.status == MediaStatus.APPROVED and item.public
    if not public and not scope_for(request.user).covers(item.unit.path):
        raise Http404
    return item


def media_detail(request: HttpRequest, media_id: int) -> HttpResponse:
    """One item; the level above approves or refuses it here. Public items are open to everyone."""
    item = _visible_item(request, media_id)
    in_scope = scope_for(request.user).covers(item.unit.path)
    reviewer = in_scope and item.status == MediaStatus.PENDING and media.can_review(request.user, item)
    error = ""
    if request.method == "POST":
        if not in_scope:
            raise Http404
        decision = request.POST.get("decision", "")
        try:
            media.review(request.user, item, approve=decision == "approve", note=request.POST.get("note", ""))
        except UserError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã duyệt tệp.") if decision == "approve" else _("Đã từ chối tệp."))
            return redirect("outreach:media_detail", item.pk)
    ctx = {"item": item, "reviewer": reviewer, "in_scope": in_scope, "error": error}
    return render(request, "outreach/media_detail.html", ctx, status=400 if error else 200)


@require_GET
def media_download(request: HttpRequest, media_id: int) -> FileResponse:
    """The file itself (download counted); the same visibility as the item's page."""
    item = _visible_item(request, media_id)
    if request.GET.get("thumb") and item.thumbnail:
        return FileResponse(item.thumbnail.open("rb"), content_type="image/jpeg")
    media.count_download(item)
    name = item.file_name or item.file.name.rsplit("/", 1)[-1]
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=name, content_type=item.content_type
    )


@require_GET
def public_media(request: HttpRequest) -> HttpResponse:
    """The public gallery: approved items their units chose to share, searchable without accents."""
    q, kind = request.GET.get("q", "")[:200], request.GET.get("kind", "")
    qs = media.search(
        MediaItem.objects.filter(status=MediaStatus.APPROVED, public=True).select_related("unit"), q, kind
    )
    ctx = {
        "items": Paginator(qs, 24).get_page(request.GET.get("page")),
        "q": q,
        "kind": kind,
        "kinds": MediaKind.choices,
    }
    return render(request, "outreach/public_media.html", ctx)
