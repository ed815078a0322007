"""Role-model values (giá trị hình mẫu thanh niên), each unit's criteria under them, members' yearly
self-assessments, nominations up the tree, honours and the exemplars' stories.

Who may do what is decided in `services`; rows here only hold the facts and their history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Value(models.Model):
    """One of the 12 values of the central campaign (loaded by migration 0002; not edited in the app)."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("thứ tự"), unique=True)
    name = models.CharField(_("tên giá trị"), max_length=120)
    description = models.CharField(_("mô tả"), max_length=500, default="", blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("giá trị hình mẫu")
        verbose_name_plural = _("giá trị hình mẫu")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Criterion(models.Model):
    """A unit's own concretised criterion under a value, for one year; it applies to the unit's subtree
    ("cụ thể hóa thành các tiêu chí của địa phương")."""

    value = models.ForeignKey(
        Value, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("giá trị")
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    text = models.CharField(_("nội dung tiêu chí"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "value__number", "id"]
        indexes = [models.Index(fields=["unit", "year"], name="exemplar_criterion_unit_year")]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")

    def __str__(self) -> str:
        return self.text


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ chi đoàn xác nhận")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")


class SelfAssessment(models.Model):
    """A member's self-assessment of one year against the criteria that apply to their branch."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    branch = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.CharField(max_length=500, default="", blank=True)
    # Whether the subtree counters already hold this assessment (set once, never undone).
    counted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="exemplar_assessment_member_year")
        ]
        indexes = [models.Index(fields=["branch", "year", "status"], name="exemplar_assessment_branch")]

    def __str__(self) -> str:
        return f"{self.member_id}/{self.year}: {self.status}"


class Answer(models.Model):
    """One criterion of a self-assessment: đạt / chưa đạt, a short note and an evidence link."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    met = models.BooleanField()
    note = models.CharField(max_length=300, default="", blank=True)
    link = models.URLField(max_length=500, default="", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="exemplar_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.criterion_id}: {self.met}"


class NomineeKind(models.TextChoices):
    MEMBER = "member", _("Đoàn viên")
    UNIT = "unit", _("Tập thể (đơn vị)")
    TEAM = "team", _("Tập thể (đội, nhóm)")


class NominationStatus(models.TextChoices):
    OPEN = "open", _("Đang xét")
    DECLINED = "declined", _("Không đề nghị tiếp")
    HONOURED = "honoured", _("Đã tuyên dương")


class Nomination(models.Model):
    """An exemplary member or group put forward by a unit; it sits at `current` (the level that must
    forward, decline or honour it) and climbs one level per forward. Every step is a `NominationStep`."""

    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=NomineeKind.choices)
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    team_name = models.CharField(max_length=200, default="", blank=True)
    # The nominee's place in the tree (the member's branch, the group unit, or the team's unit).
    home = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    origin = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    current = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=NominationStatus.choices, default=NominationStatus.OPEN)
    achievements = models.TextField(max_length=5000)
    links = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["current", "status", "year"], name="exemplar_nom_current"),
            models.Index(fields=["origin", "year"], name="exemplar_nom_origin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="member", member__isnull=False)
                    | models.Q(kind="unit", group__isnull=False)
                    | models.Q(kind="team") & ~models.Q(team_name="")
                ),
                name="exemplar_nom_has_nominee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pk}/{self.year}: {self.status}"

    def nominee_name(self) -> str:
        if self.kind == NomineeKind.MEMBER:
            return self.member.full_name
        if self.kind == NomineeKind.UNIT:
            return self.group.name
        return self.team_name


class StepAction(models.TextChoices):
    PROPOSED = "proposed", _("Đề nghị")
    FORWARDED = "forwarded", _("Đề nghị lên cấp trên")
    DECLINED = "declined", _("Không đề nghị tiếp")
    HONOURED = "honoured", _("Tuyên dương, khen thưởng")


class NominationStep(models.Model):
    """The history of a nomination: who did what at which level, and why."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="steps")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=StepAction.choices)
    reason = models.CharField(max_length=500, default="", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.action}"


class Evidence(models.Model):
    """A file attached to a nomination (PDF, JPEG or PNG, checked by content)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to="exemplars/evidence/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class HonourKind(models.TextChoices):
    TUYEN_DUONG = "tuyen_duong", _("Tuyên dương")
    KHEN_THUONG = "khen_thuong", _("Khen thưởng")


class Honour(models.Model):
    """An honour registered with its deciding document (số - ký hiệu, date, issuing unit)."""

    kind = models.CharField(max_length=12, choices=HonourKind.choices)
    title = models.CharField(max_length=200)
    nominee_kind = models.CharField(max_length=8, choices=NomineeKind.choices)
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    team_name = models.CharField(max_length=200, default="", blank=True)
    home = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    # Copied from `home` when written: the subtree range query of periods shorter than a month.
    home_path = models.CharField(max_length=255)
    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    doc_number = models.CharField(max_length=60)
    doc_date = models.DateField()
    nomination = models.OneToOneField(
        Nomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="honour"
    )
    # What the honoured person agreed to show on the public page (nothing public without it).
    public = models.BooleanField(default=False)
    public_name = models.CharField(max_length=120, default="", blank=True)
    public_summary = models.CharField(max_length=500, default="", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["home_path", "doc_date"], name="exemplar_honour_path_date"),
            models.Index(fields=["issuer", "doc_date"], name="exemplar_honour_issuer"),
            models.Index(fields=["public", "doc_date"], name="exemplar_honour_public"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "doc_number", "member"], name="exemplar_honour_once_per_doc"
            )
        ]

    def __str__(self) -> str:
        return f"{self.doc_number}: {self.title}"

    def nominee_name(self) -> str:
        if self.nominee_kind == NomineeKind.MEMBER:
            return self.member.full_name
        if self.nominee_kind == NomineeKind.UNIT:
            return self.group.name
        return self.team_name


class Story(models.Model):
    """An honoured exemplar's story ("câu chuyện đẹp"), sent to outreach's good-news calendar."""

    honour = models.OneToOneField(Honour, on_delete=models.CASCADE, related_name="story")
    title = models.CharField(max_length=200)
    text = models.TextField(max_length=10000)
    url = models.URLField(max_length=500, default="", blank=True)
    published = models.DateField()
    post_id = models.BigIntegerField(null=True, blank=True)  # outreach's Post, once logged
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title
