"""Lessons, courses, quizzes and online contests (issue 15)."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.learning"
    label = "learning"
    verbose_name = "Học tập"

    def ready(self) -> None:
        from doanso.learning import indicators, work  # noqa: F401  computed indicators, todo provider
