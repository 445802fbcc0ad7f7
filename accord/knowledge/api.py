"""The knowledge app's REST endpoints (mounted under /api/v1/ by accord/api/api.py): items
(list, read, create, edit, change of state); their disseminations are in
dissemination_api.py, included here.

Each endpoint checks permission first, then calls one service or selector; their errors become
the API's JSON error format. Outcomes ("1.2"), countries ("KE") and flagship programmes ("3")
by code; partners and contacts by id. `body` is HTML: it is stored sanitised (see `body` in
the answer for what was kept)."""

import datetime as dt

from ninja import Field, Query, Router, Schema, Status

from accord.api.common import HistoryOut, Page, history_out, paginate, require
from accord.knowledge import permissions, selectors, services, states
from accord.knowledge.dissemination_api import router as dissemination_router
from accord.knowledge.models import Item

router = Router(tags=["Knowledge hub"])
router.add_router("", dissemination_router)


class KnowledgePartnerLinkIn(Schema):
    organisation: int
    role: str = Field(description="took_part, featured or produced")


class KnowledgePartnerLinkOut(KnowledgePartnerLinkIn):
    name: str


class KnowledgeTransitionOut(Schema):
    name: str
    label: str
    note_required: bool


class KnowledgeItemOut(Schema):
    id: int
    kind: str
    title: str
    summary: str
    body: str = Field(description="Sanitised HTML")
    date: dt.date
    url: str
    state: str
    published_at: dt.datetime | None
    outcomes: list[str]
    countries: list[str]
    flagships: list[str]
    partners: list[KnowledgePartnerLinkOut] = Field(description="The partners you may see")
    version: int
    updated_at: dt.datetime
    transitions: list[KnowledgeTransitionOut] = Field(
        description="Changes of state you may make now"
    )


class KnowledgeItemPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[KnowledgeItemOut]


class KnowledgeItemQuery(Page):
    q: str = ""
    kind: str = ""
    state: str = ""
    outcome: str = Field("", description="Outcome code, e.g. 1.2")
    country: str = Field("", description="ISO 3166 alpha-2")
    flagship: str = Field("", description="Flagship programme code")
    partner: int | None = Field(None, description="Linked to or received by this partner")


class KnowledgeItemIn(Schema):
    kind: str
    title: str = Field(max_length=300)
    summary: str = Field("", max_length=2000)
    body: str = Field("", max_length=100_000)
    date: dt.date
    url: str = Field("", max_length=500)
    outcomes: list[str] = []
    countries: list[str] = []
    flagships: list[str] = []
    partners: list[KnowledgePartnerLinkIn] = []


class KnowledgeItemPatch(Schema):
    """Only the fields sent change; `partners` replaces the links you may see."""

    version: int = Field(description="The version you read: a stale edit is refused (409)")
    kind: str | None = None
    title: str | None = Field(None, max_length=300)
    summary: str | None = Field(None, max_length=2000)
    body: str | None = Field(None, max_length=100_000)
    date: dt.date | None = None
    url: str | None = Field(None, max_length=500)
    outcomes: list[str] | None = None
    countries: list[str] | None = None
    flagships: list[str] | None = None
    partners: list[KnowledgePartnerLinkIn] | None = None


class KnowledgeTransitionIn(Schema):
    transition: str = Field(description="submit, return, publish, archive or restore")
    version: int
    note: str = Field("", max_length=300)


def _codes(item: Item) -> dict:
    return {
        "outcomes": [o.code for o in item.outcomes.all()],
        "countries": [c.code for c in item.countries.all()],
        "flagships": [f.code for f in item.flagships.all()],
    }


def item_out(user, item: Item, *, transitions: bool = False) -> dict:
    return {
        **{
            f: getattr(item, f)
            for f in (
                "id",
                "kind",
                "title",
                "summary",
                "body",
                "date",
                "url",
                "state",
                "published_at",
                "version",
                "updated_at",
            )
        },
        **_codes(item),
        "partners": [
            {
                "organisation": link.organisation_id,
                "name": link.organisation.name,
                "role": link.role,
            }
            for link in item.partner_links.all()
        ],
        "transitions": [
            {"name": t.name, "label": t.label, "note_required": t.note_required}
            for t in states.available(user, item)
        ]
        if transitions
        else [],
    }


def _read(user, pk) -> dict:
    return item_out(user, selectors.item_detail(user=user, pk=pk), transitions=True)


def _links(links) -> list[dict]:
    return [{"organisation": link.organisation, "role": link.role} for link in links]


def _resolve_codes(filters: KnowledgeItemQuery) -> dict:
    """The list's filters by code, turned into the ids the selector takes (unknown → 400)."""
    from accord.knowledge.resolve import resolve_flagships
    from accord.partners.services import resolve_outcomes

    values = {}
    if filters.outcome:
        values["outcome"] = resolve_outcomes([filters.outcome])[0].pk
    if filters.flagship:
        values["flagship"] = resolve_flagships([filters.flagship])[0].pk
    return values


@router.get("/knowledge/items", response=KnowledgeItemPage, summary="List knowledge items")
def item_list(request, filters: Query[KnowledgeItemQuery]):
    require(request.auth, "knowledge.view")
    found = selectors.ItemFilters(
        q=filters.q.strip()[:200],
        kind=filters.kind,
        state=filters.state,
        country=filters.country.strip().upper(),
        partner=filters.partner,
        **_resolve_codes(filters),
    )
    qs = selectors.item_list(user=request.auth, filters=found).defer(None)
    prefetch = ["outcomes", "countries", "flagships", *selectors.page_prefetch(request.auth)[1:]]
    data = paginate(qs, filters, prefetch=prefetch)
    data["results"] = [item_out(request.auth, item) for item in data.pop("rows")]
    return data


@router.post(
    "/knowledge/items", response={201: KnowledgeItemOut}, summary="Write an item (a draft)"
)
def item_create(request, payload: KnowledgeItemIn):
    permissions.require_write(request.auth)
    values = payload.dict()
    values["partners"] = _links(payload.partners)
    item = services.item_create(actor=request.auth, **values)
    return Status(201, _read(request.auth, item.pk))


@router.get("/knowledge/items/{item_id}", response=KnowledgeItemOut, summary="One item")
def item_read(request, item_id: int):
    return _read(request.auth, item_id)


@router.patch("/knowledge/items/{item_id}", response=KnowledgeItemOut, summary="Edit an item")
def item_update(request, item_id: int, payload: KnowledgeItemPatch):
    item = permissions.item_for(request.auth, item_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    if payload.partners is not None:
        changes["partners"] = _links(payload.partners)
    services.item_update(actor=request.auth, item=item, expected_version=version, **changes)
    return _read(request.auth, item_id)


@router.post(
    "/knowledge/items/{item_id}/transition",
    response=KnowledgeItemOut,
    summary="Submit, return, publish, archive or restore",
)
def item_transition(request, item_id: int, payload: KnowledgeTransitionIn):
    item = permissions.item_for(request.auth, item_id)
    services.item_transition(
        actor=request.auth,
        item=item,
        name=payload.transition,
        note=payload.note,
        expected_version=payload.version,
    )
    return _read(request.auth, item_id)


@router.get("/knowledge/items/{item_id}/history", response=list[HistoryOut], summary="History")
def item_history(request, item_id: int):
    require(request.auth, "history.view")
    item = permissions.item_for(request.auth, item_id)
    return history_out(selectors.history(item, user=request.auth))
