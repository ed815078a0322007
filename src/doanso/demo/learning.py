"""Demo data of learning: a TP.HCM contest in weekly rounds (one over, one open, one next week) and
two courses (political theory for new members, resolutions for everyone). Small on purpose: the tiny
seed runs at the start of every test session."""

from datetime import timedelta

from django.utils import timezone

QUESTIONS = [
    (
        "Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?",
        ["26/3/1930", "26/3/1931", "19/5/1941", "2/9/1945"],
        1,
    ),
    ("Đại hội Đoàn toàn quốc lần thứ XII diễn ra năm nào?", ["2017", "2022", "2012", "2027"], 1),
    (
        "Ai là Bí thư thứ nhất đầu tiên của Đoàn?",
        ["Lý Tự Trọng", "Nguyễn Văn Cừ", "Trần Phú", "Hà Huy Tập"],
        1,
    ),
    (
        "Khẩu hiệu hành động của Đoàn là gì?",
        ["Đâu cần thanh niên có", "Tuổi trẻ sáng tạo", "Xung kích", "Tình nguyện"],
        0,
    ),
    ("Chiến dịch Thanh niên tình nguyện hè diễn ra vào mùa nào?", ["Xuân", "Hè", "Thu", "Đông"], 1),
]


def step(ctx) -> None:
    import importlib

    from django.apps import apps

    from doanso.learning import contests, courses
    from doanso.learning.indicators import PARTICIPATION
    from doanso.org.models import Unit
    from doanso.plans.models import Indicator

    if not Indicator.objects.filter(code=PARTICIPATION).exists():  # a test's flush removed it
        importlib.import_module("doanso.learning.migrations.0002_computed_indicators").forward(apps, None)

    hcm = Unit.objects.filter(code="HCM").first()
    if hcm is None:
        return
    qs = [{"text": t, "options": o, "answer": a, "topic": "Lịch sử Đoàn"} for t, o, a in QUESTIONS]
    contest = contests.create_contest(
        unit=hcm,
        title="Tìm hiểu lịch sử Đoàn TNCS Hồ Chí Minh",
        questions_per_round=3,
        questions=qs,
        allow_public=True,
    )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for offset in (-7, 0, 7):
        start = now + timedelta(days=offset, hours=-1)
        contests.add_round(contest, start, start + timedelta(days=6))
    courses.create_course(
        unit=hcm,
        title="Lý luận chính trị cho đoàn viên mới",
        kind="llct",
        audience="new_members",
        lessons=[
            {"title": "Bài 1. Chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh", "body": "Nội dung bài học…"}
        ],
        questions=[{"text": t, "options": o, "answer": a} for t, o, a in QUESTIONS[:2]],
    )
    courses.create_course(
        unit=hcm,
        title="Học tập Nghị quyết Đại hội Đoàn toàn quốc",
        kind="nghi_quyet",
        audience="all",
        lessons=[{"title": "Bài 1. Những điểm mới của Nghị quyết", "body": "Nội dung bài học…"}],
        questions=[{"text": t, "options": o, "answer": a} for t, o, a in QUESTIONS[1:3]],
    )
    ctx.log("learning: 1 cuộc thi (3 lượt), 2 khoá học")
