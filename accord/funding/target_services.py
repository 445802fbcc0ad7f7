"""Writes of funding targets: how much (in USD) a flagship programme or an outcome should raise
in a year. Institution-wide settings, changed by those who may manage targets; versioned and
in the history."""

from django.db import transaction

from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import Collector, resolve_flagship, resolve_outcomes
from accord.funding import permissions
from accord.funding.models import FundingTarget
from accord.funding.schedules import as_amount, deny_unless
from accord.partners.contact_services import restored_on_error

FIELDS = ["year", "flagship", "outcome", "amount_usd", "note"]
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _deny(actor) -> None:
    deny_unless(permissions.can_manage_targets(actor), actor, "You may not manage targets.")


def _clean(target: FundingTarget, check: Collector) -> None:
    try:
        target.year = int(target.year)
    except (TypeError, ValueError):
        check.add("year", "Give the year as four digits.")
    else:
        if not FIRST_YEAR <= target.year <= LAST_YEAR:
            check.add("year", f"Give a year between {FIRST_YEAR} and {LAST_YEAR}.")
    amount = check.run(as_amount, target.amount_usd, "amount_usd", "The target")
    if amount is not None:
        target.amount_usd = amount
    target.note = " ".join(str(target.note or "").split())[:300]
    if (target.flagship is None) == (target.outcome is None) and not check.errors.keys() & {
        "flagship",
        "outcome",
    }:
        check.add("flagship", "Set the target for one flagship programme or one outcome.")
    if check.errors:
        return
    taken = FundingTarget.objects.filter(
        year=target.year, flagship=target.flagship, outcome=target.outcome
    ).exclude(pk=target.pk)
    if taken.exists():
        subject = target.flagship or target.outcome
        check.add("year", f"{subject} already has a target for {target.year}: edit that one.")


@transaction.atomic
def target_create(
    actor,
    *,
    year,
    amount_usd,
    flagship=None,
    outcome=None,
    note: str = "",
    is_demo: bool = False,
    batch: str = "",
) -> FundingTarget:
    """Set the funding target of a flagship programme or an outcome for a year."""
    _deny(actor)
    check = Collector()
    target = FundingTarget(
        year=year,
        amount_usd=amount_usd,
        note=note,
        created_by=actor,
        is_demo=is_demo,
        flagship=check.run(resolve_flagship, flagship),
        outcome=(check.run(resolve_outcomes, [outcome]) or [None])[0] if outcome else None,
    )
    if "outcomes" in check.errors:
        check.errors["outcome"] = check.errors.pop("outcomes")
    _clean(target, check)
    check.raise_if_any()
    target.save()
    after = {k: v for k, v in snapshot(target, FIELDS).items() if v not in (None, "")}
    record(obj=target, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return target


@transaction.atomic
def target_update(
    actor,
    *,
    target: FundingTarget,
    expected_version: int | None = None,
    batch: str = "",
    **changes,
) -> FundingTarget:
    """Change a target's amount, year or note (its programme stays: set another target)."""
    _deny(actor)
    unknown = set(changes) - {"year", "amount_usd", "note"}
    if unknown:
        raise TypeError(f"target_update() got unknown field(s): {sorted(unknown)}")
    target = FundingTarget.objects.select_related("flagship", "outcome").get(pk=target.pk)
    before = snapshot(target, FIELDS)
    with restored_on_error(target):
        for name, value in changes.items():
            setattr(target, name, value)
        check = Collector()
        _clean(target, check)
        check.raise_if_any()
        changed = diff(before, snapshot(target, FIELDS))
        if not changed:
            return target
        check_and_bump_version(target, expected_version)
        target.save()
        record(obj=target, action="update", actor=actor, changes=changed, batch=batch)
    return target


@transaction.atomic
def target_delete(
    actor, *, target: FundingTarget, expected_version: int | None = None, batch: str = ""
) -> None:
    _deny(actor)
    target = FundingTarget.objects.select_related("flagship", "outcome").get(pk=target.pk)
    check_and_bump_version(target, expected_version)
    gone = {k: [v, None] for k, v in snapshot(target, FIELDS).items() if v not in (None, "")}
    record(obj=target, action="delete", actor=actor, changes=gone, batch=batch)
    target.delete()
