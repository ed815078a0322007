"""Ideas of young people, their review history, the support they receive and their moderation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Field(models.TextChoices):
    """The fields of "Mỗi thanh niên một ý tưởng, sáng kiến"."""

    ECONOMY = "kinh_te", _("Kinh tế")
    SCIENCE = "khoa_hoc_cong_nghe", _("Khoa học công nghệ")
    DIGITAL = "chuyen_doi_so", _("Chuyển đổi số")
    ENVIRONMENT = "moi_truong", _("Môi trường")
    SOCIETY = "van_hoa_xa_hoi", _("Văn hoá xã hội")
    EDUCATION = "giao_duc", _("Giáo dục")
    OTHER = "khac", _("Khác")


class Status(models.TextChoices):
    RECEIVED = "tiep_nhan", _("Tiếp nhận")
    REVIEWING = "danh_gia", _("Đánh giá")
    SUPPORTED = "ho_tro", _("Hỗ trợ")
    IMPLEMENTING = "trien_khai", _("Triển khai")
    DONE = "hoan_thanh", _("Hoàn thành")
    REJECTED = "tu_choi", _("Từ chối")


class Moderation(models.TextChoices):
    NONE = "", _("Bình thường")
    HIDDEN = "hidden", _("Đang ẩn chờ xem xét")
    RESTORED = "restored", _("Đã khôi phục")
    KEPT_HIDDEN = "kept_hidden", _("Giữ ẩn")


class Idea(models.Model):
    """One idea submitted to a unit. `version` moves on every transition (optimistic locking);
    `supported_month`/`implemented_month` record when it first reached ho_tro / trien_khai, which
    is what the subtree counters (and the plan indicators) count."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    author_name = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    field = models.CharField(max_length=24, choices=Field.choices)
    description = models.TextField(max_length=10000)
    team = models.CharField(max_length=500, blank=True, default="")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED)
    version = models.PositiveIntegerField(default=0)
    supported_month = models.CharField(max_length=7, blank=True, default="")
    implemented_month = models.CharField(max_length=7, blank=True, default="")
    report_count = models.PositiveIntegerField(default=0)
    moderation = models.CharField(max_length=12, choices=Moderation.choices, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"], name="idea_unit_status"),
            models.Index(fields=["status", "moderation"], name="idea_status_moderation"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def hidden(self) -> bool:
        return self.moderation in (Moderation.HIDDEN, Moderation.KEPT_HIDDEN)


class Transition(models.Model):
    """One step of an idea's review: who moved it, when, from where to where, and why."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=Status.choices)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    note = models.CharField(max_length=1000, blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class SupportKind(models.TextChoices):
    MONEY = "kinh_phi", _("Kinh phí")
    MENTORING = "co_van", _("Tư vấn, cố vấn")
    VENUE = "dia_diem", _("Địa điểm")
    EQUIPMENT = "thiet_bi", _("Trang thiết bị")


class Support(models.Model):
    """Support given to an idea by a unit or a partner (money in VND, mentoring, venue, equipment)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField(max_length=12, choices=SupportKind.choices)
    amount = models.BigIntegerField(default=0)  # VND, for money
    provider = models.CharField(max_length=200)  # a unit's or a partner's name
    note = models.CharField(max_length=1000, blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="idea_support_amount")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.provider}"


class Endorsement(models.Model):
    """A person's support of an idea, like a vote: one per person and idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="idea_endorsement_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"


class ReportReason(models.TextChoices):
    """Decidim's reasons for reporting content."""

    SPAM = "spam", _("Quảng cáo, rác")
    OFFENSIVE = "offensive", _("Xúc phạm, không phù hợp")
    OFF_TOPIC = "off_topic", _("Không thuộc chủ đề")
    PERSONAL = "personal_data", _("Lộ thông tin cá nhân")


class Report(models.Model):
    """A user's report that an idea breaks the rules; after N open reports the idea is hidden."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=16, choices=ReportReason.choices)
    details = models.CharField(max_length=1000, blank=True, default="")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="idea_report_once")]

    def __str__(self) -> str:
        return f"{self.reason} ({self.idea_id})"


class ModerationDecision(models.Model):
    """A moderator's decision on a reported idea (restore it, or keep it hidden)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=12, choices=Moderation.choices)
    note = models.CharField(max_length=1000, blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.decision} ({self.idea_id})"
