"""The one guarded door of the funding app: opportunities, pledges, contributions, exchange
rates and funding targets.

Staff readers see every record except a regional focal point, who sees those of partners in
their region(s) (each record keeps its partner's region in `region`, set by the services);
outside that scope a record looks like it does not exist (404). Editors edit what they see.
Exchange rates, targets and stages are institution-wide settings with their own actions."""

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from accord.accounts.roles import can, region_scope
from accord.core.errors import PermissionDeniedError
from accord.core.errors import int_or_404 as _int_or_404
from accord.funding.models import Contribution, Opportunity, Pledge


def funding_scope(user, prefix: str = "") -> Q | None:
    """The funding records `user` may see, as a filter on `prefix` + the record's fields (e.g.
    "pledge__" from an instalment), or None when they may see none."""
    if not can(user, "funding.view"):
        return None
    scope = region_scope(user)
    return Q() if scope is None else Q(**{f"{prefix}region_id__in": scope})


def visible(user, qs: QuerySet) -> QuerySet:
    """`qs` (opportunities, pledges or contributions) limited to what `user` may see."""
    scope = funding_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def _in_scope(user, record: Model) -> bool:
    scope = region_scope(user)
    return scope is None or record.region_id in scope


def can_view(user, record: Model) -> bool:
    return can(user, "funding.view") and _in_scope(user, record)


def can_edit(user, record: Model | None = None) -> bool:
    """May `user` record funding (record None) or change this record?"""
    return can(user, "funding.edit") and (record is None or _in_scope(user, record))


def can_manage_rates(user) -> bool:
    return can(user, "funding.rates")


def can_manage_targets(user) -> bool:
    return can(user, "funding.targets")


def can_manage_stages(user) -> bool:
    return can(user, "funding.stages")


def require_edit(user, record: Model | None = None) -> None:
    if not can_edit(user, record):
        raise PermissionDeniedError("You may not change funding records.")


def _fetch(user, qs: QuerySet, pk):
    """The record `pk` of `qs` if `user` may see it, else 404 (out of scope looks absent)."""
    record = visible(user, qs).filter(pk=_int_or_404(pk)).first()
    if record is None:
        raise Http404
    return record


def opportunity_for(user, pk, qs: QuerySet | None = None) -> Opportunity:
    base = Opportunity.objects.select_related("organisation", "stage") if qs is None else qs
    return _fetch(user, base, pk)


def pledge_for(user, pk, qs: QuerySet | None = None) -> Pledge:
    base = Pledge.objects.select_related("organisation") if qs is None else qs
    return _fetch(user, base, pk)


def contribution_for(user, pk, qs: QuerySet | None = None) -> Contribution:
    base = Contribution.objects.select_related("organisation", "pledge") if qs is None else qs
    return _fetch(user, base, pk)
