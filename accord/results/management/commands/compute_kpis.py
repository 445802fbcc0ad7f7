"""accord compute_kpis [--period P]: compute the partnership KPIs from Accord's records and
store them as approved values (idempotent)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accord.results.compute import compute_kpis
from accord.results.periods import spec


class Command(BaseCommand):
    help = "Compute the partnership KPIs for a period (default: the current year)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            default="",
            help="A year (2025) or a quarter (2025-Q2); default the current year.",
        )

    def handle(self, *args, period: str = "", **options):
        try:
            code = spec(period)["code"] if period.strip() else None
        except ValidationError as exc:
            raise CommandError(f"--period: {exc.message_dict['period'][0]}") from None
        report = compute_kpis(code)
        self.stdout.write(
            f"KPIs for {report.period}: {len(report.indicators)} indicators, "
            f"{report.created} values created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.removed} removed, "
            f"{report.targets} target(s) kept in step with the funding targets."
        )
