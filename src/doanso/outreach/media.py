"""Writes and reads of the media bank: upload (checked by content), approval by the level above,
search with or without Vietnamese accents, downloads counted."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.core import audit
from doanso.core.errors import ConflictError, UserError
from doanso.core.text import fold
from doanso.core.vn import format_size
from doanso.org.api import Unit
from doanso.outreach import filecheck
from doanso.outreach.models import MediaItem, MediaKind, MediaStatus

IMAGES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
OFFICE = set(filecheck.OFFICE.values())
ALLOWED: dict[str, set[str]] = {
    MediaKind.INFOGRAPHIC: IMAGES | {"application/pdf"},
    MediaKind.VIDEO: {"video/mp4", "video/webm"},
    MediaKind.TEMPLATE: IMAGES | {"application/pdf"} | OFFICE,
}
EXTENSIONS = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "video/mp4": "mp4",
    "video/webm": "webm",
    filecheck.OFFICE["word/"]: "docx",
    filecheck.OFFICE["ppt/"]: "pptx",
    filecheck.OFFICE["xl/"]: "xlsx",
}


def content_type_of(data: bytes, kind: str) -> str:
    """The type of an upload read from its bytes, checked against what `kind` accepts."""
    ctype = filecheck.sniff(data[:16])
    if ctype == "application/zip":
        ctype = filecheck.office_type(data)
    if ctype is None:
        raise UserError(
            gettext("Tệp (file): nội dung không được nhận (chỉ nhận ảnh, PDF, MP4, WebM, DOCX, PPTX, XLSX)."),
            field="file",
        )
    if ctype in IMAGES:
        ctype, _ = filecheck.image_size(data, max_pixels=settings.DOANSO_MEDIA_MAX_PIXELS)
    if ctype not in ALLOWED[kind]:
        raise UserError(
            gettext("Tệp (file): loại %(type)s không dùng cho mục “%(kind)s”.")
            % {"type": ctype, "kind": MediaKind(kind).label},
            field="file",
        )
    return ctype


def check_size(size: int) -> None:
    if size > settings.DOANSO_MEDIA_MAX_BYTES:
        raise UserError(
            gettext("Tệp (file) %(size)s lớn quá giới hạn %(max)s.")
            % {"size": format_size(size), "max": format_size(settings.DOANSO_MEDIA_MAX_BYTES)},
            field="file",
        )


def upload(
    actor,
    unit: Unit,
    *,
    kind: str,
    title: str,
    data: bytes,
    file_name: str = "",
    description: str = "",
    tags: str = "",
    licence: str = "",
    author: str = "",
    public: bool = False,
) -> MediaItem:
    """Store a checked file for `unit`; it waits for the level above to approve it."""
    if not scope_for(actor).covers(unit.path):
        raise Http404
    if kind not in MediaKind.values:
        raise UserError(gettext("Loại (kind) không hợp lệ."), field="kind")
    title = (title or "").strip()
    if not title:
        raise UserError(gettext("Tiêu đề (title): chưa nhập."), field="title")
    check_size(len(data))
    if not data:
        raise UserError(gettext("Tệp (file): chưa chọn tệp hoặc tệp rỗng."), field="file")
    ctype = content_type_of(data, kind)
    tag_list = [t.strip() for t in tags.split(",") if t.strip()]
    tags = ", ".join(dict.fromkeys(tag_list))[:300]
    with transaction.atomic():
        item = MediaItem(
            unit=unit,
            kind=kind,
            title=title[:200],
            description=description[:2000],
            tags=tags,
            search_text=fold(" ".join([title, tags, description])),
            file_name=(file_name or "")[:200],
            content_type=ctype,
            size=len(data),
            licence=licence[:100],
            author=author[:200],
            public=public,
            uploaded_by=actor,
        )
        item.file.save(
            f"{unit.code}-{timezone.now():%Y%m%d%H%M%S}.{EXTENSIONS[ctype]}", ContentFile(data), save=False
        )
        item.save()
        audit.record(actor, "outreach.media.upload", item, unit=unit, title=item.title, size=len(data))
    from doanso.outreach.tasks import make_thumbnail

    transaction.on_commit(lambda: make_thumbnail.enqueue(item.pk))
    return item


def can_review(user, item: MediaItem) -> bool:
    """Approval is the level above's: a user whose scope covers the uploading unit's parent."""
    parent = item.unit.parent
    return parent is not None and scope_for(user).covers(parent.path)


def review(actor, item: MediaItem, *, approve: bool, note: str = "") -> MediaItem:
    if not scope_for(actor).covers(item.unit.path):
        raise Http404
    if not can_review(actor, item):
        raise UserError(gettext("Chỉ cấp trên của đơn vị đăng tải mới được duyệt tệp này."), field="approve")
    if not approve and not note.strip():
        raise UserError(gettext("Lý do (note): cần ghi lý do khi từ chối."), field="note")
    with transaction.atomic():
        locked = MediaItem.objects.select_for_update().get(pk=item.pk)
        if locked.status != MediaStatus.PENDING:
            raise ConflictError(gettext("Tệp này đã được duyệt hoặc từ chối trước đó."), field="approve")
        locked.status = MediaStatus.APPROVED if approve else MediaStatus.REJECTED
        locked.review_note = note.strip()[:500]
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
        audit.record(actor, "outreach.media.review", locked, unit=locked.unit, status=locked.status)
    return locked


def visible(user) -> QuerySet[MediaItem]:
    """What `user` may see: everything of their units' subtrees, plus approved public items."""
    public = Q(status=MediaStatus.APPROVED, public=True)
    if not getattr(user, "is_authenticated", False):
        return MediaItem.objects.filter(public)
    return MediaItem.objects.filter(scope_for(user).q("unit__path") | public)


def search(qs: QuerySet[MediaItem], q: str = "", kind: str = "", tag: str = "") -> QuerySet[MediaItem]:
    """Accent-insensitive search: "thanh nien" finds "Thanh niên"; every word must match."""
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    if kind:
        qs = qs.filter(kind=kind)
    if tag:
        qs = qs.filter(search_text__contains=fold(tag))
    return qs


def count_download(item: MediaItem) -> None:
    MediaItem.objects.filter(pk=item.pk).update(downloads=F("downloads") + 1)
