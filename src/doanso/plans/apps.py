from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.plans"
    label = "plans"
