"""The matchmaking app's REST endpoints (mounted under /api/v1/ by accord/api/api.py): a
partner's suggested connections with their reasons, accepting or dismissing one, a partner's
neighbourhood in the partnership network, and the centrality list."""

from datetime import datetime

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status

from accord.accounts.models import Country
from accord.api.common import Page, Ref, paginate
from accord.core.errors import PermissionDeniedError
from accord.prioritization.matchmaking import network_selectors, permissions, services
from accord.prioritization.matchmaking.models import MatchDecision
from accord.prioritization.matchmaking.network_selectors import NetworkFilters
from accord.prioritization.matchmaking.profiles import SIDES
from accord.prioritization.matchmaking.suggestions import MatchFilters, suggestions_for
from accord.strategy.selectors import category_list, outcome_list

router = Router(tags=["Matchmaking"])


class SuggestionQuery(Schema):
    outcome: str = Field("", description="Only pairs sharing this outcome (code, e.g. 1.2)")
    country: str = Field("", description="Only partners working in this country (ISO alpha-2)")
    category: str = Field("", description="Only partners of this category (code)")
    limit: int = Field(10, ge=1, le=50)


class PartnerRef(Schema):
    id: int
    name: str
    category: str
    country: str | None


class SuggestionOut(Schema):
    partner: PartnerRef = Field(description="The partner suggested")
    funder: PartnerRef
    implementer: PartnerRef
    score: float = Field(description="0-1, higher is a better fit")
    parts: dict[str, float] = Field(description="Each criterion's value, 0-1")
    reasons: list[str]
    known: bool = Field(description="They already know each other (ranked lower)")
    shared_outcomes: list[str]
    shared_countries: list[str]


class SuggestionsOut(Schema):
    partner: Ref
    suggestions: list[SuggestionOut]


class DecisionIn(Schema):
    partner: int
    other: int = Field(description="The partner suggested to it")
    note: str = Field("", max_length=300)


class DecisionOut(Schema):
    id: int
    funder: Ref
    implementer: Ref
    decision: str
    score: float
    reasons: list[str]
    note: str
    decided_at: datetime
    engagement: int | None = Field(description="The introduction engagement, when accepted")


class NetworkNode(Schema):
    id: int
    label: str
    name: str
    category: str
    community: int
    degree: int
    betweenness: float
    weight: int | None = None
    tie: str | None = None


class NetworkEdgeOut(Schema):
    source: int
    target: int
    weight: int
    label: str


class NeighbourhoodOut(Schema):
    centre: NetworkNode | None
    neighbours: list[NetworkNode]
    edges: list[NetworkEdgeOut]


class CentralityQuery(Page):
    category: str = ""
    region: str = ""
    outcome: str = ""


class PositionOut(Schema):
    partner: PartnerRef
    degree: int
    strength: int
    betweenness: float
    community: int


class CentralityPage(Schema):
    count: int
    page: int
    page_size: int
    computed_at: datetime | None
    results: list[PositionOut]


def _check_codes(*, outcome="", country="", category="", matched=False, region="") -> None:
    """Unknown codes are a clear error on their field, not an empty answer."""
    errors = {}
    if outcome and not outcome_list().filter(code=outcome).exists():
        errors["outcome"] = [f"Unknown outcome {outcome!r}: give a code such as 1.2."]
    if country and not Country.objects.filter(code=country).exists():
        errors["country"] = [f"Unknown country {country!r}: give an ISO alpha-2 code."]
    codes = set(category_list().values_list("code", flat=True))
    if category and (category not in codes or (matched and category not in SIDES)):
        errors["category"] = [f"Unknown or unmatched category {category!r}."]
    if region and not network_selectors.region_exists(region):
        errors["region"] = [f"Unknown region {region!r}."]
    if errors:
        raise ValidationError(errors)


def _partner(p) -> dict:
    return {"id": p.id, "name": p.name, "category": p.category_code, "country": p.country_code}


@router.get(
    "/matches/partners/{partner_id}/suggestions",
    response=SuggestionsOut,
    summary="A partner's suggested connections, with reasons",
)
def partner_suggestions(request, partner_id: int, query: Query[SuggestionQuery]):
    organisation = permissions.partner_for(request.auth, partner_id)
    _check_codes(
        outcome=query.outcome, country=query.country, category=query.category, matched=True
    )
    filters = MatchFilters(outcome=query.outcome, country=query.country, category=query.category)
    found = suggestions_for(
        user=request.auth, organisation=organisation, filters=filters, limit=query.limit
    )
    return {
        "partner": {"id": organisation.pk, "name": str(organisation)},
        "suggestions": [
            {
                "partner": _partner(s.other(organisation.pk)),
                "funder": _partner(s.funder),
                "implementer": _partner(s.implementer),
                "score": s.score,
                "parts": s.parts,
                "reasons": s.reasons,
                "known": s.known,
                "shared_outcomes": s.shared_outcomes,
                "shared_countries": s.shared_countries,
            }
            for s in found
        ],
    }


def _decision_out(d: MatchDecision) -> dict:
    return {
        "id": d.pk,
        "funder": {"id": d.funder_id, "name": str(d.funder)},
        "implementer": {"id": d.implementer_id, "name": str(d.implementer)},
        "decision": d.decision,
        "score": d.score,
        "reasons": d.reasons,
        "note": d.note,
        "decided_at": d.decided_at,
        "engagement": d.engagement_id,
    }


def _decide(request, payload: DecisionIn, service):
    if not permissions.can_decide(request.auth):
        raise PermissionDeniedError("You may not accept or dismiss suggested connections.")
    partner = permissions.partner_for(request.auth, payload.partner)
    other = permissions.partner_for(request.auth, payload.other)
    decision = service(actor=request.auth, partner=partner, other=other, note=payload.note)
    return Status(201, _decision_out(decision))


@router.post("/matches/accept", response={201: DecisionOut}, summary="Accept a suggestion")
def match_accept(request, payload: DecisionIn):
    """Logs an "introduction" engagement with both partners (on both timelines)."""
    return _decide(request, payload, services.match_accept)


@router.post("/matches/dismiss", response={201: DecisionOut}, summary="Dismiss a suggestion")
def match_dismiss(request, payload: DecisionIn):
    """Remembered: the pair is never suggested again."""
    return _decide(request, payload, services.match_dismiss)


@router.get(
    "/network/partners/{partner_id}",
    response=NeighbourhoodOut,
    summary="A partner's neighbourhood in the partnership network",
)
def neighbourhood(request, partner_id: int):
    organisation = permissions.partner_for(request.auth, partner_id)
    return network_selectors.neighbourhood(user=request.auth, organisation=organisation)


@router.get("/network/centrality", response=CentralityPage, summary="Partners by centrality")
def centrality(request, query: Query[CentralityQuery]):
    permissions.require_view(request.auth)
    _check_codes(outcome=query.outcome, category=query.category, region=query.region)
    filters = NetworkFilters(category=query.category, region=query.region, outcome=query.outcome)
    qs = network_selectors.centrality_list(user=request.auth, filters=filters)
    data = paginate(qs, query)
    run = network_selectors.latest_run()
    data["computed_at"] = run.computed_at if run else None
    data["results"] = [
        {
            "partner": {
                "id": p.organisation_id,
                "name": str(p.organisation),
                "category": p.organisation.category.code,
                "country": p.organisation.country_id,
            },
            "degree": p.degree,
            "strength": p.strength,
            "betweenness": p.betweenness,
            "community": p.community,
        }
        for p in data.pop("rows")
    ]
    return data
