"""Lessons of a course: text, a video link and a PDF. The PDF is checked by its content (the `%PDF-`
magic bytes, never the name or the browser's claim) and its size (`DOANSO_LESSON_PDF_MAX_BYTES`)
before anything is stored; it goes through Django's default storage under a random name and is
served only by `views.lesson_pdf`, to the course's audience and its organisers (media files are not
published)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from doanso.core import audit, vn
from doanso.core.errors import UserError
from doanso.learning.models import Course, Lesson, Question

PDF_MAGIC = b"%PDF-"


def check_pdf(name: str, size: int, head: bytes) -> None:
    """Refuse a file that is not a PDF by its bytes, or is too big; the error names the file."""
    limit = settings.DOANSO_LESSON_PDF_MAX_BYTES
    if size > limit:
        raise UserError(
            gettext("Tệp “%(name)s” quá lớn (%(size)s, tối đa %(max)s).")
            % {"name": name, "size": vn.format_size(size), "max": vn.format_size(limit)},
            field="pdf",
        )
    if not head.startswith(PDF_MAGIC):
        raise UserError(
            gettext("Tệp “%(name)s” không phải tệp PDF (kiểm tra theo nội dung tệp).") % {"name": name},
            field="pdf",
        )


def check_video(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise UserError(
            gettext("Đường dẫn video “%(url)s” không hợp lệ (cần bắt đầu bằng https://).")
            % {"url": url[:80]},
            field="video_url",
        ) from None
    return url


@transaction.atomic
def add_lesson(
    course: Course, *, title: str, body: str = "", video_url: str = "", pdf=None, actor=None
) -> Lesson:
    """Append a lesson; `pdf` is an uploaded file (or None). Nothing is stored if a check fails."""
    title = (title or "").strip()
    if not title:
        raise UserError(gettext("Chưa nhập tên bài học."), field="title")
    video_url = check_video(video_url)
    if pdf is not None:
        head = pdf.read(len(PDF_MAGIC))
        pdf.seek(0)
        check_pdf(pdf.name, pdf.size, head)
    last = course.lessons.aggregate(n=Max("position"))["n"] or 0
    lesson = Lesson(course=course, position=last + 1, title=title[:200], body=body or "", video_url=video_url)
    if pdf is not None:
        lesson.pdf.save(f"{uuid.uuid4().hex}.pdf", pdf, save=False)
    lesson.save()
    audit.record(actor, "course.lesson.add", lesson, unit=course.unit, title=lesson.title, pdf=bool(pdf))
    return lesson


@transaction.atomic
def add_question(course: Course, *, text: str, options: list[str], answer: int, actor=None) -> Question:
    """Add a question to the course's end-of-course quiz (`answer` is the 0-based right option)."""
    from doanso.learning.contests import check_question

    options = [o.strip() for o in options if o.strip()]
    where = gettext("Câu %(n)s") % {"n": course.questions.count() + 1}
    if len(options) >= 2 and not 0 <= answer < len(options):
        raise UserError(
            gettext("%(where)s: phương án đúng số %(n)s không có; chỉ có %(k)s phương án.")
            % {"where": where, "n": answer + 1, "k": len(options)},
            field="answer",
        )
    check_question(text, options, answer, where)
    q = Question.objects.create(
        unit=course.unit, course=course, text=text.strip(), options=options, answer=answer
    )
    audit.record(actor, "course.question.add", q, unit=course.unit)
    return q
