"""The one guarded door of matchmaking and the partnership network.

Registry readers see suggestions and the network (`prioritization.view`); editors accept or
dismiss suggestions (`matches.decide`). A regional focal point sees only the partners of their
region(s): suggestions pair two partners they see, the network shows only their partners, and a
partner outside their scope looks like it does not exist (404)."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError
from accord.partners import permissions as partner_permissions
from accord.partners.models import Organisation


def can_view(user) -> bool:
    return can(user, "prioritization.view")


def require_view(user) -> None:
    if not can_view(user):
        raise PermissionDeniedError("You may not read matches or the partnership network.")


def partner_scope(user, prefix: str = "") -> Q | None:
    """The partners `user` may see here, as a filter on `prefix` + organisation fields, or
    None when they may see none."""
    if not can_view(user):
        return None
    return partner_permissions.organisation_scope(user, prefix)


def visible_partners(user, qs: QuerySet | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.all() if qs is None else qs
    scope = partner_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def sees(user, organisation: Organisation) -> bool:
    return can_view(user) and partner_permissions.can_view(user, organisation)


def can_decide(user, *partners: Organisation) -> bool:
    """May `user` accept or dismiss suggestions (about these partners, when given)?"""
    return can(user, "matches.decide") and all(sees(user, p) for p in partners)


def partner_for(user, pk, *, qs: QuerySet | None = None) -> Organisation:
    """The partner `pk` when `user` may see it here: 403 for roles that may not read matches,
    404 when it is outside their scope, archived, or there is no such id."""
    require_view(user)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    base = qs if qs is not None else Organisation.objects.select_related("category", "country")
    found = visible_partners(user, base).filter(pk=pk, archived_at=None).first()
    if found is None:
        raise Http404
    return found
