"""The catalogue row of the plaque indicator, for the demo step (a flushed test database loses the
data migration's row; migration 0002 adds it on a real database)."""


def ensure_row() -> None:
    from doanso.places.indicators import CODE, NAME
    from doanso.plans.models import Indicator

    Indicator.objects.get_or_create(
        code=CODE,
        defaults={"name": NAME, "unit_of_measure": "địa chỉ", "aggregation": "sum", "source": "computed"},
    )
