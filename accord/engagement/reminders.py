"""`accord send_reminders`: the registry of reminder sources and date-driven transitions, the
engagement app's own sources, and the daily run.

A source is a function `collect(today) -> iterable of Reminder`, registered with
`@reminder_source(name, title)`; a date-driven transition is `run(*, today, dry_run) -> int`
(how many records it moved), registered with `@date_transition(name)`. Each app declares its
own in a `reminders.py` module (found like admin.py is: `autodiscover_modules`), so a new app
(agreements: expiries, obligations) adds its reminders without touching the command.

A run sends one digest e-mail per recipient with every reminder due to them that day, through
Django's mailers (console by default). It is safe to repeat and to start on several servers at
once: one `ReminderRun` row per day is locked while a run works, and each reminder sent is
kept (`ReminderSent`, unique per day, source, record and recipient) so nothing goes twice the
same day. E-mails go out after the run's transaction commits."""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from accord.engagement.health import last_held_subquery, stale_threshold
from accord.engagement.models import (
    OPEN_STATUSES,
    FollowUp,
    PlanAction,
    ReminderRun,
    ReminderSent,
)
from accord.partners.models import Organisation, OrganisationStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminder:
    source: str
    key: str  # the record it is about, e.g. "follow-up:12"
    recipient: object  # a User with an e-mail address
    text: str
    path: str = ""


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    collect: Callable[[date], Iterable[Reminder]]


SOURCES: dict[str, Source] = {}
TRANSITIONS: dict[str, Callable[..., int]] = {}


def reminder_source(name: str, title: str):
    """Register `collect(today)` as the reminder source `name` (its digest heading `title`)."""

    def register(collect):
        SOURCES[name] = Source(name, title, collect)
        return collect

    return register


def date_transition(name: str):
    """Register `run(*, today, dry_run) -> int` as a date-driven transition."""

    def register(run):
        TRANSITIONS[name] = run
        return run

    return register


# --- the engagement app's reminders ---


def _long(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


@reminder_source("engagement.stale_relationships", "Partners you have not engaged for a while")
def stale_relationships(today: date) -> Iterable[Reminder]:
    partners = (
        Organisation.objects.filter(
            status=OrganisationStatus.ACTIVE,
            archived_at__isnull=True,
            owner__isnull=False,
            owner__is_active=True,
        )
        .exclude(owner__email="")
        .select_related("owner")
        .annotate(last=last_held_subquery(today), stale_before=stale_threshold(today))
        .order_by("owner_id", "sort_name")
    )
    for org in partners.iterator(chunk_size=2000):
        if org.last is not None and org.last >= org.stale_before:
            continue
        when = f"last engagement {_long(org.last)}" if org.last else "no engagement recorded"
        yield Reminder(
            "engagement.stale_relationships",
            f"organisation:{org.pk}",
            org.owner,
            f"{org} — {when}",
            reverse("partners:detail", args=[org.pk]) + "?tab=engagements",
        )


@reminder_source("engagement.overdue_follow_ups", "Overdue follow-ups")
def overdue_follow_ups(today: date) -> Iterable[Reminder]:
    follow_ups = (
        FollowUp.objects.filter(done_at__isnull=True, due_date__lt=today, owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner", "engagement")
        .order_by("owner_id", "due_date", "id")
    )
    for f in follow_ups.iterator(chunk_size=2000):
        yield Reminder(
            "engagement.overdue_follow_ups",
            f"follow-up:{f.pk}",
            f.owner,
            f"{f.description} (due {_long(f.due_date)}; from “{f.engagement.title}”)",
            reverse("engagement:detail", args=[f.engagement_id]) + "#follow-ups",
        )


@reminder_source("engagement.overdue_plan_actions", "Overdue actions of the implementation plan")
def overdue_plan_actions(today: date) -> Iterable[Reminder]:
    actions = (
        PlanAction.objects.filter(
            status__in=OPEN_STATUSES, due_date__lt=today, owner__is_active=True
        )
        .exclude(owner__email="")
        .select_related("owner")
        .order_by("owner_id", "due_date", "id")
    )
    for a in actions.iterator(chunk_size=2000):
        yield Reminder(
            "engagement.overdue_plan_actions",
            f"plan-action:{a.pk}",
            a.owner,
            f"{a.title} (due {_long(a.due_date)}, {a.get_status_display().lower()})",
            reverse("engagement:action_detail", args=[a.pk]),
        )


# --- the run ---


@dataclass
class RunReport:
    today: date
    dry_run: bool = False
    busy: bool = False
    transitions: dict[str, int] = field(default_factory=dict)
    digests: dict = field(default_factory=dict)  # recipient -> [Reminder]
    skipped: int = 0  # already sent today

    @property
    def reminders(self) -> int:
        return sum(len(items) for items in self.digests.values())


def digest_message(recipient, reminders: list[Reminder], today: date) -> EmailMessage:
    """One e-mail with every reminder due to `recipient` today, grouped by source."""
    base = getattr(settings, "ACCORD_BASE_URL", "").rstrip("/")
    lines = [f"Hello {recipient},", "", f"Accord has {len(reminders)} reminder(s) for you:"]
    for name, source in SOURCES.items():
        items = [r for r in reminders if r.source == name]
        if items:
            lines += ["", f"{source.title} ({len(items)}):"]
            lines += [f"  - {r.text}" + (f"\n    {base}{r.path}" if r.path else "") for r in items]
    lines += ["", "You receive this once a day while something is due."]
    count = len(reminders)
    return EmailMessage(
        subject=f"Accord: {count} reminder{'s' if count != 1 else ''} for {_long(today)}",
        body="\n".join(lines),
        to=[recipient.email],
    )


def _collect(today: date) -> list[Reminder]:
    return [r for source in SOURCES.values() for r in source.collect(today)]


def _group(reminders: Iterable[Reminder]) -> dict:
    digests: dict = {}
    for reminder in reminders:
        digests.setdefault(reminder.recipient, []).append(reminder)
    return digests


def _send(digests: dict, today: date) -> None:
    messages = [digest_message(user, items, today) for user, items in digests.items()]
    for message in messages:
        try:
            message.send()
        except Exception:  # one unreachable mailbox must not stop the others
            logger.exception("send_reminders: could not send to %s", message.to)


def send_reminders(*, today: date | None = None, dry_run: bool = False) -> RunReport:
    """Run the date-driven transitions and send the day's reminders (see the module)."""
    autodiscover_modules("reminders")
    today = today or timezone.localdate()
    report = RunReport(today=today, dry_run=dry_run)
    if dry_run:
        for name, transition in TRANSITIONS.items():
            report.transitions[name] = transition(today=today, dry_run=True)
        sent = set(ReminderSent.objects.filter(day=today).values_list("source", "key", "recipient"))
        fresh = [r for r in _collect(today) if (r.source, r.key, r.recipient.pk) not in sent]
        report.digests = _group(fresh)
        return report
    with transaction.atomic():
        run, _ = ReminderRun.objects.get_or_create(day=today)
        # Another server holding today's row is doing the work: leave it to it.
        run = ReminderRun.objects.select_for_update(skip_locked=True).filter(pk=run.pk).first()
        if run is None:
            report.busy = True
            return report
        for name, transition in TRANSITIONS.items():
            report.transitions[name] = transition(today=today, dry_run=False)
        sent = set(ReminderSent.objects.filter(day=today).values_list("source", "key", "recipient"))
        reminders = _collect(today)
        fresh = [r for r in reminders if (r.source, r.key, r.recipient.pk) not in sent]
        report.skipped = len(reminders) - len(fresh)
        ReminderSent.objects.bulk_create(
            [
                ReminderSent(day=today, source=r.source, key=r.key, recipient=r.recipient)
                for r in fresh
            ]
        )
        run.sent += len(fresh)
        run.finished_at = timezone.now()
        run.save(update_fields=["sent", "finished_at"])
        report.digests = _group(fresh)
        digests = report.digests
        transaction.on_commit(lambda: _send(digests, today))
    return report
