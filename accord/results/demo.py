"""Demonstration data of the results framework: `load_demo_results(seed)` computes the
partnership KPIs for the demo years (the three years before the demo partners were first
loaded, and that year), sets baselines and targets, and enters values of the indicators kept
by hand — past years approved, the current year at every step of the workflow (draft,
submitted, returned, approved) — entered by one demo officer and decided by another.

Everything goes through the services (history batch "demo", `is_demo`), is deterministic for
a seed, and is idempotent: a value, target or baseline already there is left alone."""

from decimal import Decimal

from django.db import transaction

from accord.engagement.demo import anchor
from accord.partners.demo import demo_staff
from accord.partners.demo_specs import DEFAULT_SEED, seeded_random
from accord.results import catalogue_services, services
from accord.results.compute import compute_kpis
from accord.results.models import Indicator, Measurement, MeasurementStatus, Source, Target
from accord.results.periods import period_get
from accord.results.selectors import indicator_series

BATCH = "demo"
# Yearly scale of each hand-kept indicator's total (yes/no and ratios have their own rule).
SCALE = {"RF-01": 12, "RF-02": 8, "RF-03": 1800, "RF-04": 40, "RF-07": 250_000, "RF-08": 60}
CURRENT_STEPS = [
    MeasurementStatus.APPROVED,
    MeasurementStatus.SUBMITTED,
    MeasurementStatus.RETURNED,
    MeasurementStatus.DRAFT,
]


def _officers():
    users, _ = demo_staff()
    officers = [u for u, _region in users if u.role == "officer"]
    return officers[0], officers[1]


def _figure(code: str, indicator: Indicator, year_index: int, rng) -> dict:
    """A plausible value that grows (or, lower is better, falls) from year to year."""
    if indicator.unit == "yes_no":
        return {"value": Decimal(1 if year_index >= 1 else 0)}
    if indicator.aggregation == "ratio":
        asked = Decimal(rng.randint(60, 90))
        return {
            "numerator": (asked * Decimal(rng.randint(60 + 5 * year_index, 85)) / 100).quantize(
                Decimal(1)
            ),
            "denominator": asked,
        }
    base = Decimal(SCALE.get(code, 10))
    factor = Decimal(1) + Decimal(year_index) / 10 * (-1 if indicator.direction == "lower" else 1)
    return {"value": (base * factor * Decimal(rng.randint(85, 115)) / 100).quantize(Decimal(1))}


def _enter(indicator, period, figure, *, step, enterer, approver) -> bool:
    if Measurement.objects.filter(indicator=indicator, period=period, dimension="").exists():
        return False
    m = services.measurement_create(
        actor=enterer, indicator=indicator, period=period, is_demo=True, batch=BATCH, **figure
    )
    if step == MeasurementStatus.DRAFT:
        return True
    services.measurement_transition(actor=enterer, measurement=m, transition="submit")
    if step == MeasurementStatus.APPROVED:
        services.measurement_transition(actor=approver, measurement=m, transition="approve")
    elif step == MeasurementStatus.RETURNED:
        services.measurement_transition(
            actor=approver,
            measurement=m,
            transition="return",
            reason="Please attach the list of sources and count each only once.",
        )
    return True


def _target_for(indicator: Indicator, value: Decimal) -> Decimal:
    if indicator.unit == "yes_no":
        return Decimal(1)
    if indicator.unit == "percentage":
        return min(Decimal(100), (value + 10).quantize(Decimal(1)))
    change = Decimal("0.9") if indicator.direction == "lower" else Decimal("1.15")
    return (value * change).quantize(Decimal(1))


@transaction.atomic
def load_demo_results(seed: int = DEFAULT_SEED) -> dict:
    last = anchor().year
    years = [str(y) for y in range(last - 3, last + 1)]
    counts = {"KPI values computed": 0, "values entered": 0, "targets": 0, "baselines": 0}
    for year in years:
        counts["KPI values computed"] += compute_kpis(year, batch=BATCH).created
    enterer, approver = _officers()
    manual = list(
        Indicator.objects.filter(
            source=Source.MANUAL, is_active=True, code__in=[*SCALE, "RF-05", "RF-06"]
        )
    )
    for indicator in manual:
        rng = seeded_random(seed, "results", indicator.code)
        for n, year in enumerate(years):
            step = (
                CURRENT_STEPS[manual.index(indicator) % len(CURRENT_STEPS)]
                if year == years[-1]
                else MeasurementStatus.APPROVED
            )
            counts["values entered"] += _enter(
                indicator,
                period_get(year),
                _figure(indicator.code, indicator, n, rng),
                step=step,
                enterer=enterer,
                approver=approver,
            )
    for indicator in Indicator.objects.filter(is_active=True).exclude(code="KPI-06"):
        counts["targets"] += _targets(indicator, years, counts)
    return counts


def _targets(indicator: Indicator, years: list[str], counts: dict) -> int:
    """Baseline from the first demo year's value; each later year's target from the year
    before it (the current year's value is still open)."""
    values = {p.period: p.value for p in indicator_series(indicator.code, kind="year")}
    first = values.get(years[0])
    if indicator.baseline is None and first is not None:
        catalogue_services.indicator_update(
            actor=None, indicator=indicator, baseline=first, baseline_year=int(years[0])
        )
        counts["baselines"] += 1
    have = set(Target.objects.filter(indicator=indicator).values_list("period__code", flat=True))
    made = 0
    for before, year in zip(years, years[1:], strict=False):
        value = values.get(before)
        if value is None or year in have:
            continue
        catalogue_services.target_set(
            actor=None,
            indicator=indicator,
            period=year,
            value=_target_for(indicator, value),
            is_demo=True,
            batch=BATCH,
        )
        made += 1
    return made
