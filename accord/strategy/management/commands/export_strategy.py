import json

from django.core.management.base import BaseCommand, CommandError

from accord.strategy.selectors import strategy_document, strategy_get


class Command(BaseCommand):
    help = "Print the loaded partnership strategy as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--code", help="Strategy code (default: the current strategy).")

    def handle(self, *args, code=None, **options):
        strategy = strategy_get(code=code)
        if strategy is None:
            raise CommandError(
                f"No partnership strategy with code {code!r}." if code
                else "No partnership strategy is loaded: run `accord migrate` first."
            )
        self.stdout.write(json.dumps(strategy_document(strategy=strategy), indent=2,
                                     ensure_ascii=False))
