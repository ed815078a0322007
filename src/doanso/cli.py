"""The `doanso` console command: Django management with our settings preselected."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanso.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A refused setting (doanso.core.envconfig) is the operator's to fix: one line, no traceback.
        sys.exit(f"doanso: refusing to start: {exc}")


if __name__ == "__main__":
    main()
