from django.db import models
from django.utils.translation import gettext_lazy as _

from doanso.core.calendar import rules


class Aggregation(models.TextChoices):
    SUM = "sum", _("Tổng")
    COUNT = "count", _("Đếm (số báo cáo có giá trị)")
    RATIO = "ratio", _("Tỷ lệ (tử số/mẫu số)")


class Source(models.TextChoices):
    MANUAL = "manual", _("Do đơn vị báo cáo")
    COMPUTED = "computed", _("Tính từ dữ liệu hệ thống")
    # Counted from the records (check-ins, posts, ideas…) plus what units report that happened
    # outside the system; the two parts are shown apart. Sums and counts only.
    MIXED = "mixed", _("Tính từ dữ liệu hệ thống, cộng số liệu đơn vị báo cáo thêm")


class Indicator(models.Model):
    """Anything a target can be set on. Ratios roll up as Σnumerator / Σdenominator."""

    code = models.CharField(_("mã chỉ số"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ số"), max_length=300)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40, default="")
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=8, choices=Aggregation.choices, default=Aggregation.SUM
    )
    source = models.CharField(
        _("nguồn số liệu"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    numerator_label = models.CharField(_("tử số"), max_length=200, blank=True, default="")
    denominator_label = models.CharField(_("mẫu số"), max_length=200, blank=True, default="")

    class Meta:
        ordering = ["code"]
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def reported(self) -> bool:
        """Units report values on it (alone, or added to what the records count)."""
        return self.source in (Source.MANUAL, Source.MIXED)

    @property
    def counted(self) -> bool:
        """The system computes (part of) it from its own records (`core.computed`)."""
        return self.source in (Source.COMPUTED, Source.MIXED)

    @property
    def is_ratio(self) -> bool:
        return self.aggregation == Aggregation.RATIO


class PlanKind(models.TextChoices):
    NQ = "NQ", _("Nghị quyết")
    QD = "QĐ", _("Quyết định")
    CT = "CT", _("Chỉ thị")
    KL = "KL", _("Kết luận")
    QC = "QC", _("Quy chế")
    HD = "HD", _("Hướng dẫn")
    CTR = "CTr", _("Chương trình")
    KH = "KH", _("Kế hoạch")
    TB = "TB", _("Thông báo")
    BC = "BC", _("Báo cáo")
    TTR = "TTr", _("Tờ trình")
    CV = "CV", _("Công văn")


class Signature(models.TextChoices):
    BTV = "TM. BAN THƯỜNG VỤ", _("TM. BAN THƯỜNG VỤ")
    BCH = "TM. BAN CHẤP HÀNH", _("TM. BAN CHẤP HÀNH")
    BBT = "TM. BAN BÍ THƯ", _("TM. BAN BÍ THƯ")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Plan(models.Model):
    """A plan, programme or other directive document issued by a unit."""

    issuer = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="plans", verbose_name=_("đơn vị ban hành")
    )
    kind = models.CharField(_("loại văn bản"), max_length=4, choices=PlanKind.choices, default=PlanKind.KH)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    issuing_body = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=20, default="TĐTN")
    department = models.CharField(_("ký hiệu bộ phận soạn thảo"), max_length=20, blank=True, default="")
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    issued_on = models.DateField(_("ngày ban hành"))
    place = models.CharField(_("địa danh"), max_length=80, default="")
    title = models.CharField(_("trích yếu"), max_length=500)
    period_start = models.CharField(_("từ kỳ"), max_length=10)
    period_end = models.CharField(_("đến kỳ"), max_length=10)
    sections = models.JSONField(_("nội dung"), default=list, blank=True)  # [{"heading", "body"}]
    implements = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="implemented_by",
        verbose_name=_("thực hiện văn bản"),
    )
    implements_refs = models.JSONField(_("căn cứ (văn bản ngoài hệ thống)"), default=list, blank=True)
    signature = models.CharField(
        _("thẩm quyền ký"), max_length=40, choices=Signature.choices, default=Signature.BTV
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=60, default="BÍ THƯ")
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True, default="")
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "kind", "year", "number"], name="plan_number_unique"),
        ]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}"

    @property
    def symbol(self) -> str:
        """Số - ký hiệu: `127-KH/TĐTN-BTG`; a draft leaves the number blank (`   -KH/TĐTN`)."""
        body = self.issuing_body + (f"-{self.department}" if self.department else "")
        num = str(self.number) if self.number else "   "
        return f"{num}-{self.kind}/{body}"

    @property
    def period(self) -> str:
        return (
            self.period_start
            if self.period_start == self.period_end
            else f"{self.period_start}/{self.period_end}"
        )


class Task(models.Model):
    """A task of the plan with its lead (chủ trì) and supporting (phối hợp) units."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    lead = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chủ trì"),
    )
    supporting = models.ManyToManyField("org.Unit", blank=True, related_name="+", verbose_name=_("phối hợp"))

    class Meta:
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("Ít nhất")
    AT_MOST = "at_most", _("Nhiều nhất")
    RANGE = "range", _("Trong khoảng")
    MILESTONE = "milestone", _("Hoàn thành trước ngày")


class Target(models.Model):
    """A numeric target (chỉ tiêu) of a plan on one indicator for one period."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    item = models.CharField(_("mục"), max_length=20, blank=True, default="")  # "(2)" in the document
    order = models.PositiveSmallIntegerField(default=0)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("chỉ số")
    )
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=4)
    value_max = models.DecimalField(
        _("giá trị tối đa"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    period = models.CharField(_("kỳ"), max_length=10)
    direction = models.CharField(
        _("chiều"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    text = models.CharField(_("nguyên văn"), max_length=500, blank=True, default="")

    class Meta:
        ordering = ["plan", "period", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "indicator", "period"], name="target_unique")]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value} ({self.period})"


class AllocationMethod(models.TextChoices):
    MANUAL = "manual", _("Giao trực tiếp")
    PROPORTIONAL = "proportional", _("Theo tỷ lệ số đoàn viên")
    INHERITED = "inherited", _("Kế thừa tỷ lệ cấp trên")


class Allocation(models.Model):
    """The share of a target given to a sub-unit (chỉ tiêu giao cho đơn vị cấp dưới)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="allocations")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    method = models.CharField(
        max_length=12, choices=AllocationMethod.choices, default=AllocationMethod.MANUAL
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "unit"], name="allocation_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.value}"


class AppliesTo(models.TextChoices):
    CHILDREN = "children", _("Các đơn vị trực thuộc")
    CHOSEN = "chosen", _("Các đơn vị được chọn")
    LEVEL = "level", _("Đến cấp")


class Obligation(models.Model):
    """What is due, from which sub-units, when: "báo cáo tuần trước 12h00 thứ Sáu hằng tuần"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="obligations")
    title = models.CharField(_("tên báo cáo"), max_length=300)
    due_rule = models.CharField(_("hạn nộp"), max_length=200)  # an RFC 5545 RRULE (core.calendar.rules)
    indicators = models.ManyToManyField(Indicator, related_name="obligations", verbose_name=_("chỉ số"))
    applies_to = models.CharField(
        _("áp dụng cho"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.CHILDREN
    )
    level = models.CharField(_("đến cấp"), max_length=16, blank=True, default="")
    units = models.ManyToManyField("org.Unit", through="Assignment", related_name="+")

    class Meta:
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def rule(self):
        return rules.parse(self.due_rule)


class Assignment(models.Model):
    """A unit that owes the obligation's reports (resolved when the obligation is set)."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="report_assignments")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["obligation", "unit"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.obligation_id} → {self.unit_id}"


class Register(models.Model):
    """A unit's own register of documents (sổ đăng ký văn bản): the symbol it signs with (`ĐTN`,
    `CĐ`, `TĐTN`…) and its drafting department; numbers run per kind and year over its plans."""

    unit = models.OneToOneField("org.Unit", on_delete=models.CASCADE, related_name="+")
    symbol = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=20)
    department = models.CharField(_("ký hiệu bộ phận soạn thảo"), max_length=20, blank=True, default="")

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.symbol}"
