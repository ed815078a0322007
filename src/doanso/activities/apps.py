"""Activities, registration, check-in, outputs, branch meetings (issue 14)."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.activities"
    label = "activities"
    verbose_name = "Hoạt động"

    def ready(self) -> None:
        from doanso.activities import (
            feeds,
            indicators,  # noqa: F401  registers the computed indicators
            records,  # noqa: F401  registers the records behind them (reports link to them)
        )
        from doanso.activities.todo import provider
        from doanso.todo.registry import register

        register("activities", provider)
        feeds.install()
