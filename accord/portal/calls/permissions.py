"""The one guarded door of calls, applications and reviews.

- Calls: staff (`calls.view`) see every call; a partner user and the public see calls once
  published; drafts are staff-only. `calls.manage` edits calls and decides.
- Applications: staff who may see applications (`calls.view` except the reviewer role) see
  every submitted one; a partner user sees only its own organisation's (drafts included);
  a reviewer sees only applications of calls they are assigned to, once the call is under
  review and only after declaring no conflict of interest (review_selectors.py).
- Anything outside the user's scope looks like it does not exist (404).

Partner users are recognised and scoped by the stakeholder portal's isolation helpers
(accord/portal/permissions.py: `is_partner_user`, `partner_organisation`, `own_only`)."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.accounts.models import Role
from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError, int_or_404
from accord.portal import permissions as portal_permissions
from accord.portal.calls.models import SENT_STATUSES, Application, Call, CallStatus


def deny_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDeniedError(message)


def can_view_calls(user) -> bool:
    return can(user, "calls.view")


def can_manage(user) -> bool:
    return can(user, "calls.manage")


def can_review(user) -> bool:
    return can(user, "calls.review")


def is_applicant(user) -> bool:
    """A partner focal point who speaks for an organisation (not archived)."""
    return can(user, "calls.apply") and portal_permissions.partner_organisation(user) is not None


def can_see_applications(user) -> bool:
    """Staff who see every submitted application; the reviewer role sees only its
    assignments."""
    if not can_view_calls(user):
        return False
    return user.is_superuser or user.role != Role.REVIEWER


# --- calls ---


def call_scope(user) -> Q:
    if can_view_calls(user):
        return Q()
    return ~Q(status=CallStatus.DRAFT)


def visible_calls(user, qs: QuerySet | None = None) -> QuerySet[Call]:
    qs = Call.objects.all() if qs is None else qs
    return qs.filter(call_scope(user))


def call_for(user, pk, qs: QuerySet | None = None) -> Call:
    call = visible_calls(user, qs).filter(pk=int_or_404(pk)).first()
    if call is None:
        raise Http404
    return call


# --- applications ---


def application_scope(user) -> Q | None:
    """The applications staff may open, or None for none (partner users: their own, through
    `own_only`; reviewers: through review_selectors)."""
    if can_see_applications(user):
        return Q(status__in=SENT_STATUSES)
    return None


def visible_applications(user, qs: QuerySet | None = None) -> QuerySet[Application]:
    qs = Application.objects.all() if qs is None else qs
    if is_applicant(user):
        return portal_permissions.own_only(user, qs)
    scope = application_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def application_for(user, pk, qs: QuerySet | None = None) -> Application:
    application = visible_applications(user, qs).filter(pk=int_or_404(pk)).first()
    if application is None:
        raise Http404
    return application


def assigned_scope(user) -> Q | None:
    """Applications a reviewer is assigned to: sent to a call under review or finalised that
    lists them among its reviewers."""
    if not can_review(user):
        return None
    return Q(
        status__in=SENT_STATUSES,
        call__status__in=(CallStatus.UNDER_REVIEW, CallStatus.FINALISED),
        call__reviewers=user,
    )


def assigned_for(user, pk, qs: QuerySet | None = None) -> Application:
    scope = assigned_scope(user)
    qs = Application.objects.all() if qs is None else qs
    found = None if scope is None else qs.filter(scope).filter(pk=int_or_404(pk)).first()
    if found is None:
        raise Http404
    return found
