"""Background work of the outreach app (django-tasks): link previews and media thumbnails."""

import io
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext
from django_tasks import task

from doanso.core import images
from doanso.core.errors import UserError
from doanso.outreach import filecheck, linkmeta, safefetch
from doanso.outreach.models import MediaItem, MetaStatus, Post

log = logging.getLogger("doanso.outreach")
THUMB_SIZE = (480, 480)


def _fetch(url: str, max_bytes: int) -> safefetch.Fetched:
    return safefetch.fetch(
        url,
        max_bytes=max_bytes,
        timeout=settings.DOANSO_FETCH_TIMEOUT,
        allow_private=settings.DOANSO_FETCH_ALLOW_PRIVATE,
    )


def read_metadata(url: str) -> tuple[str, str]:
    """(title, image URL) of the page at `url`; the image is kept only when its bytes are a real
    image within the size caps. FetchRefused/UserError explain a refusal."""
    page = _fetch(url, settings.DOANSO_FETCH_MAX_BYTES)
    if "html" not in page.content_type and not page.body.lstrip()[:15].lower().startswith(
        (b"<!doctype", b"<html")
    ):
        raise safefetch.FetchRefused(gettext("Địa chỉ không phải là một trang web (HTML)."))
    title, image = linkmeta.parse(page.body, page.url, linkmeta.charset_of(page.content_type))
    if image:
        try:
            img = _fetch(image, settings.DOANSO_FETCH_MAX_BYTES)
            filecheck.image_size(img.body, max_pixels=settings.DOANSO_MEDIA_MAX_PIXELS)
        except (safefetch.FetchRefused, UserError) as exc:
            log.info("preview image of %s refused: %s", url, exc)
            image = ""
    return title, image


@task()
def fetch_link_metadata(post_id: int) -> None:
    """Fill a post's title and preview image from its page; a refusal is recorded, never raised."""
    post = Post.objects.filter(pk=post_id).first()
    if post is None or post.url.startswith("https://doanso.invalid/"):
        return
    try:
        title, image = read_metadata(post.url)
    except (safefetch.FetchRefused, UserError) as exc:
        Post.objects.filter(pk=post_id).update(meta_status=MetaStatus.FAILED, meta_error=str(exc)[:300])
        return
    Post.objects.filter(pk=post_id).update(
        title=post.title or title, image_url=image, meta_status=MetaStatus.OK, meta_error=""
    )


@task()
def make_thumbnail(media_id: int) -> None:
    """A small JPEG of an image upload; videos, PDFs and templates show a placeholder instead."""
    item = MediaItem.objects.filter(pk=media_id).first()
    if item is None or not item.content_type.startswith("image/") or item.thumbnail:
        return
    try:
        with (
            item.file.open("rb") as fh,
            images.opened(fh, max_pixels=settings.DOANSO_MEDIA_MAX_PIXELS) as im,
        ):
            im.draft("RGB", THUMB_SIZE)
            im = im.convert("RGB")
            im.thumbnail(THUMB_SIZE)
            out = io.BytesIO()
            im.save(out, "JPEG", quality=80)
    except UserError as exc:  # checked at upload; a cap lowered since keeps the placeholder
        log.info("no thumbnail for media %s: %s", media_id, exc)
        return
    item.thumbnail.save(f"thumb-{item.pk}.jpg", ContentFile(out.getvalue()), save=False)
    MediaItem.objects.filter(pk=item.pk).update(thumbnail=item.thumbnail.name)
