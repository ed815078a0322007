from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    ZALO = "zalo", _("Zalo")
    TELEGRAM = "telegram", _("Telegram")


class Preference(models.Model):
    """How one person wants to hear about their work: channels, addresses on them, quiet hours."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="todo_preference"
    )
    channels = models.JSONField(_("kênh nhận nhắc việc"), default=list, blank=True)
    zalo_user_id = models.CharField(_("mã người dùng Zalo"), max_length=64, blank=True, default="")
    telegram_chat_id = models.CharField(
        _("mã cuộc trò chuyện Telegram"), max_length=64, blank=True, default=""
    )
    quiet_from = models.TimeField(_("không nhắc từ"), null=True, blank=True)
    quiet_to = models.TimeField(_("đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("cách nhận nhắc việc")
        verbose_name_plural = _("cách nhận nhắc việc")

    def __str__(self) -> str:
        return f"{self.user_id}: {', '.join(self.channels)}"


class Notice(models.Model):
    """One line waiting for a person's next digest (the outbox): a reminder of one report, made once
    (`key` is unique per person), sent with the others in one message when quiet hours allow."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    channels = models.JSONField(default=list, blank=True)  # where it went

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notice_user_key")]
        indexes = [models.Index(fields=["sent_at", "user"], name="notice_pending")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"
