from django.core.management.base import BaseCommand, CommandError

from doanso.core.errors import ImportFailed, UserError
from doanso.org.importing import export_units, import_units
from doanso.org.models import Unit


class Command(BaseCommand):
    help = "Đơn vị: import (nhập từ CSV/XLSX), export (xuất ra CSV/XLSX)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="Nhập đơn vị từ tệp CSV/XLSX (tất cả hoặc không gì cả)")
        imp.add_argument("file")
        imp.add_argument("--unit", help="Phạm vi: mọi đơn vị cấp trên phải thuộc đơn vị này")
        exp = sub.add_parser("export", help="Xuất cây đơn vị ra CSV/XLSX")
        exp.add_argument("--unit", default=None, help="Mã đơn vị gốc (mặc định: gốc của cây)")
        exp.add_argument("-o", "--output", required=True)
        exp.add_argument("--all", action="store_true", help="Kể cả đơn vị đã giải thể/sáp nhập")

    def _unit(self, code: str | None) -> Unit | None:
        if code is None:
            return None
        try:
            return Unit.objects.get(code=code)
        except Unit.DoesNotExist:
            raise CommandError(f"Không tìm thấy đơn vị “{code}”.") from None

    def handle(self, *args, subcommand, **opts):
        try:
            if subcommand == "import":
                created = import_units(opts["file"], scope=self._unit(opts["unit"]))
                self.stdout.write(f"Đã nhập {len(created)} đơn vị.")
            else:
                root = (
                    self._unit(opts["unit"])
                    or Unit.objects.filter(parent__isnull=True).order_by("path").first()
                )
                if root is None:
                    raise CommandError("Chưa có đơn vị nào.")
                n = export_units(opts["output"], root, include_dissolved=opts["all"])
                self.stdout.write(f"Đã xuất {n} đơn vị ra {opts['output']}.")
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
        except UserError as exc:
            raise CommandError(exc.message) from None
