"""Measurements: one value of an indicator for a period (and one part of a disaggregation),
entered by hand through a life cycle (accord/results/states.py) or computed by Accord."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned
from accord.results.models.catalogue import VALUE_DIGITS, Indicator, Period, Source


class MeasurementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


class Measurement(Versioned):
    """`dimension` is "" for the indicator's total, else the disaggregation ("category",
    "region", "sex", "age") with `dimension_value` the part's code. `region` is the region the
    value covers (set for region parts): it decides which regional focal points see and enter
    it. Only approved values count anywhere."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(max_length=12, blank=True, verbose_name="disaggregation")
    dimension_value = models.CharField(max_length=40, blank=True, verbose_name="part")
    region = models.ForeignKey(
        "accounts.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(**VALUE_DIGITS)
    numerator = models.DecimalField(null=True, blank=True, **VALUE_DIGITS)
    denominator = models.DecimalField(null=True, blank=True, **VALUE_DIGITS)
    status = models.CharField(
        max_length=10, choices=MeasurementStatus.choices, default=MeasurementStatus.DRAFT
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["indicator", "period__start", "dimension", "dimension_value"]
        indexes = [
            models.Index(fields=["indicator", "status", "period"], name="results_meas_ind_idx"),
            models.Index(fields=["status", "-updated_at"], name="results_meas_queue_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "dimension", "dimension_value"],
                name="results_measurement_uniq",
            ),
        ]

    def __str__(self) -> str:
        part = f" [{self.dimension}: {self.dimension_value}]" if self.dimension else ""
        return f"Measurement {self.pk} ({self.value}){part}"
