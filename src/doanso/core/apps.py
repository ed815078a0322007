from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.core"
    label = "core"
