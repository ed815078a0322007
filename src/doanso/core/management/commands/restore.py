"""`doanso restore FILE`: replaces every row of the database by a backup's (stop the stack first)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doanso.core import backup


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu từ tệp sao lưu (thay toàn bộ dữ liệu hiện có)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp sao lưu do `doanso backup` tạo")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, file: str, interactive: bool = True, **opts):
        if interactive:
            answer = input(
                "Mọi dữ liệu hiện có sẽ bị thay bằng dữ liệu trong tệp sao lưu. Gõ 'yes' để tiếp tục: "
            )
            if answer.strip() != "yes":
                raise CommandError("Đã huỷ: không khôi phục.")
        try:
            backup.restore(Path(file))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đã khôi phục từ {file}.")
