"""Writes of agreements: create, edit, and the status changes of the life cycle (states.py).
Each service is one transaction: it checks every field first (all errors at once, nothing
stored), writes, and records the change in the history as {field: [old, new]}. Once signed, the
key terms (title, type, value, dates, parties) change only through an amendment
(amendment_services.py); how changes apply to the terms is in terms.py. `actor=None` is the
system (commands, demo data): no permission check, history without a person."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone

from accord.agreements import permissions, states
from accord.agreements.models import OPEN_OBLIGATIONS, Agreement
from accord.agreements.terms import (
    EDITABLE_FIELDS,
    KEY_TERMS,
    SIGNED,
    STORED_FIELDS,
    apply_changes,
    current_parties,
    related_labels,
    save_related,
    state_of,
    would_see,
)
from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import Collector
from accord.partners.contact_services import load_related, restored_on_error


def deny_unless(allowed: bool, actor, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDeniedError(message)


def next_reference(year: int) -> str:
    """AGR-<year>-<0001>: one more than the highest number of that year."""
    prefix = f"AGR-{year}-"
    last = (
        Agreement.objects.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{number:04d}"


def _insert(a: Agreement, year: int) -> None:
    # Two people creating at once may pick the same number: the unique index decides, retry.
    for _ in range(20):
        a.reference = next_reference(year)
        try:
            with transaction.atomic():
                a.save()
            return
        except IntegrityError:
            continue
    raise IntegrityError("Could not allocate an agreement reference.")


@transaction.atomic
def agreement_create(
    *,
    actor,
    title: str,
    type,
    parties,
    summary: str = "",
    amount=None,
    currency: str = "",
    value_date=None,
    opportunity=None,
    pledge=None,
    signed_on=None,
    start_date=None,
    end_date=None,
    flagship=None,
    outcomes=(),
    strategies=(),
    owner=None,
    office: str = "",
    region=None,
    is_demo: bool = False,
    batch: str = "",
    reference_year: int | None = None,
) -> Agreement:
    """Record a draft agreement with its parties (at least one) and, when it has one, its value
    in its own currency with the USD equivalent at the value date's rate."""
    deny_unless(permissions.can_create(actor), actor, "You may not record agreements.")
    changes = {k: v for k, v in locals().items() if k in EDITABLE_FIELDS}
    a = Agreement(created_by=actor if actor is not None else None, is_demo=is_demo)
    check = Collector()
    related = apply_changes(actor, a, changes, check)
    if not check.errors and not would_see(actor, a, related["parties"]):
        check.add(
            "region",
            "Keep the agreement in your region(s): lead it from your region or "
            "add a party from it.",
        )
    check.raise_if_any()
    _insert(a, reference_year or timezone.localdate().year)
    save_related(a, related)
    after = {k: v for k, v in snapshot(a, STORED_FIELDS).items() if v not in (None, "")}
    after.update({"reference": a.reference, "status": a.status, **related_labels(related)})
    record(obj=a, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return a


@transaction.atomic
def agreement_update(
    *, actor, agreement: Agreement, expected_version: int | None = None, **changes
) -> Agreement:
    """Change an agreement's details. Once it is signed its key terms (title, type, value,
    dates, parties) are changed only by an amendment; its status only by a transition."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"agreement_update() got unknown field(s): {', '.join(sorted(unknown))}")
    deny_unless(permissions.can_edit(actor, agreement), actor, "You may not change this agreement.")
    before = state_of(agreement)
    parties = current_parties(agreement)
    with restored_on_error(agreement):
        check = Collector()
        related = apply_changes(actor, agreement, changes, check, parties=parties)
        check.raise_if_any()
        after = {**before, **snapshot(agreement, STORED_FIELDS), **related_labels(related)}
        changed = diff(before, after)
        locked = sorted(KEY_TERMS & set(changed)) if agreement.status in SIGNED else []
        for field in locked:
            check.add(field, "The agreement is signed: change this through an amendment.")
        if not locked and not would_see(actor, agreement, related.get("parties", parties)):
            check.add(
                "region", "You would no longer see this agreement: keep it in your region(s)."
            )
        check.raise_if_any()
        if not changed:
            return agreement
        check_and_bump_version(agreement, expected_version)
        agreement.save(update_fields=[*(f for f in STORED_FIELDS if f in changed), "updated_at"])
        save_related(agreement, {k: v for k, v in related.items() if k in changed})
        record(obj=agreement, action="update", actor=actor, changes=changed)
    return agreement


def transition_context(agreement: Agreement, *, note: str = "", day=None, today=None):
    today = today or timezone.localdate()
    return states.Context(
        agreement=agreement,
        note=note,
        day=day,
        today=today,
        parties=agreement.party_links.count(),
        open_obligations=agreement.obligations.filter(status__in=OPEN_OBLIGATIONS).count(),
    )


@transaction.atomic
def agreement_transition(
    *,
    actor,
    agreement: Agreement,
    transition: str,
    note: str = "",
    date=None,
    expected_version: int | None = None,
    today=None,
    batch: str = "",
) -> Agreement:
    """Move an agreement along its life cycle (states.py): the change must be allowed from the
    current status and pass its guards; `date` is the signature or termination date."""
    deny_unless(permissions.can_edit(actor, agreement), actor, states.MESSAGES["forbidden"])
    load_related(agreement, "type")
    note = str(note or "").strip()
    ctx = transition_context(agreement, note=note, day=date, today=today)
    try:
        step = states.find(agreement, transition)
        states.check(step, ctx)
    except states.TransitionError as exc:
        raise ValidationError({exc.field: str(exc)}) from None
    before = snapshot(agreement, ["status", "signed_on", "ended_on", "end_reason"])
    with restored_on_error(agreement):
        check_and_bump_version(agreement, expected_version)
        agreement.status = step.target
        agreement.status_changed_at = timezone.now()
        changed_fields = states.apply_effects(step, agreement, ctx)
        agreement.save(update_fields=["status", "status_changed_at", *changed_fields, "updated_at"])
    after = snapshot(agreement, ["status", "signed_on", "ended_on", "end_reason"])
    record(
        obj=agreement,
        action="update",
        actor=actor,
        changes=diff(before, after),
        batch=batch,
        note=note or f"{step.label}.",
    )
    return agreement
