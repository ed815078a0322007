"""Pages of the agenda app (mounted at /agenda/ by doanso.urls)."""

from django.urls import path

from doanso.agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.index, name="index"),
    path("me/", views.my_calendar, name="me"),
    path("units/<str:code>/", views.unit_calendar, name="unit"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
