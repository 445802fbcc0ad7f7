"""The one guarded door of the results framework.

Indicators, targets and approved values are institution-wide figures: every reader of results
sees them. Measurements not yet approved (draft, submitted, returned) are work in progress:
a regional focal point sees and enters only those of the region(s) they cover — outside that
scope such a measurement looks like it does not exist (404). Inside scope, an action the role
may not take is refused (403). Partner focal points and reviewers have no access."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.accounts.roles import can, region_scope
from accord.accounts.roles import require as _require
from accord.core.errors import PermissionDeniedError
from accord.core.errors import int_or_404 as _int_or_404
from accord.results.models import Indicator, Measurement, MeasurementStatus

_MEASUREMENT_ACTIONS = {
    "view": "results.view",
    "edit": "results.enter",
    "transition": "results.view",  # each transition checks its own action (states.py)
}
MEASUREMENT_RELATED = ("indicator", "period", "region", "entered_by", "submitted_by", "decided_by")


def can_view(user) -> bool:
    return can(user, "results.view")


def can_enter(user) -> bool:
    return can(user, "results.enter")


def can_approve(user) -> bool:
    return can(user, "results.approve")


def can_manage(user) -> bool:
    return can(user, "results.manage")


def measurement_scope(user) -> Q | None:
    """The measurements `user` may see as a filter, or None when they may see none."""
    if not can_view(user):
        return None
    scope = region_scope(user)
    if scope is None:
        return Q()
    return Q(status=MeasurementStatus.APPROVED) | Q(region_id__in=scope)


def visible_measurements(user, qs: QuerySet | None = None) -> QuerySet[Measurement]:
    qs = Measurement.objects.all() if qs is None else qs
    scope = measurement_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def in_region(user, region) -> bool:
    """Whether a value about `region` (None: the whole organisation) is the user's to enter:
    always for roles without a region scope; a regional focal point only their region(s)."""
    scope = region_scope(user)
    if scope is None:
        return True
    return region is not None and getattr(region, "pk", region) in scope


def indicator_for(user, pk, *, action: str = "view") -> Indicator:
    """The indicator `pk` (an id or its code): 403 for roles that may not read results, 404
    when there is none, 403 when `action` ("view", "manage") is not allowed."""
    if action not in ("view", "manage"):
        raise KeyError(f"Unknown indicator action {action!r}")
    _require(user, "results.view", "You may not read the results framework.")
    qs = Indicator.objects.select_related("outcome", "expected_result", "category")
    text = str(pk or "").strip()
    indicator = (qs.filter(pk=int(text)) if text.isdigit() else qs.filter(code=text)).first()
    if indicator is None:
        raise Http404
    if action == "manage":
        _require(user, "results.manage", "You may not change the indicator catalogue.")
    return indicator


def measurement_for(user, pk, *, action: str = "view", qs: QuerySet | None = None) -> Measurement:
    """The measurement `pk` if `user` may take `action` ("view", "edit", "transition") on
    it: 404 outside the user's scope, 403 when visible but the action is not allowed."""
    if action not in _MEASUREMENT_ACTIONS:
        raise KeyError(f"Unknown measurement action {action!r}")
    _require(user, "results.view", "You may not read the results framework.")
    pk = _int_or_404(pk)
    base = qs if qs is not None else Measurement.objects.select_related(*MEASUREMENT_RELATED)
    measurement = visible_measurements(user, base).filter(pk=pk).first()
    if measurement is None:
        raise Http404
    _require(user, _MEASUREMENT_ACTIONS[action], "You may not enter results.")
    if action == "edit" and not in_region(user, measurement.region):
        raise PermissionDeniedError("You may not change results of this region.")
    return measurement
