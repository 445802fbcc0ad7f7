"""Scoring models (versions of criterion weights and priorities), score runs and the scores they
produced.

A version fully determines the scores (with the data they read): its weights and its
priorities. Only a draft can be edited; activating a draft retires the active version (exactly
one is active). A score row stays tied to the run, and so to the version, that produced it."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned
from accord.partners.models import Resource
from accord.prioritization.criteria import CRITERIA


class ModelStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"


class ScoringModel(Versioned):
    """One version of the scoring model. `version` (from Versioned) guards against stale edits;
    `number` is the version number people see ("version 3")."""

    number = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ModelStatus.choices, default=ModelStatus.DRAFT)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="copies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activated_at = models.DateTimeField(null=True, blank=True)
    # The administrator's priorities: what strategic alignment is measured against.
    priority_outcomes = models.ManyToManyField("strategy.Outcome", blank=True, related_name="+")
    priority_flagships = models.ManyToManyField(
        "strategy.FlagshipProgramme", blank=True, related_name="+"
    )
    priority_countries = models.ManyToManyField("accounts.Country", blank=True, related_name="+")
    priority_resources = models.JSONField(
        default=list, blank=True, help_text=f"Codes among: {', '.join(Resource.values)}."
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="active"),
                name="scoringmodel_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"Version {self.number}: {self.name}"

    @property
    def is_draft(self) -> bool:
        return self.status == ModelStatus.DRAFT


class CriterionWeight(models.Model):
    model = models.ForeignKey(ScoringModel, on_delete=models.CASCADE, related_name="weights")
    criterion = models.CharField(max_length=20, choices=[(c.code, c.label) for c in CRITERIA])
    weight = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["model", "id"]
        constraints = [
            models.UniqueConstraint(fields=["model", "criterion"], name="criterionweight_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}={self.weight}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Scoring"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ScoreRun(models.Model):
    """One computation of every organisation's score with one model version, as of a day (the
    day recency is measured from)."""

    model = models.ForeignKey(ScoringModel, on_delete=models.PROTECT, related_name="runs")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    as_of = models.DateField()
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    scored = models.PositiveIntegerField(default=0, help_text="Organisations scored.")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    error = models.TextField(blank=True)
    # The version's weights and the sizes of its priority lists when the run was made, so the
    # words of a breakdown ("3 of the 4 priority outcomes") stay true to the run.
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        indexes = [models.Index(fields=["status", "-finished_at"], name="scorerun_done_idx")]

    def __str__(self) -> str:
        return f"Score run {self.pk} ({self.model})"


class PartnerScore(models.Model):
    """One organisation's score in one run: each criterion's value normalised to 0–1, its points
    (value x weight; negative for risk), the total, the rank within the partner category, the
    previous run's total (None when the partner is new), and `facts`, the figures the words of
    the breakdown are made of. Category and region are copied from the organisation at scoring
    time so the ranking is one index range scan."""

    # No index of their own: the composite indexes below start with them (every index costs
    # time on each of the 100,000 rows a run writes).
    run = models.ForeignKey(
        ScoreRun, on_delete=models.CASCADE, related_name="scores", db_index=False
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    category = models.ForeignKey(
        "strategy.PartnerCategory", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    region = models.ForeignKey(
        "accounts.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    alignment = models.FloatField()
    resources = models.FloatField()
    reach = models.FloatField()
    relationship = models.FloatField()
    risk = models.FloatField()
    alignment_points = models.FloatField()
    resources_points = models.FloatField()
    reach_points = models.FloatField()
    relationship_points = models.FloatField()
    risk_points = models.FloatField()
    total = models.FloatField()
    category_rank = models.PositiveIntegerField()
    previous_total = models.FloatField(null=True, blank=True)
    facts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-total", "organisation_id"]
        indexes = [
            models.Index(
                fields=["run", "category", "region", "-total", "organisation"],
                name="score_cat_region_idx",
            ),
            models.Index(
                fields=["run", "category", "-total", "organisation"], name="score_cat_idx"
            ),
            models.Index(
                fields=["run", "region", "-total", "organisation"], name="score_region_idx"
            ),
            models.Index(fields=["run", "-total", "organisation"], name="score_run_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "run"], name="partnerscore_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.total:.1f} in run {self.run_id}"
