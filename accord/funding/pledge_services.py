"""Writes of pledges and their payment schedules.

A pledge is a partner's commitment, usually an opportunity that was won (one pledge per
opportunity, prefilled from it), or recorded on its own. Its USD value is fixed once, at the
rate of the pledge date. Its schedule is a list of instalments in the pledge's currency that
add up to the pledge amount exactly; their USD parts are split from the pledge's USD value so
they add up exactly too. Pledge status (is the commitment standing?) and payment status (how
much of it has arrived?) are separate: the payment side is recomputed from the contributions
by `apply_payments`, in the same transaction as every change that can move it.

`actor=None` is the system (demo data, benchmarks): no permission check."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accord.core.history import diff, record, snapshot
from accord.core.money import split
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import (
    Collector,
    resolve_flagship,
    resolve_outcomes,
)
from accord.funding import permissions
from accord.funding.models import (
    Instalment,
    Opportunity,
    Pledge,
    PledgeStatus,
    ResourceKind,
    StageKind,
)
from accord.funding.rates import to_usd
from accord.funding.schedules import (
    ZERO,
    apply_payments,
    as_amount,
    check_date,
    clean_schedule,
    deny_unless,
    resolve_partner,
    schedule_of,
    schedule_text,
    write_instalments,
)
from accord.partners.contact_services import restored_on_error

PLEDGE_FIELDS = [
    "organisation",
    "opportunity",
    "title",
    "kind",
    "in_kind_description",
    "status",
    "cancelled_reason",
    "amount",
    "currency",
    "value_date",
    "amount_usd",
    "usd_rate",
    "rate_source",
    "flagship",
    "payment_status",
    "received_amount",
    "received_usd",
]
EDITABLE = frozenset(
    {
        "title",
        "kind",
        "in_kind_description",
        "status",
        "cancelled_reason",
        "amount",
        "currency",
        "value_date",
        "flagship",
        "outcomes",
    }
)
MONEY_FIELDS = frozenset({"amount", "currency", "value_date"})


# --- pledges ---


def _opportunity(actor, value, check: Collector) -> Opportunity | None:
    if value in (None, ""):
        return None
    qs = Opportunity.objects.select_related("stage", "organisation", "flagship")
    if actor is not None:
        qs = permissions.visible(actor, qs)
    pk = value.pk if isinstance(value, Opportunity) else value
    opportunity = qs.filter(pk=pk).first() if str(pk).isdigit() else None
    if opportunity is None:
        check.add("opportunity", "Unknown opportunity, or outside your scope.")
    elif opportunity.stage.kind != StageKind.WON:
        check.add("opportunity", "Only a won opportunity becomes a pledge: move it to Won first.")
    elif Pledge.objects.filter(opportunity=opportunity).exists():
        check.add("opportunity", "This opportunity already has its pledge.")
    return opportunity


def _clean_pledge(pledge: Pledge, check: Collector) -> None:
    pledge.title = " ".join(str(pledge.title or "").split())
    if not pledge.title:
        check.add("title", "Give the pledge a title.")
    elif len(pledge.title) > 300:
        check.add("title", "Keep the title under 300 characters.")
    if pledge.kind not in ResourceKind.values:
        check.add("kind", "Choose financial or in-kind.")
    if pledge.status not in PledgeStatus.values:
        check.add("status", "Choose pledged, confirmed or cancelled.")
    elif pledge.status == PledgeStatus.CANCELLED and not pledge.cancelled_reason.strip():
        check.add("cancelled_reason", "Say why the pledge was cancelled.")
    if pledge.kind == ResourceKind.IN_KIND and not pledge.in_kind_description.strip():
        check.add("in_kind_description", "Describe what is given in kind.")
    pledge.currency = str(pledge.currency or "").strip().upper()
    amount = check.run(as_amount, pledge.amount, "amount")
    if amount is not None:
        pledge.amount = amount
    check.run(check_date, pledge.value_date, "value_date", "the date of the pledge")


def _convert(pledge: Pledge, check: Collector) -> None:
    """Fix the pledge's USD value at the rate of its date (only when its money is set or
    changed: a stored USD value is never recomputed silently)."""
    if not {"amount", "value_date"} & set(check.errors):
        conversion = check.run(to_usd, pledge.amount, pledge.currency, pledge.value_date)
        if conversion is not None:
            pledge.amount_usd = conversion.amount_usd
            pledge.usd_rate, pledge.rate_source = conversion.rate, conversion.source


def _prefill(opportunity: Opportunity | None, given: dict) -> dict:
    """The pledge's fields: what the caller gave, else the opportunity's."""
    if opportunity is None:
        return given
    fields = dict(given)
    for name in ("title", "kind", "in_kind_description", "amount", "currency"):
        if fields.get(name) in (None, ""):
            fields[name] = getattr(opportunity, name)
    if fields.get("flagship", ...) is ...:
        fields["flagship"] = opportunity.flagship
    if fields.get("outcomes") is None:
        fields["outcomes"] = list(opportunity.outcomes.all())
    return fields


@transaction.atomic
def pledge_create(
    actor,
    *,
    organisation=None,
    opportunity=None,
    title: str | None = None,
    kind: str | None = None,
    in_kind_description: str | None = None,
    amount=None,
    currency: str | None = None,
    value_date: date | None = None,
    flagship=...,
    outcomes=None,
    status: str = PledgeStatus.PLEDGED,
    schedule=None,
    is_demo: bool = False,
    batch: str = "",
) -> Pledge:
    """Record a partner's pledge, from a won opportunity (one pledge each; what is not given is
    taken from it) or on its own. Without a schedule the whole amount falls due on the pledge
    date. The region is the partner's, for scoping."""
    deny_unless(permissions.can_edit(actor), actor, "You may not record pledges.")
    check = Collector()
    opp = _opportunity(actor, opportunity, check)
    given = _prefill(opp, {k: v for k, v in locals().items() if k in EDITABLE})
    if opp is not None:
        organisation = organisation or opp.organisation
    org = check.run(resolve_partner, actor, organisation)
    if opp is not None and org is not None and org.pk != opp.organisation_id:
        check.add("organisation", "The pledge is from the opportunity's partner.")
    pledge = Pledge(
        organisation=org,
        opportunity=opp,
        region_id=getattr(org, "region_id", None),
        title=given.get("title") or "",
        kind=given.get("kind") or ResourceKind.FINANCIAL,
        in_kind_description=given.get("in_kind_description") or "",
        status=status,
        amount=given.get("amount"),
        currency=given.get("currency") or "USD",
        value_date=value_date or timezone.localdate(),
        created_by=actor,
        is_demo=is_demo,
    )
    pledge.cancelled_reason = ""
    _clean_pledge(pledge, check)
    _convert(pledge, check)
    if status == PledgeStatus.CANCELLED:
        check.add("status", "A new pledge is pledged or confirmed.")
    chosen = given.get("flagship", None)
    pledge.flagship = check.run(resolve_flagship, None if chosen is ... else chosen)
    chosen_outcomes = check.run(resolve_outcomes, given.get("outcomes") or ()) or []
    rows = None
    if "amount" not in check.errors:
        rows = check.run(
            clean_schedule,
            schedule or [(pledge.value_date, pledge.amount)],
            total=pledge.amount,
            currency=pledge.currency,
        )
    if org is not None and actor is not None and not permissions.can_edit(actor, pledge):
        check.add("organisation", "You may record pledges of partners in your region(s) only.")
    check.raise_if_any()
    pledge.save()
    pledge.outcomes.set(chosen_outcomes)
    write_instalments(pledge, rows, usd_total=pledge.amount_usd, first_number=1)
    after = {k: v for k, v in snapshot(pledge, PLEDGE_FIELDS).items() if v not in (None, "")}
    after["outcomes"] = sorted(o.code for o in chosen_outcomes)
    after["schedule"] = schedule_text(schedule_of(pledge))
    record(obj=pledge, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return pledge


def _rescaled(instalments: list[Instalment], total: Decimal) -> list[tuple[date, Decimal]]:
    """The schedule's dates with amounts scaled to a new `total` (exactly)."""
    parts = split(total, [i.amount for i in instalments])
    return [(i.due_date, part) for i, part in zip(instalments, parts, strict=True)]


def _replace_unpaid(pledge: Pledge, current: list[Instalment], schedule) -> None:
    """Keep the instalments that received money; replace the others with `schedule`, which
    must bring the total back to the pledge amount. Kept instalments are numbered first so that
    payments keep landing where they did."""
    kept = [i for i in current if i.received_amount > 0]
    kept_total = sum((i.amount for i in kept), ZERO)
    rows = clean_schedule(schedule, total=pledge.amount - kept_total, currency=pledge.currency)
    Instalment.objects.filter(pledge=pledge).exclude(pk__in=[i.pk for i in kept]).delete()
    for number, inst in enumerate(kept, 1):
        if inst.number != number:
            Instalment.objects.filter(pk=inst.pk).update(number=-number)
    for number, inst in enumerate(kept, 1):
        Instalment.objects.filter(pk=inst.pk).update(number=number)
    usd_left = pledge.amount_usd - sum((i.amount_usd for i in kept), ZERO)
    write_instalments(pledge, rows, usd_total=usd_left, first_number=len(kept) + 1)


@transaction.atomic
def pledge_update(
    actor,
    *,
    pledge: Pledge,
    expected_version: int | None = None,
    schedule=None,
    batch: str = "",
    **changes,
) -> Pledge:
    """Change a pledge, only the fields given; `schedule` replaces the instalments that have
    received nothing. Amount, currency and date can change only while nothing has been
    received (an amount change without a schedule rescales the schedule). A stale edit is
    refused; cancelling needs a reason."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"pledge_update() got unknown field(s): {', '.join(sorted(unknown))}")
    deny_unless(permissions.can_edit(actor, pledge), actor, "You may not change this pledge.")
    pledge = (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("organisation", "opportunity", "flagship")
        .get(pk=pledge.pk)
    )
    current = schedule_of(pledge)
    old_outcomes = sorted(pledge.outcomes.values_list("code", flat=True))
    before = {
        **snapshot(pledge, PLEDGE_FIELDS),
        "outcomes": old_outcomes,
        "schedule": schedule_text(current),
    }
    check = Collector()
    with restored_on_error(pledge):
        for name in (
            "title",
            "kind",
            "in_kind_description",
            "status",
            "cancelled_reason",
            "amount",
            "currency",
            "value_date",
        ):
            if name in changes:
                setattr(pledge, name, changes[name] if changes[name] is not None else "")
        _clean_pledge(pledge, check)
        money_now = snapshot(pledge, MONEY_FIELDS)
        money_changed = any(money_now[f] != before[f] for f in MONEY_FIELDS)
        if money_changed:
            _convert(pledge, check)
        if money_changed and pledge.contributions.exists():
            check.add(
                "amount",
                "Contributions were received against this pledge: its amount, "
                "currency and date can no longer change. Correct the contributions first.",
            )
        if "flagship" in changes:
            pledge.flagship = check.run(resolve_flagship, changes["flagship"])
        outcomes = None
        if "outcomes" in changes:
            outcomes = check.run(resolve_outcomes, changes["outcomes"] or ()) or []
        check.raise_if_any()
        if schedule is not None:
            check.run(_replace_unpaid, pledge, current, schedule)
        elif money_changed:
            Instalment.objects.filter(pledge=pledge).delete()
            write_instalments(
                pledge,
                _rescaled(current, pledge.amount),
                usd_total=pledge.amount_usd,
                first_number=1,
            )
        check.raise_if_any()
        after = {
            **snapshot(pledge, PLEDGE_FIELDS),
            "outcomes": sorted(o.code for o in outcomes) if outcomes is not None else old_outcomes,
            "schedule": schedule_text(schedule_of(pledge)),
        }
        changed = diff(before, after)
        if not changed:
            return pledge
        check_and_bump_version(pledge, expected_version)
        pledge.save()
        if outcomes is not None:
            pledge.outcomes.set(outcomes)
        changed.update(apply_payments(pledge))
        record(obj=pledge, action="update", actor=actor, changes=changed, batch=batch)
    return pledge
