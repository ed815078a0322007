"""`doanso users …`: create accounts, grant roles and list accounts from the console."""

from django.core.management.base import BaseCommand, CommandError

from doanso.accounts import services
from doanso.accounts.models import RoleKind
from doanso.core.errors import UserError
from doanso.org.models import Unit

ROLES = [str(r) for r in RoleKind.values]


class Command(BaseCommand):
    help = "Tài khoản: create (tạo tài khoản), grant (cấp vai trò), revoke (thu hồi), list (liệt kê)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="Tạo tài khoản cho một đơn vị")
        create.add_argument("username")
        create.add_argument("--unit", required=True, help="Mã đơn vị")
        create.add_argument("--role", required=True, choices=ROLES, help="admin | staff | member")
        create.add_argument("--name", default="", help="Họ và tên")
        create.add_argument("--email", default="")
        create.add_argument("--phone", default="")
        create.add_argument("--password", default=None, help="Bỏ trống để sinh mật khẩu ngẫu nhiên")
        for name, text in (
            ("grant", "Cấp vai trò tại một đơn vị"),
            ("revoke", "Thu hồi vai trò tại một đơn vị"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("username", help="Tên đăng nhập, e-mail hoặc số điện thoại")
            p.add_argument("--unit", required=True, help="Mã đơn vị")
            p.add_argument("--role", required=True, choices=ROLES)
        lst = sub.add_parser(
            "list", help="Liệt kê tài khoản có vai trò trong một đơn vị và các đơn vị trực thuộc"
        )
        lst.add_argument("--unit", required=True, help="Mã đơn vị")

    def _unit(self, code: str) -> Unit:
        try:
            return Unit.objects.get(code=code)
        except Unit.DoesNotExist:
            raise CommandError(f"Không tìm thấy đơn vị “{code}”.") from None

    def handle(self, *args, subcommand: str, **opts):
        unit = self._unit(opts["unit"])
        try:
            getattr(self, f"_{subcommand}")(unit, opts)
        except UserError as exc:
            raise CommandError(exc.message) from None

    def _create(self, unit: Unit, opts: dict) -> None:
        user = services.create_user(
            None,
            unit,
            opts["username"],
            role=opts["role"],
            full_name=opts["name"],
            email=opts["email"],
            phone=opts["phone"],
            password=opts["password"],
        )
        self.stdout.write(
            f"Đã tạo tài khoản “{user.username}” ({services.ROLE_LABELS[opts['role']]} "
            f"tại {unit.name}, mã {unit.code})."
        )
        if user.generated_password:
            self.stdout.write(
                f"Mật khẩu: {user.generated_password}  (chỉ hiện một lần, hãy đổi sau khi đăng nhập)"
            )

    def _grant(self, unit: Unit, opts: dict) -> None:
        user = services.managed_user(None, opts["username"])
        services.grant_role(None, user, unit, opts["role"])
        self.stdout.write(
            f"Đã cấp vai trò {services.ROLE_LABELS[opts['role']]} tại {unit.name} cho “{user.username}”."
        )

    def _revoke(self, unit: Unit, opts: dict) -> None:
        user = services.managed_user(None, opts["username"])
        role = user.roles.filter(unit=unit, role=opts["role"]).select_related("unit", "user").first()
        if role is None:
            raise CommandError(
                f"“{user.username}” không có vai trò {services.ROLE_LABELS[opts['role']]} tại {unit.name}."
            )
        services.revoke_role(None, role)
        self.stdout.write(
            f"Đã thu hồi vai trò {services.ROLE_LABELS[opts['role']]} tại {unit.name} của “{user.username}”."
        )

    def _list(self, unit: Unit, opts: dict) -> None:
        n = 0
        for r in services.roles_in(None, unit).iterator(chunk_size=2000):
            u = r.user
            contact = " ".join(x for x in (u.email, u.phone or "") if x)
            self.stdout.write(f"{u.username}\t{r.role}\t{r.unit.code}\t{u.get_full_name()}\t{contact}")
            n += 1
        self.stdout.write(f"Tổng cộng: {n} vai trò.")
