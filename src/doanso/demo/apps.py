from django.apps import AppConfig


class Config(AppConfig):
    """Seed data for demos and benchmarks (`doanso seed-demo`); no product module imports it."""

    name = "doanso.demo"
    label = "demo"
