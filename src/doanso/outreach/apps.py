from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.outreach"
    label = "outreach"
    verbose_name = "Truyền thông"
