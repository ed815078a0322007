from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.ideas"
    label = "ideas"
    verbose_name = "Ý tưởng, sáng kiến"
