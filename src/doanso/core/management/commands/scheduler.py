"""`doanso scheduler`: the periodic commands of a deployment (reports remind/sync, clean-ups)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from doanso.core import scheduler


class Command(BaseCommand):
    help = "Chạy các lệnh định kỳ (nhắc báo cáo, đồng bộ, dọn dẹp) theo lịch SCHEDULED_COMMANDS"

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="In lịch rồi thoát")
        parser.add_argument("--run-now", action="store_true", help="Chạy mọi lệnh một lần ngay rồi thoát")

    def handle(self, *args, **opts):
        try:
            jobs = scheduler.parse(settings.SCHEDULED_COMMANDS)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if opts["list"]:
            for cron, job_args in jobs:
                self.stdout.write(f"{cron:<16} doanso {' '.join(job_args)}")
            return
        if opts["run_now"]:
            failed = [" ".join(a) for _, a in jobs if not scheduler.run_job(a)]
            if failed:
                raise CommandError("Lệnh lỗi: " + ", ".join(failed))
            return
        scheduler.serve(settings.SCHEDULED_COMMANDS, settings.TIME_ZONE)
