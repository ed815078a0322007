"""WSGI entry point (gunicorn `doanso.wsgi:application`, loaded once in the master with --preload).

A refused setting stops the server with one line naming it, before any worker is forked. Bearer-token
API calls take a handler without the browser-only middleware (doanso.core.handlers).
"""

import os
import sys

import django
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
try:
    django.setup(set_prefix=False)
    from doanso.core.handlers import Application

    application = Application()
except ImproperlyConfigured as exc:
    sys.stderr.write(f"doanso: refusing to start: {exc}\n")
    sys.exit(3)
