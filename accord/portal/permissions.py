"""The portal's guarded door, and the isolation helpers other partner-facing code uses
(accord/portal/calls relies on them).

A partner focal point is an active user with role PARTNER (the action `portal.self`) and an
`organisation`. Everything they see or do concerns that organisation only: a record of any
other organisation must look like it does not exist (404), never "forbidden" (403), so that
an id typed in a URL or an API call reveals nothing. Staff act through `portal.staff`
(see), `portal.approve` (registrations, join and change requests) and `portal.answer`
(expressions of interest)."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.accounts.roles import can, region_scope
from accord.core.errors import PermissionDeniedError
from accord.core.errors import int_or_404 as _int_or_404


def is_partner_user(user) -> bool:
    """An active partner focal point attached to an organisation (superusers never are)."""
    return (
        bool(user)
        and not user.is_superuser
        and can(user, "portal.self")
        and user.organisation_id is not None
    )


def partner_organisation(user):
    """The organisation `user` speaks for (category, country and region loaded, fetched once
    per request), or None when `user` is not a partner focal point."""
    if not is_partner_user(user):
        return None
    cached = getattr(user, "_portal_organisation", None)
    if cached is None or cached.pk != user.organisation_id:
        from accord.partners.models import Organisation

        cached = (
            Organisation.objects.select_related("category", "country", "region")
            .filter(pk=user.organisation_id, archived_at__isnull=True)
            .first()
        )
        user._portal_organisation = cached
    return cached


def require_partner(user):
    """The user's own organisation; 403 for anyone who is not a partner focal point (staff
    pages of the portal are elsewhere), and for an organisation that was archived."""
    org = partner_organisation(user)
    if org is None:
        raise PermissionDeniedError("This page is for partner focal points.")
    return org


def require_own(user, organisation_id) -> None:
    """Refuse, as "not found", anything of an organisation that is not the user's own. Use it
    on the first line of every partner-facing view that takes an object of some organisation."""
    if not is_partner_user(user) or _int_or_404(organisation_id) != user.organisation_id:
        raise Http404


def own_only(user, qs: QuerySet, field: str = "organisation") -> QuerySet:
    """`qs` limited to rows of the user's own organisation (`field` names the foreign key);
    empty for anyone who is not a partner focal point."""
    if not is_partner_user(user):
        return qs.none()
    return qs.filter(**{f"{field}_id": user.organisation_id})


def require(user, action: str, message: str = "You may not do this.") -> None:
    if not can(user, action):
        raise PermissionDeniedError(message)


def can_staff(user) -> bool:
    return can(user, "portal.staff")


def can_approve(user) -> bool:
    return can(user, "portal.approve")


def can_answer(user) -> bool:
    return can(user, "portal.answer")


# --- the portal's own records ---


def registration_scope(user) -> Q | None:
    """Registrations and join requests a user may see: staff all; a partner focal point the
    join requests aimed at their own organisation (they may approve them); nobody else."""
    if can_staff(user):
        regions = region_scope(user)
        return Q() if regions is None else Q(country__region_id__in=regions)
    if is_partner_user(user):
        return Q(kind="join", organisation_id=user.organisation_id, status="submitted")
    return None


def registration_for(user, pk, qs: QuerySet | None = None):
    from accord.portal.models import Registration

    qs = Registration.objects.all() if qs is None else qs
    scope = registration_scope(user)
    found = None if scope is None else qs.filter(scope, pk=_int_or_404(pk)).first()
    if found is None:
        raise Http404
    return found


def can_decide_registration(user, registration) -> bool:
    """Staff who approve decide every request; the focal point of an organisation decides
    the join requests aimed at it."""
    if can_approve(user):
        return True
    return (
        registration.kind == "join"
        and is_partner_user(user)
        and registration.organisation_id == user.organisation_id
    )


def scoped(user, qs: QuerySet, field: str = "organisation") -> QuerySet:
    """Staff see the rows of the organisations they see in the registry (a regional focal
    point, their region's); a partner focal point only their organisation's; others none."""
    if can_staff(user):
        from accord.partners.permissions import organisation_scope

        scope = organisation_scope(user, f"{field}__")
        return qs.none() if scope is None else qs.filter(scope)
    return own_only(user, qs, field)


def object_for(user, qs: QuerySet, pk, field: str = "organisation"):
    """One row of `qs` the user may see (staff, or a partner for their own organisation),
    or 404 — the same answer for "no such id" and "not yours"."""
    found = scoped(user, qs, field).filter(pk=_int_or_404(pk)).first()
    if found is None:
        raise Http404
    return found
