"""The reviewers' endpoints of the calls API (included by api.py): the assignments, the
conflict-of-interest declaration, then the review. A declared conflict answers 403 with the
reason; an application the reviewer is not assigned to, 404."""

from ninja import Router, Status

from accord.core.errors import PermissionDeniedError
from accord.portal.calls import api_schemas as s
from accord.portal.calls import permissions, review_selectors, review_services

router = Router(tags=["Calls for proposals"])


def _require_reviewer(user) -> None:
    if not permissions.can_review(user):
        raise PermissionDeniedError("You may not review calls.")


@router.get("/calls/assignments", response=list[s.AssignmentOut], summary="Your assignments")
def assignment_list(request):
    _require_reviewer(request.auth)
    rows = [
        review_selectors.annotate_mine(a) for a in review_selectors.assignments(user=request.auth)
    ]
    return [
        {
            "application": a.pk,
            "call": a.call_id,
            "call_title": a.call.title,
            "organisation_name": a.organisation.name,
            "declared": a.declaration is not None,
            "has_conflict": bool(a.declaration and a.declaration.has_conflict),
            "review_total": a.review.total if a.review else None,
        }
        for a in rows
    ]


@router.post(
    "/calls/assignments/{int:application_id}/declaration",
    response={201: dict},
    summary="Declare a conflict of interest, or none",
)
def declaration_make(request, application_id: int, payload: s.DeclarationIn):
    _require_reviewer(request.auth)
    application = review_selectors.assignment_for(user=request.auth, pk=application_id)
    d = review_services.declaration_make(
        actor=request.auth,
        application=application,
        has_conflict=payload.has_conflict,
        note=payload.note,
    )
    return Status(201, {"application": application.pk, "has_conflict": d.has_conflict})


@router.put(
    "/calls/assignments/{int:application_id}/review",
    response=s.ReviewOut,
    summary="Score every criterion (0-10 with a comment)",
)
def review_save(request, application_id: int, payload: s.ReviewIn):
    _require_reviewer(request.auth)
    application = review_selectors.assignment_for(user=request.auth, pk=application_id)
    review = review_services.review_save(
        actor=request.auth,
        application=application,
        comment=payload.comment,
        scores={k: v.dict() for k, v in payload.scores.items()},
    )
    return {"application": application.pk, "total": review.total}
