"""The one guarded door of the partner registry.

Scope: staff see every organisation, a regional focal point those of their region(s), a partner
focal point only their own organisation. Outside scope an object looks like it does not exist
(404); inside scope an action the role may not take is refused (403)."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.accounts.models import Role
from accord.accounts.roles import can, region_scope
from accord.core.errors import PermissionDeniedError
from accord.partners.models import Contact, Organisation, Relationship

_ORG_ACTIONS = {
    "view": "partners.view",
    "edit": "partners.edit",
    "archive": "partners.archive",
    "restore": "partners.archive",
    "history": "history.view",
}
_CONTACT_ACTIONS = {"view": "contacts.view", "edit": "contacts.edit", "archive": "contacts.edit"}


def _is_partner(user) -> bool:
    return user.role == Role.PARTNER and not user.is_superuser


def _in_scope(user, org: Organisation) -> bool:
    if _is_partner(user):
        return user.organisation_id is not None and org.pk == user.organisation_id
    scope = region_scope(user)
    return scope is None or org.region_id in scope


def organisation_scope(user, prefix: str = "") -> Q | None:
    """The organisations `user` may see as a filter on `prefix` + organisation fields (so
    other tables can join to it), or None when they may see none."""
    if not can(user, "partners.view"):
        return None
    if _is_partner(user):
        return Q(**{f"{prefix}pk": user.organisation_id}) if user.organisation_id else None
    scope = region_scope(user)
    return Q() if scope is None else Q(**{f"{prefix}region_id__in": scope})


def visible_organisations(user, qs: QuerySet | None = None) -> QuerySet[Organisation]:
    """All organisations, the user's regions' (regional focal point), their own (partner), or
    none (anonymous, or a role that may not read the registry)."""
    qs = Organisation.objects.all() if qs is None else qs
    scope = organisation_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def can_view(user, org: Organisation) -> bool:
    return can(user, "partners.view") and _in_scope(user, org)


def can_create(user, *, country=None) -> bool:
    """Editors may register organisations; a regional focal point only in their own region(s)
    (with no country given, whether they may register organisations at all)."""
    if not can(user, "partners.create"):
        return False
    scope = region_scope(user)
    return scope is None or country is None or country.region_id in scope


def can_edit(user, org: Organisation) -> bool:
    return can(user, "partners.edit") and _in_scope(user, org)


def can_archive(user, org: Organisation) -> bool:
    return can(user, "partners.archive") and _in_scope(user, org)


# What a partner focal point may not change of its own organisation itself: key fields go to
# staff as a change request (accord/portal), the others are staff's own.
NOT_SELF_SERVED = frozenset(
    {"name", "category", "iati_identifier", "registration_number", "status", "owner", "ref"}
)


def can_self_serve(user, org: Organisation, fields=()) -> bool:
    """May a partner focal point change these fields of this organisation (its own) or its
    contacts itself, through the portal? Then the registry's history shows them as the actor."""
    return (
        _is_partner(user)
        and can(user, "portal.self")
        and _in_scope(user, org)
        and not NOT_SELF_SERVED & set(fields)
    )


def can_view_history(user, org: Organisation) -> bool:
    return can(user, "history.view") and _in_scope(user, org)


def organisation_for(user, pk, *, action: str = "view", qs: QuerySet | None = None):
    """The organisation `pk` if `user` may take `action` on it: 404 when outside the user's
    scope (or no such id), 403 when it is visible but the action is not allowed."""
    if action not in _ORG_ACTIONS:
        raise KeyError(f"Unknown organisation action {action!r}")
    if not can(user, "partners.view"):
        raise PermissionDeniedError("You may not read the partner registry.")
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    base = Organisation.objects.select_related("category", "country", "region", "owner")
    org = visible_organisations(user, qs if qs is not None else base).filter(pk=pk).first()
    if org is None:
        raise Http404
    if not can(user, _ORG_ACTIONS[action]):
        raise PermissionDeniedError(f"You may not {action} this organisation.")
    return org


def visible_contacts(user, qs: QuerySet | None = None) -> QuerySet[Contact]:
    """Contacts of the organisations the user sees, for roles that may read contacts."""
    qs = Contact.objects.all() if qs is None else qs
    scope = organisation_scope(user, "organisation__") if can(user, "contacts.view") else None
    return qs.none() if scope is None else qs.filter(scope)


def can_view_contact(user, contact: Contact) -> bool:
    return can(user, "contacts.view") and _in_scope(user, contact.organisation)


def can_edit_contact(user, contact_or_org) -> bool:
    """May edit this contact (or add one to this organisation)."""
    org = (
        contact_or_org if isinstance(contact_or_org, Organisation) else contact_or_org.organisation
    )
    return can(user, "contacts.edit") and _in_scope(user, org)


def contact_for(user, pk, *, action: str = "view") -> Contact:
    """The contact `pk` through the same door as organisations: 404 outside scope, 403 when
    visible but the action is not allowed."""
    if action not in _CONTACT_ACTIONS:
        raise KeyError(f"Unknown contact action {action!r}")
    if not can(user, "contacts.view"):
        raise PermissionDeniedError("You may not read contacts.")
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    base = Contact.objects.select_related("organisation")
    contact = visible_contacts(user, base).filter(pk=pk).first()
    if contact is None:
        raise Http404
    if not can(user, _CONTACT_ACTIONS[action]):
        raise PermissionDeniedError(f"You may not {action} this contact.")
    return contact


def relationship_for(user, pk, *, action: str = "view") -> Relationship:
    """The relationship `pk` when the user sees both ends (else 404); editing it needs the
    right to edit its source organisation (else 403)."""
    if not can(user, "partners.view"):
        raise PermissionDeniedError("You may not read the partner registry.")
    source = organisation_scope(user, "source__")
    target = organisation_scope(user, "target__")
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if source is None or target is None:
        raise Http404
    rel = (
        Relationship.objects.select_related("source", "target")
        .filter(source, target, pk=pk)
        .first()
    )
    if rel is None:
        raise Http404
    if action == "edit" and not can_edit(user, rel.source):
        raise PermissionDeniedError("You may not change this organisation's relationships.")
    return rel
