from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.core"
    label = "core"

    def ready(self) -> None:
        from doanso.core import checks  # noqa: F401  (registers the system checks)
