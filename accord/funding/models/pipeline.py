"""The resource-mobilisation pipeline: opportunities with a partner, moving through stages.

Stages are data (an administrator may rename, add or retire them); each has a kind (open, won,
lost, withdrawn) and maps to a reporting class (uncommitted / committed / finalised). Which
stage changes are allowed, with their guards and side effects, is in
accord/funding/pipeline_states.py."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from accord.core.models import Money, Versioned


class ResourceKind(models.TextChoices):
    FINANCIAL = "financial", "Financial"
    IN_KIND = "in_kind", "In-kind"


class StageKind(models.TextChoices):
    OPEN = "open", "Open"
    WON = "won", "Won"
    LOST = "lost", "Lost"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Reporting(models.TextChoices):
    UNCOMMITTED = "uncommitted", "Uncommitted"
    COMMITTED = "committed", "Committed"
    FINALISED = "finalised", "Finalised"


class Stage(models.Model):
    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=80)
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=StageKind.choices, default=StageKind.OPEN)
    reporting = models.CharField(max_length=12, choices=Reporting.choices)
    default_probability = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(100)], help_text="Percent, proposed when entering it."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.kind == StageKind.OPEN


class Opportunity(Versioned, Money):
    """A prospect of resources from a partner. `amount` is the expected amount (for in-kind, the
    declared value); `value_date` is the date of that estimate, which fixes the USD rate."""

    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="opportunities"
    )
    co_funders = models.ManyToManyField(
        "partners.Organisation", blank=True, related_name="co_funded_opportunities"
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(
        max_length=10, choices=ResourceKind.choices, default=ResourceKind.FINANCIAL
    )
    in_kind_description = models.TextField(blank=True)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="opportunities")
    stage_changed_at = models.DateTimeField(null=True, blank=True)
    probability = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(100)], help_text="Percent."
    )
    expected_decision_date = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    close_reason = models.TextField(blank=True)
    flagship = models.ForeignKey(
        "strategy.FlagshipProgramme", null=True, blank=True, on_delete=models.PROTECT,
        related_name="opportunities", verbose_name="flagship programme",
    )
    outcomes = models.ManyToManyField("strategy.Outcome", blank=True, related_name="+")
    countries = models.ManyToManyField("accounts.Country", blank=True, related_name="+")
    strategies = models.ManyToManyField(
        "strategy.EngagementStrategy", blank=True, related_name="opportunities",
        verbose_name="strategy lines",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    office = models.CharField(max_length=150, blank=True)
    region = models.ForeignKey(
        "accounts.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The region of the partner (kept here for scoping and reporting).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["stage", "expected_decision_date"], name="opp_stage_idx"),
            models.Index(fields=["organisation", "-updated_at"], name="opp_org_idx"),
            models.Index(fields=["flagship", "stage"], name="opp_flagship_idx"),
            models.Index(fields=["region", "stage"], name="opp_region_idx"),
            models.Index(fields=["owner", "stage"], name="opp_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.title
