"""The one guarded door of prioritisation: scores, runs and scoring-model versions.

Registry readers see scores; a regional focal point only those of partners in their region(s)
(each score keeps its partner's region) — outside that scope a partner's score looks like it
does not exist (404). Partner focal points and reviewers see none (403). Administrators manage
versions and start recomputations; everyone who reads scores may read how they are computed."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.accounts.roles import can, region_scope
from accord.core.errors import PermissionDeniedError
from accord.partners import permissions as partner_permissions
from accord.prioritization.models import PartnerScore, ScoringModel


def can_view(user) -> bool:
    return can(user, "prioritization.view")


def can_manage(user) -> bool:
    return can(user, "prioritization.manage")


def require_view(user) -> None:
    if not can_view(user):
        raise PermissionDeniedError("You may not read partner priorities.")


def require_manage(user) -> None:
    if not can_manage(user):
        raise PermissionDeniedError("Only an administrator may change scoring models.")


def score_scope(user) -> Q | None:
    """The scores `user` may see, as a filter, or None when they may see none."""
    if not can_view(user):
        return None
    scope = region_scope(user)
    return Q() if scope is None else Q(region_id__in=scope)


def visible_scores(user, qs: QuerySet | None = None) -> QuerySet[PartnerScore]:
    qs = PartnerScore.objects.all() if qs is None else qs
    scope = score_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def organisation_for(user, pk):
    """The organisation `pk` whose score `user` asks for: 403 without the right to read
    priorities, 404 outside the user's scope (the registry's door)."""
    require_view(user)
    return partner_permissions.organisation_for(user, pk)


def model_for(user, pk, *, action: str = "view") -> ScoringModel:
    """A scoring-model version: readers view, administrators "manage"; 404 when none."""
    require_view(user)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    model = (
        ScoringModel.objects.select_related("copied_from", "created_by", "activated_by")
        .filter(pk=pk)
        .first()
    )
    if model is None:
        raise Http404
    if action == "manage":
        require_manage(user)
    return model
