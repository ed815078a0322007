from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.places"
    label = "places"
    verbose_name = "Địa chỉ đỏ"
