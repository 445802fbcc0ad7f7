"""API of the engagement app: engagements and follow-ups here; governance bodies
(governance_api.py) and the implementation plan (plan_api.py) are added to the same `router`,
which the API mounts at /api/v1/.

Each endpoint checks permission first, then calls one service or selector; their errors become
the API's JSON error format (accord/api/errors.py). Partners, contacts and staff by id;
strategy lines ("2.3"), outcomes ("1.2"), regions, countries and flagships by code."""

from datetime import date, datetime

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from accord.api.common import HistoryOut, Page, Ref, history_out, paginate, require
from accord.engagement import permissions, selectors, services
from accord.engagement.governance_api import router as governance_router
from accord.engagement.insight_api import router as insight_router
from accord.engagement.models import Engagement, FollowUp
from accord.engagement.plan_api import router as plan_router

router = Router(tags=["engagements"])


class EngagementOut(Schema):
    id: int
    kind: str
    kind_label: str
    status: str
    title: str
    summary: str
    start_date: date
    end_date: date | None
    partners: list[Ref] = Field(description="The partners involved that you may see")
    contacts: list[Ref]
    staff: list[Ref]
    lead_region: str | None
    office: str
    country: str | None
    strategies: list[str] = Field(description="Strategy line codes, e.g. 2.3")
    outcomes: list[str]
    flagship: str | None
    sdgs: list[int]
    version: int
    created_by: int | None
    created_at: datetime
    updated_at: datetime


class EngagementPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[EngagementOut]


class EngagementQuery(Page):
    q: str = ""
    kind: str = ""
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None
    partner: int | None = Field(None, description="Organisation id")
    category: str = Field("", description="Partner category code of a partner involved")
    strategy: str = Field("", description="Strategy line code, e.g. 2.3")
    outcome: str = ""
    region: str = Field("", description="Lead region code")
    country: str = ""
    flagship: str = ""
    sdg: int | None = None


class EngagementIn(Schema):
    title: str
    kind: str
    start_date: date
    organisations: list[int] = Field(description="Ids of the partners involved (at least one)")
    status: str | None = Field(
        None, description="planned, held or cancelled (default: held once started, else planned)"
    )
    end_date: date | None = None
    summary: str = ""
    contacts: list[int] = []
    staff: list[int] = []
    lead_region: str | None = None
    office: str = ""
    country: str | None = None
    strategies: list[str] = []
    outcomes: list[str] = []
    flagship: str | None = None
    sdgs: list[int] = []


class EngagementPatch(Schema):
    """Only the fields sent are changed; send `version` to refuse a stale edit (409)."""

    version: int | None = None
    title: str | None = None
    kind: str | None = None
    start_date: date | None = None
    organisations: list[int] | None = None
    status: str | None = None
    end_date: date | None = None
    summary: str | None = None
    contacts: list[int] | None = None
    staff: list[int] | None = None
    lead_region: str | None = None
    office: str | None = None
    country: str | None = None
    strategies: list[str] | None = None
    outcomes: list[str] | None = None
    flagship: str | None = None
    sdgs: list[int] | None = None


def engagement_out(e: Engagement) -> dict:
    return {
        **{
            f: getattr(e, f)
            for f in (
                "id",
                "kind",
                "status",
                "title",
                "summary",
                "start_date",
                "end_date",
                "office",
                "version",
                "created_by_id",
                "created_at",
                "updated_at",
            )
        },
        "kind_label": e.get_kind_display(),
        "created_by": e.created_by_id,
        "partners": [{"id": o.pk, "name": o.name} for o in e.partners_shown],
        "contacts": [{"id": c.pk, "name": c.full_name} for c in e.contacts_shown],
        "staff": [{"id": u.pk, "name": str(u)} for u in e.staff.all()],
        "lead_region": e.lead_region.code if e.lead_region else None,
        "country": e.country_id,
        "strategies": [s.code for s in e.strategies.all()],
        "outcomes": [o.code for o in e.outcomes.all()],
        "flagship": e.flagship.code if e.flagship else None,
        "sdgs": [g.pk for g in e.sdgs.all()],
    }


def _read(user, pk) -> dict:
    return engagement_out(selectors.engagement_detail(user=user, pk=pk))


@router.get("/engagements", response=EngagementPage, summary="List engagements")
def engagement_list(request, filters: Query[EngagementQuery]):
    require(request.auth, "engagement.view")
    values = filters.dict(exclude={"page", "page_size"})
    qs = selectors.engagement_list(user=request.auth, filters=selectors.EngagementFilters(**values))
    data = paginate(qs, filters, selectors.full_prefetch(request.auth))
    data["results"] = [engagement_out(e) for e in data.pop("rows")]
    return data


@router.post("/engagements", response={201: EngagementOut}, summary="Log an engagement")
def engagement_create(request, payload: EngagementIn):
    require(request.auth, "engagement.log")
    engagement = services.engagement_create(actor=request.auth, **payload.dict())
    return Status(201, _read(request.auth, engagement.pk))


@router.get("/engagements/{engagement_id}", response=EngagementOut, summary="One engagement")
def engagement_read(request, engagement_id: int):
    return _read(request.auth, engagement_id)


@router.patch("/engagements/{engagement_id}", response=EngagementOut, summary="Edit one")
def engagement_update(request, engagement_id: int, payload: EngagementPatch):
    engagement = permissions.engagement_for(request.auth, engagement_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    services.engagement_update(
        actor=request.auth, engagement=engagement, expected_version=version, **changes
    )
    return _read(request.auth, engagement_id)


@router.get(
    "/engagements/{engagement_id}/history",
    response=list[HistoryOut],
    summary="History of an engagement",
)
def engagement_history(request, engagement_id: int):
    engagement = permissions.engagement_for(request.auth, engagement_id)
    require(request.auth, "history.view")
    return history_out(selectors.engagement_history(user=request.auth, engagement=engagement))


# --- follow-ups ---


class FollowUpOut(Schema):
    id: int
    engagement: Ref
    description: str
    owner: Ref
    due_date: date
    done_at: datetime | None
    overdue: bool


class FollowUpPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[FollowUpOut]


class FollowUpQuery(Page):
    mine: bool = Field(True, description="Only follow-ups you own")
    open: bool = Field(True, description="Only those not done yet")


class FollowUpIn(Schema):
    description: str
    owner: int = Field(description="User id of who will do it")
    due_date: date


def follow_up_out(f: FollowUp) -> dict:
    return {
        "id": f.pk,
        "description": f.description,
        "due_date": f.due_date,
        "done_at": f.done_at,
        "engagement": {"id": f.engagement_id, "name": f.engagement.title},
        "owner": {"id": f.owner_id, "name": str(f.owner)},
        "overdue": f.done_at is None and f.due_date < timezone.localdate(),
    }


@router.get("/follow-ups", response=FollowUpPage, summary="Follow-ups, earliest due first")
def follow_up_list(request, filters: Query[FollowUpQuery]):
    require(request.auth, "engagement.view")
    qs = selectors.follow_up_list(
        user=request.auth, owner=request.auth if filters.mine else None, open_only=filters.open
    )
    data = paginate(qs, filters)
    data["results"] = [follow_up_out(f) for f in data.pop("rows")]
    return data


@router.get(
    "/engagements/{engagement_id}/follow-ups",
    response=list[FollowUpOut],
    summary="Follow-ups of an engagement",
)
def engagement_follow_ups(request, engagement_id: int):
    engagement = permissions.engagement_for(request.auth, engagement_id)
    qs = selectors.follow_up_list(user=request.auth, open_only=False)
    return [follow_up_out(f) for f in qs.filter(engagement=engagement)]


@router.post(
    "/engagements/{engagement_id}/follow-ups",
    response={201: FollowUpOut},
    summary="Add a follow-up",
)
def follow_up_create(request, engagement_id: int, payload: FollowUpIn):
    engagement = permissions.engagement_for(request.auth, engagement_id, action="edit")
    follow_up = services.follow_up_create(
        actor=request.auth, engagement=engagement, **payload.dict()
    )
    return Status(201, follow_up_out(follow_up))


@router.post("/follow-ups/{follow_up_id}/done", response=FollowUpOut, summary="Mark done")
def follow_up_done(request, follow_up_id: int):
    follow_up = permissions.follow_up_for(request.auth, follow_up_id, action="complete")
    return follow_up_out(services.follow_up_complete(actor=request.auth, follow_up=follow_up))


router.add_router("", governance_router)
router.add_router("", plan_router)
router.add_router("", insight_router)
