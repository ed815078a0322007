from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.planimport"
    label = "planimport"
