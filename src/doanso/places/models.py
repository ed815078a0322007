"""Red addresses: historic sites and youth works a unit looks after, with photos and a QR plaque."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    HISTORIC = "di_tich", _("Di tích lịch sử")
    RED_ADDRESS = "dia_chi_do", _("Địa chỉ đỏ")
    YOUTH_WORK = "cong_trinh", _("Công trình thanh niên")


class Place(models.Model):
    """A site owned by a unit (the one that looks after it); only `public` ones have a public page."""

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="places", verbose_name=_("đơn vị phụ trách")
    )
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(
        _("loại"), max_length=12, choices=PlaceKind.choices, default=PlaceKind.RED_ADDRESS
    )
    description = models.TextField(_("giới thiệu"), blank=True, default="", max_length=5000)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True, default="")
    lat = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    public = models.BooleanField(_("công khai"), default=False)
    plaque_on = models.DateField(_("ngày gắn biển QR"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("địa chỉ đỏ")
        verbose_name_plural = _("địa chỉ đỏ")
        indexes = [models.Index(fields=["public", "lat", "lon"], name="places_public_geo")]

    def __str__(self) -> str:
        return self.name

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lon is not None


class PlacePhoto(models.Model):
    """A photo stored through Django's storage API; its type and size were checked from its bytes."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="places/%Y/%m/", max_length=200)
    content_type = models.CharField(max_length=20)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(_("chú thích"), max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.caption or f"ảnh #{self.pk}"
