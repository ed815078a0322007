from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.dashboard"
    label = "dashboard"
