"""The one guarded door of engagements, governance bodies and the implementation plan.

Engagements: staff readers see them all except a regional focal point, who sees those led by
their region(s) or involving a partner of their region(s); outside that scope an engagement
looks like it does not exist (404). Editors edit what they see; a programme manager edits the
engagements they logged. Governance bodies and the plan are institution-wide (no region
scope), but rows naming partners are limited to the partners the user may see."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accord.accounts.models import Role
from accord.accounts.roles import can, region_scope
from accord.accounts.roles import require as _require
from accord.core.errors import PermissionDeniedError
from accord.core.errors import int_or_404 as _int_or_404
from accord.engagement.models import (
    BodyMembership,
    BodySession,
    Engagement,
    EngagementPartner,
    FollowUp,
    GovernanceBody,
    PlanAction,
    SessionParticipation,
)
from accord.partners.permissions import organisation_scope

# --- engagements ---


def engagement_scope(user, prefix: str = "") -> Q | None:
    """The engagements `user` may see as a filter on `prefix` + engagement fields (so other
    tables can join to it, e.g. "engagement__"), or None when they may see none."""
    if not can(user, "engagement.view"):
        return None
    scope = region_scope(user)
    if scope is None:
        return Q()
    partner_in_region = EngagementPartner.objects.filter(
        engagement_id=OuterRef(f"{prefix}id"), organisation__region_id__in=scope
    )
    return Q(**{f"{prefix}lead_region_id__in": scope}) | Q(Exists(partner_in_region))


def visible_engagements(user, qs: QuerySet | None = None) -> QuerySet[Engagement]:
    qs = Engagement.objects.all() if qs is None else qs
    scope = engagement_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def _in_scope(user, engagement: Engagement) -> bool:
    scope = region_scope(user)
    if scope is None:
        return True
    if engagement.lead_region_id in scope:
        return True
    return EngagementPartner.objects.filter(
        engagement_id=engagement.pk, organisation__region_id__in=scope
    ).exists()


def can_view(user, engagement: Engagement) -> bool:
    return can(user, "engagement.view") and _in_scope(user, engagement)


def can_log(user) -> bool:
    return can(user, "engagement.log")


def can_edit(user, engagement: Engagement) -> bool:
    """Editors change what they see; whoever may log engagements changes the ones they logged."""
    if can(user, "engagement.edit"):
        return _in_scope(user, engagement)
    return can(user, "engagement.log") and engagement.created_by_id == user.pk


def engagement_for(user, pk, *, action: str = "view", qs: QuerySet | None = None) -> Engagement:
    """The engagement `pk` if `user` may take `action` ("view" or "edit") on it: 404 outside
    the user's scope (or no such id), 403 when it is visible but the action is not allowed."""
    if action not in ("view", "edit"):
        raise KeyError(f"Unknown engagement action {action!r}")
    _require(user, "engagement.view", "You may not read engagements.")
    pk = _int_or_404(pk)
    base = qs if qs is not None else Engagement.objects.select_related("lead_region", "country")
    engagement = visible_engagements(user, base).filter(pk=pk).first()
    if engagement is None:
        raise Http404
    if action == "edit" and not can_edit(user, engagement):
        raise PermissionDeniedError("You may not edit this engagement.")
    return engagement


def can_complete_follow_up(user, follow_up: FollowUp) -> bool:
    """The follow-up's owner, or whoever may edit its engagement."""
    if follow_up.owner_id == user.pk and can(user, "engagement.view"):
        return True
    return can_edit(user, follow_up.engagement)


def follow_up_for(user, pk, *, action: str = "view") -> FollowUp:
    """A follow-up through its engagement's door: 404 outside scope, 403 when it may be seen but
    not completed."""
    _require(user, "engagement.view", "You may not read engagements.")
    pk = _int_or_404(pk)
    scope = engagement_scope(user, "engagement__")
    qs = FollowUp.objects.select_related("engagement", "owner")
    follow_up = qs.filter(scope, pk=pk).first() if scope is not None else None
    if follow_up is None:
        raise Http404
    if action == "complete" and not can_complete_follow_up(user, follow_up):
        raise PermissionDeniedError("You may not complete this follow-up.")
    return follow_up


# --- governance bodies ---


def can_view_governance(user) -> bool:
    return can(user, "governance.view")


def can_record_governance(user) -> bool:
    """Record members, sessions and participation."""
    return can(user, "governance.record")


def can_manage_bodies(user) -> bool:
    """Add governance bodies and change their names and descriptions."""
    return can(user, "governance.manage")


_GOVERNANCE_ACTIONS = {
    "view": "governance.view",
    "record": "governance.record",
    "manage": "governance.manage",
}


def _governance_get(user, model, pk, action: str, qs: QuerySet | None):
    if action not in _GOVERNANCE_ACTIONS:
        raise KeyError(f"Unknown governance action {action!r}")
    _require(user, "governance.view", "You may not read governance bodies.")
    pk = _int_or_404(pk)
    found = (qs if qs is not None else model.objects.all()).filter(pk=pk).first()
    if found is None:
        raise Http404
    _require(user, _GOVERNANCE_ACTIONS[action], "You may not change governance records.")
    return found


def body_for(user, pk, *, action: str = "view", qs: QuerySet | None = None) -> GovernanceBody:
    return _governance_get(user, GovernanceBody, pk, action, qs)


def session_for(user, pk, *, action: str = "view", qs: QuerySet | None = None) -> BodySession:
    base = qs if qs is not None else BodySession.objects.select_related("body")
    return _governance_get(user, BodySession, pk, action, base)


def _partner_row_for(user, model, pk, action: str):
    """A membership or participation: it names a partner, so it exists for the user only when
    the partner does (404 otherwise)."""
    scope = organisation_scope(user, "organisation__")
    qs = model.objects.select_related("organisation")
    qs = qs.none() if scope is None else qs.filter(scope)
    return _governance_get(user, model, pk, action, qs)


def membership_for(user, pk, *, action: str = "record") -> BodyMembership:
    return _partner_row_for(user, BodyMembership, pk, action)


def participation_for(user, pk, *, action: str = "record") -> SessionParticipation:
    return _partner_row_for(user, SessionParticipation, pk, action)


# --- the implementation plan ---


def can_view_plan(user) -> bool:
    return can(user, "plan.view")


def _is(user, role: str) -> bool:
    return user.role == role and not user.is_superuser


def can_create_action(user) -> bool:
    """Whether the user may add actions to the plan at all (see `can_plan_for`)."""
    return can(user, "plan.edit")


def can_plan_for(user, *, region=None, owner=None) -> bool:
    """Officers and administrators plan anything; a regional focal point plans for their
    region(s) or for themselves; a programme manager plans actions they own."""
    if not can(user, "plan.edit"):
        return False
    owns = owner is not None and getattr(owner, "pk", owner) == user.pk
    if _is(user, Role.PROGRAMME):
        return owns
    scope = region_scope(user)
    return scope is None or owns or (region is not None and getattr(region, "pk", region) in scope)


def can_edit_action(user, action: PlanAction) -> bool:
    """Change an action, report progress, move it through its states: as for creating it."""
    if not can(user, "plan.edit"):
        return False
    owns = action.owner_id == user.pk
    if _is(user, Role.PROGRAMME):
        return owns
    scope = region_scope(user)
    return scope is None or owns or action.region_id in scope


def action_for(user, pk, *, action: str = "view", qs: QuerySet | None = None) -> PlanAction:
    """The plan action `pk`: 403 for roles that may not read the plan, 404 when there is no such
    action, 403 when it may be read but not changed ("edit")."""
    if action not in ("view", "edit"):
        raise KeyError(f"Unknown plan action {action!r}")
    _require(user, "plan.view", "You may not read the implementation plan.")
    pk = _int_or_404(pk)
    base = qs if qs is not None else PlanAction.objects.select_related("category", "owner")
    found = base.filter(pk=pk).first()
    if found is None:
        raise Http404
    if action == "edit" and not can_edit_action(user, found):
        raise PermissionDeniedError("You may not change this plan action.")
    return found
