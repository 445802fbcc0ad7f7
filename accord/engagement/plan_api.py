"""API of the implementation plan: actions, their status changes (each action says which ones
you may make now, in `transitions`), progress notes. Part of the engagement app's router."""

from datetime import date, datetime

from django.db.models import prefetch_related_objects
from ninja import Field, Query, Router, Schema, Status

from accord.api.common import HistoryOut, Page, Ref, history_out, paginate, require
from accord.engagement import permissions, plan_selectors, plan_services
from accord.engagement.models import PlanAction

router = Router(tags=["implementation plan"])


class TransitionOut(Schema):
    name: str
    label: str
    target: str
    target_label: str
    note_label: str
    note_required: bool
    blocked: str = Field(description="Why it cannot go ahead yet (e.g. no owner), or empty")


class PlanActionOut(Schema):
    id: int
    title: str
    description: str
    category: str
    strategies: list[str] = Field(description="Strategy line codes, e.g. 2.3")
    owner: Ref | None
    office: str
    region: str | None
    due_date: date | None
    status: str
    status_label: str
    overdue: bool
    completed_on: date | None
    version: int
    transitions: list[TransitionOut] = Field(description="Status changes you may make now")


class NoteOut(Schema):
    id: int
    text: str
    transition: str
    author: str | None
    at: datetime


class PlanActionDetailOut(PlanActionOut):
    engagements: list[Ref] = Field(description="Linked engagements you may see")
    notes: list[NoteOut]


class PlanActionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PlanActionOut]


class PlanQuery(Page):
    q: str = ""
    category: str = ""
    strategy: str = Field("", description="Strategy line code, e.g. 2.3")
    status: str = Field("", description="A status, or open (planned or in progress)")
    owner: int | None = None
    region: str = ""
    overdue: bool = False


class PlanActionIn(Schema):
    title: str
    category: str = Field(description="Partner category code")
    description: str = ""
    strategies: list[str] = []
    owner: int | None = None
    office: str = ""
    region: str | None = None
    due_date: date | None = None
    engagements: list[int] = []


class PlanActionPatch(Schema):
    version: int | None = None
    title: str | None = None
    category: str | None = None
    description: str | None = None
    strategies: list[str] | None = None
    owner: int | None = None
    office: str | None = None
    region: str | None = None
    due_date: date | None = None
    engagements: list[int] | None = None


class TransitionIn(Schema):
    transition: str = Field(description="start, complete, postpone, drop, reopen or revive")
    note: str = ""
    version: int | None = None


class NoteIn(Schema):
    text: str


def _note_out(n) -> dict:
    return {
        "id": n.pk,
        "text": n.text,
        "transition": n.transition,
        "at": n.at,
        "author": str(n.author) if n.author else None,
    }


def action_out(user, a: PlanAction) -> dict:
    return {
        **{
            f: getattr(a, f)
            for f in (
                "id",
                "title",
                "description",
                "office",
                "due_date",
                "status",
                "completed_on",
                "version",
            )
        },
        "category": a.category.code,
        "strategies": [s.code for s in a.strategies.all()],
        "owner": {"id": a.owner_id, "name": str(a.owner)} if a.owner else None,
        "region": a.region.code if a.region else None,
        "status_label": a.get_status_display(),
        "overdue": plan_selectors.is_overdue(a),
        "transitions": plan_selectors.available_transitions(user=user, action=a),
    }


def _read(user, pk) -> dict:
    a = plan_selectors.action_detail(user=user, pk=pk)
    return {
        **action_out(user, a),
        "engagements": [{"id": e.pk, "name": e.title} for e in a.engagements_shown],
        "notes": [_note_out(n) for n in a.notes.all()],
    }


@router.get("/plan-actions", response=PlanActionPage, summary="List plan actions")
def action_list(request, filters: Query[PlanQuery]):
    require(request.auth, "plan.view")
    values = filters.dict(exclude={"page", "page_size"})
    qs = plan_selectors.action_list(user=request.auth, filters=plan_selectors.PlanFilters(**values))
    data = paginate(qs, filters)
    prefetch_related_objects(data["rows"], *plan_selectors.PAGE_PREFETCH)
    data["results"] = [action_out(request.auth, a) for a in data.pop("rows")]
    return data


@router.post("/plan-actions", response={201: PlanActionDetailOut}, summary="Add an action")
def action_create(request, payload: PlanActionIn):
    require(request.auth, "plan.edit")
    action = plan_services.action_create(actor=request.auth, **payload.dict())
    return Status(201, _read(request.auth, action.pk))


@router.get("/plan-actions/{action_id}", response=PlanActionDetailOut, summary="One action")
def action_read(request, action_id: int):
    return _read(request.auth, action_id)


@router.patch("/plan-actions/{action_id}", response=PlanActionDetailOut, summary="Edit one")
def action_update(request, action_id: int, payload: PlanActionPatch):
    action = permissions.action_for(request.auth, action_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    plan_services.action_update(
        actor=request.auth, action=action, expected_version=version, **changes
    )
    return _read(request.auth, action_id)


@router.post(
    "/plan-actions/{action_id}/transitions",
    response=PlanActionDetailOut,
    summary="Change an action's status",
)
def action_transition(request, action_id: int, payload: TransitionIn):
    action = permissions.action_for(request.auth, action_id, action="edit")
    plan_services.action_transition(
        actor=request.auth,
        action=action,
        transition=payload.transition,
        note=payload.note,
        expected_version=payload.version,
    )
    return _read(request.auth, action_id)


@router.post(
    "/plan-actions/{action_id}/notes", response={201: NoteOut}, summary="Add a progress note"
)
def note_add(request, action_id: int, payload: NoteIn):
    action = permissions.action_for(request.auth, action_id, action="edit")
    note = plan_services.progress_note_add(actor=request.auth, action=action, text=payload.text)
    return Status(201, _note_out(note))


@router.get(
    "/plan-actions/{action_id}/history", response=list[HistoryOut], summary="History of an action"
)
def action_history(request, action_id: int):
    action = permissions.action_for(request.auth, action_id)
    require(request.auth, "history.view")
    return history_out(action)
