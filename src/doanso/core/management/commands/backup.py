"""`doanso backup [FILE]`: a consistent copy of the whole database, taken while the platform runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from doanso.core import backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu (SQLite: backup API; PostgreSQL: pg_dump định dạng custom)"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Tệp đích (mặc định: var/backups/doanso-<thời điểm>)")

    def handle(self, *args, file=None, **opts):
        if file:
            dest = Path(file)
        else:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            dest = Path(settings.VAR_DIR) / "backups" / f"doanso-{stamp}{backup.default_suffix()}"
        try:
            written = backup.backup(dest)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(written))
        self.stderr.write(
            "Tệp sao lưu chứa dữ liệu cá nhân: giữ kín; cần cùng DOANSO_DATA_KEY để đọc lại số CCCD."
        )
