"""The one guarded door of screening hits and due-diligence reviews.

Registry readers see screening results and reviews; a regional focal point only those about
organisations of their region(s) and about contacts of such organisations — outside that scope
a hit or a review looks like it does not exist (404). Inside scope, an action the role may not
take is refused (403). Sanctions lists and their entries are public data: every reader of
due diligence browses them."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.accounts.models import Role
from accord.accounts.roles import can, region_scope
from accord.accounts.roles import require as _require
from accord.core.errors import int_or_404 as _int_or_404
from accord.diligence.models import DiligenceReview, Entry, ScreeningHit

_HIT_ACTIONS = {"view": "diligence.view", "decide": "diligence.decide_hit"}
_REVIEW_ACTIONS = {
    "view": "diligence.view",
    "edit": "diligence.prepare",
    "transition": "diligence.view",  # each transition checks its own action (review_states)
}


def can_view(user) -> bool:
    return can(user, "diligence.view")


def can_screen(user) -> bool:
    return can(user, "diligence.screen")


def can_decide_hit(user) -> bool:
    return can(user, "diligence.decide_hit")


def can_reopen_hit(user) -> bool:
    """Only an administrator takes back a decision on a hit (with a reason)."""
    return can(user, "diligence.decide_hit") and (user.is_superuser or user.role == Role.ADMIN)


def can_prepare(user) -> bool:
    return can(user, "diligence.prepare")


def can_decide_review(user) -> bool:
    return can(user, "diligence.decide_review")


def can_manage_lists(user) -> bool:
    return can(user, "diligence.lists")


def can_set_policy(user) -> bool:
    return can(user, "diligence.policy")


# --- scope ---


def hit_scope(user) -> Q | None:
    """The hits `user` may see as a filter, or None when they may see none."""
    if not can_view(user):
        return None
    scope = region_scope(user)
    if scope is None:
        return Q()
    return Q(organisation__region_id__in=scope) | Q(contact__organisation__region_id__in=scope)


def review_scope(user) -> Q | None:
    if not can_view(user):
        return None
    scope = region_scope(user)
    return Q() if scope is None else Q(organisation__region_id__in=scope)


def visible_hits(user, qs: QuerySet | None = None) -> QuerySet[ScreeningHit]:
    qs = ScreeningHit.objects.all() if qs is None else qs
    scope = hit_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def visible_reviews(user, qs: QuerySet | None = None) -> QuerySet[DiligenceReview]:
    qs = DiligenceReview.objects.all() if qs is None else qs
    scope = review_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def in_region(user, organisation) -> bool:
    """Whether the organisation is within the user's region(s) (always, for other roles)."""
    scope = region_scope(user)
    return scope is None or organisation.region_id in scope


# --- the doors ---


def hit_for(user, pk, *, action: str = "view", qs: QuerySet | None = None) -> ScreeningHit:
    """The hit `pk` if `user` may take `action` ("view", "decide") on it: 403 for roles that
    may not read due diligence, 404 outside the user's scope, 403 when the action is refused."""
    if action not in _HIT_ACTIONS:
        raise KeyError(f"Unknown hit action {action!r}")
    _require(user, "diligence.view", "You may not read screening results.")
    pk = _int_or_404(pk)
    base = (
        qs
        if qs is not None
        else ScreeningHit.objects.select_related(
            "organisation", "contact__organisation", "entry", "version"
        )
    )
    hit = visible_hits(user, base).filter(pk=pk).first()
    if hit is None:
        raise Http404
    _require(user, _HIT_ACTIONS[action], "You may not decide screening hits.")
    return hit


def review_for(user, pk, *, action: str = "view", qs: QuerySet | None = None) -> DiligenceReview:
    """The review `pk` if `user` may take `action` ("view", "edit", "transition") on it: 404
    outside the user's scope, 403 when visible but the action is not allowed."""
    if action not in _REVIEW_ACTIONS:
        raise KeyError(f"Unknown review action {action!r}")
    _require(user, "diligence.view", "You may not read due-diligence reviews.")
    pk = _int_or_404(pk)
    base = (
        qs
        if qs is not None
        else DiligenceReview.objects.select_related(
            "organisation__category", "organisation__country", "prepared_by", "decided_by"
        )
    )
    review = visible_reviews(user, base).filter(pk=pk).first()
    if review is None:
        raise Http404
    _require(user, _REVIEW_ACTIONS[action], "You may not change due-diligence reviews.")
    return review


def entry_for(user, pk) -> Entry:
    """A list entry (public data): any reader of due diligence; 404 when there is none."""
    _require(user, "diligence.view", "You may not read sanctions lists.")
    pk = _int_or_404(pk)
    entry = (
        Entry.objects.select_related(
            "sanctions_list", "first_version", "last_version", "delisted_in"
        )
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry
