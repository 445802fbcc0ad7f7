"""API of the strategy scorecard, relationship health and coordination (added to the engagement
app's router). The figures count only what the caller may see; partners outside their scope
answer 404, like everywhere else."""

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from accord.accounts.models import Region
from accord.api.common import Page, paginate, require
from accord.engagement import coordination, health
from accord.engagement import scorecard as scorecards
from accord.partners import permissions as partner_permissions

router = Router(tags=["scorecard and relationship health"])


class LineOut(Schema):
    id: int
    code: str = Field(description="Strategy line code, e.g. 2.3")
    text: str
    engagements: int = Field(description="Engagements held or planned in the period")
    partners: int = Field(description="Distinct partners of those engagements")
    last_activity: date | None = Field(description="Last engagement held on this line")
    open_actions: int
    overdue_actions: int


class CategoryOut(Schema):
    code: str
    number: int
    short_name: str
    engagements: int
    partners: int
    open_actions: int
    overdue_actions: int
    lines: list[LineOut]


class ScorecardOut(Schema):
    date_from: date
    date_to: date
    categories: list[CategoryOut]
    funding: dict | None = Field(
        description="Pipeline and mobilised amounts per line, once the funding app exists"
    )


class PeriodQuery(Schema):
    date_from: date | None = None
    date_to: date | None = None


@router.get("/scorecard", response=ScorecardOut, summary="The strategy scorecard")
def scorecard(request, period: Query[PeriodQuery]):
    require(request.auth, "engagement.view")
    if period.date_from and period.date_to and period.date_to < period.date_from:
        raise ValidationError({"date_to": ["The end of the period is before its start."]})
    return scorecards.scorecard(
        user=request.auth, date_from=period.date_from, date_to=period.date_to
    )


class HealthOut(Schema):
    organisation: int
    last: date | None
    frequency: int = Field(description="Engagements held in the last twelve months")
    days_since: int | None
    stale_days: int
    is_stale: bool


@router.get(
    "/organisations/{org_id}/health", response=HealthOut, summary="A partner's relationship health"
)
def partner_health(request, org_id: int):
    require(request.auth, "engagement.view")
    organisation = partner_permissions.organisation_for(request.auth, org_id)
    return {"organisation": organisation.pk, **health.partner_health(organisation=organisation)}


class AttentionOut(Schema):
    id: int
    name: str
    category: str
    owner: int | None
    region: str | None
    last_engagement: date | None
    stale_before: date


class AttentionQuery(Page):
    mine: bool = Field(False, description="Only the partners you own")
    region: str = Field("", description="Region code")


class AttentionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AttentionOut]


@router.get("/needs-attention", response=AttentionPage, summary="Stale relationships")
def needs_attention(request, filters: Query[AttentionQuery]):
    require(request.auth, "engagement.view")
    region = None
    if filters.region:
        region = Region.objects.filter(code=filters.region.upper()).first()
        if region is None:
            raise ValidationError({"region": [f"Unknown region {filters.region!r}."]})
    qs = health.needs_attention(
        user=request.auth, owner=request.auth if filters.mine else None, region=region
    )
    data = paginate(qs.select_related("region"), filters)
    data["results"] = [
        {
            "id": o.pk,
            "name": o.name,
            "category": o.category.code,
            "owner": o.owner_id,
            "region": o.region.code if o.region else None,
            "last_engagement": o.last_engagement,
            "stale_before": o.stale_before,
        }
        for o in data.pop("rows")
    ]
    return data


class EngagementRef(Schema):
    id: int
    title: str
    start_date: date
    lead_region: str | None
    office: str


class OverlapOut(Schema):
    partner: int
    partner_name: str
    country: str
    outcomes: list[str]
    days_apart: int
    first: EngagementRef
    second: EngagementRef


class OverlapQuery(Page):
    date_from: date | None = None
    window: int | None = Field(None, ge=1, le=365)


class OverlapPage(Schema):
    count: int = Field(description="Engagements that a later one overlaps")
    page: int
    page_size: int
    results: list[OverlapOut]


def _ref(e) -> dict:
    region = e.lead_region.code if e.lead_region else None
    return {
        "id": e.pk,
        "title": e.title,
        "start_date": e.start_date,
        "lead_region": region,
        "office": e.office,
    }


@router.get("/coordination/overlaps", response=OverlapPage, summary="Overlapping engagements")
def overlaps(request, filters: Query[OverlapQuery]):
    require(request.auth, "engagement.view")
    links = coordination.overlapping_links(
        user=request.auth, date_from=filters.date_from, window=filters.window
    )
    data = paginate(links, filters)
    pairs = coordination.overlaps_for(
        user=request.auth, links=data.pop("rows"), window=filters.window
    )
    data["results"] = [
        {
            "partner": p.partner.pk,
            "partner_name": p.partner.name,
            "country": p.first.country_id,
            "outcomes": [o.code for o in p.outcomes],
            "days_apart": p.days_apart,
            "first": _ref(p.first),
            "second": _ref(p.second),
        }
        for p in pairs
    ]
    return data
