"""Dashboard figures over the API: GET /api/v1/reports/dashboard?year=&region= answers the
figures of the management dashboard (the same selectors as the page), each section null when
the user may not read it. Errors in the API's JSON format."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from accord.accounts.models import Region
from accord.api.common import require
from accord.reports import dashboard_selectors as figures
from accord.reports.dashboard_attention import attention
from accord.reports.dashboard_data import engagement_marker
from accord.reports.dashboard_selectors import DashboardFilters

router = Router()


class DashboardQuery(Schema):
    year: int | None = Field(None, ge=1990, le=2100)
    region: str = Field(
        "", max_length=16, pattern="^[A-Za-z_]*$", description="A region code, e.g. AFRICA"
    )


class DashCount(Schema):
    code: str
    name: str
    count: int


class DashPartnersOut(Schema):
    total: int
    by_category: list[DashCount]
    by_region: list[DashCount]
    by_country: list[DashCount]


class DashStageOut(Schema):
    key: str
    name: str
    is_open: bool
    count: int
    total_usd: Decimal
    weighted_usd: Decimal


class DashYearOut(Schema):
    year: int
    received: Decimal
    target: Decimal | None


class DashResourcesOut(Schema):
    trend: list[DashYearOut]
    target: Decimal | None
    received: Decimal
    pledged_outstanding: Decimal
    weighted_pipeline: Decimal
    gap: Decimal | None


class DashAttentionRow(Schema):
    label: str
    date: date | None


class DashAttentionOut(Schema):
    key: str
    title: str
    count: int
    rows: list[DashAttentionRow]


class DashboardOut(Schema):
    year: int
    region: str
    partners: DashPartnersOut | None
    pipeline: list[DashStageOut] | None
    resources: DashResourcesOut | None
    indicators: list[DashCount] | None
    attention: list[DashAttentionOut]


@router.get("/reports/dashboard", response=DashboardOut, summary="The management dashboard")
def dashboard(request, query: Query[DashboardQuery]):
    require(request.user, "reports.view")
    region = query.region.upper()
    if region and not Region.objects.filter(code=region).exists():
        raise ValidationError({"region": [f"No region has the code {query.region!r}."]})
    f = DashboardFilters(year=query.year or timezone.localdate().year, region=region)
    resources = figures.resources(request.user, f)
    indicators = figures.indicators(request.user, f)
    marker = engagement_marker(request.user, f)
    return {
        "year": f.year,
        "region": f.region,
        "partners": figures.partners(request.user, f),
        "pipeline": figures.pipeline(request.user, f),
        "resources": {"trend": resources["trend"], **resources["year"]} if resources else None,
        "indicators": indicators["by_status"] if indicators else None,
        "attention": attention(request.user, f, engagement_marker=marker),
    }
