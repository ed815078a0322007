from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.members"
    label = "members"
