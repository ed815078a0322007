"""Data-subject requests and legal holds (PDP Law 91/2025/QH15, Decree 356/2025/NĐ-CP)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    EXPORT = "export", _("Cung cấp dữ liệu")
    CORRECTION = "correction", _("Chỉnh sửa dữ liệu")
    DELETION = "deletion", _("Xóa dữ liệu")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    DONE = "done", _("Đã thực hiện")
    REFUSED = "refused", _("Từ chối")


class DataRequest(models.Model):
    """One request of a data subject, made by the member or by an admin on their behalf."""

    kind = models.CharField(max_length=12, choices=RequestKind.choices)
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="data_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf = models.BooleanField(default=False)  # an admin asked for the member
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.RECEIVED)
    changes = models.JSONField(default=dict, blank=True)  # correction: {field: proposed value}
    reason = models.TextField(blank=True, default="")  # why refused
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "created_at"], name="datarequest_member_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class LegalHold(models.Model):
    """While it exists the member's data may not be deleted (an inquiry, a dispute, an archive rule)."""

    member = models.OneToOneField("members.Member", on_delete=models.CASCADE, related_name="legal_hold")
    reason = models.CharField(max_length=255)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.reason
