"""The agreements app's part of `accord send_reminders` (the registry is
accord/engagement/reminders.py, which finds this module by autodiscovery):

- date-driven transitions: signed → active on the start date, active → expired after the end
  date (through the life cycle's guards, history with no person and a note); and the marks that
  make each obligation's reminder and escalation go once (`reminded_on`, `escalated_on`);
- reminders: an obligation falling due (to its owner, `remind_days_before` days ahead, once),
  an overdue obligation (to its owner and the agreement's owner, once per escalation), and an
  agreement expiring (to its owner, 90 and 30 days before the end date).

A dry run changes nothing: the sources then also list what the marks would have allowed."""

import logging
from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse

from accord.agreements import obligation_services, services
from accord.agreements.models import (
    IN_FORCE,
    OPEN_OBLIGATIONS,
    Agreement,
    AgreementStatus,
    Obligation,
)
from accord.agreements.obligation_services import MAX_REMIND_DAYS
from accord.engagement.reminders import Reminder, date_transition, reminder_source

logger = logging.getLogger(__name__)
EXPIRY_NOTICES = (90, 30)  # days before the end date
# Obligations are owed once the agreement is signed, until it is closed.
OWED = (
    AgreementStatus.SIGNED,
    AgreementStatus.ACTIVE,
    AgreementStatus.EXPIRED,
    AgreementStatus.TERMINATED,
)


def _long(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _move(rows, name: str, note, *, today: date, dry_run: bool) -> int:
    """Move each agreement of `rows` along the transition `name` as the system."""
    if dry_run:
        return rows.count()
    moved = 0
    for agreement in rows.select_related("type").order_by("id").iterator(chunk_size=500):
        try:
            services.agreement_transition(
                actor=None,
                agreement=agreement,
                transition=name,
                note=note(agreement),
                today=today,
            )
        except ValidationError as exc:  # a guard objects: leave it for a person to see
            logger.warning("send_reminders: %s not %sd: %s", agreement.reference, name, exc)
        else:
            moved += 1
    return moved


@date_transition("agreements.activate_on_start_date")
def activate_started(*, today: date, dry_run: bool) -> int:
    rows = Agreement.objects.filter(status=AgreementStatus.SIGNED, start_date__lte=today)
    return _move(
        rows,
        "activate",
        lambda a: f"Started on {_long(a.start_date)}: activated by date.",
        today=today,
        dry_run=dry_run,
    )


@date_transition("agreements.expire_after_end_date")
def expire_ended(*, today: date, dry_run: bool) -> int:
    rows = Agreement.objects.filter(status=AgreementStatus.ACTIVE, end_date__lt=today)
    return _move(
        rows,
        "expire",
        lambda a: f"Ended on {_long(a.end_date)}: expired by date.",
        today=today,
        dry_run=dry_run,
    )


def _owed() -> Q:
    return Q(status__in=OPEN_OBLIGATIONS, agreement__status__in=OWED)


def _falling_due(today: date, *, marked: bool) -> list[Obligation]:
    """Open obligations whose reminder is due: not yet reminded and within their lead time (or,
    with `marked`, reminded today), in one query."""
    window = Obligation.objects.filter(
        _owed(), due_date__gte=today, due_date__lte=today + timedelta(days=MAX_REMIND_DAYS)
    )
    wanted = (
        Q(reminded_on__isnull=True) | Q(reminded_on=today)
        if marked
        else Q(reminded_on__isnull=True)
    )
    rows = window.filter(wanted).select_related("owner", "agreement").order_by("id")
    return [
        o
        for o in rows
        if o.reminded_on == today or o.due_date - timedelta(days=o.remind_days_before) <= today
    ]


def _overdue(today: date, *, marked: bool):
    rows = Obligation.objects.filter(_owed(), due_date__lt=today)
    wanted = (
        Q(escalated_on__isnull=True) | Q(escalated_on=today)
        if marked
        else Q(escalated_on__isnull=True)
    )
    return rows.filter(wanted)


@date_transition("agreements.mark_obligation_reminders")
def mark_reminders(*, today: date, dry_run: bool) -> int:
    due = _falling_due(today, marked=False)
    if not dry_run:
        obligation_services.mark_sent(
            due, field="reminded_on", day=today, note="Reminder sent to the owner."
        )
    return len(due)


@date_transition("agreements.escalate_overdue_obligations")
def escalate_overdue(*, today: date, dry_run: bool) -> int:
    rows = list(_overdue(today, marked=False).order_by("id"))
    if not dry_run:
        obligation_services.mark_sent(
            rows,
            field="escalated_on",
            day=today,
            note="Overdue: escalated to the owner and the agreement's owner.",
        )
    return len(rows)


def _path(agreement_id: int) -> str:
    return reverse("agreements:detail", args=[agreement_id]) + "#obligations"


def _reachable(user) -> bool:
    return user is not None and user.is_active and bool(user.email)


@reminder_source("agreements.obligations_due", "Obligations falling due")
def obligations_due(today: date) -> Iterable[Reminder]:
    rows = sorted(_falling_due(today, marked=True), key=lambda o: (o.owner_id or 0, o.due_date))
    for o in rows:
        if _reachable(o.owner):
            yield Reminder(
                "agreements.obligations_due",
                f"obligation:{o.pk}",
                o.owner,
                f"{o.title} (due {_long(o.due_date)}; {o.agreement.reference})",
                _path(o.agreement_id),
            )


@reminder_source("agreements.overdue_obligations", "Overdue obligations (escalated)")
def overdue_obligations(today: date) -> Iterable[Reminder]:
    rows = _overdue(today, marked=True).select_related("owner", "agreement__owner")
    for o in rows.order_by("due_date", "id"):
        recipients = {u.pk: u for u in (o.owner, o.agreement.owner) if _reachable(u)}
        for user in recipients.values():
            yield Reminder(
                "agreements.overdue_obligations",
                f"obligation:{o.pk}:escalation",
                user,
                f"{o.title} was due {_long(o.due_date)} ({o.agreement.reference}; owner: "
                f"{o.owner or 'nobody'})",
                _path(o.agreement_id),
            )


@reminder_source("agreements.expiring", "Agreements about to expire")
def expiring_agreements(today: date) -> Iterable[Reminder]:
    ends = {today + timedelta(days=n): n for n in EXPIRY_NOTICES}
    rows = Agreement.objects.filter(status__in=IN_FORCE, end_date__in=ends, owner__isnull=False)
    for a in rows.select_related("owner").order_by("end_date", "id"):
        if _reachable(a.owner):
            days = ends[a.end_date]
            yield Reminder(
                "agreements.expiring",
                f"agreement:{a.pk}:expiry-{days}",
                a.owner,
                f"{a.reference} {a.title} ends on {_long(a.end_date)} (in {days} days)",
                reverse("agreements:detail", args=[a.pk]),
            )
