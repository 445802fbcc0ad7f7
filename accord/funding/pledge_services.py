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
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, record, snapshot
from accord.core.money import split, to_cents
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import (
    Collector,
    resolve_flagship,
    resolve_organisations,
    resolve_outcomes,
)
from accord.funding import permissions
from accord.funding.models import (
    Instalment,
    Opportunity,
    PaymentStatus,
    Pledge,
    PledgeStatus,
    ResourceKind,
    StageKind,
)
from accord.funding.rates import to_usd
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
PAYMENT_FIELDS = ["received_amount", "received_usd", "payment_status"]
ZERO = Decimal("0.00")


# --- small shared checks (the contribution services use them too) ---


def deny_unless(allowed: bool, actor, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDeniedError(message)


def as_amount(value, field: str, what: str = "The amount") -> Decimal:
    """A positive amount to the cent, from a Decimal, int or text; a ValidationError otherwise."""
    if isinstance(value, float):
        value = str(value)
    try:
        amount = Decimal(str(value).replace(",", "").strip()) if value is not None else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError({field: f"{what} must be a number."})
    if amount <= 0:
        raise ValidationError({field: f"{what} must be more than zero."})
    if amount != to_cents(amount):
        raise ValidationError({field: f"{what} has more than two decimal places."})
    if amount >= Decimal(10) ** 16:
        raise ValidationError({field: f"{what} is too large."})
    return to_cents(amount)


def resolve_partner(actor, value, field: str = "organisation"):
    """One partner organisation the actor may see (by object or id)."""
    if value in (None, ""):
        raise ValidationError({field: "Choose the partner."})
    try:
        return resolve_organisations(actor, [value])[0]
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def check_date(value, field: str, what: str) -> date:
    if not isinstance(value, date):
        raise ValidationError({field: f"Give {what}."})
    return value


def payment_status(received: Decimal, due: Decimal) -> str:
    if received <= 0:
        return PaymentStatus.UNPAID
    if received < due:
        return PaymentStatus.PARTIAL
    return PaymentStatus.PAID if received == due else PaymentStatus.OVERPAID


# --- the schedule ---


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def propose_instalments(
    amount: Decimal, count: int, first_due: date, *, months_apart: int | None = None
) -> list[tuple[date, Decimal]]:
    """`count` instalments of (nearly) equal amounts that add up to `amount` exactly (the odd
    cents go to the first ones), `months_apart` apart (default: spread over a year)."""
    if not 1 <= count <= 120:
        raise ValidationError({"count": "Split into 1 to 120 instalments."})
    step = months_apart or max(1, 12 // count)
    parts = split(Decimal(amount), [Decimal(1)] * count)
    return [(add_months(first_due, step * k), part) for k, part in enumerate(parts)]


def clean_schedule(schedule, *, total: Decimal, currency: str) -> list[tuple[date, Decimal]]:
    """The instalments given as (due date, amount), checked: each positive, and together equal
    to `total` exactly, to the cent."""
    rows, problems = [], []
    for n, item in enumerate(schedule or (), 1):
        try:
            due, amount = item
            amount = as_amount(amount, "schedule", f"Instalment {n}'s amount")
            check_date(due, "schedule", f"the due date of instalment {n}")
        except (TypeError, ValueError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else []
            problems += messages or [f"Instalment {n}: give a due date and an amount."]
            continue
        rows.append((due, amount))
    if not problems and not rows:
        problems.append("Give at least one instalment.")
    if not problems:
        given = sum((a for _, a in rows), ZERO)
        if given != total:
            problems.append(
                f"The instalments add up to {given:,} {currency}, not the pledge amount "
                f"{total:,} {currency} (a difference of {total - given:,}). They must add up "
                "exactly."
            )
    if problems:
        raise ValidationError({"schedule": problems})
    return sorted(rows, key=lambda row: row[0])


def _write_instalments(pledge: Pledge, rows, *, usd_total: Decimal, first_number: int) -> None:
    usd_parts = split(usd_total, [amount for _, amount in rows])
    Instalment.objects.bulk_create(
        Instalment(
            pledge=pledge, number=first_number + k, due_date=due, amount=amount, amount_usd=usd
        )
        for k, ((due, amount), usd) in enumerate(zip(rows, usd_parts, strict=True))
    )


def schedule_text(instalments) -> list[str]:
    """The schedule as the history shows it: "2026-03-31: 5,000.00"."""
    return [f"{i.due_date.isoformat()}: {i.amount:,}" for i in instalments]


def _schedule_of(pledge: Pledge) -> list[Instalment]:
    return list(Instalment.objects.filter(pledge=pledge).order_by("number"))


def apply_payments(pledge: Pledge) -> dict:
    """Recompute what each instalment and the pledge have received from the pledge's
    contributions, oldest contribution first: each pays the instalment it names (if any) and
    then the instalments in schedule order; a surplus stays on the last instalment it reached
    (shown as overpaid). Returns the pledge's changes {field: [old, new]} for the history."""
    before = snapshot(pledge, PAYMENT_FIELDS)
    instalments = _schedule_of(pledge)
    by_pk = {i.pk: i for i in instalments}
    received = dict.fromkeys(by_pk, ZERO)
    paid = list(
        pledge.contributions.order_by("value_date", "id").values_list(
            "instalment_id", "pledge_amount", "amount_usd"
        )
    )
    for named, amount, _ in paid:
        left = amount or ZERO
        order = instalments
        if named in by_pk:
            order = [by_pk[named], *(i for i in instalments if i.pk != named)]
        last = order[-1] if order else None
        for inst in order:
            room = inst.amount - received[inst.pk]
            if left <= 0:
                break
            if room > 0:
                take = min(room, left)
                received[inst.pk] += take
                left -= take
                last = inst
        if left > 0 and last is not None:
            received[last.pk] += left
    changed = []
    for inst in instalments:
        status = payment_status(received[inst.pk], inst.amount)
        if inst.received_amount != received[inst.pk] or inst.payment_status != status:
            inst.received_amount, inst.payment_status = received[inst.pk], status
            changed.append(inst)
    Instalment.objects.bulk_update(changed, ["received_amount", "payment_status"])
    pledge.received_amount = sum((a or ZERO for _, a, _ in paid), ZERO)
    pledge.received_usd = sum((u for _, _, u in paid), ZERO)
    pledge.payment_status = payment_status(pledge.received_amount, pledge.amount)
    changes = diff(before, snapshot(pledge, PAYMENT_FIELDS))
    if changes:
        pledge.save(update_fields=[*PAYMENT_FIELDS, "updated_at"])
    return changes


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
    _write_instalments(pledge, rows, usd_total=pledge.amount_usd, first_number=1)
    after = {k: v for k, v in snapshot(pledge, PLEDGE_FIELDS).items() if v not in (None, "")}
    after["outcomes"] = sorted(o.code for o in chosen_outcomes)
    after["schedule"] = schedule_text(_schedule_of(pledge))
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
    _write_instalments(pledge, rows, usd_total=usd_left, first_number=len(kept) + 1)


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
    current = _schedule_of(pledge)
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
            _write_instalments(
                pledge,
                _rescaled(current, pledge.amount),
                usd_total=pledge.amount_usd,
                first_number=1,
            )
        check.raise_if_any()
        after = {
            **snapshot(pledge, PLEDGE_FIELDS),
            "outcomes": sorted(o.code for o in outcomes) if outcomes is not None else old_outcomes,
            "schedule": schedule_text(_schedule_of(pledge)),
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
