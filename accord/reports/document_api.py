"""Reports and IATI files over the API: the Executive Board report's figures as JSON
(`GET /reports/board?date_from=&date_to=`) and the two IATI files as streamed XML
(`GET /reports/iati/organisation.xml`, `GET /reports/iati/activities.xml`)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from ninja import Query, Router, Schema

from accord.api.common import require
from accord.core.errors import PermissionDeniedError
from accord.reports import document_permissions as permissions
from accord.reports.board_report import board_report
from accord.reports.board_report_forms import PeriodForm
from accord.reports.iati import activities, files

router = Router()


class PeriodIn(Schema):
    date_from: date | None = None
    date_to: date | None = None


class LineOut(Schema):
    code: str
    text: str
    engagements: int
    partners: int


class IndicatorOut(Schema):
    code: str
    name: str
    target: Decimal | None
    value: Decimal | None
    status: str


class CategoryOut(Schema):
    code: str
    name: str
    engagements: int
    partners: int
    received_usd: Decimal
    in_kind_usd: Decimal
    pledged_usd: Decimal
    agreements_signed: list[str]
    lines: list[LineOut]
    quiet_lines: list[str]
    indicators: list[IndicatorOut]
    highlights: list[str]


class BoardOut(Schema):
    date_from: date
    date_to: date
    regions: list[str]
    engagements: int
    received_usd: Decimal
    in_kind_usd: Decimal
    pledged_usd: Decimal
    agreements_signed: int
    categories: list[CategoryOut]


def _period(values: PeriodIn) -> tuple[date, date]:
    form = PeriodForm({k: v.isoformat() for k, v in values.dict().items() if v is not None})
    period = form.period()
    if period is None:
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return period


def _indicator(i) -> dict:
    return {
        "code": i.code,
        "name": i.name,
        "target": i.target,
        "value": i.value,
        "status": i.status,
    }


@router.get("/reports/board", response=BoardOut, summary="The Executive Board report's figures")
def board(request, period: Query[PeriodIn]):
    """Per partner category for the period (default: this year to date): engagements per
    strategy line, resources in USD, agreements signed, indicators and highlights."""
    require(request.auth, "reports.view")
    start, end = _period(period)
    report = board_report(user=request.auth, date_from=start, date_to=end)
    return {
        "date_from": start,
        "date_to": end,
        "regions": report.regions,
        "engagements": report.engagement_count,
        "received_usd": report.received,
        "in_kind_usd": report.in_kind,
        "pledged_usd": report.pledged,
        "agreements_signed": len(report.agreements),
        "categories": [
            {
                "code": c.code,
                "name": c.short_name,
                "engagements": c.engagements,
                "partners": c.partners,
                "received_usd": c.received,
                "in_kind_usd": c.in_kind,
                "pledged_usd": c.pledged,
                "agreements_signed": [a.reference for a in c.agreements],
                "lines": c.lines,
                "quiet_lines": [q["code"] for q in c.quiet_lines],
                "indicators": [_indicator(i) for i in c.indicators],
                "highlights": [h.title for h in c.highlights],
            }
            for c in report.categories
        ],
    }


@router.get(
    "/reports/iati/{kind}.xml",
    summary="An IATI 2.03 file: organisation or activities",
    response={200: None},
    openapi_extra={"responses": {200: {"content": {"application/xml": {}}}}},
)
def iati_file(request, kind: str):
    """The organisation file (for those who see every region) or the activity file (what the
    caller may see), streamed."""
    require(request.auth, "reports.export")
    if kind not in files.KINDS:
        raise Http404
    if kind == "organisation" and not permissions.can_export_organisation_file(request.auth):
        raise PermissionDeniedError(
            "The organisation file reports UN-Habitat as a whole: it is published by those who "
            "see every region."
        )
    if kind == "activities" and not activities.has_activities(request.auth):
        raise Http404
    return StreamingHttpResponse(
        files.file_stream(kind, request.auth), content_type="application/xml; charset=utf-8"
    )
