"""The "Danh mục hoạt động" page: the types and campaigns a unit's activities use, and the forms
to add its own (thin: `catalogue` writes and checks)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doanso.accounts.scoping import acting_units, get_unit, scope_for
from doanso.activities import catalogue, selectors
from doanso.core.errors import UserError
from doanso.core.forms import VnDateField


class TypeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên loại hoạt động"), max_length=120)
    volunteer = forms.BooleanField(label=gettext_lazy("Tính là hoạt động tình nguyện"), required=False)


class CampaignForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên chiến dịch"), max_length=catalogue.MAX_NAME)
    starts_on = VnDateField(label=gettext_lazy("Từ ngày"), required=False)
    ends_on = VnDateField(label=gettext_lazy("Đến ngày"), required=False)


def _first_error(form: forms.Form) -> str:
    name, errors = next(iter(form.errors.items()))
    label = form.fields[name].label if name in form.fields else ""
    return f"{label}: {errors[0]}" if label else errors[0]


@login_required
def page(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    units = [u for u in acting_units(request.user) if scope.administers(u.path)]
    if not scope.paths:
        raise Http404
    forms_ = {"type": TypeForm(prefix="t"), "campaign": CampaignForm(prefix="c")}
    if request.method == "POST":
        if not units:
            raise Http404
        unit = get_unit(request.user, request.POST.get("unit", ""))
        kind = request.POST.get("kind")
        form = (
            TypeForm(request.POST, prefix="t") if kind == "type" else CampaignForm(request.POST, prefix="c")
        )
        if form.is_valid():
            try:
                if kind == "type":
                    t = catalogue.add_type(
                        request.user,
                        unit,
                        name=form.cleaned_data["name"],
                        volunteer=form.cleaned_data["volunteer"],
                    )
                    messages.success(request, _("Đã thêm loại hoạt động “%(name)s”.") % {"name": t.name})
                else:
                    c = catalogue.add_campaign(request.user, unit, **form.cleaned_data)
                    messages.success(request, _("Đã thêm chiến dịch “%(name)s”.") % {"name": c.name})
                return redirect("activities:catalogue")
            except UserError as exc:
                messages.error(request, exc.message)
        else:
            messages.error(request, _first_error(form))
        forms_["type" if kind == "type" else "campaign"] = form
    return render(
        request,
        "activities/catalogue.html",
        {
            "types": list(selectors.types_for(request.user).select_related("unit")),
            "campaigns": list(catalogue.campaigns_for(request.user).order_by("-starts_on", "name")[:300]),
            "units": units,
            "type_form": forms_["type"],
            "campaign_form": forms_["campaign"],
        },
    )
