"""REST endpoints of the funding app (money part), mounted through accord/funding/api.py:
pledges with their schedules, contributions, funding targets and the funding view.

Each endpoint checks permission first, then calls one service or selector; their errors become
the API's JSON error format. Partners, opportunities and instalments by id; flagship
programmes ("1") and outcomes ("1.2") by code. Amounts are decimal strings or numbers."""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema, Status

from accord.api.common import HistoryOut, Page, Ref, history_out, paginate, require
from accord.funding import (
    contribution_services,
    gap_selectors,
    permissions,
    pledge_selectors,
    pledge_services,
    target_services,
)
from accord.funding.models import Contribution, FundingTarget, Instalment, Pledge

router = Router(tags=["funding"])


class InstalmentOut(Schema):
    id: int
    number: int
    due_date: date
    amount: Decimal
    amount_usd: Decimal
    received_amount: Decimal
    payment_status: str


class PledgeOut(Schema):
    id: int
    partner: Ref
    opportunity: int | None
    title: str
    kind: str
    status: str
    cancelled_reason: str
    payment_status: str
    amount: Decimal
    currency: str
    value_date: date
    amount_usd: Decimal
    usd_rate: Decimal
    rate_source: str
    received_amount: Decimal
    received_usd: Decimal
    flagship: str | None
    outcomes: list[str]
    instalments: list[InstalmentOut]
    version: int
    created_at: datetime
    updated_at: datetime


class PledgePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PledgeOut]


class ScheduleIn(Schema):
    due_date: date
    amount: Decimal


class PledgeIn(Schema):
    organisation: int | None = Field(None, description="Partner id (or give `opportunity`)")
    opportunity: int | None = Field(None, description="A won opportunity: prefills the rest")
    title: str | None = None
    kind: str | None = None
    in_kind_description: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    value_date: date | None = None
    flagship: str | None = None
    outcomes: list[str] | None = None
    status: str = "pledged"
    schedule: list[ScheduleIn] | None = Field(
        None, description="Instalments adding up to the amount (default: all on the pledge date)"
    )


class PledgePatch(Schema):
    """Only the fields sent change; `schedule` replaces the unpaid instalments. Send `version`
    to refuse a stale edit (409)."""

    version: int | None = None
    title: str | None = None
    kind: str | None = None
    in_kind_description: str | None = None
    status: str | None = None
    cancelled_reason: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    value_date: date | None = None
    flagship: str | None = None
    outcomes: list[str] | None = None
    schedule: list[ScheduleIn] | None = None


class MoneyQuery(Page):
    partner: int | None = None
    year: int | None = None
    flagship: str = Field("", description='Flagship code, or "none"')
    outcome: str = Field("", description='Outcome code, or "none"')
    category: str = ""
    region: str = ""


class PledgeQuery(MoneyQuery):
    status: str = ""
    payment_status: str = ""
    due_year: int | None = Field(None, description="With an unpaid instalment due that year")


class AllocationIn(Schema):
    flagship: str | None = None
    outcome: str | None = None
    amount: Decimal


class SoftCreditIn(Schema):
    organisation: int
    role: str = "broker"


class ContributionIn(Schema):
    amount: Decimal
    currency: str = "USD"
    value_date: date = Field(description="The date received")
    kind: str = "financial"
    in_kind_description: str = ""
    reference: str = ""
    note: str = ""
    instalment: int | None = None
    allocations: list[AllocationIn] | None = None
    soft_credits: list[SoftCreditIn] = []


class AllocationOut(Schema):
    flagship: str | None
    outcome: str | None
    amount: Decimal
    amount_usd: Decimal
    year: int


class ContributionOut(Schema):
    id: int
    partner: Ref
    pledge: int | None
    instalment: int | None
    amount: Decimal
    currency: str
    value_date: date
    amount_usd: Decimal
    usd_rate: Decimal
    rate_source: str
    pledge_amount: Decimal | None
    kind: str
    reference: str
    allocations: list[AllocationOut]
    soft_credits: list[Ref]
    version: int


class ContributionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ContributionOut]


class TargetIn(Schema):
    year: int
    amount_usd: Decimal
    flagship: str | None = None
    outcome: str | None = None
    note: str = ""


class TargetOut(Schema):
    id: int
    year: int
    flagship: str | None
    outcome: str | None
    amount_usd: Decimal
    note: str
    version: int


class TargetPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[TargetOut]


class GapRowOut(Schema):
    code: str = Field(
        description='Programme (outcome, category, region) code; "none": '
        'unassigned; "": the totals row'
    )
    label: str
    target: Decimal | None
    received: Decimal
    pledged_outstanding: Decimal
    weighted_pipeline: Decimal
    gap: Decimal | None
    gap_after_pipeline: Decimal | None
    is_total: bool


class GapQuery(Schema):
    year: int | None = Field(None, ge=1990, le=2100)
    by: str = Field("flagship", pattern="^(flagship|outcome|category|region)$")


def pledge_out(p: Pledge) -> dict:
    return {
        **{
            f: getattr(p, f)
            for f in (
                "id",
                "title",
                "kind",
                "status",
                "cancelled_reason",
                "payment_status",
                "amount",
                "currency",
                "value_date",
                "amount_usd",
                "usd_rate",
                "rate_source",
                "received_amount",
                "received_usd",
                "version",
                "created_at",
                "updated_at",
            )
        },
        "partner": {"id": p.organisation_id, "name": p.organisation.name},
        "opportunity": p.opportunity_id,
        "flagship": p.flagship.code if p.flagship else None,
        "outcomes": [o.code for o in p.outcomes.all()],
        "instalments": list(p.instalments.all()),
    }


def contribution_out(c: Contribution) -> dict:
    return {
        **{
            f: getattr(c, f)
            for f in (
                "id",
                "amount",
                "currency",
                "value_date",
                "amount_usd",
                "usd_rate",
                "rate_source",
                "pledge_amount",
                "kind",
                "reference",
                "version",
            )
        },
        "partner": {"id": c.organisation_id, "name": c.organisation.name},
        "pledge": c.pledge_id,
        "instalment": c.instalment_id,
        "allocations": [
            {
                "flagship": a.flagship.code if a.flagship else None,
                "outcome": a.outcome.code if a.outcome else None,
                "amount": a.amount,
                "amount_usd": a.amount_usd,
                "year": a.year,
            }
            for a in c.allocations.all()
        ],
        "soft_credits": [
            {"id": s.organisation_id, "name": s.organisation.name} for s in c.softcredit_set.all()
        ],
    }


PLEDGE_PREFETCH = ("outcomes", Prefetch("instalments", Instalment.objects.order_by("number")))
CONTRIBUTION_PREFETCH = (
    Prefetch("allocations", pledge_selectors.ALLOCATIONS),
    Prefetch("softcredit_set", pledge_selectors.CREDITS),
)


def _filters(query: Schema) -> pledge_selectors.MoneyFilters:
    return pledge_selectors.MoneyFilters(**query.dict(exclude={"page", "page_size"}))


def _schedule(rows) -> list | None:
    return None if rows is None else [(r.due_date, r.amount) for r in rows]


def _read_pledge(user, pk) -> dict:
    require(user, "funding.view")
    return pledge_out(pledge_selectors.pledge_detail(user=user, pk=pk))


@router.get("/pledges", response=PledgePage, summary="List pledges")
def pledge_list(request, filters: Query[PledgeQuery]):
    require(request.auth, "funding.view")
    qs = pledge_selectors.pledge_list(user=request.auth, filters=_filters(filters))
    data = paginate(qs, filters, PLEDGE_PREFETCH)
    data["results"] = [pledge_out(p) for p in data.pop("rows")]
    return data


@router.post("/pledges", response={201: PledgeOut}, summary="Record a pledge")
def pledge_create(request, payload: PledgeIn):
    require(request.auth, "funding.edit")
    values = payload.dict(exclude_unset=True)
    values["schedule"] = _schedule(payload.schedule)
    pledge = pledge_services.pledge_create(request.auth, **values)
    return Status(201, _read_pledge(request.auth, pledge.pk))


@router.get("/pledges/{pledge_id}", response=PledgeOut, summary="One pledge with its schedule")
def pledge_read(request, pledge_id: int):
    return _read_pledge(request.auth, pledge_id)


@router.patch("/pledges/{pledge_id}", response=PledgeOut, summary="Edit a pledge")
def pledge_update(request, pledge_id: int, payload: PledgePatch):
    require(request.auth, "funding.view")
    pledge = permissions.pledge_for(request.auth, pledge_id)
    require(request.auth, "funding.edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    changes["schedule"] = _schedule(payload.schedule)
    pledge_services.pledge_update(request.auth, pledge=pledge, expected_version=version, **changes)
    return _read_pledge(request.auth, pledge_id)


@router.get("/pledges/{pledge_id}/history", response=list[HistoryOut], summary="Its history")
def pledge_history(request, pledge_id: int):
    require(request.auth, "funding.view")
    pledge = permissions.pledge_for(request.auth, pledge_id)
    require(request.auth, "history.view")
    return history_out(pledge)


@router.post(
    "/pledges/{pledge_id}/contributions",
    response={201: ContributionOut},
    summary="Record a contribution to a pledge",
)
def pledge_contribute(request, pledge_id: int, payload: ContributionIn):
    require(request.auth, "funding.view")
    pledge = permissions.pledge_for(request.auth, pledge_id)
    require(request.auth, "funding.edit")
    values = payload.dict()
    values["allocations"] = (
        None
        if payload.allocations is None
        else [(a.flagship, a.outcome, a.amount) for a in payload.allocations]
    )
    values["soft_credits"] = [(s.organisation, s.role) for s in payload.soft_credits]
    c = contribution_services.contribution_record(request.auth, pledge=pledge, **values)
    return Status(
        201, contribution_out(pledge_selectors.contribution_detail(user=request.auth, pk=c.pk))
    )


@router.get("/contributions", response=ContributionPage, summary="List contributions")
def contribution_list(request, filters: Query[MoneyQuery]):
    require(request.auth, "funding.view")
    qs = pledge_selectors.contribution_list(user=request.auth, filters=_filters(filters))
    data = paginate(qs, filters, CONTRIBUTION_PREFETCH)
    data["results"] = [contribution_out(c) for c in data.pop("rows")]
    return data


def target_out(t: FundingTarget) -> dict:
    return {
        "id": t.pk,
        "year": t.year,
        "amount_usd": t.amount_usd,
        "note": t.note,
        "version": t.version,
        "flagship": t.flagship.code if t.flagship else None,
        "outcome": t.outcome.code if t.outcome else None,
    }


@router.get("/funding-targets", response=TargetPage, summary="List funding targets")
def target_list(request, filters: Query[Page], year: int | None = None):
    require(request.auth, "funding.view")
    data = paginate(pledge_selectors.target_list(user=request.auth, year=year), filters)
    data["results"] = [target_out(t) for t in data.pop("rows")]
    return data


@router.post("/funding-targets", response={201: TargetOut}, summary="Set a funding target")
def target_create(request, payload: TargetIn):
    require(request.auth, "funding.targets")
    target = target_services.target_create(request.auth, **payload.dict())
    return Status(201, target_out(pledge_selectors.target_for(request.auth, target.pk)))


@router.get("/funding/gap", response=list[GapRowOut], summary="The funding view")
def funding_gap(request, query: Query[GapQuery]):
    require(request.auth, "funding.view")
    rows = gap_selectors.funding_gap(request.auth, year=query.year, by=query.by)
    return [{**vars(r), "gap": r.gap, "gap_after_pipeline": r.gap_after_pipeline} for r in rows]
