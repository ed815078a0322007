"""The 12 role-model values, put back when a database lost them (a test's flush empties every table,
data migrations included). Run by demo.seed's _apps; the migration stays the one list of values."""

import importlib

from django.apps import apps

from doanso.exemplars.models import Value
from doanso.plans.models import Indicator


def step(ctx) -> None:
    migration = importlib.import_module("doanso.exemplars.migrations.0002_values_and_indicators")
    if Value.objects.exists() and Indicator.objects.filter(code=migration.ROWS[0][0]).exists():
        return
    migration.load(apps, None)
