"""Role-model values, self-assessment, nominations and honours (issue 16)."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.exemplars"
    label = "exemplars"
    verbose_name = "Hình mẫu thanh niên"

    def ready(self) -> None:
        from doanso.exemplars import indicators, work  # noqa: F401  registers indicators and the todo provider
