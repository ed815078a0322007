from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLog(models.Model):
    """Who changed what and when; written by service functions, never by views."""

    at = models.DateTimeField(default=timezone.now, db_index=True)  # set by core.audit, hashed
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    # Tamper evidence (core.audit): each entry's HMAC covers its content and the previous entry's
    # hash, in `seq` order; who and where are also kept as text so deleting a user or unit (the FKs
    # go NULL) changes nothing the chain covers.
    seq = models.BigIntegerField(null=True, blank=True, unique=True)
    actor_name = models.CharField(max_length=150, blank=True)
    unit_code = models.CharField(max_length=40, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AuditChainHead(models.Model):
    """The last link of the audit chain: one row, locked by every writer (serialises the chain)
    and compared by `doanso audit verify` so a deleted tail is seen too."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"audit head #{self.last_seq}"
