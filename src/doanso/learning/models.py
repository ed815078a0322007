"""Courses with lessons and a quiz, a question bank, and online contests in weekly rounds.

Contest fairness lives in the rows: one attempt per entrant and round is a unique constraint, the
drawn questions and option permutations are stored with an HMAC over them, and the leaderboard is
an index over (round, correct desc, millis, prediction gap, id) so a page is an index range scan.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CourseKind(models.TextChoices):
    LLCT = "llct", _("Lý luận chính trị")
    RESOLUTION = "nghi_quyet", _("Học tập nghị quyết")
    OTHER = "khac", _("Khác")


class Audience(models.TextChoices):
    ALL = "all", _("Mọi đoàn viên của đơn vị")
    NEW_MEMBERS = "new_members", _("Đoàn viên kết nạp mới trong năm")
    CADRES = "cadres", _("Cán bộ đoàn")
    OCCUPATION = "occupation", _("Một khối")


class Course(models.Model):
    """A course assigned to an audience inside `unit`'s subtree."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(_("tên khoá học"), max_length=200)
    kind = models.CharField(_("loại"), max_length=12, choices=CourseKind.choices, default=CourseKind.OTHER)
    audience = models.CharField(_("đối tượng"), max_length=12, choices=Audience.choices, default=Audience.ALL)
    occupation = models.CharField(_("khối"), max_length=16, blank=True, default="")
    pass_percent = models.PositiveSmallIntegerField(_("tỷ lệ đúng để đạt (%)"), default=70)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("tên bài"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True, default="")
    pdf = models.FileField(_("tệp PDF"), upload_to="learning/lessons/", blank=True, default="")
    video_url = models.URLField(_("đường dẫn video"), blank=True, default="")

    class Meta:
        ordering = ["course", "position", "id"]

    def __str__(self) -> str:
        return f"{self.course_id}.{self.position} {self.title}"


class Completion(models.Model):
    """A member passed a course's quiz (once per member and course)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="completions")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(default=0)
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "member"], name="learning_completion_once")]

    def __str__(self) -> str:
        return f"{self.member_id} ✓ {self.course_id}"


class Credit(models.Model):
    """A member counted once per kind and year (LLCT course, resolution course, contest entry): the
    unique row decides whether the subtree counters move, so re-doing something never counts twice."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "kind", "year"], name="learning_credit_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.year}"


class Question(models.Model):
    """A multiple-choice question of a unit's bank, of a contest, or of a course's quiz."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    contest = models.ForeignKey(
        "Contest", null=True, blank=True, on_delete=models.CASCADE, related_name="questions"
    )
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(_("câu hỏi"))
    options = models.JSONField(_("phương án"))
    answer = models.PositiveSmallIntegerField(_("đáp án"))  # index into options, 0-based
    topic = models.CharField(_("chủ đề"), max_length=100, blank=True, default="")
    difficulty = models.PositiveSmallIntegerField(_("mức độ"), default=1)  # 1 dễ, 2 trung bình, 3 khó

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]


def default_prizes() -> list[dict]:
    """Prizes of each round unless the contest says otherwise: names and how many of each, in order."""
    return [
        {"name": "Giải Nhất", "count": 1},
        {"name": "Giải Nhì", "count": 2},
        {"name": "Giải Ba", "count": 3},
    ]


class Contest(models.Model):
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="contests")
    title = models.CharField(_("tên cuộc thi"), max_length=200)
    questions_per_round = models.PositiveSmallIntegerField(_("số câu mỗi lượt"), default=10)
    seconds_per_attempt = models.PositiveIntegerField(_("thời gian làm bài (giây)"), default=600)
    allow_public = models.BooleanField(_("cho người ngoài Đoàn tham gia"), default=False)
    prizes = models.JSONField(_("giải thưởng mỗi lượt"), default=default_prizes)  # [{"name", "count"}]
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class Round(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    all_correct = models.PositiveIntegerField(
        null=True, blank=True
    )  # entrants with every answer right, at close

    class Meta:
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="learning_round_number"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="learning_round_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.contest_id} #{self.number}"


class Entrant(models.Model):
    """Who takes rounds: a member (one row per member), or a non-member known by a signed device
    token. A non-member's phone is kept encrypted with a keyed hash (DESIGN: personal data)."""

    member = models.OneToOneField(
        "members.Member", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    contest = models.ForeignKey(
        Contest, null=True, blank=True, on_delete=models.CASCADE, related_name="guests"
    )
    name = models.CharField(_("họ và tên"), max_length=120, blank=True, default="")
    phone_enc = models.TextField(blank=True, default="")
    phone_hash = models.CharField(max_length=64, blank=True, default="")
    school = models.CharField(_("trường học / nơi làm việc"), max_length=200, blank=True, default="")
    province = models.CharField(_("tỉnh / thành phố"), max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "phone_hash"],
                condition=Q(member__isnull=True),
                name="learning_guest_phone_once",
            )
        ]

    def __str__(self) -> str:
        return f"entrant {self.pk}"


class Attempt(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="attempts")
    entrant = models.ForeignKey(Entrant, on_delete=models.CASCADE, related_name="attempts")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255)  # the member's branch, or the contest's unit for a guest
    started_at = models.DateTimeField()
    deadline = models.DateTimeField()
    questions = models.JSONField()  # drawn question ids, in the order shown
    permutations = models.JSONField()  # per question: shown position -> original option index
    total = models.PositiveSmallIntegerField(default=0)
    signature = models.CharField(max_length=64)
    submitted_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(null=True, blank=True)  # original option index chosen per question (or null)
    # Ranking columns: unsubmitted attempts rank last (correct -1).
    correct = models.IntegerField(default=-1)
    millis = models.PositiveIntegerField(default=0)
    prediction = models.PositiveIntegerField(null=True, blank=True)
    gap = models.PositiveIntegerField(default=0)  # |prediction − all_correct|, set at round close
    rank = models.PositiveIntegerField(null=True, blank=True)  # final place, frozen at round close
    ip = models.GenericIPAddressField(null=True, blank=True)
    device = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "entrant"], name="learning_one_attempt_per_round")
        ]
        indexes = [
            # the ranking; `unit_path` rides along so a unit's walk down it filters in the index
            models.Index(
                F("round"),
                F("correct").desc(),
                F("millis"),
                F("gap"),
                F("id"),
                F("unit_path"),
                name="learning_rank",
            ),
            # a unit's leaderboard: its path range of the round, the ranking key carried along so the
            # page's ids come from the index alone (no table reads for the unit's other entrants)
            models.Index(
                F("round"),
                F("unit_path"),
                F("correct").desc(),
                F("millis"),
                F("gap"),
                F("id"),
                name="learning_rank_unit",
            ),
            models.Index(fields=["round", "ip"], name="learning_attempt_ip"),
            # the crowd check counts a round's attempts from one device at every start
            models.Index(fields=["round", "device"], name="learning_attempt_device"),
        ]

    def __str__(self) -> str:
        return f"attempt {self.pk} of round {self.round_id}"


class Prize(models.Model):
    """A prize of a closed round: the attempt at `rank` of the frozen ranking won `name`."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="prizes")
    attempt = models.OneToOneField(Attempt, on_delete=models.CASCADE, related_name="prize")
    rank = models.PositiveIntegerField()
    name = models.CharField(_("giải"), max_length=100)
    credential_id = models.UUIDField(null=True, blank=True)  # the certificate issued for it, if any

    class Meta:
        ordering = ["round", "rank"]
        constraints = [models.UniqueConstraint(fields=["round", "rank"], name="learning_prize_rank_once")]

    def __str__(self) -> str:
        return f"{self.name} of round {self.round_id}"


class FlagKind(models.TextChoices):
    TOO_FAST = "too_fast", _("Thời gian làm bài không thể đạt được")
    SHARED_IP = "shared_ip", _("Nhiều người dự thi từ một địa chỉ mạng")
    SHARED_DEVICE = "shared_device", _("Nhiều người dự thi từ một thiết bị")
    LATE = "late", _("Nộp bài sau thời hạn")
    TAMPERED = "tampered", _("Bộ câu hỏi bị sửa (chữ ký không khớp)")


class Flag(models.Model):
    """An anomaly organisers review; the attempt stays on the leaderboard until they decide."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=16, choices=FlagKind.choices)
    detail = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.attempt_id}"


class RateCount(models.Model):
    """One fixed-window counter of `ratelimit` ("scope:who:minute"), bumped by one upsert per request.
    A table rather than the cache: Django's database cache costs five statements per bump and culls
    rows past MAX_ENTRIES, so under a round's rush the limit would not hold. Old windows are purged
    by the scheduler's minute job."""

    key = models.CharField(max_length=200, primary_key=True)
    window = models.IntegerField()  # minutes since the epoch
    n = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["window"], name="learning_ratecount_window")]

    def __str__(self) -> str:
        return f"{self.key} = {self.n}"
