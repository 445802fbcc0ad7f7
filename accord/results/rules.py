"""The arithmetic of the results framework, kept pure (no database) so every edge is tested:
how values combine under an indicator's aggregation rule, and its status against a target.

Aggregation (over the periods inside a longer period, or over the parts of a
disaggregation when no total was given):

- sum: the values added up;
- average: the mean of the values;
- latest: the value of the latest period (over parts of one period: their sum);
- ratio: sum of numerators / sum of denominators (× 100 for a percentage), never the average
  of the ratios.

Status against a target (the documented rule):

    progress = (value − baseline) / (target − baseline)    (baseline 0 when there is none)
    expected = the share of the target's period elapsed (1 once it is over)
    on track   when progress ≥ expected
    at risk    when progress ≥ 0.75 × expected
    off track  otherwise

The formula reads the same way for "lower is better" (the target is below the baseline, both
differences are negative). When the target is no better than the baseline (equal, or on the
worse side of it), the value must simply be at least as good as the target. No target or no
approved value: "no data"."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from accord.results.models import Aggregation, Direction, Unit

HUNDRED = Decimal(100)
AT_RISK_SHARE = Decimal("0.75")
QUANTUM = Decimal("0.0001")


class Status:
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


STATUS_LABELS = {
    Status.ON_TRACK: "On track",
    Status.AT_RISK: "At risk",
    Status.OFF_TRACK: "Off track",
    Status.NO_DATA: "No data",
}


@dataclass(frozen=True)
class Point:
    """One value to combine: the end of its period orders "latest"; numerator and denominator
    carry a ratio."""

    value: Decimal
    end: date | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def ratio_value(numerator: Decimal, denominator: Decimal, unit: str) -> Decimal | None:
    if not denominator:
        return None
    value = Decimal(numerator) / Decimal(denominator)
    if unit == Unit.PERCENTAGE:
        value *= HUNDRED
    return value.quantize(QUANTUM)


def combine(rule: str, unit: str, points: list[Point], *, same_period: bool = False):
    """The points combined by `rule` as (value, numerator, denominator); (None, None, None)
    when there is nothing to combine (or a ratio whose denominators add up to zero).
    `same_period` says the points are the parts of one period (latest then sums them)."""
    if not points:
        return None, None, None
    if rule == Aggregation.RATIO:
        numerator = sum((p.numerator or Decimal(0) for p in points), Decimal(0))
        denominator = sum((p.denominator or Decimal(0) for p in points), Decimal(0))
        return ratio_value(numerator, denominator, unit), numerator, denominator
    values = [Decimal(p.value) for p in points]
    if rule == Aggregation.AVERAGE:
        return (sum(values, Decimal(0)) / len(values)).quantize(QUANTUM), None, None
    if rule == Aggregation.LATEST and not same_period:
        latest = max(enumerate(points), key=lambda item: (item[1].end or date.min, item[0]))[1]
        return Decimal(latest.value), None, None
    return sum(values, Decimal(0)), None, None


def elapsed_share(start: date, end: date, today: date) -> Decimal:
    """How much of the period [start, end] has passed on `today` (0 before, 1 after)."""
    if today >= end:
        return Decimal(1)
    if today < start:
        return Decimal(0)
    days = (end - start).days + 1
    return Decimal((today - start).days + 1) / Decimal(days)


def progress(value: Decimal, baseline: Decimal | None, target: Decimal) -> Decimal | None:
    """The share of the way from baseline to target the value has gone (None when the target
    equals the baseline: there is no way to go)."""
    start = baseline if baseline is not None else Decimal(0)
    span = Decimal(target) - start
    if span == 0:
        return None
    return (Decimal(value) - start) / span


def status(
    *,
    value: Decimal | None,
    target: Decimal | None,
    baseline: Decimal | None,
    direction: str,
    expected: Decimal,
) -> str:
    if value is None or target is None:
        return Status.NO_DATA
    start = baseline if baseline is not None else Decimal(0)
    higher = direction == Direction.HIGHER
    if (target <= start) if higher else (target >= start):
        # No way to go (the target is the baseline, or allows things to get worse): the value
        # must simply be at least as good as the target.
        better_or_equal = value >= target if higher else value <= target
        return Status.ON_TRACK if better_or_equal else Status.OFF_TRACK
    share = progress(value, baseline, target)
    if share >= expected:
        return Status.ON_TRACK
    if share >= AT_RISK_SHARE * expected:
        return Status.AT_RISK
    return Status.OFF_TRACK
