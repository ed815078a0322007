from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doanso.core.text import fold


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")
    OTHER = "khac", _("Khác")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Đang sinh hoạt")
    TRANSFERRED = "transferred", _("Đã chuyển sinh hoạt")
    MATURED = "matured", _("Trưởng thành Đoàn")
    REMOVED = "removed", _("Ra khỏi Đoàn")


class Occupation(models.TextChoices):
    """Khối (the sector a member belongs to), as the Union counts members."""

    SCHOOL = "truong_hoc", _("Trường học")
    RESIDENTIAL = "dia_ban", _("Địa bàn dân cư")
    WORKER = "cong_nhan", _("Công nhân, doanh nghiệp")
    CIVIL = "cong_chuc", _("Công chức, viên chức")
    ARMED = "llvt", _("Lực lượng vũ trang")
    OTHER = "khac", _("Khác")


class Member(models.Model):
    """A Union member (đoàn viên) in one branch at a time.

    The national ID (CCCD) is stored only encrypted (`cccd_enc`, Fernet) and as a keyed
    hash (`cccd_hash`) for lookups and duplicate checks; see `doanso.core.crypto`.
    `birth_year` and `admitted_year` are kept beside the dates so subtree counters can be
    rebuilt with plain SQL on every database.
    """

    full_name = models.CharField(_("họ và tên"), max_length=120)
    search_name = models.CharField(max_length=120, default="", editable=False)
    birth_date = models.DateField(_("ngày sinh"))
    birth_year = models.PositiveSmallIntegerField(default=0, db_default=0, editable=False)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    # No index of its own: the (branch, status) index below serves every lookup by branch.
    branch = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("chi đoàn"),
        db_index=False,
    )
    version = models.PositiveIntegerField(default=1)  # optimistic locking for concurrent edits

    ethnicity = models.CharField(
        _("dân tộc"), max_length=40, blank=True, default="", db_default=""
    )  # sensitive
    religion = models.CharField(
        _("tôn giáo"), max_length=40, blank=True, default="", db_default=""
    )  # sensitive
    cccd_enc = models.TextField(blank=True, default="", db_default="", editable=False)
    # Unique through a named constraint (not unique=True), so PostgreSQL gets no unused LIKE index
    # and bulk imports can drop and rebuild it (demo/bulk.Deferred).
    cccd_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True, default="", db_default="")
    email = models.CharField(_("thư điện tử"), max_length=120, blank=True, default="", db_default="")
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True, default="", db_default="")
    education = models.CharField(_("trình độ học vấn"), max_length=60, blank=True, default="", db_default="")
    occupation = models.CharField(
        _("khối"),
        max_length=16,
        choices=Occupation.choices,
        default=Occupation.OTHER,
        db_default=Occupation.OTHER,
    )
    admitted_on = models.DateField(_("ngày vào Đoàn"), null=True, blank=True)
    admitted_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    admitting_unit = models.CharField(_("nơi kết nạp"), max_length=255, blank=True, default="", db_default="")
    card_number = models.CharField(
        _("số thẻ đoàn viên"), max_length=20, blank=True, default="", db_default=""
    )
    party_member = models.BooleanField(_("đảng viên"), default=False, db_default=False)
    party_admitted_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    joined_branch_on = models.DateField(_("sinh hoạt tại chi đoàn từ"), null=True, blank=True)
    status_changed_on = models.DateField(_("ngày đổi trạng thái"), null=True, blank=True)
    # Members created by a file import point to it (their creation history, without a row per member).
    source_import = models.ForeignKey(
        "MemberImport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        db_index=False,  # one index less to maintain during bulk imports; imports are rarely deleted
    )
    source_row = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["branch", "status"], name="member_branch_status"),
            # List order and keyset pagination; names that start with a query are a range of it;
            # branch and status ride along so a walk filters without reading the table.
            models.Index(fields=["search_name", "id", "branch", "status"], name="member_name_order"),
        ]
        constraints = [models.UniqueConstraint(fields=["cccd_hash"], name="member_cccd_hash_uniq")]
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.full_name)
        self.birth_year = self.birth_date.year if self.birth_date else 0
        self.admitted_year = self.admitted_on.year if self.admitted_on else None
        super().save(*args, **kwargs)

    @property
    def cccd(self) -> str:
        from doanso.core import crypto

        return crypto.decrypt(self.cccd_enc) if self.cccd_enc else ""

    @property
    def cccd_masked(self) -> str:
        value = self.cccd
        return ("•" * (len(value) - 3) + value[-3:]) if value else ""


class MemberHistory(models.Model):
    """One change of a member's record: who, when, what (field → [old, new])."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16)  # create, import, update, transfer, status, rating, nomination
    branch = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["member_id", "at", "id"]
        indexes = [models.Index(fields=["member", "at"], name="memberhistory_member_at")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.at:%Y-%m-%d}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Hoàn tất")
    FAILED = "failed", _("Không nhập được")


class MemberImport(models.Model):
    """One import of a member file: its progress (polled by the web page) and its outcome."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    stored_path = models.CharField(max_length=500, blank=True, default="")
    mode = models.CharField(max_length=8, default="all")
    status = models.CharField(max_length=8, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    total = models.PositiveIntegerField(default=0)  # estimated data rows
    processed = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True, default="")
    errors_path = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Chunked imports (issue 12): each chunk commits on its own and moves the checkpoint (the last
    # file row done), so a killed import resumes there; the heartbeat tells the reaper it is alive.
    checkpoint_row = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="memberimport_status_created")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Chờ tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REJECTED = "rejected", _("Từ chối")
    CANCELLED = "cancelled", _("Đã hủy")


class Transfer(models.Model):
    """Chuyển sinh hoạt Đoàn: requested by the member or the origin, decided by the destination."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="transfers")
    from_branch = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    to_branch = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING)
    reason = models.CharField(_("lý do"), max_length=255, blank=True, default="")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(status="pending"), name="transfer_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.from_branch_id} → {self.to_branch_id} ({self.status})"


class RatingLevel(models.TextChoices):
    EXCELLENT = "htxs", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "htt", _("Hoàn thành tốt nhiệm vụ")
    DONE = "ht", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "kht", _("Không hoàn thành nhiệm vụ")


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã gửi cấp trên")
    APPROVED = "approved", _("Cấp trên đã duyệt")


class RatingBatch(models.Model):
    """A branch's yearly rating of its members; locked once the parent approves it."""

    branch = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=16)
    status = models.CharField(max_length=10, choices=BatchStatus.choices, default=BatchStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["branch", "year"], name="ratingbatch_branch_year")]

    def __str__(self) -> str:
        return f"{self.branch_id}/{self.year} ({self.status})"


class MemberRating(models.Model):
    batch = models.ForeignKey(RatingBatch, on_delete=models.CASCADE, related_name="ratings")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=4, choices=RatingLevel.choices)
    note = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="memberrating_member_year")]

    def __str__(self) -> str:
        return f"{self.member_id}/{self.year}: {self.level}"


class NominationOutcome(models.TextChoices):
    PENDING = "pending", _("Đang xem xét")
    ADMITTED = "admitted", _("Đã kết nạp Đảng")
    NOT_ADMITTED = "not_admitted", _("Chưa được kết nạp")


class Nomination(models.Model):
    """Đoàn viên ưu tú giới thiệu cho Đảng xem xét kết nạp, and the outcome."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="nominations")
    branch = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    nominated_on = models.DateField()
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(
        max_length=16, choices=NominationOutcome.choices, default=NominationOutcome.PENDING
    )
    outcome_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="nomination_member_year")]

    def __str__(self) -> str:
        return f"{self.member_id}/{self.year}: {self.outcome}"


class DuesRule(models.Model):
    """The rules of đoàn phí in force from a date, as the Union's own guidance states them, with its
    source: the share each level keeps (the rest goes to the level above), how often each level
    pays up, and the longest excusal. A change is a new row from its effective date; only the centre
    edits them (`members.actions.dues.save_dues_rule`)."""

    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    keep_numerator = models.PositiveSmallIntegerField(_("tử số phần giữ lại"), default=2)
    keep_denominator = models.PositiveSmallIntegerField(_("mẫu số phần giữ lại"), default=3)
    max_excused_months = models.PositiveSmallIntegerField(_("số tháng miễn tối đa"), default=6)
    branch_remit_months = models.PositiveSmallIntegerField(_("chi đoàn nộp lên (tháng/lần)"), default=1)
    grassroots_remit_months = models.PositiveSmallIntegerField(
        _("đoàn cơ sở, cấp huyện và tương đương nộp lên (tháng/lần)"), default=3
    )
    province_remits_per_year = models.CharField(
        _("cấp tỉnh nộp Trung ương (lần/năm)"), max_length=10, default="1–2"
    )
    province_remit_deadline = models.CharField(
        _("hạn cuối cấp tỉnh nộp Trung ương (ngày/tháng)"), max_length=5, default="30/12"
    )
    source = models.TextField(_("căn cứ"))
    source_url = models.URLField(_("đường dẫn văn bản"), max_length=500, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(keep_numerator__lt=models.F("keep_denominator")) & Q(keep_denominator__gt=0),
                name="duesrule_keep_fraction",
            )
        ]
        verbose_name = _("quy định đoàn phí")
        verbose_name_plural = _("quy định đoàn phí")

    def __str__(self) -> str:
        return f"{self.keep_numerator}/{self.keep_denominator} từ {self.valid_from}"


class DuesRate(models.Model):
    """Đoàn phí per member category (salaried or not) from a date; dated, cited."""

    category = models.CharField(max_length=16)
    monthly_amount = models.PositiveIntegerField()  # VND
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=255)
    source_url = models.URLField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["category", "valid_from"]

    def __str__(self) -> str:
        return f"{self.category} {self.monthly_amount} từ {self.valid_from}"


class DuesExcusal(models.Model):
    """Months a member in hardship is excused from đoàn phí (decided by the grassroots committee)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_excusals")
    first_month = models.CharField(max_length=7)  # "2025-03"
    last_month = models.CharField(max_length=7)  # inclusive
    reason = models.CharField(max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["member_id", "first_month"]
        indexes = [models.Index(fields=["member", "first_month"], name="duesexcusal_member_first")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.first_month}–{self.last_month}"


class DuesPayment(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues")
    branch = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    month = models.CharField(max_length=7)  # "2025-03"
    category = models.CharField(max_length=16)
    amount = models.PositiveIntegerField()
    kept = models.PositiveIntegerField()
    sent_up = models.PositiveIntegerField()
    paid_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="duespayment_member_month"),
            # one spelling per month ("2025-03"), so the unique constraint above means one payment
            models.CheckConstraint(
                condition=models.Q(month__regex=r"^[0-9]{4}-(0[1-9]|1[0-2])$"),
                name="duespayment_month_canonical",
            ),
        ]
        indexes = [models.Index(fields=["branch", "month"], name="duespayment_branch_month")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.month}: {self.amount}"


class ConsentPurpose(models.TextChoices):
    REGISTRY = "registry", _("Quản lý đoàn viên")
    CONTACT = "contact", _("Liên lạc, thông báo hoạt động")
    PUBLICITY = "publicity", _("Tuyên truyền, nêu gương (hình ảnh, tên)")


class Consent(models.Model):
    """Consent to process personal data for one purpose (Law 91/2025/QH15, Decree 356/2025/NĐ-CP)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=16, choices=ConsentPurpose.choices)
    by_guardian = models.BooleanField(default=False)
    guardian_name = models.CharField(max_length=120, blank=True, default="")
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["member_id", "purpose", "-given_at"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.purpose}"
