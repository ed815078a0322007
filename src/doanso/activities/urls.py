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
