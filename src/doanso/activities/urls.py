"""Pages of the activities app (mounted at /activities/ by doanso.urls)."""

app_name = "activities"
urlpatterns: list = []

# Offline check-in PWA (activities/offline.py): page, manifest, worker and signed list share one path,
# the worker's scope.
from django.urls import path  # noqa: E402

from doanso.activities import offline  # noqa: E402

urlpatterns += [
    path("<int:activity_id>/offline/", offline.page, name="offline"),
    path("<int:activity_id>/offline/manifest.webmanifest", offline.manifest, name="offline_manifest"),
    path("<int:activity_id>/offline/sw.js", offline.service_worker, name="offline_sw"),
    path("<int:activity_id>/offline/tickets.json", offline.ticket_list, name="offline_tickets"),
]

# Branch meetings (activities/meetings.py)
from doanso.activities import meetings  # noqa: E402

urlpatterns += [
    path("meetings/<str:code>/", meetings.branch, name="meetings"),
    path("meetings/m/<int:activity_id>/", meetings.detail, name="meeting"),
    path("meetings/m/<int:activity_id>/bien-ban.docx", meetings.minutes_file, name="meeting_minutes"),
]
