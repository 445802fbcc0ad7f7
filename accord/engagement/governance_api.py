"""API of governance bodies: bodies, members, sessions, participation, and participation by
partner category over time. Part of the engagement app's router (accord.engagement.api)."""

from datetime import date

from ninja import Field, Query, Router, Schema, Status

from accord.api.common import Page, Ref, paginate, require
from accord.engagement import governance_selectors as gov
from accord.engagement import governance_services, permissions
from accord.engagement.models import BodyMembership, BodySession, SessionParticipation

router = Router(tags=["governance"])


class BodyOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    kind_label: str
    description: str
    member_count: int = Field(description="Members whose term includes today")
    session_count: int
    last_session: date | None
    version: int


class BodyPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[BodyOut]


class BodyIn(Schema):
    name: str
    kind: str = "other"
    description: str = ""
    code: str = ""


class BodyPatch(Schema):
    version: int | None = None
    name: str | None = None
    kind: str | None = None
    description: str | None = None


def _body_out(body) -> dict:
    return {
        **{f: getattr(body, f) for f in BodyOut.model_fields if f != "kind_label"},
        "kind_label": body.get_kind_display(),
    }


def _body_read(user, pk) -> dict:
    body = permissions.body_for(user, pk, qs=gov.body_list(user=user))
    return _body_out(body)


@router.get("/governance-bodies", response=BodyPage, summary="List governance bodies")
def body_list(request, page: Query[Page]):
    require(request.auth, "governance.view")
    data = paginate(gov.body_list(user=request.auth), page)
    data["results"] = [_body_out(b) for b in data.pop("rows")]
    return data


@router.post("/governance-bodies", response={201: BodyOut}, summary="Add a body")
def body_create(request, payload: BodyIn):
    require(request.auth, "governance.manage")
    body = governance_services.body_create(actor=request.auth, **payload.dict())
    return Status(201, _body_read(request.auth, body.pk))


@router.get("/governance-bodies/{body_id}", response=BodyOut, summary="One body")
def body_read(request, body_id: int):
    return _body_read(request.auth, body_id)


@router.patch("/governance-bodies/{body_id}", response=BodyOut, summary="Edit a body")
def body_update(request, body_id: int, payload: BodyPatch):
    body = permissions.body_for(request.auth, body_id, action="manage")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    governance_services.body_update(
        actor=request.auth, body=body, expected_version=version, **changes
    )
    return _body_read(request.auth, body_id)


class CategoryRef(Schema):
    code: str
    name: str


class ParticipationYear(Schema):
    year: int
    counts: dict[str, int] = Field(description="Participations per partner category code")
    total: int
    local_share: int = Field(description="Local authorities' share of the year, in percent")


class ParticipationTable(Schema):
    categories: list[CategoryRef]
    rows: list[ParticipationYear]


@router.get(
    "/governance-bodies/{body_id}/participation",
    response=ParticipationTable,
    summary="Participation by partner category over time",
)
def body_participation(request, body_id: int):
    body = permissions.body_for(request.auth, body_id)
    table = gov.participation_by_category(body=body)
    codes = [c.code for c in table["categories"]]
    return {
        "categories": [{"code": c.code, "name": c.short_name} for c in table["categories"]],
        "rows": [
            {**row, "counts": dict(zip(codes, row["counts"], strict=True))} for row in table["rows"]
        ],
    }


# --- members ---


class MembershipOut(Schema):
    id: int
    body: int
    organisation: Ref
    category: str
    contact: Ref | None
    role: str
    term_start: date | None
    term_end: date | None


class MembershipPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[MembershipOut]


class MembershipQuery(Page):
    current: bool = Field(False, description="Only members whose term includes today")


class MembershipIn(Schema):
    organisation: int
    contact: int | None = None
    role: str = "Member"
    term_start: date | None = None
    term_end: date | None = None


class TermEndIn(Schema):
    term_end: date


def _contact_ref(contact) -> dict | None:
    return {"id": contact.pk, "name": contact.full_name} if contact else None


def _membership_out(m: BodyMembership) -> dict:
    return {
        "id": m.pk,
        "body": m.body_id,
        "role": m.role,
        "term_start": m.term_start,
        "term_end": m.term_end,
        "contact": _contact_ref(m.contact),
        "organisation": {"id": m.organisation_id, "name": m.organisation.name},
        "category": m.organisation.category.code,
    }


@router.get(
    "/governance-bodies/{body_id}/members", response=MembershipPage, summary="Members of a body"
)
def member_list(request, body_id: int, filters: Query[MembershipQuery]):
    body = permissions.body_for(request.auth, body_id)
    qs = gov.member_list(user=request.auth, body=body, current_only=filters.current)
    data = paginate(qs, filters)
    data["results"] = [_membership_out(m) for m in data.pop("rows")]
    return data


@router.post(
    "/governance-bodies/{body_id}/members", response={201: MembershipOut}, summary="Add a member"
)
def member_add(request, body_id: int, payload: MembershipIn):
    body = permissions.body_for(request.auth, body_id, action="record")
    membership = governance_services.membership_add(actor=request.auth, body=body, **payload.dict())
    membership = gov.member_list(user=request.auth, body=body).get(pk=membership.pk)
    return Status(201, _membership_out(membership))


@router.post(
    "/governance-memberships/{membership_id}/end",
    response=MembershipOut,
    summary="Close a member's term",
)
def member_end(request, membership_id: int, payload: TermEndIn):
    membership = permissions.membership_for(request.auth, membership_id)
    governance_services.membership_end(
        actor=request.auth, membership=membership, term_end=payload.term_end
    )
    body = membership.body_id
    return _membership_out(gov.member_list(user=request.auth, body=body).get(pk=membership.pk))


@router.delete(
    "/governance-memberships/{membership_id}",
    response={204: None},
    summary="Remove a membership recorded by mistake",
)
def member_remove(request, membership_id: int):
    membership = permissions.membership_for(request.auth, membership_id)
    governance_services.membership_remove(actor=request.auth, membership=membership)
    return Status(204, None)


# --- sessions and participation ---


class SessionOut(Schema):
    id: int
    body: int
    title: str
    start_date: date
    end_date: date | None
    place: str
    participant_count: int


class SessionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SessionOut]


class SessionIn(Schema):
    title: str
    start_date: date
    end_date: date | None = None
    place: str = ""


class SessionPatch(Schema):
    title: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = None


class ParticipationOut(Schema):
    id: int
    session: int
    organisation: Ref
    category: str
    contact: Ref | None
    role: str


class SessionDetailOut(SessionOut):
    participants: list[ParticipationOut] = Field(description="The partners you may see")


class ParticipationIn(Schema):
    organisation: int
    contact: int | None = None
    role: str = "member"


def _session_out(s: BodySession) -> dict:
    return {**{f: getattr(s, f) for f in SessionOut.model_fields if f != "body"}, "body": s.body_id}


def _participation_out(p: SessionParticipation) -> dict:
    return {
        "id": p.pk,
        "session": p.session_id,
        "role": p.role,
        "contact": _contact_ref(p.contact),
        "organisation": {"id": p.organisation_id, "name": p.organisation.name},
        "category": p.organisation.category.code,
    }


def _session_read(user, pk) -> dict:
    session = permissions.session_for(user, pk)
    session = gov.session_list(body=session.body).get(pk=session.pk)
    participants = gov.participation_list(user=user, session=session)
    return {**_session_out(session), "participants": [_participation_out(p) for p in participants]}


@router.get(
    "/governance-bodies/{body_id}/sessions",
    response=SessionPage,
    summary="Sessions of a body, latest first",
)
def session_list(request, body_id: int, page: Query[Page]):
    body = permissions.body_for(request.auth, body_id)
    data = paginate(gov.session_list(body=body), page)
    data["results"] = [_session_out(s) for s in data.pop("rows")]
    return data


@router.post(
    "/governance-bodies/{body_id}/sessions",
    response={201: SessionDetailOut},
    summary="Record a session",
)
def session_create(request, body_id: int, payload: SessionIn):
    body = permissions.body_for(request.auth, body_id, action="record")
    session = governance_services.session_create(actor=request.auth, body=body, **payload.dict())
    return Status(201, _session_read(request.auth, session.pk))


@router.get(
    "/governance-sessions/{session_id}",
    response=SessionDetailOut,
    summary="One session with the partners that took part",
)
def session_read(request, session_id: int):
    return _session_read(request.auth, session_id)


@router.patch(
    "/governance-sessions/{session_id}", response=SessionDetailOut, summary="Edit a session"
)
def session_update(request, session_id: int, payload: SessionPatch):
    session = permissions.session_for(request.auth, session_id, action="record")
    governance_services.session_update(
        actor=request.auth, session=session, **payload.dict(exclude_unset=True)
    )
    return _session_read(request.auth, session_id)


@router.post(
    "/governance-sessions/{session_id}/participants",
    response={201: ParticipationOut},
    summary="Record a partner that took part",
)
def participant_add(request, session_id: int, payload: ParticipationIn):
    session = permissions.session_for(request.auth, session_id, action="record")
    participation = governance_services.participation_add(
        actor=request.auth, session=session, **payload.dict()
    )
    found = gov.participation_list(user=request.auth, session=session).get(pk=participation.pk)
    return Status(201, _participation_out(found))


@router.delete(
    "/governance-participations/{participation_id}",
    response={204: None},
    summary="Remove a participation",
)
def participant_remove(request, participation_id: int):
    participation = permissions.participation_for(request.auth, participation_id)
    governance_services.participation_remove(actor=request.auth, participation=participation)
    return Status(204, None)
