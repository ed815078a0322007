"""Channels, logged posts, compliance rules and the media bank (issue 16, items 1 and 2)."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doanso.org.api import Unit


class ChannelKind(models.TextChoices):
    FANPAGE = "fanpage", _("Fanpage")
    WEBSITE = "website", _("Website")
    ZALO_OA = "zalo_oa", _("Zalo OA")
    TIKTOK = "tiktok", _("TikTok")
    YOUTUBE = "youtube", _("YouTube")


class Channel(models.Model):
    """A unit's own channel (fanpage, website…), where its posts appear."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị"))
    kind = models.CharField(_("loại kênh"), max_length=16, choices=ChannelKind.choices)
    name = models.CharField(_("tên kênh"), max_length=200, blank=True, default="")
    url = models.URLField(_("địa chỉ"), max_length=1000)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_id", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "url"], name="outreach_channel_unit_url")]

    def __str__(self) -> str:
        return self.name or self.url


class PostKind(models.TextChoices):
    TIN_TOT = "tin_tot", _("Tin tốt")
    CAU_CHUYEN_DEP = "cau_chuyen_dep", _("Câu chuyện đẹp")
    PHAN_BAC = "phan_bac", _("Phản bác thông tin sai trái")


class MetaStatus(models.TextChoices):
    PENDING = "pending", _("đang lấy")
    OK = "ok", _("đã lấy")
    FAILED = "failed", _("không lấy được")


class Post(models.Model):
    """One post a unit published, logged by its URL (one row per normalised URL)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    channel = models.ForeignKey(
        Channel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("kênh"),
    )
    url = models.URLField(_("địa chỉ bài viết"), max_length=2000)
    url_key = models.CharField(max_length=64, unique=True)  # sha256 of the normalised URL
    kind = models.CharField(_("loại bài"), max_length=16, choices=PostKind.choices)
    published = models.DateField(_("ngày đăng"))
    reach = models.PositiveIntegerField(_("lượt tiếp cận"), null=True, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=300, blank=True, default="")
    image_url = models.URLField(_("ảnh"), max_length=2000, blank=True, default="")
    meta_status = models.CharField(max_length=8, choices=MetaStatus.choices, default=MetaStatus.PENDING)
    meta_error = models.CharField(max_length=300, blank=True, default="")
    source = models.CharField(max_length=32, blank=True, default="")  # "" = logged by hand; "exemplars"…
    source_id = models.BigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [models.Index(fields=["unit", "published"], name="outreach_post_unit_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=~Q(source=""), name="outreach_post_source_once"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.url


class ComplianceRule(models.Model):
    """A unit's own campaign rule; units without one follow their nearest ancestor's, else the
    defaults of QĐ 311 and the seeds (1 tin tốt a day, 1 câu chuyện đẹp a week, ≥ 2 posts a week)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="+")
    good_news_per_day = models.PositiveSmallIntegerField(_("tin tốt mỗi ngày"), default=1)
    stories_per_week = models.PositiveSmallIntegerField(_("câu chuyện đẹp mỗi tuần"), default=1)
    posts_per_week = models.PositiveSmallIntegerField(_("bài viết mỗi tuần"), default=2)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.good_news_per_day}/{self.stories_per_week}/{self.posts_per_week}"


class MediaKind(models.TextChoices):
    INFOGRAPHIC = "infographic", _("Infographic")
    VIDEO = "video", _("Video")
    TEMPLATE = "template", _("Mẫu thiết kế")


class MediaStatus(models.TextChoices):
    PENDING = "cho_duyet", _("Chờ duyệt")
    APPROVED = "da_duyet", _("Đã duyệt")
    REJECTED = "tu_choi", _("Từ chối")


def media_storage():
    """The media bank's storage (STORAGES["media_bank"]: local disk, or S3 through django-storages)."""
    return storages["media_bank"]


class MediaItem(models.Model):
    """A file of the media bank, uploaded by a unit and approved by the level above."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    kind = models.CharField(_("loại"), max_length=16, choices=MediaKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True, default="", max_length=2000)
    tags = models.CharField(_("thẻ"), max_length=300, blank=True, default="")  # comma-separated
    search_text = models.TextField(blank=True, default="")  # core.text.fold of title, tags, description
    file = models.FileField(_("tệp"), storage=media_storage, upload_to="media-bank/%Y/%m/", max_length=300)
    file_name = models.CharField(max_length=200, blank=True, default="")
    content_type = models.CharField(max_length=80)
    size = models.BigIntegerField(default=0)
    thumbnail = models.FileField(
        storage=media_storage, upload_to="media-bank/thumbs/", blank=True, max_length=300
    )
    licence = models.CharField(_("giấy phép"), max_length=100, blank=True, default="")
    author = models.CharField(_("tác giả"), max_length=200, blank=True, default="")
    public = models.BooleanField(_("công khai"), default=False)
    status = models.CharField(max_length=10, choices=MediaStatus.choices, default=MediaStatus.PENDING)
    review_note = models.CharField(max_length=500, blank=True, default="")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    downloads = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "public"], name="outreach_media_public")]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (s.strip() for s in self.tags.split(",")) if t]
