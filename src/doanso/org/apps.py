from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.org"
    label = "org"
