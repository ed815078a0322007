from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.credentials"
    label = "credentials"
    verbose_name = "Chứng nhận"
