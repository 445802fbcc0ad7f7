"""The pledges-and-contributions part of `accord load_demo`: funding targets for the flagship
programmes from 2020 to this year; a pledge for every demo opportunity that was won, plus
standalone pledges, with payment schedules; contributions against them in several currencies
(some partial, some over the pledge, some in dollars against a pledge in another currency),
some split across programmes, some brokered by another partner; and a few contributions
without a pledge.

It relies on the demo exchange rates (demo_pipeline.load_demo_rates): a record whose rate is
missing is skipped, never converted at 1.0. Everything goes through the services (history
batch "demo", `is_demo`); deterministic for a seed and idempotent: targets already set stay,
and pledges and contributions load only when there are no demo pledges yet."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.money import split, to_cents
from accord.funding import contribution_services, pledge_services, schedules, target_services
from accord.funding.demo_pipeline import CURRENCY_OF_COUNTRY, DONOR_CATEGORIES, TOPICS
from accord.funding.models import FundingTarget, Opportunity, Pledge, PledgeStatus, StageKind
from accord.partners.demo_specs import DEFAULT_SEED, seeded_random
from accord.partners.models import Organisation
from accord.strategy.models import FlagshipProgramme
from accord.strategy.selectors import current_strategy

BATCH = "demo"
FIRST_YEAR = 2020
STANDALONE_PLEDGES = 30
LOOSE_CONTRIBUTIONS = 15
ROLES = ["broker", "facilitator", "co-financing arranger"]


@dataclass
class Loaded:
    created: dict = field(
        default_factory=lambda: dict.fromkeys(("targets", "pledges", "contributions"), 0)
    )
    skipped: int = 0  # records whose exchange rate is missing


def _flagships() -> list[FlagshipProgramme]:
    strategy = current_strategy()
    plan_id = strategy.plan_id if strategy else None
    return list(FlagshipProgramme.objects.filter(plan_id=plan_id).order_by("code"))


def _targets(rng, today: date, loaded: Loaded) -> None:
    have = set(
        FundingTarget.objects.filter(flagship__isnull=False).values_list("year", "flagship_id")
    )
    for year in range(FIRST_YEAR, today.year + 1):
        for flagship in _flagships():
            if (year, flagship.pk) in have:
                continue
            amount = Decimal(rng.randrange(40, 160)) * 250_000
            target_services.target_create(
                None,
                year=year,
                flagship=flagship,
                amount_usd=amount,
                is_demo=True,
                batch=BATCH,
                note="Illustrative target",
            )
            loaded.created["targets"] += 1


def _attempt(loaded: Loaded, service, *args, **kwargs):
    """Call a service; a record that cannot be converted (missing rate) is skipped."""
    try:
        with transaction.atomic():
            return service(*args, **kwargs)
    except ValidationError:
        loaded.skipped += 1
        return None


def _schedule(rng, amount: Decimal, start: date) -> list:
    count = rng.choice([1, 1, 2, 3, 4])
    return schedules.propose_instalments(
        amount,
        count,
        start + timedelta(days=rng.randrange(15, 60)),
        months_apart=rng.choice([3, 6, 12]),
    )


def _won_pledges(rng, today: date, loaded: Loaded) -> list[Pledge]:
    won = Opportunity.objects.filter(
        is_demo=True, stage__kind=StageKind.WON, pledge__isnull=True, amount__gt=0
    ).order_by("id")
    pledges = []
    for o in won:
        day = min(o.closed_on or o.expected_decision_date or o.value_date, today)
        pledge = _attempt(
            loaded,
            pledge_services.pledge_create,
            None,
            opportunity=o,
            value_date=day,
            schedule=_schedule(rng, o.amount, day),
            is_demo=True,
            batch=BATCH,
            status=rng.choice([PledgeStatus.PLEDGED, PledgeStatus.CONFIRMED]),
        )
        if pledge is not None:
            pledges.append(pledge)
    return pledges


def _partners() -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            is_demo=True, archived_at=None, category__code__in=DONOR_CATEGORIES
        ).order_by("id")
    )


def _currency(org: Organisation) -> str:
    return CURRENCY_OF_COUNTRY.get(org.country_id or "", "USD")


def _standalone_pledges(rng, today: date, partners: list, loaded: Loaded) -> list[Pledge]:
    flagships = _flagships()
    pledges = []
    span = (today - date(FIRST_YEAR, 1, 1)).days
    for n in range(STANDALONE_PLEDGES if partners else 0):
        org = partners[rng.randrange(len(partners))]
        day = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randrange(span))
        amount = Decimal(rng.randrange(4, 120)) * 25_000
        pledge = _attempt(
            loaded,
            pledge_services.pledge_create,
            None,
            organisation=org,
            title=f"{TOPICS[n % len(TOPICS)]}: contribution {day.year}",
            amount=amount,
            currency=_currency(org),
            value_date=day,
            flagship=rng.choice(flagships),
            schedule=_schedule(rng, amount, day),
            is_demo=True,
            batch=BATCH,
            status=rng.choice([PledgeStatus.PLEDGED, PledgeStatus.CONFIRMED]),
        )
        if pledge is not None:
            pledges.append(pledge)
    return pledges


def _allocations(rng, amount: Decimal, pledge: Pledge, flagships: list):
    """Most contributions fund the pledge's programme; some are split across two or three."""
    if rng.random() > 0.3:
        return None
    chosen = rng.sample(flagships, rng.choice([2, 3]))
    parts = split(amount, [Decimal(rng.randrange(1, 5)) for _ in chosen])
    return [(f, None, p) for f, p in zip(chosen, parts, strict=True) if p > 0] or None


def _payments(rng, pledge: Pledge, today: date, partners: list, loaded: Loaded) -> None:
    """Pay the instalments that fell due: most in full, some partly, some over, a few not."""
    flagships = _flagships()
    for inst in pledge.instalments.filter(due_date__lte=today).order_by("number"):
        share = rng.choices(
            [Decimal(1), Decimal("0.6"), Decimal("1.1"), Decimal(0)], [60, 20, 10, 10]
        )[0]
        amount = to_cents(inst.amount * share)
        if amount <= 0:
            continue
        day = min(inst.due_date + timedelta(days=rng.randrange(0, 45)), today)
        currency = pledge.currency
        if currency != "USD" and rng.random() < 0.2:  # paid in dollars instead
            currency, amount = "USD", to_cents(amount * pledge.amount_usd / pledge.amount)
        brokers = [o for o in partners if o.pk != pledge.organisation_id]
        credits = (
            [(rng.choice(brokers), rng.choice(ROLES))] if brokers and rng.random() < 0.1 else []
        )
        made = _attempt(
            loaded,
            contribution_services.contribution_record,
            None,
            pledge=pledge,
            amount=amount,
            currency=currency,
            value_date=day,
            reference=f"DEMO-{pledge.pk}-{inst.number}",
            allocations=_allocations(rng, amount, pledge, flagships),
            soft_credits=credits,
            is_demo=True,
            batch=BATCH,
        )
        loaded.created["contributions"] += made is not None


def _loose_contributions(rng, today: date, partners: list, loaded: Loaded) -> None:
    for n in range(LOOSE_CONTRIBUTIONS if partners else 0):
        org = partners[rng.randrange(len(partners))]
        day = today - timedelta(days=rng.randrange(1, 5 * 365))
        made = _attempt(
            loaded,
            contribution_services.contribution_record,
            None,
            organisation=org,
            amount=Decimal(rng.randrange(1, 40)) * 5_000,
            currency=_currency(org),
            value_date=day,
            reference=f"DEMO-LOOSE-{n + 1}",
            is_demo=True,
            batch=BATCH,
            note="Unearmarked contribution received without a pledge.",
        )
        loaded.created["contributions"] += made is not None


@transaction.atomic
def load_demo_money(seed: int = DEFAULT_SEED) -> Loaded:
    """Load the demo targets, pledges and contributions (what is missing); see the module."""
    rng = seeded_random(seed, "funding-money")
    today = timezone.localdate()
    loaded = Loaded()
    _targets(rng, today, loaded)
    if Pledge.objects.filter(is_demo=True).exists():
        return loaded
    partners = _partners()
    pledges = _won_pledges(rng, today, loaded) + _standalone_pledges(rng, today, partners, loaded)
    loaded.created["pledges"] = len(pledges)
    for pledge in pledges:
        _payments(rng, pledge, today, partners, loaded)
    _loose_contributions(rng, today, partners, loaded)
    return loaded
