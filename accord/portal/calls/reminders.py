"""The calls app's part of `accord send_reminders` (found by autodiscovery in
accord/engagement/reminders.py, like every app's reminders.py): published calls whose
deadline has passed are closed, through the life cycle's guards, as the system.

Run for today, the cut-off is now; run for another day (`--today`), it is that day's start,
so a rehearsal never closes a call whose deadline falls later that day."""

from datetime import date, datetime, time

from django.utils import timezone

from accord.engagement.reminders import date_transition
from accord.portal.calls.services import close_due_calls


def cut_off(today: date) -> datetime:
    if today == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(today, time.min))


@date_transition("calls.close_after_deadline")
def close_calls(*, today: date, dry_run: bool) -> int:
    return close_due_calls(now=cut_off(today), dry_run=dry_run)
