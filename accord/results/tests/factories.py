"""Building blocks of the results tests: indicators with exactly the rule under test, and
measurements stored in a given state (directly, so each test says where it starts)."""

from decimal import Decimal

from accord.results.models import Indicator, Measurement, MeasurementStatus, Source, Target
from accord.results.periods import period_get

_counter = iter(range(1, 100_000))


def indicator(code: str | None = None, **fields) -> Indicator:
    values = {
        "code": code or f"T-{next(_counter)}",
        "name": "Test indicator",
        "definition": "What is counted.",
        "unit": "number",
        "direction": "higher",
        "aggregation": "sum",
        "source": Source.MANUAL,
        "disaggregations": [],
    }
    return Indicator.objects.create(**(values | fields))


def measurement(
    ind: Indicator,
    period: str,
    value=None,
    *,
    status=MeasurementStatus.APPROVED,
    dimension: str = "",
    part: str = "",
    numerator=None,
    denominator=None,
    region=None,
    entered_by=None,
    source=Source.MANUAL,
) -> Measurement:
    return Measurement.objects.create(
        indicator=ind,
        period=period_get(period),
        value=Decimal(str(value or 0)),
        numerator=numerator,
        denominator=denominator,
        dimension=dimension,
        dimension_value=part,
        status=status,
        region=region,
        entered_by=entered_by,
        source=source,
    )


def target(ind: Indicator, period: str, value) -> Target:
    return Target.objects.create(indicator=ind, period=period_get(period), value=Decimal(value))
