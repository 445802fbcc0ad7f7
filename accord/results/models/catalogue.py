"""The indicator catalogue (what is measured, how values combine, which way is better), the
reporting periods, and the targets set for each indicator and period."""

from django.db import models

from accord.core.models import Versioned

VALUE_DIGITS = {"max_digits": 20, "decimal_places": 4}


class Unit(models.TextChoices):
    NUMBER = "number", "Number"
    PERCENTAGE = "percentage", "Percentage"
    CURRENCY = "currency", "US dollars"
    YES_NO = "yes_no", "Yes / no"


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Aggregation(models.TextChoices):
    """How values of several periods (or of the parts of a disaggregation) combine."""

    SUM = "sum", "Sum"
    AVERAGE = "average", "Average"
    LATEST = "latest", "Latest value"
    RATIO = "ratio", "Ratio of numerator and denominator"


class Source(models.TextChoices):
    MANUAL = "manual", "Entered by hand"
    COMPUTED = "computed", "Computed from Accord's data"


class Indicator(Versioned):
    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=300)
    definition = models.TextField()
    unit = models.CharField(max_length=12, choices=Unit.choices, default=Unit.NUMBER)
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    aggregation = models.CharField(
        max_length=8, choices=Aggregation.choices, default=Aggregation.SUM
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    compute_function = models.CharField(
        max_length=64, blank=True, help_text="Key of the function in accord/results/kpis.py."
    )
    outcome = models.ForeignKey(
        "strategy.Outcome", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    expected_result = models.ForeignKey(
        "strategy.ExpectedResult",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        "strategy.PartnerCategory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="partner category",
    )
    disaggregations = models.JSONField(
        default=list, blank=True, help_text="Dimension codes: category, region, sex, age."
    )
    baseline = models.DecimalField(null=True, blank=True, **VALUE_DIGITS)
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_computed(self) -> bool:
        return self.source == Source.COMPUTED


class PeriodKind(models.TextChoices):
    YEAR = "year", "Year"
    QUARTER = "quarter", "Quarter"


class Period(models.Model):
    """A reporting period: a calendar year ("2025") or a quarter ("2025-Q2"). A year contains
    its quarters by dates, which is how quarterly values roll up into the year."""

    code = models.CharField(max_length=16, unique=True)
    label = models.CharField(max_length=40)
    kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["start", "-end"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="results_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Target(Versioned):
    """What an indicator should reach by the end of a period. A computed target (resources
    mobilised: the funding targets of the year) is replaced on recomputation; a target set by
    hand never is."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(**VALUE_DIGITS)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    note = models.CharField(max_length=300, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["indicator", "period__start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="results_target_uniq")
        ]

    def __str__(self) -> str:
        return f"Target of {self.indicator.code} for {self.period.code}: {self.value}"
