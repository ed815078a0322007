from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.exemplars"
    label = "exemplars"
    verbose_name = "Hình mẫu thanh niên"
