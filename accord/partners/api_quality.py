"""API of the registry's data quality: "is it already registered?" and the duplicate queue.

Mounted by the lead under /api/v1/ (router `router`). The check is open to whoever may read
the registry and answers only with organisations the caller may see; the queue needs
`partners.edit` and shows only pairs whose two organisations the caller may see."""

from ninja import Field, Query, Router, Schema

from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError
from accord.partners import duplicates, permissions
from accord.partners.matching import find_matches
from accord.partners.models import DuplicateCandidate, Organisation

router = Router(tags=["data quality"])


class MatchQuery(Schema):
    name: str = Field(..., min_length=1, max_length=300)
    acronym: str = Field("", max_length=40)
    aliases: list[str] = Field([], description="Other names")
    website: str = Field("", max_length=300)
    email: str = Field("", max_length=254)
    country: str = Field("", max_length=2, description="ISO 3166 alpha-2 code")
    iati_identifier: str = Field("", max_length=100)
    registration_number: str = Field("", max_length=100)
    category: str = Field("", max_length=32, description="Partner category code")
    exclude: list[int] = Field([], description="Organisation ids to leave out (the one edited)")
    limit: int = Field(5, ge=1, le=20)


class OrganisationBrief(Schema):
    id: int
    name: str
    acronym: str
    country: str | None
    ref: str


class MatchOut(Schema):
    organisation: OrganisationBrief
    score: float
    reasons: list[str]


class CandidateOut(Schema):
    id: int
    first: OrganisationBrief
    second: OrganisationBrief
    score: float
    reasons: list[str]
    status: str


class CandidatePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CandidateOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(25, ge=1, le=200)


class DecisionIn(Schema):
    note: str = Field("", max_length=300)


def _brief(org: Organisation) -> dict:
    return {
        "id": org.pk,
        "name": org.name,
        "acronym": org.acronym,
        "country": org.country_id,
        "ref": org.ref,
    }


def _candidate_out(c: DuplicateCandidate) -> dict:
    return {
        "id": c.pk,
        "first": _brief(c.first),
        "second": _brief(c.second),
        "score": c.score,
        "reasons": c.reasons,
        "status": c.status,
    }


@router.get(
    "/organisations/duplicates/check", response=list[MatchOut], summary="Is it already registered?"
)
def duplicates_check(request, q: Query[MatchQuery]):
    """Registered organisations that may be the one described, best first, with the reasons."""
    if not can(request.auth, "partners.view"):
        raise PermissionDeniedError("You may not read the partner registry.")
    matches = find_matches(
        name=q.name,
        acronym=q.acronym,
        aliases=q.aliases,
        website=q.website,
        email=q.email,
        country=q.country or None,
        iati_identifier=q.iati_identifier,
        registration_number=q.registration_number,
        category=q.category,
        exclude_ids=q.exclude,
        limit=q.limit,
    )
    visible = {
        o.pk: o
        for o in permissions.visible_organisations(
            request.auth, Organisation.objects.filter(pk__in=[m.organisation_id for m in matches])
        )
    }
    return [
        {"organisation": _brief(visible[m.organisation_id]), "score": m.score, "reasons": m.reasons}
        for m in matches
        if m.organisation_id in visible
    ]


@router.get("/duplicates", response=CandidatePage, summary="Open duplicate candidates")
def duplicate_list(request, page: Query[PageQuery]):
    qs = duplicates.duplicate_candidate_list(user=request.auth)
    count = qs.count()
    start = (page.page - 1) * page.page_size
    rows = list(qs[start : start + page.page_size]) if start < count else []
    return {
        "count": count,
        "page": page.page,
        "page_size": page.page_size,
        "results": [_candidate_out(c) for c in rows],
    }


@router.post(
    "/duplicates/{candidate_id}/not-duplicate",
    response=CandidateOut,
    summary="Decide: not a duplicate",
)
def duplicate_not_duplicate(request, candidate_id: int, decision: Query[DecisionIn]):
    """The two organisations are different: the pair is never proposed again."""
    candidate = duplicates.duplicate_candidate_for(user=request.auth, pk=candidate_id)
    candidate = duplicates.duplicate_mark_not_duplicate(
        actor=request.auth, candidate=candidate, note=decision.note
    )
    return _candidate_out(candidate)
