"""Resource mobilisation for the bench data set, generated after the partner registry and the
engagements by bench/run.py: monthly exchange rates, the pipeline, pledges with their payment
schedules, contributions with their allocations, and funding targets.

At scale factor 1: 200,000 opportunities, 200,000 pledges and 200,000 contributions (see
bench/generate_pledges.py for the last two). Exchange rates for every month from January 2018
to December of this year, a random walk around a realistic level per currency; every amount is
converted with its value date's month exactly as the services convert it
(accord.funding.rates.convert), so `amount_usd`, `usd_rate` and `rate_source` agree with the
rates table. Amounts are log-normal (10,000 to 20 million US dollars), mostly in USD, EUR, GBP,
JPY, CHF and SEK; partners are drawn with a long tail, funders (governments, development banks,
foundations, UN entities) far more often than cities or civil society. Opportunities spread
over the pipeline stages, with decision dates from 2019 to the end of next year; the stage's
probability, give or take. Four in five records have one of the five flagship programmes, two
in five one or two outcomes; the region is the partner's. Funding targets for the five
flagships (and, for this year and the next, every outcome) for 2019 to next year, set a little
above what the data set raises for them, so the gaps are realistic. Deterministic for a given
scale and day. No history entries: no page measured here reads them."""

import math
import random
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.core.money import USD, to_cents
from accord.funding.models import ExchangeRate, FundingTarget, Opportunity, Stage
from accord.funding.rates import convert
from accord.partners.models import Organisation
from accord.strategy.models import FlagshipProgramme, Outcome, PartnerCategory
from bench.generate_engagement import TOPICS, _accumulate
from bench.loading import Table, analyze, db_datetime, next_id, reset_sequences

FUNDING_GENERATOR_VERSION = 1
SEED = 20200601
RECORDS_AT_1 = 200_000
CHUNK = 20_000
FIRST_RATE_MONTH = date(2018, 1, 1)
FIRST_YEAR = 2019
RATE_SOURCE = "UN operational rates of exchange (bench)"
# currency: (units per USD around which the monthly rate wanders, share of the records)
CURRENCIES = {
    "USD": (Decimal(1), 44),
    "EUR": (Decimal("0.90"), 22),
    "GBP": (Decimal("0.78"), 8),
    "JPY": (Decimal("125"), 7),
    "CHF": (Decimal("0.95"), 5),
    "SEK": (Decimal("9.4"), 5),
    "NOK": (Decimal("9.6"), 3),
    "DKK": (Decimal("6.7"), 2),
    "CAD": (Decimal("1.33"), 2),
    "AUD": (Decimal("1.45"), 2),
}
CURRENCY_CODES = list(CURRENCIES)
CURRENCY_WEIGHTS = [share for _, share in CURRENCIES.values()]
# Who funds: the weight of a partner category (the rest of the weight is a long tail).
FUNDER_WEIGHTS = {
    "government": 5,
    "development_bank": 6,
    "foundation": 5,
    "un_entity": 3,
    "private_sector": 2,
    "local_authority": 0.6,
    "knowledge": 0.5,
    "civil_society": 0.4,
}
STAGE_WEIGHTS = {
    "identified": 18,
    "cultivating": 17,
    "proposal": 15,
    "negotiation": 10,
    "won": 22,
    "lost": 13,
    "withdrawn": 5,
}
OPPORTUNITY_COLUMNS = (
    "id", "created_at", "updated_at", "version", "amount", "currency", "value_date",
    "amount_usd", "usd_rate", "rate_source", "organisation_id", "title", "kind", "stage_id",
    "stage_changed_at", "probability", "expected_decision_date", "closed_on", "flagship_id",
    "owner_id", "region_id", "is_demo",
)  # fmt: skip


def record_count(scale: float) -> int:
    return max(2_000, round(RECORDS_AT_1 * scale))


def stamp(day: date, rng: random.Random) -> str:
    """A timestamp during `day` (UTC), as the loader takes it."""
    moment = datetime.combine(day, datetime.min.time(), tzinfo=UTC)
    return db_datetime(moment + timedelta(seconds=rng.randrange(8 * 3600, 18 * 3600)))


class Funding:
    """What every funding generator draws from: the rates, the partners, the programmes."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.today = timezone.localdate()
        self.last_day = date(self.today.year + 1, 12, 31)
        codes = dict(PartnerCategory.objects.values_list("id", "code"))
        self.orgs = list(
            Organisation.objects.filter(archived_at=None)
            .order_by("id")
            .values_list("id", "category_id", "region_id")
        )
        if not self.orgs:
            raise RuntimeError("bench: generate the organisations first (bench.generate)")
        order = list(range(len(self.orgs)))
        rng.shuffle(order)
        weights = [0.0] * len(self.orgs)
        for rank, index in enumerate(order):
            category = codes[self.orgs[index][1]]
            weights[index] = FUNDER_WEIGHTS.get(category, 1) / (rank + 100)
        self.cumulative = list(_accumulate(weights))
        self.flagships = list(FlagshipProgramme.objects.order_by("id").values_list("id", flat=True))
        self.outcomes = list(Outcome.objects.order_by("id").values_list("id", flat=True))
        self.owners = list(
            User.objects.filter(username__startswith="bench-owner-")
            .order_by("id")
            .values_list("id", flat=True)
        ) or [None]
        self.rates = {
            (r.currency, r.month): r
            for r in ExchangeRate.objects.all().only("currency", "month", "rate", "source")
        }

    # -- draws ----------------------------------------------------------------------------

    def partner(self) -> tuple:
        return self.rng.choices(self.orgs, cum_weights=self.cumulative)[0]

    def flagship(self) -> int | None:
        return self.rng.choice(self.flagships) if self.rng.random() < 0.8 else None

    def outcome_ids(self) -> list[int]:
        if self.rng.random() >= 0.4:
            return []
        return sorted(self.rng.sample(self.outcomes, self.rng.randint(1, 2)))

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randrange(max(1, (last - first).days + 1)))

    def usd_value(self, median: int = 200_000) -> float:
        value = math.exp(self.rng.gauss(math.log(median), 1.25))
        return min(20_000_000.0, max(10_000.0, value))

    def money(self, usd: float, day: date, currency: str | None = None) -> tuple:
        """(amount, currency, value_date, amount_usd, usd_rate, rate_source) of about `usd`
        dollars given in a drawn currency on `day`, rounded as people round pledges."""
        rng = self.rng
        currency = currency or rng.choices(CURRENCY_CODES, CURRENCY_WEIGHTS)[0]
        rate = self.rate(currency, day)
        units = Decimal(usd) * (rate.rate if rate else 1)
        step = Decimal(1000) if units >= 100_000 else Decimal(10)
        amount = to_cents((units / step).to_integral_value() * step)
        return (amount, currency, day, *self.convert(amount, currency, day))

    def rate(self, currency: str, day: date):
        return None if currency == USD else self.rates[(currency, day.replace(day=1))]

    def convert(self, amount: Decimal, currency: str, day: date) -> tuple:
        """(amount_usd, usd_rate, rate_source) exactly as the services store them."""
        done = convert(amount, self.rate(currency, day), currency, day)
        return done.amount_usd, done.rate, done.source

    def split_weights(self, parts: int) -> list[Decimal]:
        if parts == 1 or self.rng.random() < 0.6:
            return [Decimal(1)] * parts
        return [Decimal(self.rng.randint(1, 5)) for _ in range(parts)]


def generate_rates(rng: random.Random, today: date) -> int:
    """A monthly random walk per currency, January 2018 to December of this year."""
    rows = []
    stamp_now = db_datetime(timezone.now())
    for currency, (level, _) in CURRENCIES.items():
        if currency == USD:
            continue
        month, walk = FIRST_RATE_MONTH, 1.0
        while month.year <= today.year:
            walk = min(1.25, max(0.8, walk * (1 + rng.gauss(0, 0.02))))
            rate = (level * Decimal(walk)).quantize(Decimal("0.00000001"))
            rows.append((currency, month.isoformat(), rate, RATE_SOURCE, stamp_now, stamp_now))
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    table = Table(ExchangeRate, ("currency", "month", "rate", "source", "created_at", "updated_at"))
    with transaction.atomic():
        return table.load(rows)


class OpportunityGenerator:
    def __init__(self, funding: Funding, n: int):
        self.f, self.n = funding, n
        self.stages = {
            code: (pk, kind, probability)
            for code, pk, kind, probability in Stage.objects.values_list(
                "code", "id", "kind", "default_probability"
            )
        }
        missing = set(STAGE_WEIGHTS) - set(self.stages)
        if missing:
            raise RuntimeError(f"bench: the default stages are missing: {sorted(missing)}")
        self.won: list[tuple] = []  # what pledges are made from: (opportunity id, row, outcomes)

    def row(self, opportunity_id: int) -> tuple[tuple, list[int]]:
        f, rng = self.f, self.f.rng
        code = rng.choices(list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values()))[0]
        stage_id, kind, default = self.stages[code]
        is_open = kind == "open"
        if is_open and rng.random() < 0.8:
            decision = f.day_between(f.today - timedelta(days=180), f.last_day)
        else:
            decision = f.day_between(date(FIRST_YEAR, 1, 1), f.today)
        value_date = min(f.today, decision - timedelta(days=rng.randint(30, 400)))
        value_date = max(FIRST_RATE_MONTH, value_date)
        if is_open:
            probability = min(95, max(5, default + rng.choice((-10, -5, 0, 0, 5, 10))))
        else:
            probability = default
        closed_on = None if is_open else decision
        changed = closed_on or min(f.today, value_date + timedelta(days=rng.randint(0, 120)))
        partner = f.partner()
        outcomes = f.outcome_ids()
        money = f.money(f.usd_value(), value_date)
        row = (
            opportunity_id, stamp(value_date, rng), stamp(changed, rng), 1, *money,
            partner[0], f"{rng.choice(TOPICS).capitalize()} programme, phase {rng.randint(1, 4)}",
            "in_kind" if rng.random() < 0.08 else "financial", stage_id, stamp(changed, rng),
            probability, decision.isoformat(), closed_on, f.flagship(), rng.choice(f.owners),
            partner[2], False,
        )  # fmt: skip
        if kind == "won":
            self.won.append((opportunity_id, row, outcomes))
        return row, outcomes

    def run(self) -> dict[str, int]:
        table = Table(Opportunity, OPPORTUNITY_COLUMNS)
        outcome_table = Table(Opportunity.outcomes.through, ("opportunity_id", "outcome_id"))
        totals = {"opportunities": 0, "opportunity_outcomes": 0}
        opportunity_id = next_id(Opportunity)
        for chunk_start in range(0, self.n, CHUNK):
            rows, links = [], []
            for _ in range(min(CHUNK, self.n - chunk_start)):
                row, outcomes = self.row(opportunity_id)
                rows.append(row)
                links.extend((opportunity_id, outcome) for outcome in outcomes)
                opportunity_id += 1
            with transaction.atomic():
                totals["opportunities"] += table.load(rows)
                totals["opportunity_outcomes"] += outcome_table.load(links)
        return totals


def generate_targets(funding: Funding, raised: dict[tuple, Decimal]) -> int:
    """Targets a little above what each programme raised or was promised in the year, rounded
    to 100,000 US dollars (raised: (year, "flagship"|"outcome", id) -> USD)."""
    rng, rows = funding.rng, []
    now = stamp(funding.today, rng)
    for year in range(FIRST_YEAR, funding.today.year + 2):
        subjects = [("flagship", pk) for pk in funding.flagships]
        if year >= funding.today.year:
            subjects += [("outcome", pk) for pk in funding.outcomes]
        for kind, pk in subjects:
            base = raised.get((year, kind, pk), Decimal(0)) * Decimal(rng.uniform(1.05, 1.6))
            amount = max(Decimal(1_000_000), (base / 100_000).to_integral_value() * 100_000)
            flagship, outcome = (pk, None) if kind == "flagship" else (None, pk)
            rows.append((now, now, 1, year, flagship, outcome, to_cents(amount), "", False))
    table = Table(
        FundingTarget,
        ("created_at", "updated_at", "version", "year", "flagship_id", "outcome_id",
         "amount_usd", "note", "is_demo"),
    )  # fmt: skip
    with transaction.atomic():
        return table.load(rows)


def generate_funding(scale: float, *, out=print) -> dict[str, int]:
    from accord.funding.models import Allocation, Contribution, Instalment, Pledge, SoftCredit
    from bench.generate_pledges import PledgeGenerator

    n = record_count(scale)
    out(f"Generating {n:,} opportunities, pledges and contributions on {connection.vendor}…")
    started = time.perf_counter()
    rng = random.Random(SEED)
    totals = {"exchange_rates": generate_rates(rng, timezone.localdate())}
    funding = Funding(rng)
    opportunities = OpportunityGenerator(funding, n)
    totals.update(opportunities.run())
    out(f"  {totals['opportunities']} opportunities ({time.perf_counter() - started:.0f} s)")
    pledges = PledgeGenerator(funding, n, won=opportunities.won)
    totals.update(pledges.run(out=out))
    totals["funding_targets"] = generate_targets(funding, pledges.raised)
    reset_sequences(
        [
            ExchangeRate, Opportunity, Opportunity.outcomes.through, Pledge,
            Pledge.outcomes.through, Instalment, Contribution, Allocation, SoftCredit,
            FundingTarget,
        ]
    )  # fmt: skip
    analyze()
    totals["funding_seconds"] = round(time.perf_counter() - started, 1)
    out("  " + ", ".join(f"{key} {value}" for key, value in totals.items()))
    return totals
