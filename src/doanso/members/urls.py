from django.urls import path

from doanso.members import views

app_name = "members"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/data.json", views.my_data, name="my_data"),
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
    path("units/<str:code>/import/mau-nhap-doan-vien.xlsx", views.import_template, name="import_template"),
    path("units/<str:code>/ratings/", views.ratings, name="ratings"),
    path("units/<str:code>/nominations/", views.nominations, name="nominations"),
    path("units/<str:code>/maturity/", views.maturity, name="maturity"),
    path("units/<str:code>/dues/", views.dues, name="dues"),
    path("units/<str:code>/dues/excuse/", views.dues_excuse, name="dues_excuse"),
    path("dues/rules/", views.dues_rules, name="dues_rules"),
    path("records/<int:member_id>/", views.member_detail, name="member"),
    path("records/<int:member_id>/edit/", views.member_edit, name="member_edit"),
    path("records/<int:member_id>/consents/", views.member_consents, name="consents"),
    path("records/<int:member_id>/consents/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("records/<int:member_id>/mature/", views.member_mature, name="member_mature"),
    path("records/<int:member_id>/nominate/", views.member_nominate, name="member_nominate"),
    path("nominations/<int:nomination_id>/outcome/", views.nomination_outcome, name="nomination_outcome"),
    path("imports/<int:import_id>/", views.import_status, name="import_status"),
    path("imports/<int:import_id>/progress/", views.import_progress, name="import_progress"),
    path("imports/<int:import_id>/errors.xlsx", views.import_errors, name="import_errors"),
]
