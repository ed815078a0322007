import io

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Photos go to a throw-away folder (Django's storage API, FileSystemStorage)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def image_bytes(fmt: str = "PNG", size=(40, 30)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format=fmt)
    return buf.getvalue()


@pytest.fixture
def place(db, unit):
    """make(code, **fields): a place looked after by that unit, through the service."""
    from doanso.places import services

    def make(code: str = "HN", **fields):
        data = {"name": "Di tích thử", "lat": 21.03, "lon": 105.85, "public": False, **fields}
        return services.create_place(None, unit(code), **data)

    return make
