"""`doanso plans …`: plan-related operator commands, one subcommand per job."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from doanso.plans.cli import run_export


class Command(BaseCommand):
    help = "Kế hoạch: export (xuất văn bản); extract là tên cũ của `doanso planimport extract`"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        extract = sub.add_parser("extract", help="Tên cũ của `doanso planimport extract`")
        extract.add_argument("file")
        extract.add_argument("--json", action="store_true", help="In JSON (mặc định)")
        export = sub.add_parser("export", help="Xuất kế hoạch ra .docx hoặc .pdf")
        export.add_argument("plan_id", type=int)
        export.add_argument("--format", choices=["docx", "pdf"], default="docx")
        export.add_argument("-o", "--output", required=True)

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "extract":
            # Kept for scripts written before the reader had its own command. By name, not by import:
            # plans sits below planimport (docs/decisions/0007-layers.md).
            args = ["planimport", "extract", options["file"]] + (["--json"] if options["json"] else [])
            call_command(*args, stdout=self.stdout._out, stderr=self.stderr._out)
            return
        code = run_export(options["plan_id"], options["format"], options["output"], self.stdout, self.stderr)
        if code:
            raise SystemExit(code)
