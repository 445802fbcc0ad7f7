"""Checks the money services share, and the payment schedule of a pledge: proposing and
checking instalments, writing them with their exact USD parts, and `apply_payments`, which
recomputes what each instalment and the pledge have received from all the pledge's
contributions (so the statuses are right whatever the order of payments)."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, snapshot
from accord.core.money import split, to_cents
from accord.engagement.resolve import resolve_organisations
from accord.funding.models import Instalment, PaymentStatus, Pledge

ZERO = Decimal("0.00")
PAYMENT_FIELDS = ["received_amount", "received_usd", "payment_status"]


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


def write_instalments(pledge: Pledge, rows, *, usd_total: Decimal, first_number: int) -> None:
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


def schedule_of(pledge: Pledge) -> list[Instalment]:
    return list(Instalment.objects.filter(pledge=pledge).order_by("number"))


def apply_payments(pledge: Pledge) -> dict:
    """Recompute what each instalment and the pledge have received from the pledge's
    contributions, oldest contribution first: each pays the instalment it names (if any) and
    then the instalments in schedule order; a surplus stays on the last instalment it reached
    (shown as overpaid). Returns the pledge's changes {field: [old, new]} for the history."""
    before = snapshot(pledge, PAYMENT_FIELDS)
    instalments = schedule_of(pledge)
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
