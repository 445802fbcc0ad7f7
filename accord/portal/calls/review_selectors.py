"""Reads of the review: a reviewer's assignments (each with their declaration and review), an
application as a reviewer may see it, and what is still missing before a call can be
finalised. A reviewer sees an applicant's name to declare a conflict of interest, and the
application itself only after declaring none."""

from django.db.models import Prefetch, QuerySet

from accord.core.errors import PermissionDeniedError
from accord.core.fetch import guarded
from accord.portal.calls import permissions
from accord.portal.calls.models import (
    SENT_STATUSES,
    Application,
    Call,
    ConflictDeclaration,
    Review,
)

CONFLICT = (
    "You declared a conflict of interest with this application: it is hidden from you "
    "and you cannot score it."
)
UNDECLARED = (
    "Declare whether you have a conflict of interest with this applicant before you "
    "see or score the application."
)


def _mine(user) -> tuple[Prefetch, Prefetch]:
    return (
        Prefetch(
            "declarations",
            ConflictDeclaration.objects.filter(reviewer=user),
            to_attr="my_declarations",
        ),
        Prefetch(
            "reviews",
            Review.objects.filter(reviewer=user).only(
                "id", "application_id", "reviewer_id", "total", "updated_at"
            ),
            to_attr="my_reviews",
        ),
    )


def annotate_mine(application: Application) -> Application:
    """`declaration` and `review` of the acting reviewer on an application from assignments."""
    application.declaration = next(iter(application.my_declarations), None)
    application.review = next(iter(application.my_reviews), None)
    return application


def assignments(*, user) -> QuerySet[Application]:
    """The applications `user` reviews (none for anyone else), oldest calls first."""
    scope = permissions.assigned_scope(user)
    if scope is None:
        return Application.objects.none()
    return guarded(
        Application.objects.filter(scope)
        .select_related("call", "organisation")
        .prefetch_related(*_mine(user))
        .order_by("call__deadline", "call_id", "organisation__sort_name", "id")
    )


def assignment_for(*, user, pk) -> Application:
    """One assigned application with the reviewer's declaration and review (404 otherwise)."""
    qs = Application.objects.select_related("call", "organisation").prefetch_related(*_mine(user))
    return annotate_mine(permissions.assigned_for(user, pk, qs))


def cleared_for(*, user, pk) -> Application:
    """An assigned application the reviewer declared no conflict with, with its answers,
    documents and the call's criteria: the only way a reviewer reads an application."""
    application = assignment_for(user=user, pk=pk)
    if application.declaration is None:
        raise PermissionDeniedError(UNDECLARED)
    if application.declaration.has_conflict:
        raise PermissionDeniedError(CONFLICT)
    return application


def missing_reviews(call: Call) -> int:
    """(application, reviewer) pairs still to score: every assigned reviewer without a declared
    conflict scores every sent application."""
    apps = set(call.applications.filter(status__in=SENT_STATUSES).values_list("id", flat=True))
    reviewers = set(call.reviewers.values_list("id", flat=True))
    excused = set(
        ConflictDeclaration.objects.filter(application_id__in=apps, has_conflict=True).values_list(
            "application_id", "reviewer_id"
        )
    )
    done = set(
        Review.objects.filter(application_id__in=apps).values_list("application_id", "reviewer_id")
    )
    return sum(1 for a in apps for r in reviewers if (a, r) not in excused and (a, r) not in done)
