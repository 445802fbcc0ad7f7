"""`accord load_demo`: load the demonstration data set (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from accord.partners import demo, demo_export
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
        parser.add_argument(
            "--export-sample",
            metavar="PATH",
            help="Only write a demonstration spreadsheet to import (CSV, or XLSX when PATH ends "
            "in .xlsx): new partners, near-duplicates of demo ones and invalid rows.",
        )

    def handle(self, *args, seed, limit, reset, **options):
        if options.get("export_sample"):
            return self._export_sample(options["export_sample"])
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
        for title, load in _other_parts(seed):
            self.stdout.write(f"{title} (is_demo):")
            for kind, count in load().items():
                self.stdout.write(f"  {kind:<24} {count:>6}")

    def _export_sample(self, path: str) -> None:
        try:
            count = demo_export.export_sample(path)
        except OSError as exc:
            raise CommandError(f"{path}: cannot be written ({exc.strerror}).") from exc
        self.stdout.write(
            f"Wrote {count} rows to {path}. Import it with `accord import_partners {path}` "
            "or on the Partners › Import page (load the demo data first to see the matches)."
        )


def _other_parts(seed: int) -> list:
    """The other apps' demonstration data, in the order they build on each other: engagements
    with the demo partners; the sanctions list, screening and due-diligence reviews; exchange
    rates, then the pipeline, then pledges and contributions from the won opportunities;
    agreements with the partners that due diligence clears."""
    from dataclasses import asdict

    from accord.agreements.demo import load_demo_agreements
    from accord.diligence.demo import load_demo_diligence
    from accord.engagement.demo import load_engagement_demo
    from accord.funding.demo_money import load_demo_money
    from accord.funding.demo_pipeline import load_demo_opportunities, load_demo_rates
    from accord.knowledge.demo import load_demo_knowledge
    from accord.portal.calls.demo import load_demo_calls
    from accord.portal.demo import load_demo_portal
    from accord.prioritization.demo import load_demo_scores
    from accord.prioritization.matchmaking.demo import load_matchmaking_demo
    from accord.results.demo import load_demo_results

    def funding() -> dict:
        counts = {"exchange rates": load_demo_rates()}
        counts["opportunities"] = load_demo_opportunities(seed=seed)
        money = load_demo_money(seed)
        return {**counts, **money.created, "skipped (no rate)": money.skipped}

    def diligence() -> dict:
        loaded = load_demo_diligence()
        counts = {"sanctions list loaded": int(loaded.list_loaded)}
        counts |= {"look-alike partners": loaded.partners, "reviews": loaded.reviews}
        return counts | {f"hits {kind}": n for kind, n in sorted(loaded.hits.items())}

    return [
        (
            "Engagement demonstration data",
            lambda: dict(sorted(load_engagement_demo(seed=seed).items())),
        ),
        ("Due-diligence demonstration data", diligence),
        ("Funding demonstration data", funding),
        ("Agreements demonstration data", lambda: asdict(load_demo_agreements(seed))),
        ("Knowledge demonstration data", load_demo_knowledge),
        ("Stakeholder portal demonstration data", load_demo_portal),
        ("Calls for proposals demonstration data", load_demo_calls),
        ("Results demonstration data", lambda: load_demo_results(seed)),
        # Scores read engagements, funding, agreements and due diligence loaded above.
        ("Prioritisation scores", load_demo_scores),
        # Last: the network is computed from everything loaded before it.
        ("Matchmaking demonstration data", load_matchmaking_demo),
    ]
