"""Pages of the credentials app: the public certificate (JSON-LD or a page), its PDF, the public
verifier, the issuers' DID documents and status lists, and the admins' list with revoke buttons.
Thin: reads in selectors, writes in services, checks in verification."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doanso.accounts.scoping import acting_units, get_unit, scope_for
from doanso.core import vn
from doanso.core.errors import UserError
from doanso.credentials import keys, pdf, ratelimit, selectors, services, verification
from doanso.credentials.models import Credential, StatusList
from doanso.org.models import Unit

JSON_LD = "application/ld+json"
MAX_UPLOAD = verification.MAX_DOCUMENT_BYTES


def _json(document: dict, content_type: str = JSON_LD) -> HttpResponse:
    """A public JSON-LD document any verifier (any origin) may fetch."""
    response = JsonResponse(document, content_type=content_type, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Vary"] = "Accept"
    return response


@require_GET
def credential(request: HttpRequest, credential_id) -> HttpResponse:
    """The credential as issued (JSON-LD), or a page for a person when the browser asks for HTML."""
    cred = get_object_or_404(Credential.objects.select_related("issuer_unit"), pk=credential_id)
    wanted = request.get_preferred_type([JSON_LD, "application/json", "text/html"])
    if wanted != "text/html":
        return _json(cred.document, "application/json" if wanted == "application/json" else JSON_LD)
    result = verification.verify(cred.document)
    response = render(
        request,
        "credentials/public.html",
        {
            "cred": cred,
            "holder": selectors.short_name(cred.subject_name),
            "issued_on": vn.format_date(timezone.localtime(cred.issued_at).date()),
            "result": result,
        },
    )
    response["Vary"] = "Accept"
    return response


@require_GET
def certificate_pdf(request: HttpRequest, credential_id) -> HttpResponse:
    cred = get_object_or_404(Credential.objects.select_related("issuer_unit"), pk=credential_id)
    response = HttpResponse(pdf.render(cred), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-nhan-{cred.pk}.pdf"'
    return response


@require_GET
def status_list(request: HttpRequest, code: str) -> HttpResponse:
    """A unit's BitstringStatusListCredential (signed), as verifiers fetch it."""
    row = get_object_or_404(StatusList.objects.select_related("unit"), unit__code=code)
    if not row.document:
        raise Http404
    response = _json(row.document)
    response["Cache-Control"] = "max-age=300"
    return response


@require_GET
def did_document(request: HttpRequest, code: str) -> HttpResponse:
    """The issuing unit's DID document (did:web resolves here), its keys retired ones included."""
    unit = get_object_or_404(Unit, code=code)
    if not unit.credential_keys.exists():
        raise Http404
    return _json(keys.did_document(unit), "application/did+ld+json")


@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    """Anyone can paste or upload a credential's JSON and see whether it holds."""
    result, error, text, status = None, None, "", 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is not None and upload.size > MAX_UPLOAD:
            error = _("Tệp quá lớn để là một chứng nhận.")
        else:
            raw = upload.read() if upload is not None else request.POST.get("document", "").encode()
            text = raw.decode("utf-8", errors="replace")
            if not ratelimit.allow(request):
                error, status = _("Quá nhiều lượt kiểm tra; vui lòng thử lại sau một phút."), 429
            else:
                try:
                    result = verification.verify(json.loads(raw))
                except ValueError:
                    error = _("Nội dung không phải JSON hợp lệ.")
    return render(
        request, "credentials/verify.html", {"result": result, "error": error, "text": text}, status=status
    )


def _unit_for(request):
    code = request.GET.get("unit")
    if code:
        return get_unit(request.user, code)
    unit = acting_units(request.user).first()
    if unit is None:
        raise Http404
    return unit


@login_required
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    """The certificates a unit (and its subtree) issued, with revoke buttons for its admins."""
    unit = _unit_for(request)
    lo, hi = unit.subtree_range
    creds = selectors.visible(request.user).filter(issuer_unit__path__gte=lo, issuer_unit__path__lt=hi)
    scope = scope_for(request.user)
    rows = [(c, scope.administers(c.issuer_unit.path)) for c in creds.order_by("-issued_at", "pk")[:200]]
    return render(
        request,
        "credentials/list.html",
        {
            "unit": unit,
            "rows": rows,
            "count": creds.count(),
            "admin": scope.administers(unit.path),
            "key": unit.credential_keys.filter(retired_at=None).first(),
        },
    )


@login_required
@require_POST
def revoke(request: HttpRequest, credential_id) -> HttpResponse:
    cred = selectors.administered(request.user, credential_id)
    try:
        services.revoke(cred, request.user, request.POST.get("reason", ""))
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi chứng nhận của %(name)s.") % {"name": cred.subject_name})
    return redirect(f"{_list_url()}?unit={cred.issuer_unit.code}")


@login_required
@require_POST
def rotate_key(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit(request.user, code)
    if not scope_for(request.user).administers(unit.path):
        raise Http404
    keys.rotate(unit, request.user)
    messages.success(request, _("Đã thay khóa ký; chứng nhận đã cấp vẫn kiểm tra được."))
    return redirect(f"{_list_url()}?unit={unit.code}")


def _list_url() -> str:
    from django.urls import reverse

    return reverse("credentials:list")
