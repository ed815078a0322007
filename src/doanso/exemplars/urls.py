"""Pages of the exemplars app (mounted at /exemplars/ by doanso.urls)."""

from django.urls import path

from doanso.exemplars import views

app_name = "exemplars"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("units/<str:code>/confirmations/", views.confirmations, name="confirmations"),
    path("units/<str:code>/nominations/", views.board, name="board"),
    path("public/", views.public, name="public"),
]
