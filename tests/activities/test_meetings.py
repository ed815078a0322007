"""Branch meetings (issue 14 item 8): scheduling, attendance ticked on the branch's list, minutes as
an official .docx, each member's attendance over the year, and CD_SINH_HOAT up the tree."""

from io import BytesIO

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _today() -> str:
    from doanso.core import vn

    return vn.format_date(timezone.localdate())


def _schedule(c, branch, **extra):
    data = {
        "day": _today(),
        "start": "00:00",
        "end": "23:59",
        "kind": "dinh_ky",
        "agenda": "Học Điều lệ Đoàn",
    }
    data.update(extra)
    r = c.post(f"/activities/meetings/{branch.code}/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    return int(r["Location"].rstrip("/").split("/")[-1])


def _minutes(**kw):
    data = {
        "action": "minutes",
        "number": "05-BB/CĐ",
        "chair": "Nguyễn Văn Bí",
        "secretary": "Trần Thị Ký",
        "minutes": "Chi đoàn thống nhất ra quân ngày chủ nhật xanh.\nGiao chỉ tiêu trồng 50 cây.",
    }
    data.update(kw)
    return data


def test_meeting_attendance_minutes_and_docx(login, world):
    from docx import Document

    from doanso.activities.models import Activity, Participation

    c = login("xa.admin")
    aid = _schedule(c, world.branch)
    a = Activity.objects.get(pk=aid)
    assert a.type.code == "sinh_hoat_chi_doan" and a.unit_id == world.branch.pk
    assert a.title.startswith("Sinh hoạt chi đoàn định kỳ tháng ")
    page = c.get(f"/activities/meetings/m/{aid}/")
    assert page.status_code == 200 and "Học Điều lệ Đoàn" in page.content.decode()

    m0, m1, m2 = world.members[:3]
    r = c.post(f"/activities/meetings/m/{aid}/", {"action": "attendance", "present": [m0.pk, m1.pk]})
    assert r.status_code == 302
    rows = Participation.objects.filter(activity=a)
    assert {p.member_id for p in rows} == {m0.pk, m1.pk} and {p.method for p in rows} == {"list"}
    # a member of another branch ticked with one of ours: refused, naming them, nothing added
    other = world.members[3]
    r = c.post(
        f"/activities/meetings/m/{aid}/", {"action": "attendance", "present": [m2.pk, other.pk]}, follow=True
    )
    assert f"Đoàn viên mã {other.pk} không thuộc chi đoàn này" in r.content.decode()
    assert rows.count() == 2
    assert Activity.objects.get(pk=aid).participations_count == 2

    bad = c.post(f"/activities/meetings/m/{aid}/", _minutes(minutes=" "))
    assert bad.status_code == 200 and "Trường này là bắt buộc" in bad.content.decode()
    assert c.get(f"/activities/meetings/m/{aid}/bien-ban.docx").status_code == 200  # a draft is allowed
    r = c.post(f"/activities/meetings/m/{aid}/", _minutes())
    assert r.status_code == 302
    assert Activity.objects.get(pk=aid).status == "done"

    r = c.get(f"/activities/meetings/m/{aid}/bien-ban.docx")
    assert r.status_code == 200 and "wordprocessingml" in r["Content-Type"]
    doc = Document(BytesIO(r.content))
    left, right = doc.tables[0].rows[0].cells
    assert f"BCH {world.branch.name.upper()}" in left.text and "Số: 05-BB/CĐ" in left.text
    assert f"BCH {world.commune.name.upper()}" in left.text
    assert "ĐOÀN TNCS HỒ CHÍ MINH" in right.text
    d = timezone.localtime(a.start)
    assert f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}" in right.text
    heading = right.paragraphs[0].runs[0]
    assert heading.bold and heading.underline
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BIÊN BẢN" in text and a.title in text
    assert "có mặt 2/3 đoàn viên; vắng 1 đoàn viên" in text and m2.full_name in text
    assert "Giao chỉ tiêu trồng 50 cây." in text and "Học Điều lệ Đoàn" in text
    assert f"ngày {d:%d/%m/%Y}" in text  # dates the Vietnamese way
    signatures = doc.tables[1].rows[0].cells
    assert "THƯ KÝ" in signatures[0].text and "Trần Thị Ký" in signatures[0].text
    assert "CHỦ TRÌ" in signatures[1].text and "Nguyễn Văn Bí" in signatures[1].text
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_member_attendance_over_the_year(api, login, world):
    c = login("xa.admin")
    first = _schedule(c, world.branch)
    _schedule(c, world.branch, kind="chu_diem", theme="Tuổi trẻ với biển đảo")
    m0, m1 = world.members[:2]
    c.post(f"/activities/meetings/m/{first}/", {"action": "attendance", "present": [m0.pk]})
    year = timezone.localdate().year
    data = api("xa.admin").get(f"/meeting-attendance/{m0.pk}", year=year).json()
    assert (data["held"], data["attended"], data["branch"]) == (2, 1, world.branch.code)
    assert [i["present"] for i in data["items"]].count(True) == 1
    assert api("dv.mot").get(f"/meeting-attendance/{m0.pk}").json()["attended"] == 1  # their own
    assert api("dv.mot").get(f"/meeting-attendance/{m1.pk}").status_code == 404
    assert api("hn.admin").get(f"/meeting-attendance/{m0.pk}").status_code == 404
    page = c.get(f"/activities/meetings/{world.branch.code}/", {"year": year}).content.decode()
    assert "Sinh hoạt chủ điểm tháng" in page and "Tuổi trẻ với biển đảo" in page
    assert (
        f'<tr data-member="{m0.pk}"><td>{m0.full_name}</td><td class="num">1/2</td><td class="num">50,0%</td>'
        in page
    )

    from doanso.accounts.models import User
    from doanso.activities.api import meeting_attendance

    assert meeting_attendance(User.objects.get(username="xa.admin"), m1.pk, year)["attended"] == 0


def test_bad_meetings_are_refused_in_vietnamese(login, world):
    from doanso.activities.models import Activity

    c = login("xa.admin")
    n = Activity.objects.count()
    r = c.post(
        f"/activities/meetings/{world.branch.code}/",
        {"day": _today(), "start": "19:00", "end": "21:00", "kind": "chu_diem"},
    )
    assert r.status_code == 200 and "Sinh hoạt chủ điểm cần có chủ điểm." in r.content.decode()
    r = c.post(
        f"/activities/meetings/{world.commune.code}/",
        {"day": _today(), "start": "19:00", "end": "21:00", "kind": "dinh_ky"},
    )
    assert "Chỉ chi đoàn mới tổ chức sinh hoạt chi đoàn." in r.content.decode()
    r = c.post(
        f"/activities/meetings/{world.branch.code}/",
        {"day": "31/02/2026", "start": "19:00", "end": "21:00", "kind": "dinh_ky"},
    )
    assert r.status_code == 200 and 'class="error"' in r.content.decode()
    assert Activity.objects.count() == n


def test_other_units_cannot_see_or_write(login, world):
    from doanso.activities.models import Meeting, Participation

    aid = _schedule(login("xa.admin"), world.branch)
    hn = login("hn.admin")
    assert hn.get(f"/activities/meetings/{world.branch.code}/").status_code == 404
    assert hn.get(f"/activities/meetings/m/{aid}/").status_code == 404
    assert hn.get(f"/activities/meetings/m/{aid}/bien-ban.docx").status_code == 404
    r = hn.post(f"/activities/meetings/m/{aid}/", {"action": "attendance", "present": [world.members[0].pk]})
    assert r.status_code == 404 and not Participation.objects.filter(activity_id=aid).exists()
    r = hn.post(f"/activities/meetings/m/{aid}/", _minutes())
    assert r.status_code == 404 and Meeting.objects.get(activity_id=aid).held_at is None
    r = hn.post(
        f"/activities/meetings/{world.branch.code}/",
        {"day": _today(), "start": "19:00", "end": "21:00", "kind": "dinh_ky"},
    )
    assert r.status_code == 404 and Meeting.objects.count() == 1


def test_cd_sinh_hoat_sums_branches_up_the_tree(login, world):
    from doanso.core.calendar import periods
    from doanso.org.models import Unit
    from doanso.plans.indicators import compute
    from tests.factories import BranchFactory

    BranchFactory(parent=world.district)  # a branch straight under the district, no meeting
    month = periods.parse(f"{timezone.localdate():%Y-%m}")
    c = login("xa.admin")

    def value(unit):
        v = compute("CD_SINH_HOAT", Unit.objects.get(pk=unit.pk), month)
        return (v.value, v.denominator)

    before_hcm = value(world.province)
    assert value(world.commune) == (0, 2)
    aid = _schedule(c, world.branch)
    assert value(world.commune) == (0, 2)  # scheduled is not held
    c.post(f"/activities/meetings/m/{aid}/", _minutes())
    again = _schedule(c, world.branch)  # a second meeting the same month counts the branch once
    c.post(f"/activities/meetings/m/{again}/", _minutes())
    assert value(world.commune) == (1, 2)
    assert value(world.district) == (1, 3)  # 1 of 3 branches, not the average of 50 % and 0 %
    assert value(world.province) == (before_hcm[0] + 1, before_hcm[1])
    assert (
        compute("CD_SINH_HOAT", world.commune, periods.parse(f"{timezone.localdate():%Y}")).denominator == 24
    )


def test_the_rating_page_links_to_the_year_of_meetings(login, world):
    """Attendance over the year is evidence for the yearly rating: the rating page leads to it."""
    page = login("xa.admin").get(f"/members/units/{world.branch.code}/ratings/?year=2026").content.decode()
    assert f'href="/activities/meetings/{world.branch.code}/?year=2026"' in page
