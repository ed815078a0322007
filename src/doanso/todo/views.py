"""The person's reminder settings and a member's request to transfer. Thin: writes in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doanso.core.errors import UserError
from doanso.members import api as members
from doanso.todo import notify
from doanso.todo.forms import PreferenceForm


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    pref = notify.preference_of(request.user)
    form = PreferenceForm(request.POST or None, instance=pref)
    if request.method == "POST" and form.is_valid():
        notify.save_preference(request.user, form.instance)
        messages.success(request, _("Đã lưu cách nhận nhắc việc."))
        return redirect("todo:preferences")
    return render(request, "todo/preferences.html", {"form": form})


@login_required
@require_POST
def ask_transfer(request: HttpRequest) -> HttpResponse:
    try:
        members.ask_transfer(request.user, request.POST.get("to_branch", ""), request.POST.get("reason", ""))
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gửi đề nghị chuyển sinh hoạt; chi đoàn sẽ xem xét."))
    return redirect("web:home")
