"""Carrying out a plan. New organisations go by the bulk path (bulk.py), a chunk at a time: a
chunk is one savepoint, and when the database refuses it (a rule the validation could not see,
such as an IATI identifier taken a moment ago) it is rolled back whole and its rows go through
organisation_create one by one, so a bad row never leaves a partial write and never costs the
valid rows. Updates and contacts always go through the services, each row in its own savepoint
(the services' own atomic blocks)."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accord.core import forking
from accord.core.errors import PermissionDeniedError, errors_of
from accord.partners import services, signals
from accord.partners.contact_services import CONTACT_FIELDS
from accord.partners.importing import bulk
from accord.partners.importing.plan import CREATE, SKIP, UPDATE, RowPlan
from accord.partners.models import Contact, Organisation
from accord.partners.services import ORG_FIELDS

CHUNK = 2000
_KEPT_NAME_FIELDS = ("aliases", "outcomes", "name")


def record_errors(plan: RowPlan, exc: Exception) -> None:
    """A service's refusal, on the columns it names (else on the row)."""
    if isinstance(exc, ValidationError):
        for column, messages in errors_of(exc).items():
            plan.error("" if column == "__all__" else column, " ".join(messages))
    elif isinstance(exc, DatabaseError):
        plan.error("", f"The database refused this row: {str(exc).splitlines()[0][:200]}")
    else:
        plan.error("", str(exc))


def write_organisations(plans: list[RowPlan], *, actor, label: str) -> None:
    creates = [p for p in plans if p.action == CREATE]
    chunks = [creates[start : start + CHUNK] for start in range(0, len(creates), CHUNK)]
    if chunks and connection.vendor in bulk.SUPPORTED:
        _write_in_bulk(chunks, actor=actor, label=label)
    else:
        for plan in creates:
            create_one(plan, actor=actor, label=label)
    created = {p.number: p.organisation_id for p in creates if p.organisation_id}
    for plan in plans:
        if plan.action == UPDATE:
            target = plan.match_id or created.get(plan.same_as)
            if target is None:
                plan.action = SKIP
                plan.reasons.append(f"not updated: row {plan.same_as} was not imported")
            else:
                update_one(plan, target, actor=actor, label=label)


def _write_in_bulk(chunks: list[list[RowPlan]], *, actor, label: str) -> None:
    statements = bulk.Statements()
    stamp = bulk.db_moment(timezone.now())
    ids = iter(bulk.reserve_ids(Organisation, sum(len(chunk) for chunk in chunks)))
    spans = [[next(ids) for _ in chunk] for chunk in chunks]

    def prepare(i: int) -> list[tuple]:
        kwargs = [p.kwargs for p in chunks[i]]
        return statements.prepare(kwargs, spans[i], actor=actor, label=label, stamp=stamp)

    # Preparing a chunk is plain Python on the planned rows: with a second core, a forked
    # process prepares the next chunks while this one stores the current one.
    for i, prepared in enumerate(forking.ahead(prepare, range(len(chunks)))):
        chunk = chunks[i]
        try:
            with transaction.atomic():
                statements.write(prepared)
        except DatabaseError:
            for plan in chunk:
                create_one(plan, actor=actor, label=label)
        else:
            for plan, pk in zip(chunk, spans[i], strict=True):
                plan.organisation_id = pk
            signals.announce(signals.organisations_changed, Organisation, spans[i], created=True)


def attempt(plan: RowPlan, service, **kwargs):
    """`service(**kwargs)` for the row (the service is its own savepoint); its refusal is
    recorded on the row's columns and None returned."""
    try:
        return service(**kwargs)
    except (ValidationError, PermissionDeniedError, DatabaseError) as exc:
        record_errors(plan, exc)
        return None


def create_one(plan: RowPlan, *, actor, label: str) -> None:
    org = attempt(plan, services.organisation_create, actor=actor, batch=label, **plan.kwargs)
    if org is not None:
        plan.organisation_id = org.pk


def write_contacts(plans: list[RowPlan], *, actor, label: str) -> None:
    for plan in plans:
        if plan.action == CREATE:
            contact = attempt(
                plan, services.contact_create, actor=actor, batch=label, **plan.kwargs
            )
            if contact is not None:
                plan.contact_id = contact.pk
        elif plan.action == UPDATE:
            update_contact(plan, actor=actor, label=label)


# A matched contact keeps its registered name (the match was made on it or on the e-mail).
_CONTACT_UPDATE_FIELDS = tuple(f for f in CONTACT_FIELDS if f not in ("first_name", "last_name"))


def update_contact(plan: RowPlan, *, actor, label: str) -> None:
    """The row's filled cells over the registered contact's values."""
    contact = Contact.objects.select_related("organisation").filter(pk=plan.match_id).first()
    if contact is None or contact.archived_at is not None:
        plan.action = SKIP
        plan.reasons.append("not updated: the contact no longer exists")
        return
    changes = {f: plan.kwargs[f] for f in _CONTACT_UPDATE_FIELDS if plan.values.get(f)}
    version = contact.version
    if attempt(
        plan, services.contact_update, actor=actor, contact=contact, batch=label, **changes
    ) is None:
        return
    plan.contact_id = contact.pk
    if contact.version == version:
        plan.action = SKIP
        plan.reasons.append("nothing to update: the registered values are the same")


def update_one(plan: RowPlan, organisation_id: int, *, actor, label: str) -> None:
    """The row's values over the registered ones: only cells that are filled; the registered
    name stays (the row's name is kept as another name), other names and outcomes are added."""
    kw = plan.kwargs
    org = (
        Organisation.objects.select_related("category", "country", "region", "owner")
        .filter(pk=organisation_id)
        .first()
    )
    if org is None:
        plan.action = SKIP
        plan.reasons.append("not updated: the organisation no longer exists")
        return
    changes = {f: kw[f] for f in ORG_FIELDS if kw.get(f) and f not in _KEPT_NAME_FIELDS}
    aliases = list(org.names.order_by("id").values_list("name", flat=True))
    known = {org.name.casefold(), *(a.casefold() for a in aliases)}
    for alias in [kw["name"], *kw["aliases"]]:
        if alias.casefold() not in known:
            aliases.append(alias)
            known.add(alias.casefold())
    changes["aliases"] = aliases
    outcomes = list(org.outcomes.all())
    changes["outcomes"] = [*outcomes, *(o for o in kw["outcomes"] if o not in outcomes)]
    version = org.version
    done = attempt(
        plan, services.organisation_update, actor=actor, organisation=org, batch=label, **changes
    )
    if done is None:
        return
    plan.organisation_id = org.pk
    if org.version == version:
        plan.action = SKIP
        plan.reasons.append("nothing to update: the registered values are the same")
