from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.surveys"
    label = "surveys"
    verbose_name = "Khảo sát"
