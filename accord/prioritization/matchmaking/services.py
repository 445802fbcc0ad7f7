"""Decisions on suggested connections. Accepting one records an "introduction" engagement with
both partners (through the engagement app's service, so it appears on both partners'
timelines); dismissing one is remembered. Either way the pair is never suggested again.

`actor=None` means the system (demo data): no permission check, history without a person."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.core.errors import PermissionDeniedError
from accord.core.history import record
from accord.engagement.models import EngagementKind
from accord.engagement.services import engagement_create
from accord.partners.models import Organisation
from accord.prioritization.matchmaking import permissions
from accord.prioritization.matchmaking.models import Decision, MatchDecision
from accord.prioritization.matchmaking.profiles import FUNDER, IMPLEMENTER, SIDES
from accord.prioritization.matchmaking.suggestions import suggestion_between


def orient(a: Organisation, b: Organisation) -> tuple[Organisation, Organisation]:
    """(funder, implementer) from two partners in any order; a pair that is not one partner who
    funds and one who implements is refused."""
    sides = {SIDES.get(a.category.code), SIDES.get(b.category.code)}
    if a.pk == b.pk or sides != {FUNDER, IMPLEMENTER}:
        raise ValidationError(
            {
                "other": "Matchmaking pairs a partner who funds or invests (foundation, private "
                "sector, development bank, government) with one who implements (local "
                "authority, civil society, knowledge partner)."
            }
        )
    return (a, b) if SIDES[a.category.code] == FUNDER else (b, a)


def _check(actor, a: Organisation, b: Organisation):
    if actor is not None and not permissions.can_decide(actor, a, b):
        raise PermissionDeniedError("You may not accept or dismiss suggested connections.")
    funder, implementer = orient(a, b)
    earlier = MatchDecision.objects.filter(funder=funder, implementer=implementer).first()
    if earlier is not None:
        raise ValidationError(
            {
                "other": f"{funder} and {implementer} were already {earlier.decision} on "
                f"{earlier.decided_at:%d %b %Y}."
            }
        )
    suggestion = suggestion_between(user=actor, funder=funder, implementer=implementer)
    return funder, implementer, suggestion


def _introduce(actor, funder, implementer, suggestion, note: str, is_demo: bool, batch: str):
    """The "introduction" engagement of an accepted pair, logged today with both partners."""
    summary = "Introduction suggested by matchmaking."
    if suggestion and suggestion.reasons:
        summary += " " + "; ".join(suggestion.reasons) + "."
    if note:
        summary += f"\n\n{note}"
    return engagement_create(
        actor=actor,
        title=f"Introduction: {funder} and {implementer}"[:300],
        kind=EngagementKind.INTRODUCTION,
        start_date=timezone.localdate(),
        organisations=[funder, implementer],
        summary=summary,
        outcomes=suggestion.shared_outcomes if suggestion else [],
        country=funder.country_id if funder.country_id == implementer.country_id else None,
        is_demo=is_demo,
        batch=batch,
    )


@transaction.atomic
def match_decide(
    *,
    actor,
    partner: Organisation,
    other: Organisation,
    decision: str,
    note: str = "",
    is_demo: bool = False,
    batch: str = "",
) -> MatchDecision:
    """Accept or dismiss the suggestion to connect two partners (in any order). Accepting logs
    an "introduction" engagement with both, tagged with the outcomes they share and their
    common country, so it shows on both timelines; dismissing changes nothing else. Either way
    the decision keeps the reasons and score shown at the time, and the pair is never
    suggested again."""
    if decision not in Decision.values:
        raise ValidationError({"decision": "Accept or dismiss."})
    funder, implementer, suggestion = _check(actor, partner, other)
    engagement = None
    if decision == Decision.ACCEPTED:
        engagement = _introduce(actor, funder, implementer, suggestion, note, is_demo, batch)
    row = MatchDecision(
        funder=funder,
        implementer=implementer,
        decision=decision,
        score=suggestion.score if suggestion else 0.0,
        reasons=suggestion.reasons if suggestion else [],
        note=note[:300],
        decided_by=actor,
        engagement=engagement,
        is_demo=is_demo,
    )
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ValidationError({"other": "Someone decided on this pair a moment ago."}) from None
    changes = {
        "decision": [None, row.decision],
        "funder": [None, str(funder)],
        "implementer": [None, str(implementer)],
        "reasons": [None, row.reasons],
    }
    record(obj=row, action="create", actor=actor, changes=changes, batch=batch)
    return row


def match_accept(*, actor, partner: Organisation, other: Organisation, **options):
    """Accept: see `match_decide`."""
    return match_decide(
        actor=actor, partner=partner, other=other, decision=Decision.ACCEPTED, **options
    )


def match_dismiss(*, actor, partner: Organisation, other: Organisation, **options):
    """Dismiss: see `match_decide`."""
    return match_decide(
        actor=actor, partner=partner, other=other, decision=Decision.DISMISSED, **options
    )
