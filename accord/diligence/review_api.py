"""API of due-diligence reviews: list (due renewals, expired approvals), start one, read it (with
the status changes you may make now, in `transitions`), edit a draft, move it along its life.
Part of the diligence router (api.py)."""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema, Status

from accord.api.common import HistoryOut, Page, Ref, history_out, paginate, require
from accord.core.history import history_for
from accord.diligence import checklist, permissions, review_selectors, review_services
from accord.diligence.models import DiligenceReview
from accord.partners import permissions as partner_permissions

router = Router(tags=["due diligence"])


class AnswerOut(Schema):
    code: str
    label: str
    answer: str = Field(description="clear, concern, unknown or empty")
    note: str
    automatic: bool = Field(description="Filled from screening (sanctions)")


class TransitionOut(Schema):
    name: str
    label: str
    target: str
    target_label: str
    asks: list[str] = Field(description="Inputs it takes: reason, conditions, valid_until")
    blocked: str = Field(description="Why it cannot go ahead (four eyes, checklist), or empty")


class ReviewOut(Schema):
    id: int
    organisation: Ref
    status: str
    status_label: str
    checklist: list[AnswerOut]
    global_compact: str
    evidence: str
    notes: str
    risk_rating: str
    prepared_by: str | None
    submitted_at: datetime | None
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str
    conditions: str
    valid_until: date | None
    expired: bool
    version: int
    transitions: list[TransitionOut] = Field(description="Status changes you may make now")


class ReviewDetailOut(ReviewOut):
    history: list[HistoryOut]


class ReviewPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ReviewOut]


class ReviewQuery(Page):
    status: str = ""
    due: bool = Field(False, description="Approvals that expire within 60 days")
    expired: bool = Field(False, description="Approvals past their validity")
    organisation: int | None = None


class ReviewIn(Schema):
    organisation: int
    checklist: dict = Field({}, description='{"weapons": {"answer": "clear", "note": ""}, …}')
    global_compact: str = ""
    evidence: str = ""
    notes: str = ""
    risk_rating: str = ""


class ReviewPatch(Schema):
    version: int | None = None
    checklist: dict | None = None
    global_compact: str | None = None
    evidence: str | None = None
    notes: str | None = None
    risk_rating: str | None = None


class TransitionIn(Schema):
    transition: str = Field(
        description="submit, approve, approve_with_conditions, reject or withdraw"
    )
    reason: str = ""
    conditions: str = ""
    valid_until: date | None = None
    version: int | None = None


def _answers(review: DiligenceReview) -> list[dict]:
    return [
        {"code": r["criterion"].code, "label": r["criterion"].label, "answer": r["answer"],
         "note": r["note"], "automatic": r["criterion"].automatic}
        for r in checklist.rows(review.checklist)
    ]


def review_out(user, r: DiligenceReview, *, transitions: bool = False) -> dict:
    """A review in the API's shape; its transitions only when asked (they cost a query)."""
    return {
        **{f: getattr(r, f) for f in ("id", "status", "global_compact", "evidence", "notes",
                                      "risk_rating", "submitted_at", "decided_at",
                                      "decision_reason", "conditions", "valid_until",
                                      "version")},
        "organisation": {"id": r.organisation_id, "name": r.organisation.name},
        "status_label": r.get_status_display(),
        "checklist": _answers(r),
        "prepared_by": str(r.prepared_by) if r.prepared_by else None,
        "decided_by": str(r.decided_by) if r.decided_by else None,
        "expired": review_selectors.is_expired(r),
        "transitions": review_selectors.available_transitions(user=user, review=r)
        if transitions else [],
    }


def _read(user, pk) -> dict:
    review = permissions.review_for(user, pk)
    out = review_out(user, review, transitions=True)
    out["history"] = history_out(list(history_for(review)))
    return out


@router.get("/diligence/reviews", response=ReviewPage, summary="Due-diligence reviews")
def review_list(request, filters: Query[ReviewQuery]):
    require(request.auth, "diligence.view")
    values = filters.dict(exclude={"page", "page_size"})
    qs = review_selectors.review_list(
        user=request.auth, filters=review_selectors.ReviewFilters(**values)
    )
    data = paginate(qs, filters)
    data["results"] = [review_out(request.auth, r) for r in data.pop("rows")]
    return data


@router.post("/diligence/reviews", response={201: ReviewDetailOut}, summary="Start a review")
def review_create(request, payload: ReviewIn):
    require(request.auth, "diligence.prepare")
    values = payload.dict()
    organisation = partner_permissions.organisation_for(request.auth, values.pop("organisation"))
    review = review_services.review_create(
        actor=request.auth, organisation=organisation, **values
    )
    return Status(201, _read(request.auth, review.pk))


@router.get("/diligence/reviews/{review_id}", response=ReviewDetailOut, summary="One review")
def review_read(request, review_id: int):
    return _read(request.auth, review_id)


@router.patch("/diligence/reviews/{review_id}", response=ReviewDetailOut,
              summary="Edit a draft review")
def review_update(request, review_id: int, payload: ReviewPatch):
    review = permissions.review_for(request.auth, review_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    review_services.review_update(
        actor=request.auth, review=review, expected_version=version, **changes
    )
    return _read(request.auth, review_id)


@router.post("/diligence/reviews/{review_id}/transition", response=ReviewDetailOut,
             summary="Submit, decide or withdraw a review")
def review_transition(request, review_id: int, payload: TransitionIn):
    review = permissions.review_for(request.auth, review_id, action="transition")
    values = payload.dict()
    review_services.review_transition(
        actor=request.auth, review=review, expected_version=values.pop("version"), **values
    )
    return _read(request.auth, review_id)
