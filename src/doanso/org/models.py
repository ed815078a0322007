from django.db import models
from django.utils.translation import gettext_lazy as _

from doanso.core.text import fold
from doanso.org import tree


class UnitKind(models.TextChoices):
    TRUNG_UONG = "trung_uong", _("Trung ương Đoàn")
    TINH = "tinh", _("Tỉnh/Thành đoàn")
    TRUC_THUOC = "truc_thuoc", _("Đoàn trực thuộc")
    HUYEN = "huyen", _("Huyện/Quận/Thị đoàn")
    XA = "xa", _("Đoàn xã/phường")
    CO_SO = "co_so", _("Đoàn cơ sở")
    CHI_DOAN = "chi_doan", _("Chi đoàn")


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit: "Unit", include_self: bool = True) -> "UnitQuerySet":
        lo, hi = tree.subtree_range(unit.path)
        qs = self.filter(path__gte=lo, path__lt=hi)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def active(self) -> "UnitQuerySet":
        return self.filter(active=True)

    def search(self, text: str) -> "UnitQuerySet":
        qs = self
        for word in fold(text).split():
            qs = qs.filter(search_text__contains=word)
        return qs


class Unit(models.Model):
    """A node of the Union tree. `path` is its current place; history is in UnitVersion.

    A merged or dissolved unit keeps its row and code, is marked inactive, and is placed
    under its successor so that the successor's subtree range covers its history too.
    """

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("cấp trên"),
    )
    path = models.CharField(max_length=255, unique=True)
    depth = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể/sáp nhập"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name=_("đơn vị kế thừa"),
    )
    # Folded name + code, for accent- and case-insensitive search.
    search_text = models.CharField(max_length=300, default="", editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        indexes = [models.Index(fields=["path", "active"], name="unit_path_active")]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    @property
    def subtree_range(self) -> tuple[str, str]:
        return tree.subtree_range(self.path)

    def ancestor_ids(self) -> list[int]:
        return tree.ancestor_ids(self.path)

    def final_successor(self) -> "Unit":
        unit, seen = self, set()
        while unit.successor_id and unit.pk not in seen:
            seen.add(unit.pk)
            unit = unit.successor
        return unit


class UnitVersion(models.Model):
    """The unit's parent, name and kind over a date interval [valid_from, valid_to)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=UnitKind.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["unit_id", "valid_from"]
        indexes = [
            models.Index(fields=["parent", "valid_from"], name="unitversion_parent_from"),
            models.Index(fields=["unit", "valid_from"], name="unitversion_unit_from"),
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.valid_from} – {self.valid_to or '…'})"


class RestructureKind(models.TextChoices):
    CREATE = "create", _("Thành lập")
    MOVE = "move", _("Chuyển cấp trên")
    RENAME = "rename", _("Đổi tên")
    MERGE = "merge", _("Sáp nhập/hợp nhất")
    SPLIT = "split", _("Chia tách")
    DISSOLVE = "dissolve", _("Giải thể")


class RestructureEvent(models.Model):
    """A dated restructuring operation, kept for the record and for the audit trail."""

    kind = models.CharField(max_length=16, choices=RestructureKind.choices)
    effective_on = models.DateField()
    units = models.ManyToManyField(Unit, related_name="restructure_events")
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on}"


class SubtreeCounter(models.Model):
    """A count over a unit's whole subtree along one dimension (e.g. members by gender|status).

    Apps write deltas through `org.counters`; restructuring moves them with the subtree,
    so subtree statistics read a handful of rows instead of counting millions.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    dim = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "dim", "key"], name="subtreecounter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.dim}={self.key}: {self.n}"
