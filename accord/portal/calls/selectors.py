"""Reads of calls: the staff list, open calls (public and a partner's), one call with what its
page shows, the clarifications published, a partner's applications, an application with its
answers and documents, and the ranking. Each runs a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accord.core.fetch import guarded
from accord.portal.calls import permissions
from accord.portal.calls.models import (
    SENT_STATUSES,
    Answer,
    Application,
    Call,
    CallStatus,
    Clarification,
    Review,
    Score,
)
from accord.portal.calls.scoring import mean
from accord.portal.permissions import partner_organisation

CALL_PREFETCH = ("criteria", "questions", "outcomes", "countries", "categories")


def call_list(*, user, status: str = "", q: str = "") -> QuerySet[Call]:
    """Calls `user` may see, newest deadline first, with how many applications were sent."""
    qs = permissions.visible_calls(user).annotate(
        sent=Count("applications", filter=Q(applications__status__in=SENT_STATUSES))
    )
    if status in CallStatus.values:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(title__icontains=q.strip()[:200])
    return guarded(qs.order_by("-deadline", "-id"))


def open_calls(*, now=None) -> QuerySet[Call]:
    """Published calls whose deadline has not passed: what anyone may apply to."""
    now = now or timezone.now()
    return guarded(
        Call.objects.filter(status=CallStatus.PUBLISHED, deadline__gt=now)
        .prefetch_related("categories", "outcomes", "countries")
        .order_by("deadline", "id")
    )


def public_call(pk) -> Call:
    """A call as the public sees it (not drafts), with its criteria, questions and tags."""
    return permissions.call_for(AnonymousUser(), pk, Call.objects.prefetch_related(*CALL_PREFETCH))


def call_detail(*, user, pk) -> Call:
    qs = Call.objects.select_related("created_by").prefetch_related(*CALL_PREFETCH, "reviewers")
    return permissions.call_for(user, pk, qs)


def published_clarifications(call: Call) -> QuerySet[Clarification]:
    """Answered clarifications: the question and answer only, never who asked."""
    return guarded(
        call.clarifications.exclude(answer="")
        .only("id", "call_id", "question", "answer", "answered_at", "created_at")
        .order_by("answered_at", "id")
    )


def all_clarifications(call: Call) -> QuerySet[Clarification]:
    """Every clarification with who asked, for staff."""
    return guarded(
        call.clarifications.select_related("asked_by", "organisation").order_by("created_at", "id")
    )


def own_clarifications(call: Call, user) -> QuerySet[Clarification]:
    """The questions the user's organisation asked that are not answered yet."""
    return guarded(
        call.clarifications.filter(organisation_id=user.organisation_id, answer="")
        .only("id", "call_id", "question", "created_at")
        .order_by("created_at", "id")
    )


# --- a partner's view ---


def calls_for_partner(*, user, now=None) -> list[Call]:
    """Open calls the user's organisation is in a category for (every category when the call
    names none)."""
    category = partner_organisation(user).category_id
    return [
        c
        for c in open_calls(now=now)
        if not c.categories.all() or category in {k.pk for k in c.categories.all()}
    ]


def my_applications(*, user) -> QuerySet[Application]:
    return guarded(
        permissions.visible_applications(user)
        .select_related("call")
        .order_by("-call__deadline", "-id")
    )


def own_application(*, user, call: Call) -> Application | None:
    """The user's organisation's application to `call`, with its answers and documents."""
    if not permissions.is_applicant(user):
        return None
    return (
        Application.objects.filter(call=call, organisation_id=user.organisation_id)
        .prefetch_related("answers", "documents")
        .first()
    )


# --- applications for staff ---


def application_detail_qs() -> QuerySet[Application]:
    """Applications with what their page and the API show, in a fixed number of queries."""
    return Application.objects.select_related(
        "call", "organisation__category", "organisation__country", "opportunity", "agreement"
    ).prefetch_related(
        Prefetch("answers", Answer.objects.select_related("question")),
        "documents",
        Prefetch(
            "reviews",
            Review.objects.select_related("reviewer").prefetch_related(
                Prefetch("scores", Score.objects.select_related("criterion"))
            ),
        ),
        "declarations",
    )


def application_detail(*, user, pk) -> Application:
    return permissions.application_for(user, pk, application_detail_qs())


@dataclass
class Ranked:
    application: Application
    mean: Decimal | None
    reviews: int
    rank: int = 0


def ranking(call: Call) -> list[Ranked]:
    """Sent applications by mean weighted score (highest first; unscored last), ties broken by
    who submitted first, then by id: the same scores always give the same order."""
    applications = (
        call.applications.filter(status__in=SENT_STATUSES)
        .select_related("organisation")
        .prefetch_related(Prefetch("reviews", Review.objects.only("id", "application_id", "total")))
    )
    rows = [
        Ranked(a, mean(r.total for r in a.reviews.all()), len(a.reviews.all()))
        for a in guarded(applications)
    ]
    rows.sort(
        key=lambda r: (r.mean is None, -(r.mean or 0), r.application.submitted_at, r.application.pk)
    )
    for n, row in enumerate(rows, start=1):
        row.rank = n
    return rows
