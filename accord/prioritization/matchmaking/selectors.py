"""Reads of matchmaking other than the suggestions themselves (suggestions.py): which partners
the overview lists, and the decisions taken."""

from django.db.models import Q, QuerySet

from accord.partners.models import Organisation
from accord.prioritization.matchmaking import permissions
from accord.prioritization.matchmaking.models import MatchDecision
from accord.prioritization.matchmaking.profiles import SIDES
from accord.prioritization.matchmaking.suggestions import MatchFilters
from accord.strategy.selectors import category_list, outcome_list


def partners_to_match(
    *, user, side: str = "", filters: MatchFilters | None = None
) -> QuerySet[Organisation]:
    """Partners the user sees on either side of matchmaking (or on `side`), in the category,
    home country and outcome asked for, by name."""
    f = filters or MatchFilters()
    codes = [code for code, s in SIDES.items() if not side or s == side]
    if f.category:
        codes = [code for code in codes if code == f.category]
    categories = category_list().filter(code__in=codes)
    qs = permissions.visible_partners(user).filter(category__in=categories, archived_at=None)
    if f.country:
        qs = qs.filter(country_id=f.country)
    if f.outcome:
        qs = qs.filter(outcomes__in=outcome_list().filter(code=f.outcome))
    return qs.select_related("category", "country").order_by("sort_name", "id")


def decision_list(*, user, organisation: Organisation | None = None) -> QuerySet[MatchDecision]:
    """Decisions on pairs of partners the user sees (both of them), latest first."""
    funder = permissions.partner_scope(user, "funder__")
    implementer = permissions.partner_scope(user, "implementer__")
    if funder is None or implementer is None:
        return MatchDecision.objects.none()
    qs = MatchDecision.objects.filter(funder, implementer)
    if organisation is not None:
        qs = qs.filter(Q(funder=organisation) | Q(implementer=organisation))
    return qs.select_related("funder", "implementer", "decided_by", "engagement")
