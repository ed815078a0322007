"""Splitting a target among sub-units (pure): largest-remainder rounding keeps the total."""

from decimal import ROUND_FLOOR, Decimal


def proportional(total: Decimal | int, weights: dict, places: int = 0) -> dict:
    """Split `total` in proportion to `weights` so the parts, rounded to `places`, add up to it.

    Hamilton's method: floor every share, then give the remaining units to the largest
    remainders (ties broken by key order, so the result is deterministic).
    """
    total = Decimal(total)
    step = Decimal(1).scaleb(-places)
    keys = sorted(weights)
    wsum = sum(Decimal(max(weights[k], 0)) for k in keys)
    if not keys:
        return {}
    if wsum == 0:
        weights = {k: 1 for k in keys}
        wsum = Decimal(len(keys))
    exact = {k: total * Decimal(max(weights[k], 0)) / wsum for k in keys}
    floor = {k: (exact[k] / step).to_integral_value(ROUND_FLOOR) * step for k in keys}
    left = int(((total - sum(floor.values())) / step).to_integral_value())
    order = sorted(keys, key=lambda k: (-(exact[k] - floor[k]), keys.index(k)))
    for k in order[:left]:
        floor[k] += step
    return floor
