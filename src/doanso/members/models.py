from django.db import models
from django.utils.translation import gettext_lazy as _

from doanso.core.text import fold


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")
    OTHER = "khac", _("Khác")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Đang sinh hoạt")
    TRANSFERRED = "transferred", _("Đã chuyển sinh hoạt")
    MATURED = "matured", _("Trưởng thành Đoàn")
    REMOVED = "removed", _("Ra khỏi Đoàn")


class Member(models.Model):
    """A Union member (đoàn viên) in one branch at a time."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    search_name = models.CharField(max_length=120, default="", editable=False)
    birth_date = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    status = models.CharField(_("trạng thái"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    branch = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="members", verbose_name=_("chi đoàn"))
    version = models.PositiveIntegerField(default=1)  # optimistic locking for concurrent edits

    class Meta:
        indexes = [models.Index(fields=["branch", "status"], name="member_branch_status")]
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.full_name)
        super().save(*args, **kwargs)
