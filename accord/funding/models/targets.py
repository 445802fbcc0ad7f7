"""Funding targets: how much (in USD) a flagship programme or an outcome should raise in a year.
The funding view sets them against what was received, pledged and is in the pipeline."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned


class FundingTarget(Versioned):
    year = models.PositiveSmallIntegerField()
    flagship = models.ForeignKey(
        "strategy.FlagshipProgramme", null=True, blank=True, on_delete=models.PROTECT,
        related_name="funding_targets", verbose_name="flagship programme",
    )
    outcome = models.ForeignKey(
        "strategy.Outcome", null=True, blank=True, on_delete=models.PROTECT,
        related_name="funding_targets",
    )
    amount_usd = models.DecimalField(max_digits=18, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["year", "flagship", "outcome"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(flagship__isnull=False, outcome__isnull=True)
                    | models.Q(flagship__isnull=True, outcome__isnull=False)
                ),
                name="fundingtarget_one_subject",
            ),
            models.UniqueConstraint(
                fields=["year", "flagship"], condition=models.Q(outcome__isnull=True),
                name="fundingtarget_flagship_uniq",
            ),
            models.UniqueConstraint(
                fields=["year", "outcome"], condition=models.Q(flagship__isnull=True),
                name="fundingtarget_outcome_uniq",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_usd__gt=0), name="fundingtarget_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.flagship or self.outcome}: {self.amount_usd} USD"
