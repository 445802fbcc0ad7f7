"""The results app's REST endpoints (mounted under /api/v1/ by accord/api/api.py): indicators
against their targets, one indicator with its series, targets (administrators), values with
their life cycle, and recomputing the KPIs (administrators). Decimals travel as strings."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from accord.api.common import Page, require
from accord.results import catalogue_services, permissions
from accord.results.compute import compute_kpis
from accord.results.measurement_api import router as measurement_router
from accord.results.periods import spec
from accord.results.selectors import indicator_series, indicators_against_targets

router = Router(tags=["Results framework"])


class TrendOut(Schema):
    period: str
    label: str
    value: Decimal | None
    target: Decimal | None


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    direction: str
    aggregation: str
    source: str
    category: str
    outcome: str
    expected_result: str
    period: str
    baseline: Decimal | None
    target: Decimal | None
    value: Decimal | None = Field(description="Approved value for the period")
    latest_value: Decimal | None
    latest_period: str
    expected: Decimal = Field(description="Share of the period elapsed (0-1)")
    progress: Decimal | None
    status: str = Field(description="on_track, at_risk, off_track or no_data")
    status_label: str
    trend: list[TrendOut]
    url: str


class IndicatorPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[IndicatorOut]


class IndicatorQuery(Page):
    period: str = Field("", description="2025 or 2025-Q2; default the current year")
    category: str = ""
    outcome: str = ""
    status: str = ""


class SeriesOut(Schema):
    period: str
    label: str
    kind: str
    start: date
    end: date
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    target: Decimal | None


class IndicatorDetailOut(IndicatorOut):
    definition: str
    disaggregations: list[str]
    series: list[SeriesOut]


class TargetIn(Schema):
    value: Decimal
    note: str = ""


class TargetOut(Schema):
    indicator: str
    period: str
    value: Decimal
    note: str
    source: str


class ComputeIn(Schema):
    period: str = Field("", description="Default the current year")


class ComputeOut(Schema):
    period: str
    created: int
    updated: int
    unchanged: int
    removed: int
    targets: int
    indicators: list[str]


def _period(value: str):
    return spec(value)["code"] if value.strip() else None


@router.get(
    "/results/indicators", response=IndicatorPage, summary="Indicators against their targets"
)
def indicator_list(request, filters: Query[IndicatorQuery]):
    require(request.auth, "results.view")
    rows = indicators_against_targets(
        _period(filters.period),
        filters.category or None,
        outcome=filters.outcome or None,
        status=filters.status or None,
    )
    start = (filters.page - 1) * filters.page_size
    return {
        "count": len(rows),
        "page": filters.page,
        "page_size": filters.page_size,
        "results": rows[start : start + filters.page_size],
    }


@router.get(
    "/results/indicators/{code}",
    response=IndicatorDetailOut,
    summary="One indicator, its status and its series",
)
def indicator_read(request, code: str, period: str = ""):
    indicator = permissions.indicator_for(request.auth, code)
    row = next(
        (r for r in indicators_against_targets(_period(period)) if r.code == indicator.code), None
    )
    if row is None:
        raise ValidationError({"code": [f"{indicator.code} is no longer in use."]})
    return {
        **row.__dict__,
        "definition": indicator.definition,
        "disaggregations": indicator.disaggregations,
        "series": indicator_series(indicator.code),
    }


@router.put(
    "/results/indicators/{code}/targets/{period}",
    response=TargetOut,
    summary="Set the target of a period (administrators)",
)
def target_put(request, code: str, period: str, payload: TargetIn):
    indicator = permissions.indicator_for(request.auth, code, action="manage")
    target = catalogue_services.target_set(
        actor=request.auth,
        indicator=indicator,
        period=period,
        value=payload.value,
        note=payload.note,
    )
    return {
        "indicator": indicator.code,
        "period": target.period.code,
        "value": target.value,
        "note": target.note,
        "source": target.source,
    }


@router.post(
    "/results/compute",
    response=ComputeOut,
    summary="Recompute the partnership KPIs for a period (administrators)",
)
def compute(request, payload: ComputeIn):
    require(request.auth, "results.manage")
    return compute_kpis(_period(payload.period)).__dict__


router.add_router("", measurement_router)
