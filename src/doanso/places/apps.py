"""Red addresses (historic sites), QR plaques and the maps (issue 14)."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.places"
    label = "places"
    verbose_name = "Địa chỉ đỏ"

    def ready(self) -> None:
        from doanso.places import indicators, layers, map_layer  # noqa: F401 - registers the indicator

        layers.register("places", map_layer.provider)
