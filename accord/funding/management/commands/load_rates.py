"""`accord load_rates FILE [--source S] [--dry-run]`: load monthly exchange rates from a CSV file
(columns currency, month, rate, optional source; any common delimiter and encoding). Bad rows
are listed with their row number, column and reason; the valid rows are applied in one
transaction. It fails (exit status 1) when
some rows were refused, after applying the valid ones."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accord.funding.rate_services import rates_import

SHOWN_ERRORS = 200


class Command(BaseCommand):
    help = "Load monthly exchange rates (units of currency per 1 USD) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV: currency, month (YYYY-MM or a date), rate, source")
        parser.add_argument(
            "--source", default="", help="The source of rows without a source column value."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")

    def handle(self, *args, file, source, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: cannot be read ({exc.strerror}).") from None
        report = rates_import(actor=None, data=data, source=source, dry_run=dry_run)
        for error in report.errors[:SHOWN_ERRORS]:
            self.stderr.write(str(error))
        if len(report.errors) > SHOWN_ERRORS:
            self.stderr.write(f"… and {len(report.errors) - SHOWN_ERRORS} more refused rows.")
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{report.created} rate(s) {verb} created, {report.updated} updated, "
            f"{report.unchanged} unchanged; {len(report.errors)} row(s) refused."
            + (" Dry run: nothing was written." if dry_run else "")
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} row(s) refused (listed above).")
