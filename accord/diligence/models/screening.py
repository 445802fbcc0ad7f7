"""Screening results: every potential match of a partner organisation or a contact against a
list entry, with the list version, the score and its explanation, and the reviewer's decision.

A hit that is open (not yet decided) or confirmed blocks its organisation (no committed
pipeline stage, no signature). A false positive is not raised again for the same entry and
list version unless the screened names change (`names_fingerprint`)."""

from django.conf import settings
from django.db import models


class ScreeningTrigger(models.TextChoices):
    CREATED = "created", "Registered"
    CHANGED = "changed", "Screened field changed"
    NEW_VERSION = "new_version", "New list version"
    ON_DEMAND = "on_demand", "On demand"


class ScreeningRun(models.Model):
    trigger = models.CharField(max_length=12, choices=ScreeningTrigger.choices)
    version = models.ForeignKey(
        "diligence.ListVersion", on_delete=models.PROTECT, related_name="runs"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    counts = models.JSONField(default=dict, blank=True)  # screened, hits, new hits…
    progress = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Screening {self.pk} ({self.get_trigger_display()})"


class HitStatus(models.TextChoices):
    OPEN = "open", "To review"
    CONFIRMED = "confirmed", "Confirmed match"
    FALSE_POSITIVE = "false_positive", "False positive"
    CLEARED = "cleared", "No longer matches"  # names changed, or the entry was delisted


BLOCKING_HITS = (HitStatus.OPEN, HitStatus.CONFIRMED)


class ScreeningHit(models.Model):
    organisation = models.ForeignKey(
        "partners.Organisation", null=True, blank=True, on_delete=models.CASCADE,
        related_name="screening_hits",
    )
    contact = models.ForeignKey(
        "partners.Contact", null=True, blank=True, on_delete=models.CASCADE,
        related_name="screening_hits",
    )
    entry = models.ForeignKey("diligence.Entry", on_delete=models.PROTECT, related_name="hits")
    entry_name = models.ForeignKey(
        "diligence.EntryName", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.ForeignKey(
        "diligence.ListVersion", on_delete=models.PROTECT, related_name="hits"
    )
    run = models.ForeignKey(
        ScreeningRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="hits"
    )
    screened_name = models.CharField(max_length=500, help_text="The partner's name that matched.")
    names_fingerprint = models.CharField(max_length=64)
    score = models.DecimalField(max_digits=4, decimal_places=3)
    explanation = models.JSONField(default=list)  # plain-English reasons, strongest first
    status = models.CharField(max_length=16, choices=HitStatus.choices, default=HitStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, contact__isnull=True)
                    | models.Q(organisation__isnull=True, contact__isnull=False)
                ),
                name="screeninghit_one_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-score"], name="hit_queue_idx"),
            models.Index(fields=["organisation", "status"], name="hit_org_idx"),
            models.Index(fields=["contact", "status"], name="hit_contact_idx"),
            models.Index(fields=["entry", "version"], name="hit_entry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.screened_name} ~ {self.entry} ({self.score})"
