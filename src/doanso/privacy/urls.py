from django.urls import path

from doanso.privacy import views

app_name = "privacy"
urlpatterns = [
    path("me/", views.my_requests, name="me"),
    path("me/export.json", views.my_export, name="my_export"),
    path("members/<int:member_id>/", views.member_requests, name="member"),
    path("members/<int:member_id>/export.json", views.member_export, name="member_export"),
    path("members/<int:member_id>/hold/", views.member_hold, name="hold"),
    path("requests/<int:request_id>/decide/", views.decide, name="decide"),
]
