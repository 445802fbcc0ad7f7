"""The terms of an agreement and how a change to them is applied: titles and dates, the value
in its currency with the USD equivalent (accord.funding.rates), the parties with their roles,
the strategy it serves; what the history compares; and which terms are key (changed only by an
amendment once signed). Used by services.py and amendment_services.py."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from accord.accounts.roles import region_scope
from accord.agreements.models import Agreement, AgreementParty, AgreementStatus, PartyRole
from accord.agreements.resolve import (
    resolve_opportunity,
    resolve_parties,
    resolve_pledge,
    resolve_type,
)
from accord.core.history import snapshot
from accord.core.money import to_cents
from accord.engagement.resolve import (
    Collector,
    resolve_flagship,
    resolve_outcomes,
    resolve_region,
    resolve_strategies,
    resolve_user,
)
from accord.funding import rates
from accord.partners.contact_services import load_related

SCALAR_FIELDS = [
    "title",
    "type",
    "summary",
    "amount",
    "currency",
    "value_date",
    "opportunity",
    "pledge",
    "signed_on",
    "start_date",
    "end_date",
    "flagship",
    "owner",
    "office",
    "region",
]
RELATED_FIELDS = ["parties", "outcomes", "strategies"]
EDITABLE_FIELDS = frozenset(SCALAR_FIELDS + RELATED_FIELDS)
KEY_TERMS = frozenset(
    {
        "title",
        "type",
        "amount",
        "currency",
        "value_date",
        "signed_on",
        "start_date",
        "end_date",
        "parties",
    }
)
STORED_FIELDS = [*SCALAR_FIELDS, "amount_usd", "usd_rate", "rate_source"]
SIGNED = frozenset(
    {
        AgreementStatus.SIGNED,
        AgreementStatus.ACTIVE,
        AgreementStatus.EXPIRED,
        AgreementStatus.TERMINATED,
        AgreementStatus.CLOSED,
    }
)
_FOREIGN = {"owner": "owner", "flagship": "flagship", "region": "region", "type": "type"}


def current_parties(agreement: Agreement) -> list[dict]:
    links = agreement.party_links.select_related("organisation").order_by("id")
    return [
        {
            "organisation": p.organisation,
            "role": p.role,
            "signatory_name": p.signatory_name,
            "signed_on": p.signed_on,
        }
        for p in links
    ]


def party_labels(parties: list[dict]) -> list[str]:
    return sorted(f"{p['organisation']} ({PartyRole(p['role']).label})" for p in parties)


def related_labels(related: dict) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    if "parties" in related:
        labels["parties"] = party_labels(related["parties"])
    for name in ("outcomes", "strategies"):
        if name in related:
            labels[name] = sorted(o.code for o in related[name])
    return labels


def state_of(agreement: Agreement) -> dict:
    """What the history compares: the stored fields and the related records' labels."""
    load_related(agreement, *_FOREIGN, "opportunity", "pledge")
    return {
        **snapshot(agreement, STORED_FIELDS),
        **related_labels(
            {
                "parties": current_parties(agreement),
                "outcomes": list(agreement.outcomes.all()),
                "strategies": list(agreement.strategies.select_related("category")),
            }
        ),
    }


def _decimal(value, check: Collector) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        check.add("amount", "Give the amount as a number, e.g. 250000.00.")
        return None
    if not amount.is_finite() or amount < 0:
        check.add("amount", "The amount must be zero or more.")
        return None
    return to_cents(amount)


def _convert(a: Agreement, check: Collector) -> None:
    """The value in USD with the rate of its value date's month, stored beside it."""
    if a.amount is None:
        a.currency, a.value_date = "", None
        a.amount_usd = a.usd_rate = None
        a.rate_source = ""
        return
    a.currency = str(a.currency or "").strip().upper()
    if not a.currency:
        check.add("currency", "Give the currency of the amount.")
    if not isinstance(a.value_date, date):
        check.add("value_date", "Give the value date (it fixes the exchange rate).")
    if "currency" in check.errors or "value_date" in check.errors:
        return
    conversion = check.run(rates.to_usd, a.amount, a.currency, a.value_date)
    if conversion is not None:
        a.amount_usd, a.usd_rate = conversion.amount_usd, conversion.rate
        a.rate_source = conversion.source[:120]


def _scalars(actor, a: Agreement, changes: dict, check: Collector) -> None:
    for field in ("title", "office"):
        if field in changes:
            setattr(a, field, " ".join(str(changes[field] or "").split()))
    if "summary" in changes:
        a.summary = str(changes["summary"] or "").strip()
    if "type" in changes:
        a.type = check.run(resolve_type, changes["type"], keep=a.type if a.pk else None)
    if "amount" in changes:
        a.amount = _decimal(changes["amount"], check)
    if "currency" in changes:
        a.currency = changes["currency"] or ""
    for field in ("value_date", "signed_on", "start_date", "end_date"):
        if field in changes:
            setattr(a, field, changes[field] or None)
            if getattr(a, field) is not None and not isinstance(getattr(a, field), date):
                check.add(field, "Give a date.")
    if "opportunity" in changes:
        a.opportunity = check.run(resolve_opportunity, actor, changes["opportunity"])
    if "pledge" in changes:
        a.pledge = check.run(resolve_pledge, actor, changes["pledge"])
    if "flagship" in changes:
        a.flagship = check.run(resolve_flagship, changes["flagship"])
    if "owner" in changes:
        a.owner = check.run(resolve_user, changes["owner"])
    if "region" in changes:
        a.region = check.run(resolve_region, changes["region"], field="region")


def apply_changes(actor, a: Agreement, changes: dict, check: Collector, *, parties=()) -> dict:
    """Set the fields given in `changes` on `a` (unsaved) and return the new related records;
    every problem goes into `check`. `parties` are the current ones (for an edit)."""
    _scalars(actor, a, changes, check)
    if not a.title:
        check.add("title", "Give the agreement a title.")
    if a.type_id is None and "type" not in check.errors:
        check.add("type", "Choose the type of agreement.")
    dates_ok = not {"start_date", "end_date"} & set(check.errors)
    if dates_ok and a.start_date and a.end_date and a.end_date <= a.start_date:
        check.add("end_date", "The end date must be after the start date.")
    if "signed_on" not in check.errors and a.signed_on and a.signed_on > timezone.localdate():
        check.add("signed_on", "The signature date cannot be in the future.")
    if {"amount", "currency", "value_date"} & set(changes) and "amount" not in check.errors:
        _convert(a, check)
    related: dict = {}
    if "parties" in changes:
        found = check.run(resolve_parties, actor, changes["parties"], current=parties)
        related["parties"] = found or []
    if "outcomes" in changes:
        related["outcomes"] = check.run(resolve_outcomes, changes["outcomes"]) or []
    if "strategies" in changes:
        related["strategies"] = check.run(resolve_strategies, changes["strategies"]) or []
    check.run(
        a.full_clean,
        exclude=[*check.errors, *RELATED_FIELDS, "reference", "status", "created_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    return related


def would_see(actor, a: Agreement, parties: list[dict]) -> bool:
    """Whether a regional focal point keeps the agreement in their scope (region or a party)."""
    scope = region_scope(actor) if actor is not None else None
    if scope is None:
        return True
    return a.region_id in scope or any(p["organisation"].region_id in scope for p in parties)


def save_parties(a: Agreement, parties: list[dict]) -> None:
    """Make the agreement's party rows match `parties` (roles updated in place)."""
    existing = {p.organisation_id: p for p in a.party_links.all()}
    wanted = {p["organisation"].pk: p for p in parties}
    a.party_links.exclude(organisation_id__in=wanted).delete()
    for org_id, p in wanted.items():
        row = existing.get(org_id) or AgreementParty(agreement=a, organisation=p["organisation"])
        row.role, row.signatory_name = p["role"], p["signatory_name"]
        row.signed_on = p["signed_on"]
        row.save()


def save_related(a: Agreement, related: dict) -> None:
    if "parties" in related:
        save_parties(a, related["parties"])
    for name in ("outcomes", "strategies"):
        if name in related:
            getattr(a, name).set(related[name])
