from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã nộp")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


# Reports whose values count toward actuals and completeness.
COUNTED = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


class Report(models.Model):
    """A unit's report for one obligation and one period."""

    obligation = models.ForeignKey("plans.Obligation", on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="reports")
    period = models.CharField(_("kỳ báo cáo"), max_length=10)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    due_at = models.DateTimeField(_("hạn nộp"))
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    on_time = models.BooleanField(_("đúng hạn"), null=True)
    narrative = models.TextField(_("nội dung báo cáo"), blank=True, default="")
    comment = models.TextField(_("ý kiến của cấp trên"), blank=True, default="")
    version = models.PositiveIntegerField(default=1)  # optimistic locking
    # The aggregate deltas this report has contributed (so a return takes back exactly them).
    counted = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["obligation", "unit", "period"], name="report_unique")]
        indexes = [models.Index(fields=["unit", "status"], name="report_unit_status")]
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")

    def __str__(self) -> str:
        return f"{self.obligation_id}/{self.unit_id}/{self.period}"


class ReportValue(models.Model):
    """One indicator's value in a report (ratios: numerator and denominator)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey("plans.Indicator", on_delete=models.PROTECT, related_name="+")
    value = models.BigIntegerField(_("giá trị"))
    denominator = models.BigIntegerField(_("mẫu số"), null=True, blank=True)
    # A value pre-filled from the system's records (computed and mixed indicators): what the records
    # counted when the secretary saved it, and why the figure they confirmed differs (mandatory then).
    # For a mixed indicator `value` is what comes on top of the records (outside the system, or a
    # correction, possibly negative); for a computed one it is the figure itself.
    from_records = models.BigIntegerField(_("theo dữ liệu hệ thống"), null=True, blank=True)
    reason = models.TextField(_("lý do sửa số liệu"), blank=True, default="", db_default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="reportvalue_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value}"


class ReportEvent(models.Model):
    """The report's history: who saved, submitted, approved or returned it, when, with what."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    comment = models.TextField(blank=True, default="")
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.at}"


class Reminder(models.Model):
    """A reminder sent to a unit about a report due soon or overdue (sent once per kind)."""

    obligation = models.ForeignKey("plans.Obligation", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10)
    kind = models.CharField(max_length=8)  # "before" | "after"
    sent_at = models.DateTimeField()
    recipients = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["obligation", "unit", "period", "kind"], name="reminder_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.unit_id} {self.period}"
