"""The engagements of the bench data set, generated after the partner registry
(bench/generate.py) by bench/run.py.

At scale factor 1: 2,000,000 engagements over the eight years up to the day of generation
(2 % planned in the six months ahead, 3 % cancelled), each with its partner links (1 partner for
three in four, up to 4; a long tail of partners engaged thousands of times, like the big funds
and city networks), strategy-line links (1-2 lines of the first partner's category for nine in
ten) and 1-2 outcomes; led from the first partner's region or from headquarters, in its country
most of the time. The links carry the engagement's date and status, as the services write them.
Deterministic for a given scale and day (the dates count back from the day of generation, so
"the last 12 months" always holds a year of data). No history entries: no page measured here
reads them."""

import random
import time
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from accord.engagement.models import (
    Engagement,
    EngagementKind,
    EngagementPartner,
    EngagementStatus,
    EngagementStrategyLine,
)
from accord.partners.models import Organisation
from accord.strategy.models import EngagementStrategy, Outcome
from bench.loading import Table, analyze, db_datetime, next_id, reset_sequences

ENGAGEMENT_GENERATOR_VERSION = 1
SEED = 20200415
ENGAGEMENTS_AT_1 = 2_000_000
CHUNK = 20_000
YEARS = 8
KINDS = list(EngagementKind.values)
KIND_WEIGHTS = [30, 8, 10, 6, 10, 8, 5, 3, 4, 6, 5, 3, 2]
PARTNER_COUNTS = (1, 2, 3, 4)
PARTNER_WEIGHTS = (75, 18, 5, 2)
TOPICS = [
    "urban planning",
    "housing finance",
    "SDG localisation",
    "climate resilience",
    "slum upgrading",
    "land tenure",
    "urban mobility",
    "waste management",
    "public space",
    "voluntary local review",
]
ENGAGEMENT_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "version",
    "kind",
    "status",
    "title",
    "summary",
    "start_date",
    "end_date",
    "lead_region_id",
    "office",
    "country_id",
    "flagship_id",
    "created_by_id",
    "is_demo",
)


def engagement_count(scale: float) -> int:
    return max(2_000, round(ENGAGEMENTS_AT_1 * scale))


class EngagementGenerator:
    def __init__(self, scale: float, *, out=print):
        self.rng = random.Random(SEED)
        self.n = engagement_count(scale)
        self.out = out
        self.today = timezone.localdate()
        orgs = list(
            Organisation.objects.filter(archived_at=None)
            .order_by("id")
            .values_list("id", "category_id", "region_id", "country_id")
        )
        if not orgs:
            raise RuntimeError("bench: generate the organisations first (bench.generate)")
        self.orgs = orgs
        # A long tail: the weight of the i-th partner (in a shuffled order) falls as 1/(i+1),
        # so a few partners have thousands of engagements and most have a handful.
        order = list(range(len(orgs)))
        self.rng.shuffle(order)
        self.weights = [0.0] * len(orgs)
        for rank, index in enumerate(order):
            self.weights[index] = 1.0 / (rank + 50)
        self.cumulative = list(_accumulate(self.weights))
        self.lines: dict[int, list[int]] = {}
        for line_id, category_id in EngagementStrategy.objects.order_by("id").values_list(
            "id", "category_id"
        ):
            self.lines.setdefault(category_id, []).append(line_id)
        self.outcomes = list(Outcome.objects.order_by("id").values_list("id", flat=True))

    def partners(self) -> list[tuple]:
        rng = self.rng
        k = rng.choices(PARTNER_COUNTS, PARTNER_WEIGHTS)[0]
        picked = rng.choices(self.orgs, cum_weights=self.cumulative, k=k)
        return list({org[0]: org for org in picked}.values())

    def run(self) -> dict[str, int]:
        started = time.perf_counter()
        rng = self.rng
        engagement_table = Table(Engagement, ENGAGEMENT_COLUMNS)
        partner_table = Table(
            EngagementPartner, ("engagement_id", "organisation_id", "start_date", "status")
        )
        line_table = Table(
            EngagementStrategyLine, ("engagement_id", "strategy_id", "start_date", "status")
        )
        outcome_table = Table(Engagement.outcomes.through, ("engagement_id", "outcome_id"))
        totals = dict.fromkeys(
            ("engagements", "engagement_partners", "engagement_lines", "engagement_outcomes"), 0
        )
        span = YEARS * 365
        engagement_id = next_id(Engagement)
        for chunk_start in range(0, self.n, CHUNK):
            engagements, partners, lines, outcomes = [], [], [], []
            for _ in range(min(CHUNK, self.n - chunk_start)):
                ahead = rng.random() < 0.02
                offset = -rng.randrange(1, 183) if ahead else rng.randrange(span)
                start = self.today - timedelta(days=offset)
                if ahead:
                    status = EngagementStatus.PLANNED
                else:
                    status = (
                        EngagementStatus.CANCELLED if rng.random() < 0.03 else EngagementStatus.HELD
                    )
                orgs = self.partners()
                first = orgs[0]
                lead_region = first[2] if rng.random() < 0.6 else None
                country = first[3] if rng.random() < 0.7 else None
                kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
                created = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
                stamp = db_datetime(created - timedelta(days=rng.randrange(30)))
                engagements.append(
                    (
                        engagement_id,
                        stamp,
                        stamp,
                        1,
                        kind,
                        status,
                        f"{EngagementKind(kind).label} on {rng.choice(TOPICS)}",
                        "",
                        start.isoformat(),
                        None,
                        lead_region,
                        "",
                        country,
                        None,
                        None,
                        False,
                    )
                )
                day = start.isoformat()
                partners.extend((engagement_id, org[0], day, status) for org in orgs)
                if rng.random() < 0.9:
                    own = self.lines.get(first[1], [])
                    for line in sorted(set(rng.sample(own, min(len(own), rng.randint(1, 2))))):
                        lines.append((engagement_id, line, day, status))
                for outcome in sorted(set(rng.sample(self.outcomes, rng.randint(1, 2)))):
                    outcomes.append((engagement_id, outcome))
                engagement_id += 1
            with transaction.atomic():
                totals["engagements"] += engagement_table.load(engagements)
                totals["engagement_partners"] += partner_table.load(partners)
                totals["engagement_lines"] += line_table.load(lines)
                totals["engagement_outcomes"] += outcome_table.load(outcomes)
            if (chunk_start // CHUNK) % 10 == 9 or chunk_start + CHUNK >= self.n:
                self.out(
                    f"  {totals['engagements']:>8} engagements"
                    f" ({time.perf_counter() - started:.0f} s)"
                )
        reset_sequences(
            [Engagement, EngagementPartner, EngagementStrategyLine, Engagement.outcomes.through]
        )
        analyze()
        totals["engagement_seconds"] = round(time.perf_counter() - started, 1)
        return totals


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def generate_engagements(scale: float, *, out=print) -> dict[str, int]:
    out(f"Generating {engagement_count(scale):,} engagements on {connection.vendor}…")
    totals = EngagementGenerator(scale, out=out).run()
    out("  " + ", ".join(f"{key} {value}" for key, value in totals.items()))
    return totals
