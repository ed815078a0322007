from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.reports"
    label = "reports"
