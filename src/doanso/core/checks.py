"""System checks (`doanso check`): the development data key is never used without a word.

With DOANSO_DEBUG=false settings.py refuses the public keys outright; in development they are
allowed, and this check says so on every `migrate`, `runserver` and `check`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

from doanso.core.envconfig import DEV_DATA_KEY, DEV_SECRET_KEY


@register(Tags.security)
def dev_keys(app_configs, **kwargs) -> list[Warning]:
    found = []
    if settings.DATA_KEY == DEV_DATA_KEY:
        found.append(
            Warning(
                "DOANSO_DATA_KEY is not set: personal data (CCCD) is encrypted with the public dev key.",
                hint="Set DOANSO_DATA_KEY (docs/settings.md); production refuses to start without it.",
                id="doanso.W001",
            )
        )
    if settings.SECRET_KEY == DEV_SECRET_KEY:
        found.append(
            Warning(
                "DOANSO_SECRET_KEY is not set: sessions are signed with the public development key.",
                hint="Set DOANSO_SECRET_KEY (docs/settings.md); production refuses to start without it.",
                id="doanso.W002",
            )
        )
    return found
