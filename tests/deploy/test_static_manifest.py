"""Production's static files: every file the manifest storage post-processes must resolve.

`make prod` runs collectstatic with a manifest storage (whitenoise compresses on top of Django's),
which fails on any reference it cannot find (a vendored script's source map, a CSS url()). This
runs it on every machine, not only in the PostgreSQL stack test.
"""

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_production_storage(tmp_path, settings):
    storages = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"places/leaflet/leaflet.js"' in manifest and '"web/app.js"' in manifest
