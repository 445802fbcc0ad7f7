"""The pipeline part of `accord load_demo`: monthly exchange rates from January 2019 to this
month, and about 150 opportunities with the demo partners over several years, in several
currencies, stages and flagship programmes.

Deterministic for a seed and idempotent: rates already there are left alone, and opportunities
are only loaded when there are no demo opportunities yet. Opportunities go through the services
(history batch "demo", `is_demo`)."""

import math
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accord.funding import pipeline_services
from accord.funding.models import ExchangeRate, Opportunity, ResourceKind
from accord.partners.demo import demo_staff
from accord.partners.demo_specs import DEFAULT_SEED, seeded_random
from accord.partners.models import Organisation
from accord.strategy.models import EngagementStrategy, FlagshipProgramme
from accord.strategy.selectors import current_strategy, outcome_list

BATCH = "demo"
RATE_SOURCE = "Demo: UN operational rates of exchange (illustrative)"
FIRST_MONTH = date(2019, 1, 1)
# Units per USD in January 2019 and the yearly trend (a fraction): realistic magnitudes.
RATES = {
    "EUR": ("0.87", 0.01),
    "GBP": ("0.78", 0.005),
    "JPY": ("109.5", 0.045),
    "CHF": ("0.99", -0.015),
    "SEK": ("9.0", 0.02),
    "NOK": ("8.6", 0.03),
    "DKK": ("6.5", 0.01),
    "CAD": ("1.33", 0.005),
    "AUD": ("1.40", 0.01),
    "KES": ("101.5", 0.045),
    "CNY": ("6.85", 0.005),
    "SAR": ("3.75", 0.0),  # pegged to the dollar
    "BRL": ("3.80", 0.06),
    "INR": ("70.5", 0.03),
}
TARGET = 150
DONOR_CATEGORIES = ["government", "development_bank", "foundation", "private_sector", "un_entity"]
CURRENCY_OF_COUNTRY = {
    "DE": "EUR",
    "FR": "EUR",
    "IT": "EUR",
    "ES": "EUR",
    "NL": "EUR",
    "BE": "EUR",
    "FI": "EUR",
    "GB": "GBP",
    "JP": "JPY",
    "CH": "CHF",
    "SE": "SEK",
    "NO": "NOK",
    "DK": "DKK",
    "CA": "CAD",
    "AU": "AUD",
    "KE": "KES",
    "CN": "CNY",
    "SA": "SAR",
    "BR": "BRL",
    "IN": "INR",
}
TOPICS = [
    "Climate-resilient informal settlements",
    "Affordable housing finance",
    "SDG localisation and voluntary local reviews",
    "Urban planning and public space",
    "Land tenure security",
    "Urban basic services",
    "Post-crisis urban recovery",
    "Smart cities for all",
]
MILLION = Decimal(1_000_000)
REASONS = ["Donor priorities changed", "Not selected this round", "Timing did not fit"]


def _months(until: date):
    month = FIRST_MONTH
    while month <= until:
        yield month
        month = (month + timedelta(days=32)).replace(day=1)


def demo_rate(currency: str, month: date) -> Decimal:
    """The illustrative rate of `currency` in `month`: its base with a yearly trend and a small
    seasonal wobble (always the same for the same month)."""
    base, trend = RATES[currency]
    years = (month.year - FIRST_MONTH.year) + (month.month - 1) / 12
    wobble = 0.0 if trend == 0 else 0.02 * math.sin(years * 2.1 + len(currency) + ord(currency[0]))
    factor = Decimal(str(round((1 + trend) ** years * (1 + wobble), 6)))
    return (Decimal(base) * factor).quantize(Decimal("0.0001"))


@transaction.atomic
def load_demo_rates(until: date | None = None) -> int:
    """Monthly demo rates of the 14 currencies from January 2019 to this month (those missing);
    returns how many were created."""
    until = until or timezone.localdate()
    wanted = [(c, m) for c in RATES for m in _months(until)]
    have = set(
        ExchangeRate.objects.filter(currency__in=list(RATES), month__gte=FIRST_MONTH).values_list(
            "currency", "month"
        )
    )
    new = [
        ExchangeRate(currency=c, month=m, rate=demo_rate(c, m), source=RATE_SOURCE)
        for c, m in wanted
        if (c, m) not in have
    ]
    ExchangeRate.objects.bulk_create(new, batch_size=500)
    return len(new)


def _partners() -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            is_demo=True, archived_at=None, category__code__in=DONOR_CATEGORIES
        )
        .select_related("category", "country", "region")
        .order_by("id")
    )


def _stage_for(rng, decision: date, today: date) -> str:
    """Decisions in the past are mostly closed; those ahead are spread over the open stages."""
    if decision < today - timedelta(days=60):
        return rng.choices(["won", "lost", "withdrawn", "negotiation"], [55, 25, 10, 10])[0]
    return rng.choices(["identified", "cultivating", "proposal", "negotiation"], [3, 3, 3, 2])[0]


def load_demo_opportunities(seed: int = DEFAULT_SEED) -> int:
    """About 150 demo opportunities (none when some are already there); returns how many."""
    if Opportunity.objects.filter(is_demo=True).exists():
        return 0
    partners = _partners()
    if not partners:
        return 0
    load_demo_rates()
    today = timezone.localdate()
    staff = [u for u, _ in demo_staff()[0] if u.role in ("officer", "regional")]
    strategy = current_strategy()
    plan_id = strategy.plan_id if strategy else None
    flagships = list(FlagshipProgramme.objects.filter(plan_id=plan_id).order_by("code"))
    outcomes = list(outcome_list())
    lines: dict[int, list] = {}
    for line in EngagementStrategy.objects.filter(category__strategy=strategy):
        lines.setdefault(line.category_id, []).append(line)
    rng = seeded_random(seed, "pipeline")
    created = 0
    with transaction.atomic():
        for _ in range(TARGET):
            partner = rng.choice(partners)
            value_date = today - timedelta(days=rng.randint(30, 5 * 365))
            decision = value_date + timedelta(days=rng.randint(60, 540))
            stage = _stage_for(rng, decision, today)
            country = partner.country.code if partner.country else ""
            currency = CURRENCY_OF_COUNTRY.get(country) or rng.choice(["USD", "USD", "EUR"])
            in_kind = rng.random() < 0.12
            usd = Decimal(rng.choice([0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8])) * MILLION
            amount = (usd * (demo_rate(currency, value_date) if currency in RATES else 1)).quantize(
                Decimal(1000)
            )
            if stage == "identified" and rng.random() < 0.3:
                amount = Decimal(0)  # not known yet
            topic = rng.choice(TOPICS)
            pipeline_services.opportunity_create(
                actor=None,
                organisation=partner,
                title=f"{topic} — {partner.acronym or partner.name}"[:300],
                kind=ResourceKind.IN_KIND if in_kind else ResourceKind.FINANCIAL,
                in_kind_description="Secondment of experts and office space" if in_kind else "",
                amount=amount,
                currency=currency,
                value_date=value_date,
                stage=stage,
                expected_decision_date=decision,
                closed_on=min(decision, today) if stage in ("won", "lost", "withdrawn") else None,
                close_reason=rng.choice(REASONS) if stage in ("lost", "withdrawn") else "",
                flagship=rng.choice(flagships) if flagships else None,
                outcomes=rng.sample(outcomes, k=min(len(outcomes), rng.randint(0, 2))),
                countries=[partner.country] if partner.country else [],
                strategies=rng.sample(lines.get(partner.category_id, []), k=1)
                if lines.get(partner.category_id)
                else [],
                owner=rng.choice(staff) if staff else None,
                office="Headquarters" if rng.random() < 0.6 else "Regional office",
                is_demo=True,
                batch=BATCH,
            )
            created += 1
    return created
