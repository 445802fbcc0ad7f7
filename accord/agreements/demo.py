"""Demonstration agreements: `load_demo_agreements(seed)` records about 80 agreements with the
demo partners — every type, every status, over several years — some with a value in USD, EUR
or GBP, with parties, amendments and obligations (some overdue, some due soon).

Everything goes through the services (history batch "demo", `is_demo`), is deterministic for a
seed, and is idempotent: dates count from the day the demo partners were first loaded, and an
agreement already there (same title) is left alone. No exchange rate is invented: a value whose
rate is missing is recorded in US dollars instead."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.agreements import amendment_services, obligation_services, services
from accord.agreements.models import (
    Agreement,
    AgreementStatus,
    AgreementType,
    ObligationKind,
    PartyRole,
)
from accord.engagement.demo import anchor
from accord.funding import rates
from accord.partners.demo import demo_staff
from accord.partners.demo_specs import DEFAULT_SEED, seeded_random
from accord.partners.models import Organisation
from accord.strategy.models import FlagshipProgramme
from accord.strategy.selectors import current_strategy, outcome_list

BATCH = "demo"
COUNT = 80
S = AgreementStatus
STATUSES = [
    S.DRAFT,
    S.UNDER_REVIEW,
    S.SIGNED,
    S.ACTIVE,
    S.ACTIVE,
    S.ACTIVE,
    S.EXPIRED,
    S.TERMINATED,
    S.CLOSED,
    S.ACTIVE,
]
TOPICS = [
    "SDG localisation",
    "affordable housing",
    "climate-resilient cities",
    "urban planning",
    "land tenure",
    "basic services",
    "urban data",
    "public space",
]
CURRENCIES = ["USD", "EUR", "GBP"]
PATHS = {  # the transitions that lead to each status
    S.DRAFT: [],
    S.UNDER_REVIEW: ["submit"],
    S.SIGNED: ["submit", "sign"],
    S.ACTIVE: ["submit", "sign", "activate"],
    S.EXPIRED: ["submit", "sign", "activate", "expire"],
    S.TERMINATED: ["submit", "sign", "activate", "terminate"],
    S.CLOSED: ["submit", "sign", "activate", "expire", "close"],
}


@dataclass
class Summary:
    agreements: int = 0
    amendments: int = 0
    obligations: int = 0
    skipped: int = 0


def _dates(rng, status: str, day0: date) -> tuple[date, date]:
    """Start and end dates that fit the status, around the anchor day."""
    if status in (S.DRAFT, S.UNDER_REVIEW, S.SIGNED):
        start = day0 + timedelta(days=rng.randint(20, 200))
    elif status in (S.EXPIRED, S.CLOSED):
        start = day0 - timedelta(days=rng.randint(900, 1800))
        return start, start + timedelta(days=rng.randint(300, 800))
    else:
        start = day0 - timedelta(days=rng.randint(60, 1100))
    return start, max(
        start + timedelta(days=rng.choice((365, 730, 1095))),
        day0 + timedelta(days=rng.randint(10, 700)),
    )


def _value(rng, kind: AgreementType, day: date) -> dict:
    if not kind.has_value and rng.random() > 0.3:
        return {}
    amount = Decimal(rng.randrange(50, 5000) * 1000)
    currency = rng.choice(CURRENCIES)
    try:
        rates.to_usd(amount, currency, day)
    except ValidationError:
        currency = "USD"  # no rate that month: record the value in dollars, never invent one
    return {"amount": amount, "currency": currency, "value_date": day}


def _spec(i: int, rng, partners, staff, kinds, flagships, outcomes, day0: date) -> dict:
    kind = kinds[i % len(kinds)]
    status = STATUSES[i % len(STATUSES)]
    lead = partners[(i * 7) % len(partners)]
    others = rng.sample(partners, k=rng.choice((0, 0, 1, 2)))
    parties = [
        {
            "organisation": lead,
            "role": PartyRole.DONOR if kind.has_value else PartyRole.CO_SIGNATORY,
        }
    ]
    parties += [
        {"organisation": o, "role": rng.choice([PartyRole.IMPLEMENTING, PartyRole.OTHER])}
        for o in others
        if o.pk != lead.pk
    ]
    start, end = _dates(rng, status, day0)
    signed_on = min(start - timedelta(days=rng.randint(5, 60)), day0)
    owners = [u for u, region in staff if not region or region == getattr(lead.region, "code", "")]
    return {
        "status": status,
        "title": f"{kind.name} with {lead.acronym or lead.name} on {rng.choice(TOPICS)} ({i + 1})"[
            :300
        ],
        "type": kind,
        "parties": parties,
        "start_date": start,
        "end_date": end,
        "signed_on": None if status in (S.DRAFT, S.UNDER_REVIEW) else signed_on,
        "region": lead.region if rng.random() < 0.5 else None,
        "owner": rng.choice(owners or [u for u, _ in staff]),
        "flagship": rng.choice(flagships) if flagships else None,
        "outcomes": rng.sample(outcomes, k=min(len(outcomes), rng.choice((1, 2)))),
        "reference_year": signed_on.year,
        **_value(rng, kind, signed_on),
    }


def _move(a: Agreement, path: list[str], rng, summary: Summary) -> None:
    for name in path:
        extra: dict = {}
        if name == "activate":
            extra["today"] = a.start_date
        elif name == "expire":
            extra["today"] = a.end_date + timedelta(days=1)
        elif name == "terminate":
            extra.update(
                note="The partner withdrew its funding.",
                date=a.start_date + timedelta(days=rng.randint(30, 200)),
            )
        elif name == "close":
            _settle(a)
        services.agreement_transition(
            actor=None, agreement=a, transition=name, batch=BATCH, **extra
        )
        if name == "activate" and rng.random() < 0.3 and a.end_date:
            amendment_services.amendment_create(
                actor=None,
                agreement=a,
                signed_on=min(a.start_date + timedelta(days=90), date.today()),
                summary="No-cost extension of six months.",
                batch=BATCH,
                end_date=a.end_date + timedelta(days=182),
            )
            summary.amendments += 1


def _obligations(a: Agreement, rng, day0: date, summary: Summary) -> None:
    """Yearly reports, a visibility requirement and a final audit; those well past are done."""
    due_dates = []
    day = a.start_date + timedelta(days=365)
    while day < a.end_date:
        due_dates.append((ObligationKind.NARRATIVE_REPORT, "Annual narrative report", day))
        day += timedelta(days=365)
    due_dates.append(
        (ObligationKind.FINANCIAL_REPORT, "Final financial report", a.end_date + timedelta(days=90))
    )
    if rng.random() < 0.5:
        due_dates.append(
            (
                ObligationKind.VISIBILITY,
                "Donor logo on publications",
                day0 + timedelta(days=rng.randint(-20, 25)),
            )
        )
    for kind, title, due in due_dates[:4]:
        o = obligation_services.obligation_create(
            actor=None,
            agreement=a,
            kind=kind,
            title=f"{title} ({due.year})",
            due_date=due,
            owner=a.owner,
            is_demo=True,
            batch=BATCH,
        )
        summary.obligations += 1
        if due < day0 - timedelta(days=60) and rng.random() < 0.8:
            obligation_services.obligation_transition(
                actor=None, obligation=o, transition="complete", batch=BATCH, today=due
            )


def _settle(a: Agreement) -> None:
    for o in a.obligations.filter(status__in=("open", "submitted")):
        obligation_services.obligation_transition(
            actor=None,
            obligation=o,
            transition="waive",
            note="Settled at closure.",
            batch=BATCH,
        )


def _cleared(organisations) -> list[Organisation]:
    """The partners due diligence lets us sign with (no open or confirmed sanctions hit, a
    valid review where one is required): the demo signs agreements only with those."""
    from accord.diligence.selectors import blocking_reasons

    organisations = list(organisations)
    blocked = blocking_reasons([o.pk for o in organisations])
    return [o for o in organisations if not blocked.get(o.pk)]


def load_demo_agreements(seed: int = DEFAULT_SEED) -> Summary:
    """Record the demo agreements (see the module); returns what was created."""
    summary = Summary()
    partners = _cleared(
        Organisation.objects.filter(is_demo=True, archived_at__isnull=True)
        .select_related("region")
        .order_by("id")[:400]
    )
    if not partners:
        return summary
    staff, _ = demo_staff()
    strategy = current_strategy()
    flagships = list(FlagshipProgramme.objects.filter(plan_id=getattr(strategy, "plan_id", None)))
    outcomes = list(outcome_list())
    kinds = list(AgreementType.objects.filter(is_active=True))
    day0 = anchor()
    existing = set(Agreement.objects.filter(is_demo=True).values_list("title", flat=True))
    for i in range(COUNT):
        rng = seeded_random(seed, "agreement", i)
        spec = _spec(i, rng, partners, staff, kinds, flagships, outcomes, day0)
        if spec["title"] in existing:
            summary.skipped += 1
            continue
        status = spec.pop("status")
        with transaction.atomic():
            a = services.agreement_create(actor=None, is_demo=True, batch=BATCH, **spec)
            if status in (S.EXPIRED, S.CLOSED, S.ACTIVE, S.TERMINATED):
                _obligations(a, rng, day0, summary)
            _move(a, PATHS[status], rng, summary)
        summary.agreements += 1
    return summary
