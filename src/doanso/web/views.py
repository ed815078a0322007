"""Thin views: check scope, call services/listing, render. Anything out of scope is a 404."""

import base64
import io
import re
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from doanso.accounts import audit_export, tokens, twofactor
from doanso.accounts import services as accounts
from doanso.accounts.scoping import acting_units, can_administer, get_unit, scope_for
from doanso.core.errors import UserError
from doanso.credentials import api as credentials_api
from doanso.members import api as members_api
from doanso.org.models import Unit
from doanso.todo import api as todo_api
from doanso.web import listing
from doanso.web.forms import AsOfForm, CreateAccountForm, GrantRoleForm, LoginForm, OtpForm, SearchForm


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


# --- passwords: change (signed in), reset by e-mail (Django's flow, Vietnamese templates) ---------


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password: every API token and every other session ends."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:home")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session (update_session_auth_hash)
        tokens.password_changed(
            self.request.user, self.request.user, keep_session_key=self.request.session.session_key
        )
        messages.success(
            self.request, _("Đã đổi mật khẩu. Các phiên đăng nhập và mã truy cập khác đã bị thu hồi.")
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "web/password_reset_form.html"
    email_template_name = "web/password_reset_email.txt"
    subject_template_name = "web/password_reset_subject.txt"
    success_url = reverse_lazy("web:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "web/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "web/password_reset_confirm.html"
    success_url = reverse_lazy("web:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        tokens.password_changed(form.user, form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "web/password_reset_complete.html"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _as_of(request: HttpRequest) -> tuple[AsOfForm, date | None]:
    form = AsOfForm(request.GET if "on" in request.GET else None)
    return form, (form.date() if form.is_bound else None)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The home of every role: what is to do first ("Việc cần làm"), then the units; a member sees
    their card, their history, their tasks and a request to transfer."""
    user = request.user
    units = list(acting_units(user))
    scope = scope_for(user)
    mine = None
    if not units and scope.member_id:
        mine = members_api.member_home(user, timezone.localdate())  # a member sees their own record
    admin_of = {u.pk for u in units if can_administer(user, u)}
    return render(
        request,
        "web/home.html",
        {
            "todo": todo_api.todo_list(user) if units or mine else [],
            "certificates": credentials_api.held_by(scope.member_id) if mine else [],
            "rows": listing.acting_rows(units),
            "member": mine["member"] if mine else None,
            "mine": mine,
            "admin_of": admin_of,
        },
    )


@login_required
def menu(request: HttpRequest) -> HttpResponse:
    """Every destination of the user, grouped: what a phone's "Thêm" opens."""
    return render(request, "web/menu.html")


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)
    form, on = _as_of(request)
    ctx = {
        "unit": unit,
        "crumbs": listing.breadcrumb(request.user, unit),
        "form": form,
        "on": on,
        "can_admin": can_administer(request.user, unit),
        "successor": unit.successor if unit.successor_id else None,
    }
    if on is not None:
        ctx["then"] = listing.name_on(unit, on)
        ctx["rows"] = listing.past_children(request.user, unit, on)
    else:
        ctx["stats"] = listing.with_counts([unit])[0]
        ctx["page"] = listing.child_page(request.user, unit, request.GET.get("page"))
        ctx["rows"] = ctx["page"].object_list
        ctx["former"] = listing.former_children(request.user, unit)
    return render(request, "web/unit.html", ctx)


@login_required
def unit_children(request: HttpRequest, code: str) -> HttpResponse:
    """The children of a unit as an htmx fragment (the tree's expand button)."""
    unit = get_unit(request.user, code)
    _, on = _as_of(request)
    if on is not None:
        rows, page = listing.past_children(request.user, unit, on), None
    else:
        page = listing.child_page(request.user, unit, request.GET.get("page"))
        rows = page.object_list
    response = render(
        request, "web/_children.html", {"unit": unit, "rows": rows, "page": page, "on": on, "fragment": True}
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


PICK_FIELD = re.compile(r"[a-z_]{1,40}")  # the form field a picker fills (names an element id)
PICK_SIZE = 10


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """Units by name or code. The forms post the words typed (a CCCD typed into the box by mistake
    must not travel in a URL, where proxies and browser history keep it — issue 12); a name is then
    redirected to a shareable `?q=` address, a CCCD is never searched nor redirected."""
    data = request.POST if request.method == "POST" else request.GET
    form = SearchForm(data)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    cccd = members_api.looks_like_cccd(q)
    if cccd:
        q = ""
    if request.method == "POST" and not _is_htmx(request) and not cccd:
        return redirect(f"{reverse('web:unit_search')}?{urlencode({'q': q})}")
    pick = data.get("pick", "")
    if _is_htmx(request) and PICK_FIELD.fullmatch(pick):
        # a form's unit picker (the activity form's co-organisers): the first active units of
        # the user's scope, by name, as buttons that add the unit to the form
        page = listing.search(request.user, q, 1, per_page=PICK_SIZE, active_only=True)
        response = render(request, "web/_unit_pick.html", {"q": q, "page": page, "pick": pick, "cccd": cccd})
        patch_vary_headers(response, ["HX-Request"])
        return response
    page = listing.search(request.user, q, request.GET.get("page"))
    ctx = {"form": form, "q": q, "page": page, "cccd": cccd}
    template = "web/_search_results.html" if _is_htmx(request) else "web/search.html"
    response = render(request, template, ctx)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- account management (unit admins) -----------------------------------------------


def _administered(request: HttpRequest, code: str) -> Unit:
    unit = get_unit(request.user, code)
    if not can_administer(request.user, unit):
        raise Http404
    return unit


def _target_unit(request: HttpRequest, form, code: str) -> Unit | None:
    try:
        return get_unit(request.user, code.strip())
    except Http404:
        form.add_error("unit", _("Không tìm thấy đơn vị “%(code)s” trong phạm vi của bạn.") % {"code": code})
        return None


def _accounts_page(request: HttpRequest, unit: Unit, create_form=None, grant_form=None) -> HttpResponse:
    roles = Paginator(accounts.roles_in(request.user, unit), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "web/accounts.html",
        {
            "unit": unit,
            "crumbs": listing.breadcrumb(request.user, unit),
            "roles": roles,
            "create_form": create_form or CreateAccountForm(initial={"unit": unit.code, "role": "staff"}),
            "grant_form": grant_form or GrantRoleForm(initial={"unit": unit.code, "role": "staff"}),
        },
    )


@login_required
def unit_accounts(request: HttpRequest, code: str) -> HttpResponse:
    """List the accounts of a unit's subtree (GET) and create one (POST)."""
    unit = _administered(request, code)
    if request.method != "POST":
        return _accounts_page(request, unit)
    form = CreateAccountForm(request.POST)
    if form.is_valid() and (target := _target_unit(request, form, form.cleaned_data["unit"])):
        d = form.cleaned_data
        try:
            user = accounts.create_user(
                request.user,
                target,
                d["username"],
                role=d["role"],
                full_name=d["full_name"],
                email=d["email"],
                phone=d["phone"],
                password=d["password"] or None,
            )
        except UserError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            msg = _("Đã tạo tài khoản “%(username)s”.") % {"username": user.username}
            if user.generated_password:
                msg += " " + _("Mật khẩu: %(password)s (chỉ hiện một lần).") % {
                    "password": user.generated_password
                }
            messages.success(request, msg)
            return redirect("web:unit_accounts", code=unit.code)
    return _accounts_page(request, unit, create_form=form)


@login_required
@require_POST
def unit_accounts_grant(request: HttpRequest, code: str) -> HttpResponse:
    unit = _administered(request, code)
    form = GrantRoleForm(request.POST)
    if form.is_valid() and (target := _target_unit(request, form, form.cleaned_data["unit"])):
        d = form.cleaned_data
        try:
            user = accounts.managed_user(request.user, d["username"])
            accounts.grant_role(request.user, user, target, d["role"])
        except UserError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _("Đã cấp vai trò cho “%(username)s” tại %(unit)s.")
                % {"username": user.username, "unit": target.name},
            )
            return redirect("web:unit_accounts", code=unit.code)
    return _accounts_page(request, unit, grant_form=form)


@login_required
@require_POST
def unit_accounts_revoke(request: HttpRequest, code: str, role_id: int) -> HttpResponse:
    unit = _administered(request, code)
    role = get_object_or_404(accounts.roles_in(request.user, unit), pk=role_id)
    try:
        accounts.revoke_role(request.user, role)
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã thu hồi vai trò của “%(username)s” tại %(unit)s.")
            % {"username": role.user.username, "unit": role.unit.name},
        )
    return redirect(reverse("web:unit_accounts", kwargs={"code": unit.code}))


@login_required
def unit_audit_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The audit log of the unit's subtree as CSV or XLSX, for its admins (else 404)."""
    unit = _administered(request, code)
    if fmt == "csv":
        data, ctype = audit_export.as_csv(unit), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        data = audit_export.as_xlsx(unit)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{unit.code}.{fmt}"'
    return response


def _managed_account(request: HttpRequest, code: str, user_id: int):
    """The unit (administered by the caller) and a user the caller may manage from it, else 404."""
    unit = _administered(request, code)
    user = accounts.resettable_user(request.user, user_id)
    if user is None or not accounts.roles_in(request.user, unit).filter(user=user).exists():
        raise Http404
    return unit, user


@login_required
def unit_account_detail(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    """An account's web sessions and API tokens, with reset-password and log-out-everywhere."""
    unit, user = _managed_account(request, code, user_id)
    return render(
        request,
        "web/account_detail.html",
        {
            "unit": unit,
            "account": user,
            "crumbs": listing.breadcrumb(request.user, unit),
            "sessions": tokens.user_sessions(user),
            "tokens": tokens.live(user),
        },
    )


@login_required
@require_POST
def unit_account_reset(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    unit, user = _managed_account(request, code, user_id)
    password = accounts.reset_password(request.user, user)
    messages.success(
        request,
        _("Đã đặt lại mật khẩu của “%(username)s”. Mật khẩu mới: %(password)s (chỉ hiện một lần).")
        % {"username": user.username, "password": password},
    )
    return redirect("web:unit_account_detail", code=unit.code, user_id=user.pk)


@login_required
@require_POST
def unit_account_logout(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    unit, user = _managed_account(request, code, user_id)
    n_tokens, n_sessions = accounts.end_access(request.user, user)
    messages.success(
        request,
        _("Đã kết thúc %(s)d phiên đăng nhập và thu hồi %(t)d mã truy cập của “%(username)s”.")
        % {"s": n_sessions, "t": n_tokens, "username": user.username},
    )
    return redirect("web:unit_account_detail", code=unit.code, user_id=user.pk)


# --- two-factor sign-in (accounts.twofactor) -------------------------------------------------


def _safe_next(request: HttpRequest) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    nxt = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return nxt if ok and nxt else reverse("web:home")


@login_required
def login_otp(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code from the authenticator app."""
    device = twofactor.confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(_safe_next(request))
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
    return render(request, "web/login_otp.html", {"form": form, "next": _safe_next(request)})


@login_required
def twofactor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, type one code to confirm."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if twofactor.confirmed_device(request.user) is not None:
        return render(request, "web/twofactor.html", {"enrolled": True})
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="app", confirmed=False)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            twofactor.confirm(request.user, device)
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai bước."))
            return redirect("web:home")
        form.add_error("code", _("Mã xác thực không đúng; hãy kiểm tra giờ trên điện thoại."))
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "web/twofactor.html", {"form": form, "secret": secret, "enrolled": False})


@login_required
def twofactor_qr(request: HttpRequest) -> HttpResponse:
    """The enrolment QR code (SVG, its own URL: no inline data in the page)."""
    import segno
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        raise Http404
    buf = io.BytesIO()
    segno.make(device.config_url, error="m").save(buf, kind="svg", scale=5, border=2)
    response = HttpResponse(buf.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response
