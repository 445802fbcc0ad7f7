"""Amendments: how a signed agreement's key terms (title, type, value, dates, parties) change.
The service applies the change and keeps exactly what changed ({field: [old, new]}) on the
amendment, numbered 1, 2, … per agreement, with the history of both records."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accord.agreements import permissions, services, terms
from accord.agreements.models import Agreement, AgreementStatus, Amendment
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import Collector
from accord.partners.contact_services import restored_on_error

AMENDABLE = frozenset({AgreementStatus.SIGNED, AgreementStatus.ACTIVE})
# The agreement's own signature date is a fact of its signing, not a term to amend.
AMENDABLE_TERMS = terms.KEY_TERMS - {"signed_on"}


@transaction.atomic
def amendment_create(
    *,
    actor,
    agreement: Agreement,
    signed_on,
    summary: str,
    expected_version: int | None = None,
    batch: str = "",
    **changes,
) -> Amendment:
    """Amend a signed or active agreement: the changed key terms are applied to it and the
    amendment records them, with its signature date and what it is about."""
    unknown = set(changes) - AMENDABLE_TERMS
    if unknown:
        raise TypeError(f"amendment_create() got unknown field(s): {', '.join(sorted(unknown))}")
    services.deny_unless(
        permissions.can_edit(actor, agreement), actor, "You may not amend this agreement."
    )
    check = Collector()
    if agreement.status not in AMENDABLE:
        check.add(
            "__all__", "Only a signed or active agreement can be amended; edit a draft directly."
        )
    summary = str(summary or "").strip()
    if not summary:
        check.add("summary", "Say what the amendment is about.")
    if not isinstance(signed_on, date):
        check.add("signed_on", "Give the date the amendment was signed.")
    elif signed_on > timezone.localdate():
        check.add("signed_on", "The signature date cannot be in the future.")
    check.raise_if_any()
    before = terms.state_of(agreement)
    parties = terms.current_parties(agreement)
    with restored_on_error(agreement):
        related = terms.apply_changes(actor, agreement, changes, check, parties=parties)
        if agreement.type.has_value and agreement.amount is None and "amount" in changes:
            check.add("amount", "Agreements of this type carry a value: it cannot be removed.")
        check.raise_if_any()
        after = {
            **before,
            **snapshot(agreement, terms.STORED_FIELDS),
            **terms.related_labels(related),
        }
        changed = diff(before, after)
        if not changed:
            raise ValidationError({"__all__": "The amendment changes none of the terms."})
        check_and_bump_version(agreement, expected_version)
        agreement.save(
            update_fields=[*(f for f in terms.STORED_FIELDS if f in changed), "updated_at"]
        )
        terms.save_related(agreement, {k: v for k, v in related.items() if k in changed})
    number = (agreement.amendments.aggregate(n=Max("number"))["n"] or 0) + 1
    amendment = Amendment.objects.create(
        agreement=agreement,
        number=number,
        signed_on=signed_on,
        summary=summary,
        changes=changed,
        created_by=actor,
    )
    note = f"Amendment {number}: {summary}"
    record(obj=agreement, action="update", actor=actor, changes=changed, note=note, batch=batch)
    record(
        obj=amendment,
        action="create",
        actor=actor,
        batch=batch,
        changes=diff({}, {"number": number, "signed_on": signed_on, "summary": summary}),
    )
    return amendment
