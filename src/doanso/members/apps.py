from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.members"
    label = "members"

    def ready(self) -> None:
        from doanso.members import indicators  # noqa: F401  registers the computed member indicators
