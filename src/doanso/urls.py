from importlib.util import find_spec

from django.contrib import admin
from django.urls import include, path

from doanso.api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
# Feature apps with pages of their own mount them here (each owns its urls.py).
for prefix, module in [
    ("members/", "doanso.members.urls"),
    ("plans/", "doanso.plans.urls"),
    ("reports/", "doanso.reports.urls"),
    ("plan-import/", "doanso.planimport.urls"),
    ("dashboard/", "doanso.dashboard.urls"),
]:
    if find_spec(module) is not None:
        urlpatterns.append(path(prefix, include(module)))
urlpatterns.append(path("", include("doanso.web.urls")))
