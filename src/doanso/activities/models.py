"""Activities, their registrations and check-ins ("lượt"), outputs and figures added from outside.

Counts that plans read are kept in `org.SubtreeCounter` (see `activities.counting`), updated in the
same transaction as the row that causes them, so a province's figures are a handful of rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ActivityType(models.Model):
    """The catalogue of activity kinds; rows without a unit are national, a unit may add its own."""

    code = models.CharField(_("mã loại"), max_length=40, unique=True)
    name = models.CharField(_("tên loại"), max_length=120)
    volunteer = models.BooleanField(_("hoạt động tình nguyện"), default=False)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """A named campaign several activities belong to (Tháng Thanh niên 2026, Mùa hè xanh…)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("tên chiến dịch"), max_length=200)
    starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    PLANNED = "planned", _("Sắp diễn ra")
    DONE = "done", _("Đã kết thúc")
    CANCELLED = "cancelled", _("Đã huỷ")


class Activity(models.Model):
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="activities", verbose_name=_("đơn vị chủ trì")
    )
    title = models.CharField(_("tên hoạt động"), max_length=300)
    type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại"))
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    description = models.TextField(_("nội dung"), blank=True, default="")
    start = models.DateTimeField(_("bắt đầu"))
    end = models.DateTimeField(_("kết thúc"))
    place_name = models.CharField(_("địa điểm"), max_length=300, blank=True, default="")
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    capacity = models.PositiveIntegerField(_("số lượng tối đa"), null=True, blank=True)
    hours = models.DecimalField(_("số giờ tình nguyện mỗi lượt"), max_digits=5, decimal_places=1, default=0)
    open_to_public = models.BooleanField(_("cho phép thanh niên ngoài Đoàn"), default=False)
    audience = models.ManyToManyField(
        "org.Unit", blank=True, related_name="+", verbose_name=_("đơn vị có đoàn viên được tham gia")
    )
    indicators = models.ManyToManyField("plans.Indicator", blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    participations_count = models.PositiveIntegerField(default=0, editable=False)
    qr_version = models.PositiveIntegerField(default=1, editable=False)  # bump to void printed codes
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["unit", "start"])]

    def __str__(self) -> str:
        return self.title


class Role(models.TextChoices):
    LEAD = "chu_tri", _("Chủ trì")
    SUPPORT = "phoi_hop", _("Phối hợp")


class Organiser(models.Model):
    """A unit that organises the activity besides the main one (its staff may run check-in)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="organisers")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.SUPPORT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "unit"], name="act_organiser_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.role}"


class Registration(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    confirmed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "member"], name="act_registration_unique")]

    def __str__(self) -> str:
        return f"{self.activity_id}/{self.member_id}"


class Method(models.TextChoices):
    STAFF_SCAN = "staff", _("Cán bộ quét thẻ")
    SELF_SCAN = "self", _("Đoàn viên quét mã hoạt động")
    LIST = "list", _("Điểm danh theo danh sách")
    FILE = "file", _("Tệp điểm danh")
    WALK_IN = "walkin", _("Khách vãng lai")


class Participation(models.Model):
    """One check-in: one "lượt". A guest's phone is kept encrypted, with a keyed hash to find repeats."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    guest_name = models.CharField(max_length=120, blank=True, default="")
    guest_phone_enc = models.TextField(blank=True, default="", editable=False)
    guest_phone_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    hours = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    method = models.CharField(max_length=8, choices=Method.choices)
    nonce = models.CharField(max_length=64, null=True, blank=True, unique=True)
    at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member"], condition=Q(member__isnull=False), name="act_part_member_once"
            ),
            models.UniqueConstraint(
                fields=["activity", "guest_phone_hash"],
                condition=Q(guest_phone_hash__isnull=False),
                name="act_part_guest_once",
            ),
        ]
        indexes = [models.Index(fields=["member", "at"])]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.member_id or self.guest_name}"


class OutputStatus(models.TextChoices):
    RECORDED = "recorded", _("Đã ghi nhận")
    VERIFIED = "verified", _("Đã xác nhận")
    RETURNED = "returned", _("Trả lại")


class Output(models.Model):
    """A result recorded after an activity against an indicator; counts once the level above verifies."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="outputs")
    indicator = models.ForeignKey("plans.Indicator", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=14, decimal_places=0)
    note = models.CharField(max_length=500, blank=True, default="")
    status = models.CharField(max_length=10, choices=OutputStatus.choices, default=OutputStatus.RECORDED)
    reason = models.CharField(max_length=500, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value}"


class OutputPhoto(models.Model):
    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="activities/outputs/%Y/%m/")

    def __str__(self) -> str:
        return self.file.name


class ExtraFigure(models.Model):
    """What a unit did outside the system, added to a computed indicator and always shown apart."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey("plans.Indicator", on_delete=models.PROTECT, related_name="+")
    on = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=0)
    note = models.CharField(max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.unit_id} {self.indicator_id}={self.value}"


class Seen(models.Model):
    """A participant already counted in a unit's subtree for a period (distinct participants)."""

    unit_id = models.BigIntegerField()
    who = models.CharField(max_length=70)  # "m<member id>" or "g<phone hash>"
    period = models.CharField(max_length=10)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit_id", "period", "who"], name="act_seen_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period} {self.who}"


class MeetingKind(models.TextChoices):
    REGULAR = "dinh_ky", _("Sinh hoạt định kỳ")
    THEMED = "chu_diem", _("Sinh hoạt chủ điểm")


class Meeting(models.Model):
    """A branch's monthly meeting (sinh hoạt chi đoàn): an activity of type `sinh_hoat_chi_doan`
    with its agenda and minutes (biên bản). It counts as held (CD_SINH_HOAT) once minutes are saved."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="meeting")
    kind = models.CharField(
        _("hình thức"), max_length=10, choices=MeetingKind.choices, default=MeetingKind.REGULAR
    )
    theme = models.CharField(_("chủ điểm"), max_length=300, blank=True, default="")
    agenda = models.TextField(_("nội dung sinh hoạt"), blank=True, default="")
    number = models.CharField(_("số biên bản"), max_length=40, blank=True, default="")
    chair = models.CharField(_("chủ trì"), max_length=120, blank=True, default="")
    secretary = models.CharField(_("thư ký"), max_length=120, blank=True, default="")
    minutes = models.TextField(_("diễn biến và kết luận"), blank=True, default="")
    held_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"{self.activity_id} {self.kind}"
