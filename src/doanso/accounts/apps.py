from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.accounts"
    label = "accounts"
