"""API of obligations: those of an agreement, the open ones across agreements (by due date and
owner), one obligation, and its status changes. Added to the agreements router (api.py)."""

from datetime import date

from ninja import Field, Query, Router, Schema, Status

from accord.agreements import obligation_services, permissions, selectors
from accord.api.common import Page, Ref, paginate, require

router = Router(tags=["obligations"])


class ObligationOut(Schema):
    id: int
    agreement: Ref
    kind: str
    title: str
    description: str
    due_date: date
    owner: Ref | None
    remind_days_before: int
    status: str
    status_label: str
    overdue: bool
    completed_on: date | None
    escalated_on: date | None
    note: str
    version: int


class ObligationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ObligationOut]


class ObligationQuery(Page):
    due_before: date | None = None
    owner: int | None = None
    status: str = Field("open", description="open (open or submitted), or all")


class ObligationIn(Schema):
    kind: str = Field(
        description="narrative_report, financial_report, visibility, audit, renewal or other"
    )
    title: str
    due_date: date
    description: str = ""
    owner: int | None = None
    remind_days_before: int = 14


class ObligationPatch(Schema):
    version: int | None = None
    kind: str | None = None
    title: str | None = None
    due_date: date | None = None
    description: str | None = None
    owner: int | None = None
    remind_days_before: int | None = None


class ObligationTransitionIn(Schema):
    name: str = Field(description="submit, complete, waive or reopen")
    version: int | None = None
    note: str = ""


def obligation_out(o) -> dict:
    plain = [
        "id",
        "kind",
        "title",
        "description",
        "due_date",
        "remind_days_before",
        "status",
        "completed_on",
        "escalated_on",
        "note",
        "version",
    ]
    return {
        **{f: getattr(o, f) for f in plain},
        "agreement": {"id": o.agreement_id, "name": str(o.agreement)},
        "owner": {"id": o.owner_id, "name": str(o.owner)} if o.owner_id else None,
        "status_label": o.get_status_display(),
        "overdue": selectors.is_overdue(o),
    }


def _one(user, pk) -> dict:
    return obligation_out(permissions.obligation_for(user, pk))


@router.get("/obligations", response=ObligationPage, summary="Obligations, earliest due first")
def obligation_list(request, filters: Query[ObligationQuery]):
    require(request.auth, "agreements.view")
    qs = selectors.obligation_list(
        user=request.auth,
        owner=filters.owner,
        due_before=filters.due_before,
        open_only=filters.status != "all",
    )
    data = paginate(qs, filters)
    data["results"] = [obligation_out(o) for o in data.pop("rows")]
    return data


@router.get(
    "/agreements/{agreement_id}/obligations",
    response=list[ObligationOut],
    summary="An agreement's obligations",
)
def agreement_obligations(request, agreement_id: int):
    a = permissions.agreement_for(request.auth, agreement_id)
    rows = a.obligations.select_related("owner", "agreement").order_by("due_date", "id")
    return [obligation_out(o) for o in rows]


@router.post(
    "/agreements/{agreement_id}/obligations",
    response={201: ObligationOut},
    summary="Add an obligation",
)
def obligation_create(request, agreement_id: int, payload: ObligationIn):
    a = permissions.agreement_for(request.auth, agreement_id, action="edit")
    o = obligation_services.obligation_create(actor=request.auth, agreement=a, **payload.dict())
    return Status(201, _one(request.auth, o.pk))


@router.get("/obligations/{obligation_id}", response=ObligationOut, summary="One obligation")
def obligation_read(request, obligation_id: int):
    return _one(request.auth, obligation_id)


@router.patch("/obligations/{obligation_id}", response=ObligationOut, summary="Edit one")
def obligation_update(request, obligation_id: int, payload: ObligationPatch):
    o = permissions.obligation_for(request.auth, obligation_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    obligation_services.obligation_update(
        actor=request.auth, obligation=o, expected_version=version, **changes
    )
    return _one(request.auth, obligation_id)


@router.post(
    "/obligations/{obligation_id}/transition",
    response=ObligationOut,
    summary="Mark an obligation submitted, done, waived or open again",
)
def obligation_transition(request, obligation_id: int, payload: ObligationTransitionIn):
    o = permissions.obligation_for(request.auth, obligation_id, action="complete")
    obligation_services.obligation_transition(
        actor=request.auth,
        obligation=o,
        transition=payload.name,
        note=payload.note,
        expected_version=payload.version,
    )
    return _one(request.auth, obligation_id)
