"""A partner keeps its own profile up to date. Key fields (name, identifiers, category) say who
the organisation is, so a change to them waits for staff as a change request with its diff;
every other field applies at once through accord.partners.services and shows in the
organisation's history as made by the partner."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.core.errors import PermissionDeniedError
from accord.core.history import record
from accord.partners import services as partner_services
from accord.partners.models import Contact, Organisation
from accord.portal import permissions, states
from accord.portal.models import ChangeRequest, ChangeStatus
from accord.portal.registry import registry_actor, registry_batch

KEY_FIELDS = ("name", "category", "iati_identifier", "registration_number")
DIRECT_FIELDS = (
    "acronym",
    "country",
    "city",
    "website",
    "email",
    "phone",
    "description",
    "outcomes",
    "resources_offered",
)
CONTACT_FIELDS = ("first_name", "last_name", "job_title", "email", "phone")


def _shown(org: Organisation, field: str):
    """A field's value as people read it (and as the history stores it)."""
    if field == "category":
        return str(org.category)
    return getattr(org, field)


def _proposed(field: str, value):
    """A value as the partner services take it (codes, not objects)."""
    if field == "category":
        return value.code if hasattr(value, "code") else str(value)
    return " ".join(str(value or "").split()) if field == "name" else str(value or "").strip()


def _key_changes(org: Organisation, given: dict) -> tuple[dict, dict]:
    changes, proposed = {}, {}
    for field in KEY_FIELDS:
        if field not in given:
            continue
        value = _proposed(field, given[field])
        current = org.category.code if field == "category" else getattr(org, field)
        if value != current:
            proposed[field] = value
            new = partner_services.resolve_category(value) if field == "category" else value
            changes[field] = [_shown(org, field), str(new)]
    return changes, proposed


@transaction.atomic
def profile_update(
    *,
    actor,
    organisation: Organisation,
    note: str = "",
    expected_version: int | None = None,
    **given,
) -> dict:
    """Apply the direct fields now and put the key fields in a change request. Returns
    {"applied": [fields], "request": ChangeRequest | None}."""
    permissions.require_own(actor, organisation.pk)
    unknown = set(given) - set(KEY_FIELDS) - set(DIRECT_FIELDS)
    if unknown:
        raise TypeError(f"profile_update() got unknown field(s): {', '.join(sorted(unknown))}")
    if not given.get("name", organisation.name):
        raise ValidationError({"name": "Enter the organisation's name."})
    changes, proposed = _key_changes(organisation, given)
    direct = {f: given[f] for f in DIRECT_FIELDS if f in given}
    before = organisation.version
    writer = registry_actor(actor, organisation)
    org = partner_services.organisation_update(
        actor=writer,
        organisation=organisation,
        expected_version=expected_version,
        batch=registry_batch(actor, writer),
        **direct,
    )
    request = None
    if changes:
        request = change_request_create(
            actor=actor, organisation=org, changes=changes, proposed=proposed, note=note
        )
    applied = [] if org.version == before else sorted(direct)
    return {"applied": applied, "request": request}


def change_request_create(
    *, actor, organisation, changes: dict, proposed: dict, note: str = ""
) -> ChangeRequest:
    if ChangeRequest.objects.filter(
        organisation=organisation, status=ChangeStatus.PENDING
    ).exists():
        raise ValidationError(
            {
                "__all__": [
                    "A change to your key details is already waiting for a decision: "
                    "you can ask for another once it is decided."
                ]
            }
        )
    request = ChangeRequest.objects.create(
        organisation=organisation,
        requested_by=actor,
        changes=changes,
        proposed=proposed,
        note=(note or "").strip(),
    )
    record(obj=request, action="create", actor=actor, changes=changes)
    return request


def _stale(request: ChangeRequest, org: Organisation) -> list[str]:
    """Fields whose current value is no longer the one the partner saw when asking."""
    return [f for f, (old, _) in request.changes.items() if str(_shown(org, f)) != str(old)]


@transaction.atomic
def change_request_apply(*, actor, request: ChangeRequest) -> ChangeRequest:
    """Approve and apply the change through the registry's services, as the approver."""
    permissions.require(actor, "portal.approve", "You may not decide change requests.")
    request = ChangeRequest.objects.select_for_update().get(pk=request.pk)
    request.status = states.next_status("change", "apply", request)
    org = Organisation.objects.select_related("category", "country", "region", "owner").get(
        pk=request.organisation_id
    )
    stale = _stale(request, org)
    if stale:
        raise ValidationError(
            {
                "__all__": [
                    f"The {', '.join(stale)} changed since the partner asked: reject this "
                    "request and let the partner ask again from the current values."
                ]
            }
        )
    partner_services.organisation_update(actor=actor, organisation=org, **request.proposed)
    return _decide(actor, request, "")


@transaction.atomic
def change_request_reject(*, actor, request: ChangeRequest, reason: str) -> ChangeRequest:
    permissions.require(actor, "portal.approve", "You may not decide change requests.")
    request = ChangeRequest.objects.select_for_update().get(pk=request.pk)
    request.status = states.next_status("change", "reject", request)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason: the partner sees it."})
    return _decide(actor, request, reason.strip())


def _decide(actor, request: ChangeRequest, reason: str) -> ChangeRequest:
    states.record_decision(request, actor=actor, before=ChangeStatus.PENDING, reason=reason)
    return request


# --- contacts of the partner's own organisation ---


def contact_save(
    *, actor, organisation: Organisation, contact: Contact | None = None, **values
) -> Contact:
    """Add a contact to, or correct one of, the partner's own organisation."""
    permissions.require_own(actor, organisation.pk)
    if contact is not None and contact.organisation_id != organisation.pk:
        raise PermissionDeniedError("This contact is not one of your organisation's.")
    fields = {f: values[f] for f in CONTACT_FIELDS if f in values}
    writer = registry_actor(actor, organisation)
    batch = registry_batch(actor, writer)
    if contact is None:
        return partner_services.contact_create(
            actor=writer,
            organisation=organisation,
            source="Partner portal",
            batch=batch,
            **fields,
        )
    return partner_services.contact_update(actor=writer, contact=contact, batch=batch, **fields)


def contact_remove(*, actor, organisation: Organisation, contact: Contact) -> Contact:
    permissions.require_own(actor, organisation.pk)
    if contact.organisation_id != organisation.pk:
        raise PermissionDeniedError("This contact is not one of your organisation's.")
    return partner_services.contact_archive(
        actor=registry_actor(actor, organisation), contact=contact
    )
