"""Calendar subscriptions: one secret URL per subscriber and calendar, stored only as a keyed hash."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedKind(models.TextChoices):
    UNIT = "unit", _("Lịch đơn vị")
    MEMBER = "member", _("Lịch của tôi")


class Feed(models.Model):
    """A subscriber's calendar token. Rotation revokes the row and adds a new one (old URLs → 404).

    One live feed per (user, kind, unit): the constraint covers unit feeds; a member feed (no unit) is
    kept single by the service, which locks the user's row while it rotates."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feeds")
    kind = models.CharField(max_length=8, choices=FeedKind.choices)
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "unit"],
                condition=models.Q(revoked_at__isnull=True),
                name="agenda_one_live_feed",
            )
        ]

    def __str__(self) -> str:
        return f"lịch {self.kind} #{self.pk}"
