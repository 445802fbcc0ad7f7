"""The diligence app's part of `accord send_reminders` (the registry is
accord/engagement/reminders.py, which finds this module by autodiscovery):

- a review approved (with or without conditions) falls due for renewal `remind_days_before`
  days before it expires (the policy): its preparer and the partner's relationship owner are
  reminded once (`reminded_on`, marked by a date-driven transition), unless a newer review of
  the partner is already under way or decided;
- possible sanctions matches left open for more than 7 days: every person who may decide hits
  gets one digest line a day with how many wait and since when.

A dry run changes nothing: the sources then also list what the marks would have allowed."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse

from accord.accounts.models import User
from accord.accounts.roles import ACTIONS
from accord.diligence import review_services
from accord.diligence.models import DiligenceReview, HitStatus, ReviewStatus, ScreeningHit
from accord.diligence.selectors import APPROVED, current_policy
from accord.engagement.reminders import Reminder, date_transition, reminder_source

OPEN_HIT_DAYS = 7


def _long(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _reachable(user) -> bool:
    return user is not None and user.is_active and bool(user.email)


def _renewals(today: date, *, marked: bool) -> list[DiligenceReview]:
    """Approvals whose renewal is due and not reminded yet (or, with `marked`, reminded
    today), leaving out partners whose newer review is under way or decided."""
    days = current_policy().remind_days_before
    newer = DiligenceReview.objects.filter(
        organisation_id=OuterRef("organisation_id"), created_at__gt=OuterRef("created_at")
    ).exclude(status=ReviewStatus.WITHDRAWN)
    wanted = Q(reminded_on__isnull=True) | Q(reminded_on=today) if marked else Q(
        reminded_on__isnull=True
    )
    rows = (
        DiligenceReview.objects.filter(
            wanted, status__in=APPROVED, valid_until__gte=today,
            valid_until__lte=today + timedelta(days=days),
        )
        .exclude(Exists(newer))
        .select_related("organisation__owner", "prepared_by")
        .order_by("valid_until", "id")
    )
    return list(rows)


@date_transition("diligence.mark_review_renewals")
def mark_renewals(*, today: date, dry_run: bool) -> int:
    due = _renewals(today, marked=False)
    if not dry_run:
        review_services.mark_reminded(due, day=today)
    return len(due)


@reminder_source("diligence.reviews_due", "Due-diligence reviews due for renewal")
def reviews_due(today: date) -> Iterable[Reminder]:
    for review in _renewals(today, marked=True):
        org = review.organisation
        recipients = {u.pk: u for u in (review.prepared_by, org.owner) if _reachable(u)}
        for user in recipients.values():
            yield Reminder(
                "diligence.reviews_due",
                f"review:{review.pk}:renewal",
                user,
                f"{org.name}: the due-diligence review expires on {_long(review.valid_until)}"
                " — start a new one",
                reverse("partners:detail", args=[org.pk]) + "?tab=diligence",
            )


def _deciders():
    roles = ACTIONS["diligence.decide_hit"]
    return (
        User.objects.filter(Q(role__in=roles) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
        .order_by("id")
    )


@reminder_source("diligence.open_hits", "Possible sanctions matches waiting for a decision")
def open_hits(today: date) -> Iterable[Reminder]:
    waiting = ScreeningHit.objects.filter(
        status=HitStatus.OPEN, created_at__date__lt=today - timedelta(days=OPEN_HIT_DAYS)
    ).aggregate(count=Count("id"), since=Min("created_at"))
    if not waiting["count"]:
        return
    count, since = waiting["count"], waiting["since"].date()
    text = (
        f"{count} possible sanctions match{'es' if count != 1 else ''} open for more than "
        f"{OPEN_HIT_DAYS} days (the oldest since {_long(since)})"
    )
    for user in _deciders():
        yield Reminder(
            "diligence.open_hits", "screening-hits:open", user, text,
            reverse("diligence:hits"),
        )
