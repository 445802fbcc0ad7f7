"""`accord refresh_network [--samples N] [--seed S] [--top N]`: rebuild the partnership network
from the registry, store every partner's degree, betweenness and community, and print the most
central partners."""

from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand

from accord.prioritization.matchmaking.models import NetworkPosition
from accord.prioritization.matchmaking.network import SAMPLES, SEED
from accord.prioritization.matchmaking.network_services import refresh_network


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a whole number.") from None
    if number < 1:
        raise ArgumentTypeError(f"{value!r} must be 1 or more.")
    return number


class Command(BaseCommand):
    help = "Recompute the partnership network (degree, betweenness, communities) and store it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--samples",
            type=_positive,
            default=None,
            help="Pivots for sampled betweenness on networks over 2,000 partners (default: "
            f"as many as the network's size allows, {SAMPLES[0]} to {SAMPLES[1]}).",
        )
        parser.add_argument("--seed", type=int, default=SEED, help="Random seed (default 42).")
        parser.add_argument(
            "--top", type=_positive, default=10, help="How many central partners to print."
        )

    def handle(self, *args, samples, seed, top, **options):
        run = refresh_network(seed=seed, samples=samples)
        how = "exact"
        if run.betweenness_samples:
            how = f"sampled over {run.betweenness_samples} pivots"
        self.stdout.write(
            f"Network of {run.nodes} partners and {run.edges} ties, {run.communities} "
            f"communities; betweenness {how}; {run.seconds:.1f} s."
        )
        central = NetworkPosition.objects.select_related("organisation").order_by(
            "-betweenness", "-degree", "organisation_id"
        )
        for p in central[:top]:
            self.stdout.write(
                f"  {p.betweenness:.4f}  degree {p.degree:>5}  community {p.community:>4}  "
                f"{p.organisation}"
            )
