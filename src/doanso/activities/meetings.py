"""Pages of branch meetings (sinh hoạt chi đoàn, issue 14 item 8): thin views over
`meetings_services`.

- /activities/meetings/<branch code>/?year= — the branch's meetings of the year, a form to schedule
  one, and each member's attendance over the year (the evidence for the yearly rating: members sits
  below activities, so the rating page cannot import this; the page is linked from the activities
  side and the numbers are also in `activities.api.meeting_attendance` and the API);
- /activities/meetings/m/<activity id>/ — agenda, attendance ticked on the branch's list (QR check-in
  works as for any activity), minutes;
- /activities/meetings/m/<activity id>/bien-ban.docx — the minutes in the Union's format.
"""

from datetime import datetime, time

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doanso.accounts.scoping import get_unit
from doanso.activities import meetings_services as svc
from doanso.activities.meetings_docx import minutes_docx
from doanso.activities.models import MeetingKind
from doanso.core.errors import UserError
from doanso.core.forms import VnDateField

# "19:30", as the label asks, not the default "19:30:00"
HOUR_MINUTE = forms.TimeInput(format="%H:%M")


class MeetingForm(forms.Form):
    day = VnDateField(label=gettext_lazy("Ngày sinh hoạt"))
    start = forms.TimeField(
        label=gettext_lazy("Bắt đầu (giờ:phút)"), initial=time(19, 30), widget=HOUR_MINUTE
    )
    end = forms.TimeField(label=gettext_lazy("Kết thúc (giờ:phút)"), initial=time(21, 0), widget=HOUR_MINUTE)
    kind = forms.ChoiceField(label=gettext_lazy("Hình thức"), choices=MeetingKind.choices)
    theme = forms.CharField(label=gettext_lazy("Chủ điểm"), max_length=300, required=False)
    place_name = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=300, required=False)
    agenda = forms.CharField(label=gettext_lazy("Nội dung sinh hoạt"), widget=forms.Textarea, required=False)


class MinutesForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Số biên bản"), max_length=40, required=False)
    chair = forms.CharField(label=gettext_lazy("Chủ trì"), max_length=120)
    secretary = forms.CharField(label=gettext_lazy("Thư ký"), max_length=120)
    minutes = forms.CharField(label=gettext_lazy("Diễn biến và kết luận"), widget=forms.Textarea)


def _year(request: HttpRequest) -> int:
    try:
        y = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        y = timezone.localdate().year
    return min(max(y, 2000), 2100)


@login_required
def branch(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)  # 404 outside the user's scope
    year = _year(request)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        tz = timezone.get_current_timezone()
        try:
            m = svc.create_meeting(
                request.user,
                unit,
                start=datetime.combine(d["day"], d["start"], tz),
                end=datetime.combine(d["day"], d["end"], tz),
                kind=d["kind"],
                theme=d["theme"],
                agenda=d["agenda"],
                place_name=d["place_name"],
            )
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lên lịch buổi sinh hoạt."))
            return redirect("activities:meeting", activity_id=m.activity_id)
    meetings, rows = svc.branch_attendance(unit, year)
    return render(
        request,
        "activities/meeting_branch.html",
        {"unit": unit, "year": year, "form": form, "meetings": meetings, "rows": rows},
    )


@login_required
def detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    meeting = svc.get_meeting(request.user, activity_id)  # 404 unless the user runs it
    a = meeting.activity
    minutes = MinutesForm(
        request.POST if request.POST.get("action") == "minutes" else None,
        initial={
            "number": meeting.number,
            "chair": meeting.chair,
            "secretary": meeting.secretary,
            "minutes": meeting.minutes,
        },
    )
    here = reverse("activities:meeting", args=[a.pk])
    if request.method == "POST":
        try:
            if request.POST.get("action") == "minutes":
                if minutes.is_valid():
                    svc.save_minutes(request.user, meeting, **minutes.cleaned_data)
                    messages.success(request, _("Đã lưu biên bản."))
                    return redirect(here)
            else:
                ids = [int(x) for x in request.POST.getlist("present") if x.isdigit()]
                n = svc.tick_attendance(request.user, meeting, ids)
                messages.success(request, _("Đã điểm danh thêm %(n)s đoàn viên.") % {"n": n})
                return redirect(here)
        except UserError as exc:
            messages.error(request, exc.message)
            if request.POST.get("action") != "minutes":
                return redirect(here)
    present = svc.present_ids(meeting)
    members = [(m, m.pk in present) for m in svc.branch_members(a.unit)]
    return render(
        request,
        "activities/meeting_detail.html",
        {
            "meeting": meeting,
            "activity": a,
            "members": members,
            "present_count": sum(1 for _, p in members if p),
            "minutes_form": minutes,
            "start": timezone.localtime(a.start),
            "end": timezone.localtime(a.end),
        },
    )


@login_required
def minutes_file(request: HttpRequest, activity_id: int) -> HttpResponse:
    meeting = svc.get_meeting(request.user, activity_id)
    data = minutes_docx(meeting)
    r = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    r["Content-Disposition"] = f'attachment; filename="bien-ban-sinh-hoat-{meeting.activity_id}.docx"'
    return r
