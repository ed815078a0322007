from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.agenda"
    label = "agenda"
    verbose_name = "Lịch"
