from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.learning"
    label = "learning"
    verbose_name = "Học tập"
