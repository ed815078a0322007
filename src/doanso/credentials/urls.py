"""Pages of the credentials app (mounted at /credentials/ by doanso.urls)."""

from django.urls import path

from doanso.credentials import views

app_name = "credentials"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("verify/", views.verify_page, name="verify"),
    path("status/<str:code>", views.status_list, name="status_list"),
    path("issuers/<str:code>/did.json", views.did_document, name="did"),
    path("units/<str:code>/rotate-key/", views.rotate_key, name="rotate_key"),
    path("<uuid:credential_id>", views.credential, name="credential"),
    path("<uuid:credential_id>/certificate.pdf", views.certificate_pdf, name="pdf"),
    path("<uuid:credential_id>/revoke/", views.revoke, name="revoke"),
]
