from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.web"
    label = "web"
