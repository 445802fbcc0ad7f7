"""The implementation plan of the partnership strategy (section V, paragraph 15): actions
derived from the strategy lines, their progress notes and the engagements that carry them out.
Which status changes are allowed is data in accord/engagement/plan_states.py."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class PlanAction(Versioned):
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    category = models.ForeignKey(
        "strategy.PartnerCategory",
        on_delete=models.PROTECT,
        related_name="plan_actions",
        verbose_name="partner category",
    )
    strategies = models.ManyToManyField(
        "strategy.EngagementStrategy",
        blank=True,
        related_name="plan_actions",
        verbose_name="strategy lines",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_actions",
    )
    office = models.CharField(max_length=150, blank=True)
    region = models.ForeignKey(
        "accounts.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_actions",
        help_text="Empty for headquarters or global actions.",
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    engagements = models.ManyToManyField(
        "engagement.Engagement",
        blank=True,
        related_name="plan_actions",
        verbose_name="linked engagements",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["category", "due_date", "id"]
        indexes = [
            models.Index(fields=["category", "status", "due_date"], name="planaction_cat_idx"),
            models.Index(fields=["status", "due_date"], name="planaction_status_idx"),
            models.Index(fields=["owner", "status"], name="planaction_owner_idx"),
            models.Index(fields=["region", "status"], name="planaction_region_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ProgressNote(models.Model):
    """What happened on an action, in the words of the person who reports it; a note given with
    a status change (the reason for dropping, what was achieved) names that change."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    transition = models.CharField(max_length=24, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["action", "-at"], name="progressnote_action_idx")]

    def __str__(self) -> str:
        return self.text[:80]
