from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.activities"
    label = "activities"
    verbose_name = "Hoạt động"
