from django.contrib import admin
from django.urls import include, path

from doanso.api.urls import urlpatterns_by_resource
from doanso.core import health

urlpatterns = [
    # Probes and metrics for operators (docs/deployment.md); outside the login and the https redirect.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", health.metrics, name="metrics"),
    path("api/v1/", urlpatterns_by_resource()),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Feature apps with pages of their own (each owns its urls.py). An app that fails to import
    # fails here, loudly: a missing page is a bug, not an option.
    path("members/", include("doanso.members.urls")),
    path("plans/", include("doanso.plans.urls")),
    path("reports/", include("doanso.reports.urls")),
    path("plan-import/", include("doanso.planimport.urls")),
    path("dashboard/", include("doanso.dashboard.urls")),
    path("todo/", include("doanso.todo.urls")),
    path("privacy/", include("doanso.privacy.urls")),
    path("activities/", include("doanso.activities.urls")),
    path("places/", include("doanso.places.urls")),
    path("agenda/", include("doanso.agenda.urls")),
    path("learning/", include("doanso.learning.urls")),
    path("credentials/", include("doanso.credentials.urls")),
    path("outreach/", include("doanso.outreach.urls")),
    path("ideas/", include("doanso.ideas.urls")),
    path("surveys/", include("doanso.surveys.urls")),
    path("exemplars/", include("doanso.exemplars.urls")),
    path("", include("doanso.web.urls")),
]
