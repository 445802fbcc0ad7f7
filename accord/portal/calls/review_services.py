"""Writes of reviewers: the conflict-of-interest declaration (before anything else) and the
review — every criterion scored 0–10 with a comment, the weighted score computed
(scoring.py). Only reviewers assigned to the call, only while it is under review."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.core.errors import PermissionDeniedError
from accord.core.history import record
from accord.portal.calls import permissions
from accord.portal.calls.models import (
    Application,
    CallStatus,
    ConflictDeclaration,
    Review,
    Score,
)
from accord.portal.calls.models.reviews import SCORE_MAX
from accord.portal.calls.review_selectors import CONFLICT, UNDECLARED, assignment_for
from accord.portal.calls.scoring import weighted_total


def _assigned(actor, application: Application) -> Application:
    """The application as the reviewer's assignment (404 when not assigned)."""
    permissions.deny_unless(permissions.can_review(actor), "You may not review calls.")
    return assignment_for(user=actor, pk=application.pk)


@transaction.atomic
def declaration_make(
    *, actor, application: Application, has_conflict: bool, note: str = ""
) -> ConflictDeclaration:
    """Declare a conflict of interest with an applicant, or none. A declared conflict is final;
    declaring one after having scored withdraws the review."""
    application = _assigned(actor, application)
    if application.call.status != CallStatus.UNDER_REVIEW:
        raise ValidationError({"has_conflict": "The call is not under review."})
    current = application.declaration
    if current is not None and current.has_conflict:
        raise ValidationError(
            {"has_conflict": "A declared conflict of interest cannot be withdrawn."}
        )
    if current is not None and not has_conflict:
        return current
    note = str(note or "").strip()
    if has_conflict and not note:
        raise ValidationError({"note": "Say briefly what the conflict is."})
    if current is None:
        declaration = ConflictDeclaration.objects.create(
            application=application, reviewer=actor, has_conflict=has_conflict, note=note
        )
    else:
        declaration = current
        declaration.has_conflict, declaration.note = True, note
        declaration.save(update_fields=["has_conflict", "note", "updated_at"])
        Review.objects.filter(application=application, reviewer=actor).delete()
    record(
        obj=application,
        action="update",
        actor=actor,
        note=f"{actor} declared {'a conflict of interest' if has_conflict else 'no conflict'}.",
    )
    return declaration


def _scores(criteria, scores: dict) -> tuple[list[tuple], dict]:
    rows, errors = [], {}
    for criterion in criteria:
        given = scores.get(criterion.pk) or scores.get(str(criterion.pk)) or {}
        raw, comment = given.get("score"), str(given.get("comment") or "").strip()
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        field = f"score_{criterion.pk}"
        if value is None or not 0 <= value <= SCORE_MAX or str(raw).strip() != str(value):
            errors[field] = [f"{criterion.name}: give a whole number from 0 to {SCORE_MAX}."]
        elif not comment:
            errors[f"comment_{criterion.pk}"] = [f"{criterion.name}: explain the score."]
        rows.append((criterion, value, comment))
    return rows, errors


@transaction.atomic
def review_save(*, actor, application: Application, scores: dict, comment: str = "") -> Review:
    """Score every criterion of the call (0–10 with a comment); the weighted score out of 100
    is stored with the review. Saving again replaces the scores."""
    application = _assigned(actor, application)
    if application.declaration is None:
        raise PermissionDeniedError(UNDECLARED)
    if application.declaration.has_conflict:
        raise PermissionDeniedError(CONFLICT)
    if application.call.status != CallStatus.UNDER_REVIEW:
        raise ValidationError(
            {"__all__": "Scores can be given only while the call is under review."}
        )
    criteria = list(application.call.criteria.all())
    rows, errors = _scores(criteria, scores or {})
    if errors:
        raise ValidationError(errors)
    total = weighted_total((value, c.weight) for c, value, _ in rows)
    review, created = Review.objects.update_or_create(
        application=application,
        reviewer=actor,
        defaults={"total": total, "comment": str(comment or "").strip()},
    )
    previous = None if created else str(application.review.total)
    review.scores.all().delete()
    Score.objects.bulk_create(
        Score(review=review, criterion=c, score=value, comment=text) for c, value, text in rows
    )
    record(
        obj=review,
        action="create" if created else "update",
        actor=actor,
        changes={
            "total": [previous, str(total)],
            "scores": [None, {c.name: value for c, value, _ in rows}],
        },
    )
    return review
