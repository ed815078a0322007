"""`doanso accounts prune-sessions`: housekeeping of account records (run by the scheduler)."""

from django.core.management.base import BaseCommand

from doanso.accounts import tokens


class Command(BaseCommand):
    help = "Tài khoản: prune-sessions (xoá bản ghi phiên đăng nhập đã hết hạn)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser(
            "prune-sessions",
            help="Xoá bản ghi phiên đăng nhập web (địa chỉ IP, trình duyệt) của các phiên đã hết hạn",
        )

    def handle(self, *args, subcommand: str, **opts):
        n = tokens.prune_sessions()
        self.stdout.write(f"Đã xoá {n} bản ghi phiên đăng nhập đã hết hạn.")
