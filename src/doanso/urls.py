from django.contrib import admin
from django.urls import include, path

from doanso.api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("doanso.web.urls")),
]
