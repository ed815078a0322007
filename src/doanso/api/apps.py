from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.api"
    label = "api"
