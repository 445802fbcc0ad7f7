"""API of the partner registry: organisations, contacts, relationships.

Each endpoint checks permission first, then calls one service or selector; errors raised there
(ValidationError, Http404, ConflictError, PermissionDeniedError) become the API's JSON error
format in accord/api/errors.py. Category by code, country by ISO code or English name,
outcomes by code, owner by user id."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from accord.api.common import HistoryOut, Page, history_out, paginate, require
from accord.partners import permissions, selectors, services
from accord.partners.models import Contact, Organisation, Relationship

router = Router(tags=["partners"])

Sort = Literal["name", "-name", "country", "category", "-updated"]




# --- organisations ---


class OrganisationOut(Schema):
    id: int
    name: str
    acronym: str
    aliases: list[str]
    category: str
    category_name: str
    subtype: str
    country: str | None
    country_name: str | None
    region: str | None
    city: str
    website: str
    email: str
    phone: str
    description: str
    iati_identifier: str
    registration_number: str
    status: str
    owner: int | None
    owner_name: str | None
    outcomes: list[str]
    resources_offered: list[str]
    ref: str
    version: int
    archived: bool
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime


class OrganisationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[OrganisationOut]


class OrganisationQuery(Page):
    q: str = ""
    category: str = ""
    subtype: str = ""
    country: str = ""
    region: str = ""
    status: str = ""
    outcome: str = ""
    owner: int | None = None
    archived: bool = False
    sort: Sort = "name"


class OrganisationIn(Schema):
    name: str
    category: str = Field(description="Partner category code, e.g. civil_society")
    acronym: str = ""
    aliases: list[str] = []
    country: str | None = Field(None, description="ISO 3166 alpha-2/alpha-3 code or name")
    city: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    description: str = ""
    subtype: str = ""
    iati_identifier: str = ""
    registration_number: str = ""
    status: str = "prospect"
    owner: int | None = Field(None, description="User id of the relationship owner")
    outcomes: list[str] = Field([], description="Outcome codes, e.g. 1.2")
    resources_offered: list[str] = []
    ref: str = ""


class OrganisationPatch(Schema):
    """Only the fields sent are changed; send `version` to refuse a stale edit (409)."""

    version: int | None = None
    name: str | None = None
    category: str | None = None
    acronym: str | None = None
    aliases: list[str] | None = None
    country: str | None = None
    city: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    description: str | None = None
    subtype: str | None = None
    iati_identifier: str | None = None
    registration_number: str | None = None
    status: str | None = None
    owner: int | None = None
    outcomes: list[str] | None = None
    resources_offered: list[str] | None = None
    ref: str | None = None


def _org_out(org: Organisation) -> dict:
    return {
        **{f: getattr(org, f) for f in services.ORG_FIELDS if f in OrganisationOut.model_fields},
        "id": org.pk,
        "aliases": [n.name for n in org.names.all()],
        "category": org.category.code,
        "category_name": org.category.name,
        "country": org.country_id,
        "country_name": org.country.name if org.country else None,
        "region": org.region.code if org.region else None,
        "owner": org.owner_id,
        "owner_name": str(org.owner) if org.owner else None,
        "outcomes": [o.code for o in org.outcomes.all()],
        "version": org.version,
        "archived": org.is_archived,
        "archived_at": org.archived_at,
        "created_at": org.created_at,
        "updated_at": org.updated_at,
    }


def _org_read(user, pk) -> dict:
    return _org_out(selectors.organisation_detail(user=user, pk=pk))


@router.get("/organisations", response=OrganisationPage, summary="List organisations")
def organisation_list(request, filters: Query[OrganisationQuery]):
    require(request.auth, "partners.view")
    values = filters.dict(exclude={"page", "page_size"})
    qs = selectors.organisation_list(
        user=request.auth, filters=selectors.OrganisationFilters(**values)
    )
    data = paginate(qs, filters, selectors.PAGE_PREFETCH)
    data["results"] = [_org_out(org) for org in data.pop("rows")]
    return data


@router.post("/organisations", response={201: OrganisationOut}, summary="Register one")
def organisation_create(request, payload: OrganisationIn):
    require(request.auth, "partners.create")
    org = services.organisation_create(actor=request.auth, **payload.dict())
    return Status(201, _org_read(request.auth, org.pk))


@router.get("/organisations/{org_id}", response=OrganisationOut, summary="One organisation")
def organisation_read(request, org_id: int):
    return _org_read(request.auth, org_id)


@router.patch("/organisations/{org_id}", response=OrganisationOut, summary="Edit one")
def organisation_update(request, org_id: int, payload: OrganisationPatch):
    org = permissions.organisation_for(request.auth, org_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    services.organisation_update(
        actor=request.auth, organisation=org, expected_version=version, **changes
    )
    return _org_read(request.auth, org_id)


@router.post("/organisations/{org_id}/archive", response=OrganisationOut, summary="Archive")
def organisation_archive(request, org_id: int, version: int | None = None):
    org = permissions.organisation_for(request.auth, org_id, action="archive")
    services.organisation_archive(actor=request.auth, organisation=org, expected_version=version)
    return _org_read(request.auth, org_id)


@router.post("/organisations/{org_id}/restore", response=OrganisationOut, summary="Restore")
def organisation_restore(request, org_id: int, version: int | None = None):
    org = permissions.organisation_for(request.auth, org_id, action="restore")
    services.organisation_restore(actor=request.auth, organisation=org, expected_version=version)
    return _org_read(request.auth, org_id)


@router.get("/organisations/{org_id}/history", response=list[HistoryOut], summary="History")
def organisation_history(request, org_id: int):
    org = permissions.organisation_for(request.auth, org_id, action="history")
    return history_out(list(selectors.history(obj=org)))


# --- relationships ---


class OrganisationRef(Schema):
    id: int
    name: str


class RelationshipOut(Schema):
    id: int
    source: OrganisationRef
    target: OrganisationRef
    kind: str
    kind_label: str
    since: date | None
    until: date | None
    note: str


class RelationshipIn(Schema):
    source: int
    target: int
    kind: str
    since: date | None = None
    until: date | None = None
    note: str = ""


def _rel_out(rel: Relationship) -> dict:
    return {
        "id": rel.pk,
        "source": {"id": rel.source_id, "name": rel.source.name},
        "target": {"id": rel.target_id, "name": rel.target.name},
        "kind": rel.kind,
        "kind_label": rel.get_kind_display(),
        "since": rel.since,
        "until": rel.until,
        "note": rel.note,
    }


@router.get(
    "/organisations/{org_id}/relationships",
    response=list[RelationshipOut],
    summary="Relationships of an organisation",
)
def relationship_list(request, org_id: int):
    org = permissions.organisation_for(request.auth, org_id)
    rels = selectors.relationship_list(organisation=org, user=request.auth)
    return [_rel_out(rel) for rel in rels]


@router.post("/relationships", response={201: RelationshipOut}, summary="Link two organisations")
def relationship_create(request, payload: RelationshipIn):
    require(request.auth, "partners.edit")
    source = permissions.organisation_for(request.auth, payload.source, action="edit")
    target = permissions.organisation_for(request.auth, payload.target)
    rel = services.relationship_create(
        actor=request.auth, **{**payload.dict(), "source": source, "target": target}
    )
    return Status(201, _rel_out(rel))


@router.delete("/relationships/{rel_id}", response={204: None}, summary="Remove a link")
def relationship_delete(request, rel_id: int):
    rel = permissions.relationship_for(request.auth, rel_id, action="edit")
    services.relationship_delete(actor=request.auth, relationship=rel)
    return Status(204, None)


# --- contacts ---


class ContactOut(Schema):
    id: int
    organisation: OrganisationRef
    first_name: str
    last_name: str
    job_title: str
    email: str
    phone: str
    languages: list[str]
    is_primary: bool
    lawful_basis: str
    consent_given_at: datetime | None
    source: str
    version: int
    archived: bool


class ContactPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ContactOut]


class ContactQuery(Page):
    organisation: int | None = None
    q: str = ""


class ContactIn(Schema):
    organisation: int
    first_name: str
    last_name: str
    job_title: str = ""
    email: str = ""
    phone: str = ""
    languages: list[str] = []
    is_primary: bool = False
    lawful_basis: str = "legitimate_interest"
    consent_given_at: datetime | None = None
    source: str = ""


class ContactPatch(Schema):
    version: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    job_title: str | None = None
    email: str | None = None
    phone: str | None = None
    languages: list[str] | None = None
    is_primary: bool | None = None
    lawful_basis: str | None = None
    consent_given_at: datetime | None = None
    source: str | None = None


def _contact_out(contact: Contact) -> dict:
    fields = {f: getattr(contact, f) for f in ContactOut.model_fields if hasattr(contact, f)}
    org = contact.organisation
    return {
        **fields,
        "id": contact.pk,
        "organisation": {"id": org.pk, "name": org.name},
        "archived": contact.archived_at is not None,
    }


@router.get("/contacts", response=ContactPage, summary="List contacts")
def contact_list(request, filters: Query[ContactQuery]):
    require(request.auth, "contacts.view")
    org = None
    if filters.organisation is not None:
        org = permissions.organisation_for(request.auth, filters.organisation)
    qs = selectors.contact_list(user=request.auth, organisation=org, q=filters.q)
    data = paginate(qs, filters)
    data["results"] = [_contact_out(c) for c in data.pop("rows")]
    return data


@router.post("/contacts", response={201: ContactOut}, summary="Add a contact")
def contact_create(request, payload: ContactIn):
    require(request.auth, "contacts.edit")
    org = permissions.organisation_for(request.auth, payload.organisation)
    values = {**payload.dict(), "organisation": org}
    contact = services.contact_create(actor=request.auth, **values)
    return Status(201, _contact_out(contact))


@router.get("/contacts/{contact_id}", response=ContactOut, summary="One contact")
def contact_read(request, contact_id: int):
    return _contact_out(selectors.contact_get(user=request.auth, pk=contact_id))


@router.patch("/contacts/{contact_id}", response=ContactOut, summary="Edit a contact")
def contact_update(request, contact_id: int, payload: ContactPatch):
    contact = permissions.contact_for(request.auth, contact_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    services.contact_update(
        actor=request.auth, contact=contact, expected_version=version, **changes
    )
    return _contact_out(contact)


@router.post("/contacts/{contact_id}/archive", response=ContactOut, summary="Archive a contact")
def contact_archive(request, contact_id: int):
    contact = permissions.contact_for(request.auth, contact_id, action="archive")
    return _contact_out(services.contact_archive(actor=request.auth, contact=contact))
