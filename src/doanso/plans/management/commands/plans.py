"""`doanso plans …`: plan-related operator commands, one subcommand per job."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Kế hoạch: extract (đọc văn bản kế hoạch), export (xuất văn bản)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        extract = sub.add_parser("extract", help="Đọc một văn bản kế hoạch và in bản nháp có cấu trúc")
        extract.add_argument("file")
        extract.add_argument("--json", action="store_true", help="In JSON (mặc định)")
        export = sub.add_parser("export", help="Xuất kế hoạch ra .docx hoặc .pdf")
        export.add_argument("plan_id", type=int)
        export.add_argument("--format", choices=["docx", "pdf"], default="docx")
        export.add_argument("-o", "--output", required=True)

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "extract":
            from doanso.planimport.cli import run_extract

            code = run_extract(options["file"], self.stdout, self.stderr)
        else:
            try:
                from doanso.plans.cli import run_export
            except ImportError as exc:  # the plans module lands in its own issue
                raise CommandError("Chức năng xuất kế hoạch chưa có.") from exc
            code = run_export(
                options["plan_id"], options["format"], options["output"], self.stdout, self.stderr
            )
        if code:
            raise SystemExit(code)
