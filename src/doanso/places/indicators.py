"""The computed indicator of this app: red addresses whose QR plaque was put up in the period.

Registered with `core.computed` when the app is ready; the catalogue row is added by this app's
migration 0002 (and by the demo step, for a flushed test database)."""

from doanso.core.calendar.periods import Period
from doanso.core.computed import Value, computed
from doanso.places.models import Place

CODE = "DIA_CHI_DO_QR"
NAME = "Địa chỉ đỏ, di tích lịch sử, công trình thanh niên được gắn biển QR Code"


@computed(CODE)
def plaques(unit, period: Period) -> Value:
    """One indexed count over the subtree: places whose plaque_on falls in the period."""
    lo, hi = unit.subtree_range
    n = Place.objects.filter(
        unit__path__gte=lo, unit__path__lt=hi, plaque_on__gte=period.start, plaque_on__lte=period.end
    ).count()
    return Value(n)
