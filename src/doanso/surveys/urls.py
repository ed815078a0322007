"""Pages of the surveys app (mounted at /surveys/ by doanso.urls)."""

from django.urls import path

from doanso.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("s/<str:slug>/", views.public, name="public"),
    path("<int:survey_id>/", views.results, name="results"),
    path("<int:survey_id>/edit/", views.edit, name="edit"),
    path("<int:survey_id>/answer/", views.answer, name="answer"),
    path("<int:survey_id>/export.xlsx", views.export, name="export"),
]
