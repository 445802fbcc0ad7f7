"""Writes of the registry's people and links: contacts at partner organisations and typed
relationships between organisations. Re-exported by accord.partners.services, which is the
interface other code uses; same rules (one transaction, history, `actor=None` is the system)."""

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.partners import permissions, signals
from accord.partners.models import (
    Contact,
    LawfulBasis,
    Organisation,
    Relationship,
    RelationshipKind,
)

CONTACT_FIELDS = (
    "first_name",
    "last_name",
    "job_title",
    "email",
    "phone",
    "languages",
    "is_primary",
    "lawful_basis",
    "consent_given_at",
    "source",
)


@contextmanager
def restored_on_error(obj):
    """Put the object's in-memory fields back when the change fails: the transaction rolls the
    database back, and the caller's object must not keep values that were never saved."""
    state, cache = obj.__dict__.copy(), dict(obj._state.fields_cache)
    try:
        yield
    except BaseException:
        obj.__dict__.clear()
        obj.__dict__.update(state)
        obj._state.fields_cache = cache
        raise


def load_related(obj, *names: str) -> None:
    """Fetch, in one query, the related rows a service reads (for permissions and history)
    when the caller's object does not carry them yet; never one lazy load per field."""
    missing = [
        name
        for name in names
        if getattr(obj, obj._meta.get_field(name).attname) is not None
        and not obj._meta.get_field(name).is_cached(obj)
    ]
    if missing:
        fresh = type(obj)._default_manager.select_related(*missing).get(pk=obj.pk)
        for name in missing:
            setattr(obj, name, getattr(fresh, name))


def _deny_unless(allowed: bool, actor, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDeniedError(message)


_LANGUAGE_CODE_LENGTH = 2


def _validate_contact(contact: Contact, errors: dict) -> None:
    for field, label in (("first_name", "first name"), ("last_name", "last name")):
        setattr(contact, field, " ".join((getattr(contact, field) or "").split()))
        if not getattr(contact, field):
            errors.setdefault(field, [f"Enter the contact's {label}."])
    languages = [str(code).strip().lower() for code in contact.languages or ()]
    bad = [c for c in languages if len(c) != _LANGUAGE_CODE_LENGTH or not c.isalpha()]
    if bad:
        errors.setdefault(
            "languages",
            [f"Use two-letter ISO 639-1 language codes (such as en, fr, ar): {', '.join(bad)}."],
        )
    contact.languages = list(dict.fromkeys(languages))
    if contact.lawful_basis not in LawfulBasis.values:
        errors.setdefault(
            "lawful_basis", [f"Unknown lawful basis. Choose from: {', '.join(LawfulBasis.values)}."]
        )
    if contact.lawful_basis == LawfulBasis.CONSENT and contact.consent_given_at is None:
        errors.setdefault("consent_given_at", ["Record when the person gave their consent."])
    if contact.consent_given_at and contact.consent_given_at > timezone.now():
        errors.setdefault("consent_given_at", ["Consent cannot be given in the future."])
    try:
        contact.full_clean(
            exclude=[*errors, "organisation"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)


def _one_primary(actor, contact: Contact, *, batch: str = "") -> None:
    """An organisation has at most one primary contact: the newest choice wins."""
    others = Contact.objects.filter(organisation_id=contact.organisation_id, is_primary=True)
    for other in others.exclude(pk=contact.pk):
        other.is_primary = False
        other.save(update_fields=["is_primary", "updated_at"])
        record(
            obj=other,
            action="update",
            actor=actor,
            changes={"is_primary": [True, False]},
            batch=batch,
        )


def _may_edit(actor, contact_or_org) -> bool:
    """Staff who may edit contacts, or a partner focal point for its own organisation."""
    if actor is None:
        return True
    org = getattr(contact_or_org, "organisation", contact_or_org)
    return permissions.can_edit_contact(actor, org) or permissions.can_self_serve(actor, org)


@transaction.atomic
def contact_create(
    *,
    actor,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    job_title: str = "",
    email: str = "",
    phone: str = "",
    languages: Iterable[str] = (),
    is_primary: bool = False,
    lawful_basis: str = LawfulBasis.LEGITIMATE_INTEREST,
    consent_given_at=None,
    source: str = "",
    is_demo: bool = False,
    batch: str = "",
) -> Contact:
    """Add a person at a partner organisation, with the lawful basis for holding their data
    (consent needs the date it was given)."""
    _deny_unless(
        _may_edit(actor, organisation), actor, "You may not add contacts to this organisation."
    )
    if organisation.is_archived:
        raise ValidationError("This organisation is archived: restore it before adding contacts.")
    contact = Contact(
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        job_title=(job_title or "").strip(),
        email=(email or "").strip(),
        phone=(phone or "").strip(),
        languages=list(languages or ()),
        is_primary=is_primary,
        lawful_basis=lawful_basis,
        consent_given_at=consent_given_at,
        source=(source or "").strip(),
        is_demo=is_demo,
    )
    _validate_contact(contact, {})
    contact.save()
    if contact.is_primary:
        _one_primary(actor, contact, batch=batch)
    after = {
        k: v
        for k, v in snapshot(contact, ("organisation", *CONTACT_FIELDS)).items()
        if v not in (None, "", [], False)
    }
    record(obj=contact, action="create", actor=actor, changes=diff({}, after), batch=batch)
    signals.announce(signals.contacts_changed, Contact, [contact.pk], created=True)
    return contact


@transaction.atomic
def contact_update(
    *, actor, contact: Contact, expected_version: int | None = None, batch: str = "", **changes
) -> Contact:
    """Change a contact's details; a stale edit is refused. `batch` labels the history entries
    of an import (so the import can be rolled back)."""
    unknown = set(changes) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"contact_update() got unknown field(s): {', '.join(sorted(unknown))}")
    load_related(contact, "organisation")
    _deny_unless(_may_edit(actor, contact), actor, "You may not edit this contact.")
    if contact.archived_at is not None:
        raise ValidationError("This contact is archived.")
    before = snapshot(contact, CONTACT_FIELDS)
    empty = {"languages": [], "is_primary": False, "consent_given_at": None}
    with restored_on_error(contact):
        for field, value in changes.items():
            value = empty.get(field, "") if value is None else value
            setattr(contact, field, value.strip() if isinstance(value, str) else value)
        _validate_contact(contact, {})
        changed = diff(before, snapshot(contact, CONTACT_FIELDS))
        if not changed:
            return contact
        check_and_bump_version(contact, expected_version)
        contact.save(update_fields=[*changed, "updated_at"])
    record(obj=contact, action="update", actor=actor, changes=changed, batch=batch)
    if signals.CONTACT_NAME_FIELDS & set(changed):
        signals.announce(signals.contacts_changed, Contact, [contact.pk], created=False)
    if "is_primary" in changed and contact.is_primary:
        _one_primary(actor, contact, batch=batch)
    return contact


@transaction.atomic
def contact_archive(*, actor, contact: Contact) -> Contact:
    """People leave organisations: an archived contact disappears from lists, its history stays."""
    load_related(contact, "organisation")
    _deny_unless(_may_edit(actor, contact), actor, "You may not archive this contact.")
    if contact.archived_at is not None:
        raise ValidationError("This contact is already archived.")
    check_and_bump_version(contact, None)
    contact.archived_at = timezone.now()
    contact.is_primary = False
    contact.save(update_fields=["archived_at", "is_primary", "updated_at"])
    record(
        obj=contact,
        action="archive",
        actor=actor,
        changes={"archived_at": [None, contact.archived_at.isoformat()]},
    )
    return contact


# --- relationships between organisations ---


@transaction.atomic
def relationship_create(
    *,
    actor,
    source: Organisation,
    target: Organisation,
    kind: str,
    since: date | None = None,
    until: date | None = None,
    note: str = "",
    is_demo: bool = False,
    batch: str = "",
) -> Relationship:
    """Record that `source` <kind> `target` (a city is a member of a network); never with
    itself, never twice the same."""
    _deny_unless(
        permissions.can_edit(actor, source) and permissions.can_view(actor, target)
        if actor
        else True,
        actor,
        "You may not link these organisations.",
    )
    errors: dict = {}
    if kind not in RelationshipKind.values:
        errors["kind"] = [f"Unknown kind. Choose from: {', '.join(RelationshipKind.values)}."]
    if source.pk == target.pk:
        errors["target"] = ["An organisation cannot have a relationship with itself."]
    elif Relationship.objects.filter(source=source, target=target, kind=kind).exists():
        errors["__all__"] = ["This relationship is already recorded."]
    if since and until and until < since:
        errors["until"] = ["The end date is before the start date."]
    if len(note or "") > 300:
        errors["note"] = ["The note can have at most 300 characters."]
    if errors:
        raise ValidationError(errors)
    rel = Relationship.objects.create(
        source=source,
        target=target,
        kind=kind,
        since=since,
        until=until,
        note=note or "",
        is_demo=is_demo,
    )
    record(
        obj=rel,
        action="create",
        actor=actor,
        changes={
            "relationship": [None, str(rel)],
            "since": [None, since and since.isoformat()],
            "until": [None, until and until.isoformat()],
        },
        batch=batch,
    )
    return rel


@transaction.atomic
def relationship_delete(*, actor, relationship: Relationship) -> None:
    """Remove a link between two organisations (the organisations themselves stay)."""
    load_related(relationship, "source", "target")
    _deny_unless(
        permissions.can_edit(actor, relationship.source) if actor else True,
        actor,
        "You may not change this organisation's relationships.",
    )
    record(
        obj=relationship,
        action="delete",
        actor=actor,
        changes={"relationship": [str(relationship), None]},
    )
    relationship.delete()
