"""The computed indicator "red addresses given a QR plaque" and its catalogue row's migration."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps

from doanso.core.calendar.periods import Period
from doanso.core.computed import compute
from doanso.places.indicators import CODE
from doanso.plans.models import Indicator

pytestmark = pytest.mark.django_db


def test_counts_plaques_of_the_subtree_in_the_period(place, unit):
    from doanso.org.models import Unit

    ward = Unit.objects.filter(parent=unit("HN")).order_by("path").first()
    before = compute(CODE, unit("HN"), Period.year(2025)).value
    place(ward.code, plaque_on=dt.date(2025, 5, 1))
    place("HN", plaque_on=dt.date(2025, 12, 31))
    place("HN", plaque_on=dt.date(2024, 12, 31))
    place("HN", plaque_on=None)
    place("HCM", plaque_on=dt.date(2025, 6, 1))
    assert compute(CODE, unit("HN"), Period.year(2025)).value == before + 2
    assert compute(CODE, ward, Period.year(2025)).value == 1
    assert compute(CODE, ward, Period.month(2025, 6)).value == 0


def test_catalogue_row_is_computed():
    row = Indicator.objects.get(code=CODE)
    assert (row.source, row.aggregation) == ("computed", "sum")


def test_migration_reverses():
    mig = importlib.import_module("doanso.places.migrations.0002_plaque_indicator")
    mig.backwards(django_apps, None)
    assert not Indicator.objects.filter(code=CODE).exists()
    mig.forwards(django_apps, None)
    assert Indicator.objects.get(code=CODE).source == "computed"
