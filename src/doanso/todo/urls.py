from django.urls import path

from doanso.todo import views

app_name = "todo"
urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("transfer/", views.ask_transfer, name="ask_transfer"),
]
