"""The registry of map layers: each app that has things with a position adds one provider.

    from doanso.places import layers
    layers.register("activities", provider)

A provider is `provider(user, bbox, filters) -> list[Point]`:

- `user` is the request's user, possibly anonymous. An anonymous user (the public map) must get
  only what is public; a signed-in user gets what `accounts.scoping.scope_for(user)` covers (and
  what is public only when `filters["public"]` is true). A provider never returns a row outside that.
- `bbox` is `None` or a `BBox` (south, west, north, east in degrees); only points inside it count.
- `filters` is a dict of plain values: `public` (bool: the public map), `unit` (a `Unit` the staff
  map is narrowed to: its subtree only), `upcoming` (bool: only things from today on).
- It reads in a bounded number of queries (one or two), whatever the number of rows, and returns
  at most `LIMIT` points (the most relevant first).

A `Point` is plain data: `title`, `lat`, `lon` (floats, WGS 84), `url` (a page about it that the same
user may open), `kind` (a short code the map's legend and icon use, e.g. "dia_chi_do"), `date` (a
`datetime.date` or None: when it happens) and `layer` (the registry name; set by `points`).
Register from the app's `AppConfig.ready()`; `places` registers "places" (red addresses) itself."""

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

LIMIT = 2000


@dataclass(frozen=True)
class BBox:
    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


@dataclass(frozen=True)
class Point:
    title: str
    lat: float
    lon: float
    url: str
    kind: str
    date: dt.date | None = None
    layer: str = ""

    def as_dict(self) -> dict:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        return d


Provider = Callable[..., list[Point]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> Provider:
    """Add (or replace, by name) a layer."""
    _providers[name] = provider
    return provider


def unregister(name: str) -> None:
    _providers.pop(name, None)


def names() -> list[str]:
    return list(_providers)


def points(user, bbox: BBox | None = None, *, layers: list[str] | None = None, **filters) -> list[Point]:
    """Every registered layer's points for `user`, each tagged with its layer; at most LIMIT per layer.

    A point outside `bbox` is dropped even if a provider let it through."""
    out: list[Point] = []
    for name, provider in _providers.items():
        if layers is not None and name not in layers:
            continue
        got = provider(user, bbox, dict(filters))[:LIMIT]
        out.extend(replace(p, layer=name) for p in got if bbox is None or bbox.contains(p.lat, p.lon))
    return out


def parse_bbox(raw: str | None) -> BBox | None:
    """`south,west,north,east` (Leaflet's toBBoxString order is west,south,east,north — we take ours)."""
    if not raw:
        return None
    from django.utils.translation import gettext as _

    from doanso.core.errors import UserError

    try:
        s, w, n, e = (float(x) for x in raw.split(","))
    except ValueError:
        raise UserError(_("bbox: cần 4 số “nam,tây,bắc,đông”."), field="bbox") from None
    if not (-90 <= s <= n <= 90 and -180 <= w <= e <= 180):
        raise UserError(_("bbox: toạ độ ngoài giới hạn hoặc sai thứ tự."), field="bbox")
    return BBox(s, w, n, e)
