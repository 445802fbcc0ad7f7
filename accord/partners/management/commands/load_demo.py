"""`accord load_demo`: load the demonstration data set (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from accord.partners import demo
from accord.partners.demo_specs import DEFAULT_SEED


class Command(BaseCommand):
    help = "Load a realistic demonstration data set (idempotent: a second run creates nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Seed of the generated data."
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="At most this many organisations per source."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Archive every demonstration organisation (nothing is deleted); load again "
            "to restore them.",
        )

    def handle(self, *args, seed, limit, reset, **options):
        if limit is not None and limit < 0:
            raise CommandError("--limit must be zero or more.")
        if reset:
            count = demo.archive_demo()
            self.stdout.write(f"Archived {count} demonstration organisations.")
            return
        try:
            summary = demo.load_demo(seed=seed, limit=limit)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Demonstration data (is_demo):")
        for line in summary.lines():
            self.stdout.write("  " + line)
