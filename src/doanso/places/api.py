"""What other apps may import from `places` (OEP-49): the map layer registry and its data."""

from doanso.places.layers import BBox, Point, names, points, register, unregister

__all__ = ["BBox", "Point", "names", "points", "register", "unregister"]
