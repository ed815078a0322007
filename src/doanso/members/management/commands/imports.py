"""`doanso imports reap|cleanup|resume` — housekeeping of member imports, run by the scheduler
(reap every few minutes, cleanup hourly) and by operators."""

from django.core.management.base import BaseCommand, CommandError

from doanso.core.errors import ImportFailed, UserError
from doanso.members.importing import files
from doanso.members.models import ImportStatus, MemberImport


class Command(BaseCommand):
    help = "Việc nhập đoàn viên: dọn việc nhập bị treo, xóa tệp đã hết hạn lưu, nhập tiếp từ điểm dừng."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("reap", help="đánh dấu thất bại các việc nhập treo quá DOANSO_IMPORT_STALE_MINUTES")
        sub.add_parser("cleanup", help="xóa tệp tải lên và tệp lỗi quá DOANSO_UPLOAD_RETENTION_HOURS")
        res = sub.add_parser("resume", help="nhập tiếp một việc nhập bị dừng, từ dòng cuối đã ghi")
        res.add_argument("import_id", type=int)

    def handle(self, *args, action, **opts):
        return getattr(self, f"do_{action}")(**opts)

    def do_reap(self, **_):
        ids = files.reap_stale()
        self.stdout.write(f"Đã đánh dấu thất bại {len(ids)} việc nhập bị treo.")

    def do_cleanup(self, **_):
        n = files.cleanup()
        self.stdout.write(f"Đã xóa {n} tệp hết hạn lưu.")

    def do_resume(self, import_id, **_):
        from doanso.members.tasks import run_import

        rec = MemberImport.objects.filter(pk=import_id).first()
        if rec is None:
            raise CommandError(f"Không có việc nhập số {import_id}.")
        if rec.status not in (ImportStatus.PENDING, ImportStatus.RUNNING):
            raise CommandError(f"Việc nhập số {import_id} đã kết thúc ({rec.get_status_display()}).")
        try:
            run_import.call(import_id)
        except (ImportFailed, UserError) as exc:  # pragma: no cover - run_import records these
            raise CommandError(str(exc)) from None
        rec.refresh_from_db()
        self.stdout.write(f"{rec.get_status_display()}: {rec.message.splitlines()[0] if rec.message else ''}")
