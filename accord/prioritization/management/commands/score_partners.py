"""`accord score_partners [--model VERSION] [--as-of YYYY-MM-DD] [--with-network]`: score every
organisation now (with the active version unless another is named) and print the counts and the
time taken; `--with-network` also recomputes the partnership network's centrality and
communities (accord refresh_network: minutes at full scale, so not by default)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from accord.prioritization import scoring
from accord.prioritization.models import ModelStatus, ScoringModel


class Command(BaseCommand):
    help = "Recompute the prioritisation scores of every organisation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--model",
            type=str,
            default=None,
            metavar="VERSION",
            help="The version number of the scoring model (default: the active one).",
        )
        parser.add_argument(
            "--as-of",
            type=str,
            default=None,
            metavar="YYYY-MM-DD",
            help="The day recency is measured from (default: today).",
        )
        parser.add_argument(
            "--with-network",
            action="store_true",
            help="Also recompute the partnership network (centrality and communities).",
        )

    def handle(self, *args, model=None, as_of=None, with_network=False, **options):
        version = self._model(model)
        day = self._day(as_of)
        run = scoring.score_partners(model=version, as_of=day)
        seconds = (run.duration_ms or 0) / 1000
        self.stdout.write(
            f"Scored {run.scored:,} organisations with {version} as of {run.as_of:%Y-%m-%d} "
            f"in {seconds:.1f} s (run {run.pk})."
        )
        ups = run.scores.filter(previous_total__isnull=False)
        self.stdout.write(f"  with a previous score: {ups.count():,}")
        self.stdout.write(f"  new since the previous run: {run.scored - ups.count():,}")
        if with_network:
            from accord.prioritization.matchmaking.network_services import refresh_network

            network = refresh_network()
            self.stdout.write(f"Partnership network recomputed: {network}.")

    def _model(self, value) -> ScoringModel:
        if value is None:
            found = ScoringModel.objects.filter(status=ModelStatus.ACTIVE).first()
            if found is None:
                raise CommandError(
                    "No scoring model is active: activate a version or pass --model VERSION."
                )
            return found
        try:
            number = int(value)
        except ValueError:
            raise CommandError(f"--model: “{value}” is not a version number (e.g. 2).") from None
        found = ScoringModel.objects.filter(number=number).first()
        if found is None:
            known = ", ".join(str(n) for n in ScoringModel.objects.values_list("number", flat=True))
            raise CommandError(f"--model: there is no version {number} (versions: {known}).")
        return found

    def _day(self, value) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--as-of: “{value}” is not a date as YYYY-MM-DD.") from None
