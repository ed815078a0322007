from django.urls import path

from doanso.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("units/search/", views.unit_search, name="unit_search"),
    path("units/<str:code>/", views.unit_detail, name="unit"),
    path("units/<str:code>/children/", views.unit_children, name="unit_children"),
    path("units/<str:code>/accounts/", views.unit_accounts, name="unit_accounts"),
    path("units/<str:code>/accounts/grant/", views.unit_accounts_grant, name="unit_accounts_grant"),
    path("units/<str:code>/audit.<str:fmt>", views.unit_audit_export, name="unit_audit_export"),
    path(
        "units/<str:code>/accounts/<int:role_id>/revoke/",
        views.unit_accounts_revoke,
        name="unit_accounts_revoke",
    ),
]
