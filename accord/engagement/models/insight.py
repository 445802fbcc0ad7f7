"""What the strategy scorecard and the reminders keep: a computed scorecard per scope and
period (so the page does not aggregate millions of engagements on every request), and which
reminders went out on which day (so a second run, on this server or another, sends nothing
twice)."""

from django.conf import settings
from django.db import models


class ScorecardSnapshot(models.Model):
    """The scorecard's figures for one scope (all regions, or a set of regions), one period and
    one day, as computed by accord.engagement.scorecard. The engagement and plan services
    delete every snapshot when they change something the scorecard counts."""

    key = models.CharField(max_length=200, unique=True)
    payload = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.key


class ReminderRun(models.Model):
    """One run of `accord send_reminders` per day: its row is locked while the run works, so
    two servers starting at once do the work once."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"reminders of {self.day}"


class ReminderSent(models.Model):
    """A reminder that went out: `source` (e.g. "engagement.overdue_follow_ups") and `key` (the
    record it is about) for one recipient on one day; never sent twice the same day."""

    day = models.DateField()
    source = models.CharField(max_length=64)
    key = models.CharField(max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "source", "key", "recipient"], name="reminder_sent_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.key} to {self.recipient_id} on {self.day}"
