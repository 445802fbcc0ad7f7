"""REST endpoints of the pipeline and the exchange rates, mounted through accord/funding/api.py.
Each opportunity says which stage changes you may make now (`moves`)."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema, Status

from accord.api.common import HistoryOut, Page, Ref, history_out, paginate, require
from accord.core.errors import PermissionDeniedError
from accord.funding import permissions, pipeline_selectors, pipeline_services, rate_services
from accord.funding.models import Opportunity, Stage
from accord.funding.pipeline_services import SCALAR_FIELDS
from accord.funding.rates_selectors import rate_rows

router = Router(tags=["funding"])


class MoveOut(Schema):
    name: str
    label: str
    stage: str
    stage_name: str
    note_label: str
    note_required: bool
    blocked: str = Field(description="Why it cannot go ahead yet (e.g. no amount), or empty")


class OpportunityOut(Schema):
    id: int
    title: str
    description: str
    organisation: Ref
    co_funders: list[Ref]
    kind: str
    in_kind_description: str
    amount: Decimal
    currency: str
    value_date: date
    amount_usd: Decimal
    usd_rate: Decimal
    rate_source: str
    stage: str
    stage_name: str
    stage_kind: str
    probability: int
    expected_decision_date: date | None
    closed_on: date | None
    close_reason: str
    flagship: str | None = Field(description="Flagship programme code")
    outcomes: list[str]
    countries: list[str]
    strategies: list[str] = Field(description="Strategy line codes, e.g. 2.3")
    owner: Ref | None
    office: str
    region: str | None
    version: int
    updated_at: datetime
    moves: list[MoveOut] = Field(description="Stage changes you may make now")


class OpportunityPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[OpportunityOut]


class OpportunityQuery(Page):
    q: str = ""
    owner: int | None = None
    flagship: str = ""
    region: str = ""
    category: str = ""
    kind: str = ""
    stage: str = ""
    status: str = Field("", description="open, closed, won, lost or withdrawn")
    partner: int | None = None
    year: int | None = Field(None, description="Year of the expected decision date")
    sort: str = "updated"


class OpportunityIn(Schema):
    organisation: int
    title: str = Field(max_length=300)
    description: str = ""
    kind: str = "financial"
    in_kind_description: str = ""
    amount: Decimal = Field(Decimal(0), ge=0, max_digits=16, decimal_places=2)
    currency: str = "USD"
    value_date: date | None = None
    stage: str = "identified"
    probability: int | None = Field(None, ge=0, le=100)
    expected_decision_date: date | None = None
    flagship: str | None = None
    outcomes: list[str] = Field([], description="Outcome codes, e.g. 1.2")
    countries: list[str] = Field([], description="ISO 3166 alpha-2 codes")
    strategies: list[str] = Field([], description="Strategy line codes, e.g. 2.3")
    co_funders: list[int] = []
    owner: int | None = None
    office: str = ""


class OpportunityPatch(Schema):
    version: int = Field(description="The version you read: a stale edit is refused (409)")
    organisation: int | None = None
    title: str | None = Field(None, max_length=300)
    description: str | None = None
    kind: str | None = None
    in_kind_description: str | None = None
    amount: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    currency: str | None = None
    value_date: date | None = None
    probability: int | None = Field(None, ge=0, le=100)
    expected_decision_date: date | None = None
    flagship: str | None = None
    outcomes: list[str] | None = None
    countries: list[str] | None = None
    strategies: list[str] | None = None
    co_funders: list[int] | None = None
    owner: int | None = None
    office: str | None = None


class MoveIn(Schema):
    stage: str = Field(description="The code of the target stage")
    version: int
    note: str = Field("", description="Reason (needed to close as lost/withdrawn or reopen)")


class StageOut(Schema):
    code: str
    name: str
    order: int
    kind: str
    reporting: str
    default_probability: int
    is_active: bool


class RateOut(Schema):
    id: int
    currency: str
    month: date
    rate: Decimal
    source: str
    entered_by: str | None


class RatePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RateOut]


class RateQuery(Page):
    currency: str = ""
    year: int | None = None


class RateIn(Schema):
    currency: str
    month: date = Field(description="Any day of the month (stored as its first day)")
    rate: Decimal = Field(description="Units of the currency per 1 USD, more than zero")
    source: str = ""


def _ref(obj) -> dict | None:
    return {"id": obj.pk, "name": str(obj)} if obj is not None else None


def opportunity_out(user, o: Opportunity, moves=None) -> dict:
    linked = {"organisation", "flagship", "owner"}  # shaped below
    computed = ["amount_usd", "usd_rate", "rate_source", "closed_on", "close_reason"]
    scalars = ["id", *(f for f in SCALAR_FIELDS if f not in linked), *computed]
    return {
        **{f: getattr(o, f) for f in scalars},
        "organisation": {"id": o.organisation_id, "name": o.organisation.name},
        "co_funders": [{"id": c.pk, "name": c.name} for c in o.co_funders.all()],
        "stage": o.stage.code,
        "stage_name": o.stage.name,
        "stage_kind": o.stage.kind,
        "flagship": o.flagship.code if o.flagship else None,
        "outcomes": [x.code for x in o.outcomes.all()],
        "countries": [c.code for c in o.countries.all()],
        "strategies": [s.code for s in o.strategies.all()],
        "owner": _ref(o.owner),
        "region": o.region.code if o.region else None,
        "version": o.version,
        "updated_at": o.updated_at,
        "moves": moves if moves is not None else [],
    }


def _read(user, pk) -> dict:
    o = pipeline_selectors.opportunity_detail(user=user, pk=pk)
    return opportunity_out(user, o, pipeline_selectors.available_moves(user, o))


def _require_edit(user, record=None) -> None:
    if not permissions.can_edit(user, record):
        raise PermissionDeniedError("You may not change funding records.")


@router.get("/opportunities", response=OpportunityPage, summary="List opportunities")
def opportunity_list(request, filters: Query[OpportunityQuery]):
    require(request.auth, "funding.view")
    values = filters.dict(exclude={"page", "page_size"})
    qs = pipeline_selectors.opportunity_list(
        user=request.auth, filters=pipeline_selectors.OpportunityFilters(**values)
    )
    data = paginate(qs, filters, prefetch=pipeline_selectors.DETAIL_PREFETCH)
    data["results"] = [opportunity_out(request.auth, o) for o in data.pop("rows")]
    return data


@router.post("/opportunities", response={201: OpportunityOut}, summary="Open an opportunity")
def opportunity_create(request, payload: OpportunityIn):
    _require_edit(request.auth)
    o = pipeline_services.opportunity_create(actor=request.auth, **payload.dict())
    return Status(201, _read(request.auth, o.pk))


@router.get("/opportunities/{opportunity_id}", response=OpportunityOut, summary="One opportunity")
def opportunity_read(request, opportunity_id: int):
    return _read(request.auth, opportunity_id)


@router.patch("/opportunities/{opportunity_id}", response=OpportunityOut, summary="Edit one")
def opportunity_update(request, opportunity_id: int, payload: OpportunityPatch):
    o = permissions.opportunity_for(request.auth, opportunity_id)
    _require_edit(request.auth, o)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    pipeline_services.opportunity_update(
        actor=request.auth, opportunity=o, expected_version=version, **changes
    )
    return _read(request.auth, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/move", response=OpportunityOut, summary="Change its stage"
)
def opportunity_move(request, opportunity_id: int, payload: MoveIn):
    o = permissions.opportunity_for(request.auth, opportunity_id)
    _require_edit(request.auth, o)
    pipeline_services.opportunity_move(
        request.auth, o, stage_code=payload.stage, version=payload.version, note=payload.note
    )
    return _read(request.auth, opportunity_id)


@router.get(
    "/opportunities/{opportunity_id}/history", response=list[HistoryOut], summary="Its history"
)
def opportunity_history(request, opportunity_id: int):
    require(request.auth, "history.view")
    o = permissions.opportunity_for(request.auth, opportunity_id)
    return history_out(list(pipeline_selectors.history(o)))


@router.get("/funding/stages", response=list[StageOut], summary="Pipeline stages")
def stage_list(request):
    require(request.auth, "funding.view")
    return list(Stage.objects.order_by("order", "id"))


def _rate_out(r) -> dict:
    return {
        "id": r.pk,
        "currency": r.currency,
        "month": r.month,
        "rate": r.rate,
        "source": r.source,
        "entered_by": str(r.entered_by) if r.entered_by else None,
    }


@router.get("/exchange-rates", response=RatePage, summary="Monthly exchange rates")
def rate_list(request, filters: Query[RateQuery]):
    require(request.auth, "funding.view")
    qs = rate_rows(currency=filters.currency.strip().upper(), year=filters.year)
    data = paginate(qs, filters)
    data["results"] = [_rate_out(r) for r in data.pop("rows")]
    return data


@router.post("/exchange-rates", response={201: RateOut}, summary="Enter a month's rate")
def rate_create(request, payload: RateIn):
    require(request.auth, "funding.rates")
    row = rate_services.rate_save(actor=request.auth, **payload.dict())
    row = rate_rows().get(pk=row.pk)
    return Status(201, _rate_out(row))
