"""Writes of contributions: resources received from a partner, against a pledge or not.

A contribution keeps the amount and currency it came in and its USD value at the rate of the
day it was received. Against a pledge in another currency, what counts against the schedule
(`pledge_amount`) is its value in the pledge's currency through USD, at that same day's rate.
It is split across programmes by allocations that add up to it exactly, in its currency and in
USD; and it may credit partners that brokered it (soft credits). Recording, correcting or
deleting one recomputes the pledge's payments (schedules.apply_payments) in the same
transaction, and every step is in the history."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.history import diff, record, snapshot
from accord.core.money import split
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import Collector, resolve_flagship, resolve_outcomes
from accord.funding import permissions
from accord.funding.models import (
    Allocation,
    Contribution,
    Pledge,
    PledgeStatus,
    ResourceKind,
    SoftCredit,
)
from accord.funding.rates import check_currency, from_usd, to_usd
from accord.funding.schedules import (
    ZERO,
    apply_payments,
    as_amount,
    check_date,
    deny_unless,
    resolve_partner,
)
from accord.partners.contact_services import restored_on_error

FIELDS = [
    "organisation",
    "pledge",
    "instalment",
    "amount",
    "currency",
    "value_date",
    "amount_usd",
    "usd_rate",
    "rate_source",
    "pledge_amount",
    "kind",
    "in_kind_description",
    "reference",
    "note",
]
EDITABLE = frozenset(
    {
        "amount",
        "currency",
        "value_date",
        "kind",
        "in_kind_description",
        "reference",
        "note",
        "instalment",
        "allocations",
        "soft_credits",
    }
)


def _pledge(actor, value, check: Collector) -> Pledge | None:
    if value in (None, ""):
        return None
    qs = Pledge.objects.select_related("organisation", "flagship").select_for_update(of=("self",))
    if actor is not None:
        qs = permissions.visible(actor, qs)
    pk = value.pk if isinstance(value, Pledge) else value
    pledge = qs.filter(pk=pk).first() if str(pk).isdigit() else None
    if pledge is None:
        check.add("pledge", "Unknown pledge, or outside your scope.")
    elif pledge.status == PledgeStatus.CANCELLED:
        check.add("pledge", "This pledge was cancelled: record the contribution on its own.")
    return pledge


def _instalment(pledge: Pledge | None, value, check: Collector):
    if value in (None, ""):
        return None
    pk = getattr(value, "pk", value)
    found = pledge.instalments.filter(pk=pk).first() if pledge and str(pk).isdigit() else None
    if found is None:
        check.add("instalment", "Choose an instalment of this contribution's pledge.")
    return found


def _allocations(items, c: Contribution, default: tuple) -> list[Allocation]:
    """The allocations given as (flagship, outcome, amount), checked to add up to the
    contribution exactly; their USD parts are split from its USD value so those add up too."""
    items = list(items) if items else [(*default, c.amount)]
    rows, problems = [], []
    for n, item in enumerate(items, 1):
        try:
            flagship, outcome, amount = item
            amount = as_amount(amount, "allocations", f"Allocation {n}'s amount")
            flagship = resolve_flagship(flagship)
            outcome = (resolve_outcomes([outcome]) or [None])[0] if outcome else None
        except (TypeError, ValueError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else []
            problems += messages or [f"Allocation {n}: give a programme and an amount."]
            continue
        rows.append(Allocation(flagship=flagship, outcome=outcome, amount=amount))
    if not problems:
        given = sum((r.amount for r in rows), ZERO)
        if given != c.amount:
            problems.append(
                f"The allocations add up to {given:,} {c.currency}, not the contribution's "
                f"{c.amount:,} {c.currency} (a difference of {c.amount - given:,}). They must "
                "add up exactly."
            )
    if problems:
        raise ValidationError({"allocations": problems})
    for row, usd in zip(rows, split(c.amount_usd, [r.amount for r in rows]), strict=True):
        row.amount_usd, row.year = usd, c.value_date.year
    return rows


def _soft_credits(actor, items, c: Contribution) -> list[SoftCredit]:
    credits, seen = [], set()
    for n, item in enumerate(items or (), 1):
        organisation, role = item if isinstance(item, list | tuple) else (item, "broker")
        org = resolve_partner(actor, organisation, "soft_credits")
        role = " ".join(str(role or "broker").split())[:80] or "broker"
        if org.pk == c.organisation_id:
            raise ValidationError({"soft_credits": "The paying partner cannot also be credited."})
        if org.pk in seen:
            raise ValidationError({"soft_credits": f"{org} is credited twice (line {n})."})
        seen.add(org.pk)
        credits.append(SoftCredit(organisation=org, role=role))
    return credits


def _clean(c: Contribution, check: Collector, *, convert: bool) -> None:
    c.currency = str(c.currency or "").strip().upper()
    amount = check.run(as_amount, c.amount, "amount")
    if amount is not None:
        c.amount = amount
    day = check.run(check_date, c.value_date, "value_date", "the date it was received")
    if day is not None and day > timezone.localdate():
        check.add("value_date", "The date received cannot be in the future.")
    if c.kind not in ResourceKind.values:
        check.add("kind", "Choose financial or in-kind.")
    elif c.kind == ResourceKind.IN_KIND and not c.in_kind_description.strip():
        check.add("in_kind_description", "Describe what was given in kind.")
    c.reference = " ".join(str(c.reference or "").split())[:120]
    if not convert or {"amount", "value_date"} & set(check.errors):
        return
    conversion = check.run(to_usd, c.amount, c.currency, c.value_date)
    if conversion is None:
        return
    c.amount_usd, c.usd_rate = conversion.amount_usd, conversion.rate
    c.rate_source = conversion.source
    if c.pledge is not None:
        pledge_currency = c.pledge.currency
        c.pledge_amount = (
            c.amount
            if c.currency == pledge_currency
            else check.run(_in_pledge_currency, c.amount_usd, pledge_currency, c.value_date)
        )


def _in_pledge_currency(amount_usd, currency: str, day: date):
    try:
        check_currency(currency)
        return from_usd(amount_usd, currency, day)
    except ValidationError as exc:
        raise ValidationError(
            {
                "currency": [
                    f"To count it against the pledge in {currency}: {m}" for m in exc.messages
                ]
            }
        ) from None


def _history(c: Contribution, allocations, credits) -> dict:
    values = snapshot(c, FIELDS)
    values["allocations"] = [
        f"{a.flagship.code if a.flagship else '-'}/{a.outcome.code if a.outcome else '-'}: "
        f"{a.amount:,} ({a.amount_usd:,} USD)"
        for a in allocations
    ]
    values["soft_credits"] = sorted(f"{s.organisation} ({s.role})" for s in credits)
    return values


def _write_parts(c: Contribution, allocations, credits) -> None:
    for row in allocations:
        row.contribution = c
    Allocation.objects.bulk_create(allocations)
    for credit in credits:
        credit.contribution = c
    SoftCredit.objects.bulk_create(credits)


def _payments_changed(actor, pledge: Pledge | None, note: str, batch: str) -> None:
    if pledge is not None:
        # Locked, so two contributions recorded at once cannot both miss each other's payment.
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        changes = apply_payments(pledge)
        if changes:
            record(
                obj=pledge, action="update", actor=actor, changes=changes, note=note, batch=batch
            )


def _default_programme(pledge: Pledge | None) -> tuple:
    """Without allocations, a contribution funds its pledge's flagship programme (and its
    outcome when the pledge serves exactly one); else it is unassigned."""
    if pledge is None:
        return (None, None)
    outcomes = list(pledge.outcomes.all()[:2])
    return (pledge.flagship, outcomes[0] if len(outcomes) == 1 else None)


@transaction.atomic
def contribution_record(
    actor,
    *,
    pledge=None,
    organisation=None,
    amount,
    currency: str = "USD",
    value_date: date | None = None,
    kind: str = ResourceKind.FINANCIAL,
    in_kind_description: str = "",
    reference: str = "",
    note: str = "",
    instalment=None,
    allocations=None,
    soft_credits=(),
    is_demo: bool = False,
    batch: str = "",
) -> Contribution:
    """Record resources received from a partner, against one of its pledges (paying the
    instalment named, else the oldest ones first) or on their own."""
    deny_unless(permissions.can_edit(actor), actor, "You may not record contributions.")
    check = Collector()
    p = _pledge(actor, pledge, check)
    org = p.organisation if p is not None else check.run(resolve_partner, actor, organisation)
    if (
        p is not None
        and organisation not in (None, "")
        and getattr(organisation, "pk", organisation) != p.organisation_id
        and str(organisation) != str(p.organisation_id)
    ):
        check.add("organisation", "A contribution to a pledge comes from the pledge's partner.")
    if p is None and "pledge" not in check.errors and org is None:
        check.add("organisation", "Choose the partner, or the pledge it pays.")
    c = Contribution(
        organisation=org,
        pledge=p,
        region_id=getattr(org, "region_id", None),
        amount=amount,
        currency=currency,
        value_date=value_date or timezone.localdate(),
        kind=kind,
        in_kind_description=str(in_kind_description or ""),
        reference=reference,
        note=str(note or "").strip(),
        created_by=actor,
        is_demo=is_demo,
    )
    c.instalment = _instalment(p, instalment, check)
    _clean(c, check, convert=True)
    if actor is not None and org is not None and not permissions.can_edit(actor, c):
        check.add("organisation", "You may record contributions of partners in your region(s).")
    parts = credits = None
    if not check.errors:
        parts = check.run(_allocations, allocations, c, _default_programme(p))
        credits = check.run(_soft_credits, actor, soft_credits, c)
    check.raise_if_any()
    c.save()
    _write_parts(c, parts, credits)
    after = {k: v for k, v in _history(c, parts, credits).items() if v not in (None, "", [])}
    record(obj=c, action="create", actor=actor, changes=diff({}, after), batch=batch)
    _payments_changed(actor, p, f"Contribution #{c.pk} recorded.", batch)
    return c


def _current_parts(c: Contribution) -> tuple[list, list]:
    allocations = list(c.allocations.select_related("flagship", "outcome").order_by("id"))
    credits = list(c.softcredit_set.select_related("organisation").order_by("id"))
    return allocations, credits


@transaction.atomic
def contribution_update(
    actor,
    *,
    contribution: Contribution,
    expected_version: int | None = None,
    batch: str = "",
    **changes,
) -> Contribution:
    """Correct a contribution, only the fields given. Its USD value is recomputed only when
    its amount, currency or date changes; allocations not given are rescaled to a new amount
    in the same proportions; the pledge's payments follow."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"contribution_update() got unknown field(s): {sorted(unknown)}")
    deny_unless(
        permissions.can_edit(actor, contribution), actor, "You may not change this contribution."
    )
    c = Contribution.objects.select_related("organisation", "pledge", "instalment").get(
        pk=contribution.pk
    )
    old_parts, old_credits = _current_parts(c)
    before = _history(c, old_parts, old_credits)
    check = Collector()
    with restored_on_error(c):
        for name in (
            "amount",
            "currency",
            "value_date",
            "kind",
            "in_kind_description",
            "reference",
            "note",
        ):
            if name in changes:
                setattr(c, name, changes[name] if changes[name] is not None else "")
        if "instalment" in changes:
            c.instalment = _instalment(c.pledge, changes["instalment"], check)
        _clean(c, check, convert=False)
        money = snapshot(c, ["amount", "currency", "value_date"])
        money_changed = any(money[k] != before[k] for k in money)
        if money_changed:
            _clean(c, check, convert=True)
        parts, credits = old_parts, old_credits
        if not check.errors and (money_changed or "allocations" in changes):
            given = changes.get("allocations")
            if given is None:
                given = [
                    (a.flagship, a.outcome, p)
                    for a, p in zip(
                        old_parts, split(c.amount, [a.amount for a in old_parts]), strict=True
                    )
                ]
            parts = check.run(_allocations, given, c, _default_programme(c.pledge))
        if not check.errors and "soft_credits" in changes:
            credits = check.run(_soft_credits, actor, changes["soft_credits"], c)
        check.raise_if_any()
        changed = diff(before, _history(c, parts, credits))
        if not changed:
            return c
        check_and_bump_version(c, expected_version)
        c.save()
        if parts is not old_parts:
            c.allocations.all().delete()
            _write_parts(c, [Allocation(**_copy(a)) for a in parts], [])
        if credits is not old_credits:
            c.softcredit_set.all().delete()
            _write_parts(
                c, [], [SoftCredit(organisation=s.organisation, role=s.role) for s in credits]
            )
        record(obj=c, action="update", actor=actor, changes=changed, batch=batch)
        _payments_changed(actor, c.pledge, f"Contribution #{c.pk} corrected.", batch)
    return c


def _copy(a: Allocation) -> dict:
    return {
        "flagship": a.flagship,
        "outcome": a.outcome,
        "amount": a.amount,
        "amount_usd": a.amount_usd,
        "year": a.year,
    }


@transaction.atomic
def contribution_delete(
    actor, *, contribution: Contribution, expected_version: int | None = None, batch: str = ""
) -> None:
    """Delete a contribution recorded in error: its allocations and soft credits go with it,
    the pledge's payments are recomputed, and the history keeps what it was."""
    deny_unless(
        permissions.can_edit(actor, contribution), actor, "You may not delete this contribution."
    )
    c = Contribution.objects.select_related("organisation", "pledge", "instalment").get(
        pk=contribution.pk
    )
    check_and_bump_version(c, expected_version)
    parts, credits = _current_parts(c)
    gone = {k: [v, None] for k, v in _history(c, parts, credits).items() if v not in (None, "", [])}
    record(obj=c, action="delete", actor=actor, changes=gone, batch=batch)
    pledge, pk = c.pledge, c.pk
    c.delete()
    _payments_changed(actor, pledge, f"Contribution #{pk} deleted.", batch)
