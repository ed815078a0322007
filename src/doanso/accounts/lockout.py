"""What a locked-out login sees (django-axes): JSON for the API, a page for the web."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

MESSAGE = _("Tài khoản tạm khóa do đăng nhập sai nhiều lần; hãy thử lại sau 15 phút.")


def lockout_response(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(MESSAGE)}, status=429)
    return render(request, "web/locked.html", {"message": MESSAGE}, status=429)
