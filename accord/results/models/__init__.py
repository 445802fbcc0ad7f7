"""The results framework's tables: the indicator catalogue, periods, targets, measurements."""

from accord.results.models.catalogue import (
    Aggregation,
    Direction,
    Indicator,
    Period,
    PeriodKind,
    Source,
    Target,
    Unit,
)
from accord.results.models.measurements import Measurement, MeasurementStatus

__all__ = [
    "Aggregation",
    "Direction",
    "Indicator",
    "Measurement",
    "MeasurementStatus",
    "Period",
    "PeriodKind",
    "Source",
    "Target",
    "Unit",
]
