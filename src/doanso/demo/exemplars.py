"""The 12 role-model values, put back when a database lost them (a test's flush empties every table,
data migrations included). Run by demo.seed's _apps; the migration stays the one list of values."""

import importlib

from django.apps import apps

from doanso.exemplars.models import Value


def step(ctx) -> None:
    if Value.objects.exists():
        return
    migration = importlib.import_module("doanso.exemplars.migrations.0002_values_and_indicators")
    migration.load(apps, None)
