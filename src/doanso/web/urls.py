from django.urls import path

from doanso.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("menu/", views.menu, name="menu"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("login/otp/", views.login_otp, name="login_otp"),
    path("account/2fa/", views.twofactor_setup, name="twofactor_setup"),
    path("account/2fa/qr.svg", views.twofactor_qr, name="twofactor_qr"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("units/search/", views.unit_search, name="unit_search"),
    path("units/<str:code>/", views.unit_detail, name="unit"),
    path("units/<str:code>/children/", views.unit_children, name="unit_children"),
    path("units/<str:code>/accounts/", views.unit_accounts, name="unit_accounts"),
    path("units/<str:code>/accounts/grant/", views.unit_accounts_grant, name="unit_accounts_grant"),
    path(
        "units/<str:code>/accounts/users/<int:user_id>/",
        views.unit_account_detail,
        name="unit_account_detail",
    ),
    path(
        "units/<str:code>/accounts/users/<int:user_id>/reset-password/",
        views.unit_account_reset,
        name="unit_account_reset",
    ),
    path(
        "units/<str:code>/accounts/users/<int:user_id>/logout/",
        views.unit_account_logout,
        name="unit_account_logout",
    ),
    path("units/<str:code>/audit.<str:fmt>", views.unit_audit_export, name="unit_audit_export"),
    path(
        "units/<str:code>/accounts/<int:role_id>/revoke/",
        views.unit_accounts_revoke,
        name="unit_accounts_revoke",
    ),
]
