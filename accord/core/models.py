"""Base model fields and the append-only change history shared by every domain app."""

from django.conf import settings
from django.db import models


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Versioned(TimeStamped):
    """A record edited by people: `version` grows by one on every save through a service, so a
    stale edit (someone saved in between) can be refused instead of overwriting."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class HistoryEntry(models.Model):
    """One change to one domain record: who, when, what (field -> [old, new]).

    Append-only: services write entries in the same transaction as the change; nothing
    updates or deletes them. `batch` groups the entries of one import or bulk operation."""

    class Action(models.TextChoices):
        CREATE = "create", "created"
        UPDATE = "update", "updated"
        ARCHIVE = "archive", "archived"
        RESTORE = "restore", "restored"
        DELETE = "delete", "deleted"
        MERGE = "merge", "merged"

    model = models.CharField(max_length=64)  # "partners.organisation"
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    changes = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    batch = models.CharField(max_length=64, blank=True, db_index=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["model", "object_id", "-at"])]
        ordering = ["-at", "-id"]
        verbose_name_plural = "history entries"

    def __str__(self) -> str:
        return f"{self.model}#{self.object_id} {self.action} at {self.at:%Y-%m-%d %H:%M}"


class Money(models.Model):
    """An amount as it was given (Decimal, ISO 4217 currency, value date) and its USD value with
    the rate that produced it and where that rate came from. The USD value is set once, by the
    service that records the amount, and never recomputed silently."""

    amount = models.DecimalField(max_digits=18, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD")
    value_date = models.DateField()
    amount_usd = models.DecimalField(max_digits=18, decimal_places=2)
    usd_rate = models.DecimalField(
        max_digits=20, decimal_places=8, help_text="Units of the currency per 1 USD."
    )
    rate_source = models.CharField(max_length=120)

    class Meta:
        abstract = True
