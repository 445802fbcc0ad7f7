"""Reads of governance records. Bodies and sessions are institution-wide; rows that name a
partner (memberships, participations) are limited to the partners the user may see. The
participation table by partner category counts every participation: it is the figure the
strategy asks about (line 2.3: local authorities in Executive Board and Assembly sessions)."""

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from accord.core.fetch import guarded
from accord.engagement import permissions
from accord.engagement.models import (
    BodyMembership,
    BodySession,
    GovernanceBody,
    SessionParticipation,
)
from accord.partners.permissions import organisation_scope
from accord.strategy.selectors import category_list

LOCAL_AUTHORITIES = "local_authority"


def _partner_rows(user, qs: QuerySet) -> QuerySet:
    scope = organisation_scope(user, "organisation__")
    return qs.none() if scope is None else qs.filter(scope)


def current_members_q(prefix: str = "", today=None) -> Q:
    """Memberships whose term includes today (an open start or end counts as current)."""
    today = today or timezone.localdate()
    started = Q(**{f"{prefix}term_start__isnull": True}) | Q(**{f"{prefix}term_start__lte": today})
    running = Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gte": today})
    return started & running


def body_list(*, user) -> QuerySet[GovernanceBody]:
    """Bodies by name, each with its number of current members, of sessions and the date of
    the last session."""
    if not permissions.can_view_governance(user):
        return GovernanceBody.objects.none()
    return guarded(
        GovernanceBody.objects.annotate(
            session_count=Count("sessions", distinct=True),
            last_session=Max("sessions__start_date"),
            member_count=Count(
                "memberships", distinct=True, filter=current_members_q("memberships__")
            ),
        ).order_by("name")
    )


def body_detail(*, user, pk) -> GovernanceBody:
    return permissions.body_for(user, pk)


def member_list(*, user, body: GovernanceBody, current_only: bool = False) -> QuerySet:
    """The body's members the user may see, current terms first, by partner name."""
    qs = BodyMembership.objects.filter(body=body).select_related(
        "organisation__category", "organisation__country", "contact"
    )
    if current_only:
        qs = qs.filter(current_members_q())
    return guarded(_partner_rows(user, qs).order_by("-term_end", "organisation__sort_name", "id"))


def session_list(*, body: GovernanceBody) -> QuerySet[BodySession]:
    """The body's sessions, latest first, each with its number of participating partners."""
    return guarded(
        BodySession.objects.filter(body=body)
        .annotate(participant_count=Count("participations"))
        .order_by("-start_date", "-id")
    )


def session_detail(*, user, pk) -> BodySession:
    return permissions.session_for(user, pk)


def participation_list(*, user, session: BodySession) -> QuerySet[SessionParticipation]:
    qs = SessionParticipation.objects.filter(session=session).select_related(
        "organisation__category", "organisation__country", "contact"
    )
    return guarded(_partner_rows(user, qs).order_by("organisation__sort_name", "id"))


def participation_by_category(*, body: GovernanceBody) -> dict:
    """Participations in the body's sessions per year and partner category (the strategy
    table's order), with each year's total and the share of local authorities:
    {"categories": [...], "rows": [{"year", "counts", "total", "local_share"}]} (latest
    year first). Two queries whatever the number of sessions."""
    categories = list(category_list())
    counts: dict[int, dict[int, int]] = {}
    rows = (
        SessionParticipation.objects.filter(session__body=body)
        .annotate(year=ExtractYear("session__start_date"))
        .values_list("year", "organisation__category_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for year, category_id, n in rows:
        counts.setdefault(year, {})[category_id] = n
    local = next((c.pk for c in categories if c.code == LOCAL_AUTHORITIES), None)
    table = []
    for year in sorted(counts, reverse=True):
        per = counts[year]
        total = sum(per.values())
        table.append(
            {
                "year": year,
                "counts": [per.get(c.pk, 0) for c in categories],
                "total": total,
                "local_share": round(100 * per.get(local, 0) / total) if total else 0,
            }
        )
    return {"categories": categories, "rows": table}
