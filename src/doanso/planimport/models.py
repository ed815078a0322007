"""Drafts of imported plans: the uploaded document, what the extractor read, and the reviewer's version."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Đang rà soát")
    REVIEWED = "reviewed", _("Đã rà soát (chờ phân hệ Kế hoạch)")
    ACCEPTED = "accepted", _("Đã nhận thành kế hoạch")


class PlanDraft(models.Model):
    """One uploaded plan document under review for one unit.

    `extracted` is the extractor's JSON as read (kept unchanged, to measure how much
    reviewers correct); `reviewed` starts as a copy with an `id` on every item and is
    what the reviewer edits and what `accept` turns into a Plan.
    """

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("tên tệp"), max_length=255)
    source_text = models.TextField(_("nội dung văn bản"))
    extracted = models.JSONField(_("kết quả đọc tự động"), default=dict)
    reviewed = models.JSONField(_("bản đã rà soát"), default=dict)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DraftStatus.choices, default=DraftStatus.DRAFT
    )
    plan = models.ForeignKey(
        "plans.Plan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kế hoạch đã tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"], name="plandraft_unit_created")]
        verbose_name = _("bản nháp kế hoạch")
        verbose_name_plural = _("bản nháp kế hoạch")

    def __str__(self) -> str:
        return self.file_name

    @property
    def title(self) -> str:
        return (self.reviewed or {}).get("title") or self.file_name

    @property
    def accepted(self) -> bool:
        return self.status == DraftStatus.ACCEPTED
