"""Reads of the portal. Every read takes the acting user and goes through
accord.portal.permissions: staff see the queues and the whole stream, a partner focal point
only what concerns its own organisation."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from accord.partners import permissions as partner_permissions
from accord.partners.models import Contact, Organisation
from accord.portal import permissions
from accord.portal.models import (
    ChangeRequest,
    ChangeStatus,
    ExpressionOfInterest,
    Registration,
    RegistrationKind,
    RegistrationStatus,
)
from accord.strategy.models import FlagshipProgramme, Outcome


def registration_queue(
    *, user, kind: str = "", status: str = RegistrationStatus.SUBMITTED
) -> QuerySet[Registration]:
    scope = permissions.registration_scope(user)
    qs = Registration.objects.select_related("category", "country", "organisation")
    if scope is None:
        return qs.none()
    qs = qs.filter(scope)
    if kind in RegistrationKind.values:
        qs = qs.filter(kind=kind)
    if status in RegistrationStatus.values:
        qs = qs.filter(status=status)
    return qs.only(
        "kind",
        "status",
        "org_name",
        "acronym",
        "first_name",
        "last_name",
        "email",
        "created_at",
        "verified_at",
        "matches",
        "screening",
        "category__short_name",
        "category__name",
        "country__name",
        "organisation__name",
        "organisation__acronym",
    )


def registration_detail(*, user, pk) -> Registration:
    qs = Registration.objects.select_related(
        "category", "country", "organisation", "decided_by", "user"
    )
    return permissions.registration_for(user, pk, qs)


def matched_organisations(*, user, registration: Registration) -> list[dict]:
    """The stored duplicate matches the user may see, with their organisations, best first."""
    ids = [m["organisation_id"] for m in registration.matches]
    orgs = partner_permissions.visible_organisations(
        user, Organisation.objects.select_related("category", "country").filter(pk__in=ids)
    ).in_bulk()
    return [
        {**m, "organisation": orgs[m["organisation_id"]]}
        for m in registration.matches
        if m["organisation_id"] in orgs
    ]


def change_queue(*, user, status: str = ChangeStatus.PENDING) -> QuerySet[ChangeRequest]:
    qs = permissions.scoped(
        user, ChangeRequest.objects.select_related("organisation", "requested_by", "decided_by")
    )
    if status in ChangeStatus.values:
        qs = qs.filter(status=status)
    return qs


def change_detail(*, user, pk) -> ChangeRequest:
    return permissions.object_for(
        user,
        ChangeRequest.objects.select_related("organisation", "requested_by", "decided_by"),
        pk,
    )


@dataclass(frozen=True)
class InterestFilters:
    outcome: str = ""  # outcome code "1.2"
    flagship: str = ""  # flagship code "1"
    status: str = ""
    country: str = ""  # ISO2


def interest_list(
    *, user, filters: InterestFilters | None = None
) -> QuerySet[ExpressionOfInterest]:
    """The stream of expressions of interest (staff: all; a partner: its own), newest first,
    with what the page shows loaded in a fixed number of queries."""
    f = filters or InterestFilters()
    qs = permissions.scoped(user, ExpressionOfInterest.objects.all())
    if f.outcome:
        qs = qs.filter(outcomes__code=f.outcome)
    if f.flagship:
        qs = qs.filter(flagships__code=f.flagship)
    if f.country:
        qs = qs.filter(countries__code=f.country.upper())
    if f.status:
        qs = qs.filter(status=f.status)
    return (
        qs.distinct()
        .select_related("organisation", "submitted_by", "answered_by", "engagement", "opportunity")
        .prefetch_related(
            Prefetch("outcomes", Outcome.objects.order_by("code")),
            Prefetch("flagships", FlagshipProgramme.objects.order_by("code")),
            "countries",
        )
    )


def interest_detail(*, user, pk) -> ExpressionOfInterest:
    return permissions.object_for(user, interest_list(user=user), pk)


def own_contacts(*, user) -> QuerySet[Contact]:
    return permissions.own_only(user, Contact.objects.filter(archived_at__isnull=True))


def own_contact(*, user, pk) -> Contact:
    return permissions.object_for(user, own_contacts(user=user).select_related("organisation"), pk)


def partner_home(*, user) -> dict:
    """What a partner focal point sees first: its organisation and areas of work, its
    contacts, its expressions of interest, a key-field change waiting, people asking to join."""
    org = permissions.require_partner(user)
    return {
        "organisation": org,
        "outcomes": list(Outcome.objects.filter(organisations=org).order_by("code")),
        "contacts": list(own_contacts(user=user)),
        "interests": list(interest_list(user=user)[:20]),
        "pending_change": change_queue(user=user).first(),
        "join_requests": list(registration_queue(user=user, kind=RegistrationKind.JOIN)),
    }


def queue_counts(*, user) -> dict:
    return {
        "registrations": registration_queue(user=user, kind=RegistrationKind.NEW).count(),
        "joins": registration_queue(user=user, kind=RegistrationKind.JOIN).count(),
        "changes": change_queue(user=user).count(),
        "interests": interest_list(user=user).filter(status="submitted").count(),
    }
