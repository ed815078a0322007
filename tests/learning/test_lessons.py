"""Course lessons through the pages: an organiser creates a course, adds lessons (text, video link,
PDF checked by content and size), quiz questions; the PDF goes only to the course's audience."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doanso.learning.models import Completion, Course, Lesson

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def _course(admin, audience="all") -> Course:
    r = admin.post(
        "/learning/",
        {
            "action": "course",
            "unit": "HCM",
            "title": "Học Nghị quyết",
            "kind": "nghi_quyet",
            "audience": audience,
        },
    )
    assert r.status_code == 302, r.content.decode()[:500]
    return Course.objects.get(title="Học Nghị quyết")


def _lesson(admin, course, name="bai1.pdf", data=PDF, **extra):
    return admin.post(
        f"/learning/courses/{course.pk}/",
        {
            "action": "lesson",
            "title": "Bài 1",
            "body": "Nội dung",
            "video_url": "https://video.example/bai-1",
            "pdf": SimpleUploadedFile(name, data, content_type="application/pdf"),
            **extra,
        },
        follow=True,
    )


def test_an_organiser_builds_a_course_and_its_audience_reads_the_pdf(login, member_user, unit):
    admin = login("hcm.admin")
    course = _course(admin)
    page = _lesson(admin, course).content.decode()
    assert "Đã thêm bài học." in page and "Xem video bài học" in page
    lesson = Lesson.objects.get(course=course)
    assert lesson.pdf.name.startswith("learning/lessons/") and lesson.pdf.name.endswith(".pdf")
    r = admin.post(
        f"/learning/courses/{course.pk}/",
        {"action": "question", "text": "Đại hội lần thứ mấy?", "options": "XII\nXIII\nXIV", "answer": "2"},
        follow=True,
    )
    assert "Đã thêm câu hỏi kiểm tra." in r.content.decode()
    member = login(member_user(1))
    body = member.get(f"/learning/courses/{course.pk}/").content.decode()
    url = f"/learning/courses/{course.pk}/lessons/{lesson.pk}.pdf"
    assert url in body and "Thêm bài học" not in body  # a member does not organise
    got = member.get(url)
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert b"".join(got.streaming_content).startswith(b"%PDF-")
    q = course.questions.get()
    r = member.post(f"/learning/courses/{course.pk}/", {f"q{q.pk}": "1"})
    assert "Đạt – đã ghi nhận hoàn thành khoá học." in r.content.decode()
    assert Completion.objects.filter(course=course).count() == 1


def test_the_pdf_is_served_only_to_the_audience(login, member_user, user):
    from doanso.org.models import Unit
    from tests.factories import MemberFactory, UserFactory

    admin = login("hcm.admin")
    course = _course(admin, audience="cadres")
    _lesson(admin, course)
    lesson = Lesson.objects.get(course=course)
    url = f"/learning/courses/{course.pk}/lessons/{lesson.pk}.pdf"
    # a member of the subtree who is not a cán bộ: the course page, but no file
    plain = login(member_user(2))
    assert "Tải tài liệu PDF" not in plain.get(f"/learning/courses/{course.pk}/").content.decode()
    assert plain.get(url).status_code == 404
    # another province: nothing at all
    hn = Unit.objects.get(code="HN")
    lo, hi = hn.subtree_range
    branch = Unit.objects.filter(kind="chi_doan", path__gte=lo, path__lt=hi).first()
    UserFactory(unit=branch, role="member", member=MemberFactory(branch=branch), username="hn.reader")
    assert login("hn.reader").get(url).status_code == 404
    assert login("hn.admin").get(url).status_code == 404
    from django.test import Client

    assert Client().get(url).status_code == 302  # to the login page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("anh.pdf", PNG, "Tệp “anh.pdf” không phải tệp PDF (kiểm tra theo nội dung tệp)."),
        ("to.pdf", PDF + b"\0" * 4096, "Tệp “to.pdf” quá lớn"),
    ],
)
def test_a_bad_pdf_is_refused_by_name_and_nothing_is_stored(login, settings, name, data, message):
    settings.DOANSO_LESSON_PDF_MAX_BYTES = 2048
    admin = login("hcm.admin")
    course = _course(admin)
    page = _lesson(admin, course, name=name, data=data).content.decode()
    assert message in page
    assert not Lesson.objects.filter(course=course).exists()
    stored = settings.MEDIA_ROOT / "learning"
    assert not stored.exists() or not [p for p in stored.rglob("*") if p.is_file()]


def test_a_bad_video_link_and_a_bad_answer_are_refused_in_vietnamese(login):
    admin = login("hcm.admin")
    course = _course(admin)
    page = _lesson(admin, course, video_url="javascript:alert(1)").content.decode()
    assert "Đường dẫn video “javascript:alert(1)” không hợp lệ" in page
    r = admin.post(
        f"/learning/courses/{course.pk}/",
        {"action": "question", "text": "Câu?", "options": "A\nB", "answer": "5"},
        follow=True,
    )
    assert "Câu 1: phương án đúng số 5 không có; chỉ có 2 phương án." in r.content.decode()
    assert not Lesson.objects.filter(course=course).exists() and not course.questions.exists()


def test_a_member_cannot_add_lessons(login, member_user):
    admin = login("hcm.admin")
    course = _course(admin)
    r = _lesson(login(member_user(3)), course)
    assert r.status_code == 404 and not Lesson.objects.filter(course=course).exists()
