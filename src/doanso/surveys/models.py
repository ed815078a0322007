"""Surveys of youth opinion: a form of questions, for an audience, answered once per person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    UNITS = "units", _("Đoàn viên của đơn vị (cả cấp dưới)")
    OCCUPATIONS = "occupations", _("Nhóm đối tượng của đơn vị")
    PUBLIC = "public", _("Công khai qua đường dẫn bí mật")


class Kind(models.TextChoices):
    ONE = "one", _("Chọn một")
    MANY = "many", _("Chọn nhiều")
    SCALE = "scale", _("Thang điểm 1–5")
    SHORT = "short", _("Trả lời ngắn")
    LONG = "long", _("Trả lời dài")
    NUMBER = "number", _("Số")
    DATE = "date", _("Ngày")


class Survey(models.Model):
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True, default="")
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.UNITS)
    occupations = models.JSONField(default=list, blank=True)
    anonymous = models.BooleanField(default=False)
    slug = models.CharField(max_length=32, unique=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    text = models.CharField(max_length=500)
    required = models.BooleanField(default=False)
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["survey", "order"], name="survey_question_order")]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One person's answers. `respondent` is "u:<user id>" for named answers, or a keyed hash
    (HMAC) of the user or of a signed device token for anonymous and public ones: the unique
    constraint makes a second answer impossible even under a race."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, on_delete=models.SET_NULL, related_name="+")
    unit_path = models.CharField(max_length=255, blank=True, default="")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "respondent"], name="survey_one_answer")]
        indexes = [models.Index(fields=["survey", "unit_path"], name="survey_response_path")]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()

    def __str__(self) -> str:
        return f"{self.question_id}={self.value}"
