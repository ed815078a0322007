from django.urls import path

from doanso.members import views

app_name = "members"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("transfers/", views.transfers, name="transfers"),
    path(
        "transfers/<int:transfer_id>/accept/",
        views.transfer_decide,
        {"action": "accept"},
        name="transfer_accept",
    ),
    path(
        "transfers/<int:transfer_id>/reject/",
        views.transfer_decide,
        {"action": "reject"},
        name="transfer_reject",
    ),
    path("units/<str:code>/", views.unit_members, name="list"),
    path("units/<str:code>/import/", views.import_page, name="import"),
    path("units/<str:code>/ratings/", views.ratings, name="ratings"),
    path("imports/<int:import_id>/", views.import_status, name="import_status"),
    path("imports/<int:import_id>/progress/", views.import_progress, name="import_progress"),
    path("imports/<int:import_id>/errors.xlsx", views.import_errors, name="import_errors"),
]
