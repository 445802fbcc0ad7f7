"""What is owed under an agreement — reports to the donor, visibility, audits, renewals — with
its due date and owner. Reminders go out before the due date and escalate when it is overdue
(accord/agreements/reminders.py)."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned


class ObligationKind(models.TextChoices):
    NARRATIVE_REPORT = "narrative_report", "Narrative report"
    FINANCIAL_REPORT = "financial_report", "Financial report"
    VISIBILITY = "visibility", "Visibility requirement"
    AUDIT = "audit", "Audit"
    RENEWAL = "renewal", "Renewal or extension decision"
    OTHER = "other", "Other"


class ObligationStatus(models.TextChoices):
    OPEN = "open", "Open"
    SUBMITTED = "submitted", "Submitted"
    DONE = "done", "Done"
    WAIVED = "waived", "Waived"


OPEN_OBLIGATIONS = (ObligationStatus.OPEN, ObligationStatus.SUBMITTED)


class Obligation(Versioned):
    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="obligations"
    )
    kind = models.CharField(max_length=20, choices=ObligationKind.choices)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    due_date = models.DateField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obligations",
    )
    remind_days_before = models.PositiveSmallIntegerField(default=14)
    status = models.CharField(
        max_length=10, choices=ObligationStatus.choices, default=ObligationStatus.OPEN
    )
    completed_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(
        null=True, blank=True, help_text="When the owner was reminded it falls due (once)."
    )
    escalated_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="obligation_due_idx"),
            models.Index(fields=["owner", "status", "due_date"], name="obligation_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.title
