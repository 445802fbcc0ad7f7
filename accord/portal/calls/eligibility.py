"""Who may apply to a call, and until when.

A call is open while it is published and its deadline has not passed — checked at every
access, so a call past its deadline accepts nothing even before `accord send_reminders` closes
it. An organisation is eligible when it is in one of the call's partner categories (none named:
every category), is not archived, and meets the call's due-diligence condition, which asks
accord.diligence: "not blocked" (no open or confirmed screening hit, and an approved review
when the policy requires one for its category), or "approved review" (not blocked and an
approved review still valid, whatever the category)."""

from datetime import datetime

from django.utils import timezone

from accord.diligence.models import DiligenceReview
from accord.diligence.selectors import APPROVED, DECIDED, blocking_reasons_for
from accord.portal.calls.models import Call, CallStatus, DiligenceRequirement


def is_open(call: Call, now: datetime | None = None) -> bool:
    return call.status == CallStatus.PUBLISHED and call.deadline > (now or timezone.now())


def clarifications_open(call: Call, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    until = call.clarification_deadline or call.deadline
    return call.status == CallStatus.PUBLISHED and until > now


def _has_valid_approval(organisation) -> bool:
    """The organisation's latest decided review is an approval still valid today (the
    diligence app's documented read-only model)."""
    latest = (
        DiligenceReview.objects.filter(organisation_id=organisation.pk, status__in=DECIDED)
        .order_by("-decided_at", "-id")
        .values("status", "valid_until")
        .first()
    )
    if latest is None or latest["status"] not in APPROVED:
        return False
    return latest["valid_until"] is None or latest["valid_until"] >= timezone.localdate()


def eligibility_problems(call: Call, organisation, categories=None) -> list[str]:
    """Why `organisation` may not apply to `call` (empty when it may). `categories`: the call's
    eligible categories when the caller already has them."""
    problems = []
    if organisation.archived_at is not None:
        problems.append(f"{organisation.name} is archived.")
    allowed = list(call.categories.all()) if categories is None else list(categories)
    if allowed and organisation.category_id not in {c.pk for c in allowed}:
        names = ", ".join(c.short_name or c.name for c in allowed)
        problems.append(f"This call is open to these partner categories only: {names}.")
    if call.diligence != DiligenceRequirement.NONE:
        problems += blocking_reasons_for(organisation)
    if call.diligence == DiligenceRequirement.APPROVED and not _has_valid_approval(organisation):
        problems.append(
            "This call asks for an approved due-diligence review still valid; "
            f"{organisation.name} has none."
        )
    return problems
