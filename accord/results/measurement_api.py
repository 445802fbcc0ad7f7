"""The API of values (measurements): list, enter, read with the status changes you may make
now and the history, edit a draft, move along the life cycle. Part of the results router
(api.py)."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema, Status

from accord.api.common import HistoryOut, Page, history_out, paginate, require
from accord.core.history import history_for
from accord.results import measurement_selectors, permissions, services
from accord.results.measurement_selectors import MeasurementFilters

router = Router(tags=["Results framework"])


class TransitionOut(Schema):
    name: str
    label: str
    target: str
    asks_reason: bool
    blocked: str = Field(description="Why it cannot go ahead now (four eyes), or empty")


class MeasurementOut(Schema):
    id: int
    indicator: str
    period: str
    dimension: str
    dimension_value: str
    region: str | None
    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    source: str
    note: str
    entered_by: str | None
    submitted_by: str | None
    decided_by: str | None
    decided_at: datetime | None
    return_reason: str
    version: int


class MeasurementDetailOut(MeasurementOut):
    transitions: list[TransitionOut]
    history: list[HistoryOut]


class MeasurementPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[MeasurementOut]


class MeasurementQuery(Page):
    status: str = ""
    indicator: str = Field("", description="Indicator code")
    period: str = ""


class MeasurementIn(Schema):
    indicator: str = Field(description="Indicator code")
    period: str = Field(description="2025 or 2025-Q2")
    value: Decimal | None = Field(None, description="Not for ratio indicators")
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    dimension: str = Field("", description="category, region, sex or age; empty: the total")
    dimension_value: str = ""
    note: str = ""


class MeasurementPatch(Schema):
    version: int | None = None
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    note: str | None = None


class TransitionIn(Schema):
    transition: str = Field(description="submit, approve, return, withdraw or reopen")
    reason: str = ""
    version: int | None = None


def _out(m) -> dict:
    return {
        **{
            f: getattr(m, f)
            for f in (
                "id",
                "dimension",
                "dimension_value",
                "value",
                "numerator",
                "denominator",
                "status",
                "source",
                "note",
                "decided_at",
                "return_reason",
                "version",
            )
        },
        "indicator": m.indicator.code,
        "period": m.period.code,
        "region": m.region.code if m.region else None,
        **{
            f: str(getattr(m, f)) if getattr(m, f) else None
            for f in ("entered_by", "submitted_by", "decided_by")
        },
    }


def _read(user, pk) -> dict:
    m = permissions.measurement_for(user, pk)
    return {
        **_out(m),
        "transitions": measurement_selectors.available_transitions(user=user, measurement=m),
        "history": history_out(list(history_for(m))),
    }


@router.get("/results/measurements", response=MeasurementPage, summary="Values")
def measurement_list(request, filters: Query[MeasurementQuery]):
    require(request.auth, "results.view")
    values = filters.dict(exclude={"page", "page_size"})
    qs = measurement_selectors.measurement_list(
        user=request.auth, filters=MeasurementFilters(**values)
    )
    data = paginate(qs, filters)
    data["results"] = [_out(m) for m in data.pop("rows")]
    return data


@router.post(
    "/results/measurements", response={201: MeasurementDetailOut}, summary="Enter a value (a draft)"
)
def measurement_create(request, payload: MeasurementIn):
    require(request.auth, "results.enter")
    values = payload.dict()
    indicator = permissions.indicator_for(request.auth, values.pop("indicator"))
    m = services.measurement_create(actor=request.auth, indicator=indicator, **values)
    return Status(201, _read(request.auth, m.pk))


@router.get(
    "/results/measurements/{measurement_id}",
    response=MeasurementDetailOut,
    summary="One value, the status changes you may make now, its history",
)
def measurement_read(request, measurement_id: int):
    return _read(request.auth, measurement_id)


@router.patch(
    "/results/measurements/{measurement_id}",
    response=MeasurementDetailOut,
    summary="Change a draft or returned value",
)
def measurement_update(request, measurement_id: int, payload: MeasurementPatch):
    m = permissions.measurement_for(request.auth, measurement_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    services.measurement_update(
        actor=request.auth, measurement=m, expected_version=version, **changes
    )
    return _read(request.auth, measurement_id)


@router.post(
    "/results/measurements/{measurement_id}/transition",
    response=MeasurementDetailOut,
    summary="Submit, approve, return, withdraw, reopen",
)
def measurement_transition(request, measurement_id: int, payload: TransitionIn):
    m = permissions.measurement_for(request.auth, measurement_id, action="transition")
    values = payload.dict()
    services.measurement_transition(
        actor=request.auth, measurement=m, expected_version=values.pop("version"), **values
    )
    return _read(request.auth, measurement_id)
