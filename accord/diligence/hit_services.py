"""Writes of screening results: a reviewer's decision on a hit (a confirmed match or a false
positive, with the reason), an administrator reopening a decision, and screening one partner on
demand. A decision lands in the history of the organisation or contact the hit is about."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.errors import PermissionDeniedError
from accord.core.history import record
from accord.diligence import permissions
from accord.diligence.models import HitStatus, ScreeningHit, ScreeningRun, ScreeningTrigger
from accord.diligence.screening import service
from accord.partners.models import Organisation

DECISIONS = (HitStatus.CONFIRMED, HitStatus.FALSE_POSITIVE)
MAX_REASON = 5000


def _deny_unless(allowed: bool, actor, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDeniedError(message)


def _reason(reason: str) -> str:
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["Write the reason for this decision."]})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": ["Keep the reason under 5,000 characters."]})
    return reason


def _record(hit: ScreeningHit, actor, old: str, new: str, text: str) -> None:
    subject = hit.organisation if hit.organisation_id else hit.contact
    entry = hit.entry
    record(
        obj=subject, action="update", actor=actor, changes={"screening": [old, new]},
        note=f"Screening hit {hit.pk} on {entry.reference_number} {entry.name}: {text}",
    )


def _set(hit: ScreeningHit, *, expected: tuple[str, ...], status: str, actor, reason: str,
         decided: bool) -> str:
    """Change the hit's status only if it is still in `expected` (a concurrent decision
    loses); returns the status it had."""
    old = hit.status
    now = timezone.now()
    values = {
        "status": status, "reason": reason, "updated_at": now,
        "decided_by": actor if decided else None, "decided_at": now if decided else None,
    }
    if ScreeningHit.objects.filter(pk=hit.pk, status__in=expected).update(**values) == 0:
        current = ScreeningHit.objects.filter(pk=hit.pk).values_list("status", flat=True).first()
        label = HitStatus(current).label.lower() if current else "removed"
        raise ValidationError({"status": [
            f"This hit was already decided ({label}); only an administrator can reopen it."
        ]})
    for name, value in values.items():
        setattr(hit, name, value)
    return old


@transaction.atomic
def hit_decide(*, actor, hit: ScreeningHit, status: str, reason: str) -> ScreeningHit:
    """Decide an open hit: a confirmed match (the partner stays blocked) or a false positive
    (not raised again for this entry and list version unless the screened names change). The
    written reason is required; a decided hit is not decided again."""
    _deny_unless(permissions.can_decide_hit(actor), actor, "You may not decide screening hits.")
    if status not in DECISIONS:
        raise ValidationError({"status": ["Decide “confirmed” (a match) or “false_positive”."]})
    reason = _reason(reason)
    old = _set(hit, expected=(HitStatus.OPEN,), status=status, actor=actor, reason=reason,
               decided=True)
    _record(hit, actor, old, status, f"{HitStatus(status).label}. {reason}")
    return hit


@transaction.atomic
def hit_reopen(*, actor, hit: ScreeningHit, reason: str) -> ScreeningHit:
    """Take back a decision (an administrator, with the reason): the hit is open again and
    blocks the partner until it is decided anew."""
    _deny_unless(
        permissions.can_reopen_hit(actor), actor, "Only an administrator may reopen a hit."
    )
    reason = _reason(reason)
    old = _set(hit, expected=DECISIONS, status=HitStatus.OPEN, actor=actor,
               reason=f"Reopened: {reason}", decided=False)
    _record(hit, actor, old, HitStatus.OPEN, f"Reopened. {reason}")
    return hit


def screen_organisation(*, actor, organisation: Organisation) -> ScreeningRun:
    """Screen a partner and its contacts now, against the current lists."""
    _deny_unless(
        permissions.can_screen(actor) and permissions.in_region(actor, organisation), actor,
        "You may not screen this partner.",
    )
    run = service.screen(
        "organisation", [organisation.pk], trigger=ScreeningTrigger.ON_DEMAND, actor=actor
    )
    if run is None:
        raise ValidationError(
            {"__all__": ["No sanctions list is loaded: an administrator loads one first."]}
        )
    contact_ids = list(
        organisation.contacts.filter(archived_at__isnull=True).values_list("id", flat=True)
    )
    if contact_ids:
        contacts_run = service.screen(
            "contact", contact_ids, trigger=ScreeningTrigger.ON_DEMAND, actor=actor
        )
        # One run per partner screening: its counts carry both kinds.
        run.counts = {**run.counts, **contacts_run.counts}
        contacts_run.hits.update(run=run)
        contacts_run.delete()
    # Which partner the run was for, so its page can say when it was last screened.
    run.progress = {"organisation": organisation.pk}
    run.save(update_fields=["counts", "progress"])
    return run
