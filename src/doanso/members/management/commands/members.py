"""`doanso members import|template|export|recount` — the member registry's operator commands."""

import sys
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from doanso.core import bulk
from doanso.core.errors import ImportFailed, UserError
from doanso.members import counters
from doanso.members.importing.export import export_members
from doanso.members.importing.template import write_template
from doanso.members.importing.write import import_members
from doanso.org.models import Unit


def _unit(code: str) -> Unit:
    try:
        return Unit.objects.get(code=code)
    except Unit.DoesNotExist:
        raise CommandError(f"Không có đơn vị mã “{code}”.") from None


class Command(BaseCommand):
    help = "Sổ đoàn viên: nhập/xuất tệp, tệp mẫu, đếm lại thống kê."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Nhập đoàn viên từ tệp Excel (.xlsx, .xls, .ods) hoặc CSV")
        imp.add_argument("file")
        imp.add_argument("--unit", required=True, help="mã đơn vị: mọi “Mã chi đoàn” phải thuộc đơn vị này")
        imp.add_argument("--mode", choices=["all", "valid"], default="all")
        imp.add_argument("--errors", help="tệp XLSX ghi các dòng bị từ chối (cột “Lỗi”)")
        imp.add_argument("--sheet", help="tên trang tính (mặc định: trang đầu tiên có dòng tiêu đề)")
        imp.add_argument("--no-progress", action="store_true")
        imp.add_argument(
            "--workers",
            type=int,
            help="số tiến trình kiểm tra dữ liệu song song (mặc định: DOANSO_IMPORT_WORKERS cho tệp lớn)",
        )
        imp.add_argument(
            "--allow-schema-changes",
            action="store_true",
            help="nạp tệp rất lớn nhanh hơn: tạm bỏ chỉ mục và ràng buộc của bảng đoàn viên "
            "(khóa bảng trong lúc nạp; chỉ dùng khi không ai khác đang làm việc)",
        )
        tpl = sub.add_parser("template", help="Ghi tệp mẫu để nhập")
        tpl.add_argument("out")
        exp = sub.add_parser("export", help="Xuất đoàn viên của một đơn vị (ghi nhật ký)")
        exp.add_argument("--unit", required=True)
        exp.add_argument("-o", "--output", required=True)
        sub.add_parser("recount", help="Tính lại bộ đếm thống kê đoàn viên từ dữ liệu")

    def handle(self, *args, action, **opts):
        return getattr(self, f"do_{action}")(**opts)

    def do_import(
        self,
        file,
        unit,
        mode,
        errors,
        sheet=None,
        no_progress=False,
        allow_schema_changes=False,
        workers=None,
        **_,
    ):
        """The file is read once: its row count for the bar comes from the import itself. Dead
        imports are reaped first (as before each web import)."""
        from doanso.members.importing.files import reap_stale

        scope = _unit(unit)
        reap_stale()
        err = self.stderr
        shown = []

        def progress(res):
            total = res.total
            if no_progress or not total:
                return
            shown.append(True)
            pct = min(100, res.processed * 100 // total)
            bar = "#" * (pct // 4) + "." * (25 - pct // 4)
            err.write(f"\r[{bar}] {pct:3d}% {res.processed:,}/{total:,} dòng".replace(",", "."), ending="")
            err.flush()

        grant = bulk.schema_changes_allowed() if allow_schema_changes else nullcontext()
        try:
            with grant:
                res = import_members(
                    file,
                    scope,
                    None,
                    mode=mode,
                    errors_out=errors,
                    progress=progress,
                    sheet=sheet,
                    workers=workers,
                )
        except ImportFailed as exc:
            res = exc.result
            err.write("")
            for e in exc.errors[:200]:
                err.write(str(e))
            more = len(exc.errors) - 200
            if more > 0:
                err.write(f"… và {more} lỗi khác.")
            if errors:
                err.write(f"Các dòng lỗi đã ghi vào {errors}.")
            raise CommandError(
                f"Tệp có {res.rejected} dòng lỗi trên {res.processed} dòng; "
                "không nhập đoàn viên nào (chế độ all)."
            ) from None
        except UserError as exc:
            raise CommandError(exc.message) from None
        if shown:
            err.write("")
        for e in res.errors[:200]:
            err.write(str(e))
        self.stdout.write(res.summary)
        if res.rejected and errors:
            self.stdout.write(f"Các dòng bị từ chối và lý do: {errors}")
        if not res.imported:
            raise CommandError("Không nhập được đoàn viên nào: mọi dòng của tệp đều có lỗi.")
        return None

    def do_template(self, out, **_):
        write_template(out)
        self.stdout.write(f"Đã ghi tệp mẫu {out}.")

    def do_export(self, unit, output, **_):
        n = export_members(None, _unit(unit), output)
        self.stdout.write(f"Đã xuất {n} đoàn viên vào {output} (đã ghi nhật ký).")

    def do_recount(self, **_):
        counters.rebuild_all()
        counters.rebuild_events()
        self.stdout.write("Đã tính lại bộ đếm đoàn viên.")
        sys.stdout.flush()
