"""The portal app's REST endpoints (mounted under /api/v1/ by accord/api/api.py).

Partner focal points: their own profile and expressions of interest under /portal/me —
never another organisation's (404). Staff: the queues of registrations, join requests and
change requests, and the stream of expressions of interest, with answers."""

from ninja import Query, Router, Status

from accord.api.common import Page, paginate, require
from accord.portal import interest_services, permissions, profile_services, selectors
from accord.portal.api_schemas import (
    AnswerIn,
    ChangePage,
    InterestIn,
    InterestOut,
    InterestPage,
    InterestQuery,
    ProfileIn,
    ProfileOut,
    ProfileResult,
    RegistrationOut,
    RegistrationPage,
)
from accord.portal.selectors import InterestFilters

router = Router(tags=["Stakeholder portal"])


def _profile(org) -> dict:
    return {
        **{
            f: getattr(org, f)
            for f in (
                "id",
                "name",
                "acronym",
                "city",
                "website",
                "email",
                "phone",
                "description",
                "iati_identifier",
                "registration_number",
                "resources_offered",
                "version",
            )
        },
        "category": org.category.code,
        "country": org.country_id,
        "outcomes": sorted(org.outcomes.values_list("code", flat=True)),
    }


def _change(c) -> dict:
    return {
        "id": c.pk,
        "organisation": str(c.organisation),
        "status": c.status,
        "changes": c.changes,
        "note": c.note,
        "reason": c.reason,
        "created_at": c.created_at,
    }


def _interest(e) -> dict:
    return {
        "id": e.pk,
        "organisation": str(e.organisation),
        "title": e.title,
        "offers": e.offers,
        "seeks": e.seeks,
        "resources": e.resources,
        "status": e.status,
        "answer": e.answer,
        "answered_at": e.answered_at,
        "engagement_id": e.engagement_id,
        "opportunity_id": e.opportunity_id,
        "created_at": e.created_at,
        "outcomes": [o.code for o in e.outcomes.all()],
        "flagships": [f.code for f in e.flagships.all()],
        "countries": [c.code for c in e.countries.all()],
    }


def _registration(r) -> dict:
    return {
        "id": r.pk,
        "kind": r.kind,
        "status": r.status,
        "org_name": r.org_name,
        "acronym": r.acronym,
        "category": r.category.code if r.category_id else None,
        "country": r.country_id,
        "focal_point": r.full_name,
        "email": r.email,
        "organisation_id": r.organisation_id,
        "matches": r.matches,
        "screening": r.screening,
        "created_at": r.created_at,
    }


def _page(rows: dict, convert) -> dict:
    return {
        **{k: rows[k] for k in ("count", "page", "page_size")},
        "results": [convert(r) for r in rows["rows"]],
    }


# --- partner focal points: their own organisation ---


@router.get("/portal/me", response=ProfileOut, summary="Our organisation's profile")
def my_profile(request):
    return _profile(permissions.require_partner(request.auth))


@router.patch("/portal/me", response=ProfileResult, summary="Update our profile")
def my_profile_update(request, payload: ProfileIn):
    """Direct fields apply at once; name, category and identifiers become a change request."""
    org = permissions.require_partner(request.auth)
    given = payload.dict(exclude_none=True)
    note, version = given.pop("note", ""), given.pop("version", None)
    result = profile_services.profile_update(
        actor=request.auth, organisation=org, note=note, expected_version=version, **given
    )
    change = result["request"]
    return {"applied": result["applied"], "change_request": _change(change) if change else None}


@router.get("/portal/me/interests", response=InterestPage, summary="Our expressions of interest")
def my_interests(request, page: Query[Page]):
    permissions.require_partner(request.auth)
    return _page(paginate(selectors.interest_list(user=request.auth), page), _interest)


@router.post("/portal/me/interests", response={201: InterestOut}, summary="Express interest")
def my_interest_create(request, payload: InterestIn):
    eoi = interest_services.interest_create(actor=request.auth, **payload.dict())
    return Status(201, _interest(selectors.interest_detail(user=request.auth, pk=eoi.pk)))


@router.get(
    "/portal/me/interests/{interest_id}",
    response=InterestOut,
    summary="One of our expressions of interest",
)
def my_interest(request, interest_id: int):
    permissions.require_partner(request.auth)
    return _interest(selectors.interest_detail(user=request.auth, pk=interest_id))


# --- staff ---


@router.get(
    "/portal/registrations", response=RegistrationPage, summary="Registrations and join requests"
)
def registrations(request, page: Query[Page], kind: str = "", status: str = "submitted"):
    require(request.auth, "portal.staff")
    rows = selectors.registration_queue(user=request.auth, kind=kind, status=status)
    return _page(paginate(rows, page), _registration)


@router.get(
    "/portal/registrations/{registration_id}",
    response=RegistrationOut,
    summary="A registration or join request",
)
def registration(request, registration_id: int):
    require(request.auth, "portal.staff")
    return _registration(selectors.registration_detail(user=request.auth, pk=registration_id))


@router.get("/portal/change-requests", response=ChangePage, summary="Profile change requests")
def change_requests(request, page: Query[Page], status: str = "pending"):
    require(request.auth, "portal.staff")
    return _page(paginate(selectors.change_queue(user=request.auth, status=status), page), _change)


@router.get(
    "/portal/interests", response=InterestPage, summary="The stream of expressions of interest"
)
def interests(request, page: Query[Page], q: Query[InterestQuery]):
    require(request.auth, "portal.staff")
    rows = selectors.interest_list(user=request.auth, filters=InterestFilters(**q.dict()))
    return _page(paginate(rows, page), _interest)


@router.post(
    "/portal/interests/{interest_id}/answer",
    response=InterestOut,
    summary="Answer an expression of interest",
)
def interest_answer(request, interest_id: int, payload: AnswerIn):
    require(request.auth, "portal.answer")
    eoi = selectors.interest_detail(user=request.auth, pk=interest_id)
    interest_services.interest_answer(actor=request.auth, interest=eoi, answer=payload.answer)
    return _interest(selectors.interest_detail(user=request.auth, pk=interest_id))
