"""Due-diligence reviews: a checklist based on the UN exclusionary criteria and Global Compact
participation, with evidence, a risk rating, and a decision taken by someone other than the
person who prepared the review (four eyes), valid until a date. Which partner categories need
one is a setting an administrator changes (`DiligencePolicy`)."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned


class DiligencePolicy(models.Model):
    """Which partner categories need a due-diligence review, and for how long one is valid."""

    categories = models.ManyToManyField("strategy.PartnerCategory", blank=True, related_name="+")
    validity_months = models.PositiveSmallIntegerField(default=24)
    remind_days_before = models.PositiveSmallIntegerField(default=60)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name_plural = "due-diligence policy"

    def __str__(self) -> str:
        return "Due-diligence policy"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Being prepared"
    SUBMITTED = "submitted", "Awaiting decision"
    APPROVED = "approved", "Approved"
    CONDITIONAL = "conditional", "Approved with conditions"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class RiskRating(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class DiligenceReview(Versioned):
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="diligence_reviews"
    )
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    # {criterion code: {"answer": "clear"|"concern"|"unknown", "note": "…"}}; the criteria are
    # data in accord/diligence/checklist.py.
    checklist = models.JSONField(default=dict, blank=True)
    global_compact = models.CharField(
        max_length=12, blank=True,
        choices=[("participant", "Participant"), ("not", "Not a participant"),
                 ("unknown", "Unknown")],
    )
    evidence = models.TextField(blank=True, help_text="Sources consulted, links, documents.")
    notes = models.TextField(blank=True)
    risk_rating = models.CharField(max_length=8, choices=RiskRating.choices, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    conditions = models.TextField(blank=True)
    valid_until = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "valid_until"], name="review_org_idx"),
            models.Index(fields=["status", "valid_until"], name="review_due_idx"),
        ]

    def __str__(self) -> str:
        return f"Due diligence of {self.organisation_id} ({self.get_status_display()})"
