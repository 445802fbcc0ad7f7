"""Writes of obligations — what is owed under an agreement (reports, visibility, audits,
renewals): add, edit, move along their small state table (obligation_states.py), and the
system's marks that a reminder or an escalation went out (reminders.py). Same rules as
accord.agreements.services: one transaction, every field checked, history recorded."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.agreements import obligation_states, permissions
from accord.agreements.models import Agreement, AgreementStatus, Obligation, ObligationKind
from accord.agreements.services import deny_unless
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import Collector, resolve_user
from accord.partners.contact_services import load_related, restored_on_error

FIELDS = ["kind", "title", "description", "due_date", "owner", "remind_days_before"]
MAX_REMIND_DAYS = 365


def _apply(o: Obligation, changes: dict, check: Collector) -> None:
    if "title" in changes:
        o.title = " ".join(str(changes["title"] or "").split())
    if "description" in changes:
        o.description = str(changes["description"] or "").strip()
    if "kind" in changes:
        o.kind = changes["kind"]
    if "due_date" in changes:
        o.due_date = changes["due_date"] or None
    if "owner" in changes:
        o.owner = check.run(resolve_user, changes["owner"])
    if "remind_days_before" in changes:
        value = changes["remind_days_before"]
        o.remind_days_before = 14 if value is None or value == "" else value
    if not o.title:
        check.add("title", "Say what is owed.")
    if o.kind not in ObligationKind.values:
        check.add("kind", f"Unknown kind {o.kind!r}. Choose from: {', '.join(ObligationKind)}.")
    if not isinstance(o.due_date, date):
        check.add("due_date", "Give the due date.")
    days = o.remind_days_before
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_REMIND_DAYS:
        check.add("remind_days_before", f"Give a number of days from 0 to {MAX_REMIND_DAYS}.")
    check.run(
        o.full_clean,
        exclude=[*check.errors, "agreement", "status"],
        validate_unique=False,
        validate_constraints=False,
    )


@transaction.atomic
def obligation_create(
    *,
    actor,
    agreement: Agreement,
    kind: str,
    title: str,
    due_date,
    owner=None,
    description: str = "",
    remind_days_before: int = 14,
    is_demo: bool = False,
    batch: str = "",
) -> Obligation:
    """Add something owed under the agreement, with its due date and the person who sees to
    it; they are reminded `remind_days_before` days before it falls due."""
    deny_unless(permissions.can_edit(actor, agreement), actor, "You may not add obligations here.")
    if agreement.status == AgreementStatus.CLOSED:
        raise ValidationError({"__all__": "The agreement is closed: nothing more is owed."})
    changes = {k: v for k, v in locals().items() if k in FIELDS}
    o = Obligation(agreement=agreement, is_demo=is_demo)
    check = Collector()
    _apply(o, changes, check)
    check.raise_if_any()
    o.save()
    after = {k: v for k, v in snapshot(o, [*FIELDS, "status"]).items() if v not in (None, "")}
    record(
        obj=o,
        action="create",
        actor=actor,
        changes=diff({}, after),
        batch=batch,
        note=f"Under {agreement.reference}",
    )
    return o


@transaction.atomic
def obligation_update(
    *, actor, obligation: Obligation, expected_version: int | None = None, **changes
) -> Obligation:
    """Change what is owed, when, or who sees to it. A new due date (or reminder lead time)
    means a new reminder, and a new escalation if it falls overdue again."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"obligation_update() got unknown field(s): {', '.join(sorted(unknown))}")
    load_related(obligation, "agreement", "owner")
    deny_unless(
        permissions.can_edit(actor, obligation.agreement),
        actor,
        obligation_states.MESSAGES["forbidden"],
    )
    before = snapshot(obligation, FIELDS)
    with restored_on_error(obligation):
        check = Collector()
        _apply(obligation, changes, check)
        check.raise_if_any()
        changed = diff(before, snapshot(obligation, FIELDS))
        if not changed:
            return obligation
        fields = [f for f in FIELDS if f in changed]
        if {"due_date", "remind_days_before"} & set(changed):
            obligation.reminded_on = None
            fields.append("reminded_on")
        if "due_date" in changed:
            obligation.escalated_on = None
            fields.append("escalated_on")
        check_and_bump_version(obligation, expected_version)
        obligation.save(update_fields=[*fields, "updated_at"])
        record(obj=obligation, action="update", actor=actor, changes=changed)
    return obligation


@transaction.atomic
def obligation_transition(
    *,
    actor,
    obligation: Obligation,
    transition: str,
    note: str = "",
    expected_version: int | None = None,
    today: date | None = None,
    batch: str = "",
) -> Obligation:
    """Mark an obligation submitted, done, waived (with the reason) or open again."""
    load_related(obligation, "agreement", "owner")
    deny_unless(
        permissions.can_complete_obligation(actor, obligation),
        actor,
        obligation_states.MESSAGES["forbidden"],
    )
    note = str(note or "").strip()
    try:
        step = obligation_states.find(obligation, transition)
        obligation_states.check(step, note)
    except obligation_states.TransitionError as exc:
        raise ValidationError({exc.field: str(exc)}) from None
    watched = ["status", "completed_on", "escalated_on", "note"]
    before = snapshot(obligation, watched)
    with restored_on_error(obligation):
        check_and_bump_version(obligation, expected_version)
        fields = obligation_states.apply(
            step, obligation, note=note, day=today or timezone.localdate()
        )
        if step.reopens:
            obligation.reminded_on = None
            fields.append("reminded_on")
        obligation.save(update_fields=[*fields, "updated_at"])
    record(
        obj=obligation,
        action="update",
        actor=actor,
        batch=batch,
        changes=diff(before, snapshot(obligation, watched)),
        note=note or f"{step.label}.",
    )
    return obligation


def mark_sent(obligations, *, field: str, day: date, note: str) -> None:
    """The system notes that a reminder (`reminded_on`) or an escalation (`escalated_on`) went
    out for these obligations, so each goes once; no version bump (nobody's edit is stale)."""
    for o in obligations:
        old = getattr(o, field)
        setattr(o, field, day)
        o.save(update_fields=[field])
        record(
            obj=o, action="update", actor=None, changes=diff({field: old}, {field: day}), note=note
        )
