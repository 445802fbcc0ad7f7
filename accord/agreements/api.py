"""The agreements app's REST endpoints (mounted under /api/v1/ by accord/api/api.py):
agreements, their status changes (each agreement says which you may make now, in
`transitions`), amendments, obligations and the agreement types."""

import datetime
from datetime import date
from decimal import Decimal

from ninja import Field, Query, Router, Schema, Status

from accord.agreements import amendment_services, permissions, selectors, services
from accord.agreements.models import AgreementType
from accord.agreements.obligation_api import router as obligation_router
from accord.api.common import HistoryOut, Page, Ref, history_out, paginate, require

router = Router(tags=["agreements"])


class PartyIn(Schema):
    organisation: int
    role: str = Field(
        "co_signatory", description="donor, implementing, co_signatory, host, beneficiary or other"
    )
    signatory_name: str = ""
    signed_on: date | None = None


class PartyOut(Schema):
    organisation: Ref
    role: str
    signatory_name: str
    signed_on: date | None


class AgreementOut(Schema):
    id: int
    reference: str
    title: str
    type: str
    status: str
    status_label: str
    summary: str
    amount: Decimal | None
    currency: str
    value_date: date | None
    amount_usd: Decimal | None
    usd_rate: Decimal | None
    rate_source: str
    opportunity: int | None
    pledge: int | None
    signed_on: date | None
    start_date: date | None
    end_date: date | None
    ended_on: date | None
    end_reason: str
    flagship: str | None
    owner: Ref | None
    office: str
    region: str | None
    parties: list[PartyOut] = Field(description="Parties you may see")
    version: int


class TransitionOut(Schema):
    name: str
    label: str
    target: str
    target_label: str
    note_label: str
    note_required: bool
    date_label: str
    blocked: str = Field(description="Why it cannot go ahead yet, or empty")


class AgreementDetailOut(AgreementOut):
    outcomes: list[str]
    strategies: list[str]
    transitions: list[TransitionOut] = Field(description="Status changes you may make now")


class AgreementPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AgreementOut]


class AgreementQuery(Page):
    q: str = ""
    type: str = Field("", description="Agreement type code, e.g. mou")
    status: str = ""
    partner: int | None = Field(None, description="Organisation id of a party")
    region: str = Field("", description="Region code of the lead office")
    expiring_within: int | None = Field(None, ge=0, le=3650, description="Days")
    owner: int | None = None


class AgreementIn(Schema):
    title: str
    type: str = Field(description="Agreement type code")
    parties: list[PartyIn]
    summary: str = ""
    amount: Decimal | None = None
    currency: str = ""
    value_date: date | None = None
    opportunity: int | None = None
    pledge: int | None = None
    signed_on: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    flagship: str | None = Field(None, description="Flagship programme code")
    outcomes: list[str] = Field([], description="Outcome codes, e.g. 1.2")
    strategies: list[str] = Field([], description="Strategy line codes, e.g. 2.3")
    owner: int | None = None
    office: str = ""
    region: str | None = None


class AgreementPatch(Schema):
    version: int | None = None
    title: str | None = None
    type: str | None = None
    parties: list[PartyIn] | None = None
    summary: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    value_date: date | None = None
    opportunity: int | None = None
    pledge: int | None = None
    signed_on: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    flagship: str | None = None
    outcomes: list[str] | None = None
    strategies: list[str] | None = None
    owner: int | None = None
    office: str | None = None
    region: str | None = None


class TransitionIn(Schema):
    name: str = Field(description="submit, return, sign, activate, expire, terminate or close")
    version: int | None = None
    note: str = ""
    date: datetime.date | None = Field(None, description="Signature or termination date")


class AmendmentIn(Schema):
    signed_on: date
    summary: str
    version: int | None = None
    title: str | None = None
    type: str | None = None
    parties: list[PartyIn] | None = None
    amount: Decimal | None = None
    currency: str | None = None
    value_date: date | None = None
    start_date: date | None = None
    end_date: date | None = None


class AmendmentOut(Schema):
    id: int
    number: int
    signed_on: date
    summary: str
    changes: dict = Field(description="{term: [before, after]}")


class TypeOut(Schema):
    code: str
    name: str
    has_value: bool
    is_active: bool


def _party_out(p) -> dict:
    return {
        "organisation": {"id": p.organisation_id, "name": str(p.organisation)},
        "role": p.role,
        "signatory_name": p.signatory_name,
        "signed_on": p.signed_on,
    }


def agreement_out(a) -> dict:
    plain = [
        "id",
        "reference",
        "title",
        "status",
        "summary",
        "amount",
        "currency",
        "value_date",
        "amount_usd",
        "usd_rate",
        "rate_source",
        "signed_on",
        "start_date",
        "end_date",
        "ended_on",
        "end_reason",
        "office",
        "version",
    ]
    return {
        **{f: getattr(a, f) for f in plain},
        "type": a.type.code,
        "status_label": a.get_status_display(),
        "opportunity": a.opportunity_id,
        "pledge": a.pledge_id,
        "flagship": a.flagship.code if a.flagship_id else None,
        "owner": {"id": a.owner_id, "name": str(a.owner)} if a.owner_id else None,
        "region": a.region.code if a.region_id else None,
        "parties": [_party_out(p) for p in a.parties_shown],
    }


def _read(user, pk) -> dict:
    a = selectors.agreement_detail(user=user, pk=pk)
    return {
        **agreement_out(a),
        "outcomes": [o.code for o in a.outcomes.all()],
        "strategies": [s.code for s in a.strategies.all()],
        "transitions": selectors.available_transitions(user=user, agreement=a),
    }


def _parties(payload_parties) -> list[dict] | None:
    if payload_parties is None:
        return None
    return [p.dict() for p in payload_parties]


@router.get("/agreements", response=AgreementPage, summary="List agreements")
def agreement_list(request, filters: Query[AgreementQuery]):
    require(request.auth, "agreements.view")
    values = filters.dict(exclude={"page", "page_size"})
    qs = selectors.agreement_list(
        user=request.auth, filters=selectors.AgreementFilters(**values)
    ).select_related("flagship")
    data = paginate(qs, filters, prefetch=selectors.page_prefetch(request.auth))
    data["results"] = [agreement_out(a) for a in data.pop("rows")]
    return data


@router.post("/agreements", response={201: AgreementDetailOut}, summary="Record an agreement")
def agreement_create(request, payload: AgreementIn):
    require(request.auth, "agreements.edit")
    values = payload.dict()
    values["parties"] = _parties(payload.parties)
    a = services.agreement_create(actor=request.auth, **values)
    return Status(201, _read(request.auth, a.pk))


@router.get("/agreements/{agreement_id}", response=AgreementDetailOut, summary="One agreement")
def agreement_read(request, agreement_id: int):
    return _read(request.auth, agreement_id)


@router.patch("/agreements/{agreement_id}", response=AgreementDetailOut, summary="Edit one")
def agreement_update(request, agreement_id: int, payload: AgreementPatch):
    a = permissions.agreement_for(request.auth, agreement_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    if "parties" in changes:
        changes["parties"] = _parties(payload.parties)
    services.agreement_update(actor=request.auth, agreement=a, expected_version=version, **changes)
    return _read(request.auth, agreement_id)


@router.post(
    "/agreements/{agreement_id}/transition",
    response=AgreementDetailOut,
    summary="Change an agreement's status",
)
def agreement_transition(request, agreement_id: int, payload: TransitionIn):
    a = permissions.agreement_for(request.auth, agreement_id, action="edit")
    services.agreement_transition(
        actor=request.auth,
        agreement=a,
        transition=payload.name,
        note=payload.note,
        date=payload.date,
        expected_version=payload.version,
    )
    return _read(request.auth, agreement_id)


@router.get("/agreements/{agreement_id}/history", response=list[HistoryOut], summary="Its history")
def agreement_history(request, agreement_id: int):
    require(request.auth, "history.view")
    return history_out(permissions.agreement_for(request.auth, agreement_id))


@router.get(
    "/agreements/{agreement_id}/amendments", response=list[AmendmentOut], summary="Amendments"
)
def amendment_list(request, agreement_id: int):
    a = permissions.agreement_for(request.auth, agreement_id)
    return list(a.amendments.order_by("number"))


@router.post(
    "/agreements/{agreement_id}/amendments",
    response={201: AmendmentOut},
    summary="Amend a signed agreement",
)
def amendment_create(request, agreement_id: int, payload: AmendmentIn):
    a = permissions.agreement_for(request.auth, agreement_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    signed_on, summary = changes.pop("signed_on"), changes.pop("summary")
    if "parties" in changes:
        changes["parties"] = _parties(payload.parties)
    amendment = amendment_services.amendment_create(
        actor=request.auth,
        agreement=a,
        signed_on=signed_on,
        summary=summary,
        expected_version=version,
        **changes,
    )
    return Status(201, amendment)


@router.get("/agreement-types", response=list[TypeOut], summary="Agreement types")
def type_list(request):
    require(request.auth, "agreements.view")
    return list(AgreementType.objects.all())


router.add_router("", obligation_router)
