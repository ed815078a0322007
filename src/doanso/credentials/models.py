"""Issuing keys, status lists and issued credentials (Open Badges 3.0 / VC 2.0)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IssuerKey(models.Model):
    """One Ed25519 key of an issuing unit. The private key is kept only encrypted with the data
    key (core.crypto); a rotated key is retired, not deleted, so what it signed still verifies."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="credential_keys")
    public_key = models.CharField(_("khóa công khai"), max_length=64, unique=True)  # Multikey z6Mk…
    private_key_enc = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(_("ngừng dùng lúc"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(retired_at=None), name="credentials_one_active_key_per_unit"
            )
        ]

    def __str__(self) -> str:
        return self.public_key


class StatusList(models.Model):
    """A unit's Bitstring Status List (revocation): `bits` is the truth, `document` the signed
    BitstringStatusListCredential served publicly, rebuilt whenever a bit flips."""

    unit = models.OneToOneField("org.Unit", on_delete=models.PROTECT, related_name="credential_status_list")
    bits = models.BinaryField()
    document = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"status list of unit {self.unit_id}"


class Credential(models.Model):
    """An issued OpenBadgeCredential; `document` is exactly what was signed and handed out.

    The primary key is a random UUID: the public URL carries it, so certificates cannot be
    enumerated."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    issuer_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="credentials")
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="credentials"
    )
    subject_name = models.CharField(_("người nhận"), max_length=200)
    achievement_name = models.CharField(_("thành tích"), max_length=300)
    achievement_description = models.TextField(_("mô tả"), blank=True)
    source = models.CharField(max_length=40)
    source_id = models.BigIntegerField()
    status_index = models.PositiveIntegerField()
    issued_at = models.DateTimeField(default=timezone.now)
    document = models.JSONField()
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["issuer_unit", "status_index"], name="credentials_status_index")
        ]
        indexes = [models.Index(fields=["source", "source_id"])]

    def __str__(self) -> str:
        return f"{self.achievement_name} — {self.subject_name}"

    @property
    def public_url(self) -> str:
        from doanso.credentials.identity import credential_url

        return credential_url(self.pk)

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
