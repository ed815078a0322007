"""iCalendar feeds per unit and per member with secret URLs (issue 14)."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.agenda"
    label = "agenda"
    verbose_name = "Lịch"

    def ready(self) -> None:
        from doanso.agenda import deadlines, sources

        sources.register("reports", deadlines.source)
