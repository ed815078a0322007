"""Demo step of the activities app: the catalogue rows its migration writes, restored after a flush
(`plans.catalogue.ensure_indicators` refills indicators as manual)."""

import importlib


def step(ctx) -> None:
    from django.apps import apps

    importlib.import_module("doanso.activities.migrations.0002_catalogue").forward(apps, None)
