"""WSGI entry point (gunicorn `doanso.wsgi:application`, loaded once in the master with --preload).

A refused setting stops the server with one line naming it, before any worker is forked.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
try:
    application = get_wsgi_application()
except ImproperlyConfigured as exc:
    sys.stderr.write(f"doanso: refusing to start: {exc}\n")
    sys.exit(3)
