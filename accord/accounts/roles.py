"""The one place where named actions are mapped to roles.

Every permission check in Accord asks `can(user, "<action>")`; object-level scoping (region,
own organisation) is added by each app's permissions.py on top of this table."""

from accord.accounts.models import Role

STAFF_ROLES = frozenset(
    {Role.ADMIN, Role.OFFICER, Role.REGIONAL, Role.PROGRAMME, Role.REVIEWER, Role.MANAGEMENT}
)
_EDITORS = frozenset({Role.ADMIN, Role.OFFICER, Role.REGIONAL})
_REGISTRY_READERS = _EDITORS | {Role.PROGRAMME, Role.MANAGEMENT}

ACTIONS: dict[str, frozenset[str]] = {
    "strategy.view": STAFF_ROLES | {Role.PARTNER},
    "strategy.edit": frozenset({Role.ADMIN}),
    "partners.view": _REGISTRY_READERS | {Role.PARTNER},
    "partners.create": _EDITORS,
    "partners.edit": _EDITORS,
    "partners.archive": _EDITORS,
    "contacts.view": _REGISTRY_READERS | {Role.PARTNER},
    "contacts.edit": _EDITORS,
    "history.view": _REGISTRY_READERS,
    "partners.export": _REGISTRY_READERS,
    "api.tokens": STAFF_ROLES,
    "admin.site": frozenset({Role.ADMIN}),
    # Engagement and strategy execution (accord/engagement): regional focal points limited to
    # their region(s) by accord/engagement/permissions.py; programme managers edit their own.
    "engagement.view": _REGISTRY_READERS,
    "engagement.log": _EDITORS | {Role.PROGRAMME},
    "engagement.edit": _EDITORS,
    "governance.view": _REGISTRY_READERS,
    "governance.record": frozenset({Role.ADMIN, Role.OFFICER}),
    "governance.manage": frozenset({Role.ADMIN}),
    "plan.view": _REGISTRY_READERS,
    "plan.edit": _EDITORS | {Role.PROGRAMME},
    # Resource mobilisation (accord/funding): regional focal points limited to partners of
    # their region(s) by accord/funding/permissions.py; programme managers follow the funding.
    "funding.view": _REGISTRY_READERS,
    "funding.edit": _EDITORS,
    "funding.rates": frozenset({Role.ADMIN, Role.OFFICER}),
    "funding.targets": frozenset({Role.ADMIN, Role.OFFICER}),
    "funding.stages": frozenset({Role.ADMIN}),
    # Agreements and obligations (accord/agreements): same region scoping.
    "agreements.view": _REGISTRY_READERS,
    "agreements.edit": _EDITORS,
    "agreements.types": frozenset({Role.ADMIN}),
    "obligations.complete": _EDITORS | {Role.PROGRAMME},
    # Due diligence and sanctions screening (accord/diligence): screening results and reviews
    # are read by registry readers (region-scoped); officers and regional focal points prepare
    # reviews and decide hits; a review's decision is a four-eyes step (another person than
    # the preparer, enforced by the service); administrators load lists and set the policy.
    "diligence.view": _REGISTRY_READERS,
    "diligence.screen": _EDITORS,
    "diligence.decide_hit": frozenset({Role.ADMIN, Role.OFFICER}),
    "diligence.prepare": _EDITORS,
    "diligence.decide_review": frozenset({Role.ADMIN, Role.OFFICER}),
    "diligence.lists": frozenset({Role.ADMIN}),
    "diligence.policy": frozenset({Role.ADMIN}),
    # Prioritisation, matchmaking and the partnership network (accord/prioritization): scores
    # are read by registry readers (region-scoped); administrators edit and activate models.
    "prioritization.view": _REGISTRY_READERS,
    "prioritization.manage": frozenset({Role.ADMIN}),
    "matches.decide": _EDITORS,
    # The stakeholder portal (accord/portal): staff approve registrations and change requests
    # and answer expressions of interest; partner focal points act for their own organisation
    # only (object scoping in accord/portal/permissions.py).
    "portal.staff": _REGISTRY_READERS,
    "portal.approve": frozenset({Role.ADMIN, Role.OFFICER}),
    "portal.answer": _EDITORS,
    "portal.self": frozenset({Role.PARTNER}),
    # Calls for proposals (accord/portal/calls): reviewers score what they are assigned.
    "calls.view": STAFF_ROLES,
    "calls.manage": frozenset({Role.ADMIN, Role.OFFICER}),
    "calls.review": frozenset({Role.ADMIN, Role.OFFICER, Role.REVIEWER}),
    "calls.apply": frozenset({Role.PARTNER}),
    # Results framework (accord/results): measurements entered, submitted, then approved by
    # someone else; administrators keep the catalogue.
    "results.view": _REGISTRY_READERS,
    "results.enter": _EDITORS | {Role.PROGRAMME},
    "results.approve": frozenset({Role.ADMIN, Role.OFFICER}),
    "results.manage": frozenset({Role.ADMIN}),
    # Knowledge hub (accord/knowledge).
    "knowledge.view": _REGISTRY_READERS,
    "knowledge.edit": _EDITORS | {Role.PROGRAMME},
    "knowledge.publish": frozenset({Role.ADMIN, Role.OFFICER}),
    # Dashboards, exports, reports and IATI files (accord/reports): read only.
    "reports.view": _REGISTRY_READERS,
    "reports.export": _REGISTRY_READERS,
}


def can(user, action: str) -> bool:
    if action not in ACTIONS:
        raise KeyError(f"Unknown action {action!r}: add it to accord/accounts/roles.py")
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.role in ACTIONS[action]


def require(user, action: str, message: str) -> None:
    """`can`, for services: refuse with `message` (PermissionDeniedError)."""
    from accord.core.errors import PermissionDeniedError

    if not can(user, action):
        raise PermissionDeniedError(message)


def is_staff_role(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role in STAFF_ROLES))


def region_scope(user) -> set[int] | None:
    """The region ids a user is limited to, or None when the user sees every region."""
    if user.is_superuser or user.role != Role.REGIONAL:
        return None
    cached = getattr(user, "_region_ids", None)
    if cached is None:
        cached = set(user.regions.values_list("id", flat=True))
        user._region_ids = cached
    return cached
