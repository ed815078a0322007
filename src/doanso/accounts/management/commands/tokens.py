"""`doanso tokens list|revoke …`: an operator's view of API tokens (issue 12, finding 6)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from doanso.accounts import tokens
from doanso.accounts.backends import resolve_identifier
from doanso.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Mã truy cập API: list (liệt kê mã còn hiệu lực), revoke (thu hồi)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        lst = sub.add_parser("list", help="Liệt kê mã còn hiệu lực của một tài khoản")
        lst.add_argument("username", help="Tên đăng nhập, e-mail hoặc số điện thoại")
        rev = sub.add_parser("revoke", help="Thu hồi mã của một tài khoản")
        rev.add_argument("username", help="Tên đăng nhập, e-mail hoặc số điện thoại")
        which = rev.add_mutually_exclusive_group(required=True)
        which.add_argument("--prefix", help="8 ký tự đầu của mã (xem `tokens list`)")
        which.add_argument("--all", action="store_true", help="Thu hồi mọi mã và mọi phiên đăng nhập web")

    def handle(self, *args, subcommand: str, username: str, **opts):
        user = resolve_identifier(username)
        if user is None:
            raise CommandError(f"Không tìm thấy tài khoản “{username}”.")
        if subcommand == "list":
            rows = tokens.live(user)
            for r in rows:
                used = (
                    timezone.localtime(r.last_used_at).strftime("%d/%m/%Y %H:%M") if r.last_used_at else "—"
                )
                self.stdout.write(
                    f"{r.prefix}…  tạo {timezone.localtime(r.created_at):%d/%m/%Y}  "
                    f"hết hạn {timezone.localtime(r.expires_at):%d/%m/%Y}  dùng lần cuối {used}"
                )
            self.stdout.write(f"{len(rows)} mã còn hiệu lực của {user.username}.")
            return
        if opts["all"]:
            n = tokens.revoke_all(None, user, "console")
            s = tokens.end_sessions(None, user)
            self.stdout.write(f"Đã thu hồi {n} mã và kết thúc {s} phiên đăng nhập của {user.username}.")
            return
        rows = list(ApiToken.objects.filter(user=user, prefix=opts["prefix"], revoked_at__isnull=True))
        if len(rows) != 1:
            raise CommandError(f"Không có đúng một mã còn hiệu lực bắt đầu bằng “{opts['prefix']}”.")
        tokens.revoke(None, rows[0], "console")
        self.stdout.write(f"Đã thu hồi mã {rows[0].prefix}… của {user.username}.")
