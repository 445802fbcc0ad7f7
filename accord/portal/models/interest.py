"""Expressions of interest: a partner aligns its knowledge, expertise and resources with the
outcomes, flagship programmes and countries of the strategic plan, and says what it offers
and what it seeks."""

from django.conf import settings
from django.db import models

from accord.core.models import TimeStamped


class InterestStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ExpressionOfInterest(TimeStamped):
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="expressions_of_interest"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    offers = models.TextField(help_text="Knowledge, expertise and resources the partner offers.")
    seeks = models.TextField(blank=True, help_text="What the partner seeks from the partnership.")
    resources = models.JSONField(default=list, blank=True)  # partners.Resource codes
    outcomes = models.ManyToManyField("strategy.Outcome", blank=True, related_name="+")
    flagships = models.ManyToManyField("strategy.FlagshipProgramme", blank=True, related_name="+")
    countries = models.ManyToManyField("accounts.Country", blank=True, related_name="+")
    status = models.CharField(
        max_length=10, choices=InterestStatus.choices, default=InterestStatus.SUBMITTED
    )
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What staff made of it (the records live in their own apps).
    engagement = models.ForeignKey(
        "engagement.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opportunity = models.ForeignKey(
        "funding.Opportunity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "expression of interest"
        verbose_name_plural = "expressions of interest"
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["status", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title
