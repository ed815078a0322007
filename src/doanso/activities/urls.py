"""Pages of the activities app (mounted at /activities/ by doanso.urls)."""

from django.urls import path

from doanso.activities import views

app_name = "activities"
urlpatterns: list = [
    # the activity pages (list, form, detail, check-in, outputs, "Hoạt động của tôi")
    path("", views.activity_list, name="list"),
    path("new/", views.activity_new, name="new"),
    path("me/", views.mine, name="mine"),
    path("<int:activity_id>/", views.activity_detail, name="detail"),
    path("<int:activity_id>/edit/", views.activity_edit, name="edit"),
    path("<int:activity_id>/register/", views.register, name="register"),
    path("<int:activity_id>/cancel/", views.cancel, name="cancel"),
    path("<int:activity_id>/qr/", views.qr_panel, name="qr"),
    path("<int:activity_id>/checkin/", views.checkin, name="checkin"),
    path("<int:activity_id>/checkins/", views.staff_checkin, name="staff_checkin"),
    path("<int:activity_id>/members/", views.member_search, name="member_search"),
    path("<int:activity_id>/attendance/", views.attendance_upload, name="attendance"),
    path("<int:activity_id>/outputs/", views.outputs_page, name="outputs"),
    path("outputs/<int:output_id>/decide/", views.output_decide, name="output_decide"),
    path("outputs/<int:output_id>/photos/<int:output_photo_id>/", views.output_photo, name="output_photo"),
]

# Offline check-in PWA (activities/offline.py): page, manifest, worker and signed list share one path,
# the worker's scope.
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

# The catalogue of types and campaigns (activities/catalogue_views.py)
from doanso.activities import catalogue_views  # noqa: E402

urlpatterns += [path("catalogue/", catalogue_views.page, name="catalogue")]
